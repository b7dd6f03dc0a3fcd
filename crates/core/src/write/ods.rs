//! A small OpenDocument spreadsheet (.ods) writer, the sibling of `write::xlsx` for the same
//! tables: text cells (never formulas), numbers, real date cells shown dd/mm/yyyy, bold and
//! wrapped styles, column widths, a header row that repeats on every printed page
//! (`table:table-header-rows`) with an autofilter over the table, printed landscape. Cells take
//! the same `Cell` and `Style` as the Excel writer, and sheet names follow Excel's rules too, so
//! the file opens in Excel as it does in LibreOffice.
//!
//! A leaf module: it names only other `write` modules.

use std::fmt::Write as _;

use chrono::Datelike;

use crate::write::odf::{self, ROOT_ATTRIBUTES, SPREADSHEET_MIME, XML_DECLARATION};
use crate::write::package::Properties;
use crate::write::xlsx::{self, Cell, Style, WriteError};
use crate::write::xml;
use crate::write::zip::Deflating;

/// A spreadsheet being written: add a sheet, write its rows, add the next, then [`finish`].
///
/// [`finish`]: Spreadsheet::finish
#[derive(Default)]
pub struct Spreadsheet {
    properties: Properties,
    /// Finished `<table:table>` elements, deflated.
    tables: Deflating,
    /// The row being written.
    row: String,
    /// The sheet being written, its rows so far inside `tables`.
    open: Option<OpenSheet>,
    names: Vec<String>,
    /// One automatic column style per distinct width ("co0", "co1", …).
    column_widths: Vec<String>,
    /// `<table:database-range>` elements: the autofilter of each sheet with a header row.
    ranges: String,
}

struct OpenSheet {
    name: String,
    header_row: bool,
    n_rows: u32,
    n_columns: u32,
}

impl Spreadsheet {
    pub fn new(properties: Properties) -> Self {
        Self { properties, ..Self::default() }
    }

    /// Starts a sheet with these column widths (characters, as Excel's column width box shows
    /// them) and, if given, its header row.
    pub fn add_sheet<'c>(
        &mut self,
        name: &str,
        widths: &[f64],
        header: Option<Vec<(Cell<'c>, Style)>>,
    ) -> Result<(), WriteError> {
        xlsx::check_sheet_name(name)?;
        if self.names.iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            return Err(WriteError::DuplicateSheetName(name.to_owned()));
        }
        self.close_sheet();
        self.names.push(name.to_owned());
        self.tables.push_str(&format!("<table:table table:name=\"{}\" table:style-name=\"ta1\">", xml::escape(name)));
        for &width in widths {
            let width = column_width(width);
            let index = match self.column_widths.iter().position(|w| *w == width) {
                Some(i) => i,
                None => {
                    self.column_widths.push(width);
                    self.column_widths.len() - 1
                }
            };
            self.tables.push_str(&format!("<table:table-column table:style-name=\"co{index}\"/>"));
        }
        self.open = Some(OpenSheet { name: name.to_owned(), header_row: header.is_some(), n_rows: 0, n_columns: 0 });
        if let Some(cells) = header {
            self.tables.push_str("<table:table-header-rows>");
            self.write_row(cells)?;
            self.tables.push_str("</table:table-header-rows>");
        }
        Ok(())
    }

    /// Writes the next row of the sheet being written, from column A on.
    pub fn write_row<'c>(&mut self, cells: impl IntoIterator<Item = (Cell<'c>, Style)>) -> Result<(), WriteError> {
        let Some(sheet) = self.open.as_mut() else { return Err(WriteError::NoSheets) };
        let out = &mut self.row;
        out.clear();
        out.push_str("<table:table-row>");
        let mut n_columns = 0;
        for (cell, style) in cells {
            n_columns += 1;
            let style = match (cell, style) {
                (Cell::Date(_), _) => " table:style-name=\"ceD\"",
                (_, Style::Plain) => "",
                (_, Style::Bold) => " table:style-name=\"ceB\"",
                (_, Style::WrapTop) => " table:style-name=\"ceW\"",
                (_, Style::BoldWrapTop) => " table:style-name=\"ceBW\"",
                // Only the marked-up copy fills cells, and it is made as xlsx.
                (_, Style::Filled(_)) => "",
            };
            match cell {
                Cell::Blank | Cell::Text("") => out.push_str("<table:table-cell/>"),
                Cell::Text(text) | Cell::Error(text) => {
                    let _ = write!(out, "<table:table-cell{style} office:value-type=\"string\">");
                    // A paragraph a line, as Calc writes a cell of several lines, and tabs as
                    // themselves: Calc (7.4) reads a `text:line-break` or `text:tab` in a cell
                    // as nothing, joining the words; a literal tab it keeps (another reader
                    // may show a space).
                    for line in text.split('\n').flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r')) {
                        out.push_str("<text:p>");
                        for (n, piece) in line.split('\t').enumerate() {
                            if n > 0 {
                                out.push('\t');
                            }
                            odf::push_text(out, piece);
                        }
                        out.push_str("</text:p>");
                    }
                    out.push_str("</table:table-cell>");
                }
                Cell::Number(n) if n.is_finite() => {
                    let mut value = String::new();
                    xlsx::push_number(&mut value, n);
                    let _ = write!(
                        out,
                        "<table:table-cell{style} office:value-type=\"float\" office:value=\"{value}\"><text:p>{value}</text:p></table:table-cell>"
                    );
                }
                // As the Excel writer does: not a number a spreadsheet can hold.
                Cell::Number(_) => {
                    let _ = write!(
                        out,
                        "<table:table-cell{style} office:value-type=\"string\"><text:p>#NUM!</text:p></table:table-cell>"
                    );
                }
                Cell::Bool(b) => {
                    let _ = write!(
                        out,
                        "<table:table-cell{style} office:value-type=\"boolean\" office:boolean-value=\"{b}\"><text:p>{}</text:p></table:table-cell>",
                        if b { "TRUE" } else { "FALSE" }
                    );
                }
                Cell::Date(date) => {
                    let _ = write!(
                        out,
                        "<table:table-cell{style} office:value-type=\"date\" office:date-value=\"{:04}-{:02}-{:02}\"><text:p>{}</text:p></table:table-cell>",
                        date.year(),
                        date.month(),
                        date.day(),
                        date.format("%d/%m/%Y")
                    );
                }
            }
        }
        // A row with no cells is not valid ODF.
        if n_columns == 0 {
            out.push_str("<table:table-cell/>");
        }
        out.push_str("</table:table-row>");
        self.tables.push_str(out);
        sheet.n_rows += 1;
        sheet.n_columns = sheet.n_columns.max(n_columns);
        Ok(())
    }

    fn close_sheet(&mut self) {
        let Some(sheet) = self.open.take() else { return };
        if sheet.n_rows == 0 {
            // A table needs at least one row.
            self.tables.push_str("<table:table-row><table:table-cell/></table:table-row>");
        }
        self.tables.push_str("</table:table>");
        if sheet.header_row && sheet.n_rows > 0 && sheet.n_columns > 0 {
            let quoted = format!("'{}'", sheet.name.replace('\'', "''"));
            let last = format!("{}{}", xlsx::column_name(sheet.n_columns - 1), sheet.n_rows);
            let _ = write!(
                self.ranges,
                "<table:database-range table:name=\"__Anonymous_Sheet_DB__{}\" table:target-range-address=\"{}\" table:display-filter-buttons=\"true\"/>",
                self.names.len() - 1,
                xml::escape(&format!("{quoted}.A1:{quoted}.{last}"))
            );
        }
    }

    /// The spreadsheet as .ods bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, WriteError> {
        self.close_sheet();
        if self.names.is_empty() {
            return Err(WriteError::NoSheets);
        }
        let mut head = format!("{XML_DECLARATION}<office:document-content {ROOT_ATTRIBUTES}><office:automatic-styles>");
        for (n, width) in self.column_widths.iter().enumerate() {
            let _ = write!(
                head,
                "<style:style style:name=\"co{n}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{width}\"/></style:style>"
            );
        }
        head.push_str(CELL_STYLES);
        head.push_str("</office:automatic-styles><office:body><office:spreadsheet>");
        let mut tail = String::new();
        if !self.ranges.is_empty() {
            let _ = write!(tail, "<table:database-ranges>{}</table:database-ranges>", self.ranges);
        }
        tail.push_str("</office:spreadsheet></office:body></office:document-content>");
        let styles = styles_xml(self.properties.language.as_deref().unwrap_or("en-GB"));
        Ok(odf::package(SPREADSHEET_MIME, (&head, self.tables, &tail), &styles, &self.properties))
    }
}

/// A width in Excel's characters as inches: Excel shows 7 pixels a character and 5 of padding
/// at 96 pixels an inch, so a column looks as wide in either program.
fn column_width(chars: f64) -> String {
    let chars = if chars.is_finite() { chars.clamp(0.0, 255.0) } else { 8.43 };
    format!("{:.3}in", ((chars * 7.0).round() + 5.0) / 96.0)
}

/// The sheet's page (landscape), the dd/mm/yyyy date format, and the cell styles: bold,
/// wrapped and top-aligned, both, and dates (top-aligned beside wrapped text).
const CELL_STYLES: &str = "<number:date-style style:name=\"N1\"><number:day number:style=\"long\"/><number:text>/</number:text><number:month number:style=\"long\"/><number:text>/</number:text><number:year number:style=\"long\"/></number:date-style>\
<style:style style:name=\"ta1\" style:family=\"table\" style:master-page-name=\"Landscape\"><style:table-properties table:display=\"true\"/></style:style>\
<style:style style:name=\"ceB\" style:family=\"table-cell\" style:parent-style-name=\"Default\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"ceW\" style:family=\"table-cell\" style:parent-style-name=\"Default\"><style:table-cell-properties fo:wrap-option=\"wrap\" style:vertical-align=\"top\"/></style:style>\
<style:style style:name=\"ceBW\" style:family=\"table-cell\" style:parent-style-name=\"Default\"><style:table-cell-properties fo:wrap-option=\"wrap\" style:vertical-align=\"top\"/><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"ceD\" style:family=\"table-cell\" style:parent-style-name=\"Default\" style:data-style-name=\"N1\"><style:table-cell-properties style:vertical-align=\"top\"/></style:style>";

fn styles_xml(lang: &str) -> String {
    format!(
        "{XML_DECLARATION}<office:document-styles {ROOT_ATTRIBUTES}>\
<office:font-face-decls><style:font-face style:name=\"Arial\" svg:font-family=\"Arial\" style:font-family-generic=\"swiss\"/></office:font-face-decls>\
<office:styles><style:default-style style:family=\"table-cell\"><style:text-properties style:font-name=\"Arial\" fo:font-size=\"10pt\"{}/></style:default-style>\
<style:style style:name=\"Default\" style:family=\"table-cell\"/></office:styles>\
<office:automatic-styles><style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"29.7cm\" fo:page-height=\"21cm\" style:print-orientation=\"landscape\" fo:margin-top=\"1.9cm\" fo:margin-bottom=\"1.9cm\" fo:margin-left=\"1.27cm\" fo:margin-right=\"1.27cm\"/></style:page-layout></office:automatic-styles>\
<office:master-styles><style:master-page style:name=\"Landscape\" style:page-layout-name=\"pm1\"/></office:master-styles>\
</office:document-styles>",
        odf::language_attributes(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn widths_match_excels_and_sheet_names_follow_its_rules() {
        assert_eq!(column_width(8.0), "0.635in");
        assert_eq!(column_width(f64::NAN), column_width(8.43));
        let mut book = Spreadsheet::default();
        assert!(matches!(book.add_sheet("a/b", &[], None), Err(WriteError::SheetName { .. })));
        book.add_sheet("Plan", &[], None).unwrap();
        assert_eq!(book.add_sheet("PLAN", &[], None), Err(WriteError::DuplicateSheetName("PLAN".into())));
        assert_eq!(Spreadsheet::default().finish(), Err(WriteError::NoSheets));
    }

    #[test]
    fn cells_are_typed_and_the_header_repeats_with_a_filter() {
        let mut book = Spreadsheet::default();
        let header = vec![(Cell::Text("Name"), Style::BoldWrapTop), (Cell::Text("Due"), Style::BoldWrapTop)];
        book.add_sheet("It's a plan", &[30.0, 11.0], Some(header)).unwrap();
        let due = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        book.write_row([(Cell::Text("=1+1\r\nline\tend"), Style::WrapTop), (Cell::Date(due), Style::WrapTop)]).unwrap();
        book.write_row([(Cell::Number(2.5), Style::Plain), (Cell::Blank, Style::Plain)]).unwrap();
        book.close_sheet();
        let (ranges, widths) = (book.ranges.clone(), book.column_widths.clone());
        let bytes = book.finish().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        let mut t = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("content.xml").unwrap(), &mut t).unwrap();
        assert!(t.contains("<table:table-header-rows><table:table-row><table:table-cell table:style-name=\"ceBW\" office:value-type=\"string\"><text:p>Name</text:p>"));
        assert!(t.contains("office:value-type=\"string\"><text:p>=1+1</text:p><text:p>line\tend</text:p>"));
        assert!(t.contains("<table:table-cell table:style-name=\"ceD\" office:value-type=\"date\" office:date-value=\"2026-03-04\"><text:p>04/03/2026</text:p>"));
        assert!(t.contains("office:value-type=\"float\" office:value=\"2.5\""));
        assert!(ranges.contains("table:target-range-address=\"'It''s a plan'.A1:'It''s a plan'.B3\""));
        assert_eq!(widths, ["2.240in", "0.854in"]);
    }
}

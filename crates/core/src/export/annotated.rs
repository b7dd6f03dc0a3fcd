//! A marked-up copy of the user's own workbook, on request: every sheet with the same values in
//! the same cells, each problem cell filled (red error, yellow query, blue warning), a
//! "Findings" column after each checked sheet's last column naming every problem of the row in
//! words (so colour is never the only sign), the header row frozen, a "Findings" sheet listing
//! every finding, and a first "About this copy" sheet saying what the file holds and that the
//! app keeps no copy of it.
//!
//! It holds person-level data, so it is only ever made on request and handed straight to the
//! person as a download; nothing here is saved. Always .xlsx, whatever the file was (an .ods
//! comes back as .xlsx, which LibreOffice opens as well). Only values are copied: formulas come
//! back as the results the file holds, formatting and comments are not kept. Text is always
//! written as text (shared strings), so a cell like `=HYPERLINK(…)` can never become a formula.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::checks::headers::ColumnMapping;
use crate::checks::{Cell, Finding, Severity, Sheet, Workbook};
use crate::domain::calendar::{long_date, uk_date};
use crate::domain::counting;
use crate::write::package::Properties;
use crate::write::xlsx::{self, Cell as Out, Fill, Style, WriteError};

/// The text of the findings column's header, after each checked sheet's last column.
pub const FINDINGS_COLUMN: &str = "Findings (marked-up copy)";
/// Rows between progress reports while the copy is written.
const PROGRESS_EVERY: usize = 10_000;

/// Why a marked-up copy could not be made, written for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnnotateError {
    #[error(
        "the sheet \u{201c}{sheet}\u{201d} has more rows than an Excel sheet holds (1,048,576), so no marked-up copy can be made of it; the findings downloads list every finding by row"
    )]
    TooManyRows { sheet: String },
    #[error("the marked-up copy could not be written ({0})")]
    Write(String),
}

/// The download's name: the user's own file name with " - marked up" before `.xlsx`.
pub fn marked_up_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    format!("{stem} - marked up.xlsx")
}

/// Where a finding is in the copy, worked out before its sheet is written.
struct Placed<'f> {
    finding: &'f Finding,
    /// The copy's sheet name (a sheet may be renamed to suit Excel).
    sheet: String,
    /// 0-based cell, if the finding names one that is in the file.
    cell: Option<(usize, usize)>,
    /// The cell's value as text, filled in while its sheet is written.
    value: String,
}

/// The marked-up copy of `workbook` as .xlsx bytes, from `findings` (those of this file) and the
/// check's `mapping` (which sheets held lists, their header rows and columns). The workbook is
/// taken, so each sheet's cells are freed once written and the copy never holds the file twice.
/// `made_on` is the date said in the copy; `progress` is called with rows written and in all.
pub fn marked_up_xlsx<'f>(
    workbook: Workbook,
    findings: impl IntoIterator<Item = &'f Finding>,
    mapping: &ColumnMapping,
    made_on: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, AnnotateError> {
    let write = |e: WriteError| AnnotateError::Write(e.to_string());
    let Workbook { file_name, format, sheets, .. } = workbook;
    if let Some(s) = sheets.iter().find(|s| s.n_rows() > xlsx::MAX_ROWS as usize) {
        return Err(AnnotateError::TooManyRows { sheet: s.name.clone() });
    }
    // Sheet names as Excel allows them, the user's first; then ours, around them.
    let mut taken = Vec::new();
    let names: Vec<String> = sheets.iter().map(|s| unique_name(&excel_name(&s.name), &mut taken)).collect();
    let about_name = unique_name("About this copy", &mut taken);
    let findings_name = unique_name("Findings", &mut taken);

    let mut placed: Vec<Placed> = findings
        .into_iter()
        .map(|finding| {
            let index = finding.sheet.as_deref().and_then(|name| sheets.iter().position(|s| s.name == name));
            let cell = index.and_then(|i| locate(finding, &sheets[i], &file_name, mapping));
            let sheet = index.map(|i| names[i].clone()).unwrap_or_default();
            Placed { finding, sheet, cell, value: String::new() }
        })
        .collect();

    let mut book = xlsx::Workbook::new();
    book.set_properties(Properties {
        title: format!("Marked-up copy of {file_name}"),
        date: Some(made_on),
        ..Properties::default()
    });
    about_sheet(&mut book, &about_name, &findings_name, &file_name, format, made_on, &placed).map_err(write)?;

    let total: usize = sheets.iter().map(Sheet::n_rows).sum();
    let mut done = 0;
    progress(0, total);
    for (sheet, name) in sheets.into_iter().zip(&names) {
        let header_row = mapping.sheet(&file_name, &sheet.name).filter(|m| m.list.is_some()).map(|m| m.header_row);
        // This sheet's findings by row, and the cells to fill in each row with their worst finding.
        let mut fills: BTreeMap<usize, Vec<(usize, Severity)>> = BTreeMap::new();
        let mut by_row: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (n, p) in placed.iter().enumerate().filter(|(_, p)| p.sheet == *name) {
            if let Some((r, c)) = p.cell {
                let row = fills.entry(r).or_default();
                match row.iter_mut().find(|(at, _)| *at == c) {
                    Some((_, worst)) => *worst = (*worst).min(p.finding.severity),
                    None => row.push((c, p.finding.severity)),
                }
            }
            if let Some(row) = p.finding.row.filter(|r| *r > 0) {
                by_row.entry(row as usize - 1).or_default().push(n);
            }
        }
        for p in placed.iter_mut().filter(|p| p.sheet == *name) {
            if let Some((r, c)) = p.cell {
                p.value = sheet.cell(r, c).as_text().map(|t| t.into_owned()).unwrap_or_default();
            }
        }
        let findings_column =
            (header_row.is_some() && sheet.width() < xlsx::MAX_COLUMNS as usize).then(|| sheet.width());
        let mut out = book.add_sheet(name).map_err(write)?;
        if let Some(header) = header_row {
            out.freeze_rows(header as u32 + 1);
            if header == 0 {
                out.header_row();
            }
        }
        if let Some(col) = findings_column {
            out.set_column_width(col as u32, 80.0);
        }
        // The columns that still have cells at this row, so a ragged sheet costs its cells.
        let mut active: Vec<usize> = (0..sheet.width()).collect();
        for r in 0..sheet.n_rows() {
            active.retain(|&c| sheet.column(c).len() > r);
            let note = match (findings_column, header_row) {
                (Some(_), Some(h)) if r == h => Some(FINDINGS_COLUMN.to_string()),
                (Some(_), _) => by_row.get(&r).map(|ns| row_note(ns.iter().map(|&n| placed[n].finding))),
                _ => None,
            };
            // Dates outside the years Excel shows are kept as their text (rare: made here).
            let odd: Vec<(usize, String)> = active
                .iter()
                .filter_map(|&c| match sheet.cell(r, c) {
                    Cell::Date(d) if xlsx::excel_serial(*d).is_none() => Some((c, uk_date(*d))),
                    _ => None,
                })
                .collect();
            // A blank flagged cell past its column's last value is written too, to be filled.
            let marks = fills.get(&r).map_or(&[][..], Vec::as_slice);
            let mut columns = std::borrow::Cow::Borrowed(&active);
            if marks.iter().any(|(c, _)| !active.contains(c)) {
                let mut all = active.clone();
                all.extend(marks.iter().map(|(c, _)| *c).filter(|c| !active.contains(c)));
                all.sort_unstable();
                columns = std::borrow::Cow::Owned(all);
            }
            let cells = columns.iter().map(|&c| {
                let mark = marks.iter().find(|(at, _)| *at == c);
                let style = mark.map_or(Style::Plain, |(_, s)| Style::Filled(fill(*s)));
                let cell = match odd.iter().find(|(at, _)| *at == c) {
                    Some((_, text)) => Out::Text(text),
                    None => out_cell(sheet.cell(r, c)),
                };
                (c, cell, style)
            });
            let worst = by_row.get(&r).and_then(|ns| ns.iter().map(|&n| placed[n].finding.severity).min());
            let last = findings_column.zip(note.as_deref()).map(|(c, text)| {
                let style = match (header_row == Some(r), worst) {
                    (true, _) => Style::Bold,
                    (false, Some(s)) => Style::Filled(fill(s)),
                    (false, None) => Style::Plain,
                };
                (c, Out::Text(text), style)
            });
            out.write_row_at(cells.chain(last)).map_err(write)?;
            done += 1;
            if done % PROGRESS_EVERY == 0 {
                progress(done, total);
            }
        }
        // The sheet's cells go here, before the next sheet is written.
    }
    findings_sheet(&mut book, &findings_name, &placed).map_err(write)?;
    progress(total, total);
    book.finish().map_err(write)
}

/// The cell a finding is about: its row and the column its header names (from the check's
/// mapping, else the sheet's header row). `None` for a whole-list finding or a missing column.
fn locate(finding: &Finding, sheet: &Sheet, file: &str, mapping: &ColumnMapping) -> Option<(usize, usize)> {
    let column = finding.column.as_deref()?;
    let sheet_mapping = mapping.sheet(file, &sheet.name);
    let header_row = sheet_mapping.map_or(0, |m| m.header_row);
    let col = sheet_mapping
        .and_then(|m| m.columns.iter().find(|c| c.header == column).map(|c| c.source_column))
        .or_else(|| {
            (0..sheet.width()).find(|&c| sheet.cell(header_row, c).as_text().is_some_and(|t| t.trim() == column.trim()))
        })?;
    // A finding about a whole column marks its header.
    let row = finding.row.map_or(header_row, |r| (r as usize).saturating_sub(1));
    Some((row, col))
}

fn fill(severity: Severity) -> Fill {
    match severity {
        Severity::Error => Fill::Red,
        Severity::Query => Fill::Yellow,
        Severity::Warning => Fill::Blue,
    }
}

/// "Error in column “UPN”: The UPN's check letter is wrong (UPN-CHECK). Query: …"
fn row_note<'f>(findings: impl Iterator<Item = &'f Finding>) -> String {
    let mut note = String::new();
    for f in findings {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(f.severity.label());
        if let Some(column) = &f.column {
            note.push_str(" in column \u{201c}");
            note.push_str(column);
            note.push('\u{201d}');
        }
        note.push_str(": ");
        note.push_str(f.message.trim_end_matches('.'));
        note.push_str(" (");
        note.push_str(f.rule);
        note.push_str(").");
    }
    cut(note)
}

/// A note longer than a cell holds is cut, saying so (the Findings sheet has every finding).
fn cut(mut text: String) -> String {
    const ROOM: usize = 32_000;
    if text.len() > ROOM {
        let mut end = ROOM;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push_str("\u{2026} (more on the Findings sheet)");
    }
    text
}

/// The cell as the writer takes it: the same kind of value in the same place.
fn out_cell(cell: &Cell) -> Out<'_> {
    match cell {
        Cell::Empty => Out::Blank,
        Cell::Text(text) if text.len() > xlsx::MAX_TEXT_CHARS => {
            // More than a cell holds: keep what fits (a UTF-16 unit per byte at most).
            let mut end = xlsx::MAX_TEXT_CHARS;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            Out::Text(&text[..end])
        }
        Cell::Text(text) => Out::Text(text),
        Cell::Number(n) | Cell::InvalidDate(n) => Out::Number(*n),
        Cell::Bool(b) => Out::Bool(*b),
        Cell::Date(d) if xlsx::excel_serial(*d).is_some() => Out::Date(*d),
        // Outside the years Excel shows: written as text by the caller.
        Cell::Date(_) => Out::Blank,
        Cell::Error(e) => Out::Error(e),
    }
}

/// A sheet name Excel accepts, as near the original as can be.
fn excel_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    let cleaned = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("History") { "Sheet" } else { cleaned };
    take_units(cleaned, xlsx::MAX_SHEET_NAME_CHARS)
}

/// The first `units` UTF-16 units' worth of whole characters.
fn take_units(text: &str, units: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= units
        })
        .collect()
}

/// `wanted`, or `wanted (2)`, `(3)`… cut to fit: a name no other sheet has, ignoring case.
fn unique_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let free = |name: &str, taken: &[String]| !taken.iter().any(|t| t.to_lowercase() == name.to_lowercase());
    let mut name = wanted.to_string();
    let mut n = 2;
    while !free(&name, taken) || xlsx::check_sheet_name(&name).is_err() {
        let suffix = format!(" ({n})");
        let stem = take_units(wanted, xlsx::MAX_SHEET_NAME_CHARS - suffix.len());
        name = format!("{}{suffix}", stem.trim_end_matches('\''));
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The first sheet: what the copy is, that it holds person-level data the app did not keep,
/// how to read its marks, and the counts.
fn about_sheet(
    book: &mut xlsx::Workbook,
    name: &str,
    findings_name: &str,
    file_name: &str,
    format: crate::checks::workbook::FileFormat,
    made_on: NaiveDate,
    placed: &[Placed],
) -> Result<(), WriteError> {
    let count = |s: Severity| placed.iter().filter(|p| p.finding.severity == s).count();
    let date = long_date(made_on);
    let mut lines = vec![
        format!("A marked-up copy of \u{201c}{file_name}\u{201d}"),
        "This file holds person-level data: the same children's and young people's details as your file.".into(),
        format!(
            "It was made on request on {date}, in this browser, from the file you chose. The app did not store it and sent it nowhere: it exists only as this download."
        ),
        "Keep it, share it and delete it under your partnership's data protection rules, as you would your own file. Delete it once the problems are fixed.".into(),
        String::new(),
        "How to read it".into(),
        "Cells with a problem are filled: red for an error (must fix), yellow for a query (fix or explain), blue for a warning.".into(),
        format!(
            "The last column of each checked sheet, \u{201c}{FINDINGS_COLUMN}\u{201d}, says in words what each problem in the row is. The \u{201c}{findings_name}\u{201d} sheet lists every finding with its sheet, row, column, value, rule and message."
        ),
        "Fix the problems in your own file, not in this copy, then check it again.".into(),
        "Only the cells' values are copied: formulas are replaced by their results, and formatting and comments are not kept.".into(),
        String::new(),
        format!(
            "This copy marks {}: {}, {} and {}.",
            counting::count(placed.len(), "finding", "findings"),
            counting::errors(count(Severity::Error)),
            counting::queries(count(Severity::Query)),
            counting::warnings(count(Severity::Warning)),
        ),
    ];
    if format == crate::checks::workbook::FileFormat::Ods {
        lines.push(
            "Your file was an OpenDocument spreadsheet; this copy is an Excel workbook, which LibreOffice opens too."
                .into(),
        );
    }
    let mut sheet = book.add_sheet(name)?;
    sheet.set_column_width(0, 110.0);
    for (n, line) in lines.iter().enumerate() {
        let style = if n == 0 || line == "How to read it" { Style::Bold } else { Style::WrapTop };
        sheet.write_row([(Out::Text(line), style)])?;
    }
    Ok(())
}

/// The last sheet: every finding, with where it is in the copy and the cell's value.
fn findings_sheet(book: &mut xlsx::Workbook, name: &str, placed: &[Placed]) -> Result<(), WriteError> {
    const HEADERS: [&str; 9] = ["Sheet", "Row", "Column", "Cell", "Value", "Severity", "Rule", "Message", "How to fix"];
    let mut sheet = book.add_sheet(name)?;
    for (col, width) in [24.0, 8.0, 24.0, 8.0, 24.0, 9.0, 22.0, 70.0, 70.0].into_iter().enumerate() {
        sheet.set_column_width(col as u32, width);
    }
    sheet.freeze_top_row();
    sheet.header_row();
    sheet.write_row(HEADERS.iter().map(|h| (Out::Text(h), Style::Bold)))?;
    for p in placed {
        let f = p.finding;
        let reference = p.cell.map(|(r, c)| format!("{}{}", xlsx::column_name(c as u32), r + 1)).unwrap_or_default();
        let row = f.row.map_or(Out::Blank, |r| Out::Number(f64::from(r)));
        sheet.write_row([
            (Out::Text(&p.sheet), Style::Plain),
            (row, Style::Plain),
            (Out::Text(f.column.as_deref().unwrap_or_default()), Style::Plain),
            (Out::Text(&reference), Style::Plain),
            (Out::Text(&p.value), Style::Plain),
            (Out::Text(f.severity.label()), Style::Filled(fill(f.severity))),
            (Out::Text(f.rule), Style::Plain),
            (Out::Text(&f.message), Style::Plain),
            (Out::Text(&f.how_to_fix), Style::Plain),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::checks::session::{self, CheckRequest, InputFile};
    use crate::checks::workbook::{DateSystem, FileFormat};
    use crate::checks::{ReadOptions, example_data, read_workbook};

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    /// The style index on cell `reference` of a sheet's XML, if it has one.
    fn style_of(xml: &str, reference: &str) -> Option<u32> {
        let start = xml.find(&format!("<c r=\"{reference}\""))?;
        let tag = &xml[start..start + xml[start..].find('>')?];
        let s = tag.find(" s=\"")? + 4;
        tag[s..s + tag[s..].find('"')?].parse().ok()
    }

    fn checked(name: &str, bytes: Vec<u8>) -> (Workbook, session::CheckOutcome) {
        let mut request = CheckRequest::new("full-2025", example_data::example_as_of());
        request.as_of.insert("list-1".into(), example_data::example_as_of());
        let files = [InputFile { name: name.into(), bytes: Ok(bytes.clone()) }];
        let outcome = session::run(&request, files, 1, &mut |_| {}).unwrap();
        (read_workbook(name, &bytes, ReadOptions::default()).unwrap(), outcome)
    }

    #[test]
    fn the_example_comes_back_cell_for_cell_with_its_problems_marked_and_listed() {
        let (original, outcome) = checked("example lists.xlsx", example_data::example_workbook().unwrap());
        let mine: Vec<&Finding> = outcome.all_findings().collect();
        assert!(mine.iter().any(|f| f.severity == Severity::Error) && mine.iter().any(|f| f.row.is_some()));
        let made_on = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut steps = Vec::new();
        let bytes = marked_up_xlsx(original.clone(), mine.iter().copied(), &outcome.mapping, made_on, &mut |d, t| {
            steps.push((d, t))
        })
        .unwrap();
        let total: usize = original.sheets.iter().map(Sheet::n_rows).sum();
        assert_eq!(steps.last(), Some(&(total, total)));

        let copy = read_workbook("copy.xlsx", &bytes, ReadOptions::default()).unwrap();
        let names: Vec<&str> = copy.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"About this copy"));
        assert_eq!(names.last(), Some(&"Findings"));
        assert_eq!(names.len(), original.sheets.len() + 2);
        let about: String =
            copy.sheets[0].rows().iter().flatten().filter_map(|c| c.as_text().map(|t| t.into_owned())).collect();
        for words in [
            "person-level data",
            "did not store it",
            "data protection rules",
            "Thursday 3 December 2026",
            "example lists.xlsx",
        ] {
            assert!(about.contains(words), "{words} in {about}");
        }

        for (n, sheet) in original.sheets.iter().enumerate() {
            let back = &copy.sheets[n + 1];
            assert_eq!(back.name, sheet.name);
            let mapping = outcome.mapping.sheet(&original.file_name, &sheet.name).filter(|m| m.list.is_some());
            for r in 0..sheet.n_rows() {
                for c in 0..sheet.width() {
                    assert_eq!(
                        back.cell(r, c),
                        sheet.cell(r, c),
                        "{} {}{}",
                        sheet.name,
                        xlsx::column_name(c as u32),
                        r + 1
                    );
                }
            }
            let Some(mapping) = mapping else {
                assert_eq!(back.width(), sheet.width(), "no findings column on a sheet that held no list");
                continue;
            };
            let notes = sheet.width();
            assert_eq!(back.cell(mapping.header_row, notes).as_text().unwrap(), FINDINGS_COLUMN);
            let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", n + 2));
            assert!(xml.contains(&format!("ySplit=\"{}\"", mapping.header_row + 1)), "header row frozen");
            for f in mine.iter().filter(|f| f.sheet.as_deref() == Some(sheet.name.as_str())) {
                let Some(row) = f.row else { continue };
                let note = back.cell(row as usize - 1, notes).as_text().unwrap().into_owned();
                assert!(note.contains(f.severity.label()) && note.contains(f.rule), "row {row}: {note}");
                if let Some(column) = f.column.as_deref() {
                    assert!(note.contains(&format!("column \u{201c}{column}\u{201d}")), "{note}");
                    let c = mapping.columns.iter().find(|m| m.header == column).map(|m| m.source_column);
                    if let Some(c) = c {
                        // The cell's fill is its worst finding's.
                        let worst = mine
                            .iter()
                            .filter(|g| g.sheet == f.sheet && g.row == f.row && g.column == f.column)
                            .map(|g| g.severity)
                            .min()
                            .unwrap();
                        let reference = format!("{}{row}", xlsx::column_name(c as u32));
                        let expected = match (worst, sheet.cell(row as usize - 1, c)) {
                            (s, Cell::Date(_)) => 8 + fill(s) as u32,
                            (s, _) => 5 + fill(s) as u32,
                        };
                        assert_eq!(style_of(&xml, &reference), Some(expected), "{reference}");
                    }
                }
            }
        }

        let list = copy.sheets.last().unwrap();
        assert_eq!(list.n_rows(), mine.len() + 1, "every finding on the Findings sheet");
        let header: Vec<String> = list.row(0).iter().map(|c| c.as_text().unwrap().into_owned()).collect();
        assert_eq!(header, ["Sheet", "Row", "Column", "Cell", "Value", "Severity", "Rule", "Message", "How to fix"]);
        for (i, f) in mine.iter().enumerate() {
            assert_eq!(list.cell(i + 1, 6).as_text().unwrap(), f.rule);
            assert_eq!(list.cell(i + 1, 7).as_text().unwrap(), f.message.trim());
            assert_eq!(list.cell(i + 1, 1), &f.row.map_or(Cell::Empty, |r| Cell::Number(f64::from(r))));
        }
        // The wrong values are on the sheet: this file is person-level, unlike the exports.
        let valued = mine.iter().filter(|f| f.value.is_some() && f.row.is_some()).count();
        let shown = (1..list.n_rows()).filter(|&r| !list.cell(r, 4).is_blank()).count();
        assert!(shown >= valued && valued > 0, "{shown} values shown, {valued} findings with one");

        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains("<fills count=\"5\">") && styles.contains("FFF6C8C3") && styles.contains("FFFFEB9C"));
        assert_eq!(styles.matches("<xf ").count(), 12, "one cell style xf and eleven cell formats");
    }

    fn workbook(sheets: Vec<Sheet>, format: FileFormat) -> Workbook {
        Workbook { file_name: "odd [1].csv".into(), format, date_system: DateSystem::Excel1900, sheets }
    }

    #[test]
    fn every_kind_of_value_comes_back_as_itself_and_formula_text_stays_text() {
        let d = |y, m, day| Cell::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        let rows = vec![
            vec![Cell::text("Unique ID"), Cell::text("Note")],
            vec![Cell::text("=HYPERLINK(\"http://x\")"), Cell::Number(1.5), Cell::Bool(true), d(2015, 2, 28)],
            vec![Cell::text("  spaced  "), Cell::Error("#N/A".into()), Cell::Error("#WHAT".into()), d(1850, 1, 1)],
            vec![],
            vec![Cell::text("+1"), Cell::text("-2"), Cell::text("@SUM(A1)")],
        ];
        let mut wide = Sheet::from_rows("Findings", rows);
        wide.set(0, 16_383, Cell::text("far right"));
        let wb =
            workbook(vec![Sheet::from_rows("History", vec![vec![Cell::text("x")]]), wide.clone()], FileFormat::Ods);
        let bytes = marked_up_xlsx(wb, [], &ColumnMapping::default(), NaiveDate::MIN, &mut |_, _| {}).unwrap();
        let copy = read_workbook("copy.xlsx", &bytes, ReadOptions::default()).unwrap();
        let names: Vec<&str> = copy.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["About this copy", "Sheet", "Findings", "Findings (2)"]);
        let back = &copy.sheets[2];
        for r in 0..wide.n_rows() {
            for c in [0, 1, 2, 3, 16_383] {
                let expected = match (r, c) {
                    (2, 2) => Cell::text("#WHAT"),
                    (2, 3) => Cell::text("01/01/1850"),
                    _ => wide.cell(r, c).clone(),
                };
                assert_eq!(back.cell(r, c), &expected, "row {r} column {c}");
            }
        }
        let xml = part(&bytes, "xl/worksheets/sheet3.xml");
        assert!(!xml.contains("<f>") && !xml.contains("HYPERLINK"), "no formula, and text only in shared strings");
        let about = copy.sheets[0]
            .rows()
            .concat()
            .iter()
            .filter_map(|c| c.as_text().map(|t| t.into_owned()))
            .collect::<String>();
        assert!(about.contains("OpenDocument spreadsheet"), "{about}");
    }

    #[test]
    fn a_blank_cell_with_a_problem_is_filled_even_past_its_columns_last_value() {
        use crate::checks::rules::test_support::{today, workbook as list};
        let wb = list(&[
            &["Unique ID", "UPN", "Date of birth", "Gender"],
            &["A1", "H801200001001", "01/01/2015", "a) Male"],
            &["A2"],
        ]);
        let profile = crate::checks::profile("full-2025").unwrap();
        let mapping = crate::checks::propose_mapping(std::slice::from_ref(&wb), profile);
        let report =
            crate::checks::check(std::slice::from_ref(&wb), profile, Some(&mapping), &Default::default(), today());
        let blanks: Vec<&Finding> = report.findings.iter().filter(|f| f.row == Some(3) && f.column.is_some()).collect();
        assert!(blanks.len() >= 2, "{blanks:?}");
        let bytes = marked_up_xlsx(wb, &report.findings, &mapping, today(), &mut |_, _| {}).unwrap();
        let xml = part(&bytes, "xl/worksheets/sheet2.xml");
        for f in blanks {
            let c = mapping.sheets[0].columns.iter().find(|m| Some(m.header.as_str()) == f.column.as_deref()).unwrap();
            let reference = format!("{}3", xlsx::column_name(c.source_column as u32));
            assert!(style_of(&xml, &reference).is_some_and(|s| (5..=7).contains(&s)), "{reference} filled: {xml}");
        }
    }

    #[test]
    fn a_sheet_longer_than_excel_allows_is_refused_in_words() {
        let mut long = Sheet::default();
        long.set(xlsx::MAX_ROWS as usize, 0, Cell::text("x"));
        let err = marked_up_xlsx(
            workbook(vec![long], FileFormat::Csv),
            [],
            &ColumnMapping::default(),
            NaiveDate::MIN,
            &mut |_, _| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("more rows than an Excel sheet holds (1,048,576)"), "{err}");
    }

    #[test]
    fn names_take_the_users_file_name_and_sheet_names_suit_excel() {
        assert_eq!(marked_up_name("Zebedee Testperson list1.xlsx"), "Zebedee Testperson list1 - marked up.xlsx");
        assert_eq!(marked_up_name("C:\\data\\list 2.csv"), "list 2 - marked up.xlsx");
        assert_eq!(marked_up_name("noextension"), "noextension - marked up.xlsx");
        assert_eq!(excel_name("a[b]:c*?/\\"), "a_b__c____");
        assert_eq!(excel_name(&"x".repeat(40)).len(), 31);
        let mut taken = vec!["Findings".to_string()];
        assert_eq!(unique_name("FINDINGS", &mut taken), "FINDINGS (2)");
        let long = "y".repeat(31);
        assert_eq!(unique_name(&long, &mut vec![long.clone()]), format!("{} (2)", "y".repeat(27)));
    }
}

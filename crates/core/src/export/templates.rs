//! Blank templates: for each request profile, a workbook with a sheet per list headed with the
//! profile's exact column names, a drop-down list on every coded column (from a "Codes" sheet),
//! and a "Guidance" sheet saying what the lists are, where the profile comes from, and that the
//! workbook holds person-level data once filled in. Read back by our own checker, a template has
//! every list and every column (tested), so what is typed into it is all that is checked.

use crate::checks::Profile;
use crate::write::ods::Spreadsheet;
use crate::write::package::Properties;
use crate::write::xlsx::{Cell, MAX_ROWS, MAX_SHEET_NAME_CHARS, Style, Workbook, WriteError, column_name};

/// The sheet holding the drop-down lists' values; its headers name no template column.
const CODES_SHEET: &str = "Codes";

/// The values a drop-down offers for a code list: as the check accepts and the template writes
/// them ("a) Male", or the code itself where it is a word such as "ASD").
fn options(codes: &crate::checks::profile::CodeList) -> Vec<String> {
    codes
        .codes
        .iter()
        .map(|c| if c.code.len() == 1 { format!("{}) {}", c.code, c.label) } else { c.code.clone() })
        .collect()
}

fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(MAX_SHEET_NAME_CHARS).collect()
}

/// The Guidance sheet's lines. `drop_downs`: whether coded columns offer drop-down lists (the
/// Excel template) or the Codes sheet only lists their values (the OpenDocument one).
fn guidance(profile: &Profile, drop_downs: bool) -> Vec<String> {
    let mut guidance: Vec<String> = vec![
        format!("Blank template: {}", profile.title),
        format!("Request profile: {} ({}).", profile.id, profile.version),
        String::new(),
        "ONCE FILLED IN, THIS WORKBOOK HOLDS PERSON-LEVEL DATA about children and young people. Keep it on your \
         organisation's secure systems and send it only as the request says."
            .into(),
        "It is blank as made: it holds no one's data.".into(),
        String::new(),
        format!(
            "Keep the headings in each list's first row exactly as they are: the checks find each column by its \
             heading. {}",
            if drop_downs {
                "Coded columns offer a drop-down list of their values (from the Codes sheet)."
            } else {
                "The Codes sheet lists the values of each coded column."
            }
        ),
    ];
    if profile.pseudonymised {
        guidance.push(
            "This request must be pseudonymised: give your own pseudonymous Unique ID, and no names, UPNs, ULNs or \
             dates of birth."
                .into(),
        );
    }
    if !profile.about.trim().is_empty() {
        guidance.push(profile.about.trim().to_string());
    }
    guidance.push(String::new());
    guidance.push("The lists:".into());
    for list in &profile.lists {
        let asked = if list.required { "asked for" } else { "asked for where it is held" };
        guidance.push(format!("{} ({asked}): {}", list.name, list.description));
        if list.row_per == crate::checks::profile::RowPer::Setting {
            guidance.push(format!(
                "  {}: either one row per child or young person, with their settings in \u{201c}Settings attended now\u{201d} and \u{201c}Settings attended before\u{201d}, or one row per setting attended, with \u{201c}Setting\u{201d} and \u{201c}Now or before\u{201d} (fill in only the columns of the way you choose).",
                list.name
            ));
        }
    }
    let unconfirmed: Vec<&str> = profile
        .code_lists
        .iter()
        .filter(|c| {
            !c.confirmed
                && profile.lists.iter().any(|l| l.columns.iter().any(|col| col.codes.as_deref() == Some(c.id.as_str())))
        })
        .map(|c| c.name.as_str())
        .collect();
    if !unconfirmed.is_empty() {
        guidance.push(String::new());
        guidance.push(format!(
            "These lists of values are our suggestions, not the request's own: {}. Another value is allowed \
             (the check asks about it).",
            unconfirmed.join(", ")
        ));
    }
    guidance
}

/// Each code list the profile's columns use, once, in the order first used.
fn used_code_lists(profile: &Profile) -> Vec<&crate::checks::profile::CodeList> {
    let mut used: Vec<&crate::checks::profile::CodeList> = Vec::new();
    for list in &profile.lists {
        for col in &list.columns {
            if let Some(codes) = col.codes.as_deref().and_then(|id| profile.code_list(id))
                && !used.iter().any(|u| u.id == codes.id)
            {
                used.push(codes);
            }
        }
    }
    used
}

fn column_width(col: &crate::checks::profile::ColumnSpec) -> f64 {
    (col.name.chars().count() as f64 * 0.9).clamp(12.0, 40.0)
}

fn properties(profile: &Profile, author: &str) -> Properties {
    Properties {
        title: format!("Annex A blank template: {}", profile.title),
        creator: author.to_string(),
        language: Some("en-GB".into()),
        date: None,
    }
}

/// The blank template for every list of `profile`, as .xlsx bytes.
pub fn template_xlsx(profile: &Profile, author: &str) -> Result<Vec<u8>, WriteError> {
    let mut book = Workbook::new();
    book.set_properties(properties(profile, author));
    let guidance = guidance(profile, true);
    {
        let mut sheet = book.add_sheet("Guidance")?;
        sheet.set_column_width(0, 120.0);
        for line in &guidance {
            sheet.write_row([(Cell::Text(line), Style::WrapTop)])?;
        }
    }

    // Each code list used, once, as a column of the Codes sheet.
    let used = used_code_lists(profile);
    for list in &profile.lists {
        let mut sheet = book.add_sheet(&sheet_name(&list.name))?;
        sheet.write_row(list.columns.iter().map(|c| (Cell::Text(&c.name), Style::BoldWrapTop)))?;
        sheet.freeze_top_row();
        for (n, col) in list.columns.iter().enumerate() {
            sheet.set_column_width(n as u32, column_width(col));
            let Some(at) = col.codes.as_deref().and_then(|id| used.iter().position(|u| u.id == id)) else { continue };
            let letter = column_name(at as u32);
            let source = format!("'{CODES_SHEET}'!${letter}$2:${letter}${}", options(used[at]).len() + 1);
            sheet.list_validation(n as u32, 2, MAX_ROWS, &source, used[at].strict);
        }
    }
    if !used.is_empty() {
        let columns: Vec<Vec<String>> = used.iter().map(|c| options(c)).collect();
        let headers: Vec<String> = used.iter().map(|c| format!("Codes: {}", c.name)).collect();
        let mut sheet = book.add_sheet(CODES_SHEET)?;
        sheet.write_row(headers.iter().map(|h| (Cell::Text(h), Style::Bold)))?;
        sheet.freeze_top_row();
        for n in 0..used.len() {
            sheet.set_column_width(n as u32, 30.0);
        }
        let depth = columns.iter().map(Vec::len).max().unwrap_or(0);
        for row in 0..depth {
            sheet
                .write_row(columns.iter().map(|c| (c.get(row).map_or(Cell::Blank, |v| Cell::Text(v)), Style::Plain)))?;
        }
    }
    book.finish()
}

/// The same template as OpenDocument (.ods): the same sheets, headings and values, with the
/// Codes sheet listing each coded column's values (our ODS writer makes no drop-down lists).
pub fn template_ods(profile: &Profile, author: &str) -> Result<Vec<u8>, WriteError> {
    let mut book = Spreadsheet::new(properties(profile, author));
    book.add_sheet("Guidance", &[120.0], None)?;
    for line in guidance(profile, false) {
        book.write_row([(Cell::Text(&line), Style::WrapTop)])?;
    }
    for list in &profile.lists {
        let widths: Vec<f64> = list.columns.iter().map(column_width).collect();
        let header = list.columns.iter().map(|c| (Cell::Text(&c.name), Style::BoldWrapTop)).collect();
        book.add_sheet(&sheet_name(&list.name), &widths, Some(header))?;
    }
    let used = used_code_lists(profile);
    if !used.is_empty() {
        let columns: Vec<Vec<String>> = used.iter().map(|c| options(c)).collect();
        let headers: Vec<String> = used.iter().map(|c| format!("Codes: {}", c.name)).collect();
        let widths = vec![30.0; used.len()];
        book.add_sheet(CODES_SHEET, &widths, Some(headers.iter().map(|h| (Cell::Text(h), Style::Bold)).collect()))?;
        let depth = columns.iter().map(Vec::len).max().unwrap_or(0);
        for row in 0..depth {
            book.write_row(columns.iter().map(|c| (c.get(row).map_or(Cell::Blank, |v| Cell::Text(v)), Style::Plain)))?;
        }
    }
    book.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::session::{self, CheckRequest, InputFile};

    /// Checked by our own checker, the template has every list and column, and no rows.
    fn reads_back_blank(profile: &crate::checks::Profile, name: &str, bytes: Vec<u8>) {
        let request = CheckRequest {
            as_of: profile.lists.iter().map(|l| (l.id.clone(), "2025-10-01".parse().unwrap())).collect(),
            ..CheckRequest::new(&profile.id, "2025-11-20".parse().unwrap())
        };
        let file = InputFile { name: name.into(), bytes: Ok(bytes) };
        let outcome = session::run(&request, [file], 1, &mut |_| {}).unwrap();
        let structural: Vec<_> = outcome
            .all_findings()
            .filter(|f| {
                f.rule.starts_with("LIST-NOT-FOUND")
                    || f.rule.starts_with("COLUMN-MISSING")
                    || f.rule == "FILE-UNREADABLE"
            })
            .map(|f| (f.rule, f.list.clone(), f.column.clone()))
            .collect();
        assert!(structural.is_empty(), "{} {name}: {structural:?}", profile.id);
        assert_eq!(outcome.report.summary.lists.len(), profile.lists.len(), "{} {name}", profile.id);
        for list in &outcome.report.summary.lists {
            assert_eq!(list.rows, 0, "blank");
        }
    }

    #[test]
    fn every_template_reads_back_with_every_list_and_column() {
        for profile in crate::checks::profiles() {
            let ods = template_ods(profile, "Test").unwrap();
            reads_back_blank(profile, "template.ods", ods.clone());
            assert!(crate::export::verify::problem(&ods, crate::export::downloads::Format::Ods).is_none());
            let bytes = template_xlsx(profile, "Test").unwrap();
            reads_back_blank(profile, "template.xlsx", bytes.clone());
            if let Some(p) = crate::export::verify::problem(&bytes, crate::export::downloads::Format::Xlsx) {
                panic!("{}: {p}", profile.id);
            }
            // Drop-downs on the coded columns, from the Codes sheet.
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
            let mut sheet = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(), &mut sheet).unwrap();
            let coded = profile.lists[0].columns.iter().filter(|c| c.codes.is_some()).count();
            assert_eq!(sheet.matches("<dataValidation type=\"list\"").count(), coded, "{}", profile.id);
            assert!(
                coded == 0 || sheet.contains("<formula1>&apos;Codes&apos;!$") || sheet.contains("<formula1>'Codes'!$"),
                "{sheet}"
            );
        }
    }
}

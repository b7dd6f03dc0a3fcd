//! The Annex A findings as CSV, XLSX and ODS downloads (pure: report in, bytes out).
//!
//! Exports carry locations (file, sheet, row, column), the rule, the message, how to fix, any
//! explanation, and the file's own pseudonymous ID for the row (its Unique ID column), never any
//! other value from a person's row.

use std::borrow::Cow;

use super::csv;
use super::xlsx::{self, ExportError, Rows, Table};
use crate::checks::report::{Explanations, Finding, explanation_of};
use crate::write::package::Properties;

const HEADERS: [&str; 11] =
    ["File", "Sheet", "List", "Row", "Column", "Unique ID", "Severity", "Rule", "Message", "How to fix", "Explanation"];

/// What a findings download lists: every finding in order, each with any explanation given for
/// it. Rows are made as they are written: a finding's texts are shared, so a million findings
/// cost their pointers here, not a million rows of text.
pub struct FindingRows<'a> {
    pub findings: Vec<&'a Finding>,
    pub explanations: &'a Explanations,
    /// Told each row's index as it is made (writers make them in order), for progress.
    pub on_row: &'a dyn Fn(usize),
}

impl Rows for FindingRows<'_> {
    fn count(&self) -> usize {
        self.findings.len()
    }

    fn row(&self, i: usize) -> Vec<Cow<'_, str>> {
        fn text(t: &Option<std::sync::Arc<str>>) -> Cow<'_, str> {
            Cow::Borrowed(t.as_deref().unwrap_or_default())
        }
        (self.on_row)(i);
        let f = self.findings[i];
        vec![
            // Never `f.value`: exports carry locations and the row's own Unique ID only.
            Cow::Borrowed(&*f.file),
            text(&f.sheet),
            text(&f.list),
            f.row.map(|r| Cow::Owned(r.to_string())).unwrap_or_default(),
            text(&f.column),
            text(&f.unique_id),
            Cow::Borrowed(f.severity.as_str()),
            Cow::Borrowed(f.rule),
            Cow::Borrowed(&*f.message),
            Cow::Borrowed(&*f.how_to_fix),
            Cow::Borrowed(explanation_of(self.explanations, f).unwrap_or_default()),
        ]
    }
}

/// The findings as CSV (UTF-8 with a byte-order mark, formula starts neutralised).
pub fn findings_csv(rows: &FindingRows) -> String {
    csv::render(&HEADERS, rows)
}

/// The findings as an Excel workbook with one "Findings" sheet.
pub fn findings_xlsx(rows: &FindingRows, properties: Properties) -> Result<Vec<u8>, ExportError> {
    findings_spreadsheet(rows, properties, xlsx::render_sheets)
}

/// The findings as an OpenDocument spreadsheet, the same sheet.
pub fn findings_ods(rows: &FindingRows, properties: Properties) -> Result<Vec<u8>, ExportError> {
    findings_spreadsheet(rows, properties, xlsx::render_sheets_ods)
}

fn findings_spreadsheet(
    rows: &FindingRows,
    properties: Properties,
    render: xlsx::RenderSheets,
) -> Result<Vec<u8>, ExportError> {
    render(
        &[&Table {
            sheet: "Findings",
            header: &HEADERS,
            rows,
            numeric_columns: &[3],
            date_columns: &[],
            widths: &[24.0, 16.0, 12.0, 6.0, 28.0, 14.0, 9.0, 24.0, 60.0, 60.0, 40.0],
        }],
        properties,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::report::{AsOfDates, CheckReport, check};
    use crate::checks::rules::test_support::{today, workbook};

    fn report() -> CheckReport {
        let wb = workbook(&[
            &["Unique ID", "Gender", "UPN", "Date of birth", "Home address"],
            &["=HYPERLINK(1)", "", "", "01/01/2030", "1 Fictional Road, AB1 2EF"],
            &["A2", "x", "H801200001001", "01/01/2015", ""],
        ]);
        check(&[wb], crate::checks::profile("full-2025").unwrap(), None, &AsOfDates::new(), today())
    }

    fn rows(report: &CheckReport) -> FindingRows<'_> {
        FindingRows { findings: report.findings.iter().collect(), explanations: &report.explanations, on_row: &|_| {} }
    }

    #[test]
    fn csv_has_row_numbers_and_ids_but_no_other_values() {
        let mut r = report();
        let key = r.findings.iter().find(|f| f.rule == "VALUE-BLANK").unwrap().key();
        r.explain(&key, "=explained, with a comma");
        let csv = findings_csv(&rows(&r));
        assert!(csv.starts_with("\u{FEFF}File,Sheet,List,Row,Column,Unique ID,Severity,Rule,Message"));
        assert!(csv.contains("'=HYPERLINK(1)"), "the ID is neutralised");
        assert!(csv.contains("\"'=explained, with a comma\""));
        assert!(csv.contains(",2,") && csv.contains("DATE-FUTURE"));
        for value in ["01/01/2030", "Fictional Road", "AB1 2EF", "H801200001001", "01/01/2015"] {
            assert!(!csv.contains(value), "export leaked {value}");
        }
    }

    #[test]
    fn xlsx_and_ods_exports_read_back() {
        let r = report();
        let xlsx = ("findings.xlsx", findings_xlsx(&rows(&r), Properties::default()).unwrap());
        let ods = ("findings.ods", findings_ods(&rows(&r), Properties::default()).unwrap());
        for (name, bytes) in [xlsx, ods] {
            let wb = crate::checks::read_workbook(name, &bytes, crate::checks::ReadOptions::default()).unwrap();
            let sheet = &wb.sheets[0];
            assert_eq!(sheet.name, "Findings");
            assert_eq!(sheet.n_rows(), r.findings.len() + 1, "{name}");
            assert_eq!(sheet.cell(0, 7).as_text().unwrap(), "Rule");
            let text: String =
                sheet.rows().iter().flatten().filter_map(|c| c.as_text().map(|t| t.into_owned())).collect();
            assert!(!text.contains("Fictional Road") && !text.contains("H801200001001"));
        }
    }
}

//! The findings as CSV and XLSX downloads (pure: report in, bytes out; no downloads here).
//!
//! Exports carry locations (file, sheet, row, column), the rule, the message, how to fix, any
//! explanation, and the file's own pseudonymous ID for the row (its Unique ID column) — never any
//! other value from a person's row. CSV cells that a spreadsheet would run as a formula (starting
//! `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.

use std::fmt;

use super::report::{CheckReport, Finding};

const HEADERS: [&str; 11] =
    ["File", "Sheet", "List", "Row", "Column", "Unique ID", "Severity", "Rule", "Message", "How to fix", "Explanation"];

fn fields<'a>(report: &'a CheckReport, f: &'a Finding) -> [String; 11] {
    [
        f.file.clone(),
        f.sheet.clone().unwrap_or_default(),
        f.list.clone().unwrap_or_default(),
        f.row.map(|r| r.to_string()).unwrap_or_default(),
        f.column.clone().unwrap_or_default(),
        f.unique_id.clone().unwrap_or_default(),
        f.severity.as_str().to_string(),
        f.rule.clone(),
        f.message.clone(),
        f.how_to_fix.clone(),
        report.explanation(f).unwrap_or_default().to_string(),
    ]
}

/// Makes a cell safe to open in a spreadsheet: text a spreadsheet would treat as a formula gets
/// a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

fn csv_quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_string() }
}

/// The findings as CSV (UTF-8 with a byte-order mark, so Excel shows “quotes” and dashes right).
pub fn findings_csv(report: &CheckReport) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&HEADERS.join(","));
    out.push_str("\r\n");
    for f in &report.findings {
        let row: Vec<String> = fields(report, f).iter().map(|c| csv_quote(&neutralise(c))).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Why an export could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportError {
    /// The XLSX writer failed (for example, too many findings for one sheet).
    Xlsx(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Xlsx(detail) => write!(f, "The findings could not be saved as an Excel file ({detail}). Try the CSV download instead."),
        }
    }
}

impl std::error::Error for ExportError {}

/// Excel allows 1,048,576 rows; one is the header.
const MAX_XLSX_FINDINGS: usize = 1_048_575;

/// The findings as an Excel workbook with one "Findings" sheet. Values are written as text, so
/// nothing in them can become a formula.
pub fn findings_xlsx(report: &CheckReport) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Findings").map_err(err)?;
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &bold).map_err(err)?;
    }
    for (i, f) in report.findings.iter().take(MAX_XLSX_FINDINGS).enumerate() {
        let row = i as u32 + 1;
        for (col, value) in fields(report, f).iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            if col == 3
                && let Some(n) = f.row {
                    sheet.write_number(row, col as u16, f64::from(n)).map_err(err)?;
                    continue;
                }
            sheet.write_string(row, col as u16, value).map_err(err)?;
        }
    }
    for (col, width) in [24, 16, 12, 6, 28, 14, 9, 24, 60, 60, 40].iter().enumerate() {
        sheet.set_column_width(col as u16, *width).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    workbook.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::report::{AsOfDates, check};
    use crate::checks::rules::test_support::{today, workbook};

    fn report() -> CheckReport {
        let wb = workbook(&[
            &["Unique ID", "Gender", "UPN", "Date of birth", "Home address"],
            &["=HYPERLINK(1)", "", "", "01/01/2030", "1 Fictional Road, AB1 2EF"],
            &["A2", "x", "H801200001001", "01/01/2015", ""],
        ]);
        check(&[wb], crate::checks::profile("full-2025").unwrap(), None, &AsOfDates::new(), today())
    }

    #[test]
    fn neutralises_formula_starts() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("List 1"), "List 1");
    }

    #[test]
    fn csv_has_row_numbers_and_ids_but_no_other_values() {
        let mut r = report();
        let key = r.findings.iter().find(|f| f.rule == "VALUE-BLANK").unwrap().key();
        r.explain(&key, "=explained, with a comma");
        let csv = findings_csv(&r);
        assert!(csv.starts_with("\u{FEFF}File,Sheet,List,Row,Column,Unique ID,Severity,Rule,Message"));
        assert!(csv.contains("'=HYPERLINK(1)"), "the ID is neutralised");
        assert!(csv.contains("\"'=explained, with a comma\""));
        assert!(csv.contains(",2,") && csv.contains("DATE-FUTURE"));
        for value in ["01/01/2030", "Fictional Road", "AB1 2EF", "H801200001001", "01/01/2015"] {
            assert!(!csv.contains(value), "export leaked {value}");
        }
    }

    #[test]
    fn xlsx_export_reads_back() {
        let r = report();
        let bytes = findings_xlsx(&r).unwrap();
        let wb = crate::checks::read_workbook("findings.xlsx", &bytes).unwrap();
        let sheet = &wb.sheets[0];
        assert_eq!(sheet.name, "Findings");
        assert_eq!(sheet.rows.len(), r.findings.len() + 1);
        assert_eq!(sheet.cell(0, 7).as_text().unwrap(), "Rule");
        let text: String = sheet.rows.iter().flatten().filter_map(|c| c.as_text().map(|t| t.into_owned())).collect();
        assert!(!text.contains("Fictional Road") && !text.contains("H801200001001"));
    }
}

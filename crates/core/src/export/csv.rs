//! CSV for spreadsheets, safe to open in Excel: cells that a spreadsheet would run as a formula
//! (starting with =, +, -, @, tab or carriage return) are prefixed with an apostrophe.

/// One CSV field, quoted when needed and neutralised against formula injection.
pub fn field(value: &str) -> String {
    let safe =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if safe.contains([',', '"', '\n', '\r']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

/// A whole CSV file with a header row, CRLF line ends and a UTF-8 byte-order mark so Excel
/// reads accented names correctly.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| field(h)).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| field(c)).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+44 1234"), "'+44 1234");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn file_has_bom_header_and_crlf() {
        let text = render(&["Title", "Owner"], &[vec!["Audit".into(), "=cmd".into()]]);
        assert_eq!(text, "\u{feff}Title,Owner\r\nAudit,'=cmd\r\n");
    }
}

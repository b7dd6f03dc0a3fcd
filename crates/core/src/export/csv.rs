//! CSV for spreadsheets, safe to open in Excel or LibreOffice: cells that a spreadsheet would
//! run as a formula are neutralised with an apostrophe.

use super::xlsx::Rows;

/// What starts a formula: =, +, -, @, tab and carriage return, and their fullwidth forms
/// (LibreOffice reads those as text, but no spreadsheet documents that, so they are treated
/// alike).
const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];

/// One CSV field, quoted when needed and neutralised against formula injection. A field is
/// also split wherever a reader splits it: LibreOffice imported with ";" as the separator (as
/// in much of Europe) ran `a;=1+1` as a formula, so a trigger after ";" or a tab is neutralised
/// too.
pub fn field(value: &str) -> String {
    let mut safe = String::with_capacity(value.len() + 1);
    let mut at_start = true;
    for ch in value.chars() {
        if at_start && TRIGGERS.contains(&ch) {
            safe.push('\'');
        }
        safe.push(ch);
        at_start = matches!(ch, ';' | '\t');
    }
    if safe.contains([',', '"', '\n', '\r']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

/// A whole CSV file with a header row, CRLF line ends and a UTF-8 byte-order mark so Excel
/// reads accented names correctly.
pub fn render(header: &[&str], rows: &dyn Rows) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (n, cell) in cells.enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(&field(cell));
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for i in 0..rows.count() {
        line(&mut rows.row(i).iter().map(|c| c.as_ref()));
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
    fn triggers_after_a_separator_some_readers_use_and_fullwidth_triggers_are_neutralised() {
        assert_eq!(field("a;=1+1"), "a;'=1+1");
        assert_eq!(field("a\t+1"), "a\t'+1");
        assert_eq!(field("\u{ff1d}1+1"), "'\u{ff1d}1+1");
        assert_eq!(field("\u{ff20}SUM(A1)"), "'\u{ff20}SUM(A1)");
        assert_eq!(field("a; b = c"), "a; b = c", "a trigger not right after the separator is text");
        assert_eq!(field("\t=x"), "'\t'=x");
    }

    #[test]
    fn file_has_bom_header_and_crlf() {
        let text = render(&["Title", "Owner"], &vec![vec!["Audit".into(), "=cmd".into()]]);
        assert_eq!(text, "\u{feff}Title,Owner\r\nAudit,'=cmd\r\n");
    }
}

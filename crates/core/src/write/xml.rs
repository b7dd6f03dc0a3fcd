//! The one XML-character filter every XML part we write goes through (DOCX, XLSX, ODT, ODS,
//! package metadata). XML 1.0 allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
//! U+10000 on; a Rust `char` is never a surrogate, so what is left to refuse is the C0 controls
//! other than tab, LF and CR, and the two noncharacters U+FFFE and U+FFFF. One such character
//! (pasted from elsewhere, or arriving in a partner's merged file) makes a whole part unreadable,
//! so the writers drop it (the spreadsheet writer keeps it as Excel's own `_xHHHH_` escape).
//!
//! A leaf module: it names nothing else in the crate.

/// Whether XML 1.0 allows `c` in a document.
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 forbids.
pub fn filtered(text: &str) -> String {
    text.chars().filter(|&c| allowed(c)).collect()
}

/// Appends `text` escaped for element content or a double-quoted attribute, dropping the
/// characters XML 1.0 forbids.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped for element content or a double-quoted attribute (see [`push_escaped`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_exactly_what_xml_forbids() {
        let forbidden: Vec<char> = (0u32..=0x10FFFF).filter_map(char::from_u32).filter(|&c| !allowed(c)).collect();
        let mut expected: Vec<char> =
            (0u32..0x20).filter_map(char::from_u32).filter(|c| !"\t\n\r".contains(*c)).collect();
        expected.extend(['\u{FFFE}', '\u{FFFF}']);
        assert_eq!(forbidden, expected);
        // Discouraged but allowed: C1 controls, U+FDD0, U+1FFFE, bidi overrides.
        assert_eq!(
            filtered("a\u{1}\u{85}\u{FDD0}\u{1FFFE}\u{202E}\u{FFFE}\u{FFFF}\u{1B}b\t\r\n"),
            "a\u{85}\u{FDD0}\u{1FFFE}\u{202E}b\t\r\n"
        );
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("<a href=\"x\">&'\u{0}</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
    }
}

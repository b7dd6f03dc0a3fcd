//! Personal identifiers the request does not ask for: names, addresses, postcodes, NHS and
//! National Insurance numbers, emails and phone numbers; and, when the request must be
//! pseudonymised, UPNs, ULNs and full dates of birth.
//!
//! Simple hand-written matchers rather than the `regex` crate, to keep the wasm small. To avoid
//! false alarms, number-like identifiers need column context (the header) or their usual
//! formatting, and NHS numbers must pass the modulus 11 check. Findings are per column: how many
//! cells, and the first few row numbers. They never include the values.

use super::dates::{DateParse, parse_cell};
use super::headers::normalise;
use super::profile::ColumnType;
use super::report::Finding;
use super::rules::{
    ListData, PII_ADDRESS, PII_DATE_OF_BIRTH, PII_EMAIL, PII_NAME, PII_NHS_NUMBER, PII_NI_NUMBER, PII_PHONE,
    PII_POSTCODE, PII_ULN, PII_UPN, Rule,
};
use super::workbook::Cell;

/// The characters of `text` that are ASCII digits.
pub fn digits_only(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// A unique pupil number: a check letter, then 12 characters (11 digits and a final digit, or a
/// final letter in a temporary UPN), where the check letter is the weighted sum mod 23.
pub fn is_valid_upn(text: &str) -> bool {
    let t = text.trim().as_bytes();
    if t.len() != 13 {
        return false;
    }
    let check = t[0].to_ascii_uppercase();
    let mut sum = 0u32;
    for (i, &b) in t[1..].iter().enumerate() {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else if i == 11 {
            match UPN_LETTERS.iter().position(|l| *l == b.to_ascii_uppercase()) {
                Some(p) => p as u32,
                None => return false,
            }
        } else {
            return false;
        };
        sum += value * (i as u32 + 2);
    }
    UPN_LETTERS[(sum % 23) as usize] == check
}

/// A unique learner number: 10 digits, the first not zero, where the digits times the weights
/// 10, 9, …, 1 sum to a number that leaves remainder 10 when divided by 11 (the published ULN
/// check, as in the ILR validation rules and the school census).
pub fn is_valid_uln(text: &str) -> bool {
    let t = text.trim().as_bytes();
    if t.len() != 10 || !t.iter().all(u8::is_ascii_digit) || t[0] == b'0' {
        return false;
    }
    let sum: u32 = t.iter().enumerate().map(|(i, b)| u32::from(b - b'0') * (10 - i as u32)).sum();
    sum % 11 == 10
}

/// Ten digits whose last is the modulus 11 check digit of the first nine (weights 10 down to 2).
pub fn is_valid_nhs_number(digits: &str) -> bool {
    let d: Vec<u32> = digits.bytes().filter(u8::is_ascii_digit).map(|b| u32::from(b - b'0')).collect();
    if d.len() != 10 || digits.bytes().filter(u8::is_ascii_digit).count() != digits.len() {
        return false;
    }
    let sum: u32 = d[..9].iter().enumerate().map(|(i, v)| v * (10 - i as u32)).sum();
    let check = 11 - (sum % 11);
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == d[9]
}

/// "943 476 5919" or "943-476-5919": the 3-3-4 grouping NHS numbers are written in.
fn nhs_grouped(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() != 12 {
        return None;
    }
    for sep in [' ', '-'] {
        let parts: Vec<&str> = t.split(sep).collect();
        if parts.len() == 3
            && [3, 3, 4].iter().zip(&parts).all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some(parts.concat());
        }
    }
    None
}

/// A National Insurance number: two prefix letters, six digits, a suffix letter A–D (spaces allowed).
pub fn is_ni_number(text: &str) -> bool {
    let mut t = [0u8; 9];
    let mut n = 0;
    for b in text.bytes().filter(|b| *b != b' ') {
        if n == 9 {
            return false;
        }
        t[n] = b.to_ascii_uppercase();
        n += 1;
    }
    if n != 9 {
        return false;
    }
    let (a, b) = (t[0], t[1]);
    let letters_ok = a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
        && !b"DFIQUV".contains(&a)
        && !b"DFIOQUV".contains(&b)
        && !matches!(&t[..2], b"BG" | b"GB" | b"NK" | b"KN" | b"TN" | b"NT" | b"ZZ");
    letters_ok && t[2..8].iter().all(u8::is_ascii_digit) && b"ABCD".contains(&t[8])
}

/// Something@somewhere.tld with no spaces.
pub fn is_email(text: &str) -> bool {
    let t = text.trim();
    let Some((local, domain)) = t.split_once('@') else { return false };
    !local.is_empty()
        && !t.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
}

/// A UK phone number written as text: 0 then 9–10 more digits, or +44 then 9–10 digits, with
/// only spaces, dashes and brackets between.
pub fn is_uk_phone(text: &str) -> bool {
    let t = text.trim();
    if !t.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+')) {
        return false;
    }
    let digits = digits_only(t);
    if let Some(rest) = t.strip_prefix("+44") {
        let n = digits_only(rest).trim_start_matches('0').len();
        return (9..=10).contains(&n);
    }
    digits.starts_with('0') && !digits.starts_with("00") && (10..=11).contains(&digits.len())
}

/// Does the text contain a full UK postcode ("SW1A 1AA", "m1 1ae")?
pub fn contains_postcode(text: &str) -> bool {
    if text.len() < 5 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // Either "OUT IN" as two words, or written together ("SW1A1AA").
    let mut previous: Option<&str> = None;
    for w in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if previous.is_some_and(is_outward) && is_inward(w) {
            return true;
        }
        if (5..=7).contains(&w.len()) && is_outward(&w[..w.len() - 3]) && is_inward(&w[w.len() - 3..]) {
            return true;
        }
        previous = Some(w);
    }
    false
}

fn is_outward(w: &str) -> bool {
    let b = w.as_bytes();
    let a = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    let d = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    match b.len() {
        2 => a(0) && d(1),                                                               // M1
        3 => (a(0) && d(1) && d(2)) || (a(0) && a(1) && d(2)) || (a(0) && d(1) && a(2)), // M60, CR2, W1A
        4 => a(0) && a(1) && d(2) && (d(3) || a(3)),                                     // DN55, EC1A
        _ => false,
    }
}

fn is_inward(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1..].iter().all(|c| c.is_ascii_alphabetic() && !b"CIKMOV".contains(&c.to_ascii_uppercase()))
}

/// Header words that say a column holds people's names, unless it names a setting or service.
fn header_says_name(h: &str) -> bool {
    let words: Vec<&str> = h.split(' ').collect();
    let personal = [
        "name",
        "names",
        "forename",
        "forenames",
        "surname",
        "surnames",
        "firstname",
        "lastname",
        "fullname",
        "nickname",
        "alias",
    ];
    let not_people = [
        "school",
        "provider",
        "setting",
        "establishment",
        "team",
        "organisation",
        "service",
        "commissioner",
        "la",
        "authority",
        "file",
        "sheet",
        "college",
        "placement",
        "unit",
        "practice",
        "gp",
        "worker",
        "manager",
        "officer",
        "caseworker",
    ];
    words.iter().any(|w| personal.contains(w)) && !words.iter().any(|w| not_people.contains(w))
        || h.contains("known as")
}

fn header_says_address(h: &str) -> bool {
    let words: Vec<&str> = h.split(' ').collect();
    words.iter().any(|w| matches!(*w, "address" | "street" | "addr"))
        || h.contains("house number")
        || h.contains("address line")
}

fn header_has(h: &str, needles: &[&str]) -> bool {
    let words: Vec<&str> = h.split(' ').collect();
    needles.iter().any(|n| if n.contains(' ') { h.contains(n) } else { words.contains(n) })
}

/// Collects the rows where a matcher fired in one column and emits one finding.
struct Hits {
    rule: &'static Rule,
    rows: Vec<u32>,
    first: Option<usize>,
    count: usize,
}

impl Hits {
    fn new(rule: &'static Rule) -> Self {
        Hits { rule, rows: Vec::new(), first: None, count: 0 }
    }

    fn add(&mut self, i: usize, row: u32) {
        self.count += 1;
        self.first.get_or_insert(i);
        if self.rows.len() < 5 {
            self.rows.push(row);
        }
    }

    fn emit(self, data: &ListData<'_>, column: &str, what: &str, out: &mut Vec<Finding>) {
        let Some(first) = self.first else { return };
        let rows = self.rows.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let more = if self.count > self.rows.len() { ", …" } else { "" };
        let plural = if self.count == 1 { "cell looks" } else { "cells look" };
        let mut f = data.finding(
            self.rule,
            first,
            None,
            format!(
                "{} {plural} like {what} in column “{column}” (rows {rows}{more}). The values are not shown here.",
                crate::domain::counting::with_commas(self.count)
            ),
        );
        f.column = Some(data.shared(column));
        out.push(f);
    }
}

/// Scans one list for identifiers it should not hold.
pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    let sheet = data.sheet;
    let header_cells = sheet.row(data.mapping.header_row);
    // Columns with something from the header row down.
    let width =
        (0..sheet.width()).rev().find(|c| sheet.column(*c).len() > data.mapping.header_row).map_or(0, |c| c + 1);
    let pseudonymised = data.profile.pseudonymised;
    for col in 0..width {
        let header = header_cells.get(col).and_then(|c| c.as_text()).map(|t| t.trim().to_string()).unwrap_or_default();
        let h = normalise(&header);
        let label = if header.is_empty() { format!("column {}", column_letter(col)) } else { header.clone() };
        let mapped =
            data.mapping.columns.iter().find(|m| m.source_column == col).and_then(|m| data.list.column(&m.key));
        let kind = mapped.map(|c| c.kind);
        // Columns the request asks for are checked for what they are; only free text and columns
        // it does not ask for are scanned for stray identifiers.
        let free = matches!(kind, None | Some(ColumnType::Text));
        if free && data.list.person_level && header_says_name(&h) {
            out.push(data.list_finding(
                &PII_NAME,
                Some(label.clone()),
                format!("Column “{label}” looks like it holds names."),
            ));
        }
        if free && header_says_address(&h) {
            out.push(data.list_finding(
                &PII_ADDRESS,
                Some(label.clone()),
                format!("Column “{label}” looks like it holds addresses."),
            ));
        }
        let nhs_context = header_has(&h, &["nhs", "chi", "nhs number", "health number"]);
        let phone_context = header_has(&h, &["phone", "telephone", "tel", "mobile", "contact number"]);
        let uln_context = header_has(&h, &["uln", "unique learner number", "learner number"]);
        let dob_context = header_has(&h, &["dob", "birth", "date of birth", "birthday"]);
        let is_upn_column = kind == Some(ColumnType::Upn);
        let is_uln_column = kind == Some(ColumnType::Uln);
        let is_dob_column = mapped.is_some_and(|c| c.key == "date_of_birth");

        let mut postcode = Hits::new(&PII_POSTCODE);
        let mut nhs = Hits::new(&PII_NHS_NUMBER);
        let mut ni = Hits::new(&PII_NI_NUMBER);
        let mut email = Hits::new(&PII_EMAIL);
        let mut phone = Hits::new(&PII_PHONE);
        let mut upn = Hits::new(&PII_UPN);
        let mut uln = Hits::new(&PII_ULN);
        let mut dob = Hits::new(&PII_DATE_OF_BIRTH);
        let scan_values = free || kind == Some(ColumnType::Id) || pseudonymised;
        if !scan_values {
            continue;
        }
        for i in data.row_indices() {
            let cell = data.cell_at(i, col);
            if cell.is_blank() {
                continue;
            }
            let row = data.row_number(i);
            if pseudonymised
                && (dob_context || is_dob_column)
                && let Some(DateParse::Date(_)) = parse_cell(cell, data.workbook.date_system)
            {
                dob.add(i, row);
                continue;
            }
            let Some(text) = cell.as_text() else { continue };
            let text = text.as_ref();
            if pseudonymised && (is_upn_column || is_valid_upn(text)) {
                upn.add(i, row);
                continue;
            }
            if pseudonymised && (is_uln_column || uln_context) && digits_only(text).len() == 10 {
                uln.add(i, row);
                continue;
            }
            if !free && kind != Some(ColumnType::Id) {
                continue;
            }
            if let Cell::Text(_) = cell {
                if is_email(text) {
                    email.add(i, row);
                } else if is_ni_number(text) {
                    ni.add(i, row);
                } else if contains_postcode(text) {
                    postcode.add(i, row);
                } else if let Some(digits) = nhs_grouped(text).filter(|d| is_valid_nhs_number(d)) {
                    let _ = digits;
                    nhs.add(i, row);
                } else if nhs_context
                    && is_valid_nhs_number(&digits_only(text))
                    && digits_only(text).len() == text.trim().len()
                {
                    nhs.add(i, row);
                } else if is_uk_phone(text)
                    && (phone_context || text.contains(' ') || text.starts_with('+') || text.starts_with('0'))
                {
                    phone.add(i, row);
                }
            } else if let Cell::Number(_) = cell {
                if nhs_context && is_valid_nhs_number(text) {
                    nhs.add(i, row);
                } else if phone_context && (9..=11).contains(&text.len()) {
                    phone.add(i, row);
                }
            }
        }
        email.emit(data, &label, "email addresses", out);
        ni.emit(data, &label, "National Insurance numbers", out);
        postcode.emit(data, &label, "full postcodes", out);
        nhs.emit(data, &label, "NHS numbers", out);
        phone.emit(data, &label, "phone numbers", out);
        upn.emit(data, &label, "UPNs", out);
        uln.emit(data, &label, "ULNs", out);
        dob.emit(data, &label, "full dates of birth", out);
    }
}

/// "A", "B", … "Z", "AA" for a 0-based column.
pub fn column_letter(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::rules::test_support::{findings, ids, run};
    use super::*;

    #[test]
    fn upn_check_letter() {
        assert!(is_valid_upn("H801200001001"));
        assert!(is_valid_upn("v938123456789"));
        assert!(!is_valid_upn("A801200001001"));
        assert!(!is_valid_upn("H80120000100"));
        assert!(!is_valid_upn("H8012000010O1"));
    }

    #[test]
    fn uln_check_digit() {
        // 1×10 + 2×9 + … + 0×1 = 210, which leaves 1 (not 10) when divided by 11.
        assert!(!is_valid_uln("1234567890"));
        assert!(is_valid_uln("1234567899") && is_valid_uln("9000000016") && is_valid_uln(" 5123456782 "));
        assert!(!is_valid_uln("9000000017"), "wrong check digit");
        assert!(!is_valid_uln("0123456789"), "first digit zero");
        assert!(!is_valid_uln("900000001") && !is_valid_uln("90000000160") && !is_valid_uln("900000001A"));
    }

    #[test]
    fn nhs_number_mod_11() {
        assert!(is_valid_nhs_number("9434765919"));
        assert!(!is_valid_nhs_number("9434765918"));
        assert!(!is_valid_nhs_number("943476591"));
        assert_eq!(nhs_grouped("943 476 5919").as_deref(), Some("9434765919"));
        assert_eq!(nhs_grouped("9434765919"), None);
    }

    #[test]
    fn ni_email_phone_postcode_matchers() {
        assert!(is_ni_number("AB 12 34 56 C") && is_ni_number("ce123456a"));
        assert!(!is_ni_number("QQ123456E") && !is_ni_number("DA123456A") && !is_ni_number("GB123456A"));
        assert!(is_email("someone@example.org") && !is_email("not an@email.org") && !is_email("x@y"));
        assert!(is_uk_phone("01632 960 001") && is_uk_phone("+44 7700 900123") && is_uk_phone("07700900123"));
        assert!(!is_uk_phone("1234567890") && !is_uk_phone("0123"));
        assert!(
            contains_postcode("1 High St, Anytown AB1 2EF")
                && contains_postcode("sw1a1aa")
                && contains_postcode("M1 1AE")
        );
        assert!(!contains_postcode("SEMH") && !contains_postcode("AB1 2CI") && !contains_postcode("Year 2 class"));
    }

    #[test]
    fn name_and_address_columns_are_flagged_but_school_name_is_not() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Forename", "Home address", "School name"],
            &["A1", "Xyz", "1 Fictional Road", "Oak Primary"],
        ];
        let found = findings("full-2025", "list-1", rows, check);
        assert_eq!(found.iter().map(|f| f.rule).collect::<Vec<_>>(), ["PII-NAME", "PII-ADDRESS"]);
        assert_eq!(found[0].column.as_deref(), Some("Forename"));
        let rows: &[&[&str]] = &[&["Unique ID", "School name"], &["A1", "Oak Primary"]];
        assert!(run("full-2025", "list-1", rows, check).is_empty());
    }

    #[test]
    fn values_in_extra_columns_are_flagged_without_echoing_them() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Notes", "NHS", "Contact"],
            &["A1", "lives at AB1 2EF", "9434765919", "parent@example.org"],
            &["A2", "AB123456C", "943 476 5919", "01632 960001"],
            &["A3", "fine", "1234567890", ""],
        ];
        let found = findings("full-2025", "list-1", rows, check);
        let got: Vec<&str> = found.iter().map(|f| f.rule).collect();
        assert_eq!(got, ["PII-NI-NUMBER", "PII-POSTCODE", "PII-NHS-NUMBER", "PII-EMAIL", "PII-PHONE"]);
        let nhs = &found[2];
        assert!(nhs.message.starts_with("2 cells look like NHS numbers"), "{}", nhs.message);
        assert_eq!(nhs.row, Some(2));
        for f in &found {
            for secret in ["AB1 2EF", "9434765919", "parent@example.org", "AB123456C", "01632"] {
                assert!(!f.message.contains(secret) && !f.how_to_fix.contains(secret));
            }
        }
    }

    #[test]
    fn random_ten_digit_ids_without_context_are_not_nhs_numbers() {
        // 9434765919 passes mod 11, but in an ID column with no NHS context it is just an ID.
        let rows: &[&[&str]] = &[&["Unique ID", "Gender"], &["9434765919", "a) Male"]];
        assert!(run("full-2025", "list-1", rows, check).is_empty());
    }

    #[test]
    fn pseudonymised_lists_flag_upn_uln_and_dates_of_birth() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Age", "ULN", "DOB"],
            &["H801200001001", "12", "9000000016", "01/02/2013"],
            &["P2", "13", "", ""],
        ];
        let got = run("ap-thematic-2023", "ap-current", rows, check);
        assert_eq!(ids(&got), ["PII-UPN", "PII-ULN", "PII-DATE-OF-BIRTH"]);
        // The same columns in the full inspection, which asks for UPN, ULN and date of birth, pass.
        let rows: &[&[&str]] =
            &[&["Unique ID", "UPN", "ULN", "Date of birth"], &["A1", "H801200001001", "9000000016", "01/02/2013"]];
        assert!(run("full-2025", "list-1", rows, check).is_empty());
    }

    #[test]
    fn provider_names_are_not_personal() {
        let rows: &[&[&str]] = &[&["Provider name", "Offers outreach"], &["Oak Centre", "Yes"]];
        assert!(run("ap-thematic-2023", "providers", rows, check).is_empty());
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}

//! Fictional example workbooks, generated: the example the app ships (with deliberate problems, so
//! findings show), and clean synthetic lists of any size for tests and the benchmark.
//!
//! Every value is made up. Unique IDs start `FICT-`; UPNs use the made-up local authority number
//! 999 (no authority has it), so they can never be a real pupil's.

use chrono::{Datelike, Days, NaiveDate};

use crate::write::xlsx::{Cell, Style, Workbook, WriteError};

use super::profile::Profile;

/// One value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Blank,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        if s.is_empty() { Value::Blank } else { Value::Text(s.into()) }
    }
}

/// A valid UPN for a made-up pupil: check letter + "999" (no such authority) + 9 digits from `n`.
pub fn fictional_upn(n: u64) -> String {
    let body = format!("999{:09}", n % 1_000_000_000);
    let sum: u32 = body.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * (i as u32 + 2)).sum();
    let letters = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    format!("{}{body}", letters[(sum % 23) as usize] as char)
}

/// A fictional ULN that passes the ULN check digit: "9", eight digits from `n`, and the digit
/// that makes the weighted sum (weights 10 down to 1) leave remainder 10 mod 11. When no digit
/// can (the check would need 10), the eight digits are moved on by one.
pub fn fictional_uln(n: u64) -> String {
    let mut body = n % 100_000_000;
    loop {
        let digits = format!("9{body:08}");
        let sum: u32 = digits.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * (10 - i as u32)).sum();
        let check = (10 + 11 - sum % 11) % 11;
        if check < 10 {
            return format!("{digits}{check}");
        }
        body = (body + 1) % 100_000_000;
    }
}

/// The date the example data represents.
pub fn example_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default()
}

fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// A clean, plausible row for a full-inspection list column, for person `i`.
fn value_for(key: &str, i: u64) -> Value {
    let as_of = example_as_of();
    let base = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default();
    let dob = add_days(base, (i * 7919) % 7600);
    let age = as_of.year() - dob.year();
    let lived = (as_of - dob).num_days().max(4) as u64;
    let initial = add_days(dob, lived / 2);
    let updated = add_days(initial, (lived / 2) / 2);
    let reviewed = add_days(updated, (lived / 2) / 4);
    const NEEDS: [&str; 12] = ["ASD", "SEMH", "SLCN", "MLD", "SPLD", "SLD", "PMLD", "HI", "VI", "MSI", "PD", "OTH"];
    const ETHNICITY: [&str; 8] = ["WBRI", "WOTH", "MWBC", "AIND", "APKN", "BAFR", "CHNE", "NOBT"];
    match key {
        "unique_id" => Value::Text(format!("FICT-{i:06}")),
        "upn" => Value::Text(fictional_upn(i)),
        "uln" => Value::Text(fictional_uln(i)),
        "date_of_birth" => Value::Date(dob),
        "gender" => (if i.is_multiple_of(2) { "a) Male" } else { "b) Female" }).into(),
        "ethnicity" => ETHNICITY[(i % 8) as usize].into(),
        "ehc_initial" => Value::Date(initial),
        "ehc_updated" => {
            if i.is_multiple_of(4) {
                Value::Blank
            } else {
                Value::Date(updated)
            }
        }
        "ehc_reviewed" => {
            if i.is_multiple_of(4) {
                Value::Blank
            } else {
                Value::Date(reviewed)
            }
        }
        "sen_primary_need" => NEEDS[(i % 12) as usize].into(),
        "main_urn" if age >= 2 => Value::Number(100_000.0 + (i % 50_000) as f64),
        "main_phase" if age >= 2 => match age {
            ..=4 => "a) Nursery",
            5..=10 => "b) Primary",
            11..=15 if i.is_multiple_of(7) => "g) Special",
            11..=15 => "e) Secondary",
            _ => "i) FE college",
        }
        .into(),
        "subsidiary_phase" if i.is_multiple_of(40) && (5..=15).contains(&age) => {
            "h) Pupil referral unit/Alternative provision".into()
        }
        "elective_home_education" => "b) No".into(),
        "suspensions" => Value::Number((i % 3) as f64),
        "permanent_exclusions" => Value::Number(if i.is_multiple_of(97) { 1.0 } else { 0.0 }),
        "absence" => Value::Number(((i * 37) % 300) as f64 / 10.0),
        "pupil_premium" => (if i.is_multiple_of(3) { "a) Yes" } else { "b) No" }).into(),
        "known_to_social_care" => (if i.is_multiple_of(5) { "a) Yes" } else { "b) No" }).into(),
        "social_care_team" if i.is_multiple_of(5) => {
            (if i.is_multiple_of(10) { "Children in need" } else { "Family support" }).into()
        }
        "disability" => (if i.is_multiple_of(4) { "a) Yes" } else { "b) No" }).into(),
        _ => Value::Blank,
    }
}

impl Value {
    fn cell(&self) -> Cell<'_> {
        match self {
            Value::Blank => Cell::Blank,
            Value::Text(t) => Cell::Text(t),
            Value::Number(n) => Cell::Number(*n),
            Value::Date(d) => Cell::Date(*d),
        }
    }
}

/// Why the example workbook could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExampleError {
    #[error("the example needs the built-in “full-2025” profile, which is missing")]
    NoProfile,
    #[error("the example workbook could not be made: {0}")]
    Write(#[from] WriteError),
}

/// Rows of clean fictional data for a list of the full-inspection profile (headers first).
pub fn clean_rows(profile: &Profile, list_id: &str, n_rows: u64) -> Vec<Vec<Value>> {
    let Some(list) = profile.list(list_id) else { return Vec::new() };
    let mut rows = vec![list.columns.iter().map(|c| Value::Text(c.name.clone())).collect::<Vec<_>>()];
    for i in 1..=n_rows {
        rows.push(list.columns.iter().map(|c| value_for(&c.key, i)).collect());
    }
    rows
}

/// Writes sheets of rows as an xlsx workbook (dates as real date cells, dd/mm/yyyy).
pub fn xlsx_from_rows(sheets: &[(&str, Vec<Vec<Value>>)]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let mut sheet = workbook.add_sheet(name)?;
        for values in rows {
            sheet.write_row(values.iter().map(|v| (v.cell(), Style::Plain)))?;
        }
    }
    workbook.finish()
}

/// A clean synthetic workbook of one list with `n_rows` rows (for tests and the benchmark).
pub fn synthetic_list_xlsx(profile: &Profile, list_id: &str, n_rows: u64) -> Result<Vec<u8>, WriteError> {
    let name = profile.list(list_id).map(|l| l.name.clone()).unwrap_or_default();
    xlsx_from_rows(&[(&name, clean_rows(profile, list_id, n_rows))])
}

/// The example workbook the app ships: fictional List 1 and List 2 for the full inspection, with
/// an "About this file" sheet and a handful of deliberate problems so the checks have something
/// to show. Record its data-as-of date as [`example_as_of`].
pub fn example_workbook() -> Result<Vec<u8>, ExampleError> {
    let Some(profile) = super::profile::profile("full-2025") else {
        return Err(ExampleError::NoProfile);
    };
    let about: Vec<Vec<Value>> = [
        "FICTIONAL EXAMPLE DATA — no real child or young person is in this file.",
        "Made by the area SEND toolkit to show what the Annex A checks find.",
        "Unique IDs start FICT-; UPNs use the made-up authority number 999.",
        "It contains deliberate problems: a future date, a duplicate ID, an invalid code, a US-style date,",
        "EHC plan dates out of order, an absence over 100%, a young person aged 26, a missing school,",
        "missing UPN and ULN, and a column of (made-up) email addresses the request does not ask for.",
    ]
    .iter()
    .map(|line| vec![Value::from(*line)])
    .collect();

    // List 1: a title above the headers, as council exports often have.
    let mut list1 = clean_rows(profile, "list-1", 14);
    let headers = list1.remove(0);
    let col = |key: &str| profile.list("list-1").and_then(|l| l.columns.iter().position(|c| c.key == key)).unwrap_or(0);
    let mut rows = vec![
        vec![Value::from("List 1 – children and young people with an EHC plan (FICTIONAL EXAMPLE)")],
        vec![],
        headers,
    ];
    rows[2].push("Parent email".into());
    for (i, r) in list1.iter_mut().enumerate() {
        r.push(if i < 2 { Value::Text(format!("parent{}@example.org", i + 1)) } else { Value::Blank });
    }
    let d = |y, m, day| Value::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default());
    list1[0][col("date_of_birth")] = d(2031, 5, 4); // future date of birth
    list1[2][col("unique_id")] = list1[1][col("unique_id")].clone(); // duplicate Unique ID
    list1[3][col("sen_primary_need")] = "Autism".into(); // a description, not the code ASD
    list1[4][col("ehc_reviewed")] = "12/31/2023".into(); // US-style date
    list1[5][col("ehc_initial")] = d(2024, 9, 1); // initial after updated and reviewed
    list1[5][col("ehc_updated")] = d(2023, 9, 1);
    list1[5][col("ehc_reviewed")] = d(2024, 3, 1);
    list1[6][col("absence")] = Value::Number(120.0); // not a percentage
    list1[7][col("date_of_birth")] = d(1999, 3, 2); // aged 26
    list1[8][col("date_of_birth")] = d(2015, 2, 3); // school age with no establishment
    list1[8][col("main_urn")] = Value::Blank;
    list1[8][col("main_phase")] = Value::Blank;
    list1[8][col("subsidiary_phase")] = Value::Blank;
    list1[9][col("date_of_birth")] = d(2014, 6, 7); // aged 11 with no UPN or ULN
    list1[9][col("upn")] = Value::Blank;
    list1[9][col("uln")] = Value::Blank;
    rows.extend(list1);

    let mut list2 = clean_rows(profile, "list-2", 10);
    let col2 =
        |key: &str| profile.list("list-2").and_then(|l| l.columns.iter().position(|c| c.key == key)).unwrap_or(0);
    list2[1][col2("gender")] = Value::Blank; // blank gender
    list2[2][col2("main_phase")] = "Year 7".into(); // not a phase code
    list2[3][col2("date_of_birth")] = "3/4/15".into(); // two-digit year
    Ok(xlsx_from_rows(&[("About this file", about), ("List 1", rows), ("List 2", list2)])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::identifiers::is_valid_upn;

    #[test]
    fn fictional_ulns_pass_the_check_digit() {
        for n in 0..2_000 {
            let uln = fictional_uln(n);
            assert!(crate::checks::identifiers::is_valid_uln(&uln), "{uln}");
        }
    }

    #[test]
    fn fictional_upns_are_valid_and_use_authority_999() {
        for n in [0, 1, 42, 99_999] {
            let upn = fictional_upn(n);
            assert!(is_valid_upn(&upn), "{upn}");
            assert_eq!(&upn[1..4], "999");
        }
    }
}

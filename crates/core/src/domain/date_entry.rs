//! A date typed as day, month and year boxes (the GOV.UK date input pattern). Read strictly:
//! "31 2 2026" is an error the user sees, never quietly the 3rd of March.

use std::fmt;

use chrono::NaiveDate;

use super::project_file::{FIRST_YEAR, LAST_YEAR, in_window};

/// Which box a problem is in, so the page can mark just that box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Day,
    Month,
    Year,
    /// The parts are each fine but together are not a date (30 February), or none is a number.
    Whole,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateEntryError {
    Missing(Part),
    NotANumber(Part),
    YearNotFourDigits,
    NotReal,
    /// A real date in a year no project may hold (a project file with it would be refused).
    OutsideYears,
}

impl DateEntryError {
    pub fn part(&self) -> Part {
        match self {
            DateEntryError::Missing(p) | DateEntryError::NotANumber(p) => *p,
            DateEntryError::YearNotFourDigits | DateEntryError::OutsideYears => Part::Year,
            DateEntryError::NotReal => Part::Whole,
        }
    }

    /// The message in GOV.UK's words, with the field's own label first.
    pub fn message(&self, label: &str) -> String {
        let part = |p: &Part| match p {
            Part::Day => "a day",
            Part::Month => "a month",
            Part::Year => "a year",
            Part::Whole => "a date",
        };
        match self {
            DateEntryError::Missing(p) => format!("{label} must include {}", part(p)),
            DateEntryError::NotANumber(p) => format!("{label} must have {} written as a number", part(p)),
            DateEntryError::YearNotFourDigits => format!("{label}: the year must include 4 numbers"),
            DateEntryError::NotReal => format!("{label} must be a real date"),
            DateEntryError::OutsideYears => format!("{label} must be between {FIRST_YEAR} and {LAST_YEAR}"),
        }
    }
}

impl fmt::Display for DateEntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("The date"))
    }
}

/// `Ok(None)` when every box is empty (the date is not set); `Ok(Some(date))` for a real date.
/// Months may also be written as names ("Feb", "february"), as GOV.UK's pattern allows.
pub fn read(day: &str, month: &str, year: &str) -> Result<Option<NaiveDate>, DateEntryError> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    for (text, part) in [(day, Part::Day), (month, Part::Month), (year, Part::Year)] {
        if text.is_empty() {
            return Err(DateEntryError::Missing(part));
        }
    }
    let number = |text: &str, part| text.parse::<u32>().map_err(|_| DateEntryError::NotANumber(part));
    let d = number(day, Part::Day)?;
    let m = month_number(month).ok_or(DateEntryError::NotANumber(Part::Month))?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if year.bytes().all(|b| b.is_ascii_digit()) {
            DateEntryError::YearNotFourDigits
        } else {
            DateEntryError::NotANumber(Part::Year)
        });
    }
    let y = number(year, Part::Year)?;
    let date = NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateEntryError::NotReal)?;
    if in_window(date) { Ok(Some(date)) } else { Err(DateEntryError::OutsideYears) }
}

fn month_number(text: &str) -> Option<u32> {
    text.parse::<u32>().ok().or_else(|| month_from_name(text))
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A month written as a word ("Feb", "sept", "february"), as people and spreadsheets write them.
pub fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let idx = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "sept" and full names are fine; "marble" is not a month.
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (full[idx].starts_with(&lower) || lower == "sept").then_some(idx as u32 + 1)
}

/// The three boxes' text for a stored date (no leading zeros, as people write them).
pub fn parts(date: Option<NaiveDate>) -> [String; 3] {
    use chrono::Datelike;
    match date {
        Some(d) => [d.day().to_string(), d.month().to_string(), format!("{:04}", d.year())],
        None => Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn real_dates_and_empty_boxes() {
        assert_eq!(read("1", "4", "2026"), Ok(date(2026, 4, 1)));
        assert_eq!(read(" 01 ", "04", "2026"), Ok(date(2026, 4, 1)));
        assert_eq!(read("29", "feb", "2028"), Ok(date(2028, 2, 29)));
        assert_eq!(read("3", "September", "2026"), Ok(date(2026, 9, 3)));
        assert_eq!(read("", " ", ""), Ok(None));
    }

    #[test]
    fn impossible_or_partial_dates_say_which_box() {
        assert_eq!(read("31", "2", "2026"), Err(DateEntryError::NotReal));
        assert_eq!(read("29", "2", "2026"), Err(DateEntryError::NotReal));
        assert_eq!(read("1", "13", "2026"), Err(DateEntryError::NotReal));
        assert_eq!(read("1", "", "2026").unwrap_err().part(), Part::Month);
        assert_eq!(read("x", "1", "2026").unwrap_err().part(), Part::Day);
        assert_eq!(read("1", "ma", "2026").unwrap_err().part(), Part::Month);
        assert_eq!(read("1", "1", "26"), Err(DateEntryError::YearNotFourDigits));
        assert_eq!(read("1", "1", "20x6"), Err(DateEntryError::NotANumber(Part::Year)));
        // A year a saved project could not hold is refused here, not when the file is reopened.
        assert_eq!(read("1", "1", "3026"), Err(DateEntryError::OutsideYears));
        assert_eq!(read("1", "1", "3026").unwrap_err().message("Starts"), "Starts must be between 2000 and 2100");
        assert_eq!(read("31", "12", "2100"), Ok(date(2100, 12, 31)));
        assert_eq!(read("1", "", "2026").unwrap_err().message("Starts"), "Starts must include a month");
    }

    #[test]
    fn parts_round_trip() {
        let d = date(2026, 12, 2);
        let [day, month, year] = parts(d);
        assert_eq!(read(&day, &month, &year), Ok(d));
        assert_eq!(parts(None), [String::new(), String::new(), String::new()]);
    }
}

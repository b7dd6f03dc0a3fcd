//! Reading dates the UK way, and saying when a cell cannot be read safely.
//!
//! Accepted: real date cells; DD/MM/YYYY text (also with `-` or `.`, and one-digit day or
//! month); ISO YYYY-MM-DD; day-month-name text ("4 Mar 2021", "04-March-2021"); and Excel serial
//! numbers in either date system (1900, with Excel's fictitious 29 February 1900, or 1904).
//! Text that only makes sense in US order ("12/31/2020") or that has a two-digit year is
//! [`DateParse::Ambiguous`]: flagged, never guessed.

use chrono::{Datelike, NaiveDate};

use crate::domain::date_entry::month_from_name;

use super::workbook::{Cell, DateSystem};

/// Why a date cell was not accepted as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambiguity {
    /// "12/31/2020": the second number cannot be a month, so it was probably typed US-style.
    MonthFirst,
    /// "03/04/21": the century is not written.
    TwoDigitYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateParse {
    Date(NaiveDate),
    Ambiguous(Ambiguity),
    /// Looks like a date but cannot exist (31/02/2021, Excel's 29/02/1900, year before 1900).
    Impossible,
    /// Not a date at all.
    Unreadable,
}

impl DateParse {
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            DateParse::Date(d) => Some(d),
            _ => None,
        }
    }
}

/// Earliest year accepted as a real date in these lists.
pub const MIN_YEAR: i32 = 1900;

/// Interprets a cell as a date. `None` for a blank cell.
pub fn parse_cell(cell: &Cell, system: DateSystem) -> Option<DateParse> {
    Some(match cell {
        Cell::Empty => return None,
        Cell::Date(d) => check_year(*d),
        Cell::InvalidDate(_) => DateParse::Impossible,
        // Serials below 10000 are dates before 1927: in these lists, a year or a typing slip.
        Cell::Number(n) if *n < 10_000.0 => DateParse::Unreadable,
        Cell::Number(n) => from_serial(*n, system),
        Cell::Text(t) => parse_text(t, system),
        Cell::Bool(_) | Cell::Error(_) => DateParse::Unreadable,
    })
}

fn check_year(d: NaiveDate) -> DateParse {
    if d.year() < MIN_YEAR { DateParse::Impossible } else { DateParse::Date(d) }
}

/// An Excel serial day number (the fraction, a time of day, is ignored).
pub fn from_serial(serial: f64, system: DateSystem) -> DateParse {
    if !serial.is_finite() || serial < 0.0 {
        return DateParse::Unreadable;
    }
    // 2958465 is 31/12/9999, the last date Excel shows.
    if serial >= 2_958_466.0 {
        return DateParse::Unreadable;
    }
    let days = serial.floor() as i64;
    let date = match system {
        DateSystem::Excel1904 => {
            NaiveDate::from_ymd_opt(1904, 1, 1).and_then(|e| e.checked_add_days(chrono::Days::new(days as u64)))
        }
        DateSystem::Excel1900 => {
            if days == 0 {
                return DateParse::Impossible; // "00/01/1900"
            }
            if days == 60 {
                return DateParse::Impossible; // Excel's 29/02/1900, which never existed
            }
            // Serials before 60 count from 31/12/1899; after it, one day is lost to the fake leap day.
            let epoch =
                if days < 60 { NaiveDate::from_ymd_opt(1899, 12, 31) } else { NaiveDate::from_ymd_opt(1899, 12, 30) };
            epoch.and_then(|e| e.checked_add_days(chrono::Days::new(days as u64)))
        }
    };
    date.map(check_year).unwrap_or(DateParse::Unreadable)
}

fn ymd(year: i64, month: i64, day: i64) -> DateParse {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return DateParse::Impossible;
    }
    if year < i64::from(MIN_YEAR) || year > 9999 {
        return DateParse::Impossible;
    }
    match NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32) {
        Some(d) => DateParse::Date(d),
        None => DateParse::Impossible,
    }
}

/// Text as typed into a cell or exported to CSV.
pub fn parse_text(text: &str, system: DateSystem) -> DateParse {
    let t = text.trim();
    // Drop a time of day: "2021-03-04T00:00:00", "04/03/2021 00:00".
    let t = t
        .split(['T', ' '])
        .next()
        .filter(|first| first.len() >= 6 && first.chars().any(|c| !c.is_ascii_alphabetic()))
        .unwrap_or(t);
    if t.is_empty() {
        return DateParse::Unreadable;
    }
    // A serial number that arrived as text (a CSV export of a date column).
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && t.bytes().filter(|b| *b == b'.').count() <= 1 {
        if t.len() == 8 && !t.contains('.') {
            return DateParse::Unreadable; // 20210304 or 04032021: no separators, no safe reading
        }
        return match t.parse::<f64>() {
            Ok(n) if t.split('.').next().is_some_and(|whole| whole.len() == 5) => from_serial(n, system),
            _ => DateParse::Unreadable,
        };
    }
    let parts: Vec<&str> = t.split(['/', '-', '.', ' ']).filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 {
        return DateParse::Unreadable;
    }
    let num = |s: &str| -> Option<i64> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) { None } else { s.parse().ok() }
    };
    match (num(parts[0]), num(parts[1]), num(parts[2])) {
        // ISO: 2021-03-04.
        (Some(y), Some(m), Some(d)) if parts[0].len() == 4 => ymd(y, m, d),
        (Some(d), Some(m), Some(y)) if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 => {
            if m > 12 && d <= 12 { DateParse::Ambiguous(Ambiguity::MonthFirst) } else { ymd(y, m, d) }
        }
        (Some(d), Some(m), Some(_)) if parts[2].len() == 2 && parts[0].len() <= 2 && parts[1].len() <= 2 => {
            if (1..=31).contains(&d) && (1..=31).contains(&m) {
                DateParse::Ambiguous(Ambiguity::TwoDigitYear)
            } else {
                DateParse::Impossible
            }
        }
        // 4 Mar 2021, 04-March-2021.
        (Some(d), None, Some(y)) => match month_from_name(parts[1]) {
            Some(m) if parts[2].len() == 4 => ymd(y, i64::from(m), d),
            Some(_) if parts[2].len() == 2 => DateParse::Ambiguous(Ambiguity::TwoDigitYear),
            _ => DateParse::Unreadable,
        },
        // March 4 2021: month first in words is unambiguous, so accept it.
        (None, Some(d), Some(y)) if parts[2].len() == 4 => match month_from_name(parts[0]) {
            Some(m) => ymd(y, i64::from(m), d),
            None => DateParse::Unreadable,
        },
        _ => DateParse::Unreadable,
    }
}

/// Whole years between `born` and `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i64 {
    let mut years = i64::from(on.year() - born.year());
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> DateParse {
        DateParse::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    fn text(s: &str) -> DateParse {
        parse_text(s, DateSystem::Excel1900)
    }

    #[test]
    fn uk_order_text_is_day_first() {
        assert_eq!(text("03/04/2021"), d(2021, 4, 3));
        assert_eq!(text("3/4/2021"), d(2021, 4, 3));
        assert_eq!(text("31-12-2020"), d(2020, 12, 31));
        assert_eq!(text("31.12.2020"), d(2020, 12, 31));
        assert_eq!(text("04/03/2021 00:00:00"), d(2021, 3, 4));
    }

    #[test]
    fn iso_and_month_names() {
        assert_eq!(text("2021-03-04"), d(2021, 3, 4));
        assert_eq!(text("2021-03-04T00:00:00"), d(2021, 3, 4));
        assert_eq!(text("4 Mar 2021"), d(2021, 3, 4));
        assert_eq!(text("04-March-2021"), d(2021, 3, 4));
        assert_eq!(text("4 Sept 2021"), d(2021, 9, 4));
        assert_eq!(text("4 Marble 2021"), DateParse::Unreadable);
    }

    #[test]
    fn us_order_and_two_digit_years_are_flagged_not_guessed() {
        assert_eq!(text("12/31/2020"), DateParse::Ambiguous(Ambiguity::MonthFirst));
        assert_eq!(text("3/4/21"), DateParse::Ambiguous(Ambiguity::TwoDigitYear));
        assert_eq!(text("4 Mar 21"), DateParse::Ambiguous(Ambiguity::TwoDigitYear));
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(text("31/02/2021"), DateParse::Impossible);
        assert_eq!(text("29/02/2023"), DateParse::Impossible);
        assert_eq!(text("29/02/2024"), d(2024, 2, 29));
        assert_eq!(text("01/01/1850"), DateParse::Impossible);
        assert_eq!(text("40/13/2020"), DateParse::Impossible);
    }

    #[test]
    fn unreadable_text() {
        for s in ["unknown", "20210304", "2021", "03/2021", "n/a", "1/2/3/4"] {
            assert_eq!(text(s), DateParse::Unreadable, "{s}");
        }
    }

    #[test]
    fn excel_serials_in_both_systems() {
        // 44197 is 01/01/2021 in the 1900 system; the same day is 42735 in the 1904 system.
        assert_eq!(from_serial(44197.0, DateSystem::Excel1900), d(2021, 1, 1));
        assert_eq!(from_serial(42735.0, DateSystem::Excel1904), d(2021, 1, 1));
        assert_eq!(from_serial(44197.75, DateSystem::Excel1900), d(2021, 1, 1));
        assert_eq!(from_serial(1.0, DateSystem::Excel1900), d(1900, 1, 1));
        assert_eq!(from_serial(59.0, DateSystem::Excel1900), d(1900, 2, 28));
        assert_eq!(from_serial(60.0, DateSystem::Excel1900), DateParse::Impossible);
        assert_eq!(from_serial(61.0, DateSystem::Excel1900), d(1900, 3, 1));
        assert_eq!(from_serial(-1.0, DateSystem::Excel1900), DateParse::Unreadable);
        assert_eq!(text("44197"), d(2021, 1, 1));
    }

    #[test]
    fn cells() {
        assert_eq!(parse_cell(&Cell::Empty, DateSystem::Excel1900), None);
        assert_eq!(parse_cell(&Cell::text("  "), DateSystem::Excel1900), None);
        assert_eq!(parse_cell(&Cell::Bool(true), DateSystem::Excel1900), Some(DateParse::Unreadable));
        assert_eq!(parse_cell(&Cell::InvalidDate(60.0), DateSystem::Excel1900), Some(DateParse::Impossible));
        let date = NaiveDate::from_ymd_opt(2019, 5, 6).unwrap();
        assert_eq!(parse_cell(&Cell::Date(date), DateSystem::Excel1904), Some(DateParse::Date(date)));
    }

    #[test]
    fn age_counts_whole_years() {
        let born = NaiveDate::from_ymd_opt(2010, 6, 15).unwrap();
        assert_eq!(age_on(born, NaiveDate::from_ymd_opt(2025, 6, 14).unwrap()), 14);
        assert_eq!(age_on(born, NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()), 15);
    }
}

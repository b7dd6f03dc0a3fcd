//! Working days in England and Wales.
//!
//! Bank holidays are computed by rule (Easter, first/last Monday, substitute days), so the
//! calendar works for any year without a yearly download. One-off changes proclaimed by
//! royal proclamation (jubilees, a coronation, a state funeral) are data, in
//! `calendar/england-and-wales-one-offs.toml`, so they can be extended without code.
//! A partnership can add its own closure days (for example, a council shutdown).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonWorkingReason {
    Weekend,
    BankHoliday(String),
    Closure(String),
}

/// A day the partnership is closed, added by the user.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClosureDay {
    pub date: NaiveDate,
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Deserialize)]
struct OneOffs {
    #[serde(default)]
    moved: Vec<MovedHoliday>,
    #[serde(default)]
    extra: Vec<ExtraHoliday>,
}

/// A rule-based holiday that was moved to another date in one year.
#[derive(Debug, Deserialize)]
struct MovedHoliday {
    name: String,
    from: NaiveDate,
    to: NaiveDate,
}

/// A one-off holiday with no rule behind it.
#[derive(Debug, Deserialize)]
struct ExtraHoliday {
    name: String,
    date: NaiveDate,
}

/// `calendar/england-and-wales-one-offs.toml`, as JSON made by `build.rs`.
const ONE_OFFS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/england-and-wales-one-offs.json"));

fn one_offs() -> &'static OneOffs {
    static PARSED: OnceLock<OneOffs> = OnceLock::new();
    // The file is embedded and checked by a test, so a parse failure is a build defect.
    PARSED.get_or_init(|| serde_json::from_str(ONE_OFFS_JSON).expect("embedded one-off bank holidays parse"))
}

/// Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm. `None` only for a
/// year beyond the date library's range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// England and Wales bank holidays for one year, in date order, with their names. Empty for a
/// year at the very edge of the date library's range, where a holiday's date does not exist.
pub fn bank_holidays(year: i32) -> Vec<(NaiveDate, String)> {
    rule_holidays(year).unwrap_or_default()
}

fn rule_holidays(year: i32) -> Option<Vec<(NaiveDate, String)>> {
    let easter = easter_sunday(year)?;
    let mut days: Vec<(NaiveDate, String)> = vec![
        (new_years_day_observed(year)?, "New Year's Day".into()),
        (easter.checked_sub_signed(Duration::days(2))?, "Good Friday".into()),
        (easter.checked_add_signed(Duration::days(1))?, "Easter Monday".into()),
        (first_monday(year, 5)?, "Early May bank holiday".into()),
        (last_monday(year, 5)?, "Spring bank holiday".into()),
        (last_monday(year, 8)?, "Summer bank holiday".into()),
    ];
    days.extend(christmas_observed(year)?);

    let one_offs = one_offs();
    for moved in one_offs.moved.iter().filter(|m| m.from.year() == year) {
        if let Some(day) = days.iter_mut().find(|(d, _)| *d == moved.from) {
            *day = (moved.to, moved.name.clone());
        }
    }
    days.extend(one_offs.extra.iter().filter(|e| e.date.year() == year).map(|e| (e.date, e.name.clone())));
    days.sort();
    Some(days)
}

fn new_years_day_observed(year: i32) -> Option<NaiveDate> {
    let mut day = ymd(year, 1, 1)?;
    while is_weekend(day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// Christmas Day and Boxing Day, with substitute days when either falls at a weekend.
fn christmas_observed(year: i32) -> Option<[(NaiveDate, String); 2]> {
    let christmas = ymd(year, 12, 25)?;
    let (christmas_day, boxing_day) = match christmas.weekday() {
        // Fri: Boxing Day (Sat) moves to Mon 28.
        Weekday::Fri => (christmas, ymd(year, 12, 28)?),
        // Sat: both move, to Mon 27 and Tue 28.
        Weekday::Sat => (ymd(year, 12, 27)?, ymd(year, 12, 28)?),
        // Sun: Boxing Day stays on Mon 26, Christmas moves to Tue 27.
        Weekday::Sun => (ymd(year, 12, 27)?, ymd(year, 12, 26)?),
        _ => (christmas, ymd(year, 12, 26)?),
    };
    Some([(christmas_day, "Christmas Day".into()), (boxing_day, "Boxing Day".into())])
}

/// A working-day calendar: weekdays that are neither bank holidays nor closure days.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    closures: BTreeSet<NaiveDate>,
    closure_labels: Vec<ClosureDay>,
}

impl WorkingCalendar {
    pub fn new(closures: &[ClosureDay]) -> Self {
        Self { closures: closures.iter().map(|c| c.date).collect(), closure_labels: closures.to_vec() }
    }

    /// Why `date` is not a working day, or `None` when it is one.
    pub fn non_working_reason(&self, date: NaiveDate) -> Option<NonWorkingReason> {
        if is_weekend(date) {
            return Some(NonWorkingReason::Weekend);
        }
        if let Some((_, name)) = bank_holidays(date.year()).into_iter().find(|(d, _)| *d == date) {
            return Some(NonWorkingReason::BankHoliday(name));
        }
        if self.closures.contains(&date) {
            let label =
                self.closure_labels.iter().find(|c| c.date == date).map(|c| c.label.clone()).unwrap_or_default();
            return Some(NonWorkingReason::Closure(label));
        }
        None
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.non_working_reason(date).is_none()
    }

    /// The date `n` working days after `start` (`start` itself is day 0, so the result is
    /// always a working day after it). Used for "within 35 working days of receiving". Saturates
    /// at the last date the date library holds rather than failing.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            let Some(next) = date.succ_opt() else { return date };
            date = next;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to <= from`).
    /// Counted arithmetically (weekdays by whole weeks, then each year's bank holidays and the
    /// closure days in the span), never by walking every day, so a far-off date cannot freeze a page.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let weekdays = weekdays_up_to(to) - weekdays_up_to(from);
        let in_span = |d: &NaiveDate| *d > from && *d <= to && !is_weekend(*d);
        let (first, last) = (from.year(), to.year());
        // Years looked at day by day: the two at each end of the span and any year with a
        // one-off change. Every other year has its eight rule holidays, all on weekdays and
        // all on different days, so those years count eight each without being listed.
        let mut explicit: BTreeSet<i32> = (first..=last.min(first.saturating_add(1))).collect();
        explicit.extend(last.saturating_sub(1).max(first)..=last);
        let changes = one_offs();
        let changed_years = changes
            .moved
            .iter()
            .flat_map(|m| [m.from.year(), m.to.year()])
            .chain(changes.extra.iter().map(|e| e.date.year()));
        explicit.extend(changed_years.filter(|y| (first..=last).contains(y)));
        let mut off: BTreeSet<NaiveDate> = BTreeSet::new();
        for &year in &explicit {
            off.extend(bank_holidays(year).into_iter().map(|(d, _)| d).filter(in_span));
        }
        let years = i64::from(last) - i64::from(first) + 1;
        let bulk_holidays = 8 * (years - explicit.len() as i64).max(0);
        for &day in self.closures.range(from..=to).filter(|d| in_span(d)) {
            let holiday = !explicit.contains(&day.year()) && bank_holidays(day.year()).iter().any(|(d, _)| *d == day);
            if !holiday {
                off.insert(day);
            }
        }
        u32::try_from((weekdays - bulk_holidays - off.len() as i64).max(0)).unwrap_or(u32::MAX)
    }

    /// The first working day on or after `date` (or the last date the library holds).
    pub fn on_or_next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            let Some(next) = day.succ_opt() else { return day };
            day = next;
        }
        day
    }
}

/// Weekdays from 1 January of year 1 (a Monday) up to and including `date`.
fn weekdays_up_to(date: NaiveDate) -> i64 {
    let days = i64::from(date.num_days_from_ce()) - 1;
    days.div_euclid(7) * 5 + (days.rem_euclid(7) + 1).min(5)
}

// Dates are formatted by hand rather than with chrono's `format`, whose pattern parser and
// locale tables would add to the wasm for these few fixed shapes.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A date the way people in England write it: "Tuesday 24 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {} {}", WEEKDAYS[date.weekday().num_days_from_monday() as usize], date.day(), month_year(date))
}

/// A date in figures, day first: "24/11/2026".
pub fn uk_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// A month and year: "November 2026".
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", MONTHS[date.month0() as usize], date.year())
}

/// A time the GOV.UK way: "11am", "5pm", "9:30am".
pub fn clock_time(time: NaiveTime) -> String {
    let suffix = if time.hour() < 12 { "am" } else { "pm" };
    let hour = match time.hour() % 12 {
        0 => 12,
        h => h,
    };
    if time.minute() == 0 { format!("{hour}{suffix}") } else { format!("{hour}:{:02}{suffix}", time.minute()) }
}

/// The first Monday after `today`: the usual day for an inspection notification call.
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    let days = 7 - i64::from(today.weekday().num_days_from_monday());
    today.checked_add_signed(Duration::days(days)).unwrap_or(today)
}

/// How far away a due date is, in working days, in words.
pub fn countdown(calendar: &WorkingCalendar, today: NaiveDate, due: NaiveDate) -> String {
    let plural = |n: u32| if n == 1 { "working day" } else { "working days" };
    if due == today {
        "Due today".to_string()
    } else if due > today {
        let n = calendar.working_days_between(today, due);
        format!("In {n} {}", plural(n))
    } else {
        let n = calendar.working_days_between(due, today);
        format!("{n} {} ago", plural(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(year: i32) -> Vec<String> {
        bank_holidays(year).into_iter().map(|(d, _)| d.to_string()).collect()
    }

    #[test]
    fn one_offs_file_parses() {
        let parsed = one_offs();
        assert!(!parsed.extra.is_empty());
        assert!(!parsed.moved.is_empty());
    }

    #[test]
    fn easter_known_dates() {
        assert_eq!(easter_sunday(2023), Some(d("2023-04-09")));
        assert_eq!(easter_sunday(2024), Some(d("2024-03-31")));
        assert_eq!(easter_sunday(2025), Some(d("2025-04-20")));
        assert_eq!(easter_sunday(2026), Some(d("2026-04-05")));
        assert_eq!(easter_sunday(2027), Some(d("2027-03-28")));
        assert_eq!(easter_sunday(2038), Some(d("2038-04-25")));
    }

    // Published England and Wales bank holidays (gov.uk/bank-holidays).
    #[test]
    fn published_2023_with_coronation_and_new_year_substitute() {
        assert_eq!(
            dates(2023),
            [
                "2023-01-02",
                "2023-04-07",
                "2023-04-10",
                "2023-05-01",
                "2023-05-08",
                "2023-05-29",
                "2023-08-28",
                "2023-12-25",
                "2023-12-26"
            ]
        );
    }

    #[test]
    fn published_2024() {
        assert_eq!(
            dates(2024),
            [
                "2024-01-01",
                "2024-03-29",
                "2024-04-01",
                "2024-05-06",
                "2024-05-27",
                "2024-08-26",
                "2024-12-25",
                "2024-12-26"
            ]
        );
    }

    #[test]
    fn published_2025() {
        assert_eq!(
            dates(2025),
            [
                "2025-01-01",
                "2025-04-18",
                "2025-04-21",
                "2025-05-05",
                "2025-05-26",
                "2025-08-25",
                "2025-12-25",
                "2025-12-26"
            ]
        );
    }

    #[test]
    fn published_2026_boxing_day_substitute() {
        assert_eq!(
            dates(2026),
            [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
    }

    #[test]
    fn published_2027_both_christmas_substitutes() {
        assert_eq!(
            dates(2027),
            [
                "2027-01-01",
                "2027-03-26",
                "2027-03-29",
                "2027-05-03",
                "2027-05-31",
                "2027-08-30",
                "2027-12-27",
                "2027-12-28"
            ]
        );
    }

    #[test]
    fn jubilee_2022_moves_spring_holiday_and_adds_two_extras() {
        assert_eq!(
            dates(2022),
            [
                "2022-01-03",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27"
            ]
        );
    }

    #[test]
    fn add_working_days_skips_weekends_and_holidays() {
        let cal = WorkingCalendar::default();
        // Fri 19 Dec 2025 + 5 WD: 22, 23, 24, (25, 26 holidays, weekend) 29, 30.
        assert_eq!(cal.add_working_days(d("2025-12-19"), 5), d("2025-12-30"));
        // Thursday 2 Apr 2026 + 1 WD skips Good Friday, the weekend and Easter Monday.
        assert_eq!(cal.add_working_days(d("2026-04-02"), 1), d("2026-04-07"));
        assert_eq!(cal.add_working_days(d("2026-04-02"), 0), d("2026-04-02"));
    }

    #[test]
    fn closures_are_not_working_days() {
        let closures = [ClosureDay { date: d("2026-12-29"), label: "Council shutdown".into() }];
        let cal = WorkingCalendar::new(&closures);
        assert_eq!(cal.non_working_reason(d("2026-12-29")), Some(NonWorkingReason::Closure("Council shutdown".into())));
        // Thu 24 Dec 2026 + 1 WD: 25 (holiday), 28 (substitute), 29 (closure) -> Wed 30.
        assert_eq!(cal.add_working_days(d("2026-12-24"), 1), d("2026-12-30"));
        assert_eq!(cal.working_days_between(d("2026-12-24"), d("2026-12-31")), 2);
    }

    #[test]
    fn dates_and_countdowns_read_naturally() {
        let cal = WorkingCalendar::default();
        assert_eq!(long_date(d("2026-11-24")), "Tuesday 24 November 2026");
        assert_eq!(clock_time(NaiveTime::from_hms_opt(11, 0, 0).unwrap()), "11am");
        assert_eq!(clock_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap()), "5pm");
        assert_eq!(clock_time(NaiveTime::from_hms_opt(9, 30, 0).unwrap()), "9:30am");
        assert_eq!(clock_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap()), "12pm");
        assert_eq!(clock_time(NaiveTime::from_hms_opt(0, 5, 0).unwrap()), "12:05am");
        assert_eq!(long_date(d("2027-01-03")), "Sunday 3 January 2027");
        assert_eq!(uk_date(d("2027-01-03")), "03/01/2027");
        assert_eq!(month_year(d("2027-01-03")), "January 2027");
        assert_eq!(countdown(&cal, d("2026-11-23"), d("2026-11-23")), "Due today");
        assert_eq!(countdown(&cal, d("2026-11-23"), d("2026-11-24")), "In 1 working day");
        assert_eq!(countdown(&cal, d("2026-11-20"), d("2026-11-27")), "In 5 working days");
        assert_eq!(countdown(&cal, d("2026-11-27"), d("2026-11-20")), "5 working days ago");
    }

    #[test]
    fn next_monday_is_always_after_today() {
        assert_eq!(next_monday(d("2026-11-23")), d("2026-11-30")); // a Monday
        assert_eq!(next_monday(d("2026-11-25")), d("2026-11-30"));
        assert_eq!(next_monday(d("2026-11-28")), d("2026-11-30")); // Saturday
        assert_eq!(next_monday(d("2026-11-29")), d("2026-11-30")); // Sunday
    }

    #[test]
    fn reasons_name_the_holiday() {
        let cal = WorkingCalendar::default();
        assert_eq!(
            cal.non_working_reason(d("2027-12-27")),
            Some(NonWorkingReason::BankHoliday("Christmas Day".into()))
        );
        assert_eq!(cal.non_working_reason(d("2026-11-21")), Some(NonWorkingReason::Weekend));
        assert_eq!(cal.non_working_reason(d("2026-11-23")), None);
        assert_eq!(cal.on_or_next_working_day(d("2026-11-21")), d("2026-11-23"));
    }

    /// Issue 19: "+262142-12-31" (the library's last year) panicked ("date in range") and a
    /// notification in year 200000 froze the Annex A page for 79 seconds (a walk over every day).
    #[test]
    fn dates_at_the_edge_of_the_range_never_panic_or_walk() {
        let cal = WorkingCalendar::new(&[ClosureDay { date: d("2026-12-29"), label: String::new() }]);
        let last = NaiveDate::MAX;
        assert_eq!(cal.add_working_days(last, 35), last);
        let _ = cal.on_or_next_working_day(last);
        let _ = next_monday(last);
        let _ = bank_holidays(last.year());
        let _ = bank_holidays(NaiveDate::MIN.year());
        let started = std::time::Instant::now();
        let far = NaiveDate::from_ymd_opt(200_000, 1, 1).unwrap();
        let today = d("2026-11-23");
        assert!(countdown(&cal, today, far).starts_with("In "));
        assert!(countdown(&cal, far, today).ends_with(" ago"));
        let _ = countdown(&cal, NaiveDate::MIN, last);
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    }

    /// The arithmetic count agrees with a walk over every day.
    #[test]
    fn working_days_between_equals_counting_each_day() {
        let cal = WorkingCalendar::new(&[
            ClosureDay { date: d("2026-12-29"), label: String::new() },
            ClosureDay { date: d("2026-12-26"), label: String::new() },
            // On a bank holiday (Christmas Day 2034), in a year counted in bulk.
            ClosureDay { date: d("2034-12-25"), label: String::new() },
            ClosureDay { date: d("2034-06-14"), label: String::new() },
        ]);
        for (start, len) in [(d("2025-12-15"), 800), (d("2031-12-20"), 2000)] {
            for from_offset in [0, 3, 5, 6] {
                let from = start + Duration::days(from_offset);
                let mut walked = 0;
                let mut day = from;
                for _ in 0..len {
                    day = day.succ_opt().unwrap();
                    if cal.is_working_day(day) {
                        walked += 1;
                    }
                    assert_eq!(cal.working_days_between(from, day), walked, "{from} to {day}");
                }
            }
        }
    }
}

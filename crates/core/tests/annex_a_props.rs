//! Property tests for the Annex A core: readers never panic, header matching ignores spelling
//! variants and column order, UK date parsing round-trips. Kept in `tests/` so proptest's
//! regression files land beside this file.

use area_send_core::checks::dates::{Ambiguity, DateParse, parse_text};
use area_send_core::checks::headers::{map_sheet, normalise};
use area_send_core::checks::report::AsOfDates;
use area_send_core::checks::workbook::{Cell, DateSystem, Sheet, Workbook};
use area_send_core::checks::{ReadOptions, check, profile, read_workbook};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// Rewrites a header the ways exports do: case, spacing, dashes, quote marks, a trailing "?".
fn vary(name: &str, seed: u64) -> String {
    let mut s = String::new();
    for (i, ch) in name.chars().enumerate() {
        let bit = |n: u32| (seed >> ((i as u32 * 3 + n) % 60)) & 1 == 1;
        let ch = match ch {
            '–' if bit(0) => '-',
            '–' if bit(1) => '—',
            '\'' if bit(0) => '’',
            c if bit(2) => c.to_ascii_uppercase(),
            c => c.to_ascii_lowercase(),
        };
        s.push(ch);
        if ch == ' ' && bit(1) {
            s.push(' ');
        }
    }
    let s = if seed & 1 == 1 { format!("  {s} ") } else { s };
    if seed & 2 == 2 && !s.trim_end().ends_with('?') { format!("{s}?") } else { s }
}

fn sheet_of(headers: Vec<String>) -> Sheet {
    Sheet::from_rows(
        "Sheet1",
        vec![headers.into_iter().map(|h| Cell::Text(h.into())).collect(), vec![Cell::Text("X1".into())]],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_readers(bytes in proptest::collection::vec(any::<u8>(), 0..2048), name in "[a-z]{1,8}\\.(xlsx|xls|ods|csv|txt)") {
        let _ = read_workbook(&name, &bytes, ReadOptions::default());
        let _ = read_workbook(&format!("{name}.csv"), &bytes, ReadOptions::default());
    }

    #[test]
    fn zip_and_ole_prefixed_junk_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..4096), ole in any::<bool>()) {
        let mut bytes = if ole { vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] } else { b"PK\x03\x04".to_vec() };
        bytes.extend(tail);
        let _ = read_workbook("x.xlsx", &bytes, ReadOptions::default());
    }

    #[test]
    fn header_matching_ignores_case_spacing_dashes_and_quotes(seed in any::<u64>()) {
        let p = profile("full-2025").unwrap();
        for col in &p.list("list-1").unwrap().columns {
            prop_assert_eq!(normalise(&vary(&col.name, seed)), normalise(&col.name), "{}", col.name);
        }
    }

    #[test]
    fn shuffled_and_respelled_list_1_still_maps(order in Just((0..21usize).collect::<Vec<_>>()).prop_shuffle(), seed in any::<u64>()) {
        let p = profile("full-2025").unwrap();
        let cols = &p.list("list-1").unwrap().columns;
        let headers: Vec<String> = order.iter().map(|i| vary(&cols[*i].name, seed.rotate_left(*i as u32))).collect();
        let m = map_sheet("f.xlsx", &sheet_of(headers), p);
        prop_assert_eq!(m.list.as_deref(), Some("list-1"));
        prop_assert!(m.missing.is_empty(), "missing {:?}", m.missing);
        for (pos, i) in order.iter().enumerate() {
            prop_assert_eq!(m.source_of(&cols[*i].key), Some(pos));
        }
    }

    #[test]
    fn any_cells_in_any_order_never_panic_the_checks(
        cells in proptest::collection::vec(proptest::collection::vec(
            prop_oneof![
                Just(Cell::Empty),
                "\\PC{0,12}".prop_map(|t: String| Cell::Text(t.into())),
                any::<f64>().prop_map(Cell::Number),
                any::<bool>().prop_map(Cell::Bool),
                (1900i32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Cell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())),
            ], 0..8), 0..12),
        order in Just((0..21usize).collect::<Vec<_>>()).prop_shuffle(),
        pseudonymised in any::<bool>(),
    ) {
        let p = profile(if pseudonymised { "ap-thematic-2023" } else { "full-2025" }).unwrap();
        let l1 = profile("full-2025").unwrap().list("list-1").unwrap();
        let mut rows = vec![order.iter().map(|i| Cell::Text(l1.columns[*i].name.as_str().into())).collect::<Vec<_>>()];
        rows.extend(cells);
        let wb = Workbook { file_name: "p.xlsx".into(), sheets: vec![Sheet::from_rows("S", rows)], ..Default::default() };
        let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
        let report = check(&[wb], p, None, &AsOfDates::new(), today);
        let total: usize = report.summary.counts.iter().map(|c| c.count).sum();
        prop_assert_eq!(total, report.findings.len());
    }

    #[test]
    fn uk_dates_round_trip(days in 0i64..60_000, sep in prop_oneof![Just('/'), Just('-'), Just('.')], pad in any::<bool>()) {
        let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        let text = if pad {
            format!("{:02}{sep}{:02}{sep}{}", d.day(), d.month(), d.year())
        } else {
            format!("{}{sep}{}{sep}{}", d.day(), d.month(), d.year())
        };
        prop_assert_eq!(parse_text(&text, DateSystem::Excel1900), DateParse::Date(d));
        prop_assert_eq!(parse_text(&d.format("%Y-%m-%d").to_string(), DateSystem::Excel1900), DateParse::Date(d));
    }

    #[test]
    fn two_digit_years_are_never_guessed(day in 1u32..29, month in 1u32..13, yy in 0u32..100) {
        prop_assert_eq!(parse_text(&format!("{day}/{month}/{yy:02}"), DateSystem::Excel1900), DateParse::Ambiguous(Ambiguity::TwoDigitYear));
    }

    #[test]
    fn month_first_text_is_flagged_when_it_cannot_be_day_first(month in 1u32..13, day in 13u32..29, year in 1990i32..2030) {
        prop_assert_eq!(parse_text(&format!("{month}/{day}/{year}"), DateSystem::Excel1900), DateParse::Ambiguous(Ambiguity::MonthFirst));
    }

    #[test]
    fn arbitrary_text_never_panics_the_date_parser(text in "\\PC{0,24}") {
        let _ = parse_text(&text, DateSystem::Excel1900);
        let _ = parse_text(&text, DateSystem::Excel1904);
    }

    #[test]
    fn serials_agree_between_date_systems(days in 1462i64..2_900_000) {
        use area_send_core::checks::dates::from_serial;
        // The same day is 1462 lower in the 1904 system.
        prop_assert_eq!(from_serial(days as f64, DateSystem::Excel1900), from_serial((days - 1462) as f64, DateSystem::Excel1904));
    }
}

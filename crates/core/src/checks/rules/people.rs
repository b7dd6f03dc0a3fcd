//! Rules about each child or young person: age in scope, one row each, identifiers and an
//! education setting where one is expected.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

use crate::domain::calendar::uk_date;

use super::{
    AGE_AT_LIMIT, AGE_OUT_OF_SCOPE, ESTABLISHMENT_MISSING, ID_DUPLICATE, ListData, PERSON_DETAILS_DIFFER, Rule,
    SETTING_ROW_DUPLICATE, SOCIAL_CARE_INCONSISTENT, UPN_DUPLICATE, UPN_ULN_MISSING,
};
use crate::checks::profile::RowPer;
use crate::checks::report::Finding;

pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    if !data.list.person_level {
        return;
    }
    ages(data, out);
    if data.list.row_per == RowPer::Setting {
        setting_rows(data, out);
    } else {
        duplicates(data, "unique_id", &ID_DUPLICATE, out);
        duplicates(data, "upn", &UPN_DUPLICATE, out);
    }
    // Columns and code lists looked up once, not once a row.
    let ids: Vec<_> = ["upn", "uln"].iter().filter_map(|k| data.column(k)).collect();
    let settings: Vec<_> =
        ["main_urn", "main_phase", "subsidiary_phase"].iter().filter_map(|k| data.column(k)).collect();
    // Whether a yes/no column says "a) Yes" or "b) No" ("Yes", "N"...) in row i.
    let answer = |key: &str| data.column(key).zip(data.codes(key));
    let mut home_educated = answer("elective_home_education");
    let mut known_to_social_care = answer("known_to_social_care");
    let says = |answer: &mut Option<(super::Column<'_, '_>, super::Codes<'_>)>, i: usize, code: &str| {
        answer.as_mut().is_some_and(|(column, codes)| codes.code(column.cell(i)) == Some(code))
    };
    let social_care_team = data.column("social_care_team");
    for i in data.row_indices() {
        let age = data.age(i);
        if !ids.is_empty() && age.is_some_and(|a| a >= 6) && ids.iter().all(|c| c.is_blank(i)) {
            out.push(data.finding(&UPN_ULN_MISSING, i, None, "Aged 6 or over, but neither a UPN nor a ULN is given."));
        }
        if !settings.is_empty()
            && age.is_some_and(|a| (5..=16).contains(&a))
            && settings.iter().all(|c| c.is_blank(i))
            && !says(&mut home_educated, i, "a")
        {
            out.push(data.finding(
                &ESTABLISHMENT_MISSING,
                i,
                None,
                "School age (5 to 16), but no main or subsidiary education establishment is given.",
            ));
        }
        if social_care_team.is_some_and(|c| !c.is_blank(i)) && says(&mut known_to_social_care, i, "b") {
            out.push(data.finding(
                &SOCIAL_CARE_INCONSISTENT,
                i,
                Some("social_care_team"),
                "A social care team is given, but “Known to children's social care?” says no.",
            ));
        }
    }
}

fn ages(data: &ListData<'_>, out: &mut Vec<Finding>) {
    let scope = data.profile.age_scope;
    let on = uk_date(data.reference_date());
    let column = if data.has_column("age") { Some("age") } else { Some("date_of_birth") };
    for i in data.row_indices() {
        let Some(age) = data.age(i) else { continue };
        if age < i64::from(scope.min) || age > i64::from(scope.max) {
            out.push(data.finding(
                &AGE_OUT_OF_SCOPE,
                i,
                column,
                format!("Age {age} on {on} is outside the {} to {} this request covers.", scope.min, scope.max),
            ));
        } else if scope.query_from.is_some_and(|q| age >= i64::from(q)) {
            out.push(data.finding(
                &AGE_AT_LIMIT,
                i,
                column,
                format!("Age {age} on {on} is at the top of the {} to {} this request covers.", scope.min, scope.max),
            ));
        }
    }
}

/// A list with a row per setting: a child may have several rows, one for each setting attended
/// now or before, but not the same setting twice, and their own details should agree from row
/// to row. Messages name rows and columns, never a value.
fn setting_rows(data: &ListData<'_>, out: &mut Vec<Finding>) {
    if !data.has_column("unique_id") {
        return;
    }
    let read = |i: usize, key: &str| data.text(i, key).map(|t| t.trim().to_uppercase()).unwrap_or_default();
    let told_apart = ["setting", "setting_when"].iter().any(|k| data.has_column(k));
    let person_columns: Vec<&str> =
        data.list.person_columns.iter().map(String::as_str).filter(|k| data.has_column(k)).collect();
    let mut rows_seen: FxHashMap<(String, String, String), u32> = FxHashMap::default();
    let mut first_row_of: FxHashMap<String, usize> = FxHashMap::default();
    for i in data.row_indices() {
        let id = read(i, "unique_id");
        if id.is_empty() {
            continue;
        }
        let key = (id.clone(), read(i, "setting"), read(i, "setting_when"));
        if let Some(&row) = rows_seen.get(&key) {
            let message = if told_apart {
                format!("The same child or young person and setting are also on row {row}.")
            } else {
                format!(
                    "The same “{}” is also on row {row}, and no setting column tells the rows apart.",
                    data.header("unique_id")
                )
            };
            out.push(data.finding(&SETTING_ROW_DUPLICATE, i, Some("unique_id"), message));
        } else {
            rows_seen.insert(key, data.row_number(i));
        }
        match first_row_of.get(&id) {
            Some(&first) => {
                for &column in &person_columns {
                    if read(i, column) != read(first, column) {
                        out.push(data.finding(
                            &PERSON_DETAILS_DIFFER,
                            i,
                            Some(column),
                            format!(
                                "“{}” differs from row {} for the same child or young person.",
                                data.header(column),
                                data.row_number(first)
                            ),
                        ));
                    }
                }
            }
            None => {
                first_row_of.insert(id, i);
            }
        }
    }
}

fn duplicates(data: &ListData<'_>, key: &str, rule: &Rule, out: &mut Vec<Finding>) {
    if !data.has_column(key) {
        return;
    }
    let Some(source) = data.source_column(key) else { return };
    let mut first_seen: FxHashMap<Cow<'_, str>, u32> =
        FxHashMap::with_capacity_and_hasher(data.n_rows(), Default::default());
    for i in data.row_indices() {
        let cell = data.cell_at(i, source);
        if cell.is_blank() {
            continue;
        }
        let Some(text) = cell.as_text() else { continue };
        // Compare ignoring case, without copying IDs that are already in capitals.
        let value =
            if text.bytes().any(|b| b.is_ascii_lowercase() || !b.is_ascii()) && text.chars().any(char::is_lowercase) {
                Cow::Owned(text.to_uppercase())
            } else {
                text
            };
        match first_seen.get(&value) {
            Some(first) => out.push(data.finding(
                rule,
                i,
                Some(key),
                format!("The same “{}” is also on row {first}.", data.header(key)),
            )),
            None => {
                first_seen.insert(value, data.row_number(i));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, ids, run};
    use super::*;
    use crate::checks::report::Severity;

    // The test helper's as-of date is 01/11/2025.
    #[test]
    fn ages_25_query_26_error_and_in_range_pass() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Date of birth", "UPN", "Main education establishment – URN"],
            &["A1", "01/10/2000", "H801200001001", ""],
            &["A2", "01/10/1999", "H801200001001", ""],
            &["A3", "01/10/2019", "V938123456789", "123456"],
        ];
        let found = run("full-2025", "list-1", rows, check);
        assert!(found.contains(&("AGE-AT-LIMIT".into(), Some(2))));
        assert!(found.contains(&("AGE-OUT-OF-SCOPE".into(), Some(3))));
        assert!(!found.iter().any(|(_, r)| *r == Some(4)), "{found:?}");
    }

    #[test]
    fn ap_thematic_scope_is_5_to_18() {
        let rows: &[&[&str]] = &[&["Unique ID", "Age"], &["P1", "4"], &["P2", "19"], &["P3", "18"], &["P4", "5"]];
        assert_eq!(
            run("ap-thematic-2023", "ap-current", rows, check),
            vec![("AGE-OUT-OF-SCOPE".into(), Some(2)), ("AGE-OUT-OF-SCOPE".into(), Some(3))]
        );
    }

    #[test]
    fn a_child_may_have_a_row_per_setting_but_not_the_same_setting_twice() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Age", "Gender", "Setting", "Now or before", "Setting type"],
            &["P1", "12", "Male", "Fells Tuition", "Now", "Independent registered"],
            &["P1", "12", "Male", "Northdale PRU", "Before", "Pupil referral unit"],
            &["P1", "12", "Male", "Fells Tuition", "Before", "Independent registered"],
            &["p1", "13", "Male", "Fells Tuition", "Now", "Independent registered"],
            &["P2", "9", "Female", "Fells Tuition", "Now", "Independent registered"],
        ];
        let found = run("ap-thematic-2023", "ap-current", rows, check);
        // Rows 2–4: one child, three settings rows (the same setting now and before is fine).
        // Row 5 repeats row 2's child and setting, with a different age.
        assert_eq!(
            found,
            vec![("SETTING-ROW-DUPLICATE".into(), Some(5)), ("PERSON-DETAILS-DIFFER".into(), Some(5))],
            "{found:?}"
        );
        // Never an error: the thematic guidance asks only for what is held.
        assert!(findings("ap-thematic-2023", "ap-current", rows, check).iter().all(|f| f.severity != Severity::Error));
        // Messages name rows and columns, never the values.
        for f in findings("ap-thematic-2023", "ap-current", rows, check) {
            assert!(!f.message.contains("Fells") && !f.message.contains("13"), "{}", f.message);
        }
        // The full inspection's List 1 keeps one row per child.
        let rows: &[&[&str]] = &[&["Unique ID", "Date of birth"], &["A1", "01/10/2015"], &["A1", "01/10/2015"]];
        assert!(run("full-2025", "list-1", rows, check).contains(&("ID-DUPLICATE".into(), Some(3))));
    }

    #[test]
    fn repeated_ids_with_nothing_to_tell_the_rows_apart_are_a_query() {
        let rows: &[&[&str]] = &[&["Unique ID", "Age"], &["C1", "4"], &["C1", "4"]];
        assert_eq!(run("local-offer-2026", "lo-cyp", rows, check), vec![("SETTING-ROW-DUPLICATE".into(), Some(3))]);
        let rows: &[&[&str]] = &[&["Unique ID", "Age", "Setting"], &["C1", "4"], &["C1", "4", "Fells Nursery"]];
        assert!(run("local-offer-2026", "lo-cyp", rows, check).is_empty());
    }

    #[test]
    fn duplicate_ids_and_upns() {
        let rows: &[&[&str]] =
            &[&["Unique ID", "UPN"], &["A1", "H801200001001"], &["a1", "h801200001001"], &["A3", "V938123456789"]];
        assert_eq!(
            run("full-2025", "list-1", rows, check),
            vec![("ID-DUPLICATE".into(), Some(3)), ("UPN-DUPLICATE".into(), Some(3))]
        );
    }

    #[test]
    fn aged_6_plus_needs_upn_or_uln() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Date of birth", "UPN", "ULN"],
            &["A1", "01/01/2015", "", ""],
            &["A2", "01/01/2015", "", "9000000016"],
            &["A3", "01/01/2022", "", ""],
        ];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["UPN-ULN-MISSING"]);
    }

    #[test]
    fn school_age_needs_an_establishment_unless_home_educated() {
        let rows: &[&[&str]] = &[
            &[
                "Unique ID",
                "Date of birth",
                "Main education establishment – URN",
                "Main education establishment – phase",
                "Elective home education",
            ],
            &["A1", "01/01/2015", "", "", "b) No"],
            &["A2", "01/01/2015", "", "", "a) Yes"],
            &["A3", "01/01/2015", "123456", "b) Primary", "b) No"],
            &["A4", "01/01/2022", "", "", ""],
        ];
        assert_eq!(run("full-2025", "list-1", rows, check), vec![("ESTABLISHMENT-MISSING".into(), Some(2))]);
    }

    #[test]
    fn social_care_team_without_being_known_is_a_query() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Known to children's social care?", "Which children's social care team?"],
            &["A1", "b) No", "Child protection"],
            &["A2", "a) Yes", "Child protection"],
        ];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["SOCIAL-CARE-INCONSISTENT"]);
    }
}

//! Is the list there, with its columns and its as-of date?

use super::{COLUMN_MISSING, COLUMN_MISSING_OPTIONAL, LIST_AS_OF_MISSING, LIST_EMPTY, ListData};
use crate::checks::report::Finding;

pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    for col in &data.list.columns {
        if data.has_column(&col.key) || col.not_needed_with.iter().any(|k| data.has_column(k)) {
            continue;
        }
        let (rule, what) =
            if col.required { (&COLUMN_MISSING, "asks for") } else { (&COLUMN_MISSING_OPTIONAL, "suggests") };
        out.push(data.list_finding(
            rule,
            Some(col.name.clone()),
            format!("{} has no “{}” column, which the request {what}.", data.list.name, col.name),
        ));
    }
    if data.n_rows() == 0 {
        out.push(data.list_finding(
            &LIST_EMPTY,
            None,
            format!("{} has a header row but no rows of data.", data.list.name),
        ));
    }
    if data.as_of.is_none() {
        out.push(data.list_finding(
            &LIST_AS_OF_MISSING,
            None,
            format!("The date {} represents has not been recorded.", data.list.name),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, ids, run};
    use super::*;

    #[test]
    fn missing_required_column_is_an_error_and_complete_headers_pass() {
        let found = run("full-2025", "list-2", &[&["Unique ID", "UPN"], &["A1", ""]], check);
        assert_eq!(ids(&found).iter().filter(|i| **i == "COLUMN-MISSING").count(), 15);
        let p = crate::checks::profile::profile("full-2025").unwrap();
        let headers: Vec<&str> = p.list("list-2").unwrap().columns.iter().map(|c| c.name.as_str()).collect();
        let found = run("full-2025", "list-2", &[&headers, &["A1"]], check);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn either_layout_of_settings_is_enough() {
        let missing = |headers: &[&str]| -> Vec<String> {
            findings("local-offer-2026", "lo-cyp", &[headers, &["C1"]], check)
                .into_iter()
                .filter_map(|f| f.column.map(|c| c.to_string()))
                .filter(|c| {
                    ["Settings attended now", "Settings attended before", "Setting", "Now or before"]
                        .contains(&c.as_str())
                })
                .collect()
        };
        // A row per child: the settings columns; a row per setting: its setting and when.
        assert!(missing(&["Unique ID", "Settings attended now", "Settings attended before"]).is_empty());
        assert!(missing(&["Unique ID", "Setting", "Now or before"]).is_empty());
        // Neither layout: each is suggested.
        assert_eq!(
            missing(&["Unique ID"]),
            ["Settings attended now", "Settings attended before", "Setting", "Now or before"].map(String::from)
        );
    }

    #[test]
    fn optional_column_missing_is_a_query() {
        let rows: &[&[&str]] = &[
            &["Provider name", "State-maintained or independent", "Offers outreach", "Offer details"],
            &["Oak Centre"],
        ];
        let found = run("ap-thematic-2023", "providers", rows, check);
        assert_eq!(ids(&found), ["COLUMN-MISSING-OPTIONAL"]);
    }

    #[test]
    fn a_missing_ap_column_is_a_query_and_a_missing_template_column_an_error() {
        let found = findings("ap-thematic-2023", "ap-left", &[&["Unique ID", "Age"], &["P1", "12"]], check);
        assert!(found.iter().any(
            |f| f.rule == "COLUMN-MISSING-OPTIONAL" && f.column.as_deref() == Some("Destination after leaving AP")
        ));
        assert!(found.iter().all(|f| f.severity != crate::checks::report::Severity::Error), "{found:?}");
        let found = run("full-2025", "list-1", &[&["Unique ID", "Age"], &["A1", "12"]], check);
        assert!(ids(&found).contains(&"COLUMN-MISSING"));
    }

    #[test]
    fn empty_list_is_a_query() {
        let found = run("full-2025", "list-1", &[&["Unique ID", "UPN"]], check);
        assert!(ids(&found).contains(&"LIST-EMPTY"));
        let found = run("full-2025", "list-1", &[&["Unique ID", "UPN"], &["A1"]], check);
        assert!(!ids(&found).contains(&"LIST-EMPTY"));
    }

    #[test]
    fn as_of_date_missing_is_a_query() {
        // The test helper records an as-of date, so build one without.
        use crate::checks::headers::map_sheet_as;
        let p = crate::checks::profile::profile("full-2025").unwrap();
        let list = p.list("list-1").unwrap();
        let wb = super::super::test_support::workbook(&[&["Unique ID"], &["A1"]]);
        let m = map_sheet_as("test.xlsx", &wb.sheets[0], list, 0);
        let data = ListData::new(p, list, &wb, &wb.sheets[0], &m, None, super::super::test_support::today());
        let mut out = Vec::new();
        check(&data, &mut out);
        assert!(out.iter().any(|f| f.rule == "LIST-AS-OF-MISSING"));
        let with_date = findings("full-2025", "list-1", &[&["Unique ID"], &["A1"]], check);
        assert!(!with_date.iter().any(|f| f.rule == "LIST-AS-OF-MISSING"));
    }
}

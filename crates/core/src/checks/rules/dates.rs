//! Dates: readable the UK way, possible, not in the future, and in a sensible order.

use super::{
    DATE_AMBIGUOUS, DATE_FUTURE, DATE_IMPOSSIBLE, DATE_REVIEW_FUTURE, DATE_UNREADABLE, EHC_DATE_BEFORE_BIRTH,
    EHC_DATE_ORDER, ListData,
};
use crate::checks::dates::{Ambiguity, DateParse};
use crate::checks::profile::{ColumnType, Future};
use crate::checks::report::Finding;
use crate::checks::workbook::Cell;

pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    for col in data.list.columns.iter().filter(|c| c.kind == ColumnType::Date) {
        let Some(parsed_column) = data.dates_of(&col.key) else { continue };
        let name = &col.name;
        for (i, parsed) in parsed_column.iter().enumerate() {
            let Some(parsed) = *parsed else { continue };
            let finding = match parsed {
                // A spreadsheet error (#N/A, #REF!…) is already a CELL-ERROR finding.
                DateParse::Unreadable if matches!(data.cell(i, &col.key), Some(Cell::Error(_))) => None,
                DateParse::Unreadable => Some(data.finding(
                    &DATE_UNREADABLE,
                    i,
                    Some(&col.key),
                    format!("“{name}” is not a date that can be read."),
                )),
                DateParse::Impossible => Some(data.finding(
                    &DATE_IMPOSSIBLE,
                    i,
                    Some(&col.key),
                    format!("“{name}” is not a real date (or is before 1900)."),
                )),
                DateParse::Ambiguous(Ambiguity::MonthFirst) => Some(data.finding(
                    &DATE_AMBIGUOUS,
                    i,
                    Some(&col.key),
                    format!("“{name}” looks like it was typed month first (US style); it was not guessed."),
                )),
                DateParse::Ambiguous(Ambiguity::TwoDigitYear) => Some(data.finding(
                    &DATE_AMBIGUOUS,
                    i,
                    Some(&col.key),
                    format!("“{name}” has a two-digit year, so the century is not certain; it was not guessed."),
                )),
                DateParse::Date(d) if d > data.today && col.future == Future::Query => Some(data.finding(
                    &DATE_REVIEW_FUTURE,
                    i,
                    Some(&col.key),
                    format!("“{name}” is in the future; it may be the date of the next review."),
                )),
                DateParse::Date(d) if d > data.today => {
                    Some(data.finding(&DATE_FUTURE, i, Some(&col.key), format!("“{name}” is in the future.")))
                }
                DateParse::Date(_) => None,
            };
            out.extend(finding);
        }
    }
    if !data.has_column("ehc_initial") && !data.has_column("date_of_birth") {
        return;
    }
    for i in data.row_indices() {
        let initial = data.date(i, "ehc_initial");
        if let Some(initial) = initial {
            for later in ["ehc_updated", "ehc_reviewed"] {
                if data.date(i, later).is_some_and(|d| d < initial) {
                    out.push(data.finding(
                        &EHC_DATE_ORDER,
                        i,
                        Some(later),
                        format!("“{}” is before “{}”.", data.header(later), data.header("ehc_initial")),
                    ));
                }
            }
        }
        if let Some(born) = data.date(i, "date_of_birth") {
            for key in ["ehc_initial", "ehc_updated", "ehc_reviewed"] {
                if data.date(i, key).is_some_and(|d| d < born) {
                    out.push(data.finding(
                        &EHC_DATE_BEFORE_BIRTH,
                        i,
                        Some(key),
                        format!("“{}” is before the date of birth.", data.header(key)),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{ids, run};
    use super::*;

    const H: &[&str] = &[
        "Unique ID",
        "Date of birth",
        "Date initial EHC plan issued",
        "Date updated EHC plan issued",
        "Date EHC plan last reviewed",
    ];

    #[test]
    fn unreadable_ambiguous_impossible_and_future_dates() {
        let rows: &[&[&str]] =
            &[H, &["A1", "soon", "12/31/2020", "31/02/2021", "01/01/2030"], &["A2", "3/4/15", "", "", ""]];
        // (The future date is in the last-reviewed column, so it is DATE-REVIEW-FUTURE.)
        assert_eq!(
            run("full-2025", "list-1", rows, check),
            vec![
                ("DATE-UNREADABLE".into(), Some(2)),
                ("DATE-AMBIGUOUS".into(), Some(3)),
                ("DATE-AMBIGUOUS".into(), Some(2)),
                ("DATE-IMPOSSIBLE".into(), Some(2)),
                ("DATE-REVIEW-FUTURE".into(), Some(2)),
            ]
        );
    }

    #[test]
    fn a_future_review_date_is_a_query_and_a_future_birth_date_an_error() {
        let rows: &[&[&str]] = &[H, &["A1", "01/01/2030", "01/06/2021", "", "01/01/2030"]];
        let found = super::super::test_support::findings("full-2025", "list-1", rows, check);
        let got: Vec<(&str, crate::checks::report::Severity, Option<&str>)> =
            found.iter().map(|f| (f.rule, f.severity, f.column.as_deref())).collect();
        use crate::checks::report::Severity::{Error, Query};
        assert_eq!(
            got[..2],
            [
                ("DATE-FUTURE", Error, Some("Date of birth")),
                ("DATE-REVIEW-FUTURE", Query, Some("Date EHC plan last reviewed")),
            ]
        );
    }

    #[test]
    fn good_dates_in_order_pass() {
        let rows: &[&[&str]] = &[H, &["A1", "04/03/2012", "2019-05-01", "01/06/2021", "15/05/2025"]];
        assert!(run("full-2025", "list-1", rows, check).is_empty());
    }

    #[test]
    fn initial_plan_after_update_or_review_is_an_error() {
        let rows: &[&[&str]] = &[H, &["A1", "04/03/2012", "01/06/2021", "01/05/2020", "01/01/2021"]];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["EHC-DATE-ORDER", "EHC-DATE-ORDER"]);
    }

    #[test]
    fn plan_before_birth_is_an_error() {
        let rows: &[&[&str]] = &[H, &["A1", "04/03/2012", "01/06/2011", "", ""]];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["EHC-DATE-BEFORE-BIRTH"]);
    }
}

//! Values against their column's type: code lists, counts, percentages, URNs, UPNs, ULNs.
//! Messages never repeat the cell's value, so exports carry no personal data.

use super::{
    CELL_ERROR, CODE_INVALID, CODE_UNLISTED, ListData, NUMBER_INVALID, PERCENT_INVALID, ULN_INVALID, UPN_INVALID,
    URN_INVALID, parse_number, parse_whole_number,
};
use crate::checks::identifiers::{is_valid_uln, is_valid_upn};
use crate::checks::profile::ColumnType;
use crate::checks::report::Finding;
use crate::checks::workbook::Cell;

/// For a number cell: `Some(valid)` when the column's type decides on the number alone.
fn number_ok(kind: ColumnType, n: f64) -> Option<bool> {
    match kind {
        ColumnType::Count | ColumnType::Minutes | ColumnType::Age => {
            Some(n.is_finite() && n >= 0.0 && n.fract() == 0.0)
        }
        ColumnType::Percentage => Some((0.0..=100.0).contains(&n)),
        ColumnType::Urn => Some(n.fract() == 0.0 && (100_000.0..=999_999.0).contains(&n)),
        _ => None,
    }
}

fn number_finding(data: &ListData<'_>, col: &crate::checks::profile::ColumnSpec, i: usize) -> Option<Finding> {
    let name = &col.name;
    match col.kind {
        ColumnType::Count | ColumnType::Minutes | ColumnType::Age => Some(data.finding(
            &NUMBER_INVALID,
            i,
            Some(&col.key),
            format!("“{name}” should be a whole number of 0 or more."),
        )),
        ColumnType::Percentage => Some(data.finding(
            &PERCENT_INVALID,
            i,
            Some(&col.key),
            format!("“{name}” should be a percentage from 0 to 100."),
        )),
        ColumnType::Urn => {
            Some(data.finding(&URN_INVALID, i, Some(&col.key), format!("“{name}” is not a 6-digit URN.")))
        }
        _ => None,
    }
}

pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    for col in &data.list.columns {
        let Some(source) = data.source_column(&col.key) else { continue };
        let mut codes = data.codes(&col.key);
        let name = &col.name;
        for i in data.row_indices() {
            let cell = data.cell_at(i, source);
            if cell.is_blank() {
                continue;
            }
            if let Cell::Error(_) = cell {
                out.push(data.finding(
                    &CELL_ERROR,
                    i,
                    Some(&col.key),
                    format!("“{name}” holds a spreadsheet error instead of a value."),
                ));
                continue;
            }
            if let Cell::Number(n) = cell
                && let Some(ok) = number_ok(col.kind, *n)
            {
                if !ok {
                    out.extend(number_finding(data, col, i));
                }
                continue;
            }
            // Dates have their own family; IDs and free text have no format to check.
            if matches!(col.kind, ColumnType::Text | ColumnType::Id | ColumnType::Date) {
                continue;
            }
            if col.kind == ColumnType::Code {
                let Some(codes) = codes.as_mut() else { continue };
                if codes.code(cell).is_none() {
                    let list = codes.list;
                    let rule = if list.strict { &CODE_INVALID } else { &CODE_UNLISTED };
                    let whose = if list.confirmed {
                        format!("the {} codes the template gives", list.name)
                    } else {
                        format!("our suggested values for {} (not the template's own)", list.name)
                    };
                    let mut f = data.finding(rule, i, Some(&col.key), format!("“{name}” is not one of {whose}."));
                    f.how_to_fix = data.shared(&format!("Use one of: {}.", list.summary()));
                    out.push(f);
                }
                continue;
            }
            let Some(text) = cell.as_text() else { continue };
            let finding = match col.kind {
                ColumnType::Count | ColumnType::Minutes | ColumnType::Age => {
                    parse_whole_number(&text).is_none().then(|| {
                        data.finding(
                            &NUMBER_INVALID,
                            i,
                            Some(&col.key),
                            format!("“{name}” should be a whole number of 0 or more."),
                        )
                    })
                }
                ColumnType::Percentage => {
                    parse_number(&text).filter(|n| (0.0..=100.0).contains(n)).is_none().then(|| {
                        data.finding(
                            &PERCENT_INVALID,
                            i,
                            Some(&col.key),
                            format!("“{name}” should be a percentage from 0 to 100."),
                        )
                    })
                }
                ColumnType::Urn => {
                    let t = text.trim();
                    (t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit())).then(|| {
                        data.finding(&URN_INVALID, i, Some(&col.key), format!("“{name}” is not a 6-digit URN."))
                    })
                }
                ColumnType::Upn => (!is_valid_upn(&text)).then(|| {
                    data.finding(
                        &UPN_INVALID,
                        i,
                        Some(&col.key),
                        format!("“{name}” is not a valid 13-character UPN (format or check letter)."),
                    )
                }),
                ColumnType::Uln => (!is_valid_uln(&text)).then(|| {
                    data.finding(
                        &ULN_INVALID,
                        i,
                        Some(&col.key),
                        format!(
                            "“{name}” is not a valid ULN (10 digits, the first not zero, with a valid check digit)."
                        ),
                    )
                }),
                ColumnType::Code | ColumnType::Text | ColumnType::Id | ColumnType::Date => None,
            };
            out.extend(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, ids, run};
    use super::*;

    #[test]
    fn codes_outside_the_list_are_errors_with_the_allowed_codes() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "SEN primary need", "Pupil Premium"],
            &["A1", "Autism", "Maybe"],
            &["A2", "ASD", "a) Yes"],
        ];
        let found = findings("full-2025", "list-1", rows, check);
        assert_eq!(
            found.iter().map(|f| (f.rule, f.row)).collect::<Vec<_>>(),
            [("CODE-INVALID", Some(2)), ("CODE-INVALID", Some(2))]
        );
        assert!(found[0].how_to_fix.contains("SPLD, MLD"));
        assert!(!found[0].message.contains("Autism"), "messages never echo values");
    }

    #[test]
    fn unlisted_social_care_team_is_only_a_query() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Which children's social care team?"],
            &["A1", "Disabled children's team"],
            &["A2", "Child protection"],
        ];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["CODE-UNLISTED"]);
    }

    #[test]
    fn ap_values_outside_our_code_lists_are_queries_not_errors() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Setting type", "Full or part time", "Child looked after"],
            &["P1", "Independent", "Mornings only", "Not sure"],
            &["P2", "Independent registered", "b) Part time", "a) Yes"],
        ];
        let found = findings("ap-thematic-2023", "ap-current", rows, check);
        assert_eq!(
            found.iter().map(|f| (f.rule, f.severity, f.row)).collect::<Vec<_>>(),
            [
                ("CODE-UNLISTED", crate::checks::report::Severity::Query, Some(2)),
                ("CODE-UNLISTED", crate::checks::report::Severity::Query, Some(2)),
                ("CODE-UNLISTED", crate::checks::report::Severity::Query, Some(2)),
            ]
        );
        assert!(found[0].message.contains("our suggested values"), "{}", found[0].message);
        // The same kind of value in a template code list of the full inspection is an error.
        let rows: &[&[&str]] = &[&["Unique ID", "Pupil Premium"], &["A1", "Not sure"]];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["CODE-INVALID"]);
    }

    #[test]
    fn counts_and_percentages() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Suspensions", "Absence"],
            &["A1", "-1", "120"],
            &["A2", "two", "12%"],
            &["A3", "0", "7.5"],
        ];
        assert_eq!(
            run("full-2025", "list-1", rows, check),
            vec![
                ("NUMBER-INVALID".into(), Some(2)),
                ("NUMBER-INVALID".into(), Some(3)),
                ("PERCENT-INVALID".into(), Some(2)),
            ]
        );
    }

    #[test]
    fn ap_attendance_outside_0_to_100_is_an_error() {
        let rows: &[&[&str]] = &[&["Unique ID", "Attendance (%)"], &["P1", "101"], &["P2", "-3"], &["P3", "95.5"]];
        assert_eq!(ids(&run("ap-thematic-2023", "ap-current", rows, check)), ["PERCENT-INVALID", "PERCENT-INVALID"]);
    }

    #[test]
    fn urn_upn_and_uln_formats() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "Main education establishment – URN", "UPN", "ULN"],
            &["A1", "12345", "A12345678901B", "123"],
            &["A2", "123456", "H801200001001", "9000000016"],
        ];
        assert_eq!(ids(&run("full-2025", "list-1", rows, check)), ["UPN-INVALID", "ULN-INVALID", "URN-INVALID"]);
        // Ten digits are not enough: 1234567890 fails the ULN check digit, 1234567899 passes.
        let rows: &[&[&str]] =
            &[&["Unique ID", "ULN"], &["A1", "1234567890"], &["A2", "1234567899"], &["A3", "0123456789"]];
        assert_eq!(
            run("full-2025", "list-1", rows, check),
            vec![("ULN-INVALID".into(), Some(2)), ("ULN-INVALID".into(), Some(4))]
        );
    }

    #[test]
    fn spreadsheet_errors_are_reported() {
        use crate::checks::headers::map_sheet_as;
        use crate::checks::workbook::Cell;
        let p = crate::checks::profile::profile("full-2025").unwrap();
        let list = p.list("list-1").unwrap();
        let mut wb = super::super::test_support::workbook(&[&["Unique ID", "Gender"], &["A1", ""]]);
        wb.sheets[0].set(1, 1, Cell::Error("#N/A".into()));
        let m = map_sheet_as("test.xlsx", &wb.sheets[0], list, 0);
        let data = ListData::new(p, list, &wb, &wb.sheets[0], &m, None, super::super::test_support::today());
        let mut out = Vec::new();
        check(&data, &mut out);
        assert_eq!(out.iter().map(|f| f.rule).collect::<Vec<_>>(), ["CELL-ERROR"]);
    }
}

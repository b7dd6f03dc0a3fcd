//! Blank cells in columns that should be filled in.

use super::{ListData, VALUE_BLANK, VALUE_REQUIRED};
use crate::checks::profile::Blank;
use crate::checks::report::Finding;

pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    for col in &data.list.columns {
        let rule = match col.blank {
            Blank::Allowed => continue,
            Blank::Query => &VALUE_BLANK,
            Blank::Error => &VALUE_REQUIRED,
        };
        let Some(source) = data.source_column(&col.key) else { continue };
        for i in data.row_indices() {
            if data.cell_at(i, source).is_blank() {
                out.push(data.finding(rule, i, Some(&col.key), format!("“{}” is blank.", col.name)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{ids, run};
    use super::*;

    #[test]
    fn blank_unique_id_is_an_error_and_blank_gender_a_query() {
        let rows: &[&[&str]] = &[&["Unique ID", "Gender", "UPN"], &["", "", "A123"], &["A2", "a) Male", ""]];
        let found = run("full-2025", "list-1", rows, check);
        assert_eq!(found, vec![("VALUE-REQUIRED".into(), Some(2)), ("VALUE-BLANK".into(), Some(2))]);
    }

    #[test]
    fn filled_cells_and_allowed_blanks_pass() {
        let rows: &[&[&str]] = &[&["Unique ID", "Gender", "Date updated EHC plan issued"], &["A1", "b) Female", ""]];
        assert!(ids(&run("full-2025", "list-1", rows, check)).is_empty());
    }
}

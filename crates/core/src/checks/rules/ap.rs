//! Rules specific to the alternative provision lists. (Attendance from 0 to 100 is checked with
//! every percentage column by `PERCENT-INVALID`.)

use super::{AP_DESTINATION_MISSING, AP_JOURNEY_TIME_MISSING, ListData};
use crate::checks::report::Finding;

pub fn check(data: &ListData<'_>, out: &mut Vec<Finding>) {
    let out_of_area_code =
        data.list.column("in_out_of_area").and_then(|c| c.codes.as_deref()).and_then(|id| data.profile.code_list(id));
    let has_destination = data.list.column("destination").is_some() && data.has_column("destination");
    for i in data.row_indices() {
        if let (Some(codes), Some(text)) = (out_of_area_code, data.text(i, "in_out_of_area"))
            && codes.matched_code(&text) == Some("b")
            && data.has_column("journey_time")
            && data.is_blank(i, "journey_time")
        {
            out.push(data.finding(
                &AP_JOURNEY_TIME_MISSING,
                i,
                Some("journey_time"),
                "The placement is out of area, but no journey time is given.",
            ));
        }
        if has_destination && data.is_blank(i, "destination") {
            out.push(data.finding(
                &AP_DESTINATION_MISSING,
                i,
                Some("destination"),
                "This child or young person left AP in the last 6 months, but no destination is given.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::run;
    use super::*;

    #[test]
    fn out_of_area_without_journey_time_is_a_query() {
        let rows: &[&[&str]] = &[
            &["Unique ID", "In or out of area", "Journey time (minutes)"],
            &["P1", "Out of area", ""],
            &["P2", "b) Out of area", "45"],
            &["P3", "In area", ""],
        ];
        assert_eq!(
            run("ap-thematic-2023", "ap-current", rows, check),
            vec![("AP-JOURNEY-TIME-MISSING".into(), Some(2))]
        );
    }

    #[test]
    fn left_ap_without_destination_is_a_query() {
        let rows: &[&[&str]] =
            &[&["Unique ID", "Destination after leaving AP"], &["P1", ""], &["P2", "Returned to school"]];
        assert_eq!(run("ap-thematic-2023", "ap-left", rows, check), vec![("AP-DESTINATION-MISSING".into(), Some(2))]);
        // The guidance asks only for what is held: fix or explain, never must-fix.
        assert_eq!(AP_DESTINATION_MISSING.severity, crate::checks::report::Severity::Query);
        // AP list 1 has no destination column, so the rule does not apply.
        let rows: &[&[&str]] = &[&["Unique ID", "Age"], &["P1", "12"]];
        assert!(run("ap-thematic-2023", "ap-current", rows, check).is_empty());
    }
}

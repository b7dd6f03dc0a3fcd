//! What happens after the on-site week, and around engagement meetings, as dated rows: each
//! date is either one the partnership entered or an estimate counted from the edition's facts
//! (`after_inspection`, `engagement` in the editions' TOML), so "final report received", which
//! starts the plan's clocks, can be planned before it happens.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use super::calendar::{long_date, month_year};
use super::framework::{DeadlineStart, marked};
use super::project::{FINAL_REPORT_STEP, PUBLISHED_STEP, Project};

/// Where a row's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// The partnership entered it.
    Entered,
    /// Counted from an earlier date (entered or itself estimated) by the edition's facts.
    Estimate,
    /// One of the plan's deadlines, counted from entered dates only.
    Deadline,
    /// Not known: nothing it counts from has a date yet.
    Unknown,
}

impl DateKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Entered => "Entered",
            Self::Estimate => "Estimate",
            Self::Deadline => "Deadline",
            Self::Unknown => "Not known yet",
        }
    }
}

/// One dated row of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    /// The step's id (a post-inspection deadline's id for the plan's own deadlines).
    pub id: String,
    /// The step, marked "(not confirmed by the handbook…)" when its fact is unconfirmed.
    pub label: String,
    pub date: Option<NaiveDate>,
    pub kind: DateKind,
    /// The date as text: "Monday 9 November 2026", "About April 2028" for a step counted in
    /// months from an estimate, or what to enter to work it out.
    pub date_text: String,
    /// What the handbook says happens then, if the edition says.
    pub note: String,
    pub source: String,
    pub confirmed: bool,
    /// The partnership may enter this step's real date.
    pub can_enter: bool,
    /// For one of the plan's deadlines, the day the partnership recorded meeting it (the plan
    /// submitted or published), which the deadline's own date stays beside.
    pub met_on: Option<NaiveDate>,
}

/// The expected monitoring inspection (under outcome 3): its row of the timeline, dated from
/// the final report when that is entered, else estimated or not known yet.
pub fn monitoring_window(project: &Project) -> Option<TimelineRow> {
    after_inspection(project).into_iter().find(|r| r.id == "monitoring")
}

/// What a monitoring inspection will ask for, for a partnership under outcome 3: its expected
/// window and what the handbook says it requests (¶169: the Annex A information relevant to the
/// areas for priority action), with those areas in the report's words.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitoringRequest {
    pub window: TimelineRow,
    pub areas: Vec<String>,
}

pub fn monitoring_request(project: &Project) -> Option<MonitoringRequest> {
    if project.plan.outcome != Some(3) {
        return None;
    }
    let areas = project
        .plan
        .recommendations
        .iter()
        .filter(|r| r.kind == crate::domain::plan::RecommendationKind::Priority)
        .map(|r| r.text.trim().to_string())
        .collect();
    Some(MonitoringRequest { window: monitoring_window(project)?, areas })
}

/// The steps after the on-site week for the project's outcome (every step while the outcome is
/// not recorded), with the plan's own deadlines, in date order (unknown dates last).
pub fn after_inspection(project: &Project) -> Vec<TimelineRow> {
    let edition = project.edition();
    let calendar = project.calendar();
    let dates = &project.inspection;
    let outcome = project.plan.outcome;
    let applies = |outcomes: &[u8]| outcomes.is_empty() || outcome.is_none_or(|o| outcomes.contains(&o));
    // Each step's date, whether it rests on an estimate and whether it is only a month (counted
    // in months, or from such a date), by id, for the steps after it.
    let mut known: BTreeMap<&str, (NaiveDate, bool, bool)> = BTreeMap::new();
    let mut rows = Vec::new();
    for step in &edition.after_inspection {
        let base = match step.from.as_str() {
            "notified" => dates.notified.map(|d| (d, false, false)),
            from => known.get(from).copied(),
        };
        let (date, kind, approximate) = match (dates.step(&step.id), base) {
            (Some(entered), _) => (Some(entered), DateKind::Entered, false),
            (None, Some((from, _, approximate))) => {
                let date = match (step.working_days, step.months) {
                    (Some(days), _) => Some(calendar.add_working_days(from, days)),
                    (None, Some(months)) => from.checked_add_months(Months::new(months)),
                    (None, None) => None,
                };
                // "About 18 months" gives a month, not a day, and so does anything after it.
                (date, DateKind::Estimate, approximate || step.months.is_some())
            }
            (None, None) => (None, DateKind::Unknown, false),
        };
        if let Some(date) = date {
            known.insert(&step.id, (date, kind != DateKind::Entered, approximate));
        }
        if !applies(&step.outcomes) {
            continue;
        }
        let from_label = edition.after_inspection.iter().find(|s| s.id == step.from).map_or_else(
            || "the date of notification".to_string(),
            |s| format!("the date of \u{201c}{}\u{201d}", s.label),
        );
        rows.push(TimelineRow {
            id: step.id.clone(),
            label: marked(&step.label, step.confirmed, &step.source),
            date,
            kind,
            date_text: date_text(date, kind, approximate, &from_label),
            note: step.note.clone(),
            source: step.source.clone(),
            confirmed: step.confirmed,
            can_enter: true,
            met_on: None,
        });
    }
    for deadline in edition.post_inspection.iter().filter(|d| applies(&d.outcomes)) {
        let step = match deadline.from {
            DeadlineStart::FinalReportReceived => FINAL_REPORT_STEP,
            DeadlineStart::ReportPublished => PUBLISHED_STEP,
        };
        let (date, kind) = match (known.get(step), deadline.working_days) {
            (Some((from, estimated, _)), Some(days)) => (
                Some(calendar.add_working_days(*from, days)),
                if *estimated { DateKind::Estimate } else { DateKind::Deadline },
            ),
            _ => (None, DateKind::Unknown),
        };
        rows.push(TimelineRow {
            id: deadline.id.clone(),
            label: marked(&deadline.label, deadline.confirmed, &deadline.source),
            date,
            kind,
            date_text: date_text(date, kind, false, deadline.from.label()),
            note: String::new(),
            source: deadline.source.clone(),
            confirmed: deadline.confirmed,
            can_enter: false,
            met_on: dates.step(&deadline.id),
        });
        if deadline.working_days.is_none() {
            let last = rows.last_mut().expect("just pushed");
            last.date_text = "This edition does not say how many working days; check with your inspectors.".into();
        }
    }
    rows.sort_by_key(|r| (r.date.is_none(), r.date));
    rows
}

fn date_text(date: Option<NaiveDate>, kind: DateKind, approximate: bool, from: &str) -> String {
    match (date, kind) {
        (Some(d), DateKind::Entered | DateKind::Deadline) => long_date(d),
        (Some(d), _) if approximate => format!("About {}", month_year(d)),
        (Some(d), _) => format!("By {}", long_date(d)),
        (None, _) => format!("Enter {from} to estimate this."),
    }
}

/// The dates around one engagement meeting, in date order.
pub fn engagement_meeting(project: &Project, meeting: NaiveDate) -> Vec<TimelineRow> {
    let mut rows: Vec<TimelineRow> = project
        .edition()
        .engagement
        .iter()
        .map(|step| {
            let months = Months::new(step.months.unsigned_abs());
            let shifted =
                if step.months < 0 { meeting.checked_sub_months(months) } else { meeting.checked_add_months(months) };
            let date = shifted.and_then(|d| d.checked_add_signed(chrono::Duration::days(i64::from(step.days))));
            let entered = step.days == 0 && step.months == 0;
            let kind = if entered { DateKind::Entered } else { DateKind::Estimate };
            TimelineRow {
                id: step.id.clone(),
                label: marked(&step.label, step.confirmed, &step.source),
                date,
                kind,
                date_text: match date {
                    Some(d) if entered => long_date(d),
                    Some(d) => format!("By {}", long_date(d)),
                    None => "Outside the dates the app can count".into(),
                },
                note: String::new(),
                source: step.source.clone(),
                confirmed: step.confirmed,
                can_enter: false,
                met_on: None,
            }
        })
        .collect();
    rows.sort_by_key(|r| r.date);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::{EditError, ProjectEdit, apply};

    fn project() -> Project {
        Project { area_name: "Test".into(), ..Project::default() }
    }

    fn row<'a>(rows: &'a [TimelineRow], id: &str) -> &'a TimelineRow {
        rows.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no row {id}: {rows:?}"))
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn after_the_on_site_week_every_date_is_estimated_from_notification() {
        let mut p = project();
        let rows = after_inspection(&p);
        assert!(rows.iter().all(|r| r.kind == DateKind::Unknown), "{rows:?}");
        assert_eq!(row(&rows, "inspection-end").date_text, "Enter the date of notification to estimate this.");

        // Notified Monday 2 November 2026: on site 16–20 November (our reading, unconfirmed).
        p.inspection.notified = Some(day("2026-11-02"));
        let rows = after_inspection(&p);
        let end = row(&rows, "inspection-end");
        assert_eq!((end.date, end.kind, end.confirmed), (Some(day("2026-11-20")), DateKind::Estimate, false));
        assert!(end.label.contains("not confirmed by the handbook"), "{}", end.label);
        // 14 working days for the draft (¶138), 10 to comment, 30 for the final report (¶139)
        // and 5 more to publication (¶140); 25 and 28 December and 1 January are bank holidays.
        assert_eq!(row(&rows, "draft-report").date, Some(day("2026-12-10")));
        assert_eq!(row(&rows, "draft-report").date_text, "By Thursday 10 December 2026");
        assert_eq!(row(&rows, "comments-due").date, Some(day("2026-12-24")));
        assert_eq!(row(&rows, "final-report").date, Some(day("2027-01-06")));
        assert_eq!(row(&rows, "published").date, Some(day("2027-01-13")));
        // The plan's clocks start from the estimated final report, and say they are estimates.
        let pap = row(&rows, "pap-submit");
        assert_eq!((pap.date, pap.kind), (Some(day("2027-02-24")), DateKind::Estimate));
        assert_eq!(pap.date_text, "By Wednesday 24 February 2027");
        let monitoring = row(&rows, "monitoring");
        assert_eq!(monitoring.date_text, "About July 2028");
        assert!(monitoring.note.contains("(¶169)") && monitoring.note.contains("\"Ineffective action\""));
        assert_eq!(row(&rows, "monitoring-letter").date_text, "About August 2028");
        assert!(rows.windows(2).all(|w| w[0].date <= w[1].date), "date order");
    }

    #[test]
    fn entered_dates_replace_estimates_and_later_steps_count_from_them() {
        let mut p = project();
        p.inspection.notified = Some(day("2026-11-02"));
        let set = |p: &mut Project, step: &str, date: &str| {
            apply(p, ProjectEdit::SetStepDate { step: step.into(), date: Some(day(date)) }).unwrap()
        };
        set(&mut p, "draft-report", "2026-12-03");
        set(&mut p, "final-report", "2026-12-17");
        assert_eq!(p.inspection.final_report_received, Some(day("2026-12-17")), "the plan's own field");
        let rows = after_inspection(&p);
        assert_eq!(row(&rows, "draft-report").kind, DateKind::Entered);
        assert_eq!(row(&rows, "draft-report").date_text, "Thursday 3 December 2026");
        assert_eq!(row(&rows, "comments-due").date, Some(day("2026-12-17")));
        assert_eq!(row(&rows, "published").date, Some(day("2026-12-24")));
        let pap = row(&rows, "pap-submit");
        assert_eq!((pap.kind, pap.date_text.clone()), (DateKind::Deadline, long_date(pap.date.unwrap())));
        // 18 months from an entered date is still "about".
        assert_eq!(row(&rows, "monitoring").date_text, "About June 2028");

        apply(&mut p, ProjectEdit::SetStepDate { step: "draft-report".into(), date: None }).unwrap();
        assert_eq!(after_inspection(&p).iter().find(|r| r.id == "draft-report").unwrap().kind, DateKind::Estimate);
        assert_eq!(
            apply(&mut p, ProjectEdit::SetStepDate { step: "tea".into(), date: None }),
            Err(EditError::UnknownStep("tea".into()))
        );
    }

    #[test]
    fn the_monitoring_request_names_the_areas_for_priority_action_under_outcome_3_only() {
        let mut p = crate::domain::example::example_project();
        p.plan.outcome = Some(3);
        let request = monitoring_request(&p).expect("outcome 3 has a monitoring inspection");
        assert!(request.window.note.contains("(¶169)"), "{}", request.window.note);
        let priority =
            p.plan.recommendations.iter().filter(|r| r.kind == crate::domain::plan::RecommendationKind::Priority);
        assert_eq!(request.areas.len(), priority.count());
        assert!(!request.areas.is_empty());
        p.plan.outcome = Some(2);
        assert_eq!(monitoring_request(&p), None);
        p.plan.outcome = None;
        assert_eq!(monitoring_request(&p), None, "not until the outcome is recorded");
    }

    #[test]
    fn monitoring_steps_show_only_under_outcome_3_once_it_is_recorded() {
        let mut p = project();
        p.plan.outcome = Some(1);
        let rows = after_inspection(&p);
        assert!(!rows.iter().any(|r| r.id.starts_with("monitoring") || r.id == "pap-submit"), "{rows:?}");
        assert!(monitoring_window(&p).is_none());
        p.plan.outcome = Some(3);
        assert!(after_inspection(&p).iter().any(|r| r.id == "monitoring-letter"));
        assert!(monitoring_window(&p).is_some_and(|r| r.label.starts_with("Monitoring inspection")));
    }

    #[test]
    fn an_engagement_meeting_has_its_notice_self_evaluation_and_note_dates() {
        let mut p = project();
        apply(&mut p, ProjectEdit::AddEngagementMeeting { date: day("2027-03-10") }).unwrap();
        assert_eq!(
            apply(&mut p, ProjectEdit::AddEngagementMeeting { date: day("2027-03-10") }),
            Err(EditError::DuplicateEngagementMeeting(day("2027-03-10")))
        );
        let rows = engagement_meeting(&p, p.inspection.engagement_meetings[0]);
        let dates: Vec<(&str, String)> = rows.iter().map(|r| (r.id.as_str(), r.date_text.clone())).collect();
        assert_eq!(
            dates,
            [
                ("notice", "By Wednesday 10 February 2027".to_string()),
                ("self-evaluation", "By Wednesday 24 February 2027".to_string()),
                ("meeting", "Wednesday 10 March 2027".to_string()),
                ("note", "By Saturday 10 April 2027".to_string()),
            ]
        );
        assert_eq!(rows[2].kind, DateKind::Entered);
        assert_eq!(rows[1].kind, DateKind::Estimate);
        apply(&mut p, ProjectEdit::RemoveEngagementMeeting { date: day("2027-03-10") }).unwrap();
        assert!(p.inspection.engagement_meetings.is_empty());
    }
}

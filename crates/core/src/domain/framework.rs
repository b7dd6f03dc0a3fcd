//! The inspection framework catalogue: editions of the area SEND framework as versioned data.
//!
//! Each edition is an embedded TOML file under `editions/`, written so that an analyst can read
//! and correct it. Facts the project could not confirm carry `confirmed = false` and the app
//! shows them as such.

use std::fmt;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::calendar::WorkingCalendar;

/// Identifies an edition, e.g. `area-send-2025`. Stored in project files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EditionId(pub String);

impl EditionId {
    pub fn current() -> Self {
        Self("area-send-2025".into())
    }
}

impl fmt::Display for EditionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Edition {
    pub id: EditionId,
    pub title: String,
    pub short_name: String,
    pub version_note: String,
    pub in_force_from: NaiveDate,
    pub groups: Vec<CriteriaGroup>,
    pub criteria: Vec<Criterion>,
    pub outcomes: Vec<Outcome>,
    /// Says that criteria `considerations` are our summaries, not the handbook's words.
    #[serde(default)]
    pub considerations_note: String,
    #[serde(default)]
    pub post_inspection: Vec<PostInspectionDeadline>,
    #[serde(default)]
    pub timeline: Vec<TimelineStep>,
    /// What follows the on-site week, step by step (see `domain::timeline`).
    #[serde(default)]
    pub after_inspection: Vec<AfterInspectionStep>,
    /// Dates around an engagement meeting, counted from the meeting.
    #[serde(default)]
    pub engagement: Vec<EngagementStep>,
    /// Areas inspectors always consider besides the criteria; the SEF has a place for each.
    #[serde(default)]
    pub other_areas: Vec<OtherArea>,
    /// Says that the other areas' names and summaries are ours.
    #[serde(default)]
    pub other_areas_note: String,
    /// What the published plan must contain or be sent to; `None` where the edition does not say.
    #[serde(default)]
    pub plan_requirements: Option<PlanRequirements>,
}

/// Requirements on the published plan, in our words, with the paragraphs they come from.
#[derive(Debug, Clone, Deserialize)]
pub struct PlanRequirements {
    pub strategy: String,
    pub strategy_source: String,
    pub pap_copy: String,
    pub pap_copy_source: String,
}

/// An area the handbook says inspectors always consider (legal duties, safeguarding, …). SEF
/// entries, evidence and sign-offs name it by `id`, as they name a criterion; it has no position.
#[derive(Debug, Clone, Deserialize)]
pub struct OtherArea {
    pub id: String,
    /// Our name for it (see `Edition::other_areas_note`).
    pub title: String,
    pub summary: String,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CriteriaGroup {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The impact criteria, on which the outcomes are judged (¶39–41); the others inform.
    #[serde(default)]
    pub impact: bool,
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Where the title comes from.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub group: String,
    /// The handbook's heading, quoted exactly.
    pub title: String,
    pub short_title: String,
    /// Our summary of the points the handbook lists (see `Edition::considerations_note`).
    #[serde(default)]
    pub considerations: Vec<String>,
    /// What inspectors look at as evidence (not evaluation points), our summary.
    #[serde(default)]
    pub inspectors_look_at: Vec<String>,
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Where the title comes from.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Outcome {
    pub number: u8,
    pub short_label: String,
    /// The outcome statement exactly as reports print it.
    pub statement: String,
    pub next_steps: String,
    /// `false` where `next_steps` is our reading rather than the handbook's (the statement
    /// itself is always exact).
    #[serde(default = "yes")]
    pub next_steps_confirmed: bool,
    /// Where the statement and next steps come from.
    #[serde(default)]
    pub source: String,
    /// Sentences published reports print with this outcome (not the statement), as reports word
    /// them; `report_text` matches them loosely when the statement itself is not pasted.
    #[serde(default)]
    pub report_phrases: Vec<String>,
}

/// The event post-inspection working days are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineStart {
    FinalReportReceived,
    ReportPublished,
}

impl DeadlineStart {
    pub fn label(self) -> &'static str {
        match self {
            Self::FinalReportReceived => "the date the final report was received",
            Self::ReportPublished => "the date the report was published",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct PostInspectionDeadline {
    pub id: String,
    pub label: String,
    pub outcomes: Vec<u8>,
    /// `None` when the edition's day count is not known; the user must supply it.
    pub working_days: Option<u32>,
    pub from: DeadlineStart,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TimelineStep {
    pub id: String,
    pub label: String,
    pub working_days_after_notification: u32,
    /// Time of day the step is due, when the handbook gives one.
    pub time: Option<NaiveTime>,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

/// One step after the on-site week, counted from `from` ("notified" or an earlier step's id) in
/// working days or calendar months: the latest date the handbook gives for it.
#[derive(Debug, Clone, Deserialize)]
pub struct AfterInspectionStep {
    pub id: String,
    pub label: String,
    pub from: String,
    #[serde(default)]
    pub working_days: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
    /// The outcomes it follows; empty for every outcome.
    #[serde(default)]
    pub outcomes: Vec<u8>,
    /// What the handbook says happens at this step, with its paragraphs.
    #[serde(default)]
    pub note: String,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

/// A date around an engagement meeting: `days` and `months` before (negative) or after it.
#[derive(Debug, Clone, Deserialize)]
pub struct EngagementStep {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub days: i32,
    #[serde(default)]
    pub months: i32,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

fn yes() -> bool {
    true
}

/// Shown after any fact whose `confirmed` is false, wherever the fact is shown.
pub const NOT_CONFIRMED: &str = "(not confirmed by the handbook)";

/// `text`, followed by [`NOT_CONFIRMED`] and the source's note on what is a reading when the
/// fact is not confirmed.
pub fn marked(text: &str, confirmed: bool, source: &str) -> String {
    match (confirmed, source.trim()) {
        (true, _) => text.to_string(),
        (false, "") => format!("{text} {NOT_CONFIRMED}"),
        (false, source) => format!("{text} {}: {source})", NOT_CONFIRMED.trim_end_matches(')')),
    }
}

/// A timeline step placed on the calendar.
#[derive(Debug, Clone)]
pub struct DatedStep<'a> {
    pub step: &'a TimelineStep,
    pub date: NaiveDate,
}

impl Edition {
    pub fn group(&self, id: &str) -> Option<&CriteriaGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn criteria_in<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Criterion> + 'a {
        self.criteria.iter().filter(move |c| c.group == group)
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn other_area(&self, id: &str) -> Option<&OtherArea> {
        self.other_areas.iter().find(|a| a.id == id)
    }

    /// Whether SEF entries, evidence and sign-offs may name `id`: a criterion or another area.
    pub fn has_section(&self, id: &str) -> bool {
        self.criterion(id).is_some() || self.other_area(id).is_some()
    }

    pub fn outcome(&self, number: u8) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.number == number)
    }

    /// The notification timeline placed on working days, in date order.
    pub fn timeline_from<'a>(&'a self, notified: NaiveDate, calendar: &WorkingCalendar) -> Vec<DatedStep<'a>> {
        let mut steps: Vec<DatedStep<'a>> = self
            .timeline
            .iter()
            .map(|step| DatedStep {
                step,
                date: calendar.add_working_days(notified, step.working_days_after_notification),
            })
            .collect();
        steps.sort_by_key(|s| (s.date, s.step.time));
        steps
    }
}

/// A post-inspection deadline computed for a project, or why it cannot be computed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineDate {
    Due(NaiveDate),
    /// The start event (e.g. the report's receipt) has not been recorded.
    NeedsStartDate,
    /// The edition does not say how many working days; the user must enter it.
    NeedsDayCount,
}

impl PostInspectionDeadline {
    pub fn due(&self, start: Option<NaiveDate>, calendar: &WorkingCalendar) -> DeadlineDate {
        match (self.working_days, start) {
            (None, _) => DeadlineDate::NeedsDayCount,
            (Some(_), None) => DeadlineDate::NeedsStartDate,
            (Some(days), Some(start)) => DeadlineDate::Due(calendar.add_working_days(start, days)),
        }
    }
}

/// The edition files, as JSON made from their TOML by `build.rs`.
const EMBEDDED: [&str; 2] = [
    include_str!(concat!(env!("OUT_DIR"), "/area-send-2025.json")),
    include_str!(concat!(env!("OUT_DIR"), "/area-send-2023.json")),
];

/// Every edition the app knows, newest first.
pub fn editions() -> &'static [Edition] {
    static PARSED: OnceLock<Vec<Edition>> = OnceLock::new();
    PARSED.get_or_init(|| {
        EMBEDDED
            .iter()
            // Embedded files are validated by tests, so a failure here is a build defect.
            .map(|text| serde_json::from_str(text).expect("embedded framework edition parses"))
            .collect()
    })
}

pub fn edition(id: &EditionId) -> Option<&'static Edition> {
    editions().iter().find(|e| &e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(id: &str) -> &'static Edition {
        edition(&EditionId(id.into())).unwrap()
    }

    #[test]
    fn both_editions_load_with_all_groups_and_criteria() {
        for e in editions() {
            let ids: Vec<&str> = e.criteria.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "C1"], "{}", e.id);
            for c in &e.criteria {
                assert!(e.group(&c.group).is_some(), "{} {} has unknown group", e.id, c.id);
            }
            assert_eq!(e.outcomes.iter().map(|o| o.number).collect::<Vec<_>>(), [1, 2, 3]);
        }
    }

    #[test]
    fn every_fact_has_a_source_and_readings_are_unconfirmed() {
        let new = ed("area-send-2025");
        for e in editions() {
            for g in &e.groups {
                assert!(!g.source.is_empty(), "{} group {}", e.id, g.id);
            }
            for c in &e.criteria {
                assert!(!c.source.is_empty(), "{} criterion {}", e.id, c.id);
            }
            for o in &e.outcomes {
                assert!(!o.source.is_empty(), "{} outcome {}", e.id, o.number);
            }
            for d in &e.post_inspection {
                assert!(!d.source.is_empty(), "{} deadline {}", e.id, d.id);
            }
            for t in &e.timeline {
                assert!(!t.source.is_empty(), "{} step {}", e.id, t.id);
            }
            for (n, step) in e.after_inspection.iter().enumerate() {
                assert!(!step.source.is_empty(), "{} step {}", e.id, step.id);
                // Counted from notification or an earlier step, in days or months.
                let earlier = e.after_inspection[..n].iter().any(|s| s.id == step.from);
                assert!(step.from == "notified" || earlier, "{} step {} counts from {}", e.id, step.id, step.from);
                assert!(step.working_days.is_some() != step.months.is_some(), "{} step {}", e.id, step.id);
            }
            for step in &e.engagement {
                assert!(!step.source.is_empty(), "{} engagement {}", e.id, step.id);
            }
            for area in &e.other_areas {
                assert!(!area.source.is_empty(), "{} area {}", e.id, area.id);
                assert!(e.criterion(&area.id).is_none(), "{} area {} shares a criterion's id", e.id, area.id);
            }
        }
        // The on-site end is our count; the handbook's figures after it are confirmed.
        let end = new.after_inspection.iter().find(|s| s.id == "inspection-end").unwrap();
        assert!(!end.confirmed);
        assert!(new.after_inspection.iter().filter(|s| s.id != "inspection-end").all(|s| s.confirmed));
        let old = ed("area-send-2023");
        // The survey close (+5 or +6 working days) is a reading.
        assert!(!new.timeline.iter().find(|t| t.id == "surveys-close").unwrap().confirmed);
        // The 2022/23 edition reuses the 2025 titles, which the 2022 consultation words differently.
        assert!(old.criteria.iter().all(|c| !c.confirmed));
        assert!(new.criteria.iter().all(|c| c.confirmed));
        // The 2022/23 on-site count, plan deadline and "submitted to HMCI" are readings.
        assert!(!old.timeline.iter().find(|t| t.id == "on-site").unwrap().confirmed);
        assert!(!old.post_inspection.iter().find(|d| d.id == "plan-publish").unwrap().confirmed);
        let three = old.outcome(3).unwrap();
        assert!(three.next_steps.contains("HMCI") && !three.next_steps_confirmed);
        assert!(new.outcome(3).unwrap().next_steps_confirmed);
        assert_eq!(marked("Survey closes", false, ""), "Survey closes (not confirmed by the handbook)");
        assert_eq!(
            marked("Survey closes", false, "our reading"),
            "Survey closes (not confirmed by the handbook: our reading)"
        );
        assert_eq!(marked("Survey closes", true, "¶91"), "Survey closes");
    }

    #[test]
    fn outcome_statements_are_exact_and_shared_by_both_editions() {
        let new = ed("area-send-2025");
        let old = ed("area-send-2023");
        for n in 1..=3 {
            assert_eq!(new.outcome(n).unwrap().statement, old.outcome(n).unwrap().statement);
        }
        assert!(
            new.outcome(2)
                .unwrap()
                .statement
                .starts_with("The local area partnership's arrangements lead to inconsistent experiences and outcomes")
        );
    }

    #[test]
    fn dropped_criteria_points_are_restored_and_marked_as_summaries() {
        let e = ed("area-send-2025");
        let has = |id: &str, words: &str| e.criterion(id).unwrap().considerations.iter().any(|c| c.contains(words));
        assert!(has("A4", "including when they will no longer be eligible for a service"));
        assert!(has("B4", "statutory responsibilities for identifying, assessing and meeting needs"));
        assert!(has("B5", "processes for providers to evaluate and improve"));
        assert!(has("B6", "how to work together") && has("B6", "needs and aspirations"));
        assert!(has("A2", "views heard") && has("B2", "what they and their families say"));
        assert!(has("B3", "perspectives of children, young people and families"));
        assert!(has("C1", "section 19") && has("C1", "schools and trusts"));
        // Fair access protocols and the unregistered-AP strategy are evidence inspectors look at.
        let c1 = e.criterion("C1").unwrap();
        assert!(!c1.considerations.iter().any(|c| c.contains("Fair access")));
        assert!(c1.inspectors_look_at.iter().any(|c| c.contains("Fair access")));
        assert!(c1.inspectors_look_at.iter().any(|c| c.contains("unregistered")));
        for e in editions() {
            assert!(e.considerations_note.starts_with("Our summary"), "{}", e.id);
        }
    }

    #[test]
    fn impact_titles_are_the_handbook_headings() {
        assert_eq!(
            ed("area-send-2025").criterion("A5").unwrap().title,
            "Children and young people with SEND are valued, visible and included in their communities"
        );
    }

    #[test]
    fn deadlines_2025_count_from_receipt_across_bank_holidays() {
        let e = ed("area-send-2025");
        let cal = WorkingCalendar::default();
        let received = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let pap = e.post_inspection.iter().find(|d| d.id == "pap-submit").unwrap();
        // 35 WD from Mon 2 Mar 2026 skips Good Friday and Easter Monday (3 and 6 Apr).
        assert_eq!(pap.due(Some(received), &cal), DeadlineDate::Due(NaiveDate::from_ymd_opt(2026, 4, 22).unwrap()));
        assert_eq!(pap.due(None, &cal), DeadlineDate::NeedsStartDate);
    }

    #[test]
    fn deadline_2023_plan_counts_from_publication_and_pap_needs_a_day_count() {
        let e = ed("area-send-2023");
        let cal = WorkingCalendar::default();
        let plan = e.post_inspection.iter().find(|d| d.id == "plan-publish").unwrap();
        assert_eq!((plan.working_days, plan.from), (Some(30), DeadlineStart::ReportPublished));
        let pap = e.post_inspection.iter().find(|d| d.id == "pap-submit").unwrap();
        assert!(!pap.confirmed);
        assert_eq!(pap.due(NaiveDate::from_ymd_opt(2026, 3, 2), &cal), DeadlineDate::NeedsDayCount);
    }

    #[test]
    fn timeline_2025_lists_due_tuesday_11am_after_monday_notification() {
        let e = ed("area-send-2025");
        let cal = WorkingCalendar::default();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let steps = e.timeline_from(monday, &cal);
        let lists = steps.iter().find(|s| s.step.id == "lists").unwrap();
        assert_eq!(lists.date, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(lists.step.time, NaiveTime::from_hms_opt(11, 0, 0));
        let friday = steps.iter().find(|s| s.step.id == "week1-information").unwrap();
        assert_eq!(friday.date, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let on_site = steps.iter().find(|s| s.step.id == "on-site").unwrap();
        assert_eq!(on_site.date, NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert!(steps.windows(2).all(|w| w[0].date <= w[1].date));
    }
}

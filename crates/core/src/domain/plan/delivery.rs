//! Delivering the plan: status history, milestones met or late, the progress log, measures'
//! dated values, and the plans (strategic plan update, priority action plan, Improvement Notice
//! and others) each action belongs to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, Measure, Milestone, Plan};
use crate::domain::choice::choice_enum;

id_type!(LogId);
id_type!(PlanId);

choice_enum! {
    /// Where an action stands, as text (never colour alone).
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum ActionStatus {
        #[default]
        NotStarted => ("not-started", "Not started"),
        OnTrack => ("on-track", "On track"),
        AtRisk => ("at-risk", "At risk"),
        OffTrack => ("off-track", "Off track"),
        Done => ("done", "Done"),
    }
}

/// One dated status. Off track needs a note: the exception commentary boards ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub id: LogId,
    pub on: NaiveDate,
    pub status: ActionStatus,
    #[serde(default)]
    pub note: String,
}

/// One dated entry of the progress log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub id: LogId,
    pub on: NaiveDate,
    /// "What we have done so far".
    #[serde(default)]
    pub done: String,
    /// "What we need to develop".
    #[serde(default)]
    pub to_develop: String,
}

/// A measure's actual value on a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureValue {
    pub id: LogId,
    pub on: NaiveDate,
    pub value: String,
}

choice_enum! {
    /// The kinds of plan one action log can serve.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum PlanKind {
        #[default]
        StrategicPlanUpdate => ("strategic-plan-update", "Strategic plan update"),
        PriorityActionPlan => ("priority-action-plan", "Priority action plan"),
        ImprovementNotice => ("improvement-notice", "Improvement Notice"),
        LocalSendReformPlan => ("local-send-reform-plan", "Local SEND reform plan"),
        Other => ("other", "Another plan"),
    }
}

/// A plan the partnership delivers actions under, with its local name if it has one
/// (a "Priority Impact Plan"); a plan of kind `Other` must be named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPlan {
    pub id: PlanId,
    pub kind: PlanKind,
    #[serde(default)]
    pub name: String,
}

impl NamedPlan {
    pub fn title(&self) -> &str {
        if self.name.trim().is_empty() { self.kind.label() } else { self.name.trim() }
    }
}

impl Milestone {
    /// Past due on `today` and not met by then.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|due| due < today && self.done_on.is_none_or(|done| done > today))
    }

    pub fn is_done(&self, today: NaiveDate) -> bool {
        self.done_on.is_some_and(|done| done <= today)
    }
}

impl Measure {
    /// The latest value recorded on or before `as_at`.
    pub fn latest(&self, as_at: NaiveDate) -> Option<&MeasureValue> {
        self.values.iter().filter(|v| v.on <= as_at).max_by(|a, b| a.on.cmp(&b.on).then(a.id.cmp(&b.id)))
    }
}

impl Action {
    /// The status in force on `as_at` (the latest on or before it).
    pub fn status_update(&self, as_at: NaiveDate) -> Option<&StatusUpdate> {
        self.statuses.iter().filter(|s| s.on <= as_at).max_by(|a, b| a.on.cmp(&b.on).then(a.id.cmp(&b.id)))
    }

    pub fn status(&self, as_at: NaiveDate) -> ActionStatus {
        self.status_update(as_at).map_or(ActionStatus::NotStarted, |s| s.status)
    }

    /// Whether the action serves `plan`. Actions in no named plan belong to the strategic plan.
    pub fn in_plan(&self, plan: &NamedPlan) -> bool {
        self.plans.contains(&plan.id) || (self.plans.is_empty() && plan.kind == PlanKind::StrategicPlanUpdate)
    }

    /// Keeps each log sorted by date (then id), so a merge's union is the same either way round.
    pub(crate) fn sort_logs(&mut self) {
        self.statuses.sort_by(|a, b| a.on.cmp(&b.on).then(a.id.cmp(&b.id)));
        self.progress.sort_by(|a, b| a.on.cmp(&b.on).then(a.id.cmp(&b.id)));
        for m in &mut self.measures {
            m.values.sort_by(|a, b| a.on.cmp(&b.on).then(a.id.cmp(&b.id)));
        }
    }

    /// Every date in the action's delivery records, with its path inside the action and a
    /// field name for edit errors.
    pub fn delivery_dates(&self) -> Vec<(String, &'static str, NaiveDate)> {
        let mut dates = Vec::new();
        for (m, milestone) in self.milestones.iter().enumerate() {
            if let Some(d) = milestone.done_on {
                dates.push((format!("milestones[{m}].done_on"), "Milestone met", d));
            }
        }
        for (n, s) in self.statuses.iter().enumerate() {
            dates.push((format!("statuses[{n}].on"), "Status date", s.on));
        }
        for (n, p) in self.progress.iter().enumerate() {
            dates.push((format!("progress[{n}].on"), "Progress date", p.on));
        }
        for (m, measure) in self.measures.iter().enumerate() {
            for (n, v) in measure.values.iter().enumerate() {
                dates.push((format!("measures[{m}].values[{n}].on"), "Measure value date", v.on));
            }
        }
        dates
    }
}

impl Plan {
    pub fn named_plan(&self, id: &PlanId) -> Option<&NamedPlan> {
        self.plans.iter().find(|p| &p.id == id)
    }
}

/// Union by id of two logs: every entry either side holds is kept. Entries are added, never
/// edited, so one id on both sides is the same entry (ours is kept). Returns how many came in.
pub(crate) fn union_by_id<T: Clone>(ours: &mut Vec<T>, theirs: &[T], id: impl Fn(&T) -> &LogId) -> usize {
    let mut added = 0;
    for entry in theirs {
        if !ours.iter().any(|o| id(o) == id(entry)) {
            ours.push(entry.clone());
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::domain::plan::{PlanEdit, PlanError, RecommendationId, RecommendationKind, apply};
    use crate::domain::project::{self, EditError, Project, ProjectEdit};
    use crate::domain::project_file;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn project_with_action() -> (Project, ActionId) {
        let mut p = example_project();
        let rec = p.plan.recommendations[0].id.clone();
        let id = ActionId("delivery-test".into());
        let action = Action {
            id: id.clone(),
            recommendation: RecommendationId(rec.0),
            what: "Publish the local offer in easy read".into(),
            milestones: vec![Milestone { text: "Draft".into(), due: Some(day("2027-01-31")), done_on: None }],
            measures: vec![Measure { name: "Visits".into(), ..Default::default() }],
            ..Default::default()
        };
        apply(&mut p, PlanEdit::SaveAction { action: Box::new(action) }).unwrap();
        (p, id)
    }

    use super::super::ActionId;

    #[test]
    fn off_track_needs_a_note_and_status_reads_as_at_a_date() {
        let (mut p, id) = project_with_action();
        let update = |n: &str, on: &str, status, note: &str| PlanEdit::RecordStatus {
            action: id.clone(),
            update: StatusUpdate { id: LogId(n.into()), on: day(on), status, note: note.into() },
        };
        assert_eq!(
            apply(&mut p, update("s1", "2027-01-05", ActionStatus::OffTrack, " ")),
            Err(PlanError::OffTrackNeedsNote)
        );
        apply(&mut p, update("s1", "2027-02-05", ActionStatus::OffTrack, "Staff vacancy")).unwrap();
        apply(&mut p, update("s2", "2027-01-05", ActionStatus::OnTrack, "")).unwrap();
        assert_eq!(apply(&mut p, update("s2", "2027-03-05", ActionStatus::Done, "")), Err(PlanError::DuplicateEntry));
        let a = p.plan.actions.iter().find(|a| a.id == id).unwrap();
        assert_eq!(a.statuses[0].id, LogId("s2".into()), "kept in date order");
        assert_eq!(a.status(day("2026-12-31")), ActionStatus::NotStarted);
        assert_eq!(a.status(day("2027-01-31")), ActionStatus::OnTrack);
        assert_eq!(a.status(day("2027-02-05")), ActionStatus::OffTrack);
        let missing = PlanEdit::RecordStatus { action: ActionId("nope".into()), update: StatusUpdate::default() };
        assert_eq!(apply(&mut p, missing), Err(PlanError::UnknownAction));
    }

    #[test]
    fn milestones_are_late_when_past_due_and_not_met() {
        let (mut p, id) = project_with_action();
        let a = |p: &Project| p.plan.actions.iter().find(|a| a.id == id).unwrap().milestones[0].clone();
        assert!(!a(&p).is_late(day("2027-01-31")));
        assert!(a(&p).is_late(day("2027-02-01")));
        let done = PlanEdit::SetMilestoneDone { action: id.clone(), milestone: 0, done_on: Some(day("2027-02-10")) };
        apply(&mut p, done).unwrap();
        assert!(a(&p).is_late(day("2027-02-09")), "late until it was met");
        assert!(!a(&p).is_late(day("2027-02-10")) && a(&p).is_done(day("2027-02-10")));
        let bad = PlanEdit::SetMilestoneDone { action: id.clone(), milestone: 5, done_on: None };
        assert_eq!(apply(&mut p, bad), Err(PlanError::UnknownItem));
    }

    #[test]
    fn progress_and_measure_values_are_logged_and_dates_checked() {
        let (mut p, id) = project_with_action();
        let entry = ProgressEntry {
            id: LogId("p1".into()),
            on: day("2027-01-10"),
            done: "Drafted".into(),
            to_develop: String::new(),
        };
        apply(&mut p, PlanEdit::AddProgress { action: id.clone(), entry }).unwrap();
        let empty = ProgressEntry { id: LogId("p2".into()), on: day("2027-01-10"), ..Default::default() };
        assert_eq!(
            apply(&mut p, PlanEdit::AddProgress { action: id.clone(), entry: empty }),
            Err(PlanError::EmptyProgress)
        );
        for (n, on, v) in [("v2", "2027-03-01", "140"), ("v1", "2027-02-01", "120")] {
            let value = MeasureValue { id: LogId(n.into()), on: day(on), value: v.into() };
            apply(&mut p, PlanEdit::RecordMeasureValue { action: id.clone(), measure: 0, value }).unwrap();
        }
        let a = p.plan.actions.iter().find(|a| a.id == id).unwrap();
        assert_eq!(a.measures[0].latest(day("2027-02-15")).unwrap().value, "120");
        assert_eq!(a.measures[0].latest(day("2027-12-01")).unwrap().value, "140");
        assert!(a.measures[0].latest(day("2027-01-01")).is_none());
        let far = ProjectEdit::Plan(PlanEdit::AddProgress {
            action: id.clone(),
            entry: ProgressEntry {
                id: LogId("p3".into()),
                on: day("2150-01-01"),
                done: "x".into(),
                to_develop: String::new(),
            },
        });
        assert!(matches!(project::apply(&mut p, far), Err(EditError::OutsideYears { field: "Progress date", .. })));
    }

    #[test]
    fn plans_must_exist_be_named_and_be_empty_to_remove() {
        let (mut p, id) = project_with_action();
        let other = NamedPlan { id: PlanId("x".into()), kind: PlanKind::Other, name: " ".into() };
        assert_eq!(apply(&mut p, PlanEdit::SavePlan { plan: other }), Err(PlanError::UnnamedPlan));
        let notice = NamedPlan { id: PlanId("in".into()), kind: PlanKind::ImprovementNotice, name: String::new() };
        apply(&mut p, PlanEdit::SavePlan { plan: notice.clone() }).unwrap();
        let mut action = p.plan.actions.iter().find(|a| a.id == id).unwrap().clone();
        action.plans.insert(PlanId("ghost".into()));
        assert_eq!(
            apply(&mut p, PlanEdit::SaveAction { action: Box::new(action.clone()) }),
            Err(PlanError::UnknownPlan)
        );
        action.plans = [notice.id.clone()].into();
        apply(&mut p, PlanEdit::SaveAction { action: Box::new(action.clone()) }).unwrap();
        assert!(action.in_plan(&notice));
        assert_eq!(apply(&mut p, PlanEdit::RemovePlan { id: notice.id.clone() }), Err(PlanError::PlanHasActions));
        assert_eq!(notice.title(), "Improvement Notice");
    }

    #[test]
    fn a_file_saved_before_delivery_records_still_opens() {
        let json = project_file::to_json(&example_project(), "2026-12-01T09:00:00Z");
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        fn strip(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(map) => {
                    for key in ["plans", "statuses", "progress", "values", "done_on", "lead", "for_families"] {
                        map.remove(key);
                    }
                    map.values_mut().for_each(strip);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
                _ => {}
            }
        }
        strip(&mut value);
        let old = project_file::from_json(&value.to_string()).unwrap();
        assert!(old.plan.plans.is_empty());
        assert!(old.plan.actions.iter().all(|a| a.statuses.is_empty() && a.progress.is_empty()));
    }

    #[test]
    fn files_with_bad_delivery_dates_or_notes_are_refused_naming_the_field() {
        let json = project_file::to_json(&example_project(), "2026-12-01T09:00:00Z");
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
            f(&mut v["project"]["plan"]["actions"][0]);
            project_file::from_json(&v.to_string()).unwrap_err().to_string()
        };
        let m = with(&|a| a["progress"] = serde_json::json!([{ "id": "p", "on": "2101-01-01", "done": "x" }]));
        assert!(m.contains("plan.actions[0].progress[0].on"), "{m}");
        let m =
            with(&|a| a["statuses"] = serde_json::json!([{ "id": "s", "on": "2027-01-01", "status": "off-track" }]));
        assert!(m.contains("plan.actions[0].statuses"), "{m}");
        let many: Vec<_> = (0..=project_file::MAX_LOG_ENTRIES)
            .map(|n| serde_json::json!({ "id": n.to_string(), "on": "2027-01-01", "done": "x" }))
            .collect();
        let m = with(&|a| a["progress"] = serde_json::Value::Array(many.clone()));
        assert!(m.contains("plan.actions[0].progress: it holds 5001 items"), "{m}");
    }

    #[test]
    fn a_merge_brings_in_the_other_copys_monitoring_view_and_keeps_ours() {
        use crate::domain::plan::{MonitoringView, OwnView};
        let ours = example_project();
        let area =
            ours.plan.recommendations.iter().find(|r| r.kind == RecommendationKind::Priority).unwrap().id.clone();
        let view = |impact: &str, own| MonitoringView { impact: impact.into(), view: Some(own) };
        let mut theirs = ours.clone();
        apply(&mut theirs, PlanEdit::SetMonitoring { area: area.clone(), view: view("Theirs", OwnView::NotYet) })
            .unwrap();
        let (merged, _) = crate::domain::merge::merge(&ours, &theirs).unwrap();
        assert_eq!(merged.plan.monitoring[&area].impact, "Theirs");
        let mut mine = ours.clone();
        apply(&mut mine, PlanEdit::SetMonitoring { area: area.clone(), view: view("Ours", OwnView::EffectiveAction) })
            .unwrap();
        let (merged, _) = crate::domain::merge::merge(&mine, &theirs).unwrap();
        assert_eq!(merged.plan.monitoring[&area], view("Ours", OwnView::EffectiveAction));
    }

    #[test]
    fn monitoring_views_round_trip_and_a_view_for_no_priority_area_is_refused() {
        use crate::domain::plan::{MonitoringView, OwnView};
        let mut p = example_project();
        let area = p.plan.recommendations.iter().find(|r| r.kind == RecommendationKind::Priority).unwrap().id.clone();
        let view = MonitoringView { impact: "Waits halved.".into(), view: Some(OwnView::EffectiveAction) };
        apply(&mut p, PlanEdit::SetMonitoring { area: area.clone(), view: view.clone() }).unwrap();
        let json = project_file::to_json(&p, "2027-08-01T09:00:00Z");
        assert_eq!(project_file::from_json(&json).unwrap().plan.monitoring[&area], view);
        let bad = json.replace(&format!("\"{}\": {{", area.0), "\"ghost\": {");
        assert_ne!(bad, json, "the view's key was found in the file");
        let m = project_file::from_json(&bad).unwrap_err().to_string();
        assert!(m.contains("plan.monitoring.ghost"), "{m}");
        let empty = project_file::to_json(&example_project(), "2027-08-01T09:00:00Z");
        assert!(!empty.contains("\"monitoring\""), "no views, no key: files stay as they were");
    }
}

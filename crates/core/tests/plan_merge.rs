//! Property tests: merging two copies' delivery records (status, progress, measure values)
//! keeps every entry either copy holds, whichever way round, and merging again adds nothing.

use area_send_core::domain::example::example_project;
use area_send_core::domain::merge::merge;
use area_send_core::domain::plan::{
    Action, ActionId, ActionStatus, LogId, MeasureValue, PlanEdit, ProgressEntry, RecommendationId, StatusUpdate,
};
use area_send_core::domain::project::{Project, ProjectEdit, apply};
use chrono::NaiveDate;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Status { action: usize, day: u32, status: usize },
    Progress { action: usize, day: u32 },
    Value { action: usize, day: u32 },
    NewAction,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4usize, 0..300u32, 0..5usize).prop_map(|(action, day, status)| Op::Status { action, day, status }),
        (0..4usize, 0..300u32).prop_map(|(action, day)| Op::Progress { action, day }),
        (0..3usize, 0..300u32).prop_map(|(action, day)| Op::Value { action, day }),
        Just(Op::NewAction),
    ]
}

fn play(mut project: Project, copy: &str, ops: &[Op]) -> Project {
    let start = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    for (n, op) in ops.iter().enumerate() {
        let id = LogId(format!("{copy}-{n}"));
        let on = |day: u32| start + chrono::Duration::days(day.into());
        let action = |i: usize| project.plan.actions[i % project.plan.actions.len()].id.clone();
        let edit = match op {
            Op::Status { action: a, day, status } => PlanEdit::RecordStatus {
                action: action(*a),
                update: StatusUpdate { id, on: on(*day), status: ActionStatus::ALL[*status], note: "why".into() },
            },
            Op::Progress { action: a, day } => PlanEdit::AddProgress {
                action: action(*a),
                entry: ProgressEntry { id, on: on(*day), done: format!("{copy} did {n}"), to_develop: String::new() },
            },
            Op::Value { action: a, day } => PlanEdit::RecordMeasureValue {
                action: action(*a),
                measure: 0,
                value: MeasureValue { id, on: on(*day), value: n.to_string() },
            },
            Op::NewAction => PlanEdit::SaveAction {
                action: Box::new(Action {
                    id: ActionId(format!("{copy}-action-{n}")),
                    recommendation: RecommendationId("example-rec-p1".into()),
                    what: format!("{copy} action {n}"),
                    ..Default::default()
                }),
            },
        };
        let _ = apply(&mut project, ProjectEdit::Plan(edit));
    }
    project
}

/// Every delivery entry's id, by action, in the order the project holds them.
fn entries(p: &Project) -> Vec<(ActionId, Vec<LogId>)> {
    let mut all: Vec<_> = p
        .plan
        .actions
        .iter()
        .map(|a| {
            let mut ids: Vec<LogId> = a.statuses.iter().map(|s| s.id.clone()).collect();
            ids.extend(a.progress.iter().map(|e| e.id.clone()));
            ids.extend(a.measures.iter().flat_map(|m| m.values.iter().map(|v| v.id.clone())));
            (a.id.clone(), ids)
        })
        .collect();
    all.sort();
    all
}

proptest! {
    #[test]
    fn delivery_logs_merge_without_losing_entries(
        common in prop::collection::vec(op(), 0..6),
        ours in prop::collection::vec(op(), 0..12),
        theirs in prop::collection::vec(op(), 0..12),
    ) {
        let base = play(example_project(), "base", &common);
        let a = play(base.clone(), "a", &ours);
        let b = play(base, "b", &theirs);
        let (ab, _) = merge(&a, &b).unwrap();
        let (ba, _) = merge(&b, &a).unwrap();
        prop_assert_eq!(entries(&ab), entries(&ba), "order-independent");
        for side in [&a, &b] {
            for (action, ids) in entries(side) {
                let merged = entries(&ab).into_iter().find(|(id, _)| *id == action);
                prop_assert!(merged.is_some(), "action {:?} kept", action);
                let merged = merged.unwrap().1;
                prop_assert!(ids.iter().all(|id| merged.contains(id)), "no entry lost");
            }
        }
        let (again, report) = merge(&ab, &b).unwrap();
        prop_assert_eq!(entries(&again), entries(&ab), "idempotent");
        prop_assert_eq!(report.new_delivery_entries + report.new_actions, 0);
    }
}

#[test]
fn a_partners_progress_on_a_shared_action_is_added_and_reported() {
    let base = example_project();
    let a = play(base.clone(), "a", &[Op::Progress { action: 0, day: 10 }]);
    let b = play(base, "b", &[Op::Progress { action: 0, day: 5 }, Op::NewAction]);
    let (merged, report) = merge(&a, &b).unwrap();
    let first = &merged.plan.actions[0];
    let ids: Vec<&str> =
        first.progress.iter().map(|e| e.id.0.as_str()).filter(|id| !id.starts_with("example")).collect();
    assert_eq!(ids, ["b-0", "a-0"], "both, in date order");
    assert_eq!((report.new_delivery_entries, report.new_actions), (1, 1));
    assert!(
        report.describe().iter().any(|l| l == "1 new action, 0 new plans and 1 new progress, status or measure entry")
    );
}

#[test]
fn what_an_action_means_for_families_comes_with_a_partners_new_action_and_ours_is_kept() {
    let base = example_project();
    let mut theirs = base.clone();
    let mut new = theirs.plan.actions[0].clone();
    new.id = ActionId("theirs-new".into());
    new.for_families = "Families get a call back within a week.".into();
    apply(&mut theirs, ProjectEdit::Plan(PlanEdit::SaveAction { action: Box::new(new) })).unwrap();
    let shared = theirs.plan.actions[0].id.clone();
    apply(
        &mut theirs,
        ProjectEdit::Plan(PlanEdit::SetForFamilies { action: shared.clone(), text: "Their line".into() }),
    )
    .unwrap();
    let (merged, _) = merge(&base, &theirs).unwrap();
    let find = |id: &ActionId| merged.plan.actions.iter().find(|a| &a.id == id).unwrap().for_families.clone();
    assert_eq!(find(&ActionId("theirs-new".into())), "Families get a call back within a week.");
    assert_eq!(
        find(&shared),
        base.plan.actions[0].for_families,
        "this copy's wording is kept, as for every action field"
    );
}

//! Property tests: merging two copies' delivery records (status, progress, measure values) and
//! family feedback with its "you said, we did" answers keeps everything either copy holds,
//! whichever way round, and merging again adds nothing.

use area_send_core::domain::example::example_project;
use area_send_core::domain::merge::merge;
use area_send_core::domain::plan::{
    Action, ActionId, ActionStatus, Comment, Feedback, FeedbackId, LogId, MeasureValue, PlanEdit, ProgressEntry,
    RecommendationId, Response, ReviewTarget, StatusUpdate, feedback_to_json, import_feedback,
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

/// Family feedback on two copies: each may import the same people's answers (the same file) or
/// others, and write "you said, we did" answers of its own.
#[derive(Debug, Clone)]
enum FeedbackOp {
    Import { person: usize },
    Answer { person: usize, comment: usize, text: usize },
}

fn feedback_op() -> impl Strategy<Value = FeedbackOp> {
    prop_oneof![
        (0..4usize).prop_map(|person| FeedbackOp::Import { person }),
        (0..4usize, 0..3usize, 0..3usize).prop_map(|(person, comment, text)| FeedbackOp::Answer {
            person,
            comment,
            text
        }),
    ]
}

/// One person's answers, the same on every copy that imports them.
fn person(project: &Project, n: usize) -> Feedback {
    let comment = |target: ReviewTarget, words: &str| Comment {
        target,
        response: Some(Response::NotSure),
        words: words.into(),
        experience: None,
        we_did: String::new(),
    };
    let action = |i: usize| ReviewTarget::Action(project.plan.actions[i].id.clone());
    Feedback {
        id: FeedbackId(format!("person-{n}")),
        from: format!("Parent {n}"),
        at: "2026-11-20T10:00:00Z".into(),
        comments: vec![
            comment(action(0), "We still wait too long"),
            comment(action(1), ""),
            comment(ReviewTarget::Criterion("A1".into()), "Nobody asked us"),
        ],
    }
}

fn play_feedback(mut project: Project, copy: &str, ops: &[FeedbackOp]) -> Project {
    for op in ops {
        match op {
            FeedbackOp::Import { person: n } => {
                let file = feedback_to_json(&project.area_name, &person(&project, *n));
                let _ = import_feedback(&mut project, file.as_bytes());
            }
            // Two of the three texts are the same on both copies, so answers agree as often
            // as they differ.
            FeedbackOp::Answer { person: n, comment, text } => {
                let text = match text {
                    0 => "We added evening sessions".to_string(),
                    1 => "We cannot change this, because the law sets it".to_string(),
                    _ => format!("{copy} wrote this answer"),
                };
                let edit =
                    PlanEdit::AnswerComment { feedback: FeedbackId(format!("person-{n}")), comment: *comment, text };
                let _ = apply(&mut project, ProjectEdit::Plan(edit));
            }
        }
    }
    project
}

/// Every comment's answer, by feedback id and the comment's words, in a fixed order.
fn answers(p: &Project) -> Vec<(FeedbackId, String, String)> {
    let mut all: Vec<_> = p
        .plan
        .feedback
        .iter()
        .flat_map(|f| f.comments.iter().map(|c| (f.id.clone(), format!("{:?}", c.target), c.we_did.clone())))
        .collect();
    all.sort();
    all
}

proptest! {
    #[test]
    fn family_feedback_and_answers_merge_without_losing_any(
        common in prop::collection::vec(feedback_op(), 0..4),
        ours in prop::collection::vec(feedback_op(), 0..8),
        theirs in prop::collection::vec(feedback_op(), 0..8),
    ) {
        let base = play_feedback(example_project(), "base", &common);
        let a = play_feedback(base.clone(), "a", &ours);
        let b = play_feedback(base, "b", &theirs);
        let (ab, report) = merge(&a, &b).unwrap();
        let (ba, _) = merge(&b, &a).unwrap();

        let ids = |p: &Project| { let mut v: Vec<FeedbackId> = p.plan.feedback.iter().map(|f| f.id.clone()).collect(); v.sort(); v };
        prop_assert_eq!(ids(&ab), ids(&ba), "the same feedback either way round");
        let new_here = b.plan.feedback.iter().filter(|f| !a.plan.feedback.iter().any(|o| o.id == f.id)).count();
        prop_assert_eq!(report.new_feedback, new_here);

        // No answer is lost: each side's answer is in the merge, or (both answered differently)
        // this copy's is kept and the file's is quoted in a note.
        for (side, other) in [(&a, &b), (&b, &a)] {
            for f in &side.plan.feedback {
                for (i, c) in f.comments.iter().enumerate() {
                    if c.we_did.is_empty() { continue; }
                    let merged = &ab.plan.feedback.iter().find(|m| m.id == f.id).unwrap().comments[i];
                    let conflict = other.plan.feedback.iter().find(|o| o.id == f.id)
                        .is_some_and(|o| !o.comments[i].we_did.is_empty() && o.comments[i].we_did != c.we_did);
                    if conflict {
                        prop_assert_eq!(&merged.we_did, &a.plan.feedback.iter().find(|o| o.id == f.id).unwrap().comments[i].we_did, "ours kept");
                        let quoted = &b.plan.feedback.iter().find(|o| o.id == f.id).unwrap().comments[i].we_did;
                        prop_assert!(report.notes.iter().any(|n| n.contains(quoted.as_str())), "the file's answer named: {:?}", report.notes);
                    } else {
                        prop_assert_eq!(&merged.we_did, &c.we_did, "an answer only one side wrote comes in");
                    }
                }
            }
        }
        // Either way round the same answers, but where both answered differently (each keeps its own).
        let conflicts = report.notes.iter().filter(|n| n.contains("you said, we did")).count();
        if conflicts == 0 {
            prop_assert_eq!(answers(&ab), answers(&ba), "order-independent");
        }

        let (again, report) = merge(&ab, &b).unwrap();
        prop_assert_eq!(answers(&again), answers(&ab), "idempotent");
        prop_assert_eq!(report.new_feedback + report.new_answers + report.new_feedback_comments, 0);
    }
}

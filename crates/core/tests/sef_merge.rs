//! Property tests: merging partners' copies is safe to repeat and order-independent, and no
//! partner's words are lost.

use area_send_core::domain::example::example_project;
use area_send_core::domain::merge::merge;
use area_send_core::domain::project::{PartnerId, Project, ProjectEdit, apply};
use area_send_core::domain::register::{RevId, Stamp};
use area_send_core::domain::sef::{
    Confidence, Decision, EntryId, EntryKind, Position, PositionLevel, SefEdit, SignOff, SignOffId,
};
use proptest::prelude::*;

const PARTNERS: [&str; 4] = ["example-la", "example-icb", "example-pcf", "example-cyp"];
const CRITERIA: [&str; 4] = ["A1", "A2", "B1", "C1"];

#[derive(Debug, Clone)]
enum Op {
    Add { criterion: usize, partner: usize, text: String },
    Edit { entry: usize, partner: usize, text: String },
    Remove { entry: usize, partner: usize },
    Position { criterion: usize, partner: usize, level: usize },
    SignOff { criterion: usize, partner: usize, agree: bool },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4usize, 0..4usize, "[a-z ]{1,12}").prop_map(|(criterion, partner, text)| Op::Add {
            criterion,
            partner,
            text
        }),
        (0..8usize, 0..4usize, "[a-z ]{1,12}").prop_map(|(entry, partner, text)| Op::Edit { entry, partner, text }),
        (0..8usize, 0..4usize).prop_map(|(entry, partner)| Op::Remove { entry, partner }),
        (0..4usize, 0..4usize, 0..3usize).prop_map(|(criterion, partner, level)| Op::Position {
            criterion,
            partner,
            level
        }),
        (0..4usize, 0..4usize, any::<bool>()).prop_map(|(criterion, partner, agree)| Op::SignOff {
            criterion,
            partner,
            agree
        }),
    ]
}

/// Applies ops as one copy (`copy` makes its revision ids unique); invalid ops are skipped,
/// as the UI would refuse them.
fn play(mut project: Project, copy: &str, ops: &[Op]) -> Project {
    for (n, op) in ops.iter().enumerate() {
        let stamp = |partner: usize| Stamp {
            rev: RevId(format!("{copy}-{n}")),
            by: PartnerId(PARTNERS[partner].into()),
            at: format!("2026-11-{:02}T10:00:00Z", 1 + (n % 28)),
        };
        let entries: Vec<EntryId> = project.sef.entries.keys().cloned().collect();
        let edit = match op {
            Op::Add { criterion, partner, text } => SefEdit::AddEntry {
                id: EntryId(format!("{copy}-entry-{n}")),
                stamp: stamp(*partner),
                criterion: CRITERIA[*criterion].into(),
                kind: EntryKind::ALL[n % 3],
                text: text.clone(),
            },
            Op::Edit { entry, partner, text } if !entries.is_empty() => SefEdit::EditEntry {
                id: entries[entry % entries.len()].clone(),
                stamp: stamp(*partner),
                text: text.clone(),
            },
            Op::Remove { entry, partner } if !entries.is_empty() => {
                SefEdit::RemoveEntry { id: entries[entry % entries.len()].clone(), stamp: stamp(*partner) }
            }
            Op::Position { criterion, partner, level } => SefEdit::SetPosition {
                criterion: CRITERIA[*criterion].into(),
                stamp: stamp(*partner),
                position: Position { level: PositionLevel::ALL[*level], confidence: Confidence::Medium },
            },
            Op::SignOff { criterion, partner, agree } => SefEdit::SignOff {
                id: SignOffId(format!("{copy}-sign-{n}")),
                signoff: SignOff {
                    section: CRITERIA[*criterion].into(),
                    partner: PartnerId(PARTNERS[*partner].into()),
                    decision: if *agree { Decision::Agree } else { Decision::Disagree },
                    comment: if *agree { String::new() } else { "reason".into() },
                    at: format!("2026-11-{:02}T11:00:00Z", 1 + (n % 28)),
                },
            },
            _ => continue,
        };
        let _ = apply(&mut project, ProjectEdit::Sef(edit));
    }
    project
}

fn merged(a: &Project, b: &Project) -> Project {
    merge(a, b).expect("same edition").0
}

/// Every text any copy ever had as a current version is still present in the merge, either as
/// a current version or replaced by a later edit made with knowledge of it.
fn all_current_texts(p: &Project) -> Vec<(EntryId, RevId)> {
    p.sef.entries.iter().flat_map(|(id, r)| r.heads().iter().map(move |v| (id.clone(), v.rev.clone()))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_order_independent_and_safe_to_repeat(
        shared in prop::collection::vec(op(), 0..8),
        left in prop::collection::vec(op(), 0..12),
        right in prop::collection::vec(op(), 0..12),
        third in prop::collection::vec(op(), 0..6),
    ) {
        let base = play(example_project(), "base", &shared);
        let a = play(base.clone(), "a", &left);
        let b = play(base.clone(), "b", &right);
        let c = play(base, "c", &third);

        let ab = merged(&a, &b);
        let ba = merged(&b, &a);
        prop_assert_eq!(&ab.sef, &ba.sef, "order-independent");
        prop_assert_eq!(merged(&ab, &b), ab.clone(), "merging the same file twice changes nothing");
        prop_assert_eq!(merged(&ab, &a), ab.clone());
        prop_assert_eq!(merged(&a, &a), a.clone());
        prop_assert_eq!(&merged(&ab, &c).sef, &merged(&a, &merged(&b, &c)).sef, "grouping does not matter");

        for (id, rev) in all_current_texts(&a).into_iter().chain(all_current_texts(&b)) {
            let register = &ab.sef.entries[&id];
            prop_assert!(register.heads().iter().any(|v| v.rev == rev || v.replaces.contains(&rev)), "no one's words are lost");
        }
        prop_assert_eq!(ab.sef.signoffs.len(), {
            let mut ids: Vec<_> = a.sef.signoffs.keys().chain(b.sef.signoffs.keys()).collect();
            ids.sort();
            ids.dedup();
            ids.len()
        }, "every sign-off is kept");
    }
}

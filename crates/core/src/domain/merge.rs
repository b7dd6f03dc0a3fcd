//! Merging a partner's copy of the project into this one, entry by entry.
//!
//! The self-evaluation merges register by register (see `register.rs`); sign-offs and
//! partners are unions by id. Settings local to a copy (area name, dates, who you write as)
//! stay as they are here. The report says what came in and what now needs a person to resolve.

use std::collections::BTreeMap;

use super::project::Project;
use super::register::Register;
use super::sef::ConflictKey;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// Copies on different framework editions cannot be combined criterion by criterion.
    #[error(
        "The file uses the {incoming} framework edition but this project uses {local}. Change one project's edition first, then merge."
    )]
    DifferentEdition { local: String, incoming: String },
}

/// What a merge brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub new_partners: Vec<String>,
    pub new_entries: usize,
    pub updated_entries: usize,
    pub new_positions: usize,
    pub updated_positions: usize,
    pub new_evidence: usize,
    pub updated_evidence: usize,
    pub new_signoffs: usize,
    /// Things both copies changed differently, to resolve by hand.
    pub conflicts: Vec<ConflictKey>,
    /// Differences that were not merged (the local value was kept).
    pub notes: Vec<String>,
}

impl MergeReport {
    pub fn changed_anything(&self) -> bool {
        !self.new_partners.is_empty()
            || self.new_entries + self.updated_entries + self.new_positions + self.updated_positions > 0
            || self.new_evidence + self.updated_evidence + self.new_signoffs > 0
    }
}

/// Merges registers keyed alike, counting (new, updated).
fn merge_registers<K: Ord + Clone, T: Clone + PartialEq>(
    local: &mut BTreeMap<K, Register<T>>,
    incoming: &BTreeMap<K, Register<T>>,
) -> (usize, usize) {
    let (mut added, mut updated) = (0, 0);
    for (key, theirs) in incoming {
        match local.get_mut(key) {
            None => {
                local.insert(key.clone(), theirs.clone());
                added += 1;
            }
            Some(ours) => {
                let before = ours.clone();
                ours.merge(theirs);
                if *ours != before {
                    updated += 1;
                }
            }
        }
    }
    (added, updated)
}

pub fn merge(local: &Project, incoming: &Project) -> Result<(Project, MergeReport), MergeError> {
    if local.edition != incoming.edition {
        return Err(MergeError::DifferentEdition {
            local: local.edition.to_string(),
            incoming: incoming.edition.to_string(),
        });
    }
    let mut merged = local.clone();
    let mut report = MergeReport::default();

    for partner in &incoming.partners {
        match merged.partner(&partner.id) {
            None => {
                report.new_partners.push(partner.name.clone());
                merged.partners.push(partner.clone());
            }
            Some(ours) if ours != partner => report.notes.push(format!(
                "The file calls a partner \u{201c}{}\u{201d} ({}); this project's name and role for it were kept: \u{201c}{}\u{201d} ({}).",
                partner.name,
                partner.role.label(),
                ours.name,
                ours.role.label()
            )),
            Some(_) => {}
        }
    }
    for day in &incoming.closure_days {
        if !merged.closure_days.iter().any(|d| d.date == day.date) {
            merged.closure_days.push(day.clone());
        }
    }
    merged.closure_days.sort();
    if incoming.area_name.trim() != local.area_name.trim() && !incoming.area_name.trim().is_empty() {
        report.notes.push(format!(
            "The file's area name, \u{201c}{}\u{201d}, was not used; this project's name was kept.",
            incoming.area_name
        ));
    }

    let sef = &mut merged.sef;
    (report.new_entries, report.updated_entries) = merge_registers(&mut sef.entries, &incoming.sef.entries);
    (report.new_positions, report.updated_positions) = merge_registers(&mut sef.positions, &incoming.sef.positions);
    (report.new_evidence, report.updated_evidence) = merge_registers(&mut sef.evidence, &incoming.sef.evidence);
    for (id, signoff) in &incoming.sef.signoffs {
        if !sef.signoffs.contains_key(id) {
            sef.signoffs.insert(id.clone(), signoff.clone());
            report.new_signoffs += 1;
        }
    }
    report.conflicts = merged.sef.conflicts();
    Ok((merged, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::domain::framework::EditionId;
    use crate::domain::project::{ProjectEdit, apply};
    use crate::domain::sef::tests::stamp;
    use crate::domain::sef::{EntryId, EntryKind, SefEdit};

    fn edit(p: &mut Project, e: SefEdit) {
        apply(p, ProjectEdit::Sef(e)).unwrap();
    }

    #[test]
    fn two_partners_words_both_survive_and_a_true_conflict_is_listed() {
        let mut base = example_project();
        base.sef = Default::default();
        edit(
            &mut base,
            SefEdit::AddEntry {
                id: EntryId("shared".into()),
                stamp: stamp("r0", "example-la"),
                criterion: "A1".into(),
                kind: EntryKind::Strength,
                text: "Base".into(),
            },
        );
        let (mut la, mut pcf) = (base.clone(), base.clone());
        edit(
            &mut la,
            SefEdit::AddEntry {
                id: EntryId("la-1".into()),
                stamp: stamp("r1", "example-la"),
                criterion: "A2".into(),
                kind: EntryKind::Impact,
                text: "LA view".into(),
            },
        );
        edit(
            &mut pcf,
            SefEdit::AddEntry {
                id: EntryId("pcf-1".into()),
                stamp: stamp("r2", "example-pcf"),
                criterion: "A2".into(),
                kind: EntryKind::Impact,
                text: "Families' view".into(),
            },
        );
        edit(
            &mut la,
            SefEdit::EditEntry {
                id: EntryId("shared".into()),
                stamp: stamp("r3", "example-la"),
                text: "LA wording".into(),
            },
        );
        edit(
            &mut pcf,
            SefEdit::EditEntry {
                id: EntryId("shared".into()),
                stamp: stamp("r4", "example-pcf"),
                text: "PCF wording".into(),
            },
        );

        let (merged, report) = merge(&la, &pcf).unwrap();
        assert_eq!((report.new_entries, report.updated_entries), (1, 1));
        assert_eq!(report.conflicts, vec![ConflictKey::Entry(EntryId("shared".into()))]);
        let texts: Vec<&str> =
            merged.sef.entries[&EntryId("shared".into())].heads().iter().map(|v| v.value.text.as_str()).collect();
        assert_eq!(texts.len(), 2);
        assert!(texts.contains(&"LA wording") && texts.contains(&"PCF wording"));
        assert_eq!(merged.sef.entries_for("A2", EntryKind::Impact).count(), 2);

        let (again, report) = merge(&merged, &pcf).unwrap();
        assert_eq!(again, merged, "merging the same file twice changes nothing");
        assert!(!report.changed_anything());
    }

    #[test]
    fn different_editions_are_refused() {
        let local = example_project();
        let mut other = example_project();
        other.edition = EditionId("area-send-2023".into());
        assert!(matches!(merge(&local, &other), Err(MergeError::DifferentEdition { .. })));
    }

    #[test]
    fn local_settings_are_kept_and_noted() {
        let local = example_project();
        let mut other = example_project();
        other.area_name = "Elsewhere".into();
        other.partners[0].name = "Renamed".into();
        let (merged, report) = merge(&local, &other).unwrap();
        assert_eq!(merged.area_name, local.area_name);
        assert_eq!(merged.partners[0].name, local.partners[0].name);
        assert_eq!(report.notes.len(), 2);
    }
}

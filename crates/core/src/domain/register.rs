//! A multi-value register: the unit of merging between partners' copies of a project.
//!
//! Every edit makes a new `Version` that names all the versions it replaces (its ancestors).
//! Merging two registers takes the union of their current versions and drops any version that
//! another one replaces. What is left is one version (no conflict) or several concurrent ones
//! (a true conflict: two people changed the same thing without seeing each other's change).
//! Union and "drop replaced" make merge idempotent, commutative and associative, so partners
//! can exchange files in any order, as often as they like.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::project::PartnerId;

/// A revision id, unique per edit (the browser makes a UUID).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RevId(pub String);

/// Who made an edit, when, and its revision id. Made by the UI for every edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub rev: RevId,
    pub by: PartnerId,
    /// RFC 3339 UTC timestamp.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version<T> {
    pub rev: RevId,
    pub by: PartnerId,
    pub at: String,
    /// Every revision this one replaces, directly or indirectly.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub replaces: BTreeSet<RevId>,
    pub value: T,
}

/// The current versions of one value; more than one means a conflict to resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Register<T> {
    heads: Vec<Version<T>>,
}

impl<T: Clone + PartialEq> Register<T> {
    pub fn new(stamp: Stamp, value: T) -> Self {
        Self { heads: vec![Version { rev: stamp.rev, by: stamp.by, at: stamp.at, replaces: BTreeSet::new(), value }] }
    }

    /// The value to show: the latest-stamped head (ties broken by revision id, so every copy
    /// shows the same one). When in conflict, the others are in `heads()`.
    pub fn current(&self) -> &Version<T> {
        // Never empty: files with no version are refused, and `merge` always keeps one.
        let latest = self.heads.iter().max_by(|a, b| (&a.at, &a.rev).cmp(&(&b.at, &b.rev)));
        latest.unwrap_or(&self.heads[0])
    }

    pub fn value(&self) -> &T {
        &self.current().value
    }

    pub fn heads(&self) -> &[Version<T>] {
        &self.heads
    }

    pub fn in_conflict(&self) -> bool {
        self.heads.len() > 1
    }

    /// Replaces every current version (resolving any conflict) with a new value.
    /// Setting the value it already has (and no conflict) records nothing.
    pub fn set(&mut self, stamp: Stamp, value: T) -> bool {
        if !self.in_conflict() && self.heads[0].value == value {
            return false;
        }
        let mut replaces = BTreeSet::new();
        for head in &self.heads {
            replaces.insert(head.rev.clone());
            replaces.extend(head.replaces.iter().cloned());
        }
        self.heads = vec![Version { rev: stamp.rev, by: stamp.by, at: stamp.at, replaces, value }];
        true
    }

    /// Merges another copy of the same register into this one.
    pub fn merge(&mut self, other: &Self) {
        let mut all: Vec<Version<T>> = self.heads.drain(..).collect();
        for v in &other.heads {
            if !all.iter().any(|h| h.rev == v.rev) {
                all.push(v.clone());
            }
        }
        let replaced: BTreeSet<RevId> = all.iter().flat_map(|v| v.replaces.iter().cloned()).collect();
        let kept: Vec<Version<T>> = all.iter().filter(|v| !replaced.contains(&v.rev)).cloned().collect();
        // Versions that replace each other (only a forged file makes them; validation refuses
        // one in a single file, but two files can each hold half of the loop) would leave no
        // version at all: keep them side by side instead, as a conflict for a person to resolve.
        if !kept.is_empty() {
            all = kept;
        }
        all.sort_by(|a, b| a.rev.cmp(&b.rev));
        self.heads = all;
    }

    /// Whether every version in `other` is already in, or replaced by, this register.
    pub fn contains(&self, other: &Self) -> bool {
        other.heads.iter().all(|v| self.heads.iter().any(|h| h.rev == v.rev || h.replaces.contains(&v.rev)))
    }

    /// Checks the structure after deserialising: at least one head.
    pub fn is_well_formed(&self) -> bool {
        self.problem().is_none()
    }

    /// What is wrong with a register read from a file, if anything: no version, two versions
    /// with one id, or a version that replaces itself or another current version (each would
    /// leave the register with no version once merged).
    pub fn problem(&self) -> Option<String> {
        if self.heads.is_empty() {
            return Some("it has no versions.".into());
        }
        let revs: BTreeSet<&RevId> = self.heads.iter().map(|v| &v.rev).collect();
        if revs.len() != self.heads.len() {
            return Some("two of its versions have the same revision id.".into());
        }
        for v in &self.heads {
            if v.replaces.contains(&v.rev) {
                return Some(format!("version \u{201c}{}\u{201d} replaces itself.", v.rev.0));
            }
            if let Some(other) = self.heads.iter().find(|o| o.rev != v.rev && v.replaces.contains(&o.rev)) {
                return Some(format!(
                    "version \u{201c}{}\u{201d} replaces \u{201c}{}\u{201d}, which is also current (versions cannot replace each other).",
                    v.rev.0, other.rev.0
                ));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn stamp(rev: &str, at: &str) -> Stamp {
        Stamp { rev: RevId(rev.into()), by: PartnerId("p".into()), at: at.into() }
    }

    #[test]
    fn independent_edits_conflict_and_resolution_clears_it() {
        let base = Register::new(stamp("r0", "2026-01-01"), "base".to_string());
        let mut a = base.clone();
        a.set(stamp("ra", "2026-01-02"), "from A".into());
        let mut b = base.clone();
        b.set(stamp("rb", "2026-01-03"), "from B".into());
        let mut merged = a.clone();
        merged.merge(&b);
        assert!(merged.in_conflict());
        assert_eq!(merged.value(), "from B", "latest is shown first");
        merged.set(stamp("rc", "2026-01-04"), "agreed".into());
        assert!(!merged.in_conflict());
        // The resolution replaces both, so merging either old copy changes nothing.
        let before = merged.clone();
        merged.merge(&a);
        merged.merge(&b);
        assert_eq!(merged, before);
    }

    #[test]
    fn a_later_edit_of_the_same_copy_is_not_a_conflict() {
        let old = Register::new(stamp("r0", "2026-01-01"), 1);
        let mut new = old.clone();
        new.set(stamp("r1", "2026-01-02"), 2);
        let mut merged = old.clone();
        merged.merge(&new);
        assert_eq!((merged.in_conflict(), *merged.value()), (false, 2));
        assert!(merged.contains(&old));
    }

    #[test]
    fn setting_the_same_value_records_nothing() {
        let mut r = Register::new(stamp("r0", "t"), 1);
        assert!(!r.set(stamp("r1", "t2"), 1));
        assert_eq!(r.current().rev, RevId("r0".into()));
    }

    fn forged(rev: &str, replaces: &[&str]) -> Version<i32> {
        Version {
            rev: RevId(rev.into()),
            by: PartnerId("p".into()),
            at: "2026-01-01".into(),
            replaces: replaces.iter().map(|r| RevId((*r).into())).collect(),
            value: 1,
        }
    }

    /// Issue 19: versions that replace each other crashed the app after a merge ("a register
    /// always has a head"). One file holding them is refused; two files each holding half of
    /// the loop merge into a conflict, never into nothing.
    #[test]
    fn versions_that_replace_each_other_are_refused_and_never_empty_a_merge() {
        let loop_in_one = Register { heads: vec![forged("a", &["b"]), forged("b", &["a"])] };
        assert!(loop_in_one.problem().unwrap().contains("replaces"));
        let itself = Register { heads: vec![forged("a", &["a"])] };
        assert!(itself.problem().unwrap().contains("replaces itself"));
        let twice = Register { heads: vec![forged("a", &[]), forged("a", &[])] };
        assert!(twice.problem().is_some());

        let mut ours = Register { heads: vec![forged("a", &["b"])] };
        let theirs = Register { heads: vec![forged("b", &["a"])] };
        assert!(ours.is_well_formed() && theirs.is_well_formed());
        ours.merge(&theirs);
        assert_eq!(ours.heads().len(), 2);
        assert_eq!(*ours.value(), 1);
    }
}

//! The co-produced self-evaluation (SEF): partners' entries per criterion, the partnership's
//! self-assessed position per criterion, the evidence log and sign-off.
//!
//! Everything a partner can change is a `Register` (see `register.rs`), so two partners'
//! copies merge entry by entry. Sign-offs are append-only: a later decision is added beside
//! an earlier one, so dissent is never overwritten.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::choice::choice_enum;
use super::framework::Edition;
use super::project::{PartnerId, PartnerRole, Project};
use super::register::{Register, Stamp};

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
    };
}
id_type!(EntryId);
id_type!(EvidenceId);
id_type!(SignOffId);

choice_enum! {
    /// What an entry says about a criterion: the three questions of a SEF section.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum EntryKind {
        Strength => ("strength", "What we know: strengths"),
        ToImprove => ("to-improve", "What we need to do better"),
        Impact => ("impact", "The impact on children and young people (so what?)"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub criterion: String,
    pub kind: EntryKind,
    /// The partner who first wrote it. Later edits are recorded on the register's versions.
    pub author: PartnerId,
    pub text: String,
    /// Removed entries stay as tombstones so a merge cannot bring them back.
    #[serde(default)]
    pub removed: bool,
}

choice_enum! {
    /// The partnership's self-assessed position on a criterion, on a scale that maps to the
    /// three inspection outcomes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum PositionLevel {
        TypicallyPositive => ("typically-positive", "Typically positive"),
        Inconsistent => ("inconsistent", "Inconsistent"),
        WidespreadFailings => ("widespread-failings", "Widespread or systemic failings"),
    }
}

impl PositionLevel {
    pub fn hint(self) -> &'static str {
        match self {
            Self::TypicallyPositive => {
                "Typically positive experiences and outcomes; we know our weaknesses and are acting on them (points to outcome 1)."
            }
            Self::Inconsistent => "Experiences and outcomes vary; improvement needs joint work (points to outcome 2).",
            Self::WidespreadFailings => {
                "Significant concerns that would be an area for priority action (points to outcome 3)."
            }
        }
    }

    /// The inspection outcome this level points to.
    pub fn outcome(self) -> u8 {
        match self {
            Self::TypicallyPositive => 1,
            Self::Inconsistent => 2,
            Self::WidespreadFailings => 3,
        }
    }
}

choice_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Confidence {
        Low => ("low", "Low"),
        Medium => ("medium", "Medium"),
        High => ("high", "High"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub level: PositionLevel,
    pub confidence: Confidence,
}

impl Position {
    /// "Typically positive (high confidence)".
    pub fn describe(&self) -> String {
        format!("{} ({} confidence)", self.level.label(), self.confidence.label().to_lowercase())
    }
}

/// Where a criterion's position stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PositionState {
    NotAssessed,
    Settled(Position),
    /// Partners set different positions without seeing each other's: every version, with who
    /// set it, oldest first.
    Disputed(Vec<(PartnerId, Position)>),
}

/// The position in words for pages, exports and board papers: "Disputed: Northdale Council
/// says …; Northdale Parent Carer Forum says …" while partners disagree.
pub fn describe_position(project: &Project, criterion: &str) -> String {
    match project.sef.position_state(criterion) {
        PositionState::NotAssessed => "Not assessed".into(),
        PositionState::Settled(p) => p.describe(),
        PositionState::Disputed(versions) => {
            format!("Disputed (not yet resolved): {}", disputed_versions(project, &versions))
        }
    }
}

/// "Northdale Council says typically positive (high confidence); … says …".
pub fn disputed_versions(project: &Project, versions: &[(PartnerId, Position)]) -> String {
    versions
        .iter()
        .map(|(by, p)| format!("{} says {}", project.partner_name(by), p.describe().to_lowercase()))
        .collect::<Vec<_>>()
        .join("; ")
}

choice_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum EvidenceKind {
        Data => ("data", "Data"),
        Audit => ("audit", "Audit"),
        Survey => ("survey", "Survey"),
        CaseTracking => ("case-tracking", "Case tracking"),
        VoiceOfChildrenAndYoungPeople => ("voice-of-children-and-young-people", "Voice of children and young people"),
        VoiceOfFamilies => ("voice-of-families", "Voice of families"),
        ExternalReview => ("external-review", "External review"),
        Other => ("other", "Other"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub title: String,
    pub kind: EvidenceKind,
    #[serde(default)]
    pub owner: Option<PartnerId>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Where it is held, as free text. Links are never fetched.
    #[serde(default)]
    pub location: String,
    /// The criteria it supports.
    #[serde(default)]
    pub criteria: BTreeSet<String>,
    #[serde(default)]
    pub removed: bool,
}

choice_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Decision {
        Agree => ("agree", "Agree"),
        AgreeWithComments => ("agree-with-comments", "Agree with comments"),
        Disagree => ("disagree", "Disagree"),
    }
}

/// One partner's decision on one section, kept for ever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub section: String,
    pub partner: PartnerId,
    pub decision: Decision,
    #[serde(default)]
    pub comment: String,
    pub at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfEvaluation {
    #[serde(default)]
    pub entries: BTreeMap<EntryId, Register<Entry>>,
    #[serde(default)]
    pub positions: BTreeMap<String, Register<Position>>,
    #[serde(default)]
    pub evidence: BTreeMap<EvidenceId, Register<EvidenceItem>>,
    #[serde(default)]
    pub signoffs: BTreeMap<SignOffId, SignOff>,
}

/// Every change to the SEF. Stamps (revision id, partner, time) come from the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SefEdit {
    AddEntry {
        id: EntryId,
        stamp: Stamp,
        criterion: String,
        kind: EntryKind,
        text: String,
    },
    /// Also resolves a conflict on the entry.
    EditEntry {
        id: EntryId,
        stamp: Stamp,
        text: String,
    },
    RemoveEntry {
        id: EntryId,
        stamp: Stamp,
    },
    /// Also resolves a conflict on the position.
    SetPosition {
        criterion: String,
        stamp: Stamp,
        position: Position,
    },
    AddEvidence {
        id: EvidenceId,
        stamp: Stamp,
        item: EvidenceItem,
    },
    /// Replaces the item (and resolves any conflict on it).
    EditEvidence {
        id: EvidenceId,
        stamp: Stamp,
        item: EvidenceItem,
    },
    RemoveEvidence {
        id: EvidenceId,
        stamp: Stamp,
    },
    LinkEvidence {
        id: EvidenceId,
        stamp: Stamp,
        criterion: String,
        linked: bool,
    },
    SignOff {
        id: SignOffId,
        signoff: SignOff,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SefError {
    /// The criterion is not in the project's framework edition.
    #[error("There is no criterion {0} in this framework edition.")]
    UnknownCriterion(String),
    /// No entry or evidence item has that id.
    #[error("That entry no longer exists.")]
    UnknownEntry,
    #[error("That evidence item no longer exists.")]
    UnknownEvidence,
    /// Id reused.
    #[error("That item already exists.")]
    DuplicateId,
    /// The partner is not in the project.
    #[error("Choose which partner you are writing as.")]
    UnknownPartner,
    #[error("Enter some text.")]
    EmptyText,
    #[error("Enter a title for the evidence.")]
    EmptyTitle,
    /// "Agree with comments" and "Disagree" need words.
    #[error("Give your comments or reason.")]
    SignOffNeedsComment,
}

impl SefEdit {
    /// Typing in one entry's text is one undo step.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            Self::EditEntry { id, .. } => Some(format!("entry:{}", id.0)),
            _ => None,
        }
    }
}

/// Applies one edit to the project's SEF. On error nothing changes.
pub fn apply(project: &mut Project, edit: SefEdit) -> Result<(), SefError> {
    let edition = project.edition();
    // Entries, evidence and sign-offs may name another area; positions only a criterion.
    let known_criterion = |c: &str| edition.has_section(c);
    let known_partner = |p: &PartnerId| project.partner(p).is_some();
    match edit {
        SefEdit::AddEntry { id, stamp, criterion, kind, text } => {
            if !known_criterion(&criterion) {
                return Err(SefError::UnknownCriterion(criterion));
            }
            if !known_partner(&stamp.by) {
                return Err(SefError::UnknownPartner);
            }
            if text.trim().is_empty() {
                return Err(SefError::EmptyText);
            }
            if project.sef.entries.contains_key(&id) {
                return Err(SefError::DuplicateId);
            }
            let entry =
                Entry { criterion, kind, author: stamp.by.clone(), text: text.trim().to_string(), removed: false };
            project.sef.entries.insert(id, Register::new(stamp, entry));
        }
        SefEdit::EditEntry { id, stamp, text } => {
            if !known_partner(&stamp.by) {
                return Err(SefError::UnknownPartner);
            }
            let register = project.sef.entries.get_mut(&id).ok_or(SefError::UnknownEntry)?;
            let entry = Entry { text, removed: false, ..register.value().clone() };
            register.set(stamp, entry);
        }
        SefEdit::RemoveEntry { id, stamp } => {
            let register = project.sef.entries.get_mut(&id).ok_or(SefError::UnknownEntry)?;
            let entry = Entry { removed: true, ..register.value().clone() };
            register.set(stamp, entry);
        }
        SefEdit::SetPosition { criterion, stamp, position } => {
            if edition.criterion(&criterion).is_none() {
                return Err(SefError::UnknownCriterion(criterion));
            }
            if !known_partner(&stamp.by) {
                return Err(SefError::UnknownPartner);
            }
            match project.sef.positions.get_mut(&criterion) {
                Some(register) => {
                    register.set(stamp, position);
                }
                None => {
                    project.sef.positions.insert(criterion, Register::new(stamp, position));
                }
            }
        }
        SefEdit::AddEvidence { id, stamp, item } => {
            check_evidence(&item, edition)?;
            if project.sef.evidence.contains_key(&id) {
                return Err(SefError::DuplicateId);
            }
            project.sef.evidence.insert(id, Register::new(stamp, clean_evidence(item)));
        }
        SefEdit::EditEvidence { id, stamp, item } => {
            check_evidence(&item, edition)?;
            let register = project.sef.evidence.get_mut(&id).ok_or(SefError::UnknownEvidence)?;
            register.set(stamp, clean_evidence(item));
        }
        SefEdit::RemoveEvidence { id, stamp } => {
            let register = project.sef.evidence.get_mut(&id).ok_or(SefError::UnknownEvidence)?;
            let item = EvidenceItem { removed: true, ..register.value().clone() };
            register.set(stamp, item);
        }
        SefEdit::LinkEvidence { id, stamp, criterion, linked } => {
            if !known_criterion(&criterion) {
                return Err(SefError::UnknownCriterion(criterion));
            }
            let register = project.sef.evidence.get_mut(&id).ok_or(SefError::UnknownEvidence)?;
            let mut item = register.value().clone();
            if linked {
                item.criteria.insert(criterion);
            } else {
                item.criteria.remove(&criterion);
            }
            register.set(stamp, item);
        }
        SefEdit::SignOff { id, signoff } => {
            if !known_criterion(&signoff.section) {
                return Err(SefError::UnknownCriterion(signoff.section));
            }
            if !known_partner(&signoff.partner) {
                return Err(SefError::UnknownPartner);
            }
            if signoff.decision != Decision::Agree && signoff.comment.trim().is_empty() {
                return Err(SefError::SignOffNeedsComment);
            }
            if project.sef.signoffs.contains_key(&id) {
                return Err(SefError::DuplicateId);
            }
            project.sef.signoffs.insert(id, SignOff { comment: signoff.comment.trim().to_string(), ..signoff });
        }
    }
    Ok(())
}

fn check_evidence(item: &EvidenceItem, edition: &Edition) -> Result<(), SefError> {
    if item.title.trim().is_empty() {
        return Err(SefError::EmptyTitle);
    }
    match item.criteria.iter().find(|c| !edition.has_section(c)) {
        Some(unknown) => Err(SefError::UnknownCriterion(unknown.clone())),
        None => Ok(()),
    }
}

fn clean_evidence(item: EvidenceItem) -> EvidenceItem {
    EvidenceItem { title: item.title.trim().to_string(), location: item.location.trim().to_string(), ..item }
}

/// Whether a sign-off predates `changed`, its section's `last_changed` (worked out once when
/// many partners' sign-offs on one section are compared).
fn signed_before(changed: Option<&str>, signoff: &SignOff) -> bool {
    changed.is_some_and(|changed| compare_stamps(changed, &signoff.at) == std::cmp::Ordering::Greater)
}

/// Orders two RFC 3339 stamps by the time they name ("…10:00:00Z" and "…10:00:00.500Z" differ
/// in length, so text order would be wrong); a stamp that is not one sorts by its text.
fn compare_stamps(a: &str, b: &str) -> std::cmp::Ordering {
    match (chrono::DateTime::parse_from_rfc3339(a), chrono::DateTime::parse_from_rfc3339(b)) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

impl SelfEvaluation {
    /// Live entries on a criterion, of one kind, oldest first by id for a stable order.
    pub fn entries_for<'a>(
        &'a self,
        criterion: &'a str,
        kind: EntryKind,
    ) -> impl Iterator<Item = (&'a EntryId, &'a Register<Entry>)> + 'a {
        self.entries.iter().filter(move |(_, r)| {
            let e = r.value();
            !e.removed && e.criterion == criterion && e.kind == kind
        })
    }

    /// The position, unless it is not assessed or partners' versions disagree.
    pub fn settled_position(&self, criterion: &str) -> Option<Position> {
        self.positions.get(criterion).filter(|r| !r.in_conflict()).map(|r| *r.value())
    }

    /// The position as every page and export shows it: a dispute with each partner's version,
    /// never one of them as if it were agreed.
    pub fn position_state(&self, criterion: &str) -> PositionState {
        match self.positions.get(criterion) {
            None => PositionState::NotAssessed,
            Some(r) if r.in_conflict() => {
                let mut versions: Vec<_> = r.heads().iter().collect();
                versions.sort_by(|a, b| (&a.at, &a.rev).cmp(&(&b.at, &b.rev)));
                PositionState::Disputed(versions.into_iter().map(|v| (v.by.clone(), v.value)).collect())
            }
            Some(r) => PositionState::Settled(*r.value()),
        }
    }

    /// Live evidence supporting a criterion.
    pub fn evidence_for<'a>(
        &'a self,
        criterion: &'a str,
    ) -> impl Iterator<Item = (&'a EvidenceId, &'a Register<EvidenceItem>)> + 'a {
        self.evidence.iter().filter(move |(_, r)| !r.value().removed && r.value().criteria.contains(criterion))
    }

    pub fn live_evidence(&self) -> impl Iterator<Item = (&EvidenceId, &Register<EvidenceItem>)> {
        self.evidence.iter().filter(|(_, r)| !r.value().removed)
    }

    /// Each partner's current decision on a section (their latest sign-off).
    pub fn current_signoffs(&self, section: &str) -> BTreeMap<PartnerId, (&SignOffId, &SignOff)> {
        let mut current: BTreeMap<PartnerId, (&SignOffId, &SignOff)> = BTreeMap::new();
        for (id, s) in self.signoffs.iter().filter(|(_, s)| s.section == section) {
            let newer = current.get(&s.partner).is_none_or(|(old_id, old)| (&s.at, id) > (&old.at, *old_id));
            if newer {
                current.insert(s.partner.clone(), (id, s));
            }
        }
        current
    }

    /// When the section's content (its entries, including removals, and its position) last
    /// changed, as the stamp of the latest version.
    pub fn last_changed(&self, section: &str) -> Option<&str> {
        let entries = self
            .entries
            .values()
            .filter(|r| r.heads().iter().any(|v| v.value.criterion == section))
            .flat_map(|r| r.heads().iter().map(|v| v.at.as_str()));
        let position = self.positions.get(section).into_iter().flat_map(|r| r.heads().iter().map(|v| v.at.as_str()));
        entries.chain(position).max_by(|a, b| compare_stamps(a, b))
    }

    /// Whether a sign-off was given before the section last changed: it signed an earlier
    /// version, and stands as a decision on the current one only once renewed.
    pub fn signed_earlier_version(&self, signoff: &SignOff) -> bool {
        signed_before(self.last_changed(&signoff.section), signoff)
    }

    /// Every sign-off on a section, oldest first: the record of dissent.
    pub fn signoff_history<'a>(&'a self, section: &'a str) -> Vec<(&'a SignOffId, &'a SignOff)> {
        let mut all: Vec<_> = self.signoffs.iter().filter(|(_, s)| s.section == section).collect();
        all.sort_by(|a, b| (&a.1.at, a.0).cmp(&(&b.1.at, b.0)));
        all
    }

    /// Keys of everything in conflict, for the "resolve" list.
    pub fn conflicts(&self) -> Vec<ConflictKey> {
        let entries =
            self.entries.iter().filter(|(_, r)| r.in_conflict()).map(|(id, _)| ConflictKey::Entry(id.clone()));
        let positions =
            self.positions.iter().filter(|(_, r)| r.in_conflict()).map(|(c, _)| ConflictKey::Position(c.clone()));
        let evidence =
            self.evidence.iter().filter(|(_, r)| r.in_conflict()).map(|(id, _)| ConflictKey::Evidence(id.clone()));
        entries.chain(positions).chain(evidence).collect()
    }

    /// Structural checks after reading a file.
    pub fn is_well_formed(&self) -> bool {
        self.entries.values().all(Register::is_well_formed)
            && self.positions.values().all(Register::is_well_formed)
            && self.evidence.values().all(Register::is_well_formed)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConflictKey {
    Entry(EntryId),
    Position(String),
    Evidence(EvidenceId),
}

/// One criterion's row in the co-production matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub criterion: String,
    /// Live entries written by each partner, in the project's partner order.
    pub by_partner: Vec<(PartnerId, usize)>,
    pub has_parent_carer_forum: bool,
    pub has_children_and_young_people: bool,
    /// Live entries whose partners' versions differ, and whether the position is disputed.
    pub disputed_entries: usize,
    pub position_disputed: bool,
}

/// Who contributed where: criteria × partners, flagging missing family and young people's voices.
pub fn coproduction_matrix(project: &Project) -> Vec<Coverage> {
    let edition = project.edition();
    edition
        .criteria
        .iter()
        .map(|criterion| {
            let mut counts: BTreeMap<&PartnerId, usize> = BTreeMap::new();
            let mut disputed_entries = 0;
            for r in project.sef.entries.values() {
                let e = r.value();
                if !e.removed && e.criterion == criterion.id {
                    *counts.entry(&e.author).or_default() += 1;
                    disputed_entries += usize::from(r.in_conflict());
                }
            }
            let has_role = |role: PartnerRole| {
                project.partners.iter().any(|p| p.role == role && counts.get(&p.id).copied().unwrap_or(0) > 0)
            };
            Coverage {
                criterion: criterion.id.clone(),
                by_partner: project
                    .partners
                    .iter()
                    .map(|p| (p.id.clone(), counts.get(&p.id).copied().unwrap_or(0)))
                    .collect(),
                has_parent_carer_forum: has_role(PartnerRole::ParentCarerForum),
                has_children_and_young_people: has_role(PartnerRole::ChildrenAndYoungPeople),
                disputed_entries,
                position_disputed: matches!(project.sef.position_state(&criterion.id), PositionState::Disputed(_)),
            }
        })
        .collect()
}

/// Criteria that no live evidence item supports.
pub fn criteria_without_evidence(project: &Project) -> Vec<String> {
    project
        .edition()
        .criteria
        .iter()
        .filter(|c| project.sef.evidence_for(&c.id).next().is_none())
        .map(|c| c.id.clone())
        .collect()
}

/// How partners stand on one section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SignOffTally {
    pub agree: usize,
    pub with_comments: usize,
    pub disagree: usize,
    /// Partners whose latest decision was on content that has changed since.
    pub earlier_version: usize,
    pub outstanding: usize,
}

impl SignOffTally {
    /// "2 agree, 1 with comments, 1 disagrees, 3 still to sign".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.agree > 0 {
            parts.push(format!("{} agree{}", self.agree, if self.agree == 1 { "s" } else { "" }));
        }
        if self.with_comments > 0 {
            parts.push(format!("{} with comments", self.with_comments));
        }
        if self.disagree > 0 {
            parts.push(format!("{} disagree{}", self.disagree, if self.disagree == 1 { "s" } else { "" }));
        }
        if self.earlier_version > 0 {
            parts.push(format!("{} signed an earlier version", self.earlier_version));
        }
        if self.outstanding > 0 {
            parts.push(format!("{} still to sign", self.outstanding));
        }
        if parts.is_empty() { "No partners".into() } else { parts.join(", ") }
    }
}

pub fn signoff_tally(project: &Project, section: &str) -> SignOffTally {
    let current = project.sef.current_signoffs(section);
    let changed = project.sef.last_changed(section);
    let mut tally = SignOffTally::default();
    for partner in &project.partners {
        match current.get(&partner.id).map(|(_, s)| *s) {
            Some(s) if signed_before(changed, s) => tally.earlier_version += 1,
            Some(s) => match s.decision {
                Decision::Agree => tally.agree += 1,
                Decision::AgreeWithComments => tally.with_comments += 1,
                Decision::Disagree => tally.disagree += 1,
            },
            None => tally.outstanding += 1,
        }
    }
    tally
}

choice_enum! {
    /// The partnership's answer to one of the two overall questions.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Answer {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        NotSure => ("not-sure", "Not sure yet"),
    }
}

choice_enum! {
    /// The two questions besides impact that the outcomes turn on (¶39–41): asked of the
    /// partnership directly, because no criterion position answers them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum OverallQuestion {
        PriorityAreas => ("priority-areas", "Are there areas for priority action?"),
        ActingOnImprovements => (
            "acting-on-improvements",
            "Has the partnership identified its areas for improvement, and is it taking effective action on them?"
        ),
    }
}

impl OverallQuestion {
    /// The question as a label in documents.
    pub fn short(self) -> &'static str {
        match self {
            Self::PriorityAreas => "Areas for priority action",
            Self::ActingOnImprovements => "Areas for improvement identified and effective action taken",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Self::PriorityAreas => {
                "Significant concerns about children and young people's experiences and outcomes, caused by widespread or systemic failings. One or more means outcome 3 (¶39–41)."
            }
            Self::ActingOnImprovements => {
                "Outcome 1 needs this as well as typically positive experiences and outcomes (¶39–41)."
            }
        }
    }
}

/// The partnership's answers to the overall questions; `None` until answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverallAnswers {
    #[serde(default)]
    pub priority_areas: Option<Answer>,
    #[serde(default)]
    pub acting_on_improvements: Option<Answer>,
}

impl OverallAnswers {
    pub fn get(&self, question: OverallQuestion) -> Option<Answer> {
        match question {
            OverallQuestion::PriorityAreas => self.priority_areas,
            OverallQuestion::ActingOnImprovements => self.acting_on_improvements,
        }
    }

    pub fn set(&mut self, question: OverallQuestion, answer: Option<Answer>) {
        match question {
            OverallQuestion::PriorityAreas => self.priority_areas = answer,
            OverallQuestion::ActingOnImprovements => self.acting_on_improvements = answer,
        }
    }
}

/// What the indicative position is: the app's own reading, never the handbook's words.
pub const INDICATIVE_BASIS: &str = "The app's reading of ¶39–41 of the handbook, applied to the partnership's answers and positions. It is the partnership's own view, not a prediction of the inspection outcome.";

/// The partnership's own indicative overall position, with the reasoning behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicative {
    /// `None` while the answers or positions leave more than one outcome open.
    pub outcome: Option<u8>,
    /// Plain sentences, in the order they were weighed.
    pub reasons: Vec<String>,
    pub not_assessed: Vec<String>,
    /// Criteria whose partners' versions give different levels (not yet resolved).
    pub disputed: Vec<String>,
}

/// The levels a criterion's current versions give: one when settled, several when disputed.
fn levels(project: &Project, criterion: &str) -> Option<BTreeSet<PositionLevel>> {
    project.sef.positions.get(criterion).map(|r| r.heads().iter().map(|v| v.value.level).collect())
}

/// The app's reading of ¶39–41. Outcome 3 comes from the answer on areas for priority action.
/// Otherwise outcomes 1 and 2 rest on the impact criteria (group A): outcome 1 needs every one
/// typically positive and a "yes" on acting on areas for improvement. Leadership and
/// alternative provision positions are reported as questions to test the answers with, not
/// counted. A disputed position counts as each of its versions: the outcome is given only when
/// every version leads to the same one.
pub fn indicative_position(project: &Project) -> Indicative {
    let edition = project.edition();
    let answers = project.overall;
    let list = |ids: &[String]| ids.join(", ");
    let mut reasons = Vec::new();
    let mut not_assessed = Vec::new();
    let mut disputed = Vec::new();
    // Impact criteria: settled or disputed-but-all-versions not positive (certainly not
    // typically positive), possibly not positive, or positive.
    let (mut weak, mut maybe_weak, mut failing_anywhere) = (Vec::new(), Vec::new(), Vec::new());
    let mut informing: BTreeMap<PositionLevel, Vec<String>> = BTreeMap::new();
    for c in &edition.criteria {
        let impact = edition.group(&c.group).is_some_and(|g| g.impact);
        let Some(levels) = levels(project, &c.id) else {
            not_assessed.push(c.id.clone());
            continue;
        };
        if levels.len() > 1 {
            disputed.push(c.id.clone());
        }
        if levels.contains(&PositionLevel::WidespreadFailings) {
            failing_anywhere.push(c.id.clone());
        }
        let positive = levels.contains(&PositionLevel::TypicallyPositive);
        if impact {
            if !positive {
                weak.push(c.id.clone());
            } else if levels.len() > 1 {
                maybe_weak.push(c.id.clone());
            }
        } else if let Some(worst) = levels.iter().max()
            && *worst != PositionLevel::TypicallyPositive
        {
            informing.entry(*worst).or_default().push(c.id.clone());
        }
    }
    let impact_ids: Vec<String> = edition
        .criteria
        .iter()
        .filter(|c| edition.group(&c.group).is_some_and(|g| g.impact))
        .map(|c| c.id.clone())
        .collect();
    let impact_not_assessed: Vec<String> = not_assessed.iter().filter(|id| impact_ids.contains(id)).cloned().collect();

    if !disputed.is_empty() {
        reasons.push(format!(
            "Partners' versions of the position differ on {}: these are not settled, so the reading counts every version until the partnership resolves them.",
            list(&disputed)
        ));
    }
    let outcome = match answers.priority_areas {
        Some(Answer::Yes) => {
            reasons.push("The partnership answered that there are areas for priority action. Under ¶39–41 one or more areas for priority action means outcome 3, whatever the other criteria show.".into());
            if !weak.is_empty() {
                reasons.push(format!(
                    "{} (impact on children and young people) self-assessed as not typically positive.",
                    list(&weak)
                ));
            }
            Some(3)
        }
        Some(Answer::No) => {
            if !failing_anywhere.is_empty() {
                reasons.push(format!(
                    "The partnership answered that there are no areas for priority action, but {} {} self-assessed as widespread or systemic failings, which would usually be an area for priority action: check the answer or the positions.",
                    list(&failing_anywhere),
                    if failing_anywhere.len() == 1 { "is" } else { "are" }
                ));
            }
            outcome_without_priority_areas(
                answers.acting_on_improvements,
                &weak,
                &maybe_weak,
                &impact_not_assessed,
                &mut reasons,
            )
        }
        answer => {
            let why = if answer.is_some() {
                "The partnership is not sure yet whether"
            } else {
                "The partnership has not yet answered whether"
            };
            let failing = if failing_anywhere.is_empty() {
                String::new()
            } else {
                format!(
                    " {} self-assessed as widespread or systemic failings, which points to areas for priority action.",
                    list(&failing_anywhere)
                )
            };
            reasons.push(format!(
                "{why} there are areas for priority action. One or more means outcome 3 (¶39–41), so no outcome can be read until this is answered.{failing}"
            ));
            None
        }
    };
    for (level, ids) in &informing {
        let what = match level {
            PositionLevel::WidespreadFailings => "widespread or systemic failings",
            _ => "inconsistent",
        };
        reasons.push(format!(
            "{} (leadership or alternative provision) self-assessed as {what}. These inform the outcome rather than decide it (it is judged on the impact on children and young people): do they show in the impact criteria, and is effective action being taken on them?",
            list(ids)
        ));
    }
    // Under a "no" the impact criteria not assessed are already named above.
    let not_impact: Vec<String> = not_assessed
        .iter()
        .filter(|id| answers.priority_areas != Some(Answer::No) || !impact_ids.contains(id))
        .cloned()
        .collect();
    if !not_impact.is_empty() {
        reasons.push(format!("Not yet assessed: {}.", list(&not_impact)));
    }
    let low: Vec<String> = edition
        .criteria
        .iter()
        .filter(|c| project.sef.settled_position(&c.id).is_some_and(|p| p.confidence == Confidence::Low))
        .map(|c| c.id.clone())
        .collect();
    if !low.is_empty() {
        reasons.push(format!("Confidence is low for {}: test these positions with more evidence.", list(&low)));
    }
    Indicative { outcome, reasons, not_assessed, disputed }
}

/// Outcome 1 or 2 once the partnership says there are no areas for priority action.
fn outcome_without_priority_areas(
    acting: Option<Answer>,
    weak: &[String],
    maybe_weak: &[String],
    not_assessed: &[String],
    reasons: &mut Vec<String>,
) -> Option<u8> {
    let list = |ids: &[String]| ids.join(", ");
    if !weak.is_empty() {
        reasons.push(format!(
            "The partnership answered that there are no areas for priority action. {} (impact on children and young people) {} not typically positive, and outcome 1 needs experiences and outcomes to be typically positive, so this points to outcome 2.",
            list(weak),
            if weak.len() == 1 { "is" } else { "are" }
        ));
        return Some(2);
    }
    if acting == Some(Answer::No) {
        reasons.push("The partnership answered that there are no areas for priority action, and that the partnership has not yet identified its areas for improvement or is not taking effective action on them. Outcome 1 needs both, so this points to outcome 2.".into());
        return Some(2);
    }
    let mut open = Vec::new();
    if !not_assessed.is_empty() {
        open.push(format!("the impact criteria {} are not yet assessed", list(not_assessed)));
    }
    if !maybe_weak.is_empty() {
        open.push(format!("the impact criteria {} are disputed", list(maybe_weak)));
    }
    match acting {
        None => open.push("the question on acting on areas for improvement is not answered".into()),
        Some(Answer::NotSure) => open.push(
            "the partnership is not sure yet whether it is acting effectively on its areas for improvement".into(),
        ),
        _ => {}
    }
    if open.is_empty() {
        reasons.push("The partnership answered that there are no areas for priority action and that the partnership is acting effectively on its areas for improvement, and every impact criterion is typically positive: this points to outcome 1.".into());
        Some(1)
    } else {
        reasons.push(format!(
            "The partnership answered that there are no areas for priority action, so this points to outcome 1 or 2, but {}.",
            open.join("; ")
        ));
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::domain::register::RevId;

    pub fn stamp(rev: &str, by: &str) -> Stamp {
        Stamp { rev: RevId(rev.into()), by: PartnerId(by.into()), at: format!("2026-11-23T10:00:{:0>2}Z", rev.len()) }
    }

    fn project() -> Project {
        let mut p = example_project();
        p.sef = SelfEvaluation::default();
        p.overall = OverallAnswers::default();
        p
    }

    fn add_entry(p: &mut Project, id: &str, by: &str, criterion: &str) -> Result<(), SefError> {
        apply(
            p,
            SefEdit::AddEntry {
                id: EntryId(id.into()),
                stamp: stamp(id, by),
                criterion: criterion.into(),
                kind: EntryKind::Strength,
                text: format!("text {id}"),
            },
        )
    }

    fn set_position(p: &mut Project, criterion: &str, level: PositionLevel) {
        apply(
            p,
            SefEdit::SetPosition {
                criterion: criterion.into(),
                stamp: stamp(&format!("pos-{criterion}"), "example-la"),
                position: Position { level, confidence: Confidence::Medium },
            },
        )
        .unwrap();
    }

    #[test]
    fn entries_need_a_known_criterion_partner_and_text() {
        let mut p = project();
        assert_eq!(add_entry(&mut p, "e1", "example-pcf", "Z9"), Err(SefError::UnknownCriterion("Z9".into())));
        assert_eq!(add_entry(&mut p, "e1", "nobody", "A1"), Err(SefError::UnknownPartner));
        add_entry(&mut p, "e1", "example-pcf", "A1").unwrap();
        assert_eq!(add_entry(&mut p, "e1", "example-pcf", "A1"), Err(SefError::DuplicateId));
        assert_eq!(p.sef.entries_for("A1", EntryKind::Strength).count(), 1);
    }

    #[test]
    fn removed_entries_are_tombstones() {
        let mut p = project();
        add_entry(&mut p, "e1", "example-pcf", "A1").unwrap();
        apply(&mut p, SefEdit::RemoveEntry { id: EntryId("e1".into()), stamp: stamp("e1-rm", "example-la") }).unwrap();
        assert_eq!(p.sef.entries_for("A1", EntryKind::Strength).count(), 0);
        assert!(p.sef.entries[&EntryId("e1".into())].value().removed);
    }

    #[test]
    fn matrix_flags_criteria_without_family_or_young_people_voices() {
        let mut p = project();
        add_entry(&mut p, "e1", "example-pcf", "A1").unwrap();
        add_entry(&mut p, "e2", "example-cyp", "A1").unwrap();
        add_entry(&mut p, "e3", "example-la", "A2").unwrap();
        let m = coproduction_matrix(&p);
        let a1 = m.iter().find(|c| c.criterion == "A1").unwrap();
        assert!(a1.has_parent_carer_forum && a1.has_children_and_young_people);
        let a2 = m.iter().find(|c| c.criterion == "A2").unwrap();
        assert!(!a2.has_parent_carer_forum && !a2.has_children_and_young_people);
        assert_eq!(a2.by_partner.iter().find(|(id, _)| id.0 == "example-la").unwrap().1, 1);
    }

    #[test]
    fn evidence_links_and_gaps() {
        let mut p = project();
        let item = EvidenceItem {
            title: " EHC plan audit ".into(),
            kind: EvidenceKind::Audit,
            owner: Some(PartnerId("example-la".into())),
            date: None,
            location: "SharePoint".into(),
            criteria: ["A1".to_string(), "A3".to_string()].into(),
            removed: false,
        };
        apply(
            &mut p,
            SefEdit::AddEvidence { id: EvidenceId("v1".into()), stamp: stamp("v1", "example-la"), item: item.clone() },
        )
        .unwrap();
        assert_eq!(p.sef.evidence[&EvidenceId("v1".into())].value().title, "EHC plan audit");
        let gaps = criteria_without_evidence(&p);
        assert!(!gaps.contains(&"A1".to_string()) && gaps.contains(&"A2".to_string()));
        apply(
            &mut p,
            SefEdit::LinkEvidence {
                id: EvidenceId("v1".into()),
                stamp: stamp("v1-l", "example-la"),
                criterion: "A2".into(),
                linked: true,
            },
        )
        .unwrap();
        assert!(!criteria_without_evidence(&p).contains(&"A2".to_string()));
        let bad = EvidenceItem { title: "  ".into(), ..item };
        assert_eq!(
            apply(
                &mut p,
                SefEdit::AddEvidence { id: EvidenceId("v2".into()), stamp: stamp("v2", "example-la"), item: bad }
            ),
            Err(SefError::EmptyTitle)
        );
    }

    #[test]
    fn a_signoff_before_a_change_is_on_an_earlier_version_until_renewed() {
        let mut p = project();
        add_entry(&mut p, "e1", "example-la", "A1").unwrap(); // stamped 2026-11-23T10:00:02Z
        let sign = |id: &str, at: &str| SefEdit::SignOff {
            id: SignOffId(id.into()),
            signoff: SignOff {
                section: "A1".into(),
                partner: PartnerId("example-pcf".into()),
                decision: Decision::Agree,
                comment: String::new(),
                at: at.into(),
            },
        };
        apply(&mut p, sign("s1", "2026-11-23T10:00:05.500Z")).unwrap();
        assert_eq!(signoff_tally(&p, "A1").agree, 1);
        // The entry changes after the sign-off (a longer revision id stamps a later second).
        apply(
            &mut p,
            SefEdit::EditEntry {
                id: EntryId("e1".into()),
                stamp: stamp("e1-edit", "example-la"),
                text: "Changed".into(),
            },
        )
        .unwrap();
        let tally = signoff_tally(&p, "A1");
        assert_eq!((tally.agree, tally.earlier_version), (0, 1));
        assert!(tally.describe().contains("1 signed an earlier version"), "{}", tally.describe());
        // Renewing the decision makes it stand again; other sections are untouched.
        apply(&mut p, sign("s2", "2026-11-24T09:00:00Z")).unwrap();
        assert_eq!((signoff_tally(&p, "A1").agree, signoff_tally(&p, "A1").earlier_version), (1, 0));
        assert_eq!(p.sef.last_changed("A2"), None);
    }

    #[test]
    fn dissent_is_kept_beside_later_agreement() {
        let mut p = project();
        let sign = |decision, comment: &str, at: &str| SignOff {
            section: "A1".into(),
            partner: PartnerId("example-pcf".into()),
            decision,
            comment: comment.into(),
            at: at.into(),
        };
        assert_eq!(
            apply(
                &mut p,
                SefEdit::SignOff { id: SignOffId("s0".into()), signoff: sign(Decision::Disagree, " ", "2026-11-01") }
            ),
            Err(SefError::SignOffNeedsComment)
        );
        apply(
            &mut p,
            SefEdit::SignOff {
                id: SignOffId("s1".into()),
                signoff: sign(Decision::Disagree, "Waiting times are worse than stated", "2026-11-01"),
            },
        )
        .unwrap();
        apply(
            &mut p,
            SefEdit::SignOff { id: SignOffId("s2".into()), signoff: sign(Decision::Agree, "", "2026-11-20") },
        )
        .unwrap();
        let current = p.sef.current_signoffs("A1");
        assert_eq!(current[&PartnerId("example-pcf".into())].1.decision, Decision::Agree);
        let tally = signoff_tally(&p, "A1");
        assert_eq!((tally.agree, tally.outstanding), (1, 6));
        assert_eq!(tally.describe(), "1 agrees, 6 still to sign");
        let history = p.sef.signoff_history("A1");
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].1.comment, "Waiting times are worse than stated");
    }

    fn answer(p: &mut Project, priority: Option<Answer>, acting: Option<Answer>) {
        p.overall = OverallAnswers { priority_areas: priority, acting_on_improvements: acting };
    }

    fn all_positive(p: &mut Project) {
        let ids: Vec<String> = p.edition().criteria.iter().map(|c| c.id.clone()).collect();
        for id in &ids {
            set_position(p, id, PositionLevel::TypicallyPositive);
        }
    }

    #[test]
    fn indicative_outcome_3_comes_from_the_answer_on_areas_for_priority_action() {
        let mut p = project();
        let none = indicative_position(&p);
        assert_eq!(none.outcome, None);
        assert_eq!(none.not_assessed.len(), p.edition().criteria.len());
        assert!(
            none.reasons[0]
                .starts_with("The partnership has not yet answered whether there are areas for priority action")
        );

        all_positive(&mut p);
        answer(&mut p, Some(Answer::Yes), Some(Answer::Yes));
        let three = indicative_position(&p);
        assert_eq!(three.outcome, Some(3), "a yes decides, whatever the positions");
        // A failing criterion alone does not decide: it asks the question.
        answer(&mut p, None, Some(Answer::Yes));
        set_position(&mut p, "A1", PositionLevel::WidespreadFailings);
        let open = indicative_position(&p);
        assert_eq!(open.outcome, None);
        assert!(open.reasons[0].contains("A1 self-assessed as widespread or systemic failings"), "{:?}", open.reasons);
        answer(&mut p, Some(Answer::No), Some(Answer::Yes));
        let two = indicative_position(&p);
        assert_eq!(two.outcome, Some(2));
        assert!(two.reasons[0].contains("check the answer or the positions"), "{:?}", two.reasons);
    }

    #[test]
    fn outcomes_1_and_2_rest_on_the_impact_criteria_and_leadership_informs() {
        let mut p = project();
        all_positive(&mut p);
        answer(&mut p, Some(Answer::No), Some(Answer::Yes));
        assert_eq!(indicative_position(&p).outcome, Some(1));

        // An inconsistent leadership criterion no longer decides outcome 2; it is reported.
        set_position(&mut p, "B3", PositionLevel::Inconsistent);
        set_position(&mut p, "C1", PositionLevel::Inconsistent);
        let one = indicative_position(&p);
        assert_eq!(one.outcome, Some(1));
        assert!(
            one.reasons
                .iter()
                .any(|r| r.starts_with("B3, C1 (leadership or alternative provision) self-assessed as inconsistent")),
            "{:?}",
            one.reasons
        );

        set_position(&mut p, "A3", PositionLevel::Inconsistent);
        let two = indicative_position(&p);
        assert_eq!(two.outcome, Some(2));
        assert!(two.reasons[0].contains("A3 (impact on children and young people) is not typically positive"));
    }

    #[test]
    fn outcome_1_needs_effective_action_on_areas_for_improvement() {
        let mut p = project();
        all_positive(&mut p);
        answer(&mut p, Some(Answer::No), Some(Answer::No));
        assert_eq!(indicative_position(&p).outcome, Some(2));
        answer(&mut p, Some(Answer::No), Some(Answer::NotSure));
        let open = indicative_position(&p);
        assert_eq!(open.outcome, None);
        assert!(open.reasons[0].contains("not sure yet whether it is acting effectively"), "{:?}", open.reasons);
        answer(&mut p, Some(Answer::No), None);
        assert_eq!(indicative_position(&p).outcome, None);
    }

    #[test]
    fn disputed_positions_are_not_treated_as_settled() {
        let mut p = project();
        all_positive(&mut p);
        answer(&mut p, Some(Answer::No), Some(Answer::Yes));
        // Two partners set A2 without seeing each other's change.
        let mut theirs = Register::new(
            stamp("pos-A2-pcf", "example-pcf"),
            Position { level: PositionLevel::Inconsistent, confidence: Confidence::High },
        );
        theirs.merge(&p.sef.positions["A2"]);
        p.sef.positions.insert("A2".into(), theirs);
        let open = indicative_position(&p);
        assert_eq!(open.disputed, ["A2"]);
        assert_eq!(open.outcome, None, "outcome 1 depends on which version stands");
        assert!(open.reasons[0].starts_with("Partners' versions of the position differ on A2"), "{:?}", open.reasons);
        assert!(open.reasons.iter().any(|r| r.contains("the impact criteria A2 are disputed")));
        // When every version leads to the same outcome, the dispute does not hold it up.
        set_position(&mut p, "A4", PositionLevel::Inconsistent);
        let two = indicative_position(&p);
        assert_eq!((two.outcome, two.disputed.clone()), (Some(2), vec!["A2".to_string()]));
    }

    #[test]
    fn overall_answers_are_set_and_cleared_through_project_edits() {
        use crate::domain::project::{ProjectEdit, apply as apply_project};
        let mut p = project();
        let edit = |q, a| ProjectEdit::SetOverallAnswer { question: q, answer: a };
        apply_project(&mut p, edit(OverallQuestion::PriorityAreas, Some(Answer::No))).unwrap();
        apply_project(&mut p, edit(OverallQuestion::ActingOnImprovements, Some(Answer::NotSure))).unwrap();
        assert_eq!(
            p.overall,
            OverallAnswers { priority_areas: Some(Answer::No), acting_on_improvements: Some(Answer::NotSure) }
        );
        apply_project(&mut p, edit(OverallQuestion::PriorityAreas, None)).unwrap();
        assert_eq!(p.overall.get(OverallQuestion::PriorityAreas), None);
    }

    #[test]
    fn the_areas_inspectors_always_consider_take_entries_and_sign_offs_but_no_position() {
        let mut p = project();
        let areas: Vec<&str> = p.edition().other_areas.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            areas,
            [
                "legal-duties",
                "educated-other-than-at-school",
                "off-roll-and-home-educated",
                "attendance-and-part-time-timetables",
                "residential-special-schools",
                "safeguarding"
            ]
        );
        add_entry(&mut p, "e1", "example-la", "safeguarding").unwrap();
        assert_eq!(p.sef.entries_for("safeguarding", EntryKind::Strength).count(), 1);
        let position = SefEdit::SetPosition {
            criterion: "safeguarding".into(),
            stamp: stamp("pos", "example-la"),
            position: Position { level: PositionLevel::Inconsistent, confidence: Confidence::Low },
        };
        assert_eq!(apply(&mut p, position), Err(SefError::UnknownCriterion("safeguarding".into())));
        let sign = SefEdit::SignOff {
            id: SignOffId("s1".into()),
            signoff: SignOff {
                section: "legal-duties".into(),
                partner: PartnerId("example-pcf".into()),
                decision: Decision::Agree,
                comment: String::new(),
                at: "2026-11-24T09:00:00Z".into(),
            },
        };
        apply(&mut p, sign).unwrap();
        assert_eq!(signoff_tally(&p, "legal-duties").agree, 1);
    }
}

//! Merging a partner's copy of the project into this one, entry by entry.
//!
//! The self-evaluation merges register by register (see `register.rs`); sign-offs and
//! partners are unions by id. Settings local to a copy (area name, dates, who you write as)
//! stay as they are here. The report says what came in and what now needs a person to resolve.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;

use super::calendar::month_year;
use super::counting::count;
use super::plan::{Comment, Feedback, ReviewTarget, union_by_id};
use super::project::{PartnerId, Project};
use super::register::Register;
use super::sef::{ConflictKey, Decision, EntryId, EvidenceId, OverallQuestion, SignOffId};

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
    /// The partner the file was written as (its "You are writing as"), by name; `None` when the
    /// file does not say. Files are not signed: this is what the file claims, shown so a person
    /// can judge it.
    pub written_as: Option<String>,
    /// Whose sign-offs the file brings, by name, in the project's partner order.
    pub signoffs_from: Vec<String>,
    /// Entries and evidence items that were live here and that the merge removes.
    pub removed_entries: usize,
    pub removed_evidence: usize,
    /// Plan actions and named plans the file brought that were not here.
    pub new_actions: usize,
    pub new_plans: usize,
    /// Status, progress and measure entries added to actions both copies hold.
    pub new_delivery_entries: usize,
    /// Family feedback (one person's answers) the file brought that was not here.
    pub new_feedback: usize,
    /// Comments added to feedback both copies hold (this copy had dropped them on import,
    /// for an action it did not have then).
    pub new_feedback_comments: usize,
    /// "You said, we did" answers that came in: on new feedback, or where only the file had
    /// answered a comment. Where both answered differently, this copy's is kept and a note
    /// quotes the file's.
    pub new_answers: usize,
    /// Changes that alter another partner's recorded decision or remove or rewrite another
    /// partner's words ("another": not the partner the file was written as). The merge has
    /// applied them; to ask first, show these and call `merge_declining` with the keys the
    /// person turned down.
    pub needs_approval: Vec<Approval>,
    /// What came in, section by section (criteria and other areas, in the edition's order).
    pub by_section: Vec<SectionChanges>,
}

/// What a merge brought into one section of the self-evaluation, and from whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionChanges {
    pub section: String,
    pub new_entries: usize,
    pub changed_entries: usize,
    pub removed_entries: usize,
    /// The position came in new, or changed.
    pub position: Option<Change>,
    pub new_signoffs: usize,
    /// Who made the versions that came in, by name, in the project's partner order.
    pub from: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
}

impl SectionChanges {
    /// "A1: 1 new entry, the position changed, 1 sign-off (from Northdale ICB)".
    pub fn describe(&self) -> String {
        let counts = [
            (self.new_entries, "new entry", "new entries"),
            (self.changed_entries, "changed entry", "changed entries"),
            (self.removed_entries, "entry removed", "entries removed"),
            (self.new_signoffs, "new sign-off", "new sign-offs"),
        ];
        let mut parts: Vec<String> =
            counts.into_iter().filter(|(n, ..)| *n > 0).map(|(n, one, many)| count(n, one, many)).collect();
        match self.position {
            Some(Change::New) => parts.push("a position".into()),
            Some(Change::Changed) => parts.push("the position changed".into()),
            None => {}
        }
        let from = if self.from.is_empty() { String::new() } else { format!(" (from {})", self.from.join(", ")) };
        format!("{}: {}{from}", self.section, parts.join(", "))
    }
}

/// One change a merge would make to another partner's words or decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub key: ApprovalKey,
    /// The partner whose words or decision it changes.
    pub partner: PartnerId,
    pub partner_name: String,
    pub kind: ApprovalKind,
    /// One sentence for the person deciding, e.g. "Removes Northdale Parent Carer Forum's entry
    /// on A1: “Families wait…”".
    pub description: String,
}

/// What a declined change keeps as it is here: an entry, an evidence item or a sign-off.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApprovalKey {
    Entry(EntryId),
    Evidence(EvidenceId),
    SignOff(SignOffId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalKind {
    /// Another partner's entry or evidence item would be removed.
    RemovesWords,
    /// Another partner's words would be replaced by a different text.
    RewritesWords,
    /// Another partner's current decision on a section would change (`from` is `None` when
    /// they had not signed it here).
    ChangesDecision { from: Option<Decision>, to: Decision },
}

impl MergeReport {
    pub fn changed_anything(&self) -> bool {
        !self.new_partners.is_empty()
            || self.new_entries + self.updated_entries + self.new_positions + self.updated_positions > 0
            || self.new_evidence + self.updated_evidence + self.new_signoffs > 0
            || self.new_actions + self.new_plans + self.new_delivery_entries > 0
            || self.new_feedback + self.new_feedback_comments + self.new_answers > 0
    }

    /// The report in sentences, for a banner: who the file was written as, what came in, whose
    /// sign-offs, what it removes (with the word "removed") and what needs a person's approval.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = vec![match &self.written_as {
            Some(name) => format!("The file was written as {name}."),
            None => "The file does not say which partner wrote it.".to_string(),
        }];
        lines.push(format!("{} new and {} changed entries", self.new_entries, self.updated_entries));
        if self.removed_entries > 0 {
            lines.push(format!(
                "{} {} removed",
                self.removed_entries,
                plural(self.removed_entries, "entry", "entries")
            ));
        }
        lines.push(format!("{} new and {} changed positions", self.new_positions, self.updated_positions));
        lines.push(format!("{} new and {} changed evidence items", self.new_evidence, self.updated_evidence));
        if self.removed_evidence > 0 {
            lines.push(format!(
                "{} evidence {} removed",
                self.removed_evidence,
                plural(self.removed_evidence, "item", "items")
            ));
        }
        lines.push(if self.signoffs_from.is_empty() {
            format!("{} new {}", self.new_signoffs, plural(self.new_signoffs, "sign-off", "sign-offs"))
        } else {
            format!(
                "{} new {}, from {}",
                self.new_signoffs,
                plural(self.new_signoffs, "sign-off", "sign-offs"),
                self.signoffs_from.join(", ")
            )
        });
        if self.new_actions + self.new_plans + self.new_delivery_entries > 0 {
            lines.push(format!(
                "{} new {}, {} new {} and {} new progress, status or measure {}",
                self.new_actions,
                plural(self.new_actions, "action", "actions"),
                self.new_plans,
                plural(self.new_plans, "plan", "plans"),
                self.new_delivery_entries,
                plural(self.new_delivery_entries, "entry", "entries")
            ));
        }
        let family = [
            (self.new_feedback, "new piece of family feedback", "new pieces of family feedback"),
            (
                self.new_feedback_comments,
                "new comment on family feedback already here",
                "new comments on family feedback already here",
            ),
            (
                self.new_answers,
                "new \u{201c}you said, we did\u{201d} answer",
                "new \u{201c}you said, we did\u{201d} answers",
            ),
        ];
        let family: Vec<String> =
            family.into_iter().filter(|(n, ..)| *n > 0).map(|(n, one, many)| count(n, one, many)).collect();
        if let Some((last, rest)) = family.split_last() {
            lines.push(if rest.is_empty() { last.clone() } else { format!("{} and {last}", rest.join(", ")) });
        }
        if !self.new_partners.is_empty() {
            lines.push(format!("New partners: {}", self.new_partners.join(", ")));
        }
        if !self.needs_approval.is_empty() {
            lines.push(format!(
                "{} {} another partner's words or decision: check {} before keeping the merge.",
                self.needs_approval.len(),
                plural(self.needs_approval.len(), "change alters", "changes alter"),
                plural(self.needs_approval.len(), "it", "them")
            ));
        }
        lines.extend(self.by_section.iter().map(SectionChanges::describe));
        lines.extend(self.notes.iter().cloned());
        lines
    }
}

/// Section by section, what `merged` holds that `local` did not, and whose versions those are.
fn section_changes(local: &Project, merged: &Project) -> Vec<SectionChanges> {
    type Slot = (SectionChanges, BTreeSet<PartnerId>);
    let mut by: BTreeMap<String, Slot> = BTreeMap::new();
    fn at<'a>(by: &'a mut BTreeMap<String, Slot>, section: &str) -> &'a mut Slot {
        by.entry(section.to_string())
            .or_insert_with(|| (SectionChanges { section: section.to_string(), ..Default::default() }, BTreeSet::new()))
    }
    // The partners whose versions are in `theirs` and not in `ours`.
    fn new_versions<T: Clone + PartialEq>(ours: Option<&Register<T>>, theirs: &Register<T>) -> Vec<PartnerId> {
        theirs
            .heads()
            .iter()
            .filter(|v| ours.is_none_or(|o| !o.heads().iter().any(|h| h.rev == v.rev)))
            .map(|v| v.by.clone())
            .collect()
    }
    for (id, r) in &merged.sef.entries {
        let ours = local.sef.entries.get(id);
        if ours == Some(r) {
            continue;
        }
        let e = r.value();
        let (changes, who) = at(&mut by, &e.criterion);
        match ours {
            None if e.removed => continue,
            None => changes.new_entries += 1,
            Some(o) if e.removed && !o.value().removed => changes.removed_entries += 1,
            Some(_) => changes.changed_entries += 1,
        }
        who.extend(new_versions(ours, r));
    }
    for (criterion, r) in &merged.sef.positions {
        let ours = local.sef.positions.get(criterion);
        if ours == Some(r) {
            continue;
        }
        let (changes, who) = at(&mut by, criterion);
        changes.position = Some(if ours.is_none() { Change::New } else { Change::Changed });
        who.extend(new_versions(ours, r));
    }
    for (id, signoff) in &merged.sef.signoffs {
        if !local.sef.signoffs.contains_key(id) {
            let (changes, who) = at(&mut by, &signoff.section);
            changes.new_signoffs += 1;
            who.insert(signoff.partner.clone());
        }
    }
    let edition = merged.edition();
    let order: Vec<&str> = edition
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .chain(edition.other_areas.iter().map(|a| a.id.as_str()))
        .collect();
    let mut out: Vec<SectionChanges> = by
        .into_values()
        .map(|(mut changes, who)| {
            changes.from = names_in_partner_order(merged, &who);
            changes
        })
        .collect();
    out.sort_by_key(|c| order.iter().position(|id| *id == c.section).unwrap_or(usize::MAX));
    out
}

/// The partners' names in the project's order, then any ids the project does not list.
fn names_in_partner_order(project: &Project, ids: &BTreeSet<PartnerId>) -> Vec<String> {
    project
        .partners
        .iter()
        .filter(|p| ids.contains(&p.id))
        .map(|p| p.name.clone())
        .chain(ids.iter().filter(|id| project.partner(id).is_none()).map(|id| id.to_string()))
        .collect()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A short quotation of someone's words for a question.
fn quote(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    let more = if text.chars().nth(60).is_some() { "\u{2026}" } else { "" };
    format!("\u{201c}{}{more}\u{201d}", short.trim())
}

/// Merges registers keyed alike, counting (new, updated).
fn merge_registers<K: Ord + Clone, T: Clone + PartialEq>(
    local: &mut BTreeMap<K, Register<T>>,
    incoming: &BTreeMap<K, Register<T>>,
    declined: impl Fn(&K) -> bool,
) -> (usize, usize) {
    let (mut added, mut updated) = (0, 0);
    for (key, theirs) in incoming {
        if declined(key) {
            continue;
        }
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

/// Merges `incoming` into `local`. The report lists what came in, what it removes and which
/// changes touch another partner's words or decision (`MergeReport::needs_approval`).
pub fn merge(local: &Project, incoming: &Project) -> Result<(Project, MergeReport), MergeError> {
    merge_declining(local, incoming, &BTreeSet::new())
}

/// Like `merge`, but leaves each declined entry, evidence item or sign-off as it is here (the
/// person said no when asked about it). Declining everything in `needs_approval` of a first
/// `merge` gives a merge that changes no other partner's words or decision.
pub fn merge_declining(
    local: &Project,
    incoming: &Project,
    declined: &BTreeSet<ApprovalKey>,
) -> Result<(Project, MergeReport), MergeError> {
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

    // The overall answers are the partnership's to agree, like the area name: kept as they are
    // here, with the file's different answer named so nobody misses it.
    for question in OverallQuestion::ALL {
        let (ours, theirs) = (local.overall.get(question), incoming.overall.get(question));
        if let Some(theirs) = theirs
            && ours != Some(theirs)
        {
            report.notes.push(format!(
                "The file answers \u{201c}{}\u{201d} with \u{201c}{}\u{201d}; this project's answer was kept: \u{201c}{}\u{201d}.",
                question.label(),
                theirs.label(),
                ours.map_or("not answered", |a| a.label())
            ));
        }
    }

    merge_plan(&mut merged, incoming, &mut report);

    let writer = incoming.acting_as.clone();
    report.written_as = writer.as_ref().map(|id| merged.partner(id).map_or_else(|| id.to_string(), |p| p.name.clone()));
    let sef = &mut merged.sef;
    (report.new_entries, report.updated_entries) = merge_registers(&mut sef.entries, &incoming.sef.entries, |id| {
        declined.contains(&ApprovalKey::Entry(id.clone()))
    });
    (report.new_positions, report.updated_positions) =
        merge_registers(&mut sef.positions, &incoming.sef.positions, |_| false);
    (report.new_evidence, report.updated_evidence) = merge_registers(&mut sef.evidence, &incoming.sef.evidence, |id| {
        declined.contains(&ApprovalKey::Evidence(id.clone()))
    });
    let mut from: BTreeSet<PartnerId> = BTreeSet::new();
    for (id, signoff) in &incoming.sef.signoffs {
        if !sef.signoffs.contains_key(id) && !declined.contains(&ApprovalKey::SignOff(id.clone())) {
            sef.signoffs.insert(id.clone(), signoff.clone());
            report.new_signoffs += 1;
            from.insert(signoff.partner.clone());
        }
    }
    report.signoffs_from = names_in_partner_order(&merged, &from);
    report.conflicts = merged.sef.conflicts();
    report.by_section = section_changes(local, &merged);
    find_approvals(local, &merged, writer.as_ref(), &mut report);
    Ok((merged, report))
}

/// Plans and actions are unions by id; for an action both copies hold, this copy's wording is
/// kept and the delivery logs (status, progress, measure values) are unions by entry id, so
/// neither side's entries are lost. Actions are never removed by a merge.
fn merge_plan(merged: &mut Project, incoming: &Project, report: &mut MergeReport) {
    let plan = &mut merged.plan;
    for named in &incoming.plan.plans {
        if plan.named_plan(&named.id).is_none() {
            plan.plans.push(named.clone());
            report.new_plans += 1;
        }
    }
    for theirs in &incoming.plan.actions {
        let Some(ours) = plan.actions.iter_mut().find(|a| a.id == theirs.id) else {
            // An action for an area this copy lacks would dangle, so the area comes too.
            if !plan.recommendations.iter().any(|r| r.id == theirs.recommendation)
                && let Some(area) = incoming.plan.recommendations.iter().find(|r| r.id == theirs.recommendation)
            {
                plan.recommendations.push(area.clone());
            }
            plan.actions.push(theirs.clone());
            report.new_actions += 1;
            continue;
        };
        let mut added = union_by_id(&mut ours.statuses, &theirs.statuses, |s| &s.id);
        added += union_by_id(&mut ours.progress, &theirs.progress, |p| &p.id);
        for their_measure in &theirs.measures {
            if let Some(our_measure) = ours.measures.iter_mut().find(|m| m.name == their_measure.name) {
                added += union_by_id(&mut our_measure.values, &their_measure.values, |v| &v.id);
            }
        }
        for (ours_m, theirs_m) in ours.milestones.iter_mut().zip(&theirs.milestones) {
            if ours_m.text == theirs_m.text {
                // Met on either copy is met; the earlier date wins, the same either way round.
                ours_m.done_on = match (ours_m.done_on, theirs_m.done_on) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        ours.plans.extend(theirs.plans.iter().filter(|id| incoming.plan.named_plan(id).is_some()).cloned());
        ours.sort_logs();
        report.new_delivery_entries += added;
    }
    merge_feedback(merged, incoming, report);
    let plan = &mut merged.plan;
    // A monitoring view only the other copy holds comes in (for an area this copy now has);
    // where both hold one, this copy's is kept.
    for (area, view) in &incoming.plan.monitoring {
        if plan.recommendations.iter().any(|r| &r.id == area) {
            plan.monitoring.entry(area.clone()).or_insert_with(|| view.clone());
        }
    }
}

/// Family feedback is a union by id. A comment both copies hold (the same person's same words
/// on the same target) takes the file's "you said, we did" answer when this copy has none;
/// where both answered differently this copy's is kept and a note quotes the file's in full.
fn merge_feedback(merged: &mut Project, incoming: &Project, report: &mut MergeReport) {
    let same = |a: &Comment, b: &Comment| {
        a.target == b.target && a.response == b.response && a.words == b.words && a.experience == b.experience
    };
    let known = |project: &Project, target: &ReviewTarget| match target {
        ReviewTarget::Action(id) => project.plan.actions.iter().any(|a| &a.id == id),
        ReviewTarget::Criterion(id) => project.edition().criterion(id).is_some(),
    };
    for theirs in &incoming.plan.feedback {
        let Some(at) = merged.plan.feedback.iter().position(|f| f.id == theirs.id) else {
            // Comments on actions this copy lacks would dangle, as on import.
            let mut new = theirs.clone();
            new.comments.retain(|c| known(merged, &c.target));
            report.new_answers += new.comments.iter().filter(|c| !c.we_did.trim().is_empty()).count();
            merged.plan.feedback.push(new);
            report.new_feedback += 1;
            continue;
        };
        let mut matched = vec![false; merged.plan.feedback[at].comments.len()];
        for their_comment in &theirs.comments {
            let ours = &merged.plan.feedback[at];
            // Matched one to one, so the same words twice stay two comments.
            let found = (0..ours.comments.len()).find(|&i| !matched[i] && same(&ours.comments[i], their_comment));
            let Some(i) = found else {
                if known(merged, &their_comment.target) {
                    merged.plan.feedback[at].comments.push(their_comment.clone());
                    matched.push(true);
                    report.new_feedback_comments += 1;
                    report.new_answers += usize::from(!their_comment.we_did.trim().is_empty());
                }
                continue;
            };
            matched[i] = true;
            let (theirs_did, ours) = (their_comment.we_did.trim(), &mut merged.plan.feedback[at]);
            let our_did = ours.comments[i].we_did.trim().to_string();
            if theirs_did.is_empty() || theirs_did == our_did {
                continue;
            }
            if our_did.is_empty() {
                ours.comments[i].we_did = theirs_did.to_string();
                report.new_answers += 1;
            } else {
                let note = format!(
                    "Both copies answer {} differently; this project's \u{201c}you said, we did\u{201d} answer was kept: \u{201c}{our_did}\u{201d}. The file's answer: \u{201c}{theirs_did}\u{201d}.",
                    comment_name(merged, &merged.plan.feedback[at], their_comment)
                );
                report.notes.push(note);
            }
        }
    }
}

/// "the comment from “A parent” (sent 20 November 2026) on the action “Publish …”: “We waited…”".
fn comment_name(project: &Project, feedback: &Feedback, comment: &Comment) -> String {
    let from = if feedback.from.trim().is_empty() { "a family member".to_string() } else { quote(&feedback.from) };
    let on = match &comment.target {
        ReviewTarget::Action(id) => project
            .plan
            .actions
            .iter()
            .find(|a| &a.id == id)
            .map_or_else(|| format!("action {}", id.0), |a| format!("the action {}", quote(&a.what))),
        ReviewTarget::Criterion(id) => format!("criterion {id}"),
    };
    let said = if comment.words.trim().is_empty() {
        comment.response.map(|r| format!(": {}", quote(r.label()))).unwrap_or_default()
    } else {
        format!(": {}", quote(&comment.words))
    };
    let sent = feedback
        .at
        .get(..10)
        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        .map_or_else(|| feedback.at.clone(), |d| format!("{} {}", d.day(), month_year(d)));
    format!("the comment from {from} (sent {sent}) on {on}{said}")
}

/// Compares before and after: removals, rewrites of other partners' words and changed decisions.
fn find_approvals(local: &Project, merged: &Project, writer: Option<&PartnerId>, report: &mut MergeReport) {
    let name = |id: &PartnerId| merged.partner(id).map_or_else(|| id.to_string(), |p| p.name.clone());
    let another = |id: &PartnerId| writer != Some(id);
    for (id, before) in &local.sef.entries {
        let (Some(after), old) = (merged.sef.entries.get(id), before.value()) else { continue };
        if old.removed || after == before {
            continue;
        }
        let new = after.value();
        // Whose words these were: the last to write them here.
        let owner = before.current().by.clone();
        let kind = if new.removed {
            report.removed_entries += 1;
            ApprovalKind::RemovesWords
        } else if new.text != old.text && !after.heads().iter().any(|v| v.rev == before.current().rev) {
            // Replaced, not kept beside the new text as a conflict: their words are gone.
            ApprovalKind::RewritesWords
        } else {
            continue;
        };
        if another(&owner) {
            let verb = if kind == ApprovalKind::RemovesWords { "Removes" } else { "Rewrites" };
            report.needs_approval.push(Approval {
                key: ApprovalKey::Entry(id.clone()),
                partner: owner.clone(),
                partner_name: name(&owner),
                kind,
                description: format!("{verb} {}'s entry on {}: {}", name(&owner), old.criterion, quote(&old.text)),
            });
        }
    }
    for (id, before) in &local.sef.evidence {
        let Some(after) = merged.sef.evidence.get(id) else { continue };
        if before.value().removed || !after.value().removed {
            continue;
        }
        report.removed_evidence += 1;
        let owner = before.current().by.clone();
        if another(&owner) {
            report.needs_approval.push(Approval {
                key: ApprovalKey::Evidence(id.clone()),
                partner: owner.clone(),
                partner_name: name(&owner),
                kind: ApprovalKind::RemovesWords,
                description: format!("Removes {}'s evidence item {}", name(&owner), quote(&before.value().title)),
            });
        }
    }
    let sections: BTreeSet<&str> = merged.sef.signoffs.values().map(|s| s.section.as_str()).collect();
    for section in sections {
        let was = local.sef.current_signoffs(section);
        for (partner, (signoff_id, now)) in merged.sef.current_signoffs(section) {
            let old = was.get(&partner).map(|(_, s)| s.decision);
            let changed = was.get(&partner).is_none_or(|(old_id, _)| *old_id != signoff_id);
            if changed && another(&partner) {
                let to = now.decision;
                let from_words =
                    old.map_or("no decision here".to_string(), |d| format!("\u{201c}{}\u{201d}", d.label()));
                report.needs_approval.push(Approval {
                    key: ApprovalKey::SignOff(signoff_id.clone()),
                    partner: partner.clone(),
                    partner_name: name(&partner),
                    kind: ApprovalKind::ChangesDecision { from: old, to },
                    description: format!(
                        "Records {}'s decision on {section} as \u{201c}{}\u{201d} (was {from_words}), dated {}",
                        name(&partner),
                        to.label(),
                        now.at
                    ),
                });
            }
        }
    }
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
        assert!(report.by_section.is_empty(), "{:?}", report.by_section);
    }

    #[test]
    fn the_report_says_what_came_in_section_by_section_and_from_whom() {
        let mut base = example_project();
        base.sef = Default::default();
        let mut pcf = base.clone();
        let add = |p: &mut Project, id: &str, criterion: &str| {
            edit(
                p,
                SefEdit::AddEntry {
                    id: EntryId(id.into()),
                    stamp: stamp(id, "example-pcf"),
                    criterion: criterion.into(),
                    kind: EntryKind::Strength,
                    text: "Families' view".into(),
                },
            )
        };
        add(&mut pcf, "b1", "B1");
        add(&mut pcf, "a2", "A2");
        add(&mut pcf, "a2b", "A2");
        let position = crate::domain::sef::Position {
            level: crate::domain::sef::PositionLevel::Inconsistent,
            confidence: crate::domain::sef::Confidence::Medium,
        };
        edit(&mut pcf, SefEdit::SetPosition { criterion: "A2".into(), stamp: stamp("pos", "example-pcf"), position });
        let (_, report) = merge(&base, &pcf).unwrap();
        let forum = base.partner(&PartnerId("example-pcf".into())).unwrap().name.clone();
        let lines: Vec<String> = report.by_section.iter().map(SectionChanges::describe).collect();
        // In the edition's order (A2 before B1), each with its counts and its writer.
        assert_eq!(
            lines,
            [format!("A2: 2 new entries, a position (from {forum})"), format!("B1: 1 new entry (from {forum})")]
        );
        assert!(report.describe().contains(&lines[0]));
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

    /// Issue 19: a file that marked every entry removed made 36 entries disappear and the
    /// report said "0 new and 36 changed entries", never "removed"; a forged sign-off turned the
    /// forum's "Disagree" into agreement. Both are counted, named and offered for approval, and
    /// declining them keeps this copy's words and decisions.
    #[test]
    fn removals_and_other_partners_decisions_are_named_and_can_be_declined() {
        use crate::domain::sef::{Decision, SignOff, SignOffId};
        let local = example_project();
        let mut hostile = local.clone();
        hostile.acting_as = Some(crate::domain::project::PartnerId("example-la".into()));
        let ids: Vec<EntryId> = hostile.sef.entries.keys().cloned().collect();
        for (n, id) in ids.iter().enumerate() {
            edit(&mut hostile, SefEdit::RemoveEntry { id: id.clone(), stamp: stamp(&format!("rm{n}"), "example-la") });
        }
        let pcf = crate::domain::project::PartnerId("example-pcf".into());
        let section =
            local.sef.signoffs.values().find(|s| s.partner == pcf).map(|s| s.section.clone()).unwrap_or("A1".into());
        hostile.sef.signoffs.insert(
            SignOffId("forged".into()),
            SignOff {
                section: section.clone(),
                partner: pcf.clone(),
                decision: Decision::Agree,
                comment: String::new(),
                at: "2026-11-20T10:00:00Z".into(),
            },
        );

        let (merged, report) = merge(&local, &hostile).unwrap();
        assert_eq!(report.removed_entries, ids.len());
        assert_eq!(merged.sef.entries.values().filter(|r| !r.value().removed).count(), 0);
        let lines = report.describe().join("\n");
        assert!(lines.contains(&format!("{} entries removed", ids.len())), "{lines}");
        assert!(lines.contains("written as Northdale Council SEND and Inclusion Service"), "{lines}");
        assert!(lines.contains("1 new sign-off, from Northdale Parent Carer Forum"), "{lines}");
        assert_eq!(report.signoffs_from, ["Northdale Parent Carer Forum"]);
        let others: Vec<&Approval> = report.needs_approval.iter().filter(|a| a.partner.0 != "example-la").collect();
        assert!(others.iter().any(|a| a.kind == ApprovalKind::RemovesWords));
        let decision =
            report.needs_approval.iter().find(|a| a.key == ApprovalKey::SignOff(SignOffId("forged".into()))).unwrap();
        assert!(matches!(decision.kind, ApprovalKind::ChangesDecision { to: Decision::Agree, .. }));
        assert!(decision.description.contains("Northdale Parent Carer Forum"), "{}", decision.description);
        // The LA's own removals of its own entries need no one else's approval.
        assert!(report.needs_approval.iter().all(|a| a.partner.0 != "example-la"));

        let declined = report.needs_approval.iter().map(|a| a.key.clone()).collect();
        let (kept, again) = merge_declining(&local, &hostile, &declined).unwrap();
        assert!(again.needs_approval.is_empty(), "{:?}", again.needs_approval);
        for a in &report.needs_approval {
            if let ApprovalKey::Entry(id) = &a.key {
                assert_eq!(kept.sef.entries[id], local.sef.entries[id]);
            }
        }
        assert_eq!(
            kept.sef.current_signoffs(&section).get(&pcf).map(|(_, s)| s.decision),
            local.sef.current_signoffs(&section).get(&pcf).map(|(_, s)| s.decision)
        );
    }

    #[test]
    fn a_different_overall_answer_is_named_and_this_projects_kept() {
        use crate::domain::sef::Answer;
        let mut local = example_project();
        local.overall.priority_areas = Some(Answer::No);
        let mut other = local.clone();
        other.overall.priority_areas = Some(Answer::Yes);
        let (merged, report) = merge(&local, &other).unwrap();
        assert_eq!(merged.overall.priority_areas, Some(Answer::No));
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.contains("Are there areas for priority action?") && n.contains("\u{201c}Yes\u{201d}")),
            "{:?}",
            report.notes
        );
    }

    fn feedback_from(project: &Project, id: &str) -> Feedback {
        use crate::domain::plan::{Comment, FeedbackId, Response};
        Feedback {
            id: FeedbackId(id.into()),
            from: "A parent".into(),
            at: "2026-11-20T10:00:00Z".into(),
            comments: vec![
                Comment {
                    target: ReviewTarget::Action(project.plan.actions[0].id.clone()),
                    response: Some(Response::Disagree),
                    words: "The wait is still too long".into(),
                    experience: None,
                    we_did: String::new(),
                },
                Comment {
                    target: ReviewTarget::Criterion("A1".into()),
                    response: Some(Response::Agree),
                    words: String::new(),
                    experience: None,
                    we_did: String::new(),
                },
            ],
        }
    }

    fn answer(p: &mut Project, feedback: &str, comment: usize, text: &str) {
        use crate::domain::plan::{FeedbackId, PlanEdit};
        let edit = PlanEdit::AnswerComment { feedback: FeedbackId(feedback.into()), comment, text: text.into() };
        apply(p, ProjectEdit::Plan(edit)).unwrap();
    }

    fn import(p: &mut Project, feedback: &Feedback) {
        let file = crate::domain::plan::feedback_to_json(&p.area_name, feedback);
        crate::domain::plan::import_feedback(p, file.as_bytes()).unwrap();
    }

    /// Issue 16: a partner who imported families' answers and wrote "you said, we did" lost
    /// both when the files were combined.
    #[test]
    fn a_partners_family_feedback_comes_in_with_its_answers_and_is_counted() {
        let local = example_project();
        let mut theirs = local.clone();
        let feedback = feedback_from(&theirs, "from-partner");
        import(&mut theirs, &feedback);
        answer(&mut theirs, "from-partner", 0, "We now phone every family within a week.");

        let (merged, report) = merge(&local, &theirs).unwrap();
        let came = merged.plan.feedback.iter().find(|f| f.id.0 == "from-partner").unwrap();
        assert_eq!(came.comments[0].we_did, "We now phone every family within a week.");
        assert_eq!((report.new_feedback, report.new_answers), (1, 1));
        assert!(report.changed_anything());
        let lines = report.describe();
        assert!(
            lines.contains(
                &"1 new piece of family feedback and 1 new \u{201c}you said, we did\u{201d} answer".to_string()
            ),
            "{lines:?}"
        );

        let (again, report) = merge(&merged, &theirs).unwrap();
        assert_eq!(again.plan.feedback, merged.plan.feedback, "merging the same file twice changes nothing");
        assert_eq!((report.new_feedback, report.new_answers), (0, 0));
        assert!(!report.describe().iter().any(|l| l.contains("family feedback")));
    }

    #[test]
    fn an_answer_only_the_file_wrote_comes_in_and_a_different_one_is_kept_here_and_quoted() {
        let mut local = example_project();
        let feedback = feedback_from(&local, "shared");
        import(&mut local, &feedback);
        let mut theirs = local.clone();
        answer(&mut theirs, "shared", 1, "We shared the agreed text with the forum.");
        answer(&mut local, "shared", 0, "Our answer: a new duty line opens in January.");
        answer(&mut theirs, "shared", 0, "Their answer: we are recruiting two caseworkers.");

        let (merged, report) = merge(&local, &theirs).unwrap();
        let comments = &merged.plan.feedback.iter().find(|f| f.id.0 == "shared").unwrap().comments;
        assert_eq!(comments.len(), 2, "the same comments, not added twice");
        assert_eq!(comments[1].we_did, "We shared the agreed text with the forum.");
        assert_eq!(comments[0].we_did, "Our answer: a new duty line opens in January.", "ours kept");
        assert_eq!((report.new_feedback, report.new_answers), (0, 1));
        let note = report.notes.iter().find(|n| n.contains("you said, we did")).expect("a note");
        // The note names the comment (who, when, on what, what they said) and quotes both answers.
        for part in [
            "\u{201c}A parent\u{201d}",
            "sent 20 November 2026",
            &format!("the action {}", quote(&local.plan.actions[0].what)),
            "\u{201c}The wait is still too long\u{201d}",
            "\u{201c}Our answer: a new duty line opens in January.\u{201d}",
            "\u{201c}Their answer: we are recruiting two caseworkers.\u{201d}",
        ] {
            assert!(note.contains(part), "{part} in {note}");
        }
        assert_eq!(report.describe().iter().filter(|l| *l == note).count(), 1, "said once");
    }

    #[test]
    fn a_comment_this_copy_dropped_on_import_comes_in_once_its_action_is_here() {
        let mut local = example_project();
        let mut theirs = local.clone();
        let mut new = theirs.plan.actions[0].clone();
        new.id = crate::domain::plan::ActionId("theirs-only".into());
        apply(&mut theirs, ProjectEdit::Plan(crate::domain::plan::PlanEdit::SaveAction { action: Box::new(new) }))
            .unwrap();
        let mut feedback = feedback_from(&theirs, "both");
        feedback.comments[0].target = ReviewTarget::Action(crate::domain::plan::ActionId("theirs-only".into()));
        // A second one after a comment both hold, so matching runs past what this copy had.
        let mut later = feedback.comments[0].clone();
        later.words = "And the letters are hard to read".into();
        feedback.comments.push(later);
        import(&mut local, &feedback);
        import(&mut theirs, &feedback);
        assert_eq!(local.plan.feedback.iter().find(|f| f.id.0 == "both").unwrap().comments.len(), 1);

        let (merged, report) = merge(&local, &theirs).unwrap();
        assert_eq!(merged.plan.feedback.iter().find(|f| f.id.0 == "both").unwrap().comments.len(), 3);
        assert_eq!((report.new_actions, report.new_feedback, report.new_feedback_comments), (1, 0, 2));
        assert!(
            report.describe().iter().any(|l| l == "2 new comments on family feedback already here"),
            "{:?}",
            report.describe()
        );
    }
}

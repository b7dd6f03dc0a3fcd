//! After the report: the inspection record, the strategic plan update's actions, the priority
//! action plan (PAP) check, and family feedback on the plan.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::choice::choice_enum;
use super::plain_language::GlossaryTerm;
use super::project::{PartnerId, Project};
use super::sef::EvidenceId;

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
    };
}
id_type!(RecommendationId);
id_type!(ActionId);
id_type!(FeedbackId);

mod delivery;
mod text_answers;
pub(crate) use delivery::union_by_id;
pub use text_answers::{MAX_TEXT_BYTES as MAX_ANSWERS_TEXT_BYTES, feedback_from_text, labels as answer_labels};

/// The review pack's file kind (made in `export::review_pack`); named here so a project file
/// naming it is refused as a pack.
pub const REVIEW_PACK_FORMAT: &str = "area-send-review-pack";
pub use delivery::{ActionStatus, LogId, MeasureValue, NamedPlan, PlanId, PlanKind, ProgressEntry, StatusUpdate};

/// What the report asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecommendationKind {
    /// "Areas for improvement" (every outcome).
    Improvement,
    /// "Areas for priority action" (outcome 3), which the PAP must address.
    Priority,
}

impl RecommendationKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Improvement => "Area for improvement",
            Self::Priority => "Area for priority action",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub id: RecommendationId,
    pub kind: RecommendationKind,
    /// The report's words, pasted in.
    pub text: String,
    /// The responsible body exactly as the report names it.
    #[serde(default)]
    pub responsible_body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub text: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// When it was met; a milestone past due and not met is late (see `is_late`).
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

/// An impact measure: where we are, where we aim to be, where we got to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub name: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub actual: String,
    /// Dated actual values, the latest last once sorted (see `Measure::latest`).
    #[serde(default)]
    pub values: Vec<MeasureValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub recommendation: RecommendationId,
    /// What will be done.
    pub what: String,
    #[serde(default)]
    pub responsible: Option<PartnerId>,
    /// The period within which the action is taken.
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// How children, young people and families were involved.
    #[serde(default)]
    pub involvement: String,
    #[serde(default)]
    pub criteria: BTreeSet<String>,
    #[serde(default)]
    pub evidence: BTreeSet<EvidenceId>,
    /// The named lead (a person or post, as the partnership writes it).
    #[serde(default)]
    pub lead: String,
    /// One plain line: what the action means for families.
    #[serde(default)]
    pub for_families: String,
    /// Dated status history, oldest first.
    #[serde(default)]
    pub statuses: Vec<StatusUpdate>,
    /// Dated progress log, oldest first.
    #[serde(default)]
    pub progress: Vec<ProgressEntry>,
    /// The plans this action belongs to (see `Plan::plans`); none means the strategic plan only.
    #[serde(default)]
    pub plans: BTreeSet<PlanId>,
}

impl Action {
    pub fn has_period(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if s <= e)
    }
}

choice_enum! {
    /// A family member's response to one action.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Response {
        Agree => ("agree", "I agree"),
        NotSure => ("not-sure", "I am not sure"),
        Disagree => ("disagree", "I disagree"),
    }
}

choice_enum! {
    /// What a family member says they feel of an action so far: their experience, kept apart
    /// from the partnership's own status for it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Experience {
        Better => ("better", "Things are getting better for us"),
        NotYet => ("not-yet", "Not yet feeling an improvement"),
        TooEarly => ("too-early", "Too early to say"),
    }
}

/// What a family member is commenting on: an action of the plan, or a criterion of the
/// self-evaluation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewTarget {
    Action(ActionId),
    Criterion(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub target: ReviewTarget,
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default)]
    pub words: String,
    /// What they feel so far (actions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<Experience>,
    /// The partnership's answer ("you said, we did"): what changed, or why it cannot change.
    /// Only the partnership writes it; an imported file's is dropped.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub we_did: String,
}

/// One person's feedback, as sent back in a feedback file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: FeedbackId,
    /// How the person describes themselves, e.g. "A parent" (optional; no names needed).
    #[serde(default)]
    pub from: String,
    pub at: String,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The inspection outcome (1–3) from the report.
    #[serde(default)]
    pub outcome: Option<u8>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The partnership's own glossary terms, added to the built-in ones.
    #[serde(default)]
    pub glossary: Vec<GlossaryTerm>,
    /// Family feedback imported from feedback files.
    #[serde(default)]
    pub feedback: Vec<Feedback>,
    /// The partnership's SEND strategy and how it will deliver it, in its own words (the plan
    /// should set both out: ¶150).
    #[serde(default)]
    pub strategy: String,
    /// When a copy of the priority action plan went to Ofsted and CQC (¶149).
    #[serde(default)]
    pub pap_copy_sent: Option<NaiveDate>,
    /// The plans the actions are delivered under (one action log, several plans).
    #[serde(default)]
    pub plans: Vec<NamedPlan>,
    /// Before the monitoring inspection: the partnership's own view of each area for priority
    /// action, by area. Left out of files while empty, so older files read the same.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub monitoring: BTreeMap<RecommendationId, MonitoringView>,
}

choice_enum! {
    /// The partnership's own view of an area for priority action. Inspectors judge "effective
    /// action" or "ineffective action" (¶177); until then the partnership says "not yet".
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum OwnView {
        EffectiveAction => ("effective-action", "Effective action"),
        NotYet => ("not-yet", "Not yet"),
    }
}

/// Readiness for the monitoring inspection, for one area for priority action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringView {
    /// The evidence of impact so far, in the partnership's words.
    #[serde(default)]
    pub impact: String,
    #[serde(default)]
    pub view: Option<OwnView>,
}

impl Plan {
    pub fn actions_for<'a>(&'a self, recommendation: &'a RecommendationId) -> impl Iterator<Item = &'a Action> + 'a {
        self.actions.iter().filter(move |a| &a.recommendation == recommendation)
    }

    /// How many actions record how children, young people and families were involved, of all.
    pub fn involvement_recorded(&self) -> (usize, usize) {
        let recorded = self.actions.iter().filter(|a| !a.involvement.trim().is_empty()).count();
        (recorded, self.actions.len())
    }

    pub fn has_priority_areas(&self) -> bool {
        self.recommendations.iter().any(|r| r.kind == RecommendationKind::Priority)
    }

    /// Every comment on one action or criterion, with who it is from.
    pub fn comments_on<'a>(
        &'a self,
        target: &'a ReviewTarget,
    ) -> impl Iterator<Item = (&'a Feedback, &'a Comment)> + 'a {
        self.feedback
            .iter()
            .flat_map(move |f| f.comments.iter().filter(move |c| &c.target == target).map(move |c| (f, c)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEdit {
    SetOutcome {
        outcome: Option<u8>,
    },
    AddRecommendation {
        recommendation: Recommendation,
    },
    RemoveRecommendation {
        id: RecommendationId,
    },
    /// Adds the action, or replaces the one with the same id (boxed: an action with its logs
    /// is large, and every other edit would carry its size).
    SaveAction {
        action: Box<Action>,
    },
    RemoveAction {
        id: ActionId,
    },
    AddGlossaryTerm {
        term: GlossaryTerm,
    },
    RemoveGlossaryTerm {
        term: String,
    },
    SetStrategy {
        text: String,
    },
    SetPapCopySent {
        date: Option<NaiveDate>,
    },
    /// Adds the plan, or replaces the one with the same id.
    SavePlan {
        plan: NamedPlan,
    },
    /// Removes a plan no action belongs to.
    RemovePlan {
        id: PlanId,
    },
    /// Records the action's status on a date (off track needs a note).
    RecordStatus {
        action: ActionId,
        update: StatusUpdate,
    },
    /// Adds an entry to the action's progress log.
    AddProgress {
        action: ActionId,
        entry: ProgressEntry,
    },
    /// Records a measure's actual value on a date.
    RecordMeasureValue {
        action: ActionId,
        measure: usize,
        value: MeasureValue,
    },
    /// Sets the action's one plain line for families.
    SetForFamilies {
        action: ActionId,
        text: String,
    },
    /// Records the partnership's answer to one imported comment ("you said, we did").
    AnswerComment {
        feedback: FeedbackId,
        comment: usize,
        text: String,
    },
    /// Marks a milestone met on a date, or not met (`None`).
    SetMilestoneDone {
        action: ActionId,
        milestone: usize,
        done_on: Option<NaiveDate>,
    },
    /// Records the evidence of impact and the partnership's own view for an area for priority
    /// action (an empty view forgets it).
    SetMonitoring {
        area: RecommendationId,
        view: MonitoringView,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    #[error("Choose outcome 1, 2 or 3.")]
    UnknownOutcome,
    #[error("Paste the report's words for this area.")]
    EmptyRecommendation,
    #[error("The action belongs to an area that no longer exists.")]
    UnknownRecommendation,
    #[error("Say what will be done.")]
    EmptyAction,
    #[error("The responsible partner is not in this project.")]
    UnknownPartner,
    #[error("The end date is before the start date.")]
    PeriodBackwards,
    #[error("There is no criterion {0} in this framework edition.")]
    UnknownCriterion(String),
    #[error("A glossary term needs the term, what it stands for and plain words.")]
    IncompleteTerm,
    #[error("Remove this area's actions first.")]
    RecommendationHasActions,
    /// Off track without the exception commentary the board needs.
    #[error("Say why the action is off track and what is being done about it.")]
    OffTrackNeedsNote,
    #[error("There is no such action in the plan.")]
    UnknownAction,
    #[error("There is no such milestone or measure on this action.")]
    UnknownItem,
    #[error("The action belongs to a plan that is not in this project.")]
    UnknownPlan,
    #[error("Give this plan its name.")]
    UnnamedPlan,
    #[error("Take this plan's actions out of it first.")]
    PlanHasActions,
    #[error("A progress entry needs what has been done or what needs to develop.")]
    EmptyProgress,
    #[error("Give the measure's value.")]
    EmptyValue,
    #[error("An entry with this id is already in the log.")]
    DuplicateEntry,
    #[error("Only an area for priority action is judged at the monitoring inspection.")]
    NotPriorityArea,
}

fn check_delivery(plan: &Plan, action: &Action) -> Result<(), PlanError> {
    if action.statuses.iter().any(|s| s.status == ActionStatus::OffTrack && s.note.trim().is_empty()) {
        return Err(PlanError::OffTrackNeedsNote);
    }
    if action.plans.iter().any(|id| plan.named_plan(id).is_none()) {
        return Err(PlanError::UnknownPlan);
    }
    Ok(())
}

fn action_mut<'a>(project: &'a mut Project, id: &ActionId) -> Result<&'a mut Action, PlanError> {
    project.plan.actions.iter_mut().find(|a| &a.id == id).ok_or(PlanError::UnknownAction)
}

pub fn apply(project: &mut Project, edit: PlanEdit) -> Result<(), PlanError> {
    match edit {
        PlanEdit::SetOutcome { outcome } => {
            if outcome.is_some_and(|n| project.edition().outcome(n).is_none()) {
                return Err(PlanError::UnknownOutcome);
            }
            project.plan.outcome = outcome;
        }
        PlanEdit::AddRecommendation { recommendation } => {
            if recommendation.text.trim().is_empty() {
                return Err(PlanError::EmptyRecommendation);
            }
            project.plan.recommendations.push(Recommendation {
                text: recommendation.text.trim().to_string(),
                responsible_body: recommendation.responsible_body.trim().to_string(),
                ..recommendation
            });
        }
        PlanEdit::RemoveRecommendation { id } => {
            if project.plan.actions_for(&id).next().is_some() {
                return Err(PlanError::RecommendationHasActions);
            }
            project.plan.monitoring.remove(&id);
            project.plan.recommendations.retain(|r| r.id != id);
        }
        PlanEdit::SaveAction { action } => {
            if !project.plan.recommendations.iter().any(|r| r.id == action.recommendation) {
                return Err(PlanError::UnknownRecommendation);
            }
            if action.what.trim().is_empty() {
                return Err(PlanError::EmptyAction);
            }
            if action.responsible.as_ref().is_some_and(|p| project.partner(p).is_none()) {
                return Err(PlanError::UnknownPartner);
            }
            if matches!((action.start, action.end), (Some(s), Some(e)) if e < s) {
                return Err(PlanError::PeriodBackwards);
            }
            if let Some(c) = action.criteria.iter().find(|c| project.edition().criterion(c).is_none()) {
                return Err(PlanError::UnknownCriterion(c.clone()));
            }
            check_delivery(&project.plan, &action)?;
            let mut action = *action;
            action.sort_logs();
            match project.plan.actions.iter_mut().find(|a| a.id == action.id) {
                Some(existing) => *existing = action,
                None => project.plan.actions.push(action),
            }
        }
        PlanEdit::RemoveAction { id } => project.plan.actions.retain(|a| a.id != id),
        PlanEdit::AddGlossaryTerm { term } => {
            let term = GlossaryTerm {
                term: term.term.trim().into(),
                expansion: term.expansion.trim().into(),
                plain: term.plain.trim().into(),
            };
            if term.term.is_empty() || term.expansion.is_empty() || term.plain.is_empty() {
                return Err(PlanError::IncompleteTerm);
            }
            project.plan.glossary.retain(|t| t.term != term.term);
            project.plan.glossary.push(term);
        }
        PlanEdit::RemoveGlossaryTerm { term } => project.plan.glossary.retain(|t| t.term != term),
        PlanEdit::SetStrategy { text } => project.plan.strategy = text,
        PlanEdit::SetPapCopySent { date } => project.plan.pap_copy_sent = date,
        PlanEdit::SavePlan { plan } => {
            if plan.kind == PlanKind::Other && plan.name.trim().is_empty() {
                return Err(PlanError::UnnamedPlan);
            }
            let plan = NamedPlan { name: plan.name.trim().into(), ..plan };
            match project.plan.plans.iter_mut().find(|p| p.id == plan.id) {
                Some(existing) => *existing = plan,
                None => project.plan.plans.push(plan),
            }
        }
        PlanEdit::RemovePlan { id } => {
            if project.plan.actions.iter().any(|a| a.plans.contains(&id)) {
                return Err(PlanError::PlanHasActions);
            }
            project.plan.plans.retain(|p| p.id != id);
        }
        PlanEdit::RecordStatus { action, update } => {
            if update.status == ActionStatus::OffTrack && update.note.trim().is_empty() {
                return Err(PlanError::OffTrackNeedsNote);
            }
            let action = action_mut(project, &action)?;
            if action.statuses.iter().any(|s| s.id == update.id) {
                return Err(PlanError::DuplicateEntry);
            }
            action.statuses.push(StatusUpdate { note: update.note.trim().into(), ..update });
            action.sort_logs();
        }
        PlanEdit::AddProgress { action, entry } => {
            if entry.done.trim().is_empty() && entry.to_develop.trim().is_empty() {
                return Err(PlanError::EmptyProgress);
            }
            let action = action_mut(project, &action)?;
            if action.progress.iter().any(|p| p.id == entry.id) {
                return Err(PlanError::DuplicateEntry);
            }
            action.progress.push(entry);
            action.sort_logs();
        }
        PlanEdit::RecordMeasureValue { action, measure, value } => {
            if value.value.trim().is_empty() {
                return Err(PlanError::EmptyValue);
            }
            let action = action_mut(project, &action)?;
            let measure = action.measures.get_mut(measure).ok_or(PlanError::UnknownItem)?;
            if measure.values.iter().any(|v| v.id == value.id) {
                return Err(PlanError::DuplicateEntry);
            }
            measure.values.push(value);
            action.sort_logs();
        }
        PlanEdit::SetForFamilies { action, text } => action_mut(project, &action)?.for_families = text.trim().into(),
        PlanEdit::AnswerComment { feedback, comment, text } => {
            let feedback = project.plan.feedback.iter_mut().find(|f| f.id == feedback).ok_or(PlanError::UnknownItem)?;
            feedback.comments.get_mut(comment).ok_or(PlanError::UnknownItem)?.we_did = text.trim().into();
        }
        PlanEdit::SetMilestoneDone { action, milestone, done_on } => {
            let action = action_mut(project, &action)?;
            action.milestones.get_mut(milestone).ok_or(PlanError::UnknownItem)?.done_on = done_on;
        }
        PlanEdit::SetMonitoring { area, view } => {
            let kind = project.plan.recommendations.iter().find(|r| r.id == area).map(|r| r.kind);
            match kind {
                None => return Err(PlanError::UnknownRecommendation),
                Some(RecommendationKind::Improvement) => return Err(PlanError::NotPriorityArea),
                Some(RecommendationKind::Priority) => {}
            }
            if view.impact.trim().is_empty() && view.view.is_none() {
                project.plan.monitoring.remove(&area);
            } else {
                project.plan.monitoring.insert(area, view);
            }
        }
    }
    Ok(())
}

/// What stops the priority action plan meeting its three requirements: measures for each area
/// for priority action, a responsible partner for each action, and the period for each.
pub fn pap_gaps(project: &Project) -> Vec<String> {
    let plan = &project.plan;
    let mut gaps = Vec::new();
    if plan.outcome == Some(3) && !plan.has_priority_areas() {
        gaps.push("Record the report's areas for priority action.".to_string());
    }
    let priorities = plan.recommendations.iter().filter(|r| r.kind == RecommendationKind::Priority);
    for (n, area) in priorities.enumerate() {
        let label = format!("Area for priority action {}", n + 1);
        let actions: Vec<&Action> = plan.actions_for(&area.id).collect();
        if actions.is_empty() {
            gaps.push(format!("{label} has no action yet."));
            continue;
        }
        for action in actions {
            let short: String = action.what.chars().take(50).collect();
            if action.responsible.is_none() {
                gaps.push(format!("{label}: the action \u{201c}{short}\u{201d} has no responsible partner."));
            }
            if !action.has_period() {
                gaps.push(format!("{label}: the action \u{201c}{short}\u{201d} needs a start and end date (the period within which it is taken)."));
            }
        }
    }
    gaps
}

/// Areas for improvement with no action yet: the strategic plan should answer each one.
pub fn unanswered_recommendations(project: &Project) -> Vec<&Recommendation> {
    project.plan.recommendations.iter().filter(|r| project.plan.actions_for(&r.id).next().is_none()).collect()
}

/// The feedback file format families send back.
pub const FEEDBACK_FORMAT: &str = "area-send-feedback";
pub const FEEDBACK_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct FeedbackFile {
    format: String,
    format_version: u32,
    area: String,
    feedback: Feedback,
}

pub fn feedback_to_json(area: &str, feedback: &Feedback) -> String {
    let file = FeedbackFile {
        format: FEEDBACK_FORMAT.into(),
        format_version: FEEDBACK_VERSION,
        area: area.into(),
        feedback: feedback.clone(),
    };
    serde_json::to_string_pretty(&file).expect("feedback always serialises")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedbackError {
    #[error("This is not a feedback file from this app.")]
    NotFeedback,
    #[error("This feedback file was made by a newer version of the app (format {0}).")]
    Newer(u32),
    #[error("This feedback has already been imported.")]
    AlreadyImported,
    #[error("This feedback is about parts of a plan or self-evaluation that are not in this project.")]
    NoMatchingActions,
    /// Pasted text that is not answers copied from the review page.
    #[error("This text is not answers copied from the review page: {0}")]
    NotAnswers(String),
}

/// Reads a feedback file and adds it to the plan. Comments on actions not in the plan are
/// dropped; importing the same file twice is refused.
pub fn import_feedback(project: &mut Project, bytes: &[u8]) -> Result<usize, FeedbackError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| FeedbackError::NotFeedback)?;
    let file: FeedbackFile = serde_json::from_str(text).map_err(|_| FeedbackError::NotFeedback)?;
    if file.format != FEEDBACK_FORMAT {
        return Err(FeedbackError::NotFeedback);
    }
    if file.format_version > FEEDBACK_VERSION {
        return Err(FeedbackError::Newer(file.format_version));
    }
    add_feedback(project, file.feedback)
}

/// Adds answers pasted as text (see [`feedback_to_text`]), as [`import_feedback`] does a file.
pub fn import_feedback_text(project: &mut Project, text: &str) -> Result<usize, FeedbackError> {
    add_feedback(project, feedback_from_text(text)?)
}

fn add_feedback(project: &mut Project, mut feedback: Feedback) -> Result<usize, FeedbackError> {
    if project.plan.feedback.iter().any(|f| f.id == feedback.id) {
        return Err(FeedbackError::AlreadyImported);
    }
    let known = |target: &ReviewTarget| match target {
        ReviewTarget::Action(id) => project.plan.actions.iter().any(|a| &a.id == id),
        ReviewTarget::Criterion(id) => project.edition().criterion(id).is_some(),
    };
    feedback
        .comments
        .retain(|c| known(&c.target) && (c.response.is_some() || c.experience.is_some() || !c.words.trim().is_empty()));
    for comment in &mut feedback.comments {
        // The partnership's answers are its own to write.
        comment.we_did.clear();
        if matches!(comment.target, ReviewTarget::Criterion(_)) {
            comment.experience = None;
        }
    }
    if feedback.comments.is_empty() {
        return Err(FeedbackError::NoMatchingActions);
    }
    let n = feedback.comments.len();
    project.plan.feedback.push(feedback);
    Ok(n)
}

/// What families say they feel of one action so far: how many chose each answer.
pub fn experience_of(plan: &Plan, action: &ActionId) -> Vec<(Experience, usize)> {
    let target = ReviewTarget::Action(action.clone());
    Experience::ALL
        .into_iter()
        .map(|e| (e, plan.comments_on(&target).filter(|(_, c)| c.experience == Some(e)).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The comments on one action the partnership has answered: (what was said, what we did).
pub fn you_said_we_did(plan: &Plan, target: &ReviewTarget) -> Vec<(String, String)> {
    plan.comments_on(target)
        .filter(|(_, c)| !c.we_did.trim().is_empty())
        .map(|(_, c)| {
            let said = if c.words.trim().is_empty() {
                c.response.map(|r| r.label().to_string()).unwrap_or_default()
            } else {
                c.words.trim().to_string()
            };
            (said, c.we_did.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;

    fn rec(id: &str, kind: RecommendationKind) -> Recommendation {
        Recommendation {
            id: RecommendationId(id.into()),
            kind,
            text: format!("Report text {id}"),
            responsible_body: "Council and ICB".into(),
        }
    }

    fn action(id: &str, rec: &str) -> Action {
        Action {
            id: ActionId(id.into()),
            recommendation: RecommendationId(rec.into()),
            what: "Cut waiting times for autism assessments".into(),
            responsible: None,
            start: None,
            end: None,
            milestones: vec![],
            measures: vec![],
            involvement: String::new(),
            criteria: BTreeSet::new(),
            evidence: BTreeSet::new(),
            ..Default::default()
        }
    }

    fn project() -> Project {
        let mut p = example_project();
        p.plan = Plan::default();
        p
    }

    #[test]
    fn pap_needs_an_action_with_partner_and_period_for_every_priority_area() {
        let mut p = project();
        apply(&mut p, PlanEdit::SetOutcome { outcome: Some(3) }).unwrap();
        assert_eq!(pap_gaps(&p), ["Record the report's areas for priority action."]);
        apply(&mut p, PlanEdit::AddRecommendation { recommendation: rec("r1", RecommendationKind::Priority) }).unwrap();
        apply(&mut p, PlanEdit::AddRecommendation { recommendation: rec("r2", RecommendationKind::Improvement) })
            .unwrap();
        assert_eq!(pap_gaps(&p), ["Area for priority action 1 has no action yet."]);
        apply(&mut p, PlanEdit::SaveAction { action: Box::new(action("a1", "r1")) }).unwrap();
        let gaps = pap_gaps(&p);
        assert_eq!(gaps.len(), 2);
        assert!(gaps[0].contains("no responsible partner") && gaps[1].contains("start and end date"));
        let mut done = action("a1", "r1");
        done.responsible = Some(PartnerId("example-la".into()));
        done.start = "2026-12-01".parse().ok();
        done.end = "2027-06-30".parse().ok();
        apply(&mut p, PlanEdit::SaveAction { action: Box::new(done) }).unwrap();
        assert!(pap_gaps(&p).is_empty(), "improvement areas do not block the PAP");
        assert_eq!(unanswered_recommendations(&p).len(), 1);
    }

    #[test]
    fn monitoring_views_are_for_priority_areas_only_and_empty_ones_are_forgotten() {
        let mut p = project();
        apply(&mut p, PlanEdit::AddRecommendation { recommendation: rec("r1", RecommendationKind::Priority) }).unwrap();
        apply(&mut p, PlanEdit::AddRecommendation { recommendation: rec("r2", RecommendationKind::Improvement) })
            .unwrap();
        let view = MonitoringView { impact: "Waits fell from 62 to 33 weeks.".into(), view: Some(OwnView::NotYet) };
        let set =
            |area: &str, view: MonitoringView| PlanEdit::SetMonitoring { area: RecommendationId(area.into()), view };
        assert_eq!(apply(&mut p, set("r2", view.clone())), Err(PlanError::NotPriorityArea));
        assert_eq!(apply(&mut p, set("nope", view.clone())), Err(PlanError::UnknownRecommendation));
        apply(&mut p, set("r1", view.clone())).unwrap();
        assert_eq!(p.plan.monitoring[&RecommendationId("r1".into())], view);
        apply(&mut p, set("r1", MonitoringView { impact: " ".into(), view: None })).unwrap();
        assert!(p.plan.monitoring.is_empty());
        apply(&mut p, set("r1", view)).unwrap();
        apply(&mut p, PlanEdit::RemoveRecommendation { id: RecommendationId("r1".into()) }).unwrap();
        assert!(p.plan.monitoring.is_empty(), "a removed area's view goes with it");
    }

    #[test]
    fn actions_are_validated() {
        let mut p = project();
        apply(&mut p, PlanEdit::AddRecommendation { recommendation: rec("r1", RecommendationKind::Priority) }).unwrap();
        assert_eq!(
            apply(&mut p, PlanEdit::SaveAction { action: Box::new(action("a", "nope")) }),
            Err(PlanError::UnknownRecommendation)
        );
        let mut backwards = action("a", "r1");
        backwards.start = "2027-01-01".parse().ok();
        backwards.end = "2026-01-01".parse().ok();
        assert_eq!(
            apply(&mut p, PlanEdit::SaveAction { action: Box::new(backwards) }),
            Err(PlanError::PeriodBackwards)
        );
        let mut stranger = action("a", "r1");
        stranger.responsible = Some(PartnerId("stranger".into()));
        assert_eq!(apply(&mut p, PlanEdit::SaveAction { action: Box::new(stranger) }), Err(PlanError::UnknownPartner));
        assert_eq!(apply(&mut p, PlanEdit::SetOutcome { outcome: Some(4) }), Err(PlanError::UnknownOutcome));
        apply(&mut p, PlanEdit::SaveAction { action: Box::new(action("a", "r1")) }).unwrap();
        assert_eq!(
            apply(&mut p, PlanEdit::RemoveRecommendation { id: RecommendationId("r1".into()) }),
            Err(PlanError::RecommendationHasActions)
        );
    }

    #[test]
    fn feedback_round_trips_once_and_keeps_only_known_actions() {
        let mut p = project();
        apply(&mut p, PlanEdit::AddRecommendation { recommendation: rec("r1", RecommendationKind::Improvement) })
            .unwrap();
        apply(&mut p, PlanEdit::SaveAction { action: Box::new(action("a1", "r1")) }).unwrap();
        let feedback = Feedback {
            id: FeedbackId("f1".into()),
            from: "A parent".into(),
            at: "2026-11-23T10:00:00Z".into(),
            comments: vec![
                Comment {
                    target: ReviewTarget::Action(ActionId("a1".into())),
                    response: Some(Response::NotSure),
                    words: "When will this start?".into(),
                    experience: Some(Experience::NotYet),
                    we_did: "Planted: a parent cannot write this".into(),
                },
                Comment {
                    target: ReviewTarget::Action(ActionId("gone".into())),
                    response: Some(Response::Agree),
                    words: String::new(),
                    experience: None,
                    we_did: String::new(),
                },
                Comment {
                    target: ReviewTarget::Criterion("A2".into()),
                    response: Some(Response::Disagree),
                    words: "Nobody asked my son.".into(),
                    experience: None,
                    we_did: String::new(),
                },
                Comment {
                    target: ReviewTarget::Criterion("Z9".into()),
                    response: Some(Response::Agree),
                    words: String::new(),
                    experience: None,
                    we_did: String::new(),
                },
            ],
        };
        let bytes = feedback_to_json("Northdale", &feedback).into_bytes();
        assert_eq!(import_feedback(&mut p, &bytes), Ok(2));
        assert_eq!(import_feedback(&mut p, &bytes), Err(FeedbackError::AlreadyImported));
        assert_eq!(p.plan.comments_on(&ReviewTarget::Action(ActionId("a1".into()))).count(), 1);
        assert_eq!(p.plan.comments_on(&ReviewTarget::Criterion("A2".into())).count(), 1);
        assert!(p.plan.feedback[0].comments.iter().all(|c| c.we_did.is_empty()), "a file's answers are dropped");
        assert_eq!(experience_of(&p.plan, &ActionId("a1".into())), [(Experience::NotYet, 1)]);
        let answer = PlanEdit::AnswerComment {
            feedback: FeedbackId("f1".into()),
            comment: 0,
            text: " We start in January. ".into(),
        };
        apply(&mut p, answer).unwrap();
        let target = ReviewTarget::Action(ActionId("a1".into()));
        assert_eq!(
            you_said_we_did(&p.plan, &target),
            [("When will this start?".into(), "We start in January.".into())]
        );
        let missing = PlanEdit::AnswerComment { feedback: FeedbackId("f1".into()), comment: 9, text: "x".into() };
        assert_eq!(apply(&mut p, missing), Err(PlanError::UnknownItem));
        assert_eq!(import_feedback(&mut p, br#"{"format":"x"}"#), Err(FeedbackError::NotFeedback));
    }
}

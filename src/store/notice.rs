//! What the user is told about the whole app (`Notice`), and which field a refusal is about.

use crate::domain::calendar::long_date;
use crate::domain::merge::MergeReport;
use crate::domain::plan::{PlanEdit, PlanError};
use crate::domain::project::{EditError, Project, ProjectEdit};
use crate::domain::sef::{SefEdit, SefError};
use crate::store::Shared;

/// What a file the user chose was for, so a refusal can say what did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// A project file to replace this one (the tasks page).
    Open,
    /// A partner's project file to merge into this one (the self-evaluation page).
    Merge,
    /// A family member's feedback file (the plan page).
    ImportFeedback,
    /// Answers pasted as text (the plan page).
    ImportFeedbackText,
    /// An Annex A spreadsheet to check.
    AnnexList,
}

impl FilePurpose {
    /// The file input to go back to.
    fn field(self) -> &'static str {
        match self {
            Self::Open => "open-project",
            Self::Merge => "merge-file",
            Self::ImportFeedback => "import-feedback",
            Self::ImportFeedbackText => "import-feedback-text",
            Self::AnnexList => "annex-files",
        }
    }
}

/// The one message about the whole app, shown by the shell in one place: errors in a GOV.UK
/// error summary (which takes focus), everything else in a notification banner. A new notice
/// replaces the last; leaving the page forgets it (except `RestoreProblem` and `Recovered`).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Something replaced the project (a file opened, the example, a new project, feedback
    /// imported). Offers Undo.
    ProjectReplaced { message: String },
    /// A partner's file was merged: what came in. Offers Undo if anything changed.
    Merged { file_name: String, report: MergeReport, changed: bool },
    /// A partner's file would change another partner's words or decision: nothing is merged
    /// until the user says which of those changes to accept (`AppAction::ConfirmMerge`).
    MergeNeedsApproval { file_name: String, incoming: Shared<Project>, report: MergeReport },
    /// A chosen file could not be used; nothing changed.
    FileRefused { purpose: FilePurpose, file_name: String, message: String },
    /// The domain refused an edit, in its own words; nothing changed. `field` is the id of the
    /// form field to fix, if the edit names one.
    EditRefused { message: String, field: Option<String> },
    /// Something was removed at the user's request. Offers Undo, and takes focus, so that a
    /// second key press cannot remove the next row by landing on its button.
    Removed { message: String },
    /// A download could not be made or handed to the browser.
    DownloadFailed { file_name: String, message: String },
    /// The project saved in this browser could not be read: a copy was kept aside, and the
    /// user has a new, empty project.
    RestoreProblem { message: String },
    /// The app crashed last time: where, and that the work up to the last change was kept.
    Recovered { message: String },
}

/// "the browser could not read the file" → "The browser could not read the file.", so a reason
/// from the browser reads as a sentence beside the domain's own (which already are).
fn sentence(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

impl Notice {
    /// Errors go in the error summary; the rest in a banner.
    pub fn is_error(&self) -> bool {
        matches!(self, Self::FileRefused { .. } | Self::EditRefused { .. } | Self::DownloadFailed { .. })
    }

    /// The words shown.
    pub fn message(&self) -> String {
        match self {
            Self::ProjectReplaced { message }
            | Self::RestoreProblem { message }
            | Self::Removed { message }
            | Self::Recovered { message } => message.clone(),
            Self::Merged { file_name, changed: true, .. } => format!("Merged \u{201c}{file_name}\u{201d}."),
            Self::Merged { file_name, changed: false, .. } => {
                format!("Merged \u{201c}{file_name}\u{201d}. It held nothing new.")
            }
            Self::MergeNeedsApproval { file_name, report, .. } => format!(
                "\u{201c}{file_name}\u{201d} would change other partners' words or decisions ({} {}). Nothing is merged until you choose which to accept.",
                report.needs_approval.len(),
                if report.needs_approval.len() == 1 { "change" } else { "changes" }
            ),
            Self::FileRefused { purpose, file_name, message } => {
                let message = sentence(message);
                match purpose {
                    FilePurpose::Open => format!(
                        "\u{201c}{file_name}\u{201d} could not be opened. {message} Your current project has not been changed."
                    ),
                    FilePurpose::Merge => format!(
                        "\u{201c}{file_name}\u{201d} could not be merged. {message} Your project has not been changed."
                    ),
                    FilePurpose::ImportFeedback => {
                        format!("\u{201c}{file_name}\u{201d} could not be imported. {message}")
                    }
                    FilePurpose::ImportFeedbackText => format!("The pasted answers could not be imported. {message}"),
                    FilePurpose::AnnexList => format!("\u{201c}{file_name}\u{201d} could not be loaded. {message}"),
                }
            }
            Self::EditRefused { message, .. } => message.clone(),
            Self::DownloadFailed { file_name, message } => {
                format!("\u{201c}{file_name}\u{201d} could not be downloaded. {}", sentence(message))
            }
        }
    }

    /// For an error, the id of the field the error summary links to.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::FileRefused { purpose, .. } => Some(purpose.field()),
            Self::EditRefused { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The domain's message when it is about this form field, for the GOV.UK error message
    /// shown at the field itself.
    pub fn error_at(&self, field: &str) -> Option<&str> {
        match self {
            Self::EditRefused { message, field: Some(f) } if f == field => Some(message),
            _ => None,
        }
    }

    /// Whether the banner offers to undo what it reports.
    pub fn offers_undo(&self) -> bool {
        matches!(self, Self::ProjectReplaced { .. } | Self::Merged { changed: true, .. } | Self::Removed { .. })
    }
}

/// What a removal takes away, in words, from the project before it; `None` for other edits.
pub(super) fn removal(project: &Project, edit: &ProjectEdit) -> Option<String> {
    let quoted = |text: &str| format!("\u{201c}{}\u{201d}", text.chars().take(60).collect::<String>());
    Some(match edit {
        ProjectEdit::RemovePartner { id } => match project.partner(id) {
            Some(p) => format!("Removed the partner {}.", quoted(&p.name)),
            None => return None,
        },
        ProjectEdit::RemoveClosureDay { date } => format!("Removed the closure day {}.", long_date(*date)),
        ProjectEdit::Sef(SefEdit::RemoveEntry { .. }) => "Removed the entry.".into(),
        ProjectEdit::Sef(SefEdit::RemoveEvidence { id, .. }) => match project.sef.evidence.get(id) {
            Some(r) => format!("Removed the evidence {}.", quoted(&r.value().title)),
            None => return None,
        },
        ProjectEdit::RemoveEngagementMeeting { date } => {
            format!("Removed the engagement meeting on {}.", long_date(*date))
        }
        ProjectEdit::Plan(PlanEdit::RemoveRecommendation { .. }) => "Removed the area from the report.".into(),
        ProjectEdit::Plan(PlanEdit::RemoveAction { .. }) => "Removed the action.".into(),
        ProjectEdit::Plan(PlanEdit::RemoveGlossaryTerm { term }) => {
            format!("Removed {} from the glossary.", quoted(term))
        }
        _ => return None,
    })
}

/// The form field a refused edit is about: the ids the pages give their inputs, so the error
/// summary links to the place to fix. `None` when no one field is at fault.
pub(super) fn field_for(edit: &ProjectEdit, error: &EditError) -> Option<String> {
    let field = match (edit, error) {
        (ProjectEdit::AddPartner { .. }, _) => "new-partner-name",
        (ProjectEdit::AddClosureDay { .. }, _) => "closure-date-day",
        (ProjectEdit::AddEngagementMeeting { .. }, _) => "engagement-meeting-day",
        (_, EditError::Sef(SefError::UnknownPartner)) => "acting-as",
        (ProjectEdit::Sef(SefEdit::AddEntry { .. }), EditError::Sef(SefError::EmptyText)) => "new-entry-text",
        (ProjectEdit::Sef(SefEdit::SignOff { .. }), EditError::Sef(SefError::SignOffNeedsComment)) => "signoff-comment",
        (ProjectEdit::Sef(SefEdit::AddEvidence { .. }), EditError::Sef(SefError::EmptyTitle)) => "evidence-title",
        (ProjectEdit::Plan(PlanEdit::AddRecommendation { .. }), _) => "new-rec-text",
        (ProjectEdit::Plan(PlanEdit::SaveAction { action }), EditError::Plan(e)) => {
            let part = match e {
                PlanError::EmptyAction => "what",
                PlanError::UnknownPartner => "responsible",
                PlanError::PeriodBackwards => "end-day",
                _ => return None,
            };
            return Some(format!("action-{}-{part}", action.id.0));
        }
        (ProjectEdit::Plan(PlanEdit::AddGlossaryTerm { term }), _) => {
            if term.term.trim().is_empty() {
                "glossary-term"
            } else if term.expansion.trim().is_empty() {
                "glossary-expansion"
            } else {
                "glossary-plain"
            }
        }
        _ => return None,
    };
    Some(field.to_string())
}

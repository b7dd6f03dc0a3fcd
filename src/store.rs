//! The one app store: the project and its undo history, the Annex A session, and the one thing
//! the user needs to be told (`Notice`). `reduce` is a thin adapter over the domain; it does no
//! I/O, so it is tested on the host.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use crate::browser::ChosenBytes;
use crate::checks::session::{CheckOverview, FindingsPage, MappingOverride};
use crate::domain::example::example_project;
use crate::domain::history::History;
use std::collections::BTreeSet;

use crate::domain::merge::{self, ApprovalKey};
use crate::domain::project::{self, Project, ProjectEdit};
use crate::domain::project_file;

mod notice;
mod saving;
pub use notice::{FilePurpose, Notice};
use notice::{field_for, removal};
pub use saving::{KEPT_PREFIX, KeptCopy, KeptReason, LEGACY_UNREADABLE_KEY, Saving, kept_key};

/// A value shared between states and compared by pointer. Every change makes a new one, so two
/// states hold the same `Shared` only if nothing in it changed, and a large value (a project, a
/// check's findings) is never compared field by field when Yew asks whether to re-render.
#[derive(Debug, Default)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }

    /// The `Rc` inside, for what keeps snapshots (the undo history).
    pub fn rc(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Self(rc)
    }
}

/// Whether autosave to browser storage is working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageStatus {
    NotYetSaved,
    Saved,
    Failed(String),
}

/// What the browser said when asked to keep this site's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Unknown,
    Granted,
    NotGranted,
    Unsupported,
}

/// The Annex A spreadsheets being checked and what the last check found. Memory only: never
/// autosaved or exported; only a check's aggregates are saved, in the project.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnnexSession {
    /// The chosen files, by name.
    pub files: Shared<Vec<(String, ChosenBytes)>>,
    /// The last check's overview (the worker holds its findings).
    pub outcome: Option<Shared<CheckOverview>>,
    /// The page of findings on screen, as the worker sent it.
    pub page: Option<Shared<FindingsPage>>,
    /// What the worker is making for a download ("Making the Excel file…"), while it does.
    pub making: Option<String>,
    /// Corrections to how sheets were matched, applied on the next check.
    pub overrides: Shared<Vec<MappingOverride>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The project on screen. Every change makes a new one (through `project::apply`).
    pub project: Shared<Project>,
    /// Earlier and undone projects.
    pub history: Shared<History<Project>>,
    pub annex: AnnexSession,
    pub notice: Option<Notice>,
    pub storage: StorageStatus,
    pub persistence: Persistence,
    /// Whether autosave may write (it pauses rather than destroy work it has not seen).
    pub saving: Saving,
    /// The project as this tab last saved or read it from storage: while `project` is the
    /// same, this tab has nothing of its own to lose and can take another tab's saves.
    pub synced: Shared<Project>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AppAction {
    Edit(ProjectEdit),
    LoadExample,
    NewProject,
    OpenFile {
        file_name: String,
        bytes: Vec<u8>,
    },
    /// Merge a partner's copy of the project into this one.
    MergeFile {
        file_name: String,
        bytes: Vec<u8>,
    },
    /// Finish the merge waiting for approval, keeping as they are here the changes `declined`.
    ConfirmMerge {
        declined: BTreeSet<ApprovalKey>,
    },
    /// Add a family member's feedback file to the plan.
    ImportFeedback {
        file_name: String,
        bytes: Vec<u8>,
    },
    /// Answers pasted as text from the review page's "Copy my answers".
    ImportFeedbackText {
        text: String,
    },
    /// The browser could not read a file chosen for `purpose`.
    FileUnreadable {
        purpose: FilePurpose,
        file_name: String,
        message: String,
    },
    /// A download could not be made or saved.
    DownloadFailed {
        file_name: String,
        message: String,
    },
    /// Annex A spreadsheets were chosen (added to those already chosen, replacing same names).
    AnnexFilesChosen {
        files: Vec<(String, ChosenBytes)>,
    },
    AnnexRemoveFile {
        name: String,
    },
    /// A correction to the sheet and column matching; takes effect on the next check.
    AnnexOverride {
        correction: MappingOverride,
    },
    /// The worker finished a check: keep its overview in memory, save the aggregates.
    AnnexChecked {
        response: Box<CheckOverview>,
    },
    /// The worker sent the page of findings asked for.
    AnnexPage {
        page: Box<FindingsPage>,
    },
    /// The worker started (`Some`) or finished making a download.
    AnnexMaking {
        what: Option<String>,
    },
    Undo,
    Redo,
    DismissNotice,
    /// The user moved to another page: forget what was said about the last one.
    ClearMessages,
    StorageResult(Result<(), String>),
    PersistenceResult(Persistence),
    /// Another tab or window saved this text as the project (the browser's `storage` event).
    OtherTabSaved {
        text: String,
    },
    /// Carry on with the other tab's version (this tab's was kept aside first).
    UseOtherTab,
    /// Carry on with this tab's version and save again (the other's was kept aside first, or
    /// the user has downloaded the unreadable copy).
    KeepThisTab,
}

impl AppState {
    /// The state on start-up, from the text autosaved in browser storage (if any).
    /// With nothing stored, a newcomer sees the fictional example at once.
    pub fn restored(stored: Option<&str>) -> Self {
        let project = Shared::new(Project::default());
        let base = Self {
            project: project.clone(),
            history: Shared::default(),
            annex: AnnexSession::default(),
            notice: None,
            storage: StorageStatus::NotYetSaved,
            persistence: Persistence::Unknown,
            saving: Saving::On,
            synced: project,
        };
        match stored {
            None => Self { project: Shared::new(example_project()), ..base },
            Some(text) => match project_file::from_json(text) {
                Ok(project) => {
                    let project = Shared::new(project);
                    Self { project: project.clone(), synced: project, ..base }
                }
                Err(e) => Self {
                    notice: Some(Notice::RestoreProblem {
                        message: format!(
                            "The project saved in this browser could not be read: {e} You have a new, empty project."
                        ),
                    }),
                    ..base
                },
            },
        }
    }

    /// The state on start-up, as `restored`, with an unreadable autosave first kept aside by
    /// `keep_aside` (which writes a copy and reads it back). Only a confirmed copy lets autosave
    /// replace the original; otherwise saving pauses until the user has downloaded it.
    pub fn started(stored: Option<&str>, keep_aside: impl FnOnce(&str) -> Result<(), String>) -> Self {
        let state = Self::restored(stored);
        let (Some(text), Some(Notice::RestoreProblem { message })) = (stored, &state.notice) else {
            return state;
        };
        match keep_aside(text) {
            Ok(()) => {
                let message = format!(
                    "{message} A copy of it was kept aside: the \u{201c}Your data\u{201d} page lists it, to download or restore."
                );
                Self { notice: Some(Notice::RestoreProblem { message }), ..state }
            }
            Err(reason) => Self { saving: Saving::PausedUnreadable { reason }, ..state },
        }
    }

    /// The app crashed last time, on the page titled `page`: say so, beside any restore problem.
    pub fn after_crash(self, page: &str) -> Self {
        let page: String = page.chars().filter(|c| !c.is_control()).take(80).collect();
        let crash = format!(
            "The app stopped unexpectedly last time, on the \u{201c}{page}\u{201d} page. Everything up to your last change was kept. You are on this page so that you can save a copy of your project before you carry on."
        );
        let notice = match self.notice {
            Some(Notice::RestoreProblem { message }) => {
                Notice::RestoreProblem { message: format!("{crash} {message}") }
            }
            _ => Notice::Recovered { message: crash },
        };
        Self { notice: Some(notice), ..self }
    }

    /// Whether the autosaved copy could not be read (so it must be kept aside before autosave
    /// writes over it).
    pub fn restore_failed(&self) -> bool {
        matches!(self.notice, Some(Notice::RestoreProblem { .. }))
    }

    fn with_notice(&self, notice: Notice) -> Self {
        Self { notice: Some(notice), ..self.clone() }
    }

    /// The notice that outlasts a change of page or an undo: only the restore problem, which is
    /// about the whole app.
    fn lasting_notice(&self) -> Option<Notice> {
        self.notice.clone().filter(|n| matches!(n, Notice::RestoreProblem { .. } | Notice::Recovered { .. }))
    }

    fn with_history_step(&self, project: Project, coalesce: Option<String>, notice: Option<Notice>) -> Self {
        let mut history = (*self.history).clone();
        history.record(self.project.rc().clone(), coalesce);
        Self { project: Shared::new(project), history: Shared::new(history), notice, ..self.clone() }
    }

    /// Another partnership's project replaces this one: forget the spreadsheets loaded for this
    /// one, so no one's rows or findings carry over.
    fn switch_project(&self, project: Project, message: String) -> Self {
        Self {
            annex: AnnexSession::default(),
            ..self.with_history_step(project, None, Some(Notice::ProjectReplaced { message }))
        }
    }

    fn edit(&self, edit: ProjectEdit) -> Option<Self> {
        let key = edit.coalesce_key();
        let mut project = (*self.project).clone();
        match project::apply(&mut project, edit.clone()) {
            Ok(()) => {
                // A refusal is answered by the next edit that is accepted; a removal is reported.
                let notice = match removal(&self.project, &edit) {
                    Some(message) => Some(Notice::Removed { message }),
                    None => self.notice.clone().filter(|n| !matches!(n, Notice::EditRefused { .. })),
                };
                if project == *self.project {
                    (notice != self.notice).then(|| Self { notice, ..self.clone() })
                } else {
                    Some(self.with_history_step(project, key, notice))
                }
            }
            Err(e) => {
                let notice = Notice::EditRefused { message: e.to_string(), field: field_for(&edit, &e) };
                Some(self.with_notice(notice))
            }
        }
    }

    /// One step back (`undo`) or forward through the history, if there is one.
    fn step(&self, undo: bool) -> Option<Self> {
        let mut history = (*self.history).clone();
        let current = self.project.rc().clone();
        let project = if undo { history.undo(current) } else { history.redo(current) }?;
        Some(Self {
            project: project.into(),
            history: Shared::new(history),
            notice: self.lasting_notice(),
            ..self.clone()
        })
    }

    fn refuse_file(&self, purpose: FilePurpose, file_name: String, message: String) -> Self {
        self.with_notice(Notice::FileRefused { purpose, file_name, message })
    }

    /// Another tab saved `text`. With no changes of its own since it last saved, this tab takes
    /// that version; otherwise it stops saving and asks, so neither tab's work is overwritten.
    fn other_tab_saved(&self, text: String) -> Self {
        let incoming = project_file::from_json(&text);
        match incoming {
            Ok(theirs) if theirs == *self.project => {
                let saving =
                    if matches!(self.saving, Saving::PausedOtherTab { .. }) { Saving::On } else { self.saving.clone() };
                Self { synced: self.project.clone(), saving, ..self.clone() }
            }
            Ok(theirs) if self.project == self.synced && self.saving.is_on() => {
                let message = "Brought up to date with the changes saved in another tab or window.".into();
                let next = self.with_history_step(theirs, None, Some(Notice::ProjectReplaced { message }));
                Self { synced: next.project.clone(), ..next }
            }
            other => Self {
                saving: Saving::PausedOtherTab {
                    text: Shared::new(text),
                    incoming: other.map(Shared::new).map_err(|e| e.to_string()),
                },
                ..self.clone()
            },
        }
    }
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let next = match action {
            AppAction::Edit(edit) => match self.edit(edit) {
                Some(next) => next,
                None => return self,
            },
            AppAction::LoadExample => {
                self.switch_project(example_project(), "The fictional example partnership is loaded.".into())
            }
            AppAction::NewProject => {
                self.switch_project(Project::default(), "You have started a new, empty project.".into())
            }
            AppAction::OpenFile { file_name, bytes } => match project_file::from_bytes(&bytes) {
                Ok(project) => self.switch_project(project, format!("Opened \u{201c}{file_name}\u{201d}.")),
                Err(e) => self.refuse_file(FilePurpose::Open, file_name, e.to_string()),
            },
            AppAction::MergeFile { file_name, bytes } => {
                let result = project_file::from_bytes(&bytes).map_err(|e| e.to_string()).and_then(|incoming| {
                    let merged = merge::merge(&self.project, &incoming).map_err(|e| e.to_string())?;
                    Ok((incoming, merged))
                });
                match result {
                    Ok((incoming, (_, report))) if !report.needs_approval.is_empty() => self
                        .with_notice(Notice::MergeNeedsApproval { file_name, incoming: Shared::new(incoming), report }),
                    Ok((_, (merged, report))) if merged == *self.project => {
                        self.with_notice(Notice::Merged { file_name, report, changed: false })
                    }
                    Ok((_, (merged, report))) => {
                        self.with_history_step(merged, None, Some(Notice::Merged { file_name, report, changed: true }))
                    }
                    Err(message) => self.refuse_file(FilePurpose::Merge, file_name, message),
                }
            }
            AppAction::ConfirmMerge { declined } => {
                let Some(Notice::MergeNeedsApproval { file_name, incoming, .. }) = self.notice.clone() else {
                    return self;
                };
                match merge::merge_declining(&self.project, &incoming, &declined) {
                    Ok((merged, report)) => {
                        let changed = merged != *self.project;
                        let notice = Some(Notice::Merged { file_name, report, changed });
                        if changed {
                            self.with_history_step(merged, None, notice)
                        } else {
                            Self { notice, ..(*self).clone() }
                        }
                    }
                    Err(e) => self.refuse_file(FilePurpose::Merge, file_name, e.to_string()),
                }
            }
            AppAction::ImportFeedback { file_name, bytes } => {
                let mut project = (*self.project).clone();
                match crate::domain::plan::import_feedback(&mut project, &bytes) {
                    Ok(n) => {
                        let message = format!(
                            "Imported {n} comment{} from \u{201c}{file_name}\u{201d}.",
                            if n == 1 { "" } else { "s" }
                        );
                        self.with_history_step(project, None, Some(Notice::ProjectReplaced { message }))
                    }
                    Err(e) => self.refuse_file(FilePurpose::ImportFeedback, file_name, e.to_string()),
                }
            }
            AppAction::ImportFeedbackText { text } => {
                let mut project = (*self.project).clone();
                match crate::domain::plan::import_feedback_text(&mut project, &text) {
                    Ok(n) => {
                        let message = format!(
                            "Imported {} from the pasted answers.",
                            crate::domain::counting::count(n, "comment", "comments")
                        );
                        self.with_history_step(project, None, Some(Notice::ProjectReplaced { message }))
                    }
                    Err(e) => {
                        self.refuse_file(FilePurpose::ImportFeedbackText, "the pasted answers".into(), e.to_string())
                    }
                }
            }
            AppAction::FileUnreadable { purpose, file_name, message } => self.refuse_file(purpose, file_name, message),
            AppAction::DownloadFailed { file_name, message } => {
                self.with_notice(Notice::DownloadFailed { file_name, message })
            }
            AppAction::AnnexFilesChosen { files } => {
                let mut all: Vec<(String, ChosenBytes)> =
                    self.annex.files.iter().filter(|(n, _)| !files.iter().any(|(new, _)| new == n)).cloned().collect();
                all.extend(files);
                Self {
                    annex: AnnexSession { files: Shared::new(all), outcome: None, page: None, ..self.annex.clone() },
                    ..(*self).clone()
                }
            }
            AppAction::AnnexRemoveFile { name } => {
                let all: Vec<_> = self.annex.files.iter().filter(|(n, _)| *n != name).cloned().collect();
                Self {
                    annex: AnnexSession { files: Shared::new(all), outcome: None, page: None, ..self.annex.clone() },
                    ..(*self).clone()
                }
            }
            AppAction::AnnexOverride { correction } => {
                let mut all = (*self.annex.overrides).clone();
                all.push(correction);
                Self { annex: AnnexSession { overrides: Shared::new(all), ..self.annex.clone() }, ..(*self).clone() }
            }
            AppAction::AnnexChecked { response } => {
                let mut project = (*self.project).clone();
                crate::domain::annex_a::apply(
                    &mut project.annex_a,
                    crate::domain::annex_a::AnnexEdit::RecordCheck { summary: response.summary.clone() },
                );
                let page = Some(Shared::new(response.first.clone()));
                Self {
                    project: Shared::new(project),
                    annex: AnnexSession { outcome: Some(Shared::new(*response)), page, ..self.annex.clone() },
                    ..(*self).clone()
                }
            }
            AppAction::AnnexPage { page } => {
                // A page that arrives after the files changed is of no check on screen.
                if self.annex.outcome.is_none() {
                    return self;
                }
                Self { annex: AnnexSession { page: Some(Shared::new(*page)), ..self.annex.clone() }, ..(*self).clone() }
            }
            AppAction::AnnexMaking { what } => {
                Self { annex: AnnexSession { making: what, ..self.annex.clone() }, ..(*self).clone() }
            }
            AppAction::Undo => match self.step(true) {
                Some(next) => next,
                None => return self,
            },
            AppAction::Redo => match self.step(false) {
                Some(next) => next,
                None => return self,
            },
            AppAction::DismissNotice => Self { notice: None, ..(*self).clone() },
            AppAction::ClearMessages => Self { notice: self.lasting_notice(), ..(*self).clone() },
            AppAction::StorageResult(result) => match result {
                // What was written is the project on screen (the autosave runs as it changes).
                Ok(()) => Self { storage: StorageStatus::Saved, synced: self.project.clone(), ..(*self).clone() },
                Err(reason) => Self { storage: StorageStatus::Failed(reason), ..(*self).clone() },
            },
            AppAction::OtherTabSaved { text } => self.other_tab_saved(text),
            AppAction::UseOtherTab => {
                let Saving::PausedOtherTab { incoming: Ok(incoming), .. } = &self.saving else { return self };
                let message = "You are working on the version saved in the other tab or window. This tab\u{2019}s version is kept on the \u{201c}Your data\u{201d} page.".into();
                let next =
                    self.with_history_step((**incoming).clone(), None, Some(Notice::ProjectReplaced { message }));
                Self { saving: Saving::On, synced: next.project.clone(), ..next }
            }
            AppAction::KeepThisTab => Self { saving: Saving::On, ..(*self).clone() },
            AppAction::PersistenceResult(persistence) => Self { persistence, ..(*self).clone() },
        };
        // Nothing the user can see changed: keep the same state, so nothing re-renders.
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::PlanEdit;
    use crate::domain::project::{PartnerId, PartnerRole};
    use crate::domain::sef::SefEdit;

    fn run(state: AppState, actions: impl IntoIterator<Item = AppAction>) -> Rc<AppState> {
        actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a))
    }

    fn set_name(name: &str) -> AppAction {
        AppAction::Edit(ProjectEdit::SetAreaName { name: name.into() })
    }

    fn unnamed_partner() -> AppAction {
        AppAction::Edit(ProjectEdit::AddPartner {
            id: PartnerId("x".into()),
            name: "".into(),
            role: PartnerRole::Other,
        })
    }

    fn open(file_name: &str, bytes: &[u8]) -> AppAction {
        AppAction::OpenFile { file_name: file_name.into(), bytes: bytes.to_vec() }
    }

    #[test]
    fn first_run_shows_the_labelled_example() {
        let s = AppState::restored(None);
        assert!(s.project.is_example);
        assert!(s.notice.is_none());
    }

    #[test]
    fn stored_project_is_restored() {
        let p = Project { area_name: "Stored".into(), ..Project::default() };
        let s = AppState::restored(Some(&project_file::to_json(&p, "t")));
        assert_eq!(*s.project, p);
        assert!(s.notice.is_none() && !s.restore_failed());
    }

    #[test]
    fn unreadable_storage_is_reported_not_hidden_and_outlasts_a_change_of_page() {
        let s = AppState::restored(Some("{\"format\": \"area-send-pro"));
        assert!(s.restore_failed());
        let notice = s.notice.clone().unwrap();
        assert!(notice.message().contains("ends too early") && !notice.is_error());
        assert!(!s.project.is_example);
        let s = run(s, [AppAction::ClearMessages, set_name("Typed")]);
        assert!(s.restore_failed(), "still shown after moving page and typing");
        assert!(!s.reduce(AppAction::DismissNotice).restore_failed());
    }

    #[test]
    fn an_unreadable_autosave_is_replaced_only_after_a_copy_is_confirmed() {
        let stored = "{\"format\": \"area-send-pro";
        let mut kept = Vec::new();
        let s = AppState::started(Some(stored), |text| {
            kept.push(text.to_string());
            Ok(())
        });
        assert_eq!(kept, [stored]);
        assert!(s.saving.is_on());
        assert!(s.notice.as_ref().unwrap().message().contains("A copy of it was kept aside"));

        // Storage full: no copy, so nothing may be written, and the notice does not claim one.
        let s = AppState::started(Some(stored), |_| Err("browser storage is full".into()));
        assert_eq!(s.saving, Saving::PausedUnreadable { reason: "browser storage is full".into() });
        assert!(!s.notice.as_ref().unwrap().message().contains("kept aside"));
        assert!(s.saving.message().unwrap().contains("browser storage is full"));
        let s = run(s, [set_name("Typed")]);
        assert!(!s.saving.is_on(), "editing does not resume saving");
        assert!(s.reduce(AppAction::KeepThisTab).saving.is_on());

        // A readable autosave needs no copy.
        let readable = project_file::to_json(&Project::default(), "t");
        AppState::started(Some(&readable), |_| panic!("nothing to keep"));
    }

    #[test]
    fn another_tabs_save_is_taken_only_when_this_tab_has_nothing_of_its_own() {
        let mine = Project { area_name: "Mine".into(), ..Project::default() };
        let theirs = Project { area_name: "Theirs".into(), ..Project::default() };
        let text = |p: &Project| project_file::to_json(p, "2026-12-02T10:00:00Z");
        let saved = run(AppState::restored(Some(&text(&mine))), [AppAction::StorageResult(Ok(()))]);
        // Nothing changed here: take theirs, with Undo.
        let s = saved.clone().reduce(AppAction::OtherTabSaved { text: text(&theirs) });
        assert_eq!(s.project.area_name, "Theirs");
        assert!(s.saving.is_on() && s.project == s.synced && s.history.can_undo());
        // Our own save coming back changes nothing.
        let same = s.clone().reduce(AppAction::OtherTabSaved { text: text(&theirs) });
        assert_eq!(same.project, s.project);

        // Changed here since the last save: pause, keep both, let the user choose.
        let edited = run((*saved).clone(), [set_name("Mine, edited")]);
        let s = edited.clone().reduce(AppAction::OtherTabSaved { text: text(&theirs) });
        assert_eq!(s.project.area_name, "Mine, edited");
        assert!(matches!(&s.saving, Saving::PausedOtherTab { incoming: Ok(p), .. } if p.area_name == "Theirs"));
        assert!(s.saving.message().unwrap().contains("Theirs"));
        let kept_mine = s.clone().reduce(AppAction::KeepThisTab);
        assert!(kept_mine.saving.is_on() && kept_mine.project.area_name == "Mine, edited");
        let took_theirs = s.clone().reduce(AppAction::UseOtherTab);
        assert!(took_theirs.saving.is_on() && took_theirs.project.area_name == "Theirs");
        assert_eq!(took_theirs.reduce(AppAction::Undo).project.area_name, "Mine, edited");

        // A version this tab cannot read pauses too, even with nothing changed here.
        let s = saved.reduce(AppAction::OtherTabSaved { text: "{\"format\": 99".into() });
        assert!(matches!(s.saving, Saving::PausedOtherTab { incoming: Err(_), .. }));
        assert_eq!(s.clone().reduce(AppAction::UseOtherTab), s, "nothing to switch to");
    }

    #[test]
    fn after_a_crash_the_start_says_where_and_keeps_saying_it() {
        let s = AppState::restored(None).after_crash("Annex A\u{1b}[2J");
        let message = s.notice.as_ref().unwrap().message();
        assert!(
            message.contains("\u{201c}Annex A[2J\u{201d} page")
                && message.contains("Everything up to your last change")
        );
        let s = run(s, [AppAction::ClearMessages]);
        assert!(matches!(s.notice, Some(Notice::Recovered { .. })));
        let both = AppState::started(Some("{"), |_| Ok(())).after_crash("Plan");
        assert!(both.restore_failed() && both.notice.unwrap().message().contains("could not be read"));
    }

    #[test]
    fn corrupt_file_leaves_work_untouched() {
        let s = run(AppState::restored(None), [set_name("Mine")]);
        let before = s.project.clone();
        let s = s.reduce(open("bad.json", b"{\"format\":"));
        assert_eq!(s.project, before);
        let Some(Notice::FileRefused { purpose: FilePurpose::Open, file_name, message }) = s.notice.clone() else {
            panic!("{:?}", s.notice)
        };
        assert_eq!(file_name, "bad.json");
        assert!(message.contains("ends too early"));
        let notice = s.notice.as_ref().unwrap();
        assert!(notice.is_error());
        assert_eq!(notice.field(), Some("open-project"));
        assert!(notice.message().starts_with("\u{201c}bad.json\u{201d} could not be opened. "));
        assert!(notice.message().ends_with(" Your current project has not been changed."));
    }

    #[test]
    fn opening_a_good_file_replaces_and_can_be_undone() {
        let other = Project { area_name: "Other".into(), ..Project::default() };
        let bytes = project_file::to_json(&other, "t").into_bytes();
        let s = run(AppState::restored(None), [open("o.json", &bytes)]);
        assert_eq!(s.project.area_name, "Other");
        let notice = s.notice.clone().unwrap();
        assert_eq!(notice, Notice::ProjectReplaced { message: "Opened \u{201c}o.json\u{201d}.".into() });
        assert!(notice.offers_undo() && !notice.is_error());
        let s = s.reduce(AppAction::Undo);
        assert!(s.project.is_example);
        assert!(s.notice.is_none(), "the undone replacement is no longer news");
    }

    #[test]
    fn an_open_failure_replaces_a_replaced_project_notice() {
        let s = run(AppState::restored(None), [AppAction::NewProject]);
        assert!(matches!(s.notice, Some(Notice::ProjectReplaced { .. })));
        let s = s.reduce(open("cut.json", b"{"));
        assert!(matches!(s.notice, Some(Notice::FileRefused { purpose: FilePurpose::Open, .. })));
        assert!(!s.project.is_example, "the new project is still there");
    }

    #[test]
    fn dismissing_or_leaving_the_page_clears_the_notice() {
        let s = run(AppState::restored(None), [AppAction::LoadExample]);
        assert!(s.notice.is_some());
        assert!(s.clone().reduce(AppAction::DismissNotice).notice.is_none());
        assert!(s.reduce(AppAction::ClearMessages).notice.is_none());
    }

    #[test]
    fn a_refused_edit_gives_the_domains_message_and_changes_nothing() {
        let s = run(AppState::restored(None), [AppAction::NewProject, set_name("N"), set_name("No"), set_name("Nor")]);
        assert_eq!(s.project.area_name, "Nor");
        let s = s.reduce(AppAction::Undo);
        assert_eq!(s.project.area_name, "", "typing is one undo step");
        let before = s.clone();
        let s = s.reduce(unnamed_partner());
        assert_eq!(
            s.notice,
            Some(Notice::EditRefused {
                message: "Enter the partner's name.".into(),
                field: Some("new-partner-name".into())
            })
        );
        let notice = s.notice.as_ref().unwrap();
        assert_eq!(notice.error_at("new-partner-name"), Some("Enter the partner's name."));
        assert_eq!(notice.error_at("area-name"), None);
        assert_eq!(s.project, before.project);
        assert_eq!(s.history, before.history, "no undo step for a refused edit");
        // The message is the domain's own verdict on the same edit.
        let AppAction::Edit(edit) = unnamed_partner() else { unreachable!() };
        assert_eq!(project::check(&s.project, &edit).unwrap_err().to_string(), notice.message());
        // The next accepted edit answers the refusal.
        let s = s.reduce(set_name("Westvale"));
        assert!(s.notice.is_none());
    }

    #[test]
    fn a_refused_edit_of_the_same_kind_twice_does_not_rerender() {
        let s = run(AppState::restored(None), [unnamed_partner()]);
        let again = s.clone().reduce(unnamed_partner());
        assert!(Rc::ptr_eq(&s, &again));
    }

    #[test]
    fn a_removal_says_what_went_and_offers_undo() {
        let s = Rc::new(AppState::restored(None));
        let partner = s.project.partners[0].clone();
        let s = s.reduce(AppAction::Edit(ProjectEdit::RemovePartner { id: partner.id.clone() }));
        let notice = s.notice.clone().expect("a notice");
        assert_eq!(notice.message(), format!("Removed the partner \u{201c}{}\u{201d}.", partner.name));
        assert!(notice.offers_undo() && !notice.is_error());
        let s = s.reduce(AppAction::Undo);
        assert_eq!(s.project.partners[0], partner);
        // An edit that removes nothing is not reported as a removal.
        let s = s.reduce(AppAction::Edit(ProjectEdit::SetAreaName { name: "Westvale".into() }));
        assert!(s.notice.is_none());
    }

    #[test]
    fn refusals_point_at_the_field_to_fix() {
        use crate::domain::plan::{Action, ActionId, Recommendation, RecommendationId, RecommendationKind};
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::{EntryId, EntryKind};
        let s = AppState::restored(None);
        let nobody = Stamp { rev: RevId("r".into()), by: PartnerId(String::new()), at: "t".into() };
        let field = |edit: ProjectEdit| {
            let s = Rc::new(s.clone()).reduce(AppAction::Edit(edit));
            s.notice.as_ref().and_then(|n| n.field().map(str::to_string))
        };
        let entry = |stamp: Stamp, text: &str| {
            ProjectEdit::Sef(SefEdit::AddEntry {
                id: EntryId("e".into()),
                stamp,
                criterion: "A1".into(),
                kind: EntryKind::Strength,
                text: text.into(),
            })
        };
        assert_eq!(field(entry(nobody.clone(), "Words")).as_deref(), Some("acting-as"));
        let forum = Stamp { by: PartnerId("example-pcf".into()), ..nobody };
        assert_eq!(field(entry(forum, " ")).as_deref(), Some("new-entry-text"));
        let area = Recommendation {
            id: RecommendationId("r".into()),
            kind: RecommendationKind::Improvement,
            text: " ".into(),
            responsible_body: String::new(),
        };
        assert_eq!(
            field(ProjectEdit::Plan(PlanEdit::AddRecommendation { recommendation: area.clone() })).as_deref(),
            Some("new-rec-text")
        );
        let s = Rc::new(s.clone()).reduce(AppAction::Edit(ProjectEdit::Plan(PlanEdit::AddRecommendation {
            recommendation: Recommendation { text: "Improve.".into(), ..area },
        })));
        let backwards = Action {
            id: ActionId("a1".into()),
            recommendation: RecommendationId("r".into()),
            what: "Something".into(),
            responsible: None,
            start: "2026-05-01".parse().ok(),
            end: "2026-04-01".parse().ok(),
            milestones: Vec::new(),
            measures: Vec::new(),
            involvement: String::new(),
            criteria: Default::default(),
            evidence: Default::default(),
            ..Default::default()
        };
        let s = s.reduce(AppAction::Edit(ProjectEdit::Plan(PlanEdit::SaveAction { action: Box::new(backwards) })));
        let notice = s.notice.clone().unwrap();
        assert_eq!(notice.message(), "The end date is before the start date.");
        assert_eq!(notice.field(), Some("action-a1-end-day"));
    }

    #[test]
    fn a_download_failure_is_an_error_notice_not_an_open_failure() {
        let s = run(
            AppState::restored(None),
            [AppAction::DownloadFailed {
                file_name: "plan.docx".into(),
                message: "the browser could not create the download".into(),
            }],
        );
        let notice = s.notice.clone().unwrap();
        assert!(matches!(notice, Notice::DownloadFailed { .. }) && notice.is_error());
        assert_eq!(
            notice.message(),
            "\u{201c}plan.docx\u{201d} could not be downloaded. The browser could not create the download."
        );
        assert!(!notice.message().contains("opened"));
        assert_eq!(notice.field(), None);
    }

    #[test]
    fn a_file_the_browser_cannot_read_names_what_did_not_happen() {
        let refused = |purpose| {
            let s = run(
                AppState::restored(None),
                [AppAction::FileUnreadable { purpose, file_name: "f.json".into(), message: "gone".into() }],
            );
            s.notice.clone().unwrap()
        };
        assert!(refused(FilePurpose::Merge).message().contains("could not be merged. Gone. Your project"));
        assert_eq!(refused(FilePurpose::ImportFeedback).field(), Some("import-feedback"));
        assert_eq!(refused(FilePurpose::AnnexList).field(), Some("annex-files"));
    }

    #[test]
    fn a_file_that_removes_another_partners_words_waits_for_approval() {
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::EntryId;
        let local = AppState::restored(None);
        let mut theirs = (*local.project).clone();
        theirs.acting_as = Some(PartnerId("example-la".into()));
        let ids: Vec<EntryId> = theirs.sef.entries.keys().cloned().collect();
        for (n, id) in ids.iter().enumerate() {
            let stamp = Stamp {
                rev: RevId(format!("rm{n}")),
                by: PartnerId("example-la".into()),
                at: "2026-11-20T10:00:00Z".into(),
            };
            project::apply(&mut theirs, ProjectEdit::Sef(SefEdit::RemoveEntry { id: id.clone(), stamp })).unwrap();
        }
        let bytes = project_file::to_json(&theirs, "2026-11-21T10:00:00Z").into_bytes();
        let live = |s: &AppState| s.project.sef.entries.values().filter(|r| !r.value().removed).count();
        let before = live(&local);
        let s = Rc::new(local).reduce(AppAction::MergeFile { file_name: "la.json".into(), bytes });
        let Some(Notice::MergeNeedsApproval { report, .. }) = s.notice.clone() else { panic!("{:?}", s.notice) };
        assert!(!report.needs_approval.is_empty());
        assert_eq!(live(&s), before, "nothing merged before the user chooses");
        // Declining every change to other partners keeps their words; the LA's own removals go.
        let declined = report.needs_approval.iter().map(|a| a.key.clone()).collect();
        let s = s.reduce(AppAction::ConfirmMerge { declined });
        assert!(matches!(s.notice, Some(Notice::Merged { changed: true, .. })));
        let kept = live(&s);
        assert!(kept > 0 && kept < before, "{kept} of {before}");
        // Cancelling merges nothing.
        let again = Rc::new(AppState::restored(None));
        let bytes = project_file::to_json(&theirs, "2026-11-21T10:00:00Z").into_bytes();
        let waiting = again.clone().reduce(AppAction::MergeFile { file_name: "la.json".into(), bytes });
        let cancelled = waiting.reduce(AppAction::DismissNotice);
        assert_eq!(cancelled.project, again.project);
    }

    #[test]
    fn merging_a_partners_file_reports_and_can_be_undone() {
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::{EntryId, EntryKind};
        let local = AppState::restored(None);
        let before = local.project.sef.entries.len();
        let mut theirs = (*local.project).clone();
        let stamp =
            Stamp { rev: RevId("r".into()), by: PartnerId("example-pcf".into()), at: "2026-11-20T10:00:00Z".into() };
        project::apply(
            &mut theirs,
            ProjectEdit::Sef(SefEdit::AddEntry {
                id: EntryId("e".into()),
                stamp,
                criterion: "A1".into(),
                kind: EntryKind::Strength,
                text: "Ours".into(),
            }),
        )
        .unwrap();
        let bytes = project_file::to_json(&theirs, "2026-11-21T10:00:00Z").into_bytes();
        let s = Rc::new(local).reduce(AppAction::MergeFile { file_name: "pcf.json".into(), bytes: bytes.clone() });
        let Some(Notice::Merged { report, changed: true, .. }) = &s.notice else { panic!("{:?}", s.notice) };
        assert_eq!(report.new_entries, 1);
        assert!(s.notice.as_ref().unwrap().offers_undo());
        assert_eq!(s.project.sef.entries.len(), before + 1);
        let again = s.clone().reduce(AppAction::MergeFile { file_name: "pcf.json".into(), bytes });
        assert_eq!(again.project, s.project);
        let notice = again.notice.clone().unwrap();
        assert!(notice.message().contains("nothing new"));
        assert!(!notice.offers_undo(), "nothing to undo when nothing came in");
        let undone = s.reduce(AppAction::Undo);
        assert_eq!(undone.project.sef.entries.len(), before);
        let bad = undone.reduce(AppAction::MergeFile { file_name: "x.json".into(), bytes: b"nope".to_vec() });
        assert!(matches!(bad.notice, Some(Notice::FileRefused { purpose: FilePurpose::Merge, .. })));
    }

    #[test]
    fn a_check_shows_its_first_page_then_the_pages_the_worker_sends_until_the_files_change() {
        use crate::checks::groups::FindingFilter;
        use crate::checks::session::{self, CheckRequest, InputFile, PAGE_SIZE};
        let bytes = crate::checks::example_data::example_workbook().unwrap();
        let request = CheckRequest::new("full-2025", "2026-11-23".parse().unwrap());
        let outcome =
            session::run(&request, [InputFile { name: "ex.xlsx".into(), bytes: Ok(bytes) }], 1, &mut |_| {}).unwrap();
        let overview = outcome.overview(PAGE_SIZE);
        let s =
            Rc::new(AppState::restored(None)).reduce(AppAction::AnnexChecked { response: Box::new(overview.clone()) });
        assert_eq!(s.annex.page.as_deref(), Some(&overview.first));
        assert_eq!(s.project.annex_a.last_check.as_ref().map(|c| c.errors), Some(overview.summary.errors));
        let second = outcome.findings_page(&FindingFilter::default(), 1, PAGE_SIZE);
        let s = s.reduce(AppAction::AnnexPage { page: Box::new(second.clone()) });
        assert_eq!(s.annex.page.as_deref(), Some(&second));
        let s = s.reduce(AppAction::AnnexMaking { what: Some("Making the Excel file\u{2026}".into()) });
        assert!(s.annex.making.is_some());
        let s = s.reduce(AppAction::AnnexRemoveFile { name: "ex.xlsx".into() });
        assert!(s.annex.outcome.is_none() && s.annex.page.is_none());
        // A page that arrives late, after the files changed, belongs to no check on screen.
        let s = s.reduce(AppAction::AnnexPage { page: Box::new(second) });
        assert!(s.annex.page.is_none());
    }

    #[test]
    fn loaded_spreadsheets_are_forgotten_when_another_project_replaces_this_one() {
        let s = Rc::new(AppState::restored(None)).reduce(AppAction::AnnexFilesChosen {
            files: vec![("l1.csv".into(), ChosenBytes::Made(Rc::new(b"Unique ID\nFICT-1".to_vec())))],
        });
        assert_eq!(s.annex.files.len(), 1);
        let s = s.reduce(AppAction::NewProject);
        assert!(s.annex.files.is_empty() && s.annex.outcome.is_none());
    }

    #[test]
    fn equality_is_by_pointer_for_the_project() {
        let a = AppState::restored(None);
        let mut b = a.clone();
        assert_eq!(a, b);
        b.project = Shared::new((*a.project).clone());
        assert_ne!(a, b, "an equal copy is still a different project to render");
    }

    #[test]
    fn repeated_storage_success_does_not_rerender() {
        let s = Rc::new(AppState::restored(None)).reduce(AppAction::StorageResult(Ok(())));
        let again = s.clone().reduce(AppAction::StorageResult(Ok(())));
        assert!(Rc::ptr_eq(&s, &again));
        let failed = again.reduce(AppAction::StorageResult(Err("full".into())));
        assert_eq!(failed.storage, StorageStatus::Failed("full".into()));
    }
}

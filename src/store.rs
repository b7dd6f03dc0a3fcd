//! The one app store: the project, its undo history and what the user needs to be told.
//! `reduce` is a thin adapter over the domain; it does no I/O, so it is tested on the host.

use std::rc::Rc;

use yew::Reducible;

use crate::annex_worker::{CheckResponse, MappingOverride};
use crate::domain::example::example_project;
use crate::domain::history::History;
use crate::domain::merge::{self, MergeReport};
use crate::domain::project::{self, Project, ProjectEdit};
use crate::domain::project_file;

/// A project file that could not be opened. Shown in an error summary; work is untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenError {
    pub file_name: String,
    pub message: String,
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

#[derive(Debug, Clone)]
pub struct AppState {
    pub project: Rc<Project>,
    pub history: History<Project>,
    /// What just replaced the project (opened a file, loaded the example), with an Undo button.
    pub notice: Option<String>,
    pub open_error: Option<OpenError>,
    pub edit_error: Option<String>,
    pub storage: StorageStatus,
    pub persistence: Persistence,
    /// The copy in browser storage could not be read; it was kept aside, not overwritten.
    pub restore_problem: Option<String>,
    /// What the last merge brought in, and from which file.
    pub merge_report: Option<(String, MergeReport)>,
    /// Annex A spreadsheets chosen for checking. Memory only: never autosaved or exported.
    pub annex_files: Rc<Vec<(String, Rc<Vec<u8>>)>>,
    /// The last check's findings. Memory only; its aggregates are saved in the project.
    pub annex_result: Option<Rc<CheckResponse>>,
    /// Corrections to how sheets were matched, applied on the next check.
    pub annex_overrides: Rc<Vec<MappingOverride>>,
}

/// Yew's context needs equality. The project is compared by pointer (edits always make a new
/// `Rc`), and the history by what the page shows of it.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.project, &other.project)
            && self.history.can_undo() == other.history.can_undo()
            && self.history.can_redo() == other.history.can_redo()
            && self.notice == other.notice
            && self.open_error == other.open_error
            && self.edit_error == other.edit_error
            && self.storage == other.storage
            && self.persistence == other.persistence
            && self.restore_problem == other.restore_problem
            && self.merge_report == other.merge_report
            && Rc::ptr_eq(&self.annex_files, &other.annex_files)
            && match (&self.annex_result, &other.annex_result) {
                // By pointer: a large result is never compared cell by cell on a render.
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && Rc::ptr_eq(&self.annex_overrides, &other.annex_overrides)
    }
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
    OpenFailed {
        file_name: String,
        message: String,
    },
    /// Merge a partner's copy of the project into this one.
    MergeFile {
        file_name: String,
        bytes: Vec<u8>,
    },
    /// Forget messages about the page being left.
    ClearMessages,
    /// Annex A spreadsheets were chosen (added to those already chosen, replacing same names).
    AnnexFilesChosen {
        files: Vec<(String, Vec<u8>)>,
    },
    AnnexRemoveFile {
        name: String,
    },
    /// A correction to the sheet and column matching; takes effect on the next check.
    AnnexOverride {
        correction: MappingOverride,
    },
    /// The worker finished a check: keep the findings in memory, save the aggregates.
    AnnexChecked {
        response: Box<CheckResponse>,
    },
    /// Add a family member's feedback file to the plan.
    ImportFeedback {
        file_name: String,
        bytes: Vec<u8>,
    },
    Undo,
    Redo,
    DismissNotice,
    StorageResult(Result<(), String>),
    PersistenceResult(Persistence),
}

impl AppState {
    /// The state on start-up, from the text autosaved in browser storage (if any).
    /// With nothing stored, a newcomer sees the fictional example at once.
    pub fn restored(stored: Option<&str>) -> Self {
        let base = Self {
            project: Rc::new(Project::default()),
            history: History::default(),
            notice: None,
            open_error: None,
            edit_error: None,
            storage: StorageStatus::NotYetSaved,
            persistence: Persistence::Unknown,
            restore_problem: None,
            merge_report: None,
            annex_files: Rc::new(Vec::new()),
            annex_result: None,
            annex_overrides: Rc::new(Vec::new()),
        };
        match stored {
            None => Self { project: Rc::new(example_project()), ..base },
            Some(text) => match project_file::from_json(text) {
                Ok(project) => Self { project: Rc::new(project), ..base },
                Err(e) => Self {
                    restore_problem: Some(format!(
                        "The project saved in this browser could not be read ({e}) A copy was kept aside in browser storage; you have a new, empty project."
                    )),
                    ..base
                },
            },
        }
    }

    fn replace_project(&self, project: Project, message: String) -> Self {
        let mut history = self.history.clone();
        history.record(self.project.clone(), None);
        Self {
            project: Rc::new(project),
            history,
            notice: Some(message),
            open_error: None,
            edit_error: None,
            ..self.clone()
        }
    }

    /// Another partnership's project replaces this one: forget the spreadsheets loaded for this
    /// one, so no one's rows or findings carry over.
    fn switch_project(&self, project: Project, message: String) -> Self {
        Self {
            annex_files: Rc::new(Vec::new()),
            annex_result: None,
            annex_overrides: Rc::new(Vec::new()),
            ..self.replace_project(project, message)
        }
    }
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        match action {
            AppAction::Edit(edit) => {
                let key = edit.coalesce_key();
                let mut project = (*self.project).clone();
                match project::apply(&mut project, edit) {
                    Ok(()) if project == *self.project => self,
                    Ok(()) => {
                        let mut history = self.history.clone();
                        history.record(self.project.clone(), key);
                        Rc::new(Self { project: Rc::new(project), history, edit_error: None, ..(*self).clone() })
                    }
                    Err(e) => Rc::new(Self { edit_error: Some(e.to_string()), ..(*self).clone() }),
                }
            }
            AppAction::LoadExample => {
                Rc::new(self.switch_project(example_project(), "The fictional example partnership is loaded.".into()))
            }
            AppAction::NewProject => {
                Rc::new(self.switch_project(Project::default(), "You have started a new, empty project.".into()))
            }
            AppAction::OpenFile { file_name, bytes } => match project_file::from_bytes(&bytes) {
                Ok(project) => Rc::new(self.switch_project(project, format!("Opened \u{201c}{file_name}\u{201d}."))),
                Err(e) => Rc::new(Self {
                    open_error: Some(OpenError { file_name, message: e.to_string() }),
                    notice: None,
                    ..(*self).clone()
                }),
            },
            AppAction::MergeFile { file_name, bytes } => {
                let result = project_file::from_bytes(&bytes)
                    .map_err(|e| e.to_string())
                    .and_then(|incoming| merge::merge(&self.project, &incoming).map_err(|e| e.to_string()));
                match result {
                    Ok((merged, report)) => {
                        let message = format!("Merged \u{201c}{file_name}\u{201d}.");
                        let mut next = if merged == *self.project {
                            Self {
                                notice: Some(format!("{message} It held nothing new.")),
                                open_error: None,
                                ..(*self).clone()
                            }
                        } else {
                            self.replace_project(merged, message)
                        };
                        next.merge_report = Some((file_name, report));
                        Rc::new(next)
                    }
                    Err(message) => Rc::new(Self {
                        open_error: Some(OpenError { file_name, message }),
                        notice: None,
                        ..(*self).clone()
                    }),
                }
            }
            AppAction::ImportFeedback { file_name, bytes } => {
                let mut project = (*self.project).clone();
                match crate::domain::plan::import_feedback(&mut project, &bytes) {
                    Ok(n) => Rc::new(self.replace_project(
                        project,
                        format!(
                            "Imported {n} comment{} from \u{201c}{file_name}\u{201d}.",
                            if n == 1 { "" } else { "s" }
                        ),
                    )),
                    Err(e) => Rc::new(Self {
                        open_error: Some(OpenError { file_name, message: e.to_string() }),
                        notice: None,
                        ..(*self).clone()
                    }),
                }
            }
            AppAction::AnnexFilesChosen { files } => {
                let mut all: Vec<(String, Rc<Vec<u8>>)> =
                    self.annex_files.iter().filter(|(n, _)| !files.iter().any(|(new, _)| new == n)).cloned().collect();
                all.extend(files.into_iter().map(|(n, b)| (n, Rc::new(b))));
                Rc::new(Self { annex_files: Rc::new(all), annex_result: None, ..(*self).clone() })
            }
            AppAction::AnnexRemoveFile { name } => {
                let all: Vec<_> = self.annex_files.iter().filter(|(n, _)| *n != name).cloned().collect();
                Rc::new(Self { annex_files: Rc::new(all), annex_result: None, ..(*self).clone() })
            }
            AppAction::AnnexOverride { correction } => {
                let mut all = (*self.annex_overrides).clone();
                all.push(correction);
                Rc::new(Self { annex_overrides: Rc::new(all), ..(*self).clone() })
            }
            AppAction::AnnexChecked { response } => {
                let mut project = (*self.project).clone();
                crate::domain::annex_a::apply(
                    &mut project.annex_a,
                    crate::domain::annex_a::AnnexEdit::RecordCheck { summary: response.report.summary.clone() },
                );
                Rc::new(Self { project: Rc::new(project), annex_result: Some(Rc::new(*response)), ..(*self).clone() })
            }
            AppAction::ClearMessages => {
                if self.open_error.is_none()
                    && self.edit_error.is_none()
                    && self.merge_report.is_none()
                    && self.notice.is_none()
                {
                    self
                } else {
                    Rc::new(Self {
                        open_error: None,
                        edit_error: None,
                        merge_report: None,
                        notice: None,
                        ..(*self).clone()
                    })
                }
            }
            AppAction::OpenFailed { file_name, message } => {
                Rc::new(Self { open_error: Some(OpenError { file_name, message }), notice: None, ..(*self).clone() })
            }
            AppAction::Undo => {
                let mut history = self.history.clone();
                match history.undo(self.project.clone()) {
                    Some(previous) => Rc::new(Self { project: previous, history, notice: None, ..(*self).clone() }),
                    None => self,
                }
            }
            AppAction::Redo => {
                let mut history = self.history.clone();
                match history.redo(self.project.clone()) {
                    Some(next) => Rc::new(Self { project: next, history, notice: None, ..(*self).clone() }),
                    None => self,
                }
            }
            AppAction::DismissNotice => {
                Rc::new(Self { notice: None, open_error: None, edit_error: None, ..(*self).clone() })
            }
            AppAction::StorageResult(result) => {
                let storage = match result {
                    Ok(()) => StorageStatus::Saved,
                    Err(reason) => StorageStatus::Failed(reason),
                };
                if storage == self.storage { self } else { Rc::new(Self { storage, ..(*self).clone() }) }
            }
            AppAction::PersistenceResult(persistence) => Rc::new(Self { persistence, ..(*self).clone() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::{PartnerId, PartnerRole};

    fn run(state: AppState, actions: impl IntoIterator<Item = AppAction>) -> Rc<AppState> {
        actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a))
    }

    fn set_name(name: &str) -> AppAction {
        AppAction::Edit(ProjectEdit::SetAreaName { name: name.into() })
    }

    #[test]
    fn first_run_shows_the_labelled_example() {
        let s = AppState::restored(None);
        assert!(s.project.is_example);
        assert!(s.notice.is_none() && s.restore_problem.is_none());
    }

    #[test]
    fn stored_project_is_restored() {
        let p = Project { area_name: "Stored".into(), ..Project::default() };
        let s = AppState::restored(Some(&project_file::to_json(&p, "t")));
        assert_eq!(*s.project, p);
        assert!(s.notice.is_none() && s.restore_problem.is_none());
    }

    #[test]
    fn unreadable_storage_is_reported_not_hidden() {
        let s = AppState::restored(Some("{\"format\": \"area-send-pro"));
        assert!(s.restore_problem.unwrap().contains("ends too early"));
        assert!(!s.project.is_example);
    }

    #[test]
    fn corrupt_file_leaves_work_untouched() {
        let s = run(AppState::restored(None), [set_name("Mine")]);
        let before = s.project.clone();
        let s = s.reduce(AppAction::OpenFile { file_name: "bad.json".into(), bytes: b"{\"format\":".to_vec() });
        assert_eq!(s.project, before);
        let err = s.open_error.clone().unwrap();
        assert_eq!(err.file_name, "bad.json");
        assert!(err.message.contains("ends too early"));
    }

    #[test]
    fn opening_a_good_file_replaces_and_can_be_undone() {
        let other = Project { area_name: "Other".into(), ..Project::default() };
        let bytes = project_file::to_json(&other, "t").into_bytes();
        let s = run(AppState::restored(None), [AppAction::OpenFile { file_name: "o.json".into(), bytes }]);
        assert_eq!(s.project.area_name, "Other");
        assert!(s.notice.as_ref().unwrap().contains("o.json"));
        let s = s.reduce(AppAction::Undo);
        assert!(s.project.is_example);
    }

    #[test]
    fn typing_is_one_undo_step_and_errors_are_shown() {
        let s = run(AppState::restored(None), [AppAction::NewProject, set_name("N"), set_name("No"), set_name("Nor")]);
        assert_eq!(s.project.area_name, "Nor");
        let s = s.reduce(AppAction::Undo);
        assert_eq!(s.project.area_name, "");
        let s = s.reduce(AppAction::Edit(ProjectEdit::AddPartner {
            id: PartnerId("x".into()),
            name: "".into(),
            role: PartnerRole::Other,
        }));
        assert_eq!(s.edit_error.as_deref(), Some("Enter the partner's name."));
    }

    #[test]
    fn merging_a_partners_file_reports_and_can_be_undone() {
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::{EntryId, EntryKind, SefEdit};
        let local = AppState::restored(None);
        let before = local.project.sef.entries.len();
        let mut theirs = (*local.project).clone();
        let stamp = Stamp { rev: RevId("r".into()), by: PartnerId("example-pcf".into()), at: "t".into() };
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
        let bytes = project_file::to_json(&theirs, "t").into_bytes();
        let s = Rc::new(local).reduce(AppAction::MergeFile { file_name: "pcf.json".into(), bytes: bytes.clone() });
        assert_eq!(s.merge_report.as_ref().unwrap().1.new_entries, 1);
        assert_eq!(s.project.sef.entries.len(), before + 1);
        let again = s.clone().reduce(AppAction::MergeFile { file_name: "pcf.json".into(), bytes });
        assert_eq!(again.project, s.project);
        assert!(again.notice.as_ref().unwrap().contains("nothing new"));
        let undone = s.reduce(AppAction::Undo);
        assert_eq!(undone.project.sef.entries.len(), before);
        let bad = undone.reduce(AppAction::MergeFile { file_name: "x.json".into(), bytes: b"nope".to_vec() });
        assert!(bad.open_error.is_some());
    }

    #[test]
    fn loaded_spreadsheets_are_forgotten_when_another_project_replaces_this_one() {
        let s = Rc::new(AppState::restored(None))
            .reduce(AppAction::AnnexFilesChosen { files: vec![("l1.csv".into(), b"Unique ID\nFICT-1".to_vec())] });
        assert_eq!(s.annex_files.len(), 1);
        let s = s.reduce(AppAction::NewProject);
        assert!(s.annex_files.is_empty() && s.annex_result.is_none());
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

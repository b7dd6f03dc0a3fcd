use yew::prelude::*;

use super::browser;
use super::store::{AppAction, AppState, FilePurpose};
use crate::domain::project::{self, PartnerId, ProjectEdit};
use crate::domain::register::{RevId, Stamp};
use crate::domain::sef::SefEdit;
use crate::export::downloads::{self, Document, Download, Format};

/// Drafts of forms are kept under this prefix, one key per form.
const DRAFT_PREFIX: &str = "area-send.draft.";

/// A form's state that outlives a crash, a reload or leaving the page: what is typed but not yet
/// added is kept in browser storage (typed text only) and comes back when the form is next shown.
/// Back at `baseline` (the form cleared or unchanged) the draft is forgotten.
#[hook]
pub fn use_draft<T>(form: &str, baseline: T) -> UseStateHandle<T>
where
    T: Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let key = format!("{DRAFT_PREFIX}{form}");
    let state = {
        let (key, baseline) = (key.clone(), baseline.clone());
        use_state(move || {
            let kept = browser::storage_get(&key).ok().flatten();
            kept.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or(baseline)
        })
    };
    use_effect_with((*state).clone(), move |value| {
        if *value == baseline {
            let _ = browser::storage_remove(&key);
        } else if let Ok(text) = serde_json::to_string(value) {
            // A full disk loses only the draft, never the project; autosave reports storage.
            let _ = browser::storage_set(&key, &text);
        }
    });
    state
}

/// Forgets a form's draft, for a form that closes as it is sent or cancelled.
pub fn forget_draft(form: &str) {
    let _ = browser::storage_remove(&format!("{DRAFT_PREFIX}{form}"));
}

/// The app-wide store handle, shared through one context.
pub type AppContext = UseReducerHandle<AppState>;

/// The store, from any page. Pages only; presentational components take props.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("use_app() is used inside App's ContextProvider")
}

/// A callback that applies the edit made from a value, e.g. `edit_with(|name| SetAreaName { name })`.
pub fn edit_with<T: 'static>(app: &AppContext, make: impl Fn(T) -> ProjectEdit + 'static) -> Callback<T> {
    let app = app.clone();
    Callback::from(move |value: T| app.dispatch(AppAction::Edit(make(value))))
}

/// Sends `edit` and says whether the domain accepts it, so a form clears itself only then. The
/// verdict is the domain's own (`project::check`); a refused edit changes nothing, and the shell
/// shows the domain's reason.
pub fn submit_edit(app: &AppContext, edit: ProjectEdit) -> bool {
    let accepted = project::check(&app.project, &edit).is_ok();
    app.dispatch(AppAction::Edit(edit));
    accepted
}

/// A new revision stamp for an edit by the partner this copy writes as. With nobody chosen the
/// partner id is empty, so the domain refuses the edit with "Choose which partner…".
pub fn new_stamp(app: &AppContext) -> Stamp {
    Stamp {
        rev: RevId(browser::new_id()),
        by: app.project.acting_as.clone().unwrap_or_else(|| PartnerId(String::new())),
        at: browser::now_rfc3339(),
    }
}

/// Like `edit_with`, for self-evaluation edits that need a fresh stamp.
pub fn sef_edit_with<T: 'static>(app: &AppContext, make: impl Fn(T, Stamp) -> SefEdit + 'static) -> Callback<T> {
    let app = app.clone();
    Callback::from(move |value: T| {
        let stamp = new_stamp(&app);
        app.dispatch(AppAction::Edit(ProjectEdit::Sef(make(value, stamp))));
    })
}

/// A callback that reads the first chosen file of a file input and sends it as an action; if the
/// browser cannot read it, the user is told what the file was for. The input is cleared so
/// choosing the same file again still works.
pub fn file_action(
    app: &AppContext,
    purpose: FilePurpose,
    make: impl Fn(String, Vec<u8>) -> AppAction + 'static,
) -> Callback<Event> {
    let app = app.clone();
    let make = std::rc::Rc::new(make);
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        let (app, make) = (app.clone(), make.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let file_name = file.name();
            match browser::read_file(&file).await {
                Ok(bytes) => app.dispatch(make(file_name, bytes)),
                Err(message) => app.dispatch(AppAction::FileUnreadable { purpose, file_name, message }),
            }
        });
    })
}

/// Offers a made file to the user, or tells them why it could not be made or saved. Every
/// download button goes through here.
pub fn offer_download(app: &AppContext, file_name: String, made: Result<Download, String>) {
    let result = made.and_then(|d| browser::download(&d.file_name, d.mime, &d.bytes));
    if let Err(message) = result {
        app.dispatch(AppAction::DownloadFailed { file_name, message });
    }
}

/// A button that makes `document` as `format` from the project on screen, dated today.
pub fn download_button(app: &AppContext, document: Document, format: Format, label: &'static str) -> Html {
    download_button_with(app, document, format, label, None, downloads::MakeOptions::default())
}

/// Like [`download_button`], dated `as_at` (today when `None`), with a plan or "since" date.
pub fn download_button_with(
    app: &AppContext,
    document: Document,
    format: Format,
    label: &'static str,
    as_at: Option<chrono::NaiveDate>,
    options: downloads::MakeOptions,
) -> Html {
    let app = app.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        let date = as_at.unwrap_or_else(browser::today);
        let made = downloads::make_with(&app.project, document, format, date, &options);
        let name = format!("{}.{}", document.key(), format.key());
        offer_download(&app, name, made.map_err(|e| e.to_string()));
    });
    html! { <button type="button" class="app-button app-button--secondary" {onclick}>{ label }</button> }
}

/// Records the partnership's answer to a family comment ("you said, we did").
pub fn answer_comment(app: &AppContext) -> crate::components::family_comments::AnswerCallback {
    edit_with(app, |(feedback, comment, text)| {
        ProjectEdit::Plan(crate::domain::plan::PlanEdit::AnswerComment { feedback, comment, text })
    })
}

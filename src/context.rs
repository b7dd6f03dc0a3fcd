use yew::prelude::*;

use super::browser;
use super::store::{AppAction, AppState, FilePurpose};
use crate::domain::project::{self, PartnerId, ProjectEdit};
use crate::domain::register::{RevId, Stamp};
use crate::domain::sef::SefEdit;
use crate::export::downloads::{self, Document, Download, Format};

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
    let app = app.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        let made = downloads::make(&app.project, document, format, browser::today());
        let name = format!("{}.{}", document.key(), format.key());
        offer_download(&app, name, made.map_err(|e| e.to_string()));
    });
    html! { <button type="button" class="app-button app-button--secondary" {onclick}>{ label }</button> }
}

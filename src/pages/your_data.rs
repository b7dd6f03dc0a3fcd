use yew::prelude::*;

use crate::browser;
use crate::context::{AppContext, offer_download, use_app};
use crate::domain::calendar::long_date;
use crate::domain::project_file::timestamp_day;
use crate::export::downloads::Download;
use crate::store::{AppAction, KeptCopy, Persistence, StorageStatus};

#[component]
pub fn YourDataPage() -> Html {
    let app = use_app();
    let persistence = match app.persistence {
        Persistence::Granted => "This browser has agreed to keep this app's stored data unless you clear it yourself.",
        Persistence::NotGranted => {
            "This browser has not promised to keep this app's data: it may clear it if the computer runs short of space. Save a project file regularly."
        }
        Persistence::Unsupported => "This browser cannot promise to keep stored data. Save a project file regularly.",
        Persistence::Unknown => "Checking whether this browser will keep stored data\u{2026}",
    };
    let storage = match &app.storage {
        StorageStatus::Saved => "Your latest change is saved in this browser.".to_string(),
        StorageStatus::NotYetSaved => "Nothing has been saved in this browser yet.".to_string(),
        StorageStatus::Failed(reason) => format!("Saving in this browser is not working: {reason}."),
    };
    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Your data and privacy" }</h1>
            <p class="app-body-l">{ "This app runs entirely in your web browser. It does not send anything you enter or load to any server, including ours." }</p>

            <h2 class="app-heading-m">{ "What is kept, and where" }</h2>
            <dl class="app-summary-list">
                <div class="app-summary-list__row">
                    <dt class="app-summary-list__key">{ "In this browser" }</dt>
                    <dd class="app-summary-list__value">{ "Your project: the area name, partners, dates and the text you type. It is saved as you go, on this computer only. So is text typed into a form but not yet added, until you add or clear it, and any copy kept aside (below)." }</dd>
                </div>
                <div class="app-summary-list__row">
                    <dt class="app-summary-list__key">{ "Saving now" }</dt>
                    <dd class="app-summary-list__value" data-testid="storage-status">{ storage }</dd>
                </div>
                <div class="app-summary-list__row">
                    <dt class="app-summary-list__key">{ "Will the browser keep it?" }</dt>
                    <dd class="app-summary-list__value" data-testid="persistence">{ persistence }</dd>
                </div>
                <div class="app-summary-list__row">
                    <dt class="app-summary-list__key">{ "Family review answers" }</dt>
                    <dd class="app-summary-list__value">{ "On the family review page, the review pack you opened and the answers you type are kept in this browser, on this device only, so you can come back to them. Nothing is sent until you download, copy or email your answers yourself." }</dd>
                </div>
                <div class="app-summary-list__row">
                    <dt class="app-summary-list__key">{ "Never kept" }</dt>
                    <dd class="app-summary-list__value">{ "Rows about individual children and young people from Annex A spreadsheets. They stay in memory while the page is open and are gone when you close it." }</dd>
                </div>
            </dl>
            <p>{ "Browser storage can be cleared by you, by your organisation's IT settings or by the browser itself. Keep your work safe by using \u{201c}Save project\u{201d} on the tasks page and storing the file where your organisation keeps documents." }</p>
            <div class="app-inset" data-testid="single-file-storage">
                <p><strong>{ "If you opened this app as a single file from your computer: " }</strong>
                    { "browsers let every page opened from your computer's disk share one storage area, so any other web page file you open in the same browser could read or change the project this copy saves. Where that matters, use the copy your organisation hosts, and save your project as a file." }</p>
            </div>

            <KeptCopies />

            <h2 class="app-heading-m">{ "How to check nothing is sent" }</h2>
            <ul class="app-list app-list--bullet">
                <li>{ "The page carries a Content-Security-Policy that tells the browser to block every network connection the app might try to make, and to load nothing from other websites." }</li>
                <li>{ "Open your browser's developer tools, choose the Network tab and use the app: you will see only the app's own files being loaded, and nothing sent." }</li>
                <li>{ "You can disconnect from the network after the page has loaded and carry on working." }</li>
            </ul>
        </>
    }
}

/// Copies kept aside rather than overwritten (an autosave that could not be read, another tab's
/// version): each can be downloaded, restored (opened as a project, with Undo) or deleted.
#[component]
fn KeptCopies() -> Html {
    let app = use_app();
    // Storage is read on each render; `changed` re-renders after a deletion.
    let changed = use_state(|| 0u32);
    let confirming = use_state(|| None::<String>);
    let copies = browser::kept_copies();
    html! {
        <section aria-labelledby="kept-heading" data-testid="kept-copies">
            <h2 class="app-heading-m" id="kept-heading">{ "Copies kept aside" }</h2>
            if copies.is_empty() {
                <p>{ "None. When this app cannot safely save over what is in this browser (a project it cannot read, or a version saved in another tab), it keeps a copy here first." }</p>
            } else {
                <p>{ "The app kept these rather than save over them. They stay until you delete them." }</p>
                { for copies.iter().map(|copy| kept_copy(&app, copy, &changed, &confirming)) }
            }
        </section>
    }
}

fn kept_copy(
    app: &AppContext,
    copy: &KeptCopy,
    changed: &UseStateHandle<u32>,
    confirming: &UseStateHandle<Option<String>>,
) -> Html {
    let when = copy
        .kept_at
        .as_deref()
        .and_then(timestamp_day)
        .map(long_date)
        .unwrap_or_else(|| "By an earlier version of the app".into());
    let what = match &copy.readable {
        Ok(area) => area.clone(),
        Err(reason) => format!("Cannot be opened by this version: {reason}"),
    };
    let text = || browser::storage_get(&copy.key).ok().flatten().unwrap_or_default();
    let download = {
        let (app, name, text) = (app.clone(), copy.file_name.clone(), text());
        Callback::from(move |_: MouseEvent| {
            let made = Download { file_name: name.clone(), mime: "application/json", bytes: text.clone().into_bytes() };
            offer_download(&app, name.clone(), Ok(made));
        })
    };
    let restore = {
        let (app, name, text) = (app.clone(), format!("the copy kept on {when}"), text());
        Callback::from(move |_: MouseEvent| {
            app.dispatch(AppAction::OpenFile { file_name: name.clone(), bytes: text.clone().into_bytes() })
        })
    };
    let ask = {
        let (confirming, key) = (confirming.clone(), copy.key.clone());
        Callback::from(move |_: MouseEvent| confirming.set(Some(key.clone())))
    };
    let delete = {
        let (confirming, changed, key) = (confirming.clone(), changed.clone(), copy.key.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = browser::storage_remove(&key);
            confirming.set(None);
            changed.set(*changed + 1);
        })
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(None))
    };
    let size = format!("{} KB", copy.size.div_ceil(1024));
    html! {
        <div class="app-kept-copy" data-testid="kept-copy">
            <h3 class="app-heading-s">{ copy.reason.label() }</h3>
            <dl class="app-summary-list">
                <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Kept on" }</dt><dd class="app-summary-list__value">{ when.clone() }</dd></div>
                <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Project" }</dt><dd class="app-summary-list__value">{ what }</dd></div>
                <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Size" }</dt><dd class="app-summary-list__value">{ size }</dd></div>
            </dl>
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={download}>{ "Download" }<span class="app-visually-hidden">{ format!(" the copy kept on {when}") }</span></button>
                if copy.readable.is_ok() {
                    <button type="button" class="app-button app-button--secondary" onclick={restore}>{ "Restore" }<span class="app-visually-hidden">{ format!(" the copy kept on {when} (replaces the project on screen, which you can undo)") }</span></button>
                }
                if confirming.as_deref() == Some(copy.key.as_str()) {
                    <p>{ "Delete this copy for good?" }</p>
                    <button type="button" class="app-button app-button--warning" onclick={delete}>{ "Yes, delete it" }</button>
                    <button type="button" class="app-link-button" onclick={keep}>{ "No, keep it" }</button>
                } else {
                    <button type="button" class="app-link-button" onclick={ask}>{ "Delete" }<span class="app-visually-hidden">{ format!(" the copy kept on {when}") }</span></button>
                }
            </div>
        </div>
    }
}

use yew::prelude::*;

use crate::context::use_app;
use crate::store::{Persistence, StorageStatus};

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
                    <dd class="app-summary-list__value">{ "Your project: the area name, partners, dates and the text you type. It is saved as you go, on this computer only." }</dd>
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
                    <dt class="app-summary-list__key">{ "Never kept" }</dt>
                    <dd class="app-summary-list__value">{ "Rows about individual children and young people from Annex A spreadsheets. They stay in memory while the page is open and are gone when you close it." }</dd>
                </div>
            </dl>
            <p>{ "Browser storage can be cleared by you, by your organisation's IT settings or by the browser itself. Keep your work safe by using \u{201c}Save project\u{201d} on the tasks page and storing the file where your organisation keeps documents." }</p>
            <div class="app-inset" data-testid="single-file-storage">
                <p><strong>{ "If you opened this app as a single file from your computer: " }</strong>
                    { "browsers let every page opened from your computer's disk share one storage area, so any other web page file you open in the same browser could read or change the project this copy saves. Where that matters, use the copy your organisation hosts, and save your project as a file." }</p>
            </div>

            <h2 class="app-heading-m">{ "How to check nothing is sent" }</h2>
            <ul class="app-list app-list--bullet">
                <li>{ "The page carries a Content-Security-Policy that tells the browser to block every network connection the app might try to make, and to load nothing from other websites." }</li>
                <li>{ "Open your browser's developer tools, choose the Network tab and use the app: you will see only the app's own files being loaded, and nothing sent." }</li>
                <li>{ "You can disconnect from the network after the page has loaded and carry on working." }</li>
            </ul>
        </>
    }
}

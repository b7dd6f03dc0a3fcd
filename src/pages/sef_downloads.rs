use yew::prelude::*;

use crate::browser;
use crate::context::use_app;
use crate::domain::project_file::area_slug;
use crate::export::{docx, html, sef};
use crate::store::AppAction;

const HTML: &str = "text/html;charset=utf-8";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const CSV: &str = "text/csv;charset=utf-8";

/// Which self-evaluation download to make.
#[derive(Clone, Copy, PartialEq)]
enum SefDownload {
    FullHtml,
    FullDocx,
    SummaryHtml,
    SummaryDocx,
    EvidenceCsv,
}

/// Download buttons for the self-evaluation exports. Files are made here, in the browser.
#[component]
pub fn SefDownloads() -> Html {
    let app = use_app();
    let button = |kind: SefDownload, label: &'static str| {
        let app = app.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let project = &app.project;
            let today = browser::today();
            let stem = area_slug(project);
            let (name, mime, bytes) = match kind {
                SefDownload::FullHtml => (
                    format!("{stem}-self-evaluation.html"),
                    HTML,
                    html::render(&sef::full(project, today)).into_bytes(),
                ),
                SefDownload::FullDocx => {
                    (format!("{stem}-self-evaluation.docx"), DOCX, docx::render(&sef::full(project, today)))
                }
                SefDownload::SummaryHtml => (
                    format!("{stem}-self-evaluation-summary.html"),
                    HTML,
                    html::render(&sef::executive_summary(project, today)).into_bytes(),
                ),
                SefDownload::SummaryDocx => (
                    format!("{stem}-self-evaluation-summary.docx"),
                    DOCX,
                    docx::render(&sef::executive_summary(project, today)),
                ),
                SefDownload::EvidenceCsv => {
                    (format!("{stem}-evidence-log.csv"), CSV, sef::evidence_csv(project).into_bytes())
                }
            };
            if let Err(message) = browser::download(&name, mime, &bytes) {
                app.dispatch(AppAction::OpenFailed { file_name: name, message });
            }
        });
        html! { <button type="button" class="app-button app-button--secondary" {onclick}>{ label }</button> }
    };
    html! {
        <section aria-labelledby="downloads-heading">
            <h2 class="app-heading-m" id="downloads-heading">{ "Download" }</h2>
            <p>{ "Files are made on this computer. The web page (HTML) versions print well and can be saved as PDF from the print dialogue." }</p>
            <h3 class="app-heading-s">{ "The full self-evaluation" }</h3>
            <div class="app-button-group">
                { button(SefDownload::FullHtml, "Self-evaluation (web page)") }
                { button(SefDownload::FullDocx, "Self-evaluation (Word)") }
            </div>
            <h3 class="app-heading-s">{ "Summary for a scrutiny board" }</h3>
            <div class="app-button-group">
                { button(SefDownload::SummaryHtml, "Summary (web page)") }
                { button(SefDownload::SummaryDocx, "Summary (Word)") }
            </div>
            <h3 class="app-heading-s">{ "Evidence log" }</h3>
            <div class="app-button-group">
                { button(SefDownload::EvidenceCsv, "Evidence log (CSV)") }
            </div>
        </section>
    }
}

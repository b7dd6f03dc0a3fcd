use yew::prelude::*;

use crate::context::{download_button, use_app};
use crate::export::downloads::{Document, Format};

/// Download buttons for the self-evaluation exports. Files are made here, in the browser.
#[component]
pub fn SefDownloads() -> Html {
    let app = use_app();
    html! {
        <section aria-labelledby="downloads-heading">
            <h2 class="app-heading-m" id="downloads-heading">{ "Download" }</h2>
            <p>{ "Files are made on this computer. The web page (HTML) versions print well and can be saved as PDF from the print dialogue." }</p>
            <h3 class="app-heading-s">{ "The full self-evaluation" }</h3>
            <div class="app-button-group">
                { download_button(&app, Document::Sef, Format::Html, "Self-evaluation (web page)") }
                { download_button(&app, Document::Sef, Format::Docx, "Self-evaluation (Word)") }
                { download_button(&app, Document::Sef, Format::Odt, "Self-evaluation (OpenDocument text)") }
            </div>
            <h3 class="app-heading-s">{ "Summary for a scrutiny board" }</h3>
            <div class="app-button-group">
                { download_button(&app, Document::Summary, Format::Html, "Summary (web page)") }
                { download_button(&app, Document::Summary, Format::Docx, "Summary (Word)") }
                { download_button(&app, Document::Summary, Format::Odt, "Summary (OpenDocument text)") }
            </div>
            <h3 class="app-heading-s">{ "Evidence log" }</h3>
            <div class="app-button-group">
                { download_button(&app, Document::Evidence, Format::Csv, "Evidence log (CSV)") }
            </div>
        </section>
    }
}

use yew::prelude::*;

use crate::context::{download_button, use_app};
use crate::export::downloads::{Document, Format};

/// Download buttons for the strategic plan update, all made from the same plan data.
#[component]
pub fn PlanDownloads() -> Html {
    let app = use_app();
    html! {
        <section aria-labelledby="plan-downloads-heading">
            <h2 class="app-heading-m" id="plan-downloads-heading">{ "Download" }</h2>
            <p>{ "Under outcome 3 the priority action plan is its own section of the plan. Files are made on this computer." }</p>
            <div class="app-button-group">
                { download_button(&app, Document::Plan, Format::Html, "Plan update (web page)") }
                { download_button(&app, Document::Plan, Format::Docx, "Plan update (Word)") }
                { download_button(&app, Document::Plan, Format::Odt, "Plan update (OpenDocument text)") }
                { download_button(&app, Document::EasyRead, Format::Html, "Easy read (web page)") }
                { download_button(&app, Document::Plan, Format::Md, "Plan update (Markdown)") }
                { download_button(&app, Document::ActionPlan, Format::Csv, "Action plan (CSV)") }
                { download_button(&app, Document::ActionPlan, Format::Xlsx, "Action plan (Excel)") }
                { download_button(&app, Document::ActionPlan, Format::Ods, "Action plan (OpenDocument spreadsheet)") }
            </div>
        </section>
    }
}

use yew::prelude::*;

use crate::browser;
use crate::context::use_app;
use crate::domain::project_file::area_slug;
use crate::export::{docx, html, markdown, plan};
use crate::store::AppAction;

#[derive(Clone, Copy, PartialEq)]
enum PlanDownload {
    Html,
    Docx,
    EasyRead,
    Markdown,
    Csv,
    Xlsx,
}

/// Download buttons for the strategic plan update, all made from the same plan data.
#[component]
pub fn PlanDownloads() -> Html {
    let app = use_app();
    let button = |kind: PlanDownload, label: &'static str| {
        let app = app.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let project = &app.project;
            let stem = area_slug(project);
            let document = || plan::strategic_plan(project, browser::today());
            let (name, mime, bytes) = match kind {
                PlanDownload::Html => (
                    format!("{stem}-strategic-plan-update.html"),
                    "text/html;charset=utf-8",
                    html::render(&document()).into_bytes(),
                ),
                PlanDownload::Docx => (
                    format!("{stem}-strategic-plan-update.docx"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    docx::render(&document()),
                ),
                PlanDownload::EasyRead => (
                    format!("{stem}-plan-easy-read.html"),
                    "text/html;charset=utf-8",
                    plan::easy_read(project).into_bytes(),
                ),
                PlanDownload::Markdown => (
                    format!("{stem}-strategic-plan-update.md"),
                    "text/markdown;charset=utf-8",
                    markdown::render(&document()).into_bytes(),
                ),
                PlanDownload::Csv => (
                    format!("{stem}-action-plan.csv"),
                    "text/csv;charset=utf-8",
                    plan::actions_csv(project).into_bytes(),
                ),
                PlanDownload::Xlsx => match plan::actions_xlsx(project) {
                    Ok(bytes) => (
                        format!("{stem}-action-plan.xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        bytes,
                    ),
                    Err(e) => {
                        return app.dispatch(AppAction::OpenFailed {
                            file_name: format!("{stem}-action-plan.xlsx"),
                            message: e.to_string(),
                        });
                    }
                },
            };
            if let Err(message) = browser::download(&name, mime, &bytes) {
                app.dispatch(AppAction::OpenFailed { file_name: name, message });
            }
        });
        html! { <button type="button" class="app-button app-button--secondary" {onclick}>{ label }</button> }
    };
    html! {
        <section aria-labelledby="plan-downloads-heading">
            <h2 class="app-heading-m" id="plan-downloads-heading">{ "Download" }</h2>
            <p>{ "Under outcome 3 the priority action plan is its own section of the plan. Files are made on this computer." }</p>
            <div class="app-button-group">
                { button(PlanDownload::Html, "Plan update (web page)") }
                { button(PlanDownload::Docx, "Plan update (Word)") }
                { button(PlanDownload::EasyRead, "Easy read (web page)") }
                { button(PlanDownload::Markdown, "Plan update (Markdown)") }
                { button(PlanDownload::Csv, "Action plan (CSV)") }
                { button(PlanDownload::Xlsx, "Action plan (Excel)") }
            </div>
        </section>
    }
}

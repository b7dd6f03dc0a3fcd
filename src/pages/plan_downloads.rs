use yew::prelude::*;

use crate::browser;
use crate::components::date_input::DateInput;
use crate::components::fields::{SelectField, setter};
use crate::context::{download_button_with, use_app};
use crate::domain::plan::PlanId;
use crate::export::downloads::{Document, Format, MakeOptions};

/// Download buttons for the strategic plan update, all made from the same plan data, for every
/// action or one plan's; and the board update as at a chosen date.
#[component]
pub fn PlanDownloads() -> Html {
    let app = use_app();
    let chosen = use_state(String::new);
    let today = browser::today();
    let as_at = use_state(|| Some(today));
    let since = use_state(|| today.checked_sub_months(chrono::Months::new(1)));
    let plans = &app.project.plan.plans;
    // A plan removed since it was chosen falls back to every action.
    let plan = plans.iter().find(|p| p.id.0 == *chosen).map(|p| p.id.clone());
    let options: Vec<(AttrValue, AttrValue)> =
        std::iter::once((AttrValue::Static(""), AttrValue::Static("Every action")))
            .chain(plans.iter().map(|p| (AttrValue::from(p.id.0.clone()), AttrValue::from(p.title().to_string()))))
            .collect();
    let plain = MakeOptions { since: None, plan: plan.clone() };
    let button = |document, format, label| download_button_with(&app, document, format, label, None, plain.clone());
    let board = MakeOptions { since: *since, plan: plan.clone() };
    let board_button =
        |format, label| download_button_with(&app, Document::BoardUpdate, format, label, *as_at, board.clone());
    let backwards = matches!((*as_at, *since), (Some(a), Some(s)) if s > a);
    html! {
        <section aria-labelledby="plan-downloads-heading" data-testid="plan-downloads">
            <h2 class="app-heading-m" id="plan-downloads-heading">{ "Download" }</h2>
            <p>{ "Under outcome 3 the priority action plan is its own section of the plan. Files are made on this computer." }</p>
            if !plans.is_empty() {
                <SelectField id="download-plan" label="Which plan" options={options} selected={AttrValue::from(plan.as_ref().map(|p: &PlanId| p.0.clone()).unwrap_or_default())}
                    on_change={setter(&chosen)} />
            }
            <div class="app-button-group">
                { button(Document::Plan, Format::Html, "Plan update (web page)") }
                { button(Document::Plan, Format::Docx, "Plan update (Word)") }
                { button(Document::Plan, Format::Odt, "Plan update (OpenDocument text)") }
                { button(Document::EasyRead, Format::Html, "Easy read (web page)") }
                { button(Document::Plan, Format::Md, "Plan update (Markdown)") }
                { button(Document::ActionPlan, Format::Csv, "Action plan (CSV)") }
                { button(Document::ActionPlan, Format::Xlsx, "Action plan (Excel)") }
                { button(Document::ActionPlan, Format::Ods, "Action plan (OpenDocument spreadsheet)") }
            </div>

            <h3 class="app-heading-s" id="board-update-heading">{ "Board update" }</h3>
            <p>{ "One short document for a scrutiny or partnership board: the self-evaluation position and sign-off, Annex A readiness, progress since the last update, exceptions, measures and deadlines." }</p>
            <div class="app-date-pair" data-testid="board-update">
                <DateInput id="board-as-at" label="As at" value={*as_at} on_change={setter(&as_at)} />
                <DateInput id="board-since" label="Progress since (the last update)" value={*since} on_change={setter(&since)}
                    error={backwards.then_some(AttrValue::Static("The last update must be on or before the as-at date."))} />
            </div>
            if as_at.is_some() && !backwards {
                <div class="app-button-group">
                    { board_button(Format::Html, "Board update (web page)") }
                    { board_button(Format::Docx, "Board update (Word)") }
                    { board_button(Format::Odt, "Board update (OpenDocument text)") }
                </div>
            } else if as_at.is_none() {
                <p class="app-hint">{ "Enter the as-at date to make the board update." }</p>
            }
        </section>
    }
}

use yew::prelude::*;

use crate::domain::calendar::{countdown, long_date};
use crate::domain::framework::DeadlineDate;
use crate::domain::project::ProjectEdit;
use crate::ui::browser;
use crate::ui::components::date_input::DateInput;
use crate::ui::context::{edit_with, use_app};

#[component]
pub fn PlanPage() -> Html {
    let app = use_app();
    let project = &app.project;
    let edition = project.edition();
    let calendar = project.calendar();
    let today = browser::today();
    let dates = &project.inspection;

    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Strategic plan update" }</h1>
            <p class="app-body-l">{ "After the inspection report, every partnership updates and publishes its strategic plan. Under the third outcome it also writes a priority action plan." }</p>

            <DateInput id="final-report-received" label="Date the final report was received" value={dates.final_report_received}
                on_change={edit_with(&app, |date| ProjectEdit::SetFinalReportReceived { date })} />
            <DateInput id="report-published" label="Date the report was published" value={dates.report_published}
                on_change={edit_with(&app, |date| ProjectEdit::SetReportPublished { date })} />

            <h2 class="app-heading-m">{ format!("Deadlines under the {}", edition.short_name) }</h2>
            <dl class="app-summary-list" data-testid="plan-deadlines">
                { for edition.post_inspection.iter().map(|d| {
                    let outcomes = d.outcomes.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
                    html! {
                        <div class="app-summary-list__row">
                            <dt class="app-summary-list__key">{ d.label.clone() }
                                <span class="app-hint">{ format!(" (outcome {outcomes})") }</span></dt>
                            <dd class="app-summary-list__value">
                                { match d.due(dates.start_for(d.from), &calendar) {
                                    DeadlineDate::Due(date) => html! { <>
                                        <strong>{ long_date(date) }</strong>{ format!(" \u{2013} {}", countdown(&calendar, today, date)) }
                                    </> },
                                    DeadlineDate::NeedsStartDate => html! { { format!("Enter {} to work this out.", d.from.label()) } },
                                    DeadlineDate::NeedsDayCount => html! { { "This edition does not say how many working days; check with your inspectors." } },
                                } }
                                if !d.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                            </dd>
                        </div>
                    }
                }) }
            </dl>
            <div class="app-inset">
                { "Recording the report's areas for improvement, actions and the easy-read version is not available in this version yet." }
            </div>
        </>
    }
}

use yew::prelude::*;

use crate::domain::calendar::{clock_time, countdown, long_date, next_monday};
use crate::domain::project::ProjectEdit;
use crate::ui::browser;
use crate::ui::components::date_input::DateInput;
use crate::ui::context::{edit_with, use_app};

#[component]
pub fn AnnexAPage() -> Html {
    let app = use_app();
    let project = &app.project;
    let edition = project.edition();
    let calendar = project.calendar();
    let today = browser::today();

    let set_notified = edit_with(&app, |date| ProjectEdit::SetNotified { date });
    let try_next_monday = edit_with(&app, move |_: MouseEvent| ProjectEdit::SetNotified { date: Some(next_monday(today)) });
    let clear = edit_with(&app, |_: MouseEvent| ProjectEdit::SetNotified { date: None });

    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Annex A readiness" }</h1>
            <p class="app-body-l">{ "On notification day inspectors ask for Annex A: person-level lists within one working day, and documents within the week. Work out every deadline now." }</p>

            <DateInput id="notified" label="Notification date" value={project.inspection.notified} on_change={set_notified}
                hint="The day Ofsted and CQC call. Enter a real date, or try a \u{201c}what if\u{201d} date to plan ahead." />
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={try_next_monday}>{ "What if we were notified next Monday?" }</button>
                if project.inspection.notified.is_some() {
                    <button type="button" class="app-link-button" onclick={clear}>{ "Clear the date" }</button>
                }
            </div>

            if let Some(notified) = project.inspection.notified {
                <h2 class="app-heading-m">{ format!("Timeline if notified on {}", long_date(notified)) }</h2>
                <table class="app-table" data-testid="timeline">
                    <caption class="app-visually-hidden">{ "Annex A and inspection deadlines" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Time" }</th><th scope="col">{ "What" }</th><th scope="col">{ "When" }</th>
                    </tr></thead>
                    <tbody>
                        { for edition.timeline_from(notified, &calendar).into_iter().map(|s| html! {
                            <tr>
                                <td>{ long_date(s.date) }</td>
                                <td>{ s.step.time.map(clock_time).unwrap_or_else(|| "\u{2013}".into()) }</td>
                                <td>{ s.step.label.clone() }
                                    if !s.step.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                                </td>
                                <td>{ countdown(&calendar, today, s.date) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="app-hint">{ "Working days skip weekends, England and Wales bank holidays and your closure days." }</p>
            }

            <div class="app-inset">
                { "Loading and checking the person-level spreadsheets, and the document checklist, are not available in this version yet." }
            </div>
        </>
    }
}

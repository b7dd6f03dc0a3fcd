//! The Annex A page: what the request is for, its deadlines, the person-level lists (checked
//! in the worker, `lists`), their findings (`findings`) and the documents checklist
//! (`documents`).

mod documents;
mod findings;
mod lists;

use yew::prelude::*;

use crate::browser;
use crate::checks;
use crate::components::date_input::DateInput;
use crate::components::radio_item::RadioItem;
use crate::components::table::{Column, Row, StackedTable};
use crate::context::{AppContext, edit_with, offer_download, use_app};
use crate::domain::annex_a::AnnexEdit;
use crate::domain::calendar::{clock_time, countdown, long_date, next_monday};
use crate::domain::project::ProjectEdit;
use crate::domain::timeline;
use crate::export::downloads::{self, Document, Format};
use crate::store::AppAction;

use documents::DocumentsSection;
use lists::ListsSection;

fn annex_edit(app: &AppContext, edit: AnnexEdit) {
    app.dispatch(AppAction::Edit(ProjectEdit::AnnexA(edit)));
}

#[component]
pub fn AnnexAPage() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let Some(profile) = checks::profile(&project.annex_a.profile).or_else(|| checks::profiles().first()) else {
        return html! { <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Annex A readiness" }</h1> };
    };
    let calendar = project.calendar();
    let today = browser::today();

    let set_notified = edit_with(&app, |date| ProjectEdit::SetNotified { date });
    let set_what_if = edit_with(&app, |date| ProjectEdit::SetWhatIf { date });
    let try_next_monday =
        edit_with(&app, move |_: MouseEvent| ProjectEdit::SetWhatIf { date: Some(next_monday(today)) });
    let clear_what_if = edit_with(&app, |_: MouseEvent| ProjectEdit::SetWhatIf { date: None });
    // A real notification decides the deadlines; a "what if" date only shows them until then.
    let shown = project.inspection.notified.map(|d| (d, true)).or(project.inspection.what_if.map(|d| (d, false)));
    let summary_download = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let made = downloads::make(&app.project, Document::Readiness, Format::Html, browser::today());
            offer_download(&app, "readiness.html".into(), made.map_err(|e| e.to_string()));
        })
    };

    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Annex A readiness" }</h1>
            <p class="app-body-l">{ "On notification day inspectors ask for Annex A: person-level lists within a day and documents within the week. Check the lists and track every document here, before that day comes. Nothing you load leaves this computer." }</p>

            <fieldset class="app-fieldset app-form-group">
                <legend class="app-fieldset__legend">{ "What are you preparing for?" }</legend>
                <div class="app-radios">
                    { for checks::profiles().iter().map(|p| {
                        let value = p.id.clone();
                        html! {
                            <RadioItem id={format!("profile-{}", p.id)} name="profile" label={p.title.clone()} checked={p.id == profile.id}
                                on_select={edit_with(&app, move |_| ProjectEdit::AnnexA(AnnexEdit::SetProfile { profile: value.clone() }))} />
                        }
                    }) }
                </div>
            </fieldset>

            <div class="app-inset" data-testid="profile-about">
                { for profile.about_lines().into_iter().map(|line| html! { <p class="app-body-s">{ line }</p> }) }
            </div>

            if let Some(m) = timeline::monitoring_request(&project) {
                <section class="app-inset" aria-labelledby="monitoring-heading" data-testid="monitoring-request">
                    <h2 class="app-heading-m" id="monitoring-heading">{ "The monitoring inspection" }</h2>
                    <p>{ format!("{}: {}", m.window.label, m.window.date_text) }<span class="app-hint">{ format!(" ({})", m.window.source) }</span></p>
                    <p>{ m.window.note.clone() }</p>
                    if !m.areas.is_empty() {
                        <p>{ "The areas for priority action it will look at:" }</p>
                        <ul class="app-list app-list--bullet">{ for m.areas.iter().map(|a| html! { <li>{ a.clone() }</li> }) }</ul>
                    }
                </section>
            }

            <h2 class="app-heading-m">{ "Deadlines" }</h2>
            <DateInput id="notified" label="Notification date" value={project.inspection.notified} on_change={set_notified}
                hint="The day Ofsted and CQC called you: a real date only. The tasks page then counts down to each deadline." />
            <DateInput id="what-if" label="\u{201c}What if\u{201d} notification date" value={project.inspection.what_if} on_change={set_what_if}
                hint="To plan ahead: the deadlines a notification on this day would set. It is never taken as the real date." />
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={try_next_monday}>{ "What if we were notified next Monday?" }</button>
                if project.inspection.what_if.is_some() {
                    <button type="button" class="app-link-button" onclick={clear_what_if}>{ "Clear the \u{201c}what if\u{201d} date" }</button>
                }
            </div>
            if let Some((notified, real)) = shown {
                if real && project.inspection.what_if.is_some() {
                    <p class="app-inset">{ "You have a real notification date, so the deadlines below are from it, not from the \u{201c}what if\u{201d} date." }</p>
                }
                <StackedTable caption={if real { format!("Notified on {}", long_date(notified)) } else { format!("What if: notified on {}", long_date(notified)) }}
                    caption_shown=true class="app-table--plain-rows" testid="timeline"
                    columns={vec![Column::new("Due"), Column::new("What"), Column::new("When"), Column::new("Still to do")]}
                    rows={profile.deadlines.iter().map(|d| {
                        let due = d.due(notified, &calendar);
                        let outstanding = profile.outstanding(&project.annex_a, &d.id);
                        Row::new(
                            html! { { format!("{}, {}", long_date(due.date()), clock_time(due.time())) } },
                            vec![
                                html! { <>{ d.label.clone() }
                                    if !d.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }</> },
                                html! { { countdown(&calendar, today, due.date()) } },
                                if outstanding.is_empty() {
                                    html! { <strong class="app-tag app-tag--green">{ "Ready" }</strong> }
                                } else {
                                    html! { <><strong class="app-tag app-tag--red">{ format!("{} to do", outstanding.len()) }</strong>
                                        <span class="app-body-s">{ format!(" {}", outstanding.join(", ")) }</span></> }
                                },
                            ],
                        )
                    }).collect::<Vec<_>>()} />
                <p class="app-hint">{ "Working days skip weekends, England and Wales bank holidays and your closure days." }</p>
                <details class="app-details">
                    <summary class="app-details__summary">{ format!("The whole inspection timeline ({})", project.edition().short_name) }</summary>
                    <ul class="app-list app-list--bullet app-details__text" data-testid="inspection-timeline">
                        { for project.edition().timeline_from(notified, &calendar).into_iter().map(|s| html! {
                            <li>{ format!("{}{}: {}{}", long_date(s.date), s.step.time.map(|t| format!(", {}", clock_time(t))).unwrap_or_default(), s.step.label,
                                if s.step.confirmed { "" } else { " (not confirmed)" }) }</li>
                        }) }
                    </ul>
                </details>
            }

            <ListsSection />
            <DocumentsSection />

            <h2 class="app-heading-m">{ "Readiness summary" }</h2>
            <p>{ "A printable summary for the local area nominated officer: deadlines, lists and documents. It holds counts only, no child's details." }</p>
            <button type="button" class="app-button app-button--secondary" onclick={summary_download}>{ "Readiness summary (web page)" }</button>
        </>
    }
}

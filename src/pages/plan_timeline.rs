use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::browser;
use crate::components::chart::ChartFigure;
use crate::components::date_input::DateInput;
use crate::components::fields::ContextButton;
use crate::context::{edit_with, submit_edit, use_app};
use crate::domain::calendar::long_date;
use crate::domain::project::{FINAL_REPORT_STEP, PUBLISHED_STEP, ProjectEdit};
use crate::domain::timeline::{self, DateKind, TimelineRow};
use crate::export::chart;

fn kind_tag(kind: DateKind) -> Html {
    let colour = match kind {
        DateKind::Entered => "app-tag--green",
        DateKind::Deadline => "app-tag--blue",
        DateKind::Estimate | DateKind::Unknown => "app-tag--grey",
    };
    html! { <strong class={classes!("app-tag", "app-tag--inline", colour)}>{ kind.label() }</strong> }
}

fn rows_list(rows: &[TimelineRow], testid: &'static str) -> Html {
    html! {
        <dl class="app-summary-list" data-testid={testid}>
            { for rows.iter().map(|row| html! {
                <div class="app-summary-list__row">
                    <dt class="app-summary-list__key">{ row.label.clone() }
                        if !row.source.is_empty() { <span class="app-hint">{ format!(" ({})", row.source) }</span> }</dt>
                    <dd class="app-summary-list__value">
                        { row.date_text.clone() }{ " " }{ kind_tag(row.kind) }
                        if !row.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                        if !row.note.is_empty() { <p class="app-hint">{ row.note.clone() }</p> }
                    </dd>
                </div>
            }) }
        </dl>
    }
}

/// After the on-site week: each step's date, entered or estimated, and engagement meetings.
#[component]
pub fn PlanTimeline() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let rows = timeline::after_inspection(&project);
    let meeting = use_state(|| None::<NaiveDate>);
    let meeting_missing = use_state(|| false);
    let add_meeting = {
        let (app, meeting, missing) = (app.clone(), meeting.clone(), meeting_missing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            missing.set(meeting.is_none());
            if let Some(date) = *meeting
                && submit_edit(&app, ProjectEdit::AddEngagementMeeting { date })
            {
                meeting.set(None);
            }
        })
    };
    // The final report and publication dates have their own boxes above.
    let enterable: Vec<&TimelineRow> =
        rows.iter().filter(|r| r.can_enter && r.id != FINAL_REPORT_STEP && r.id != PUBLISHED_STEP).collect();
    // The plan's own deadlines: the day each was met ("submitted on").
    let deadlines: Vec<&TimelineRow> = rows.iter().filter(|r| !r.can_enter).collect();

    html! {
        <section aria-labelledby="timeline-heading">
            <h2 class="app-heading-m" id="timeline-heading">{ "After the on-site week" }</h2>
            if rows.is_empty() {
                <p>{ "The app does not know this edition's steps after the inspection." }</p>
            } else {
                <p>{ "Each date is either one you entered or an estimate counted from the dates before it (the latest date the handbook gives). Enter the real dates as they happen; the dates after them follow." }</p>
                <div data-testid="timeline-chart"><ChartFigure chart={Rc::new(chart::timeline_chart(&rows, browser::today()))} /></div>
                { rows_list(&rows, "after-inspection") }
                <details class="app-details">
                    <summary class="app-details__summary">{ "Enter the real dates" }</summary>
                    <div class="app-details__text">
                        { for enterable.iter().map(|row| {
                            let step = row.id.clone();
                            html! {
                                <DateInput id={format!("step-{}", row.id)} label={row.label.clone()}
                                    value={project.inspection.step(&row.id)}
                                    on_change={edit_with(&app, move |date| ProjectEdit::SetStepDate { step: step.clone(), date })} />
                            }
                        }) }
                        { for deadlines.iter().map(|row| {
                            let step = row.id.clone();
                            html! {
                                <DateInput id={format!("met-{}", row.id)} label={format!("Date done: {}", row.label)}
                                    hint="The day you submitted or published it, so the timeline no longer shows it as overdue."
                                    value={row.met_on}
                                    on_change={edit_with(&app, move |date| ProjectEdit::SetStepDate { step: step.clone(), date })} />
                            }
                        }) }
                    </div>
                </details>
            }

            <h2 class="app-heading-m">{ "Engagement meetings" }</h2>
            if project.edition().engagement.is_empty() {
                <p>{ "The app does not know this edition's engagement meeting notice periods." }</p>
            } else {
                <p>{ "Add an engagement meeting's date to see when its notice, your self-evaluation and its note are due." }</p>
                { for project.inspection.engagement_meetings.iter().map(|&date| {
                    let remove = edit_with(&app, move |()| ProjectEdit::RemoveEngagementMeeting { date });
                    html! {
                        <div class="app-panel">
                            <h3 class="app-heading-s">{ format!("Engagement meeting on {}", long_date(date)) }</h3>
                            { rows_list(&timeline::engagement_meeting(&project, date), "engagement-meeting") }
                            <ContextButton label="Remove" context={format!(" the engagement meeting on {}", long_date(date))} on_click={remove} />
                        </div>
                    }
                }) }
                <form class="app-panel" onsubmit={add_meeting} novalidate=true>
                    <DateInput id="engagement-meeting" label="Date of the engagement meeting" value={*meeting}
                        on_change={{ let (meeting, missing) = (meeting.clone(), meeting_missing.clone()); Callback::from(move |d| { missing.set(false); meeting.set(d) }) }}
                        error={meeting_missing.then_some(AttrValue::Static("Enter the date of the engagement meeting"))} />
                    <button type="submit" class="app-button app-button--secondary">{ "Add engagement meeting" }</button>
                </form>
            }
        </section>
    }
}

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::chart::ChartFigure;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::fields::{TextField, setter};
use crate::components::radio_item::RadioItem;
use crate::components::status_tag::ActionStatusTag;
use crate::components::table::{Column, Row, StackedTable};
use crate::context::{AppContext, forget_draft, use_app, use_draft};
use crate::domain::calendar::long_date;
use crate::domain::plan::{
    Action, ActionId, ActionStatus, LogId, MeasureValue, PlanEdit, PlanError, ProgressEntry, StatusUpdate,
};
use crate::domain::project::{self, EditError, ProjectEdit};
use crate::export::chart::measure_chart;
use crate::route::Route;
use crate::store::AppAction;

#[derive(Properties, PartialEq)]
pub struct ActionDeliveryProps {
    pub id: String,
}

/// The one problem a delivery form met: the domain's own message and the field to fix.
type Problem = UseStateHandle<Option<ErrorItem>>;

/// Sends `edit` if the domain accepts it; else shows the domain's reason in the error summary,
/// linked to the field `target_for` names for it. Says whether it was sent.
fn send(app: &AppContext, problem: &Problem, edit: PlanEdit, target_for: impl Fn(&EditError) -> String) -> bool {
    let edit = ProjectEdit::Plan(edit);
    match project::check(&app.project, &edit) {
        Ok(()) => {
            problem.set(None);
            app.dispatch(AppAction::Edit(edit));
            true
        }
        Err(e) => {
            problem.set(Some(ErrorItem { message: e.to_string().into(), target: Some(target_for(&e).into()) }));
            false
        }
    }
}

/// A date is needed: the summary names the date's day box.
fn missing_date(problem: &Problem, label: &str, id: &str) {
    problem.set(Some(ErrorItem {
        message: format!("Enter the {label}.").into(),
        target: Some(format!("{id}-day").into()),
    }));
}

fn error_for(problem: &Problem, ids: &[&str]) -> Option<AttrValue> {
    problem.as_ref().filter(|p| p.target.as_ref().is_some_and(|t| ids.contains(&t.as_str()))).map(|p| p.message.clone())
}

/// Delivering one action: its status with a date (and the exception note when off track), its
/// milestones met or late, its progress log and its measures' values, each with a chart.
#[component]
pub fn ActionDeliveryPage(props: &ActionDeliveryProps) -> Html {
    let app = use_app();
    let problem: Problem = use_state(|| None);
    let Some(action) = app.project.plan.actions.iter().find(|a| a.id.0 == props.id).cloned() else {
        return html! {
            <>
                <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Action not found" }</h1>
                <p>{ "This action is not in the plan. It may have been removed." }</p>
                <p><Link<Route> to={Route::Plan}>{ "Back to the plan" }</Link<Route>></p>
            </>
        };
    };
    let today = browser::today();
    let action = Rc::new(action);
    html! {
        <>
            <p><Link<Route> to={Route::Plan} classes="app-back-link">{ "Back to the plan" }</Link<Route>></p>
            if let Some(item) = (*problem).clone() {
                <ErrorSummary items={vec![item]} />
            }
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Deliver an action" }</h1>
            <p class="app-body-l" data-testid="delivery-action">{ action.what.clone() }</p>
            <p>{ "Status now: " }<ActionStatusTag status={action.status(today)} /></p>
            <StatusForm action={action.clone()} problem={problem.clone()} {today} />
            <Milestones action={action.clone()} problem={problem.clone()} {today} />
            <ProgressLog action={action.clone()} problem={problem.clone()} {today} />
            <Measures action={action.clone()} problem={problem.clone()} {today} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PartProps {
    action: Rc<Action>,
    problem: Problem,
    today: NaiveDate,
}

#[component]
fn StatusForm(props: &PartProps) -> Html {
    let app = use_app();
    let action = &props.action;
    let form = format!("delivery:{}:status", action.id.0);
    let status = use_state(|| action.status(props.today));
    let on = use_state(|| Some(props.today));
    let note = use_draft(&form, String::new());
    let problem = props.problem.clone();
    let onsubmit = {
        let (app, status, on, note, problem, id) =
            (app.clone(), status.clone(), on.clone(), note.clone(), problem.clone(), action.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(date) = *on else { return missing_date(&problem, "status date", "status-date") };
            let update =
                StatusUpdate { id: LogId(browser::new_id()), on: date, status: *status, note: (*note).clone() };
            let edit = PlanEdit::RecordStatus { action: id.clone(), update };
            let target = |e: &EditError| match e {
                EditError::Plan(PlanError::OffTrackNeedsNote) => "status-note".to_string(),
                _ => "status-date-day".to_string(),
            };
            if send(&app, &problem, edit, target) {
                note.set(String::new());
                forget_draft(&form);
            }
        })
    };
    html! {
        <section aria-labelledby="status-heading">
            <h2 class="app-heading-m" id="status-heading">{ "Status" }</h2>
            if !action.statuses.is_empty() {
                <StackedTable caption="Status history, latest first" caption_shown=true class="app-table--plain-rows" testid="status-history"
                    columns={vec![Column::new("Date"), Column::new("Status"), Column::new("Note")]}
                    rows={action.statuses.iter().rev().map(|s| Row::new(
                        html! { { long_date(s.on) } },
                        vec![html! { { s.status.label() } }, html! { { s.note.clone() } }],
                    )).collect::<Vec<_>>()} />
            }
            <form class="app-panel" {onsubmit} novalidate=true data-testid="status-form">
                <fieldset class="app-fieldset app-form-group">
                    <legend class="app-fieldset__legend">{ "Where does the action stand?" }</legend>
                    <div class="app-radios">
                        { for ActionStatus::ALL.into_iter().map(|s| html! {
                            <RadioItem id={format!("status-{}", s.key())} name="status" label={s.label()} checked={*status == s}
                                on_select={{ let status = status.clone(); Callback::from(move |_| status.set(s)) }} />
                        }) }
                    </div>
                </fieldset>
                <DateInput id="status-date" label="Status date" value={*on} on_change={setter(&on)}
                    error={error_for(&problem, &["status-date-day"])} />
                <TextField id="status-note" label="Exception note" rows={3} value={(*note).clone()} on_input={setter(&note)}
                    hint="Needed when the action is off track: why, and what is being done about it."
                    error={error_for(&problem, &["status-note"])} />
                <button type="submit" class="app-button">{ "Record status" }</button>
            </form>
        </section>
    }
}

#[component]
fn Milestones(props: &PartProps) -> Html {
    let app = use_app();
    let action = &props.action;
    let dates = use_state(|| vec![Some(props.today); action.milestones.len()]);
    if action.milestones.is_empty() {
        return html! {};
    }
    html! {
        <section aria-labelledby="milestones-heading">
            <h2 class="app-heading-m" id="milestones-heading">{ "Milestones" }</h2>
            <ul class="app-list" data-testid="milestones">
                { for action.milestones.iter().enumerate().map(|(i, m)| {
                    let label = format!("Milestone {}", i + 1);
                    let state = match (m.done_on, m.is_late(props.today)) {
                        (Some(d), _) => html! { <><strong class="app-tag app-tag--green">{ "Met" }</strong>{ format!(" on {}", long_date(d)) }</> },
                        (_, true) => html! { <strong class="app-tag app-tag--red">{ "Late" }</strong> },
                        _ => html! { <strong class="app-tag app-tag--grey">{ "Not met yet" }</strong> },
                    };
                    let id = format!("milestone-{i}-met");
                    let value = dates.get(i).copied().flatten();
                    let on_change = { let dates = dates.clone(); Callback::from(move |d| { let mut next = (*dates).clone(); next.resize(i + 1, None); next[i] = d; dates.set(next); }) };
                    let set = |done_on: Option<NaiveDate>| {
                        let (app, problem, action_id, id) = (app.clone(), props.problem.clone(), action.id.clone(), id.clone());
                        Callback::from(move |_: MouseEvent| {
                            send(&app, &problem, PlanEdit::SetMilestoneDone { action: action_id.clone(), milestone: i, done_on }, |_| format!("{id}-day"));
                        })
                    };
                    html! {
                        <li class="app-row-group" data-testid="milestone">
                            <p><strong>{ format!("{label}: ") }</strong>{ m.text.clone() }
                                { m.due.map(|d| format!(" (due {})", long_date(d))).unwrap_or_default() }{ " " }{ state }</p>
                            if m.done_on.is_some() {
                                <button type="button" class="app-button app-button--secondary" onclick={set(None)}>
                                    { "Mark not met" }<span class="app-visually-hidden">{ format!(": {label}") }</span></button>
                            } else {
                                <DateInput id={id.clone()} label={format!("{label} met on")} {value} {on_change}
                                    error={error_for(&props.problem, &[format!("{id}-day").as_str()])} />
                                <button type="button" class="app-button app-button--secondary" onclick={{
                                    let (problem, mark, id) = (props.problem.clone(), value.map(|d| set(Some(d))), id.clone());
                                    Callback::from(move |e: MouseEvent| match &mark { Some(mark) => mark.emit(e), None => missing_date(&problem, "date the milestone was met", &id) })
                                }}>{ "Mark met" }<span class="app-visually-hidden">{ format!(": {label}") }</span></button>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[component]
fn ProgressLog(props: &PartProps) -> Html {
    let app = use_app();
    let action = &props.action;
    let form = format!("delivery:{}:progress", action.id.0);
    let on = use_state(|| Some(props.today));
    let texts = use_draft(&form, (String::new(), String::new()));
    let problem = props.problem.clone();
    let onsubmit = {
        let (app, on, texts, problem, id) =
            (app.clone(), on.clone(), texts.clone(), problem.clone(), action.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(date) = *on else { return missing_date(&problem, "progress date", "progress-date") };
            let (done, to_develop) = (*texts).clone();
            let entry = ProgressEntry { id: LogId(browser::new_id()), on: date, done, to_develop };
            let target = |e: &EditError| match e {
                EditError::Plan(PlanError::EmptyProgress) => "progress-done".to_string(),
                _ => "progress-date-day".to_string(),
            };
            if send(&app, &problem, PlanEdit::AddProgress { action: id.clone(), entry }, target) {
                texts.set((String::new(), String::new()));
                forget_draft(&form);
            }
        })
    };
    let set_done = {
        let texts = texts.clone();
        Callback::from(move |v| texts.set((v, texts.1.clone())))
    };
    let set_develop = {
        let texts = texts.clone();
        Callback::from(move |v| texts.set((texts.0.clone(), v)))
    };
    html! {
        <section aria-labelledby="progress-heading">
            <h2 class="app-heading-m" id="progress-heading">{ "Progress log" }</h2>
            if action.progress.is_empty() {
                <p class="app-hint">{ "No progress recorded yet." }</p>
            } else {
                <dl class="app-summary-list" data-testid="progress-log">
                    { for action.progress.iter().rev().map(|p| html! {
                        <div class="app-summary-list__row">
                            <dt class="app-summary-list__key">{ long_date(p.on) }</dt>
                            <dd class="app-summary-list__value">
                                if !p.done.is_empty() { <p class="app-body-s"><strong>{ "Done so far: " }</strong>{ p.done.clone() }</p> }
                                if !p.to_develop.is_empty() { <p class="app-body-s"><strong>{ "To develop: " }</strong>{ p.to_develop.clone() }</p> }
                            </dd>
                        </div>
                    }) }
                </dl>
            }
            <form class="app-panel" {onsubmit} novalidate=true data-testid="progress-form">
                <DateInput id="progress-date" label="Progress date" value={*on} on_change={setter(&on)}
                    error={error_for(&problem, &["progress-date-day"])} />
                <TextField id="progress-done" label="What we have done so far" rows={3} value={texts.0.clone()} on_input={set_done}
                    error={error_for(&problem, &["progress-done"])} />
                <TextField id="progress-develop" label="What we need to develop" rows={3} value={texts.1.clone()} on_input={set_develop} />
                <button type="submit" class="app-button">{ "Add progress entry" }</button>
            </form>
        </section>
    }
}

#[component]
fn Measures(props: &PartProps) -> Html {
    let action = &props.action;
    if action.measures.is_empty() {
        return html! {};
    }
    html! {
        <section aria-labelledby="measures-heading">
            <h2 class="app-heading-m" id="measures-heading">{ "Impact measures" }</h2>
            { for (0..action.measures.len()).map(|i| html! {
                <MeasureValues key={i} action={action.clone()} problem={props.problem.clone()} today={props.today} index={i} />
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct MeasureProps {
    action: Rc<Action>,
    problem: Problem,
    today: NaiveDate,
    index: usize,
}

#[component]
fn MeasureValues(props: &MeasureProps) -> Html {
    let app = use_app();
    let i = props.index;
    let measure = &props.action.measures[i];
    let on = use_state(|| Some(props.today));
    let value = use_state(String::new);
    let chart = Rc::new(measure_chart(measure, props.today));
    let prefix = format!("measure-{i}");
    let onsubmit = {
        let (app, on, value, problem, id, prefix) =
            (app.clone(), on.clone(), value.clone(), props.problem.clone(), props.action.id.clone(), prefix.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(date) = *on else { return missing_date(&problem, "value date", &format!("{prefix}-date")) };
            let entry = MeasureValue { id: LogId(browser::new_id()), on: date, value: (*value).trim().to_string() };
            let target = |e: &EditError| match e {
                EditError::Plan(PlanError::EmptyValue) => format!("{prefix}-value"),
                _ => format!("{prefix}-date-day"),
            };
            let edit = PlanEdit::RecordMeasureValue { action: ActionId(id.0.clone()), measure: i, value: entry };
            if send(&app, &problem, edit, target) {
                value.set(String::new());
            }
        })
    };
    let label = format!("Measure {}", i + 1);
    html! {
        <div class="app-card" data-testid="measure">
            <h3 class="app-heading-s">{ format!("{label}: {}", measure.name) }</h3>
            <p class="app-body-s">{ format!("Baseline {}; target {}.", or_dash(&measure.baseline), or_dash(&measure.target)) }</p>
            <ChartFigure {chart} />
            <form {onsubmit} novalidate=true>
                <DateInput id={format!("{prefix}-date")} label={format!("{label} value date")} value={*on} on_change={setter(&on)}
                    error={error_for(&props.problem, &[format!("{prefix}-date-day").as_str()])} />
                <TextField id={format!("{prefix}-value")} label={format!("{label} value")} value={(*value).clone()} on_input={setter(&value)}
                    error={error_for(&props.problem, &[format!("{prefix}-value").as_str()])} />
                <button type="submit" class="app-button app-button--secondary">{ "Add value" }<span class="app-visually-hidden">{ format!(" for {label}") }</span></button>
            </form>
        </div>
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() { "not set".into() } else { text.trim().into() }
}

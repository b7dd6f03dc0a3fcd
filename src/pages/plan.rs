use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::chart::ChartFigure;
use crate::components::date_input::DateInput;
use crate::components::family_comments::family_comments;
use crate::components::fields::{ContextButton, TextField, draft_setter, setter};
use crate::components::fields::{SelectField, choice_options, choice_setter};
use crate::components::radio_item::RadioItem;
use crate::components::status_tag::ActionStatusTag;
use crate::context::{edit_with, submit_edit, use_app, use_draft};
use crate::domain::calendar::{countdown, long_date};
use crate::domain::counting::{count, with_commas};
use crate::domain::framework::DeadlineDate;
use crate::domain::plain_language::GlossaryTerm;
use crate::domain::plan::{
    self, Action, MonitoringView, NamedPlan, OwnView, PlanEdit, PlanId, PlanKind, Recommendation, RecommendationId,
    RecommendationKind, ReviewTarget,
};
use crate::domain::project::ProjectEdit;
use crate::domain::timeline;
use crate::export::chart;
use crate::pages::action_editor::ActionEditor;
use crate::pages::plan_downloads::PlanDownloads;
use crate::pages::plan_family::FamilyReview;
use crate::pages::plan_timeline::PlanTimeline;
use crate::route::Route;
use crate::store::AppAction;

fn plan_edit(app: &crate::context::AppContext, edit: PlanEdit) {
    app.dispatch(AppAction::Edit(ProjectEdit::Plan(edit)));
}

/// Paste the report's opening paragraph and the app suggests the outcome it gives (matched
/// loosely: reports word the statement in several ways). Nothing pasted here is saved.
#[component]
fn OutcomeFromReport() -> Html {
    let app = use_app();
    let text = use_state(String::new);
    let edition = app.project.edition();
    let recognised = edition.outcome_in_report_text(&text);
    html! {
        <TextField id="outcome-report-text" label="Or paste the report's outcome paragraph" rows={3} value={(*text).clone()} on_input={setter(&text)}
            hint="The app suggests the outcome it gives. The pasted text is not saved.">
            if !text.trim().is_empty() {
                <p class="app-body-s" data-testid="outcome-recognised" aria-live="polite">{ match recognised {
                    Some(crate::domain::report_text::Recognised::Statement(n)) => format!("This reads as outcome {n}: the text matches its outcome statement."),
                    Some(crate::domain::report_text::Recognised::NextSteps(n)) => format!("This reads as outcome {n}: the text matches the sentences reports print with it, not the statement itself."),
                    None => "The outcome could not be told from this text. Choose it above.".to_string(),
                } }</p>
                if let Some(n) = recognised.map(|r| r.outcome()) {
                    <button type="button" class="app-button app-button--secondary"
                        onclick={edit_with(&app, move |_: MouseEvent| ProjectEdit::Plan(PlanEdit::SetOutcome { outcome: Some(n) }))}>
                        { format!("Use outcome {n}") }
                    </button>
                }
            }
        </TextField>
    }
}

#[component]
pub fn PlanPage() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let edition = project.edition();
    let calendar = project.calendar();
    let today = browser::today();
    let dates = &project.inspection;
    let outcome = project.plan.outcome;
    let pap_gaps = plan::pap_gaps(&project);
    let unanswered = plan::unanswered_recommendations(&project);

    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Strategic plan update" }</h1>
            <p class="app-body-l">{ "After the inspection report, every partnership updates and publishes its strategic plan. Under the third outcome it also writes a priority action plan." }</p>

            <h2 class="app-heading-m">{ "The report" }</h2>
            <fieldset class="app-fieldset app-form-group">
                <legend class="app-fieldset__legend">{ "Inspection outcome" }</legend>
                <div class="app-radios">
                    { for edition.outcomes.iter().map(|o| {
                        let id = format!("outcome-{}", o.number);
                        let number = o.number;
                        let onchange = edit_with(&app, move |_: Event| ProjectEdit::Plan(PlanEdit::SetOutcome { outcome: Some(number) }));
                        html! {
                            <div class="app-radios__item">
                                <input class="app-radios__input" type="radio" name="outcome" id={id.clone()} checked={outcome == Some(o.number)}
                                    aria-describedby={format!("{id}-hint")} {onchange} />
                                <label class="app-label app-radios__label" for={id.clone()}>{ format!("Outcome {}: {}", o.number, o.short_label) }</label>
                                <div class="app-hint app-radios__hint" id={format!("{id}-hint")}>{ o.statement.clone() }</div>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <OutcomeFromReport />
            <DateInput id="final-report-received" label="Date the final report was received" value={dates.final_report_received}
                on_change={edit_with(&app, |date| ProjectEdit::SetFinalReportReceived { date })} />
            <DateInput id="report-published" label="Date the report was published" value={dates.report_published}
                on_change={edit_with(&app, |date| ProjectEdit::SetReportPublished { date })} />

            <h2 class="app-heading-m">{ format!("Deadlines under the {}", edition.short_name) }</h2>
            <dl class="app-summary-list" data-testid="plan-deadlines">
                { for edition.post_inspection.iter().filter(|d| outcome.is_none_or(|o| d.outcomes.contains(&o))).map(|d| {
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
            <PlanTimeline />

            <h2 class="app-heading-m">{ "Our SEND strategy and how we will deliver it" }</h2>
            <TextField id="plan-strategy" label="The partnership's SEND strategy, and how you will deliver it" rows={6}
                value={project.plan.strategy.clone()}
                on_input={edit_with(&app, |text| ProjectEdit::Plan(PlanEdit::SetStrategy { text }))}
                hint={edition.plan_requirements.as_ref().map(|r| AttrValue::from(format!("{} ({}). Leave a blank line between paragraphs.", r.strategy.trim_end_matches('.'), r.strategy_source)))} />
            if project.plan.has_priority_areas() || outcome == Some(3) {
                <DateInput id="pap-copy-sent" label="Date a copy of the priority action plan was sent to Ofsted and CQC" value={project.plan.pap_copy_sent}
                    hint={edition.plan_requirements.as_ref().map(|r| AttrValue::from(format!("{} ({}).", r.pap_copy.trim_end_matches('.'), r.pap_copy_source)))}
                    on_change={edit_with(&app, |date| ProjectEdit::Plan(PlanEdit::SetPapCopySent { date }))} />
            }

            if !pap_gaps.is_empty() || !unanswered.is_empty() {
                <div class="app-warning" data-testid="plan-gaps">
                    <p class="app-warning__title">{ "Still missing" }</p>
                    <ul class="app-list app-list--bullet">
                        { for pap_gaps.iter().map(|g| html! { <li>{ g.clone() }</li> }) }
                        { for unanswered.iter().filter(|r| r.kind == RecommendationKind::Improvement).map(|r| html! {
                            <li>{ format!("No action yet for: \u{201c}{}\u{201d}", r.text.chars().take(80).collect::<String>()) }</li>
                        }) }
                    </ul>
                </div>
            } else if project.plan.has_priority_areas() {
                <p class="app-inset" data-testid="pap-complete"><strong class="app-tag app-tag--green">{ "Complete" }</strong>
                    { " The priority action plan has measures, a responsible partner and a period for every area for priority action." }</p>
            }

            { for [RecommendationKind::Priority, RecommendationKind::Improvement].into_iter().map(|kind| {
                let recs: Vec<Recommendation> = project.plan.recommendations.iter().filter(|r| r.kind == kind).cloned().collect();
                let show = !recs.is_empty() || kind == RecommendationKind::Improvement || outcome == Some(3);
                html! { if show {
                    <section aria-labelledby={format!("recs-{:?}", kind).to_lowercase()}>
                        <h2 class="app-heading-m" id={format!("recs-{:?}", kind).to_lowercase()}>
                            { if kind == RecommendationKind::Priority { "Areas for priority action (the priority action plan)" } else { "Areas for improvement" } }
                        </h2>
                        if recs.is_empty() { <p class="app-hint">{ "None recorded yet." }</p> }
                        { for recs.into_iter().enumerate().map(|(n, rec)| { let key = rec.id.0.clone(); html! { <RecommendationCard {key} number={n + 1} recommendation={rec} /> } }) }
                    </section>
                } }
            }) }
            <AddRecommendationForm />
            <DeliverySection />
            <MonitoringSection />
            <NamedPlansSection />
            <GlossarySection />

            <FamilyReview />
            <PlanDownloads />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct RecommendationCardProps {
    number: usize,
    recommendation: Recommendation,
}

/// Actions an area's card shows before "Show all": a plan of 300 actions would otherwise draw
/// about 9,000 elements (900 ms in Chromium); each action's whole record is on its own page.
const ACTIONS_SHOWN: usize = 10;

#[component]
fn RecommendationCard(props: &RecommendationCardProps) -> Html {
    let app = use_app();
    let editing = use_state(|| None::<Option<Action>>);
    let show_all = use_state(|| false);
    let rec = &props.recommendation;
    let actions: Vec<&Action> = app.project.plan.actions_for(&rec.id).collect();
    let shown = if *show_all { actions.len() } else { actions.len().min(ACTIONS_SHOWN) };
    let remove_rec = {
        let (app, id) = (app.clone(), rec.id.clone());
        Callback::from(move |_| plan_edit(&app, PlanEdit::RemoveRecommendation { id: id.clone() }))
    };
    let close = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };
    let label = format!("{} {}", rec.kind.label(), props.number);
    html! {
        <div class="app-card" data-testid="recommendation">
            <h3 class="app-heading-s">{ label.clone() }</h3>
            <blockquote class="app-quote">{ rec.text.clone() }</blockquote>
            if !rec.responsible_body.is_empty() { <p class="app-body-s">{ format!("Responsible body: {}", rec.responsible_body) }</p> }
            if actions.is_empty() {
                <p><strong class="app-tag app-tag--red">{ "No action yet" }</strong></p>
            }
            if actions.len() > ACTIONS_SHOWN {
                <p class="app-body-s" data-testid="actions-shown">{ format!("Showing {} of {}.", with_commas(shown), count(actions.len(), "action", "actions")) }</p>
            }
            <div id={format!("actions-{}", rec.id.0)}>
                { for actions.iter().take(shown).map(|a| html! { <ActionSummary key={a.id.0.clone()} action={(*a).clone()}
                    on_edit={{ let (editing, a) = (editing.clone(), (*a).clone()); Callback::from(move |_| editing.set(Some(Some(a.clone())))) }} /> }) }
            </div>
            if actions.len() > ACTIONS_SHOWN {
                <p><button type="button" class="app-button app-button--secondary" aria-expanded={(*show_all).to_string()} aria-controls={format!("actions-{}", rec.id.0)}
                    onclick={{ let show_all = show_all.clone(); Callback::from(move |_| show_all.set(!*show_all)) }}>
                    { if *show_all { format!("Show the first {ACTIONS_SHOWN} actions only") } else { format!("Show all {} actions", with_commas(actions.len())) } }
                    <span class="app-visually-hidden">{ format!(" for {label}") }</span>
                </button></p>
            }
            if let Some(existing) = (*editing).clone() {
                <ActionEditor recommendation={rec.id.clone()} action={existing} on_close={close} />
            } else {
                <div class="app-button-group">
                    <button type="button" class="app-button app-button--secondary" onclick={{ let editing = editing.clone(); Callback::from(move |_| editing.set(Some(None))) }}>
                        { "Add an action" }<span class="app-visually-hidden">{ format!(" for {label}") }</span>
                    </button>
                    if actions.is_empty() {
                        <ContextButton label="Remove" context={format!(" {label}")} on_click={remove_rec} />
                    }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ActionSummaryProps {
    action: Action,
    on_edit: Callback<()>,
}

#[component]
fn ActionSummary(props: &ActionSummaryProps) -> Html {
    let app = use_app();
    let a = &props.action;
    let project = &app.project;
    let partner = a.responsible.as_ref().and_then(|p| project.partner(p)).map(|p| p.name.clone());
    let period = match (a.start, a.end) {
        (Some(s), Some(e)) => format!("{} to {}", long_date(s), long_date(e)),
        _ => "Not yet set".into(),
    };
    let remove = {
        let (app, id) = (app.clone(), a.id.clone());
        Callback::from(move |_| plan_edit(&app, PlanEdit::RemoveAction { id: id.clone() }))
    };
    let short: String = a.what.chars().take(40).collect();
    let today = browser::today();
    let plans: Vec<&str> = project.plan.plans.iter().filter(|p| a.in_plan(p)).map(|p| p.title()).collect();
    html! {
        <div class="app-action" data-testid="action">
            <p class="app-entry__text">{ a.what.clone() }</p>
            <p class="app-body-s">{ "Status: " }<ActionStatusTag status={a.status(today)} />
                { a.status_update(today).map(|u| format!(" since {}", long_date(u.on))).unwrap_or_default() }</p>
            <dl class="app-summary-list app-summary-list--compact">
                <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Responsible partner" }</dt>
                    <dd class="app-summary-list__value">{ partner.unwrap_or_else(|| "Not yet agreed".into()) }</dd></div>
                <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Period" }</dt><dd class="app-summary-list__value">{ period }</dd></div>
                if !plans.is_empty() {
                    <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Plans" }</dt><dd class="app-summary-list__value">{ plans.join(", ") }</dd></div>
                }
                if !a.milestones.is_empty() {
                    <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Milestones" }</dt>
                        <dd class="app-summary-list__value">{ for a.milestones.iter().map(|m| html! { <p class="app-body-s">{ format!("{}{}", m.text, m.due.map(|d| format!(" ({})", long_date(d))).unwrap_or_default()) }</p> }) }</dd></div>
                }
                if !a.measures.is_empty() {
                    <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Impact measures" }</dt>
                        <dd class="app-summary-list__value">{ for a.measures.iter().map(|m| html! { <p class="app-body-s">{ format!("{}: {} \u{2192} {}{}", m.name, m.baseline, m.target, if m.actual.is_empty() { String::new() } else { format!(" (now {})", m.actual) }) }</p> }) }</dd></div>
                }
                if !a.involvement.is_empty() {
                    <div class="app-summary-list__row"><dt class="app-summary-list__key">{ "Families' involvement" }</dt><dd class="app-summary-list__value">{ a.involvement.clone() }</dd></div>
                }
            </dl>
            { family_comments(&project.plan, &ReviewTarget::Action(a.id.clone()), &crate::context::answer_comment(&app)) }
            <div class="app-button-group">
                <Link<Route> to={Route::ActionDelivery { id: a.id.0.clone() }} classes="app-button">
                    { "Record progress" }<span class="app-visually-hidden">{ format!(" on the action \u{201c}{short}\u{201d}") }</span>
                </Link<Route>>
                <ContextButton label="Change" context={format!(" the action \u{201c}{short}\u{201d}")} on_click={props.on_edit.clone()} />
                <ContextButton label="Remove" context={format!(" the action \u{201c}{short}\u{201d}")} on_click={remove} />
            </div>
        </div>
    }
}

#[component]
fn AddRecommendationForm() -> Html {
    let app = use_app();
    let kind = use_state(|| RecommendationKind::Improvement);
    let text = use_draft("area:text", String::new());
    let body = use_draft("area:body", String::new());
    let onsubmit = {
        let (app, kind, text, body) = (app.clone(), kind.clone(), text.clone(), body.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let recommendation = Recommendation {
                id: RecommendationId(browser::new_id()),
                kind: *kind,
                text: (*text).clone(),
                responsible_body: (*body).clone(),
            };
            if submit_edit(&app, ProjectEdit::Plan(PlanEdit::AddRecommendation { recommendation })) {
                text.set(String::new());
                body.set(String::new());
            }
        })
    };
    html! {
        <form class="app-panel" {onsubmit} novalidate=true data-testid="add-recommendation">
            <h2 class="app-heading-m">{ "Add an area from the report" }</h2>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Which kind?" }</legend>
                <div class="app-radios">
                    { for [RecommendationKind::Priority, RecommendationKind::Improvement].into_iter().map(|k| html! {
                        <RadioItem id={format!("new-rec-{:?}", k).to_lowercase()} name="new-rec-kind" label={k.label()} checked={*kind == k}
                            on_select={{ let kind = kind.clone(); Callback::from(move |_| kind.set(k)) }} />
                    }) }
                </div>
            </fieldset>
            <TextField id="new-rec-text" label="The report's words" rows={4} value={(*text).clone()} on_input={setter(&text)}
                hint="Paste the text exactly as the report gives it." />
            <TextField id="new-rec-body" label="Responsible body (as the report names it)" value={(*body).clone()} on_input={setter(&body)} />
            <button type="submit" class="app-button">{ "Add area" }</button>
        </form>
    }
}

#[component]
fn GlossarySection() -> Html {
    let app = use_app();
    let draft = use_state(|| GlossaryTerm { term: String::new(), expansion: String::new(), plain: String::new() });
    let onsubmit = {
        let (app, draft) = (app.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if submit_edit(&app, ProjectEdit::Plan(PlanEdit::AddGlossaryTerm { term: (*draft).clone() })) {
                draft.set(GlossaryTerm { term: String::new(), expansion: String::new(), plain: String::new() });
            }
        })
    };
    let field = |id: &'static str, label: &'static str, value: String, set: fn(&mut GlossaryTerm, String)| {
        html! { <TextField {id} {label} {value} on_input={draft_setter(&draft, set)} /> }
    };
    html! {
        <section aria-labelledby="glossary-heading">
            <h2 class="app-heading-m" id="glossary-heading">{ "Your glossary" }</h2>
            <p>{ "The plain-language checks flag abbreviations and jargon that a family might not know. Add your own local terms; the easy-read version uses their plain words." }</p>
            if !app.project.plan.glossary.is_empty() {
                <dl class="app-summary-list" data-testid="glossary">
                    { for app.project.plan.glossary.iter().map(|t| {
                        let remove = { let (app, term) = (app.clone(), t.term.clone()); Callback::from(move |_| plan_edit(&app, PlanEdit::RemoveGlossaryTerm { term: term.clone() })) };
                        html! {
                            <div class="app-summary-list__row">
                                <dt class="app-summary-list__key">{ t.term.clone() }</dt>
                                <dd class="app-summary-list__value">{ format!("{} \u{2013} in easy read: \u{201c}{}\u{201d}", t.expansion, t.plain) }
                                    { " " }<ContextButton label="Remove" context={format!(" {}", t.term)} on_click={remove} />
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
            }
            <form class="app-panel" {onsubmit} novalidate=true>
                { field("glossary-term", "Term or abbreviation", draft.term.clone(), |t, v| t.term = v) }
                { field("glossary-expansion", "What it stands for", draft.expansion.clone(), |t, v| t.expansion = v) }
                { field("glossary-plain", "Plain words for the easy-read version", draft.plain.clone(), |t, v| t.plain = v) }
                <button type="submit" class="app-button app-button--secondary">{ "Add to glossary" }</button>
            </form>
        </section>
    }
}

/// How delivery stands today: the status now and over time, and each measure's chart, each with
/// its data.
#[component]
fn DeliverySection() -> Html {
    let app = use_app();
    let plan = &app.project.plan;
    if plan.actions.is_empty() {
        return html! {};
    }
    let today = browser::today();
    let actions: Vec<&Action> = plan.actions.iter().collect();
    let charts = chart::delivery_charts(&actions, today);
    html! {
        <section aria-labelledby="delivery-heading" data-testid="delivery">
            <h2 class="app-heading-m" id="delivery-heading">{ "Delivery so far" }</h2>
            { for charts.into_iter().map(|chart| html! { <ChartFigure chart={std::rc::Rc::new(chart)} /> }) }
        </section>
    }
}

/// A change to one area's monitoring view, from what was typed or chosen.
type ViewChange = std::rc::Rc<dyn Fn(&mut MonitoringView, String)>;

/// Before the monitoring inspection: when it is expected, and per area for priority action the
/// evidence of impact so far and the partnership's own view.
#[component]
fn MonitoringSection() -> Html {
    let app = use_app();
    let project = &app.project;
    let areas: Vec<&Recommendation> =
        project.plan.recommendations.iter().filter(|r| r.kind == RecommendationKind::Priority).collect();
    if areas.is_empty() && project.plan.outcome != Some(3) {
        return html! {};
    }
    let window = timeline::monitoring_window(project);
    html! {
        <section aria-labelledby="monitoring-heading" data-testid="monitoring">
            <h2 class="app-heading-m" id="monitoring-heading">{ "Ready for the monitoring inspection" }</h2>
            if let Some(row) = window {
                <dl class="app-summary-list">
                    <div class="app-summary-list__row">
                        <dt class="app-summary-list__key">{ "Expected" }</dt>
                        <dd class="app-summary-list__value" data-testid="monitoring-window">
                            <strong>{ row.date_text.clone() }</strong>{ format!(" ({})", row.kind.label().to_lowercase()) }
                            if !row.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                            if !row.note.is_empty() { <p class="app-hint">{ row.note.clone() }</p> }
                        </dd>
                    </div>
                </dl>
            }
            { for areas.iter().enumerate().map(|(n, area)| {
                let view = project.plan.monitoring.get(&area.id).cloned().unwrap_or_default();
                let label = format!("Area for priority action {}", n + 1);
                let prefix = format!("monitoring-{n}");
                let set = |change: ViewChange| {
                    let (id, view) = (area.id.clone(), view.clone());
                    edit_with(&app, move |value: String| {
                        let mut next = view.clone();
                        change(&mut next, value);
                        ProjectEdit::Plan(PlanEdit::SetMonitoring { area: id.clone(), view: next })
                    })
                };
                html! {
                    <div class="app-card" data-testid="monitoring-area">
                        <h3 class="app-heading-s">{ label.clone() }</h3>
                        <blockquote class="app-quote">{ area.text.clone() }</blockquote>
                        <TextField id={format!("{prefix}-impact")} label={format!("{label}: evidence of impact so far")} rows={3}
                            value={view.impact.clone()} on_input={set(std::rc::Rc::new(|v, text| v.impact = text))} />
                        <fieldset class="app-fieldset app-form-group">
                            <legend class="app-fieldset__legend">{ format!("{label}: our own view") }</legend>
                            <div class="app-radios">
                                { for OwnView::ALL.into_iter().map(|choice| {
                                    let pick = set(std::rc::Rc::new(move |v, _| v.view = Some(choice)));
                                    html! {
                                        <RadioItem id={format!("{prefix}-{}", choice.key())} name={format!("{prefix}-view")} label={choice.label()}
                                            checked={view.view == Some(choice)} on_select={Callback::from(move |_| pick.emit(String::new()))} />
                                    }
                                }) }
                            </div>
                        </fieldset>
                    </div>
                }
            }) }
        </section>
    }
}

/// The plans the actions are delivered under, with their local names.
#[component]
fn NamedPlansSection() -> Html {
    let app = use_app();
    let kind = use_state(|| PlanKind::PriorityActionPlan);
    let name = use_draft("named-plan:name", String::new());
    let onsubmit = {
        let (app, kind, name) = (app.clone(), kind.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let plan = NamedPlan { id: PlanId(browser::new_id()), kind: *kind, name: (*name).clone() };
            if submit_edit(&app, ProjectEdit::Plan(PlanEdit::SavePlan { plan })) {
                name.set(String::new());
            }
        })
    };
    let plans = &app.project.plan.plans;
    html! {
        <section aria-labelledby="named-plans-heading" data-testid="named-plans">
            <h2 class="app-heading-m" id="named-plans-heading">{ "Plans these actions serve" }</h2>
            <p>{ "One action can belong to several plans: the strategic plan update, the priority action plan, an Improvement Notice, the local SEND reform plan or a plan of your own. Tick them when you change an action; every plan download can be made for one plan." }</p>
            if plans.is_empty() {
                <p class="app-hint">{ "No plans named yet: every action belongs to the strategic plan update." }</p>
            } else {
                <dl class="app-summary-list">
                    { for plans.iter().map(|p| {
                        let count = app.project.plan.actions.iter().filter(|a| a.in_plan(p)).count();
                        let remove = { let (app, id) = (app.clone(), p.id.clone()); Callback::from(move |_| plan_edit(&app, PlanEdit::RemovePlan { id: id.clone() })) };
                        html! {
                            <div class="app-summary-list__row">
                                <dt class="app-summary-list__key">{ p.title() }</dt>
                                <dd class="app-summary-list__value">
                                    { format!("{} ({})", p.kind.label(), crate::domain::counting::count(count, "action", "actions")) }
                                    { " " }<ContextButton label="Remove" context={format!(" {}", p.title())} on_click={remove} />
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
            }
            <form class="app-panel" {onsubmit} novalidate=true data-testid="add-named-plan">
                <SelectField id="new-plan-kind" label="Kind of plan" options={choice_options::<PlanKind>()} selected={kind.key()}
                    on_change={choice_setter(&kind)} />
                <TextField id="new-plan-name" label="Its local title (optional unless another plan)" value={(*name).clone()} on_input={setter(&name)}
                    hint="For example \u{201c}Priority Impact Plan\u{201d}." />
                <button type="submit" class="app-button app-button--secondary">{ "Add plan" }</button>
            </form>
        </section>
    }
}

use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::components::date_input::DateInput;
use crate::components::plain_language_hint::PlainLanguageHint;
use crate::context::{submit_edit, use_app};
use crate::domain::plain_language::glossary;
use crate::domain::plan::{Action, ActionId, Measure, Milestone, PlanEdit, RecommendationId};
use crate::domain::project::{PartnerId, ProjectEdit};

#[derive(Properties, PartialEq)]
pub struct ActionEditorProps {
    pub recommendation: RecommendationId,
    /// The action to change, or `None` for a new one.
    pub action: Option<Action>,
    pub on_close: Callback<()>,
}

fn input(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn textarea(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

/// A function that changes the draft action with a typed value.
fn setter(draft: &UseStateHandle<Action>, change: impl Fn(&mut Action, String) + 'static) -> impl Fn(String) + 'static {
    let draft = draft.clone();
    move |value| {
        let mut next = (*draft).clone();
        change(&mut next, value);
        draft.set(next);
    }
}

/// The form for one action: what, who, when, milestones, measures, involvement and links to the
/// self-evaluation. Edits a local draft; "Save action" sends it to the store.
#[component]
pub fn ActionEditor(props: &ActionEditorProps) -> Html {
    let app = use_app();
    let draft = {
        let (existing, recommendation) = (props.action.clone(), props.recommendation.clone());
        use_state(move || {
            existing.unwrap_or_else(|| Action {
                id: ActionId(browser::new_id()),
                recommendation,
                what: String::new(),
                responsible: None,
                start: None,
                end: None,
                milestones: Vec::new(),
                measures: Vec::new(),
                involvement: String::new(),
                criteria: BTreeSet::new(),
                evidence: BTreeSet::new(),
            })
        })
    };
    let terms = Rc::new(glossary(&app.project.plan.glossary));
    let prefix = format!("action-{}", draft.id.0);

    let onsubmit = {
        let (app, draft, on_close) = (app.clone(), draft.clone(), props.on_close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if submit_edit(&app, ProjectEdit::Plan(PlanEdit::SaveAction { action: (*draft).clone() })) {
                on_close.emit(());
            }
        })
    };
    let what = setter(&draft, |a, v| a.what = v);
    let involvement = setter(&draft, |a, v| a.involvement = v);
    let responsible = setter(&draft, |a, v| a.responsible = (!v.is_empty()).then_some(PartnerId(v)));
    let set_dates = |start: bool| {
        let draft = draft.clone();
        Callback::from(move |d| {
            let mut next = (*draft).clone();
            if start {
                next.start = d
            } else {
                next.end = d
            }
            draft.set(next);
        })
    };
    let list_edit = |f: Rc<dyn Fn(&mut Action)>| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            f(&mut next);
            draft.set(next);
        })
    };

    html! {
        <form class="app-panel" {onsubmit} novalidate=true data-testid="action-editor">
            <h4 class="app-heading-s">{ if props.action.is_some() { "Change this action" } else { "Add an action" } }</h4>
            <div class="app-form-group">
                <label class="app-label" for={format!("{prefix}-what")}>{ "What will be done" }</label>
                <textarea class="app-textarea" id={format!("{prefix}-what")} rows="4" aria-describedby={format!("{prefix}-what-plain")}
                    value={draft.what.clone()} oninput={Callback::from(move |e| what(textarea(e)))} />
                <PlainLanguageHint id={format!("{prefix}-what-plain")} text={draft.what.clone()} glossary={terms.clone()} />
            </div>
            <div class="app-form-group">
                <label class="app-label" for={format!("{prefix}-responsible")}>{ "Responsible partner" }</label>
                <select class="app-select" id={format!("{prefix}-responsible")}
                    onchange={Callback::from(move |e: Event| responsible(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                    <option value="" selected={draft.responsible.is_none()}>{ "Not yet agreed" }</option>
                    { for app.project.partners.iter().map(|p| html! {
                        <option value={p.id.0.clone()} selected={draft.responsible.as_ref() == Some(&p.id)}>{ p.name.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="app-date-pair">
                <DateInput id={format!("{prefix}-start")} label="Starts" value={draft.start} on_change={set_dates(true)} />
                <DateInput id={format!("{prefix}-end")} label="Ends" value={draft.end} on_change={set_dates(false)} />
            </div>

            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Milestones" }</legend>
                { for draft.milestones.iter().enumerate().map(|(i, m)| {
                    let text = { let draft = draft.clone(); Callback::from(move |e: InputEvent| { let mut n = (*draft).clone(); n.milestones[i].text = input(e); draft.set(n); }) };
                    let due = { let draft = draft.clone(); Callback::from(move |d| { let mut n = (*draft).clone(); n.milestones[i].due = d; draft.set(n); }) };
                    html! {
                        <div class="app-row-group">
                            <div class="app-form-group">
                                <label class="app-label" for={format!("{prefix}-milestone-{i}")}>{ format!("Milestone {}", i + 1) }</label>
                                <input class="app-input" type="text" id={format!("{prefix}-milestone-{i}")} value={m.text.clone()} oninput={text} />
                            </div>
                            <DateInput id={format!("{prefix}-milestone-{i}-due")} label={format!("Milestone {} due", i + 1)} value={m.due} on_change={due} />
                            <button type="button" class="app-link-button" onclick={list_edit(Rc::new(move |a| { a.milestones.remove(i); }))}>
                                { "Remove" }<span class="app-visually-hidden">{ format!(" milestone {}", i + 1) }</span>
                            </button>
                        </div>
                    }
                }) }
                <button type="button" class="app-button app-button--secondary app-button--small"
                    onclick={list_edit(Rc::new(|a| a.milestones.push(Milestone::default())))}>{ "Add a milestone" }</button>
            </fieldset>

            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Impact measures" }</legend>
                <div class="app-hint">{ "How you will know it worked: where you start (baseline), where you aim to be (target) and where you got to (actual)." }</div>
                { for draft.measures.iter().enumerate().map(|(i, m)| {
                    let field = |label: &'static str, key: &'static str, value: String, set: fn(&mut Measure, String)| {
                        let draft = draft.clone();
                        let oninput = Callback::from(move |e: InputEvent| { let mut n = (*draft).clone(); set(&mut n.measures[i], input(e)); draft.set(n); });
                        html! {
                            <div class="app-form-group">
                                <label class="app-label" for={format!("{prefix}-measure-{i}-{key}")}>{ format!("Measure {} {label}", i + 1) }</label>
                                <input class="app-input" type="text" id={format!("{prefix}-measure-{i}-{key}")} {value} {oninput} />
                            </div>
                        }
                    };
                    html! {
                        <div class="app-row-group">
                            { field("name", "name", m.name.clone(), |m, v| m.name = v) }
                            { field("baseline", "baseline", m.baseline.clone(), |m, v| m.baseline = v) }
                            { field("target", "target", m.target.clone(), |m, v| m.target = v) }
                            { field("actual", "actual", m.actual.clone(), |m, v| m.actual = v) }
                            <button type="button" class="app-link-button" onclick={list_edit(Rc::new(move |a| { a.measures.remove(i); }))}>
                                { "Remove" }<span class="app-visually-hidden">{ format!(" measure {}", i + 1) }</span>
                            </button>
                        </div>
                    }
                }) }
                <button type="button" class="app-button app-button--secondary app-button--small"
                    onclick={list_edit(Rc::new(|a| a.measures.push(Measure::default())))}>{ "Add a measure" }</button>
            </fieldset>

            <div class="app-form-group">
                <label class="app-label" for={format!("{prefix}-involvement")}>{ "How children, young people and families were involved" }</label>
                <textarea class="app-textarea" id={format!("{prefix}-involvement")} rows="3" aria-describedby={format!("{prefix}-involvement-plain")}
                    value={draft.involvement.clone()} oninput={Callback::from(move |e| involvement(textarea(e)))} />
                <PlainLanguageHint id={format!("{prefix}-involvement-plain")} text={draft.involvement.clone()} glossary={terms.clone()} />
            </div>

            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Self-evaluation criteria this action addresses" }</legend>
                <div class="app-checkboxes app-checkboxes--columns">
                    { for app.project.edition().criteria.iter().map(|c| {
                        let id = format!("{prefix}-criterion-{}", c.id);
                        let onchange = {
                            let (draft, cid) = (draft.clone(), c.id.clone());
                            Callback::from(move |e: Event| {
                                let mut next = (*draft).clone();
                                if e.target_unchecked_into::<HtmlInputElement>().checked() { next.criteria.insert(cid.clone()); } else { next.criteria.remove(&cid); }
                                draft.set(next);
                            })
                        };
                        html! {
                            <div class="app-checkboxes__item">
                                <input class="app-checkboxes__input" type="checkbox" id={id.clone()} checked={draft.criteria.contains(&c.id)} {onchange} />
                                <label class="app-label app-checkboxes__label" for={id}>{ format!("{} {}", c.id, c.short_title) }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>

            <div class="app-button-group">
                <button type="submit" class="app-button">{ "Save action" }</button>
                <button type="button" class="app-link-button" onclick={{ let on_close = props.on_close.clone(); Callback::from(move |_| on_close.emit(())) }}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

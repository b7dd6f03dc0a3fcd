use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::components::date_input::DateInput;
use crate::components::fields::{ContextButton, SelectField, TextField, draft_setter, partner_choice, partner_options};
use crate::components::plain_language_hint::PlainLanguageHint;
use crate::context::{forget_draft, submit_edit, use_app, use_draft};
use crate::domain::plain_language::glossary;
use crate::domain::plan::{Action, ActionId, Measure, Milestone, PlanEdit, RecommendationId};
use crate::domain::project::ProjectEdit;

#[derive(Properties, PartialEq)]
pub struct ActionEditorProps {
    pub recommendation: RecommendationId,
    /// The action to change, or `None` for a new one.
    pub action: Option<Action>,
    pub on_close: Callback<()>,
}

/// The form for one action: what, who, when, milestones, measures, involvement and links to the
/// self-evaluation. Edits a local draft; "Save action" sends it to the store.
#[component]
pub fn ActionEditor(props: &ActionEditorProps) -> Html {
    let app = use_app();
    // A new action gets its id once; what is typed is kept as a draft until saved or cancelled.
    let baseline = {
        let (existing, recommendation) = (props.action.clone(), props.recommendation.clone());
        use_memo((), move |_| {
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
                ..Default::default()
            })
        })
    };
    let form = match &props.action {
        Some(action) => format!("action:{}", action.id.0),
        None => format!("action:new:{}", props.recommendation.0),
    };
    let draft = use_draft(&form, (*baseline).clone());
    let terms = Rc::new(glossary(&app.project.plan.glossary));
    let prefix = format!("action-{}", draft.id.0);

    let onsubmit = {
        let (app, draft, on_close, form) = (app.clone(), draft.clone(), props.on_close.clone(), form.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if submit_edit(&app, ProjectEdit::Plan(PlanEdit::SaveAction { action: Box::new((*draft).clone()) })) {
                forget_draft(&form);
                on_close.emit(());
            }
        })
    };
    let list_edit = |f: Rc<dyn Fn(&mut Action)>| {
        let draft = draft.clone();
        Callback::from(move |()| {
            let mut next = (*draft).clone();
            f(&mut next);
            draft.set(next);
        })
    };

    html! {
        <form class="app-panel" {onsubmit} novalidate=true data-testid="action-editor">
            <h4 class="app-heading-s">{ if props.action.is_some() { "Change this action" } else { "Add an action" } }</h4>
            <TextField id={format!("{prefix}-what")} label="What will be done" rows={4} value={draft.what.clone()}
                on_input={draft_setter(&draft, |a: &mut Action, v| a.what = v)} described_by={format!("{prefix}-what-plain")}>
                <PlainLanguageHint id={format!("{prefix}-what-plain")} text={draft.what.clone()} glossary={terms.clone()} />
            </TextField>
            <TextField id={format!("{prefix}-for-families")} label="What this means for families (optional)" value={draft.for_families.clone()}
                on_input={draft_setter(&draft, |a: &mut Action, v| a.for_families = v)}
                hint="One plain line. It comes first in the easy-read plan and the review pack, for example \u{201c}Families get a named contact while they wait.\u{201d}" />
            <SelectField id={format!("{prefix}-responsible")} label="Responsible partner" options={partner_options(&app.project.partners, "Not yet agreed")}
                selected={draft.responsible.as_ref().map(|p| p.0.clone()).unwrap_or_default()}
                on_change={draft_setter(&draft, |a: &mut Action, v| a.responsible = partner_choice(v))} />
            <div class="app-date-pair">
                <DateInput id={format!("{prefix}-start")} label="Starts" value={draft.start} on_change={draft_setter(&draft, |a: &mut Action, d| a.start = d)} />
                <DateInput id={format!("{prefix}-end")} label="Ends" value={draft.end} on_change={draft_setter(&draft, |a: &mut Action, d| a.end = d)} />
            </div>

            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Milestones" }</legend>
                { for draft.milestones.iter().enumerate().map(|(i, m)| {
                    let text = draft_setter(&draft, move |a: &mut Action, v| a.milestones[i].text = v);
                    let due = draft_setter(&draft, move |a: &mut Action, d| a.milestones[i].due = d);
                    html! {
                        <div class="app-row-group">
                            <TextField id={format!("{prefix}-milestone-{i}")} label={format!("Milestone {}", i + 1)} value={m.text.clone()} on_input={text} />
                            <DateInput id={format!("{prefix}-milestone-{i}-due")} label={format!("Milestone {} due", i + 1)} value={m.due} on_change={due} />
                            <ContextButton label="Remove" context={format!(" milestone {}", i + 1)} on_click={list_edit(Rc::new(move |a| { a.milestones.remove(i); }))} />
                        </div>
                    }
                }) }
                <button type="button" class="app-button app-button--secondary app-button--small"
                    onclick={{ let add = list_edit(Rc::new(|a| a.milestones.push(Milestone::default()))); Callback::from(move |_| add.emit(())) }}>{ "Add a milestone" }</button>
            </fieldset>

            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Impact measures" }</legend>
                <div class="app-hint">{ "How you will know it worked: where you start (baseline), where you aim to be (target) and where you got to (actual)." }</div>
                { for draft.measures.iter().enumerate().map(|(i, m)| {
                    let field = |label: &'static str, value: String, set: fn(&mut Measure, String)| html! {
                        <TextField id={format!("{prefix}-measure-{i}-{label}")} label={format!("Measure {} {label}", i + 1)} {value}
                            on_input={draft_setter(&draft, move |a: &mut Action, v| set(&mut a.measures[i], v))} />
                    };
                    html! {
                        <div class="app-row-group">
                            { field("name", m.name.clone(), |m, v| m.name = v) }
                            { field("baseline", m.baseline.clone(), |m, v| m.baseline = v) }
                            { field("target", m.target.clone(), |m, v| m.target = v) }
                            { field("actual", m.actual.clone(), |m, v| m.actual = v) }
                            <ContextButton label="Remove" context={format!(" measure {}", i + 1)} on_click={list_edit(Rc::new(move |a| { a.measures.remove(i); }))} />
                        </div>
                    }
                }) }
                <button type="button" class="app-button app-button--secondary app-button--small"
                    onclick={{ let add = list_edit(Rc::new(|a| a.measures.push(Measure::default()))); Callback::from(move |_| add.emit(())) }}>{ "Add a measure" }</button>
            </fieldset>

            <TextField id={format!("{prefix}-involvement")} label="How children, young people and families were involved" rows={3}
                value={draft.involvement.clone()} on_input={draft_setter(&draft, |a: &mut Action, v| a.involvement = v)}
                described_by={format!("{prefix}-involvement-plain")}>
                <PlainLanguageHint id={format!("{prefix}-involvement-plain")} text={draft.involvement.clone()} glossary={terms.clone()} />
            </TextField>

            if !app.project.plan.plans.is_empty() {
                <fieldset class="app-fieldset" data-testid="action-plans">
                    <legend class="app-fieldset__legend">{ "Plans this action belongs to" }</legend>
                    <div class="app-hint">{ "Tick none and it belongs to the strategic plan update." }</div>
                    <div class="app-checkboxes">
                        { for app.project.plan.plans.iter().map(|p| {
                            let id = format!("{prefix}-plan-{}", p.id.0);
                            let onchange = {
                                let (draft, pid) = (draft.clone(), p.id.clone());
                                Callback::from(move |e: Event| {
                                    let mut next = (*draft).clone();
                                    if e.target_unchecked_into::<HtmlInputElement>().checked() { next.plans.insert(pid.clone()); } else { next.plans.remove(&pid); }
                                    draft.set(next);
                                })
                            };
                            html! {
                                <div class="app-checkboxes__item">
                                    <input class="app-checkboxes__input" type="checkbox" id={id.clone()} checked={draft.plans.contains(&p.id)} {onchange} />
                                    <label class="app-label app-checkboxes__label" for={id}>{ p.title() }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
            }

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
                <button type="button" class="app-link-button" onclick={{ let on_close = props.on_close.clone(); Callback::from(move |_| { forget_draft(&form); on_close.emit(()) }) }}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

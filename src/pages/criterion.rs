use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::acting_as::ActingAs;
use crate::components::family_comments::family_comments;
use crate::components::fields::{ContextButton, TextField, setter};
use crate::components::plain_language_hint::PlainLanguageHint;
use crate::components::radio_item::RadioItem;
use crate::components::table::{Column, Row, StackedTable};
use crate::context::{edit_with, new_stamp, sef_edit_with, submit_edit, use_app, use_draft};
use crate::domain::calendar::long_date;
use crate::domain::plain_language::glossary;
use crate::domain::plan::ReviewTarget;
use crate::domain::project::{PartnerId, Project, ProjectEdit};
use crate::domain::sef::{
    Confidence, Decision, EntryId, EntryKind, EvidenceId, Position, PositionLevel, SefEdit, SignOff, SignOffId,
};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct CriterionPageProps {
    pub id: String,
}

fn partner_name(project: &Project, id: &PartnerId) -> String {
    project.partner(id).map(|p| p.name.clone()).unwrap_or_else(|| "A partner no longer in this project".into())
}

/// "23 November 2026" from an RFC 3339 stamp, or the stamp itself if it is not one.
fn stamp_date(at: &str) -> String {
    at.get(..10).and_then(|d| d.parse().ok()).map(long_date).unwrap_or_else(|| at.to_string())
}

#[component]
pub fn CriterionPage(props: &CriterionPageProps) -> Html {
    let app = use_app();
    let project = app.project.clone();
    let edition = project.edition();
    // A criterion, or one of the other areas inspectors always consider (no position on those).
    let (caption, title, points, is_criterion) = match (edition.criterion(&props.id), edition.other_area(&props.id)) {
        (Some(c), _) => (
            format!("Criterion {}", c.id),
            c.title.clone(),
            c.considerations.iter().chain(c.inspectors_look_at.iter()).cloned().collect::<Vec<_>>(),
            true,
        ),
        (None, Some(a)) => (
            format!("Another area inspectors always consider ({})", a.source),
            a.title.clone(),
            vec![a.summary.clone(), edition.other_areas_note.clone()],
            false,
        ),
        (None, None) => {
            return html! { <>
                <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Criterion not found" }</h1>
                <p>{ format!("There is no criterion \u{201c}{}\u{201d} in the {}.", props.id, edition.short_name) }</p>
                <p><Link<Route> to={Route::SelfEvaluation}>{ "Back to the self-evaluation" }</Link<Route>></p>
            </> };
        }
    };
    let id = props.id.clone();

    html! {
        <>
            <Link<Route> to={Route::SelfEvaluation} classes="app-back-link">{ "Back to the self-evaluation" }</Link<Route>>
            <span class="app-caption">{ caption }</span>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ title }</h1>
            if !points.is_empty() {
                <details class="app-details">
                    <summary class="app-details__summary">{ if is_criterion { "What inspectors consider (our summary)" } else { "What this area covers (our summary)" } }</summary>
                    <ul class="app-list app-list--bullet app-details__text">
                        { for points.iter().map(|c| html! { <li>{ c.clone() }</li> }) }
                    </ul>
                </details>
            }
            <ActingAs partners={project.partners.clone()} current={project.acting_as.clone()}
                error={app.notice.as_ref().and_then(|n| n.error_at("acting-as")).map(|m| AttrValue::from(m.to_string()))}
                on_change={edit_with(&app, |partner| ProjectEdit::SetActingAs { partner })} />

            { for EntryKind::ALL.into_iter().map(|kind| html! {
                <section aria-labelledby={format!("kind-{}", kind.key())}>
                    <h2 class="app-heading-m" id={format!("kind-{}", kind.key())}>{ kind.label() }</h2>
                    <EntryList criterion={id.clone()} {kind} />
                </section>
            }) }
            <AddEntryForm criterion={id.clone()} />
            if is_criterion { <PositionForm criterion={id.clone()} /> }
            <EvidenceLinks criterion={id.clone()} />
            <SignOffSection criterion={id.clone()} />
            { family_comments(&project.plan, &ReviewTarget::Criterion(id.clone()), &crate::context::answer_comment(&app)) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct EntryListProps {
    criterion: String,
    kind: EntryKind,
}

#[component]
fn EntryList(props: &EntryListProps) -> Html {
    let app = use_app();
    let project = app.project.clone();
    let entries: Vec<_> = project.sef.entries_for(&props.criterion, props.kind).collect();
    if entries.is_empty() {
        return html! { <p class="app-hint">{ "Nothing written yet." }</p> };
    }
    html! {
        <ul class="app-entries" data-testid={format!("entries-{}", props.kind.key())}>
            { for entries.into_iter().map(|(entry_id, _)| html! {
                <EntryView key={entry_id.0.clone()} id={entry_id.clone()} />
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct EntryViewProps {
    id: EntryId,
}

/// One entry: its words and who wrote them, an editor, and, when two partners changed it
/// differently, both versions side by side with a button to keep either.
#[component]
fn EntryView(props: &EntryViewProps) -> Html {
    let app = use_app();
    let editing = use_state(|| None::<String>);
    let terms = use_memo(app.project.plan.glossary.clone(), |extra| glossary(extra));
    let project = app.project.clone();
    let Some(register) = project.sef.entries.get(&props.id) else { return html! {} };
    let entry = register.value();
    let id = props.id.clone();

    let save = {
        let (app, id, editing) = (app.clone(), id.clone(), editing.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = (*editing).clone() {
                let edit = SefEdit::EditEntry { id: id.clone(), stamp: new_stamp(&app), text };
                if submit_edit(&app, ProjectEdit::Sef(edit)) {
                    editing.set(None);
                }
            }
        })
    };
    let remove = {
        let id = id.clone();
        sef_edit_with(&app, move |(), stamp| SefEdit::RemoveEntry { id: id.clone(), stamp })
    };
    let author = partner_name(&project, &entry.author);
    let current = register.current();
    let changed_by = (current.by != entry.author || !current.replaces.is_empty())
        .then(|| format!("; last changed by {} on {}", partner_name(&project, &current.by), stamp_date(&current.at)));
    let editor_id = format!("edit-{}", props.id.0);

    html! {
        <li class="app-entry" data-testid="entry">
            if register.in_conflict() {
                <div class="app-conflict" data-testid="conflict">
                    <p class="app-warning__title">{ "Two versions: choose the one to keep, or edit to combine them" }</p>
                    <div class="app-conflict__versions">
                        { for register.heads().iter().enumerate().map(|(n, version)| {
                            let keep = {
                                let (id, text) = (id.clone(), version.value.text.clone());
                                sef_edit_with(&app, move |_: MouseEvent, stamp| SefEdit::EditEntry { id: id.clone(), stamp, text: text.clone() })
                            };
                            html! {
                                <div class="app-conflict__version">
                                    <p class="app-hint">{ format!("Version {} by {} on {}", n + 1, partner_name(&project, &version.by), stamp_date(&version.at)) }</p>
                                    <p class="app-entry__text">{ version.value.text.clone() }</p>
                                    <button type="button" class="app-button app-button--secondary app-button--small" onclick={keep}>
                                        { format!("Keep version {}", n + 1) }
                                    </button>
                                </div>
                            }
                        }) }
                    </div>
                </div>
            } else if let Some(draft) = (*editing).clone() {
                <TextField id={editor_id.clone()} label="Edit entry" rows={4} value={draft.clone()}
                    on_input={{ let editing = editing.clone(); Callback::from(move |text| editing.set(Some(text))) }}
                    described_by={format!("{editor_id}-plain")}>
                    <PlainLanguageHint id={format!("{editor_id}-plain")} text={draft} glossary={terms.clone()} />
                </TextField>
                <div class="app-button-group">
                    <button type="button" class="app-button app-button--small" onclick={save}>{ "Save changes" }</button>
                    <button type="button" class="app-link-button" onclick={{ let editing = editing.clone(); Callback::from(move |_| editing.set(None)) }}>{ "Cancel" }</button>
                </div>
            } else {
                <p class="app-entry__text">{ entry.text.clone() }</p>
            }
            <p class="app-entry__meta">
                { format!("Written by {author}{}", changed_by.unwrap_or_default()) }
            </p>
            if editing.is_none() {
                <div class="app-button-group">
                    <ContextButton label="Edit" context={format!(" the entry by {author}")}
                        on_click={{ let (editing, text) = (editing.clone(), entry.text.clone()); Callback::from(move |_| editing.set(Some(text.clone()))) }} />
                    <ContextButton label="Remove" context={format!(" the entry by {author}")} on_click={remove} />
                </div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct CriterionProps {
    criterion: String,
}

#[component]
fn AddEntryForm(props: &CriterionProps) -> Html {
    let app = use_app();
    let kind = use_state(|| EntryKind::Strength);
    let text = use_draft(&format!("entry:{}", props.criterion), String::new());
    let terms = use_memo(app.project.plan.glossary.clone(), |extra| glossary(extra));
    let onsubmit = {
        let (app, kind, text, criterion) = (app.clone(), kind.clone(), text.clone(), props.criterion.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let edit = SefEdit::AddEntry {
                id: EntryId(browser::new_id()),
                stamp: new_stamp(&app),
                criterion: criterion.clone(),
                kind: *kind,
                text: (*text).clone(),
            };
            if submit_edit(&app, ProjectEdit::Sef(edit)) {
                text.set(String::new());
            }
        })
    };
    html! {
        <form class="app-panel" {onsubmit} novalidate=true data-testid="add-entry">
            <h2 class="app-heading-m">{ "Add an entry" }</h2>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "What is it about?" }</legend>
                <div class="app-radios">
                    { for EntryKind::ALL.into_iter().map(|k| html! {
                        <RadioItem id={format!("new-entry-kind-{}", k.key())} name="new-entry-kind" label={k.label()} checked={*kind == k}
                            on_select={{ let kind = kind.clone(); Callback::from(move |_| kind.set(k)) }} />
                    }) }
                </div>
            </fieldset>
            <TextField id="new-entry-text" label="Your entry" rows={5} value={(*text).clone()} on_input={setter(&text)}
                hint="Plain words; say how you know (data, audits, what families and young people tell you). Families may read this." described_by="new-entry-plain">
                <PlainLanguageHint id="new-entry-plain" text={(*text).clone()} glossary={terms} />
            </TextField>
            <button type="submit" class="app-button">{ "Add entry" }</button>
        </form>
    }
}

#[component]
fn PositionForm(props: &CriterionProps) -> Html {
    let app = use_app();
    let register = app.project.sef.positions.get(&props.criterion).cloned();
    // While partners disagree no choice is shown as made: the conflict lists each version.
    let current = register.as_ref().filter(|r| !r.in_conflict()).map(|r| *r.value());
    let level = current.map(|p| p.level);
    let confidence = current.map(|p| p.confidence).unwrap_or(Confidence::Medium);
    let set = {
        let criterion = props.criterion.clone();
        sef_edit_with(&app, move |position: Position, stamp| SefEdit::SetPosition {
            criterion: criterion.clone(),
            stamp,
            position,
        })
    };
    html! {
        <section class="app-panel" aria-labelledby="position-heading" data-testid="position">
            <h2 class="app-heading-m" id="position-heading">{ "Our position on this criterion" }</h2>
            if let Some(r) = register.as_ref().filter(|r| r.in_conflict()) {
                <div class="app-conflict" data-testid="conflict">
                    <p class="app-warning__title">{ "Partners recorded different positions: choose one below to settle it" }</p>
                    <ul class="app-list app-list--bullet">
                        { for r.heads().iter().map(|v| html! {
                            <li>{ format!("{} ({} confidence), by {}", v.value.level.label(), v.value.confidence.label().to_lowercase(), partner_name(&app.project, &v.by)) }</li>
                        }) }
                    </ul>
                </div>
            }
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Self-assessed position" }</legend>
                <div class="app-radios">
                    { for PositionLevel::ALL.into_iter().map(|l| {
                        let input_id = format!("position-{}", l.key());
                        let onchange = { let set = set.clone(); Callback::from(move |_: Event| set.emit(Position { level: l, confidence })) };
                        html! {
                            <div class="app-radios__item">
                                <input class="app-radios__input" type="radio" name="position" id={input_id.clone()}
                                    aria-describedby={format!("{input_id}-hint")} checked={level == Some(l)} {onchange} />
                                <label class="app-label app-radios__label" for={input_id.clone()}>{ l.label() }</label>
                                <div class="app-hint app-radios__hint" id={format!("{input_id}-hint")}>{ l.hint() }</div>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            if let Some(level) = level {
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{ "How confident are you in this position?" }</legend>
                    <div class="app-radios app-radios--inline">
                        { for Confidence::ALL.into_iter().map(|c| html! {
                            <RadioItem id={format!("confidence-{}", c.key())} name="confidence" label={c.label()} checked={confidence == c}
                                on_select={{ let set = set.clone(); Callback::from(move |_| set.emit(Position { level, confidence: c })) }} />
                        }) }
                    </div>
                </fieldset>
            }
        </section>
    }
}

#[component]
fn EvidenceLinks(props: &CriterionProps) -> Html {
    let app = use_app();
    let items: Vec<(EvidenceId, String, bool)> = app
        .project
        .sef
        .live_evidence()
        .map(|(id, r)| (id.clone(), r.value().title.clone(), r.value().criteria.contains(&props.criterion)))
        .collect();
    html! {
        <section aria-labelledby="evidence-heading" data-testid="criterion-evidence">
            <h2 class="app-heading-m" id="evidence-heading">{ "Evidence" }</h2>
            if items.iter().all(|(_, _, linked)| !linked) {
                <p><strong class="app-tag app-tag--red">{ "No evidence" }</strong>{ " No evidence item supports this criterion yet." }</p>
            }
            if items.is_empty() {
                <p>{ "The evidence log is empty. " }<Link<Route> to={Route::Evidence}>{ "Add evidence to the log" }</Link<Route>></p>
            } else {
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{ "Evidence that supports this criterion" }</legend>
                    <div class="app-checkboxes">
                        { for items.into_iter().map(|(evidence_id, title, linked)| {
                            let input_id = format!("link-{}", evidence_id.0);
                            let onchange = {
                                let criterion = props.criterion.clone();
                                let id = evidence_id.clone();
                                sef_edit_with(&app, move |e: Event, stamp| SefEdit::LinkEvidence {
                                    id: id.clone(),
                                    stamp,
                                    criterion: criterion.clone(),
                                    linked: e.target_unchecked_into::<HtmlInputElement>().checked(),
                                })
                            };
                            html! {
                                <div class="app-checkboxes__item">
                                    <input class="app-checkboxes__input" type="checkbox" id={input_id.clone()} checked={linked} {onchange} />
                                    <label class="app-label app-checkboxes__label" for={input_id}>{ title }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
                <p><Link<Route> to={Route::Evidence}>{ "Go to the evidence log" }</Link<Route>></p>
            }
        </section>
    }
}

#[component]
fn SignOffSection(props: &CriterionProps) -> Html {
    let app = use_app();
    // No answer is chosen for the partner: a default would record agreement nobody gave.
    let decision = use_state(|| None::<Decision>);
    let missing_decision = use_state(|| false);
    let comment = use_draft(&format!("signoff:{}", props.criterion), String::new());
    let project = app.project.clone();
    let current = project.sef.current_signoffs(&props.criterion);
    let history = project.sef.signoff_history(&props.criterion);
    let current_ids: Vec<&SignOffId> = current.values().map(|(id, _)| *id).collect();
    let earlier: Vec<_> = history.iter().filter(|(id, _)| !current_ids.contains(id)).collect();

    let onsubmit = {
        let (app, decision, comment, section, missing_decision) =
            (app.clone(), decision.clone(), comment.clone(), props.criterion.clone(), missing_decision.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(chosen) = *decision else {
                missing_decision.set(true);
                browser::focus_by_id(&format!("decision-{}", Decision::ALL[0].key()));
                return;
            };
            let partner = app.project.acting_as.clone().unwrap_or_else(|| PartnerId(String::new()));
            let signoff = SignOff {
                section: section.clone(),
                partner,
                decision: chosen,
                comment: (*comment).clone(),
                at: browser::now_rfc3339(),
            };
            let edit = SefEdit::SignOff { id: SignOffId(browser::new_id()), signoff };
            if submit_edit(&app, ProjectEdit::Sef(edit)) {
                comment.set(String::new());
                decision.set(None);
            }
        })
    };

    html! {
        <section aria-labelledby="signoff-heading" data-testid="signoff">
            <h2 class="app-heading-m" id="signoff-heading">{ "Sign-off" }</h2>
            <StackedTable caption="Each partner's current decision on this section" class="app-table--plain-rows"
                columns={vec![Column::new("Partner"), Column::new("Decision"), Column::new("Comments or reason")]}
                rows={project.partners.iter().map(|p| {
                    let row = current.get(&p.id);
                    Row::new(
                        html! { { p.name.clone() } },
                        vec![
                            html! { { row.map(|(_, s)| format!("{} ({})", s.decision.label(), stamp_date(&s.at))).unwrap_or_else(|| "Not yet signed".into()) } },
                            html! { { row.map(|(_, s)| s.comment.clone()).unwrap_or_default() } },
                        ],
                    )
                }).collect::<Vec<_>>()} />
            if !earlier.is_empty() {
                <details class="app-details" open=true>
                    <summary class="app-details__summary">{ format!("Earlier decisions ({}), kept on record", earlier.len()) }</summary>
                    <ul class="app-list app-list--bullet app-details__text" data-testid="signoff-history">
                        { for earlier.iter().map(|(_, s)| html! {
                            <li>{ format!("{}: {} on {}{}", partner_name(&project, &s.partner), s.decision.label(), stamp_date(&s.at),
                                if s.comment.is_empty() { String::new() } else { format!(" \u{2013} \u{201c}{}\u{201d}", s.comment) }) }</li>
                        }) }
                    </ul>
                </details>
            }
            <form class="app-panel" {onsubmit} novalidate=true>
                <div class={classes!("app-form-group", missing_decision.then_some("app-form-group--error"))}>
                <fieldset class="app-fieldset" aria-describedby={missing_decision.then_some("decision-error")}>
                    <legend class="app-fieldset__legend">{ "Your decision on this section" }</legend>
                    if *missing_decision {
                        <p class="app-error-message" id="decision-error"><span class="app-visually-hidden">{ "Error: " }</span>{ "Choose your decision on this section" }</p>
                    }
                    <div class="app-radios">
                        { for Decision::ALL.into_iter().map(|d| html! {
                            <RadioItem id={format!("decision-{}", d.key())} name="decision" label={d.label()} checked={*decision == Some(d)}
                                on_select={{ let (decision, missing) = (decision.clone(), missing_decision.clone()); Callback::from(move |_| { missing.set(false); decision.set(Some(d)) }) }} />
                        }) }
                    </div>
                </fieldset>
                </div>
                <TextField id="signoff-comment" label="Comments, or your reason for disagreeing" rows={3} value={(*comment).clone()} on_input={setter(&comment)} />
                <button type="submit" class="app-button">{ "Record decision" }</button>
            </form>
        </section>
    }
}

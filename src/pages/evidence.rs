use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::acting_as::ActingAs;
use crate::components::date_input::DateInput;
use crate::components::fields::{
    ContextButton, SelectField, TextField, choice_options, choice_setter, partner_choice, partner_options, setter,
};
use crate::components::table::{Column, Row, StackedTable};
use crate::context::{edit_with, new_stamp, sef_edit_with, submit_edit, use_app, use_draft};
use crate::domain::calendar::long_date;
use crate::domain::project::{PartnerId, ProjectEdit};
use crate::domain::sef::{self, EvidenceId, EvidenceItem, EvidenceKind, SefEdit};
use crate::route::Route;

#[component]
pub fn EvidencePage() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let edition = project.edition();
    let gaps = sef::criteria_without_evidence(&project);

    let title = use_draft("evidence:title", String::new());
    let kind = use_state(|| EvidenceKind::Data);
    let owner = use_state(|| None::<PartnerId>);
    let date = use_state(|| None::<NaiveDate>);
    let location = use_draft("evidence:location", String::new());
    let criteria = use_state(std::collections::BTreeSet::<String>::new);

    let onsubmit = {
        let (app, title, kind, owner, date, location, criteria) =
            (app.clone(), title.clone(), kind.clone(), owner.clone(), date.clone(), location.clone(), criteria.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let item = EvidenceItem {
                title: (*title).clone(),
                kind: *kind,
                owner: (*owner).clone(),
                date: *date,
                location: (*location).clone(),
                criteria: (*criteria).clone(),
                removed: false,
            };
            let edit = SefEdit::AddEvidence { id: EvidenceId(browser::new_id()), stamp: new_stamp(&app), item };
            if submit_edit(&app, ProjectEdit::Sef(edit)) {
                // Every field starts afresh: a type, owner or date carried over would be
                // recorded against the next item without anyone choosing it.
                title.set(String::new());
                kind.set(EvidenceKind::Data);
                owner.set(None);
                date.set(None);
                location.set(String::new());
                criteria.set(Default::default());
            }
        })
    };

    html! {
        <>
            <Link<Route> to={Route::SelfEvaluation} classes="app-back-link">{ "Back to the self-evaluation" }</Link<Route>>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Evidence log" }</h1>
            <p class="app-body-l">{ "What you would show an inspector for each criterion, and where it is kept. Nothing here is fetched or uploaded: \u{201c}where it is held\u{201d} is just a note." }</p>

            if !gaps.is_empty() {
                <div class="app-inset" data-testid="evidence-gaps">
                    <p><strong>{ format!("{} criteria have no evidence: ", gaps.len()) }</strong>{ gaps.join(", ") }</p>
                </div>
            }

            { for project.sef.evidence.iter().filter(|(_, r)| r.in_conflict()).map(|(id, r)| html! {
                <div class="app-conflict" data-testid="conflict">
                    <p class="app-warning__title">{ format!("Two versions of \u{201c}{}\u{201d}: choose the one to keep", r.value().title) }</p>
                    <div class="app-conflict__versions">
                        { for r.heads().iter().enumerate().map(|(n, version)| {
                            let keep = {
                                let (id, item) = (id.clone(), version.value.clone());
                                sef_edit_with(&app, move |_: MouseEvent, stamp| SefEdit::EditEvidence { id: id.clone(), stamp, item: item.clone() })
                            };
                            let v = &version.value;
                            html! {
                                <div class="app-conflict__version">
                                    <p class="app-hint">{ format!("Version {} by {}", n + 1, project.partner(&version.by).map(|p| p.name.clone()).unwrap_or_default()) }</p>
                                    <p>{ format!("{} ({}){}", v.title, v.kind.label(), if v.location.is_empty() { String::new() } else { format!(", held at {}", v.location) }) }</p>
                                    <p>{ format!("Supports: {}", v.criteria.iter().cloned().collect::<Vec<_>>().join(", ")) }</p>
                                    <button type="button" class="app-button app-button--secondary app-button--small" onclick={keep}>{ format!("Keep version {}", n + 1) }</button>
                                </div>
                            }
                        }) }
                    </div>
                </div>
            }) }

            <StackedTable caption="Evidence items" class="app-table--plain-rows" testid="evidence-log" region="Evidence log"
                columns={vec![Column::new("Evidence"), Column::new("Type"), Column::new("Owner"), Column::new("Date"),
                    Column::new("Where it is held"), Column::new("Supports"), Column::hidden("Actions")]}
                rows={project.sef.live_evidence().map(|(id, r)| {
                    let item = r.value();
                    let remove = { let id = id.clone(); sef_edit_with(&app, move |(), stamp| SefEdit::RemoveEvidence { id: id.clone(), stamp }) };
                    Row::new(
                        html! { <>{ item.title.clone() }
                            if r.in_conflict() { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Two versions" }</strong> }</> },
                        vec![
                            html! { { item.kind.label() } },
                            html! { { item.owner.as_ref().and_then(|o| project.partner(o)).map(|p| p.name.clone()).unwrap_or_default() } },
                            html! { { item.date.map(long_date).unwrap_or_default() } },
                            html! { { item.location.clone() } },
                            html! { { item.criteria.iter().cloned().collect::<Vec<_>>().join(", ") } },
                            html! { <ContextButton label="Remove" context={format!(" {}", item.title)} on_click={remove} /> },
                        ],
                    )
                }).collect::<Vec<_>>()} />

            <ActingAs partners={project.partners.clone()} current={project.acting_as.clone()}
                error={app.notice.as_ref().and_then(|n| n.error_at("acting-as")).map(|m| AttrValue::from(m.to_string()))}
                on_change={edit_with(&app, |partner| ProjectEdit::SetActingAs { partner })} />

            <form class="app-panel" {onsubmit} novalidate=true data-testid="add-evidence">
                <h2 class="app-heading-m">{ "Add evidence" }</h2>
                <TextField id="evidence-title" label="Title" value={(*title).clone()} on_input={setter(&title)} />
                <SelectField id="evidence-kind" label="Type" options={choice_options::<EvidenceKind>()} selected={kind.key()} on_change={choice_setter(&kind)} />
                <SelectField id="evidence-owner" label="Owner" options={partner_options(&project.partners, "Not recorded")}
                    selected={owner.as_ref().map(|o| o.0.clone()).unwrap_or_default()}
                    on_change={{ let owner = owner.clone(); Callback::from(move |v| owner.set(partner_choice(v))) }} />
                <DateInput id="evidence-date" label="Date (optional)" value={*date} on_change={setter(&date)} />
                <TextField id="evidence-location" label="Where it is held (optional)" value={(*location).clone()} on_input={setter(&location)}
                    hint="For example a folder name or document reference." />
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{ "Which criteria does it support?" }</legend>
                    <div class="app-checkboxes app-checkboxes--columns">
                        { for edition.criteria.iter().map(|c| {
                            let input_id = format!("evidence-criterion-{}", c.id);
                            let onchange = {
                                let (criteria, cid) = (criteria.clone(), c.id.clone());
                                Callback::from(move |e: Event| {
                                    let mut next = (*criteria).clone();
                                    if e.target_unchecked_into::<HtmlInputElement>().checked() { next.insert(cid.clone()); } else { next.remove(&cid); }
                                    criteria.set(next);
                                })
                            };
                            html! {
                                <div class="app-checkboxes__item">
                                    <input class="app-checkboxes__input" type="checkbox" id={input_id.clone()} checked={criteria.contains(&c.id)} {onchange} />
                                    <label class="app-label app-checkboxes__label" for={input_id}>{ format!("{} {}", c.id, c.short_title) }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
                <button type="submit" class="app-button">{ "Add evidence" }</button>
            </form>
        </>
    }
}

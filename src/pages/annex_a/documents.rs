//! The documents checklist: each requested item held, partly held or not held, with its owner,
//! file, date and note.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::annex_edit;
use crate::checks;
use crate::context::use_app;
use crate::domain::annex_a::{AnnexEdit, DocumentField, DocumentStatus, Holding};
use crate::domain::project::PartnerId;
use crate::domain::project_file;

#[component]
pub(super) fn DocumentsSection() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let Some(profile) = checks::profile(&project.annex_a.profile) else { return html! {} };
    let tally = project.annex_a.document_tally(profile.documents.iter().map(|d| d.id.as_str()));
    html! {
        <section aria-labelledby="documents-heading">
            <h2 class="app-heading-m" id="documents-heading">{ profile.documents_heading.clone() }
                if !profile.documents_heading_confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Our wording" }</strong> }</h2>
            <p>{ "Send only what you already hold, as routine business: the handbook asks for no documents produced for the inspection (¶88–89, ¶212). Record each item as held, partly held or not held: an item not held is a full answer. One file can cover several items." }</p>
            <p class="app-hint">{ "\u{201c}What to send\u{201d} under each item is our summary of what the request asks for, not its words." }</p>
            <p data-testid="documents-held"><strong>{ tally.describe() }</strong></p>
            <table class="app-table app-table--documents" data-testid="documents">
                <caption class="app-visually-hidden">{ "Annex A documents checklist" }</caption>
                <thead class="app-table--documents__head"><tr><th scope="col">{ "Item" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Owner" }</th><th scope="col">{ "File name" }</th><th scope="col">{ "Date" }</th><th scope="col">{ "Note" }</th></tr></thead>
                <tbody>
                    { for profile.documents.iter().map(|item| {
                        let status = project.annex_a.documents.get(&item.id).cloned();
                        let base = status.clone().unwrap_or_else(DocumentStatus::blank);
                        // Each control changes its own field only (a note typed never sets the status).
                        let update = |to_field: fn(String) -> DocumentField| {
                            let (app, item) = (app.clone(), item.id.clone());
                            move |value: String| annex_edit(&app, AnnexEdit::SetDocumentField { item: item.clone(), field: to_field(value) })
                        };
                        let set_holding = update(|v| DocumentField::Holding(Holding::from_key(&v)));
                        let set_owner = update(|v| DocumentField::Owner((!v.is_empty()).then_some(PartnerId(v))));
                        let set_file = update(DocumentField::FileName);
                        let set_note = update(DocumentField::Note);
                        let set_date = update(|v| DocumentField::Date(v.parse().ok().filter(|d| project_file::in_window(*d))));
                        let pid = format!("doc-{}", item.id.replace('.', "-"));
                        html! {
                            <tr>
                                <th scope="row">{ format!("{} {}", item.id, item.title) }<span class="app-hint app-body-s">{ format!(" ({})", profile.deadline(&item.deadline).map(|d| d.label.clone()).unwrap_or_default()) }</span>
                                    if !item.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong><span class="app-hint app-body-s">{ format!(" {}", item.source) }</span> }
                                    <p class="app-hint app-body-s">{ if item.section_confirmed { item.section.clone() } else { format!("{} (our heading)", item.section) } }</p>
                                    if !item.description.is_empty() { <p class="app-body-s">{ format!("What to send: {}", item.description) }</p> }
                                    if let Some(proforma) = &item.proforma { <p class="app-body-s">{ format!("Template: {proforma}") }</p> }</th>
                                <td>
                                    <label class="app-label app-label--cell" for={format!("{pid}-status")}>{ "Status" }<span class="app-visually-hidden">{ format!(" of {}", item.id) }</span></label>
                                    <select class="app-select" id={format!("{pid}-status")} onchange={Callback::from(move |e: Event| set_holding(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                                        <option value="" selected={base.holding.is_none()}>{ "Not recorded" }</option>
                                        { for Holding::ALL.into_iter().map(|h| html! { <option value={h.key()} selected={base.holding == Some(h)}>{ h.label() }</option> }) }
                                    </select>
                                </td>
                                <td class="app-table--documents__wide">
                                    <label class="app-label app-label--cell" for={format!("{pid}-owner")}>{ "Owner" }<span class="app-visually-hidden">{ format!(" of {}", item.id) }</span></label>
                                    <select class="app-select" id={format!("{pid}-owner")} onchange={Callback::from(move |e: Event| set_owner(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                                        <option value="" selected={base.owner.is_none()}>{ "Not recorded" }</option>
                                        { for project.partners.iter().map(|p| html! { <option value={p.id.0.clone()} selected={base.owner.as_ref() == Some(&p.id)}>{ p.name.clone() }</option> }) }
                                    </select>
                                </td>
                                <td>
                                    <label class="app-label app-label--cell" for={format!("{pid}-file")}>{ "File name" }<span class="app-visually-hidden">{ format!(" for {}", item.id) }</span></label>
                                    <input class="app-input" type="text" id={format!("{pid}-file")} value={base.file_name.clone()}
                                        onchange={Callback::from(move |e: Event| set_file(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                                </td>
                                <td>
                                    <label class="app-label app-label--cell" for={format!("{pid}-date")}>{ "Date" }<span class="app-visually-hidden">{ format!(" of {}", item.id) }</span></label>
                                    <input class="app-input app-input--date" type="date" id={format!("{pid}-date")} min="2000-01-01" max="2100-12-31" value={base.date.map(|d| d.to_string()).unwrap_or_default()}
                                        onchange={Callback::from(move |e: Event| set_date(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                                </td>
                                <td>
                                    <label class="app-label app-label--cell" for={format!("{pid}-note")}>{ "Note" }<span class="app-visually-hidden">{ format!(" for {}", item.id) }</span></label>
                                    <input class="app-input" type="text" id={format!("{pid}-note")} value={base.note.clone()}
                                        onchange={Callback::from(move |e: Event| set_note(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

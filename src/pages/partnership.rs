use chrono::NaiveDate;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::date_input::DateInput;
use crate::components::fields::{ContextButton, SelectField, TextField, choice_options, choice_setter, setter};
use crate::context::{edit_with, submit_edit, use_app};
use crate::domain::calendar::{ClosureDay, long_date};
use crate::domain::framework::{EditionId, editions};
use crate::domain::progress;
use crate::domain::project::{PartnerId, PartnerRole, ProjectEdit};
use crate::route::Route;

fn input_value(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn selected_role(e: Event) -> Option<PartnerRole> {
    PartnerRole::from_key(&e.target_unchecked_into::<HtmlSelectElement>().value())
}

fn role_options(current: PartnerRole) -> Html {
    PartnerRole::ALL
        .into_iter()
        .map(|role| html! { <option value={role.key()} selected={role == current}>{ role.label() }</option> })
        .collect()
}

#[component]
pub fn PartnershipPage() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let new_name = use_state(String::new);
    let new_role = use_state(|| PartnerRole::LocalAuthorityEducation);
    let closure_date = use_state(|| None::<NaiveDate>);
    let closure_label = use_state(String::new);
    let closure_missing = use_state(|| false);

    let set_area = edit_with(&app, |e: InputEvent| ProjectEdit::SetAreaName { name: input_value(e) });
    let add_partner = {
        let (app, new_name, new_role) = (app.clone(), new_name.clone(), new_role.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let edit = ProjectEdit::AddPartner {
                id: PartnerId(browser::new_id()),
                name: (*new_name).clone(),
                role: *new_role,
            };
            if submit_edit(&app, edit) {
                new_name.set(String::new());
            }
        })
    };
    let add_closure = {
        let (app, closure_date, closure_label, closure_missing) =
            (app.clone(), closure_date.clone(), closure_label.clone(), closure_missing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            closure_missing.set(closure_date.is_none());
            if let Some(date) = *closure_date {
                let day = ClosureDay { date, label: closure_label.trim().to_string() };
                if submit_edit(&app, ProjectEdit::AddClosureDay { day }) {
                    closure_date.set(None);
                    closure_label.set(String::new());
                }
            }
        })
    };

    let gaps = progress::partnership_gaps(&project);
    // The domain's refusal, shown at the field as well as in the shell's error summary.
    let name_error = app.notice.as_ref().and_then(|n| n.error_at("new-partner-name"));
    let edition_now = project.edition.clone();

    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Set up your partnership" }</h1>

            if gaps.is_empty() {
                <p class="app-inset">{ "Set-up is complete. You can change anything here at any time." }</p>
            } else {
                <div class="app-inset" data-testid="setup-gaps">
                    <p>{ "To complete set-up:" }</p>
                    <ul class="app-list app-list--bullet">{ for gaps.iter().map(|g| html! { <li>{ g }</li> }) }</ul>
                </div>
            }

            <div class="app-form-group">
                <label class="app-label app-label--m" for="area-name">{ "Local area name" }</label>
                <div class="app-hint" id="area-name-hint">{ "As it appears on inspection reports, for example \u{201c}Northdale\u{201d}." }</div>
                <input class="app-input" id="area-name" type="text" autocomplete="off" aria-describedby="area-name-hint"
                       value={project.area_name.clone()} oninput={set_area} />
            </div>

            <div class="app-form-group">
                <fieldset class="app-fieldset" aria-describedby="edition-hint">
                    <legend class="app-fieldset__legend">{ "Framework edition" }</legend>
                    <div class="app-hint" id="edition-hint">
                        { "The handbook your inspection follows. " }
                        <Link<Route> to={Route::Framework}>{ "See the criteria and deadlines in each edition" }</Link<Route>>
                    </div>
                    <div class="app-radios">
                        { for editions().iter().map(|edition| {
                            let id = format!("edition-{}", edition.id);
                            let checked = edition.id == edition_now;
                            let onchange = {
                                let app = app.clone();
                                let value: EditionId = edition.id.clone();
                                Callback::from(move |_: Event| app.dispatch(crate::store::AppAction::Edit(ProjectEdit::SetEdition { edition: value.clone() })))
                            };
                            html! {
                                <div class="app-radios__item">
                                    <input class="app-radios__input" type="radio" name="edition" id={id.clone()} {checked} {onchange} />
                                    <label class="app-label app-radios__label" for={id}>
                                        { format!("{} \u{2013} {}", edition.short_name, edition.version_note) }
                                    </label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
            </div>

            <h2 class="app-heading-m">{ "Partners" }</h2>
            if project.partners.is_empty() {
                <p data-testid="no-partners">{ "No partners yet. Add each organisation or group that takes part." }</p>
            } else {
                <table class="app-table" data-testid="partners">
                    <caption class="app-visually-hidden">{ "Partners in this local area partnership" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th><th scope="col">{ "Role" }</th><th scope="col"><span class="app-visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for project.partners.iter().enumerate().map(|(i, partner)| {
                            let id = partner.id.clone();
                            let rename = { let id = id.clone(); edit_with(&app, move |e: InputEvent| ProjectEdit::RenamePartner { id: id.clone(), name: input_value(e) }) };
                            let set_role = {
                                let (app, id) = (app.clone(), id.clone());
                                Callback::from(move |e: Event| if let Some(role) = selected_role(e) {
                                    app.dispatch(crate::store::AppAction::Edit(ProjectEdit::SetPartnerRole { id: id.clone(), role }));
                                })
                            };
                            let remove = { let id = id.clone(); edit_with(&app, move |()| ProjectEdit::RemovePartner { id: id.clone() }) };
                            let name_id = format!("partner-{i}-name");
                            let role_id = format!("partner-{i}-role");
                            html! {
                                <tr>
                                    <td>
                                        <label class="app-visually-hidden" for={name_id.clone()}>{ format!("Name of partner {}", i + 1) }</label>
                                        <input class="app-input" id={name_id} type="text" value={partner.name.clone()} oninput={rename} />
                                    </td>
                                    <td>
                                        <label class="app-visually-hidden" for={role_id.clone()}>{ format!("Role of {}", partner.name) }</label>
                                        <select class="app-select" id={role_id} onchange={set_role}>{ role_options(partner.role) }</select>
                                    </td>
                                    <td>
                                        <ContextButton class="app-button app-button--warning app-button--small" label="Remove" context={format!(" {}", partner.name)} on_click={remove} />
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }

            <form class="app-panel" onsubmit={add_partner} novalidate=true>
                <h3 class="app-heading-s">{ "Add a partner" }</h3>
                <TextField id="new-partner-name" label="Partner name" autocomplete="organization" value={(*new_name).clone()}
                    on_input={setter(&new_name)} error={name_error.map(|e| AttrValue::from(e.to_string()))} />
                <SelectField id="new-partner-role" label="Role" options={choice_options::<PartnerRole>()} selected={new_role.key()} on_change={choice_setter(&new_role)} />
                <button type="submit" class="app-button">{ "Add partner" }</button>
            </form>

            <h2 class="app-heading-m">{ "Closure days" }</h2>
            <p>{ "Bank holidays in England and Wales are counted automatically. Add any other days your partnership is closed, so deadlines in working days skip them." }</p>
            if !project.closure_days.is_empty() {
                <ul class="app-list" data-testid="closure-days">
                    { for project.closure_days.iter().map(|day| {
                        let remove = { let date = day.date; edit_with(&app, move |()| ProjectEdit::RemoveClosureDay { date }) };
                        html! {
                            <li class="app-list__row">
                                <span>{ long_date(day.date) }{ if day.label.is_empty() { String::new() } else { format!(" \u{2013} {}", day.label) } }</span>
                                <ContextButton label="Remove" context={format!(" {}", long_date(day.date))} on_click={remove} />
                            </li>
                        }
                    }) }
                </ul>
            }
            <form class="app-panel" onsubmit={add_closure} novalidate=true>
                <DateInput id="closure-date" label="Date" value={*closure_date}
                    on_change={{ let (date, missing) = (closure_date.clone(), closure_missing.clone()); Callback::from(move |d| { missing.set(false); date.set(d) }) }}
                    error={closure_missing.then_some(AttrValue::Static("Enter the date the partnership is closed"))} />
                <TextField id="closure-label" label="Reason (optional)" value={(*closure_label).clone()} on_input={setter(&closure_label)} />
                <button type="submit" class="app-button app-button--secondary">{ "Add closure day" }</button>
            </form>
        </>
    }
}

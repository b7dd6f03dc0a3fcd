use std::collections::BTreeSet;

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::fields::{FileField, TextField, setter};
use crate::context::{file_action, offer_download, use_app};
use crate::export::downloads;
use crate::export::review_pack::{self, PackChoice};
use crate::route::Route;
use crate::store::{AppAction, FilePurpose};

/// The plan page's family section: make a review pack to send families, and bring their
/// answers back (a feedback file, or the text they copied or emailed).
#[component]
pub fn FamilyReview() -> Html {
    let app = use_app();
    let agreed = review_pack::agreed_criteria(&app.project);
    let chosen = use_state(BTreeSet::<String>::new);
    let pasted = use_state(String::new);
    let make = {
        let (app, chosen) = (app.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            let choice =
                PackChoice { id: browser::new_id(), made_on: Some(browser::today()), criteria: (*chosen).clone() };
            let pack = review_pack::make(&app.project, &choice);
            let made = downloads::review_pack(&pack).map_err(|e| e.to_string());
            offer_download(&app, review_pack::file_name(&pack), made);
        })
    };
    let make_page = {
        let (app, chosen) = (app.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            let made = downloads::review_page(&app.project, browser::today(), &chosen).map_err(|e| e.to_string());
            let name = format!("{}-review-page.html", crate::domain::project_file::area_slug(&app.project));
            offer_download(&app, name, made);
        })
    };
    let import_text = {
        let (app, pasted) = (app.clone(), pasted.clone());
        Callback::from(move |_: MouseEvent| {
            app.dispatch(AppAction::ImportFeedbackText { text: (*pasted).clone() });
            pasted.set(String::new());
        })
    };
    let edition = app.project.edition();
    html! {
        <section aria-labelledby="family-heading" data-testid="family-review">
            <h2 class="app-heading-m" id="family-heading">{ "Family feedback" }</h2>
            <h3 class="app-heading-s">{ "Make a review pack for families" }</h3>
            <p>{ "A small file with only what you choose to share: the plan's actions in easy read, what each means for families and your answers to earlier comments. It never holds drafts, partners' reasons for disagreeing, sign-off comments or named people. Families open it on the " }
                <Link<Route> to={Route::Review}>{ "family review page" }</Link<Route>>{ "." }</p>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "Also include the agreed text of these criteria (optional)" }</legend>
                if agreed.is_empty() {
                    <p class="app-hint">{ "No criterion's text is agreed yet: a criterion is agreed once its position is settled and partners have signed it off with none disagreeing." }</p>
                }
                <div class="app-checkboxes">
                    { for agreed.iter().map(|id| {
                        let title = edition.criterion(id).map(|c| c.short_title.clone()).unwrap_or_default();
                        let input_id = format!("pack-criterion-{id}");
                        let onchange = {
                            let (chosen, id) = (chosen.clone(), id.clone());
                            Callback::from(move |e: Event| {
                                let mut next = (*chosen).clone();
                                if e.target_unchecked_into::<HtmlInputElement>().checked() { next.insert(id.clone()); } else { next.remove(&id); }
                                chosen.set(next);
                            })
                        };
                        html! {
                            <div class="app-checkboxes__item">
                                <input class="app-checkboxes__input" type="checkbox" id={input_id.clone()} checked={chosen.contains(id)} {onchange} />
                                <label class="app-label app-checkboxes__label" for={input_id}>{ format!("{id} {title}") }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="app-button-group">
                <button type="button" class="app-button" onclick={make}>{ "Make a review pack for families" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={make_page}>{ "Make a review page for families (one file to email)" }</button>
            </div>
            <p class="app-hint">{ "The review page is a single web page with the pack inside it: a parent opens it from an email or a shared drive on a phone, with no app and no internet, and sends their answers back from it." }</p>

            <h3 class="app-heading-s">{ "Bring families' answers in" }</h3>
            <FileField id="import-feedback" label="Import a feedback file" accept=".json,application/json"
                hint="A feedback file (.json) saved from the family review page. Comments appear beside each action."
                on_change={file_action(&app, FilePurpose::ImportFeedback, |file_name, bytes| AppAction::ImportFeedback { file_name, bytes })} />
            <TextField id="import-feedback-text" label="Or paste answers a family copied or emailed" rows={6} value={(*pasted).clone()} on_input={setter(&pasted)}
                hint="Paste the whole text, from \u{201c}My answers about the plan\u{201d} to the end." />
            <button type="button" class="app-button app-button--secondary" onclick={import_text}>{ "Import the pasted answers" }</button>
        </section>
    }
}

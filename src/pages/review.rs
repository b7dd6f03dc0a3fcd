use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::fields::{FileField, TextField, setter};
use crate::context::use_app;
use crate::domain::plan::{self, Comment, Feedback, FeedbackId, Response, ReviewTarget};
use crate::domain::project::Project;
use crate::domain::project_file::{self, area_slug};
use crate::export::plan::{EasyPoint, easy_read_outcome, easy_read_points, easy_read_sef_points};

/// Read-only family review: open a plan (a project file, or this project), read the easy-read
/// version and say what you think of each action. Nothing is changed in the plan; the views are
/// saved as a small feedback file to send back. Held only in this page, never in storage.
#[component]
pub fn ReviewPage() -> Html {
    let app = use_app();
    let review = use_state(|| None::<Rc<Project>>);
    let comments = use_state(BTreeMap::<ReviewTarget, Comment>::new);
    let from = use_state(String::new);
    let error = use_state(|| None::<String>);
    let saved = use_state(|| false);

    let open = {
        let (review, error, comments) = (review.clone(), error.clone(), comments.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let (review, error, comments) = (review.clone(), error.clone(), comments.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let result = browser::read_file(&file)
                    .await
                    .and_then(|bytes| project_file::from_bytes(&bytes).map_err(|e| e.to_string()));
                match result {
                    Ok(project) => {
                        review.set(Some(Rc::new(project)));
                        comments.set(BTreeMap::new());
                        error.set(None);
                    }
                    Err(message) => error.set(Some(format!("\u{201c}{name}\u{201d} could not be opened. {message}"))),
                }
            });
        })
    };
    let use_current = {
        let (review, project, comments) = (review.clone(), app.project.rc().clone(), comments.clone());
        Callback::from(move |_| {
            review.set(Some(project.clone()));
            comments.set(BTreeMap::new());
        })
    };

    let Some(project) = (*review).clone() else {
        return html! {
            <>
                if let Some(message) = &*error {
                    <ErrorSummary items={vec![ErrorItem { message: message.clone().into(), target: Some("review-file".into()) }]} />
                }
                <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Review a plan" }</h1>
                <p class="app-body-l">{ "Read a plan in easy-read words and say what you think of each part. You do not need an account. What you write is saved as a small file on your computer for you to send back." }</p>
                <FileField id="review-file" label="Open the plan file you were sent" hint="A .json file. Nothing in it will be changed."
                    accept=".json,application/json" on_change={open} />
                <p>{ "Or, if you are on the partnership's computer:" }</p>
                <button type="button" class="app-button app-button--secondary" onclick={use_current}>{ "Review this project's plan" }</button>
            </>
        };
    };

    let points = easy_read_points(&project);
    let sef_points = easy_read_sef_points(&project);
    let save = {
        let (comments, from, project, error, saved) =
            (comments.clone(), from.clone(), project.clone(), error.clone(), saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let list: Vec<Comment> =
                comments.values().filter(|c| c.response.is_some() || !c.words.trim().is_empty()).cloned().collect();
            if list.is_empty() {
                error.set(Some("Give your view on at least one part of the plan.".into()));
                return;
            }
            let feedback = Feedback {
                id: FeedbackId(browser::new_id()),
                from: from.trim().to_string(),
                at: browser::now_rfc3339(),
                comments: list,
            };
            let text = plan::feedback_to_json(&project.area_name, &feedback);
            let name = format!("{}-plan-feedback-{}.json", area_slug(&project), browser::today());
            match browser::download(&name, "application/json", text.as_bytes()) {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };

    html! {
        <div class="app-easy-read">
            if let Some(message) = &*error {
                <ErrorSummary items={vec![ErrorItem { message: message.clone().into(), target: None }]} />
            }
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Tell us what you think of our plan" }</h1>
            <p>{ format!("This is the plan for {}.", project.area_name) }</p>
            if let Some(outcome) = project.plan.outcome { <p>{ easy_read_outcome(outcome) }</p> }
            if points.is_empty() && sef_points.is_empty() { <p>{ "This file has no plan actions or self-evaluation to review yet." }</p> }
            <form onsubmit={save} novalidate=true>
                if !points.is_empty() { <h2 class="app-heading-m">{ "Our plan" }</h2> }
                { for points.iter().enumerate().map(|(n, point)| review_point(&format!("plan-{n}"), &format!("Part {} of the plan{}", n + 1, if point.urgent { ": urgent" } else { "" }), point, &comments)) }
                if !sef_points.is_empty() { <h2 class="app-heading-m">{ "How we think we are doing" }</h2> }
                { for sef_points.iter().enumerate().map(|(n, point)| review_point(&format!("sef-{n}"), &format!("Area {} of our self-evaluation", n + 1), point, &comments)) }
                <TextField id="review-from" label="How would you describe yourself? (optional)" value={(*from).clone()} on_input={setter(&from)}
                    hint="For example \u{201c}a parent of a child at primary school\u{201d}. Please do not write your name." />
                <button type="submit" class="app-button">{ "Save my feedback" }</button>
            </form>
            if *saved {
                <div class="app-banner" role="status" data-testid="feedback-saved">
                    <p>{ "Your feedback is saved as a file in your downloads. Send it back to the partnership, for example by email." }</p>
                </div>
            }
        </div>
    }
}

/// Changes the comment on `target`, creating it if needed.
fn change(
    comments: &UseStateHandle<BTreeMap<ReviewTarget, Comment>>,
    target: &ReviewTarget,
    f: impl FnOnce(&mut Comment),
) {
    let mut next = (**comments).clone();
    f(next.entry(target.clone()).or_insert_with(|| Comment {
        target: target.clone(),
        response: None,
        words: String::new(),
        experience: None,
        we_did: String::new(),
    }));
    comments.set(next);
}

/// One part to review: the easy-read lines, "what do you think?" and room for words.
fn review_point(
    id: &str,
    title: &str,
    point: &EasyPoint,
    comments: &UseStateHandle<BTreeMap<ReviewTarget, Comment>>,
) -> Html {
    let target = point.target.clone();
    let current = comments.get(&target).cloned();
    let set_words = {
        let (comments, target) = (comments.clone(), target.clone());
        Callback::from(move |e: InputEvent| {
            let words = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            change(&comments, &target, |c| c.words = words);
        })
    };
    html! {
        <section class="app-review-point" aria-labelledby={format!("{id}-title")} data-testid="review-point">
            <h3 class="app-heading-m" id={format!("{id}-title")}>{ title }</h3>
            { for point.lines.iter().map(|l| html! { <p>{ l.clone() }</p> }) }
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "What do you think?" }</legend>
                <div class="app-radios">
                    { for Response::ALL.into_iter().map(|r| {
                        let input_id = format!("{id}-{}", r.key());
                        let choose = { let (comments, target) = (comments.clone(), target.clone()); move || change(&comments, &target, |c| c.response = Some(r)) };
                        html! {
                            <div class="app-radios__item">
                                <input class="app-radios__input" type="radio" name={id.to_string()} id={input_id.clone()}
                                    checked={current.as_ref().and_then(|c| c.response) == Some(r)} onchange={Callback::from(move |_: Event| choose())} />
                                <label class="app-label app-radios__label" for={input_id}>{ r.label() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="app-form-group">
                <label class="app-label" for={format!("{id}-words")}>{ "Anything you want to say? (optional)" }</label>
                <textarea class="app-textarea" id={format!("{id}-words")} rows="3"
                    value={current.map(|c| c.words).unwrap_or_default()} oninput={set_words} />
            </div>
        </section>
    }
}

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::fields::{FileField, TextField};
use crate::context::use_app;
use crate::domain::plan::{Comment, Experience, Response, ReviewTarget};
use crate::export::downloads;
use crate::export::review_pack::{self, PackChoice, ReviewDraft, ReviewPack, SaidDid, feedback_to_text, mailto};

/// The review for families: open a review pack (the file the partnership sent), read the plan in
/// easy read and say what you think of each part. The answers are kept on this device as they
/// are typed (typed text only, under the pack's id) and go back as a file, as text to paste, or
/// in an email the person's own mail program sends. The shell shows no staff chrome here.
#[component]
pub fn ReviewPage() -> Html {
    let app = use_app();
    let pack_state = use_state(|| {
        let text = browser::storage_get(browser::REVIEW_PACK_KEY).ok().flatten()?;
        review_pack::from_bytes(text.as_bytes()).ok().map(Rc::new)
    });
    let pack = pack_state.clone();
    let draft = use_state(|| pack.as_ref().map(|p| load_draft(p)).unwrap_or_default());
    let error = use_state(|| None::<String>);
    let status = use_state(|| None::<String>);
    let copied = use_state(|| None::<String>);
    // Whether the answers on screen have been sent back (downloaded, copied or emailed).
    let sent = use_state(|| false);

    {
        // Keep the draft as it is typed; ask before the page is closed with answers not sent.
        let (pack, error) = (pack.clone(), error.clone());
        let answered = !draft.feedback("").comments.is_empty();
        use_effect_with(((*draft).clone(), *sent), move |(draft, sent)| {
            if let Some(pack) = pack.as_ref()
                && !draft.feedback_id.is_empty()
                && let Err(message) = browser::storage_set(&browser::review_draft_key(&pack.id), &draft.to_json())
            {
                error.set(Some(format!(
                    "Your answers could not be kept on this device ({message}). Download or copy them before you leave."
                )));
            }
            browser::warn_before_leaving(answered && !*sent);
        });
    }
    use_effect_with((), |_| move || browser::warn_before_leaving(false));

    let open_pack = {
        let (pack, draft, error, copied, sent) =
            (pack.clone(), draft.clone(), error.clone(), copied.clone(), sent.clone());
        Callback::from(move |(opened, text): (ReviewPack, String)| {
            if let Err(message) = browser::storage_set(browser::REVIEW_PACK_KEY, &text) {
                error.set(Some(format!("The pack is open, but this device could not keep it ({message}).")));
            } else {
                error.set(None);
            }
            draft.set(load_draft(&opened));
            pack.set(Some(Rc::new(opened)));
            copied.set(None);
            sent.set(false);
        })
    };
    let open = {
        let (open_pack, error) = (open_pack.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let (open_pack, error) = (open_pack.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let result = browser::read_file(&file).await.and_then(|bytes| {
                    review_pack::from_bytes(&bytes)
                        .map(|p| (p, String::from_utf8_lossy(&bytes).into_owned()))
                        .map_err(|e| e.to_string())
                });
                match result {
                    Ok(opened) => open_pack.emit(opened),
                    Err(message) => error.set(Some(format!("\u{201c}{name}\u{201d} could not be opened. {message}"))),
                }
            });
        })
    };
    let use_current = {
        let (open_pack, project) = (open_pack.clone(), app.project.rc().clone());
        Callback::from(move |_| {
            let choice = PackChoice {
                id: browser::new_id(),
                made_on: Some(browser::today()),
                criteria: review_pack::agreed_criteria(&project).into_iter().collect(),
            };
            let made = review_pack::make(&project, &choice);
            let text = review_pack::to_json(&made);
            open_pack.emit((made, text));
        })
    };

    let Some(pack) = (*pack).clone() else {
        return html! {
            <>
                if let Some(message) = &*error {
                    <ErrorSummary items={vec![ErrorItem { message: message.clone().into(), target: Some("review-file".into()) }]} />
                }
                <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Review a plan" }</h1>
                <p class="app-body-l">{ "Read a plan in easy-read words and say what you think of each part. You do not need an account, and nobody asks your name." }</p>
                <FileField id="review-file" label="Open the review pack you were sent" hint="A file ending \u{201c}-review-pack.json\u{201d}. Nothing in it will be changed."
                    accept=".json,application/json" on_change={open} />
                <p>{ "Or, if you are on the partnership's computer:" }</p>
                <button type="button" class="app-button app-button--secondary" onclick={use_current}>{ "Review this project's plan" }</button>
            </>
        };
    };

    let feedback_now = {
        let draft = draft.clone();
        move || draft.feedback(&browser::now_rfc3339())
    };
    let nothing_yet = {
        let error = error.clone();
        move || error.set(Some("Give your view on at least one part of the plan.".into()))
    };
    let download = {
        let (pack, feedback_now, nothing_yet, error, status, sent) =
            (pack.clone(), feedback_now.clone(), nothing_yet.clone(), error.clone(), status.clone(), sent.clone());
        Callback::from(move |_: MouseEvent| {
            let feedback = feedback_now();
            if feedback.comments.is_empty() {
                return nothing_yet();
            }
            let file = downloads::feedback_file(&pack.area, &feedback, browser::today());
            match browser::download(&file.file_name, file.mime, &file.bytes) {
                Ok(()) => {
                    error.set(None);
                    sent.set(true);
                    status.set(Some("Your answers are saved as a file in your downloads. Send it back to the partnership, for example by email.".into()));
                }
                Err(message) => error.set(Some(format!("Your answers could not be downloaded: {message}."))),
            }
        })
    };
    let copy = {
        let (pack, feedback_now, nothing_yet, error, status, copied, sent) = (
            pack.clone(),
            feedback_now.clone(),
            nothing_yet.clone(),
            error.clone(),
            status.clone(),
            copied.clone(),
            sent.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let feedback = feedback_now();
            if feedback.comments.is_empty() {
                return nothing_yet();
            }
            let text = feedback_to_text(&pack, &feedback);
            copied.set(Some(text.clone()));
            error.set(None);
            sent.set(true);
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(match browser::copy_text(&text).await {
                    Ok(()) => "Your answers are copied. Paste them into an email or message to the partnership.".into(),
                    Err(message) => format!("Your answers are below: {message}."),
                }));
            });
        })
    };
    let answered = !draft.feedback("").comments.is_empty();
    let email_href = answered.then(|| mailto(&pack, &feedback_to_text(&pack, &feedback_now())));
    let emailed = {
        let sent = sent.clone();
        Callback::from(move |_: MouseEvent| sent.set(true))
    };
    let other_pack = {
        let (pack_state, status, copied) = (pack_state.clone(), status.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            // The answers stay kept under the pack's id, for when it is opened again.
            let _ = browser::storage_remove(browser::REVIEW_PACK_KEY);
            status.set(None);
            copied.set(None);
            pack_state.set(None);
        })
    };

    let change = {
        let (draft, sent) = (draft.clone(), sent.clone());
        Callback::from(move |(target, f): (ReviewTarget, ChangeComment)| {
            let mut next = (*draft).clone();
            match next.comments.iter_mut().find(|c| c.target == target) {
                Some(c) => f(c),
                None => {
                    let mut c = Comment {
                        target,
                        response: None,
                        words: String::new(),
                        experience: None,
                        we_did: String::new(),
                    };
                    f(&mut c);
                    next.comments.push(c);
                }
            }
            draft.set(next);
            sent.set(false);
        })
    };
    let set_from = {
        let (draft, sent) = (draft.clone(), sent.clone());
        Callback::from(move |from: String| {
            draft.set(ReviewDraft { from, ..(*draft).clone() });
            sent.set(false);
        })
    };
    let comment_on = |target: &ReviewTarget| draft.comments.iter().find(|c| &c.target == target).cloned();

    html! {
        <div class="app-easy-read">
            if let Some(message) = &*error {
                <ErrorSummary items={vec![ErrorItem { message: message.clone().into(), target: None }]} />
            }
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Tell us what you think of our plan" }</h1>
            <p>{ format!("This is the plan for {}.", if pack.area.is_empty() { "our area" } else { &pack.area }) }</p>
            <p class="app-body-s">{ "Your answers are kept on this device as you type, so you can come back to them. Nobody asks your name." }</p>
            if !pack.outcome.is_empty() { <p>{ pack.outcome.clone() }</p> }
            if pack.actions.is_empty() && pack.criteria.is_empty() { <p>{ "This pack has no plan actions or self-evaluation to review yet." }</p> }
            if !pack.actions.is_empty() { <h2 class="app-heading-m">{ "Our plan" }</h2> }
            { for pack.actions.iter().enumerate().map(|(n, a)| {
                let target = ReviewTarget::Action(crate::domain::plan::ActionId(a.id.clone()));
                let title = format!("Part {} of the plan{}", n + 1, if a.urgent { ": urgent" } else { "" });
                html! {
                    <ReviewPoint id={format!("plan-{n}")} {title} lines={a.lines.clone()} milestones={a.milestones.clone()} answers={a.answers.clone()}
                        ask_experience=true current={comment_on(&target)} target={target} on_change={change.clone()} />
                }
            }) }
            if !pack.criteria.is_empty() { <h2 class="app-heading-m">{ "How we think we are doing" }</h2> }
            { for pack.criteria.iter().enumerate().map(|(n, c)| {
                let target = ReviewTarget::Criterion(c.id.clone());
                html! {
                    <ReviewPoint id={format!("sef-{n}")} title={format!("Area {} of our self-evaluation", n + 1)} lines={c.lines.clone()} milestones={Vec::<String>::new()}
                        answers={c.answers.clone()} ask_experience=false current={comment_on(&target)} target={target} on_change={change.clone()} />
                }
            }) }
            <TextField id="review-from" label="How would you describe yourself? (optional)" value={draft.from.clone()} on_input={set_from}
                hint="For example \u{201c}a parent of a child at primary school\u{201d}. Please do not write your name." />

            <h2 class="app-heading-m">{ "Send your answers back" }</h2>
            <div class="app-button-group">
                <button type="button" class="app-button" onclick={copy}>{ "Copy my answers as text" }</button>
                if let Some(href) = email_href {
                    <a class="app-button app-button--secondary" {href} onclick={emailed} data-testid="email-answers">{ "Email my answers" }</a>
                }
                <button type="button" class="app-button app-button--secondary" onclick={download}>{ "Download my answers" }</button>
            </div>
            <p class="app-hint">{ "\u{201c}Email my answers\u{201d} opens your own email app with your answers written in; you choose who to send them to. This page sends nothing itself." }</p>
            if let Some(message) = &*status {
                <div class="app-banner" role="status" data-testid="feedback-saved"><p>{ message.clone() }</p></div>
            }
            if let Some(text) = &*copied {
                <div class="app-form-group">
                    <label class="app-label" for="answers-text">{ "Your answers as text" }</label>
                    <textarea class="app-textarea" id="answers-text" rows="10" readonly=true value={text.clone()} data-testid="answers-text" />
                </div>
            }
            <p><button type="button" class="app-link-button" onclick={other_pack}>{ "Open a different review pack" }</button></p>
        </div>
    }
}

/// The answers kept for `pack`, or a fresh start with a new id.
fn load_draft(pack: &ReviewPack) -> ReviewDraft {
    browser::storage_get(&browser::review_draft_key(&pack.id))
        .ok()
        .flatten()
        .and_then(|text| ReviewDraft::from_json(&text))
        .unwrap_or_else(|| ReviewDraft { feedback_id: browser::new_id(), ..Default::default() })
}

/// A change to the comment on one target.
type ChangeComment = Rc<dyn Fn(&mut Comment)>;
type ChangeCallback = Callback<(ReviewTarget, ChangeComment)>;

#[derive(Properties, PartialEq)]
struct ReviewPointProps {
    id: AttrValue,
    title: AttrValue,
    lines: Vec<String>,
    milestones: Vec<String>,
    answers: Vec<SaidDid>,
    ask_experience: bool,
    target: ReviewTarget,
    current: Option<Comment>,
    on_change: ChangeCallback,
}

/// One part to review: the easy-read lines, earlier answers, "what do you think?" and words.
#[component]
fn ReviewPoint(props: &ReviewPointProps) -> Html {
    let id = props.id.to_string();
    let set_words = {
        let (on_change, target) = (props.on_change.clone(), props.target.clone());
        Callback::from(move |e: InputEvent| {
            let words = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            on_change.emit((target.clone(), Rc::new(move |c: &mut Comment| c.words = words.clone())));
        })
    };
    let radio = |group: &str, key: &str, label: &str, checked: bool, f: Rc<dyn Fn(&mut Comment)>| {
        let input_id = format!("{id}-{group}-{key}");
        let (on_change, target) = (props.on_change.clone(), props.target.clone());
        let onchange = Callback::from(move |_: Event| on_change.emit((target.clone(), f.clone())));
        html! {
            <div class="app-radios__item">
                <input class="app-radios__input" type="radio" name={format!("{id}-{group}")} id={input_id.clone()} {checked} {onchange} />
                <label class="app-label app-radios__label" for={input_id}>{ label.to_string() }</label>
            </div>
        }
    };
    let current = props.current.clone();
    html! {
        <section class="app-review-point" aria-labelledby={format!("{id}-title")} data-testid="review-point">
            <h3 class="app-heading-m" id={format!("{id}-title")}>{ props.title.clone() }</h3>
            { for props.lines.iter().map(|l| html! { <p>{ l.clone() }</p> }) }
            if !props.milestones.is_empty() {
                <p>{ "Steps on the way:" }</p>
                <ul class="app-list app-list--bullet">{ for props.milestones.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
            }
            if !props.answers.is_empty() {
                <div class="app-inset" data-testid="you-said-we-did">
                    <p><strong>{ "You said, we did" }</strong></p>
                    { for props.answers.iter().map(|a| html! { <>
                        <p>{ format!("You said: {}", a.you_said) }</p>
                        <p>{ format!("We did: {}", a.we_did) }</p>
                    </> }) }
                </div>
            }
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{ "What do you think?" }</legend>
                <div class="app-radios">
                    { for Response::ALL.into_iter().map(|r| radio("view", r.key(), r.label(),
                        current.as_ref().and_then(|c| c.response) == Some(r), Rc::new(move |c: &mut Comment| c.response = Some(r)))) }
                </div>
            </fieldset>
            if props.ask_experience {
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{ "Have you noticed a difference yet? (optional)" }</legend>
                    <div class="app-radios">
                        { for Experience::ALL.into_iter().map(|e| radio("felt", e.key(), e.label(),
                            current.as_ref().and_then(|c| c.experience) == Some(e), Rc::new(move |c: &mut Comment| c.experience = Some(e)))) }
                    </div>
                </fieldset>
            }
            <div class="app-form-group">
                <label class="app-label" for={format!("{id}-words")}>{ "Anything you want to say? (optional)" }</label>
                <textarea class="app-textarea" id={format!("{id}-words")} rows="3"
                    value={current.map(|c| c.words).unwrap_or_default()} oninput={set_words} />
            </div>
        </section>
    }
}

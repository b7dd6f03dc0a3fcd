use yew::prelude::*;

use crate::components::fields::TextField;
use crate::domain::plan::{FeedbackId, Plan, ReviewTarget};

/// (feedback, comment index, the partnership's answer).
pub type AnswerCallback = Callback<(FeedbackId, usize, String)>;

/// What families said about one action or criterion, from imported feedback, each with the
/// partnership's answer ("you said, we did") and a box to write or change it.
pub fn family_comments(plan: &Plan, target: &ReviewTarget, on_answer: &AnswerCallback) -> Html {
    let comments: Vec<_> = plan.comments_on(target).collect();
    if comments.is_empty() {
        return html! {};
    }
    html! {
        <div class="app-inset" data-testid="feedback">
            <p><strong>{ format!("What families said ({})", comments.len()) }</strong></p>
            <ul class="app-list">
                { for comments.iter().map(|(f, c)| {
                    let index = f.comments.iter().position(|x| std::ptr::eq(x, *c)).unwrap_or(0);
                    let on_save = {
                        let (on_answer, id) = (on_answer.clone(), f.id.clone());
                        Callback::from(move |text: String| on_answer.emit((id.clone(), index, text)))
                    };
                    html! { <li data-testid="family-comment">
                        <p>{ format!("{}{}{}",
                            if f.from.is_empty() { "Someone".to_string() } else { f.from.clone() },
                            c.response.map(|r| format!(": {}", r.label())).unwrap_or_default(),
                            if c.words.is_empty() { String::new() } else { format!(" \u{2013} \u{201c}{}\u{201d}", c.words) }) }</p>
                        if let Some(e) = c.experience { <p class="app-body-s">{ format!("How it feels to them: {}", e.label()) }</p> }
                        <AnswerBox id={format!("answer-{}-{index}", f.id.0)} current={c.we_did.clone()} {on_save} />
                    </li> }
                }) }
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AnswerBoxProps {
    id: AttrValue,
    current: AttrValue,
    on_save: Callback<String>,
}

/// The partnership's answer to one comment, saved with its own button.
#[component]
fn AnswerBox(props: &AnswerBoxProps) -> Html {
    let text = use_state(|| props.current.to_string());
    let onclick = {
        let (text, on_save) = (text.clone(), props.on_save.clone());
        Callback::from(move |_: MouseEvent| on_save.emit((*text).clone()))
    };
    let saved = !props.current.is_empty() && *text == props.current.as_str();
    html! {
        <div class="app-answer">
            <TextField id={props.id.clone()} label="You said, we did: our answer" rows={2} value={(*text).clone()}
                on_input={crate::components::fields::setter(&text)}
                hint="What changed, or why it cannot change. It goes in the next review pack and the published plan." />
            <button type="button" class="app-button app-button--secondary app-button--small" {onclick}>
                { "Save our answer" }<span class="app-visually-hidden">{ format!(" to comment {}", props.id) }</span>
            </button>
            if saved { <p class="app-body-s" role="status">{ "Saved." }</p> }
        </div>
    }
}

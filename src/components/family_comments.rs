use yew::prelude::*;

use crate::domain::plan::{Plan, ReviewTarget};

/// What families said about one action or criterion, from imported feedback files.
pub fn family_comments(plan: &Plan, target: &ReviewTarget) -> Html {
    let comments: Vec<_> = plan.comments_on(target).collect();
    if comments.is_empty() {
        return html! {};
    }
    html! {
        <div class="app-inset" data-testid="feedback">
            <p><strong>{ format!("What families said ({})", comments.len()) }</strong></p>
            <ul class="app-list app-list--bullet">
                { for comments.iter().map(|(f, c)| html! { <li>{ format!("{}{}{}",
                    if f.from.is_empty() { "Someone".to_string() } else { f.from.clone() },
                    c.response.map(|r| format!(": {}", r.label())).unwrap_or_default(),
                    if c.words.is_empty() { String::new() } else { format!(" \u{2013} \u{201c}{}\u{201d}", c.words) }) }</li> }) }
            </ul>
        </div>
    }
}

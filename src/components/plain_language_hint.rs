use std::rc::Rc;

use yew::prelude::*;

use crate::domain::plain_language::{self, GlossaryTerm, PlainIssue};

#[derive(Properties, PartialEq)]
pub struct PlainLanguageHintProps {
    pub id: AttrValue,
    pub text: AttrValue,
    pub glossary: Rc<Vec<GlossaryTerm>>,
}

/// Live plain-language feedback under a text box: reading ease, sentence length and terms to
/// explain. Announced politely so it does not interrupt typing.
#[component]
pub fn PlainLanguageHint(props: &PlainLanguageHintProps) -> Html {
    if props.text.trim().is_empty() {
        return html! { <div id={props.id.clone()} class="app-hint" aria-live="polite"></div> };
    }
    let r = plain_language::check(&props.text, &props.glossary);
    html! {
        <div id={props.id.clone()} class="app-plain-hint" aria-live="polite" data-testid="plain-hint">
            <p class="app-body-s">{ r.summary() }</p>
            if !r.issues.is_empty() {
                <ul class="app-list app-list--bullet app-body-s">
                    { for r.issues.iter().map(|issue| html! { <li>{ match issue {
                        PlainIssue::LongSentence { words, starts } => format!("A sentence has {words} words (\u{201c}{starts}\u{201d}): try splitting it."),
                        PlainIssue::Unexplained { term, expansion } => format!("Explain \u{201c}{term}\u{201d}: {expansion}."),
                        PlainIssue::UnknownAcronym(a) => format!("\u{201c}{a}\u{201d} looks like an abbreviation: spell it out, or add it to the glossary."),
                    } }</li> }) }
                </ul>
            }
        </div>
    }
}

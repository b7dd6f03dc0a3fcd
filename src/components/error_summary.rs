use yew::prelude::*;

use crate::browser::focus_by_id;

/// One problem, with the id of the field to fix (if any).
#[derive(Clone, PartialEq)]
pub struct ErrorItem {
    pub message: AttrValue,
    pub target: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub items: Vec<ErrorItem>,
    #[prop_or(AttrValue::Static("There is a problem"))]
    pub title: AttrValue,
}

/// The GOV.UK error summary: shown above the page content, focused when it appears so that
/// keyboard and screen-reader users land on it, with links that move focus to each field.
#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.items.clone(), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    html! {
        <div class="app-error-summary" tabindex="-1" ref={node} role="alert" data-testid="error-summary"
             aria-labelledby="error-summary-title">
            <h2 class="app-error-summary__title" id="error-summary-title">{ props.title.clone() }</h2>
            <ul class="app-error-summary__list">
                { for props.items.iter().map(|item| html! {
                    <li>
                        if let Some(target) = &item.target {
                            <a href={format!("#{target}")} onclick={{
                                let target = target.clone();
                                Callback::from(move |e: MouseEvent| { e.prevent_default(); focus_by_id(&target); })
                            }}>{ item.message.clone() }</a>
                        } else {
                            { item.message.clone() }
                        }
                    </li>
                }) }
            </ul>
        </div>
    }
}

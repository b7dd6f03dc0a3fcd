use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::domain::project::{Partner, PartnerId};

#[derive(Properties, PartialEq)]
pub struct ActingAsProps {
    pub partners: Vec<Partner>,
    pub current: Option<PartnerId>,
    pub on_change: Callback<Option<PartnerId>>,
}

/// "You are writing as": every entry and sign-off records which partner made it.
#[component]
pub fn ActingAs(props: &ActingAsProps) -> Html {
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        on_change.emit((!value.is_empty()).then_some(PartnerId(value)));
    });
    html! {
        <div class={classes!("app-form-group", "app-panel", props.current.is_none().then_some("app-form-group--error"))}>
            <label class="app-label app-label--m" for="acting-as">{ "You are writing as" }</label>
            <div class="app-hint" id="acting-as-hint">{ "Each entry and sign-off records which partner made it. This choice stays on this computer." }</div>
            <select class="app-select" id="acting-as" aria-describedby="acting-as-hint" {onchange}>
                <option value="" selected={props.current.is_none()}>{ "Choose a partner" }</option>
                { for props.partners.iter().map(|p| html! {
                    <option value={p.id.0.clone()} selected={props.current.as_ref() == Some(&p.id)}>
                        { format!("{} ({})", p.name, p.role.label()) }
                    </option>
                }) }
            </select>
        </div>
    }
}

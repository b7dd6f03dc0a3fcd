use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::domain::project::{Partner, PartnerId};

#[derive(Properties, PartialEq)]
pub struct ActingAsProps {
    pub partners: Vec<Partner>,
    pub current: Option<PartnerId>,
    pub on_change: Callback<Option<PartnerId>>,
    /// Why an edit was refused here ("Choose which partner you are writing as"). The box is
    /// marked in error only then: an unchosen partner is not yet a mistake.
    #[prop_or_default]
    pub error: Option<AttrValue>,
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
        <div class={classes!("app-form-group", "app-panel", props.error.is_some().then_some("app-form-group--error"))}>
            <label class="app-label app-label--m" for="acting-as">{ "You are writing as" }</label>
            <div class="app-hint" id="acting-as-hint">{ "Each entry and sign-off records which partner made it. This choice stays on this computer." }</div>
            if let Some(error) = &props.error {
                <p class="app-error-message" id="acting-as-error"><span class="app-visually-hidden">{ "Error: " }</span>{ error.clone() }</p>
            }
            <select class="app-select" id="acting-as" aria-describedby={if props.error.is_some() { "acting-as-hint acting-as-error" } else { "acting-as-hint" }} {onchange}>
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

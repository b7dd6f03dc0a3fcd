use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DateInputProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: Option<NaiveDate>,
    pub on_change: Callback<Option<NaiveDate>>,
}

/// A labelled date field. An empty field means "not set".
#[component]
pub fn DateInput(props: &DateInputProps) -> Html {
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_change.emit(input.value().parse::<NaiveDate>().ok());
    });
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="app-form-group">
            <label class="app-label" for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint {
                <div class="app-hint" id={hint_id.clone()}>{ hint.clone() }</div>
            }
            <input class="app-input app-input--date" type="date" id={props.id.clone()}
                aria-describedby={props.hint.as_ref().map(|_| hint_id)}
                value={props.value.map(|d| d.to_string()).unwrap_or_default()} {onchange} />
        </div>
    }
}

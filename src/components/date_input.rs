use chrono::NaiveDate;
use web_sys::{HtmlInputElement, Node};
use yew::prelude::*;

use crate::domain::date_entry::{self, Part};

#[derive(Properties, PartialEq)]
pub struct DateInputProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: Option<NaiveDate>,
    pub on_change: Callback<Option<NaiveDate>>,
    /// A problem the form found (such as a required date left empty), shown when the boxes
    /// themselves have none.
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// The GOV.UK date input: day, month and year boxes in that order whatever the browser's
/// language (a browser's own date picker puts the month first in US English). A complete real
/// date, or three empty boxes, is sent at once; anything else is kept as typed and explained
/// when focus leaves the three boxes.
#[component]
pub fn DateInput(props: &DateInputProps) -> Html {
    let typed = use_state(|| date_entry::parts(props.value));
    let show_error = use_state(|| false);
    let group = use_node_ref();
    {
        // Follow the stored date when it changes elsewhere (undo, another partner's file),
        // unless the boxes already say that date.
        let (typed, show_error) = (typed.clone(), show_error.clone());
        use_effect_with(props.value, move |value| {
            let [d, m, y] = &*typed;
            if date_entry::read(d, m, y) != Ok(*value) {
                typed.set(date_entry::parts(*value));
                show_error.set(false);
            }
        });
    }
    let [day, month, year] = (*typed).clone();
    let own_error = date_entry::read(&day, &month, &year).err().filter(|_| *show_error);
    let message = own_error.as_ref().map(|e| AttrValue::from(e.message(&props.label))).or_else(|| props.error.clone());
    let id = props.id.clone();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let box_for = |index: usize, part: Part, name: &'static str, width: &'static str| {
        let value = typed[index].clone();
        let (typed, on_change, show_error) = (typed.clone(), props.on_change.clone(), show_error.clone());
        let oninput = Callback::from(move |e: InputEvent| {
            let mut next = (*typed).clone();
            next[index] = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(date) = date_entry::read(&next[0], &next[1], &next[2]) {
                on_change.emit(date);
                show_error.set(false);
            }
            typed.set(next);
        });
        let in_error = match &own_error {
            Some(e) => e.part() == part || e.part() == Part::Whole,
            None => props.error.is_some(),
        };
        let box_id = format!("{id}-{}", name.to_lowercase());
        html! {
            <div class="app-date-input__item">
                <label class="app-label app-date-input__label" for={box_id.clone()}>{ name }</label>
                <input class={classes!("app-input", width, in_error.then_some("app-input--error"))} id={box_id} type="text"
                    inputmode="numeric" value={value} {oninput} />
            </div>
        }
    };
    let onfocusout = {
        let (group, show_error) = (group.clone(), show_error.clone());
        Callback::from(move |e: FocusEvent| {
            let next = e.related_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<Node>(t).ok());
            let inside = group.cast::<Node>().is_some_and(|g| g.contains(next.as_ref()));
            if !inside {
                show_error.set(true);
            }
        })
    };
    let described = [props.hint.as_ref().map(|_| hint_id.clone()), message.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <div class={classes!("app-form-group", message.is_some().then_some("app-form-group--error"))}>
            <fieldset class="app-fieldset" role="group" id={id.clone()} aria-describedby={(!described.is_empty()).then_some(described)}>
                <legend class="app-fieldset__legend app-fieldset__legend--s">{ props.label.clone() }</legend>
                if let Some(hint) = &props.hint {
                    <div class="app-hint" id={hint_id}>{ hint.clone() }</div>
                }
                if let Some(message) = message {
                    <p class="app-error-message" id={error_id}>
                        <span class="app-visually-hidden">{ "Error: " }</span>{ message }
                    </p>
                }
                <div class="app-date-input" ref={group} {onfocusout}>
                    { box_for(0, Part::Day, "Day", "app-input--width-2") }
                    { box_for(1, Part::Month, "Month", "app-input--width-2") }
                    { box_for(2, Part::Year, "Year", "app-input--width-4") }
                </div>
            </fieldset>
        </div>
    }
}

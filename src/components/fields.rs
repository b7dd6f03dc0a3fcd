//! Form fields in the GOV.UK pattern (label, hint, error message, control), so every page's
//! fields are labelled, described and marked in error the same way.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::domain::choice::Choice;
use crate::domain::project::{Partner, PartnerId};

/// The ids a control's `aria-describedby` names: its hint, its error, then any extra ones.
fn described_by(id: &str, hint: bool, error: bool, extra: Option<&AttrValue>) -> Option<String> {
    let ids: Vec<String> =
        [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error")), extra.map(|e| e.to_string())]
            .into_iter()
            .flatten()
            .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[derive(Properties, PartialEq)]
struct FrameProps {
    id: AttrValue,
    label: AttrValue,
    hint: Option<AttrValue>,
    error: Option<AttrValue>,
    children: Html,
}

/// Label, hint and error around one control.
#[component]
fn Frame(props: &FrameProps) -> Html {
    let id = &props.id;
    html! {
        <div class={classes!("app-form-group", props.error.is_some().then_some("app-form-group--error"))}>
            <label class="app-label" for={id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint {
                <div class="app-hint" id={format!("{id}-hint")}>{ hint.clone() }</div>
            }
            if let Some(error) = &props.error {
                <p class="app-error-message" id={format!("{id}-error")}><span class="app-visually-hidden">{ "Error: " }</span>{ error.clone() }</p>
            }
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Lines for a multi-line box; without it the field is one line.
    #[prop_or_default]
    pub rows: Option<u32>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// Another element that describes the field, such as a plain-language hint below it.
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// Shown below the control.
    #[prop_or_default]
    pub children: Html,
}

/// A labelled one-line or multi-line text field.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.id.clone();
    let aria = described_by(&id, props.hint.is_some(), props.error.is_some(), props.described_by.as_ref());
    let on_input = props.on_input.clone();
    let control = match props.rows {
        Some(rows) => html! {
            <textarea class={classes!("app-textarea", props.error.is_some().then_some("app-textarea--error"))} id={id.clone()} rows={rows.to_string()}
                aria-describedby={aria} value={props.value.clone()}
                oninput={Callback::from(move |e: InputEvent| on_input.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()))} />
        },
        None => html! {
            <input class={classes!("app-input", props.error.is_some().then_some("app-input--error"))} type="text" id={id.clone()}
                autocomplete={props.autocomplete.clone()} aria-describedby={aria} value={props.value.clone()}
                oninput={Callback::from(move |e: InputEvent| on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value()))} />
        },
    };
    html! {
        <Frame {id} label={props.label.clone()} hint={props.hint.clone()} error={props.error.clone()}>
            { control }
            { props.children.clone() }
        </Frame>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, text) for each option, in order.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_change: Callback<String>,
}

/// A labelled drop-down.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = props.id.clone();
    let on_change = props.on_change.clone();
    html! {
        <Frame id={id.clone()} label={props.label.clone()} hint={None::<AttrValue>} error={None::<AttrValue>}>
            <select class="app-select" id={id.clone()}
                onchange={Callback::from(move |e: Event| on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text.clone() }</option>
                }) }
            </select>
        </Frame>
    }
}

#[derive(Properties, PartialEq)]
pub struct FileFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: AttrValue,
    /// File types the picker offers, as the `accept` attribute takes them.
    pub accept: AttrValue,
    pub on_change: Callback<Event>,
    #[prop_or_default]
    pub multiple: bool,
}

/// A labelled file picker; the page reads the chosen files from the event.
#[component]
pub fn FileField(props: &FileFieldProps) -> Html {
    let id = props.id.clone();
    html! {
        <Frame id={id.clone()} label={props.label.clone()} hint={Some(props.hint.clone())} error={None::<AttrValue>}>
            <input type="file" id={id.clone()} class="app-file-upload" multiple={props.multiple} accept={props.accept.clone()}
                aria-describedby={format!("{id}-hint")} onchange={props.on_change.clone()} />
        </Frame>
    }
}

#[derive(Properties, PartialEq)]
pub struct ContextButtonProps {
    /// What sighted users read ("Remove").
    pub label: AttrValue,
    /// What it acts on, for screen-reader users who hear the button alone (" the entry by Northdale Council").
    pub context: AttrValue,
    pub on_click: Callback<()>,
    #[prop_or(AttrValue::Static("app-link-button"))]
    pub class: AttrValue,
}

/// A button whose accessible name says what it acts on, though it shows one word.
#[component]
pub fn ContextButton(props: &ContextButtonProps) -> Html {
    let on_click = props.on_click.clone();
    html! {
        <button type="button" class={props.class.clone()} onclick={Callback::from(move |_| on_click.emit(()))}>
            { props.label.clone() }<span class="app-visually-hidden">{ props.context.clone() }</span>
        </button>
    }
}

/// A callback that puts its value into a piece of component state, for fields whose value is
/// kept in the form until it is submitted.
pub fn setter<T: 'static>(state: &UseStateHandle<T>) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |value| state.set(value))
}

/// The options of a drop-down of a choice enum (role, kind, decision), in the enum's order.
pub fn choice_options<E: Choice>() -> Vec<(AttrValue, AttrValue)> {
    E::all().iter().map(|c| (AttrValue::Static(c.key()), AttrValue::Static(c.label()))).collect()
}

/// Puts the chosen option of a choice drop-down into component state.
pub fn choice_setter<E: Choice>(state: &UseStateHandle<E>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |key: String| {
        if let Some(choice) = E::from_key(&key) {
            state.set(choice)
        }
    })
}

/// A drop-down's options for choosing a partner, led by `none` (the empty value) for "nobody yet".
pub fn partner_options(partners: &[Partner], none: &'static str) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::Static(""), AttrValue::Static(none)))
        .chain(partners.iter().map(|p| (AttrValue::from(p.id.0.clone()), AttrValue::from(p.name.clone()))))
        .collect()
}

/// The partner a partner drop-down names, or nobody for its empty option.
pub fn partner_choice(value: String) -> Option<PartnerId> {
    (!value.is_empty()).then_some(PartnerId(value))
}

/// A callback that writes a field's value into one part of a draft kept in component state.
pub fn draft_setter<T: Clone + 'static, V: 'static>(
    draft: &UseStateHandle<T>,
    set: impl Fn(&mut T, V) + 'static,
) -> Callback<V> {
    let draft = draft.clone();
    Callback::from(move |value| {
        let mut next = (*draft).clone();
        set(&mut next, value);
        draft.set(next);
    })
}

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RadioItemProps {
    pub id: AttrValue,
    /// The radio group's name.
    pub name: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_select: Callback<()>,
}

/// One GOV.UK-style radio: a large native control with its label as the click target.
#[component]
pub fn RadioItem(props: &RadioItemProps) -> Html {
    let on_select = props.on_select.clone();
    html! {
        <div class="app-radios__item">
            <input class="app-radios__input" type="radio" name={props.name.clone()} id={props.id.clone()} checked={props.checked}
                onchange={Callback::from(move |_: Event| on_select.emit(()))} />
            <label class="app-label app-radios__label" for={props.id.clone()}>{ props.label.clone() }</label>
        </div>
    }
}

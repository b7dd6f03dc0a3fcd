use yew::prelude::*;

use crate::domain::progress::TaskStatus;

#[derive(Properties, PartialEq)]
pub struct StatusTagProps {
    pub status: TaskStatus,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A task status as words; colour only repeats what the words say.
#[component]
pub fn StatusTag(props: &StatusTagProps) -> Html {
    let modifier = match props.status {
        TaskStatus::NotStarted => "app-tag--grey",
        TaskStatus::InProgress => "app-tag--blue",
        TaskStatus::Completed => "app-tag--green",
    };
    html! { <strong id={props.id.clone()} class={classes!("app-tag", modifier)}>{ props.status.label() }</strong> }
}

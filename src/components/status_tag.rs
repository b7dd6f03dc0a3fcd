use yew::prelude::*;

use crate::domain::plan::ActionStatus;
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

#[derive(Properties, PartialEq)]
pub struct ActionStatusTagProps {
    pub status: ActionStatus,
}

/// An action's delivery status as words (on track, at risk, off track, done).
#[component]
pub fn ActionStatusTag(props: &ActionStatusTagProps) -> Html {
    let modifier = match props.status {
        ActionStatus::NotStarted => "app-tag--grey",
        ActionStatus::OnTrack => "app-tag--blue",
        ActionStatus::AtRisk => "app-tag--yellow",
        ActionStatus::OffTrack => "app-tag--red",
        ActionStatus::Done => "app-tag--green",
    };
    html! { <strong class={classes!("app-tag", modifier)} data-testid="action-status">{ props.status.label() }</strong> }
}

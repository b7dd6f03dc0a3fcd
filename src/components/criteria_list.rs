use yew::prelude::*;

use crate::domain::framework::{self, EditionId};

#[derive(Properties, PartialEq)]
pub struct CriteriaListProps {
    pub edition: EditionId,
    /// Show what inspectors consider under each criterion.
    #[prop_or(true)]
    pub show_considerations: bool,
}

/// The edition's criteria by group, marking any wording that is not confirmed.
#[component]
pub fn CriteriaList(props: &CriteriaListProps) -> Html {
    let Some(edition) = framework::edition(&props.edition) else {
        return html! { <p>{ "This framework edition is not known." }</p> };
    };
    html! {
        <div class="app-criteria" data-testid="criteria">
            { for edition.groups.iter().map(|group| html! {
                <section class="app-criteria__group" aria-labelledby={format!("group-{}", group.id)}>
                    <h2 class="app-heading-m" id={format!("group-{}", group.id)}>{ format!("{}. {}", group.id, group.title) }</h2>
                    <p class="app-hint">{ group.summary.clone() }
                        if !group.confirmed { <strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                    </p>
                    <ol class="app-criteria__list">
                        { for edition.criteria_in(&group.id).map(|c| html! {
                            <li class="app-criteria__item" id={format!("criterion-{}", c.id)}>
                                <h3 class="app-heading-s">
                                    <span class="app-criteria__id">{ c.id.clone() }</span>{ " " }{ c.title.clone() }
                                    if !c.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Wording not confirmed" }</strong> }
                                </h3>
                                if props.show_considerations && !c.considerations.is_empty() {
                                    <p class="app-body-s">{ "Inspectors consider whether (our summary, not the handbook's words):" }</p>
                                    <ul class="app-list app-list--bullet app-body-s">
                                        { for c.considerations.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                                    </ul>
                                    if !c.inspectors_look_at.is_empty() {
                                        <p class="app-body-s">{ "Inspectors look at (our summary):" }</p>
                                        <ul class="app-list app-list--bullet app-body-s">
                                            { for c.inspectors_look_at.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                                        </ul>
                                    }
                                }
                            </li>
                        }) }
                    </ol>
                </section>
            }) }
        </div>
    }
}

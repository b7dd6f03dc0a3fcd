use yew::prelude::*;

use crate::components::criteria_list::CriteriaList;
use crate::context::use_app;
use crate::domain::framework::editions;

#[component]
pub fn FrameworkPage() -> Html {
    let app = use_app();
    let edition = app.project.edition();
    html! {
        <>
            <span class="app-caption">{ edition.short_name.clone() }</span>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ edition.title.clone() }</h1>
            <p class="app-body-l" data-testid="edition-note">{ edition.version_note.clone() }</p>
            <p>{ format!("This app knows {} editions. Your project uses this one; change it on the partnership page.", editions().len()) }</p>

            <CriteriaList edition={edition.id.clone()} />

            <h2 class="app-heading-m">{ "Inspection outcomes" }</h2>
            <p>{ "Reports give one of these three statements, word for word:" }</p>
            <ol class="app-list app-list--number" data-testid="outcomes">
                { for edition.outcomes.iter().map(|o| html! {
                    <li>
                        <p><strong>{ format!("Outcome {}: {}", o.number, o.short_label) }</strong></p>
                        <blockquote class="app-quote">{ o.statement.clone() }</blockquote>
                        <p class="app-body-s">{ o.next_steps.clone() }
                            if !o.next_steps_confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                        </p>
                    </li>
                }) }
            </ol>

            <h2 class="app-heading-m">{ "Deadlines after the report" }</h2>
            <dl class="app-summary-list">
                { for edition.post_inspection.iter().map(|d| html! {
                    <div class="app-summary-list__row">
                        <dt class="app-summary-list__key">{ d.label.clone() }</dt>
                        <dd class="app-summary-list__value">
                            { match d.working_days {
                                Some(n) => format!("Within {n} working days of {}.", d.from.label()),
                                None => "The number of working days is not known for this edition.".to_string(),
                            } }
                            if !d.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                            if !d.source.is_empty() { <span class="app-hint">{ format!(" Source: {}", d.source) }</span> }
                        </dd>
                    </div>
                }) }
            </dl>
        </>
    }
}

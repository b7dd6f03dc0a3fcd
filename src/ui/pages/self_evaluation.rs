use yew::prelude::*;

use crate::ui::components::criteria_list::CriteriaList;
use crate::ui::context::use_app;

#[component]
pub fn SelfEvaluationPage() -> Html {
    let app = use_app();
    let edition = app.project.edition();
    html! {
        <>
            <span class="app-caption">{ edition.short_name.clone() }</span>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Self-evaluation" }</h1>
            <p class="app-body-l">{ "Inspectors discuss the partnership's self-evaluation with leaders on the first day on site. These are the criteria it is written against." }</p>
            <div class="app-inset">
                { "Recording strengths, areas to improve, evidence and each partner's sign-off against these criteria is not available in this version yet." }
            </div>
            <CriteriaList edition={edition.id.clone()} />
        </>
    }
}

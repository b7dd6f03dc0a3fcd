use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::chart::ChartFigure;
use crate::context::use_app;
use crate::domain::{counting, sef};
use crate::export::chart;
use crate::route::Route;

#[component]
pub fn CoproductionPage() -> Html {
    let app = use_app();
    let project = &app.project;
    let matrix = sef::coproduction_matrix(project);
    html! {
        <>
            <Link<Route> to={Route::SelfEvaluation} classes="app-back-link">{ "Back to the self-evaluation" }</Link<Route>>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Who contributed where" }</h1>
            <p class="app-body-l">{ "The number of entries each partner has written on each criterion. Inspectors look for the parent carer forum and children and young people's voices throughout." }</p>
            <div data-testid="coproduction-chart"><ChartFigure chart={Rc::new(chart::coproduction_chart(project))} /></div>
            <div class="app-table-wrap" tabindex="0" role="region" aria-label="Co-production matrix, scrolls sideways">
                <table class="app-table app-table--matrix" data-testid="matrix">
                    <caption class="app-visually-hidden">{ "Entries by criterion and partner" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Criterion" }</th>
                        { for project.partners.iter().map(|p| html! { <th scope="col">{ p.name.clone() }</th> }) }
                        <th scope="col">{ "Gaps and disputes" }</th>
                    </tr></thead>
                    <tbody>
                        { for matrix.iter().map(|row| {
                            let mut gaps: Vec<String> = Vec::new();
                            if !row.has_parent_carer_forum { gaps.push("No parent carer forum input".into()); }
                            if !row.has_children_and_young_people { gaps.push("No children and young people's input".into()); }
                            if row.position_disputed { gaps.push("Position disputed".into()); }
                            if row.disputed_entries > 0 {
                                gaps.push(format!("{} disputed", counting::count(row.disputed_entries, "entry", "entries")));
                            }
                            html! {
                                <tr>
                                    <th scope="row"><Link<Route> to={Route::Criterion { id: row.criterion.clone() }}>{ row.criterion.clone() }</Link<Route>></th>
                                    { for row.by_partner.iter().map(|(_, n)| html! { <td>{ n }</td> }) }
                                    <td>{ for gaps.iter().map(|g| html! { <strong class="app-tag app-tag--yellow app-tag--block">{ g.clone() }</strong> }) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

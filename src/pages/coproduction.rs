use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::chart::ChartFigure;
use crate::components::table::{Column, Row, StackedTable};
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
            <StackedTable caption="Entries by criterion and partner" class="app-table--matrix" testid="matrix" region="Co-production matrix"
                columns={std::iter::once(Column::new("Criterion"))
                    .chain(project.partners.iter().map(|p| Column::new(p.name.clone())))
                    .chain(std::iter::once(Column::new("Gaps and disputes")))
                    .collect::<Vec<_>>()}
                rows={matrix.iter().map(|row| {
                    let mut gaps: Vec<String> = Vec::new();
                    if !row.has_parent_carer_forum { gaps.push("No parent carer forum input".into()); }
                    if !row.has_children_and_young_people { gaps.push("No children and young people's input".into()); }
                    if row.position_disputed { gaps.push("Position disputed".into()); }
                    if row.disputed_entries > 0 {
                        gaps.push(format!("{} disputed", counting::count(row.disputed_entries, "entry", "entries")));
                    }
                    Row::new(
                        html! { <Link<Route> to={Route::Criterion { id: row.criterion.clone() }}>{ row.criterion.clone() }</Link<Route>> },
                        row.by_partner.iter().map(|(_, n)| html! { { n } })
                            .chain(std::iter::once(html! { <>{ for gaps.iter().map(|g| html! { <strong class="app-tag app-tag--yellow app-tag--block">{ g.clone() }</strong> }) }</> }))
                            .collect(),
                    )
                }).collect::<Vec<_>>()} />
        </>
    }
}

use std::rc::Rc;

use yew::prelude::*;

use crate::export::chart::Chart;

#[derive(Properties, PartialEq)]
pub struct ChartFigureProps {
    pub chart: Rc<Chart>,
}

/// A chart drawn by the core, with its summary sentence and its data as a table beside it, so
/// the picture is never the only way to the facts.
#[component]
pub fn ChartFigure(props: &ChartFigureProps) -> Html {
    let chart = &props.chart;
    html! {
        <figure class="app-chart" data-testid="chart">
            <figcaption class="app-heading-s">{ chart.title.clone() }</figcaption>
            <div class="app-chart__body">
                <div class="app-chart__picture">{ Html::from_html_unchecked(AttrValue::from(chart.svg.clone())) }</div>
                <div class="app-chart__data">
                    <p class="app-body-s" data-testid="chart-summary">{ chart.summary.clone() }</p>
                    if !chart.rows.is_empty() {
                        // A wide table (a column a status) scrolls in its own region on a phone.
                        <div class="app-table-wrap" tabindex="0" role="region" aria-label={format!("Data: {}, scrolls sideways", chart.title)}>
                            <table class="app-table" data-testid="chart-table">
                                <caption class="app-visually-hidden">{ format!("Data: {}", chart.title) }</caption>
                                <thead><tr>{ for chart.header.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                                <tbody>{ for chart.rows.iter().map(|row| html! {
                                    <tr>{ for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                        html! { <th scope="row">{ cell.clone() }</th> }
                                    } else {
                                        html! { <td>{ cell.clone() }</td> }
                                    }) }</tr>
                                }) }</tbody>
                            </table>
                        </div>
                    }
                </div>
            </div>
        </figure>
    }
}

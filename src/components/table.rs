//! A table that stays a table at desktop widths and, on a phone, reads as one card per row: the
//! row's heading first, then a "Column: value" line per cell. Each cell carries its column's
//! label (`data-label`), which `styles/app.css` shows under `.app-table--stack` at narrow widths,
//! so no page hand-rolls its own phone layout.

use yew::prelude::*;

/// A column heading. A hidden one (a column of buttons that name themselves) is read by screen
/// readers only and labels no cell.
#[derive(Clone, PartialEq)]
pub struct Column {
    pub label: AttrValue,
    pub hidden: bool,
}

impl Column {
    pub fn new(label: impl Into<AttrValue>) -> Self {
        Self { label: label.into(), hidden: false }
    }

    pub fn hidden(label: impl Into<AttrValue>) -> Self {
        Self { label: label.into(), hidden: true }
    }
}

/// One row: its heading (the first column, a row header) and the other columns' cells.
#[derive(Clone, PartialEq)]
pub struct Row {
    pub heading: Html,
    pub cells: Vec<Html>,
    pub testid: Option<AttrValue>,
}

impl Row {
    pub fn new(heading: Html, cells: Vec<Html>) -> Self {
        Self { heading, cells, testid: None }
    }

    pub fn testid(mut self, testid: &'static str) -> Self {
        self.testid = Some(testid.into());
        self
    }
}

#[derive(Properties, PartialEq)]
pub struct StackedTableProps {
    pub caption: AttrValue,
    /// Shown above the table; otherwise for screen readers only.
    #[prop_or_default]
    pub caption_shown: bool,
    /// The first is the rows' heading column.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// At desktop widths, a keyboard-focusable region by this name that scrolls sideways if the
    /// table is wider than the page (on a phone the rows stack, so nothing scrolls).
    #[prop_or_default]
    pub region: Option<AttrValue>,
}

#[component]
pub fn StackedTable(props: &StackedTableProps) -> Html {
    let caption_class = if props.caption_shown { "app-table__caption" } else { "app-visually-hidden" };
    let table = html! {
        <table class={classes!("app-table", "app-table--stack", props.class.clone())} data-testid={props.testid.clone()}>
            <caption class={caption_class}>{ props.caption.clone() }</caption>
            <thead><tr>{ for props.columns.iter().map(|c| if c.hidden {
                html! { <th scope="col"><span class="app-visually-hidden">{ c.label.clone() }</span></th> }
            } else {
                html! { <th scope="col">{ c.label.clone() }</th> }
            }) }</tr></thead>
            <tbody>{ for props.rows.iter().map(|row| html! {
                <tr data-testid={row.testid.clone()}>
                    <th scope="row">{ row.heading.clone() }</th>
                    { for row.cells.iter().zip(props.columns.iter().skip(1)).map(|(cell, column)| html! {
                        <td data-label={(!column.hidden).then(|| column.label.clone())}>{ cell.clone() }</td>
                    }) }
                </tr>
            }) }</tbody>
        </table>
    };
    match &props.region {
        Some(name) => html! {
            <div class="app-table-wrap app-table-wrap--stack" tabindex="0" role="region" aria-label={name.clone()}>{ table }</div>
        },
        None => table,
    }
}

//! A check's findings by cause (a table per list and a chart by rule), filtered and a page at a
//! time, each page asked of the worker that holds them all; and the findings downloads, made
//! there too, so neither freezes the page however many findings there are.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::annex_edit;
use super::lists::SheetMappingView;
use crate::annex_worker;
use crate::browser;
use crate::checks::groups::{self, FindingFilter, FindingGroup};
use crate::checks::session::{AnnotateRequest, CheckOverview, ExportRequest, FindingsPage, PAGE_SIZE, WorkerMessage};
use crate::checks::{Finding, Severity};
use crate::components::chart::ChartFigure;
use crate::components::fields::{TextField, setter};
use crate::components::table::{Column, Row, StackedTable};
use crate::context::{AppContext, use_app};
use crate::domain::annex_a::AnnexEdit;
use crate::domain::calendar::long_date;
use crate::domain::counting::{self, with_commas};
use crate::export::chart;
use crate::store::AppAction;

/// Asks the worker for page `page` of `filter`'s findings; the answer arrives as `AnnexPage`.
fn ask_page(app: &AppContext, filter: FindingFilter, page: usize) {
    if let Err(message) = annex_worker::ask(&WorkerMessage::Page { filter, page, per_page: PAGE_SIZE }) {
        app.dispatch(AppAction::AnnexMaking { what: None });
        app.dispatch(AppAction::DownloadFailed { file_name: "the findings".into(), message });
    }
}

#[component]
pub(super) fn Results() -> Html {
    let app = use_app();
    // The matching tables (a select per column) are built only when opened: drawing them with
    // every result made the results' arrival a long main-thread task.
    let mapping_open = use_state(|| false);
    let Some(result) = app.annex.outcome.clone() else {
        return match &app.project.annex_a.last_check {
            Some(s) => {
                html! { <p class="app-inset">{ format!("Last checked on {}: {}, {}, {}. Load the files again to see the details.", long_date(s.checked_on), counting::errors(s.errors), counting::queries(s.queries), counting::warnings(s.warnings)) }</p> }
            }
            None => html! {},
        };
    };
    let s = &result.summary;
    let errors = result.errors();
    let making = app.annex.making.clone();
    let findings_download = |key: &'static str, what: &'static str| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let request = ExportRequest {
                format: key.into(),
                area_name: app.project.area_name.clone(),
                explanations: app.project.annex_a.explanations.clone(),
            };
            app.dispatch(AppAction::AnnexMaking { what: Some(format!("Making the {what}\u{2026}")) });
            if let Err(message) = annex_worker::ask(&WorkerMessage::Export(request)) {
                app.dispatch(AppAction::AnnexMaking { what: None });
                app.dispatch(AppAction::DownloadFailed { file_name: format!("findings.{key}"), message });
            }
        })
    };
    // The file goes to the worker again: it keeps the findings, not the workbook.
    let mark_up = |file: String| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let sent = match app.annex.files.iter().find(|(name, _)| *name == file) {
                Some((_, bytes)) => {
                    app.dispatch(AppAction::AnnexMaking {
                        what: Some(format!("Making the marked-up copy of \u{201c}{file}\u{201d}\u{2026}")),
                    });
                    let ask = WorkerMessage::Annotate(AnnotateRequest { file: file.clone(), today: browser::today() });
                    annex_worker::ask_with_file(&ask, &file, bytes)
                }
                None => Err(format!("\u{201c}{file}\u{201d} is no longer chosen: choose it and check again.")),
            };
            if let Err(message) = sent {
                app.dispatch(AppAction::AnnexMaking { what: None });
                app.dispatch(AppAction::DownloadFailed { file_name: file.clone(), message });
            }
        })
    };
    let checked_files: Vec<String> = result.checked_files().into_iter().map(String::from).collect();
    let (csv, xlsx, ods) = (
        findings_download("csv", "CSV file"),
        findings_download("xlsx", "Excel file"),
        findings_download("ods", "OpenDocument spreadsheet"),
    );

    html! {
        <div data-testid="results">
            <h3 class="app-heading-m">{ "What the check found" }</h3>
            <p data-testid="result-counts"><strong>{ format!("{} (must fix), {} (fix or explain), {}", counting::errors(errors), counting::queries(s.queries), counting::warnings(s.warnings)) }</strong></p>
            <StackedTable caption="Lists found" caption_shown=true testid="list-summary" region="Lists found"
                columns={vec![Column::new("List"), Column::new("File and sheet"), Column::new("Rows"),
                    Column::new("Errors"), Column::new("Queries"), Column::new("Warnings")]}
                rows={s.lists.iter().map(|l| Row::new(
                    html! { { l.list_name.clone() } },
                    vec![
                        html! { { format!("{} / {}", l.file, l.sheet) } },
                        html! { { with_commas(l.rows) } },
                        html! { { with_commas(l.errors) } },
                        html! { { with_commas(l.queries) } },
                        html! { { with_commas(l.warnings) } },
                    ],
                )).collect::<Vec<_>>()} />
            <RuleChart overview={result.clone()} />
            <Causes overview={result.clone()} />
            <details class="app-details" data-testid="mapping" open={*mapping_open} ontoggle={{
                let mapping_open = mapping_open.clone();
                Callback::from(move |e: Event| mapping_open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open")))
            }}>
                <summary class="app-details__summary">{ "How the sheets and columns were matched" }</summary>
                if *mapping_open {
                    <div class="app-details__text">
                        <p>{ "Change a match here if a sheet or column was matched wrongly, then choose \u{201c}Check these files\u{201d} again." }</p>
                        if !app.annex.overrides.is_empty() {
                            <p class="app-inset" data-testid="pending-corrections">{ format!("{} will be used on the next check.", counting::count(app.annex.overrides.len(), "correction", "corrections")) }</p>
                        }
                        { for result.mapping.sheets.iter().enumerate().map(|(n, m)| html! { <SheetMappingView key={n} mapping={m.clone()} profile={app.project.annex_a.profile.clone()} /> }) }
                    </div>
                }
            </details>
            <h4 class="app-heading-s">{ "Download every finding" }</h4>
            <p class="app-hint">{ "The downloads give each finding's row, column and the file's own Unique ID, never the cell's value." }</p>
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={csv} disabled={making.is_some()}>{ "Findings (CSV)" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={xlsx} disabled={making.is_some()}>{ "Findings (Excel)" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={ods} disabled={making.is_some()}>{ "Findings (OpenDocument spreadsheet)" }</button>
            </div>
            if !checked_files.is_empty() {
                <h4 class="app-heading-s">{ "A marked-up copy of your own file" }</h4>
                <p class="app-hint">{ "Your workbook back with each problem cell filled (red: error, yellow: query, blue: warning), a findings column saying in words what is wrong in each row, and every finding on a sheet of its own, so you can fix the file at source. It holds children\u{2019}s details: it is made now, in this browser, and this app never stores it. Keep and delete it under your partnership\u{2019}s data protection rules." }</p>
                <div class="app-button-group" data-testid="marked-up">
                    { for checked_files.into_iter().map(|file| html! {
                        <button type="button" class="app-button app-button--secondary" onclick={mark_up(file.clone())} disabled={making.is_some()}>
                            { format!("Download a marked-up copy of \u{201c}{file}\u{201d} (holds children\u{2019}s details: made now, never stored)") }
                        </button>
                    }) }
                </div>
            }
            <p role="status" class="app-body-s" data-testid="making">{ making.unwrap_or_default() }</p>
            <FindingsList overview={result.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OverviewProps {
    overview: crate::store::Shared<CheckOverview>,
}

/// Counts by rule: a bar chart, with the same numbers in words and in a table.
#[component]
fn RuleChart(props: &OverviewProps) -> Html {
    let totals = groups::by_rule(&props.overview.groups);
    if totals.is_empty() {
        return html! {};
    }
    html! {
        <div data-testid="rule-chart"><ChartFigure chart={Rc::new(chart::findings_chart(&totals))} /></div>
    }
}

/// Per file and list (said once), a row per rule and column with its count and a button that
/// lists its findings below.
#[component]
fn Causes(props: &OverviewProps) -> Html {
    let app = use_app();
    let mut sets: Vec<Vec<&FindingGroup>> = Vec::new();
    for g in &props.overview.groups {
        match sets.last_mut() {
            Some(set) if set[0].file == g.file && set[0].sheet == g.sheet && set[0].list == g.list => set.push(g),
            _ => sets.push(vec![g]),
        }
    }
    html! {
        <section aria-labelledby="causes-heading" data-testid="findings-by-cause">
            <h4 class="app-heading-s" id="causes-heading">{ "Findings by cause" }</h4>
            { for sets.into_iter().enumerate().map(|(n, set)| {
                let first = set[0];
                let title = match (&first.list, &first.sheet) {
                    (Some(list), Some(sheet)) => format!("{list}: {}, sheet \u{201c}{sheet}\u{201d}", first.file),
                    (None, Some(sheet)) => format!("{}, sheet \u{201c}{sheet}\u{201d}", first.file),
                    _ => format!("{} (the whole file)", first.file),
                };
                let total: usize = set.iter().map(|g| g.count).sum();
                html! {
                    <StackedTable key={n} caption={format!("{title} ({})", counting::count(total, "finding", "findings"))} caption_shown=true
                        class="app-table--causes" testid="cause-group" region={format!("Findings by cause: {title}")}
                        columns={vec![Column::new("Rule"), Column::new("Column"), Column::new("Severity"), Column::new("Findings"),
                            Column::new("Rows"), Column::hidden("Show")]}
                        rows={set.into_iter().map(|g| {
                            let show = {
                                let (app, filter) = (app.clone(), FindingFilter::of_group(g));
                                Callback::from(move |_: MouseEvent| {
                                    ask_page(&app, filter.clone(), 0);
                                    browser::focus_by_id("findings-heading");
                                })
                            };
                            // A finding of no column is about a whole row, or the whole list.
                            let (column, about) = match (&g.column, g.first_row) {
                                (Some(c), _) => (c.to_string(), format!(" in {c}")),
                                (None, None) => ("Whole list".to_string(), ", about the whole list".to_string()),
                                (None, Some(_)) => ("Whole row".to_string(), ", about whole rows".to_string()),
                            };
                            let rows = match (g.first_row, g.last_row) {
                                (Some(a), Some(b)) if a == b => format!("row {a}"),
                                (Some(a), Some(b)) => format!("rows {}\u{2013}{}", with_commas(a as usize), with_commas(b as usize)),
                                _ => String::new(),
                            };
                            Row::new(
                                html! { { g.rule.clone() } },
                                vec![
                                    html! { { column.clone() } },
                                    html! { { g.severity.label() } },
                                    html! { <span data-testid="cause-count">{ with_commas(g.count) }</span> },
                                    html! { { rows } },
                                    html! { <button type="button" class="app-link-button" onclick={show}>
                                        { "Show" }<span class="app-visually-hidden">{ format!(" the {} for {}{about}", g.severity.count(g.count), g.rule) }</span>
                                    </button> },
                                ],
                            ).testid("cause")
                        }).collect::<Vec<_>>()} />
                }
            }) }
        </section>
    }
}

/// The page of findings on screen, its filters and Previous/Next.
#[component]
fn FindingsList(props: &OverviewProps) -> Html {
    let app = use_app();
    let overview = &props.overview;
    let page: FindingsPage = app.annex.page.as_deref().cloned().unwrap_or_else(|| overview.first.clone());
    let choices = groups::filter_choices(&overview.groups);
    let explanations = &app.project.annex_a.explanations;
    let filter = page.filter.clone();
    let select = |id: &'static str,
                  label: &'static str,
                  current: Option<String>,
                  options: Vec<(String, String)>,
                  set: fn(&mut FindingFilter, Option<String>)| {
        let (app, filter) = (app.clone(), filter.clone());
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = filter.clone();
            set(&mut next, (value != "*").then_some(value));
            ask_page(&app, next, 0);
        });
        html! {
            <div class="app-form-group app-filters__item">
                <label class="app-label" for={id}>{ label }</label>
                <select class="app-select" {id} {onchange}>
                    <option value="*" selected={current.is_none()}>{ "All" }</option>
                    { for options.into_iter().map(|(value, text)| { let selected = current.as_deref() == Some(value.as_str()); html! { <option {selected} {value}>{ text }</option> } }) }
                </select>
            </div>
        }
    };
    let move_to = |to: usize| {
        let (app, filter) = (app.clone(), filter.clone());
        Callback::from(move |_: MouseEvent| {
            ask_page(&app, filter.clone(), to);
            browser::focus_by_id("findings-heading");
        })
    };
    html! {
        <section aria-labelledby="findings-heading" class="app-findings">
            <h4 class="app-heading-s" id="findings-heading" tabindex="-1">{ "The findings" }</h4>
            <div class="app-filters" data-testid="filters">
                { select("filter-list", "List", filter.list.clone(), choices.lists.iter().map(|l| (l.clone(), l.clone())).collect(), |f, v| f.list = v) }
                { select("filter-severity", "Severity", filter.severity.map(|s| s.as_str().to_string()),
                    choices.severities.iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect(),
                    |f, v| f.severity = v.and_then(|v| [Severity::Error, Severity::Query, Severity::Warning].into_iter().find(|s| s.as_str() == v))) }
                { select("filter-rule", "Rule", filter.rule.clone(), choices.rules.iter().map(|r| (r.clone(), r.clone())).collect(), |f, v| f.rule = v) }
                { select("filter-column", "Column", filter.column.clone(),
                    choices.columns.iter().map(|c| (c.clone(), if c.is_empty() { "No column (whole rows or lists)".to_string() } else { c.clone() })).collect(), |f, v| f.column = v) }
            </div>
            <p data-testid="page-status" aria-live="polite"><strong>{ page.describe() }</strong></p>
            <ul class="app-findings__list">
                { for page.findings.iter().map(|f| html! { <FindingRow key={format!("{}|{}", f.file, f.key())} finding={f.clone()} explanation={explanations.get(&f.key()).cloned()} /> }) }
            </ul>
            if page.pages > 1 {
                <nav class="app-pagination" aria-label="Pages of findings">
                    if page.has_previous() {
                        <button type="button" class="app-button app-button--secondary" onclick={move_to(page.page - 1)}>{ "Previous" }<span class="app-visually-hidden">{ " page of findings" }</span></button>
                    }
                    <span class="app-body-s">{ format!("Page {} of {}", with_commas(page.page + 1), with_commas(page.pages)) }</span>
                    if page.has_next() {
                        <button type="button" class="app-button app-button--secondary" onclick={move_to(page.page + 1)}>{ "Next" }<span class="app-visually-hidden">{ " page of findings" }</span></button>
                    }
                </nav>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FindingRowProps {
    finding: Finding,
    explanation: Option<String>,
}

#[component]
fn FindingRow(props: &FindingRowProps) -> Html {
    let app = use_app();
    let f = &props.finding;
    let draft = use_state(|| props.explanation.clone().unwrap_or_default());
    let (tag, label) = match f.severity {
        Severity::Error => ("app-tag--red", "Error"),
        Severity::Query => ("app-tag--yellow", "Query"),
        Severity::Warning => ("app-tag--grey", "Warning"),
    };
    let key = f.key();
    let save = {
        let (app, draft, key) = (app.clone(), draft.clone(), key.clone());
        Callback::from(move |_| annex_edit(&app, AnnexEdit::Explain { finding: key.clone(), note: (*draft).clone() }))
    };
    let id = format!("explain-{}", key.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    html! {
        <li class="app-finding" data-testid="finding">
            <p><strong class={classes!("app-tag", tag)}>{ label }</strong>{ " " }<span class="app-finding__where">{ f.location() }</span></p>
            <p>{ f.message.clone() }</p>
            // The cell's value, from memory: never in the downloads or the saved project.
            if let Some(value) = &f.value {
                <p class="app-hint" data-testid="finding-value">{ "In the cell: \u{201c}" }{ value.to_string() }{ "\u{201d}" }</p>
            }
            <p class="app-hint">{ format!("How to fix: {} (rule {})", f.how_to_fix, f.rule) }</p>
            if f.severity == Severity::Query {
                <details class="app-details" open={props.explanation.is_some()}>
                    <summary class="app-details__summary">{ if props.explanation.is_some() { "Explained" } else { "Explain this query" } }</summary>
                    <div class="app-details__text">
                        <TextField {id} label="Explanation" rows={2} value={(*draft).clone()} on_input={setter(&draft)} />
                        <button type="button" class="app-button app-button--secondary app-button--small" onclick={save}>{ "Save explanation" }</button>
                    </div>
                </details>
            }
        </li>
    }
}

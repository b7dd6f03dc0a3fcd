use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::annex_worker::{self, CheckJob};
use crate::browser;
use crate::checks::headers::SheetMapping;
use crate::checks::session::{CheckRequest, MappingOverride, Progress, WorkerMessage};
use crate::checks::{self, Finding, Severity};
use crate::components::date_input::DateInput;
use crate::components::fields::{ContextButton, FileField, TextField, setter};
use crate::components::radio_item::RadioItem;
use crate::context::{AppContext, edit_with, offer_download, use_app};
use crate::domain::annex_a::{AnnexEdit, DocumentStatus, Holding};
use crate::domain::calendar::{clock_time, countdown, long_date, next_monday};
use crate::domain::counting::{self, with_commas};
use crate::domain::project::{PartnerId, ProjectEdit};
use crate::domain::project_file;
use crate::export::downloads::{self, Document, Format};
use crate::store::{AppAction, FilePurpose};

/// Findings shown per list on screen; the downloads carry all of them.
const SHOWN_PER_GROUP: usize = 100;

fn annex_edit(app: &AppContext, edit: AnnexEdit) {
    app.dispatch(AppAction::Edit(ProjectEdit::AnnexA(edit)));
}

#[component]
pub fn AnnexAPage() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let Some(profile) = checks::profile(&project.annex_a.profile).or_else(|| checks::profiles().first()) else {
        return html! { <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Annex A readiness" }</h1> };
    };
    let calendar = project.calendar();
    let today = browser::today();

    let set_notified = edit_with(&app, |date| ProjectEdit::SetNotified { date });
    let try_next_monday =
        edit_with(&app, move |_: MouseEvent| ProjectEdit::SetNotified { date: Some(next_monday(today)) });
    let clear = edit_with(&app, |_: MouseEvent| ProjectEdit::SetNotified { date: None });
    let summary_download = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let made = downloads::make(&app.project, Document::Readiness, Format::Html, browser::today());
            offer_download(&app, "readiness.html".into(), made.map_err(|e| e.to_string()));
        })
    };

    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Annex A readiness" }</h1>
            <p class="app-body-l">{ "On notification day inspectors ask for Annex A: person-level lists within a day and documents within the week. Check the lists and track every document here, before that day comes. Nothing you load leaves this computer." }</p>

            <fieldset class="app-fieldset app-form-group">
                <legend class="app-fieldset__legend">{ "What are you preparing for?" }</legend>
                <div class="app-radios">
                    { for checks::profiles().iter().map(|p| {
                        let value = p.id.clone();
                        html! {
                            <RadioItem id={format!("profile-{}", p.id)} name="profile" label={p.title.clone()} checked={p.id == profile.id}
                                on_select={edit_with(&app, move |_| ProjectEdit::AnnexA(AnnexEdit::SetProfile { profile: value.clone() }))} />
                        }
                    }) }
                </div>
            </fieldset>

            <div class="app-inset" data-testid="profile-about">
                { for profile.about_lines().into_iter().map(|line| html! { <p class="app-body-s">{ line }</p> }) }
            </div>

            <h2 class="app-heading-m">{ "Deadlines" }</h2>
            <DateInput id="notified" label="Notification date" value={project.inspection.notified} on_change={set_notified}
                hint="The day Ofsted and CQC call. Enter a real date, or try a \u{201c}what if\u{201d} date to plan ahead." />
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={try_next_monday}>{ "What if we were notified next Monday?" }</button>
                if project.inspection.notified.is_some() {
                    <button type="button" class="app-link-button" onclick={clear}>{ "Clear the date" }</button>
                }
            </div>
            if let Some(notified) = project.inspection.notified {
                <table class="app-table" data-testid="timeline">
                    <caption class="app-table__caption">{ format!("If notified on {}", long_date(notified)) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Due" }</th><th scope="col">{ "What" }</th><th scope="col">{ "When" }</th><th scope="col">{ "Still to do" }</th>
                    </tr></thead>
                    <tbody>
                        { for profile.deadlines.iter().map(|d| {
                            let due = d.due(notified, &calendar);
                            let outstanding = profile.outstanding(&project.annex_a, &d.id);
                            html! {
                                <tr>
                                    <td>{ format!("{}, {}", long_date(due.date()), clock_time(due.time())) }</td>
                                    <td>{ d.label.clone() }
                                        if !d.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong> }
                                    </td>
                                    <td>{ countdown(&calendar, today, due.date()) }</td>
                                    <td>{ if outstanding.is_empty() {
                                        html! { <strong class="app-tag app-tag--green">{ "Ready" }</strong> }
                                    } else {
                                        html! { <><strong class="app-tag app-tag--red">{ format!("{} to do", outstanding.len()) }</strong>
                                            <span class="app-body-s">{ format!(" {}", outstanding.join(", ")) }</span></> }
                                    } }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class="app-hint">{ "Working days skip weekends, England and Wales bank holidays and your closure days." }</p>
                <details class="app-details">
                    <summary class="app-details__summary">{ format!("The whole inspection timeline ({})", project.edition().short_name) }</summary>
                    <ul class="app-list app-list--bullet app-details__text" data-testid="inspection-timeline">
                        { for project.edition().timeline_from(notified, &calendar).into_iter().map(|s| html! {
                            <li>{ format!("{}{}: {}{}", long_date(s.date), s.step.time.map(|t| format!(", {}", clock_time(t))).unwrap_or_default(), s.step.label,
                                if s.step.confirmed { "" } else { " (not confirmed)" }) }</li>
                        }) }
                    </ul>
                </details>
            }

            <ListsSection />
            <DocumentsSection />

            <h2 class="app-heading-m">{ "Readiness summary" }</h2>
            <p>{ "A printable summary for the local area nominated officer: deadlines, lists and documents. It holds counts only, no child's details." }</p>
            <button type="button" class="app-button app-button--secondary" onclick={summary_download}>{ "Readiness summary (web page)" }</button>
        </>
    }
}

#[component]
fn ListsSection() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let Some(profile) = checks::profile(&project.annex_a.profile) else { return html! {} };
    let job: Rc<RefCell<Option<CheckJob>>> = use_mut_ref(|| None);
    // A worker waits, ready, for the first check (each finished check leaves another).
    use_effect_with((), |_| annex_worker::prepare());
    let progress = use_state(|| None::<Progress>);
    let failure = use_state(|| None::<String>);

    let choose = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut loaded = Vec::new();
                for file in files {
                    match browser::read_file(&file).await {
                        Ok(bytes) => loaded.push((file.name(), bytes)),
                        Err(message) => app.dispatch(AppAction::FileUnreadable {
                            purpose: FilePurpose::AnnexList,
                            file_name: file.name(),
                            message,
                        }),
                    }
                }
                app.dispatch(AppAction::AnnexFilesChosen { files: loaded });
            });
        })
    };
    let use_example = {
        let app = app.clone();
        Callback::from(move |_| match checks::example_data::example_workbook() {
            Ok(bytes) => {
                app.dispatch(AppAction::AnnexFilesChosen {
                    files: vec![("fictional-example-lists.xlsx".into(), bytes)],
                });
                annex_edit(
                    &app,
                    AnnexEdit::SetAsOf { list: "list-1".into(), date: Some(checks::example_data::example_as_of()) },
                );
                annex_edit(
                    &app,
                    AnnexEdit::SetAsOf { list: "list-2".into(), date: Some(checks::example_data::example_as_of()) },
                );
            }
            Err(e) => app.dispatch(AppAction::FileUnreadable {
                purpose: FilePurpose::AnnexList,
                file_name: "fictional-example-lists.xlsx".into(),
                message: e.to_string(),
            }),
        })
    };
    let run = {
        let (app, job, progress, failure) = (app.clone(), job.clone(), progress.clone(), failure.clone());
        Callback::from(move |_| {
            let request = CheckRequest {
                profile: app.project.annex_a.profile.clone(),
                as_of: app.project.annex_a.as_of.clone(),
                today: browser::today(),
                explanations: app.project.annex_a.explanations.clone(),
                overrides: app.annex.overrides.to_vec(),
            };
            let on_event = {
                let (app, job, progress, failure) = (app.clone(), job.clone(), progress.clone(), failure.clone());
                Callback::from(move |event| match event {
                    WorkerMessage::Progress(p) => progress.set(Some(p)),
                    WorkerMessage::Done(response) => {
                        job.borrow_mut().take();
                        progress.set(None);
                        app.dispatch(AppAction::AnnexChecked { response });
                    }
                    WorkerMessage::Failed { message } => {
                        job.borrow_mut().take();
                        progress.set(None);
                        failure.set(Some(message));
                    }
                    WorkerMessage::Check { .. } => {} // only ever sent to the worker
                })
            };
            failure.set(None);
            progress.set(Some(Progress { done: 0, total: app.annex.files.len() + 1, message: "Starting".into() }));
            match annex_worker::start(&request, &app.annex.files, on_event) {
                Ok(started) => *job.borrow_mut() = Some(started),
                Err(message) => {
                    progress.set(None);
                    failure.set(Some(message));
                }
            }
        })
    };
    let cancel = {
        let (job, progress, failure) = (job.clone(), progress.clone(), failure.clone());
        Callback::from(move |_| {
            if let Some(running) = job.borrow_mut().take() {
                running.cancel();
            }
            progress.set(None);
            failure.set(Some(
                "The check was cancelled. Your files are still chosen; check them again when you are ready.".into(),
            ));
        })
    };
    let person_lists: Vec<_> = profile.lists.iter().filter(|l| l.person_level).collect();

    html! {
        <section aria-labelledby="lists-heading">
            <h2 class="app-heading-m" id="lists-heading">{ "Person-level lists" }</h2>
            <p>{ format!("Load the spreadsheets you would send ({}). Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) and CSV files are read here, on this computer; the rows stay in memory and are never saved.",
                person_lists.iter().map(|l| l.name.clone()).collect::<Vec<_>>().join(", ")) }</p>
            <div class="app-date-pair">
                { for person_lists.iter().map(|l| {
                    let list = l.id.clone();
                    html! { <DateInput id={format!("as-of-{}", l.id)} label={format!("{}: date the data represents", l.name)}
                        value={project.annex_a.as_of.get(&l.id).copied()}
                        on_change={edit_with(&app, move |date| ProjectEdit::AnnexA(AnnexEdit::SetAsOf { list: list.clone(), date }))} /> }
                }) }
            </div>
            <FileField id="annex-files" label="Choose spreadsheets" multiple=true accept=".xlsx,.xlsm,.xls,.ods,.csv" on_change={choose}
                hint="You can choose several files at once. Sheets are matched to lists by their column headings." />
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={use_example}>{ "Use the fictional example workbook" }</button>
                <button type="button" class="app-button app-button--secondary" data-testid="download-template" onclick={{
                    let app = app.clone();
                    Callback::from(move |_: MouseEvent| {
                        let profile = app.project.annex_a.profile.clone();
                        let made = downloads::template(&profile, &downloads::author(&app.project));
                        offer_download(&app, format!("annex-a-template-{profile}.xlsx"), made.map_err(|e| e.to_string()));
                    })
                }}>{ "Download a blank template (Excel)" }</button>
                <button type="button" class="app-button app-button--secondary" data-testid="download-example" onclick={{
                    let app = app.clone();
                    Callback::from(move |_: MouseEvent| {
                        offer_download(&app, "annex-a-fictional-example.xlsx".into(), downloads::example_workbook().map_err(|e| e.to_string()));
                    })
                }}>{ "Download the fictional example workbook (Excel)" }</button>
            </div>
            if !app.annex.files.is_empty() {
                <ul class="app-list" data-testid="chosen-files">
                    { for app.annex.files.iter().map(|(name, bytes)| {
                        let remove = { let (app, name) = (app.clone(), name.clone()); Callback::from(move |_| app.dispatch(AppAction::AnnexRemoveFile { name: name.clone() })) };
                        html! { <li class="app-list__row"><span>{ format!("{name} ({} KB)", bytes.len().div_ceil(1024)) }</span>
                            <ContextButton label="Remove" context={format!(" {name}")} on_click={remove} /></li> }
                    }) }
                </ul>
                if let Some(p) = &*progress {
                    <div class="app-progress" data-testid="progress">
                        <label class="app-label" for="check-progress">{ p.message.clone() }</label>
                        <progress id="check-progress" max={p.total.to_string()} value={p.done.to_string()}>{ format!("{} of {}", p.done, p.total) }</progress>
                        <button type="button" class="app-button app-button--warning" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                } else {
                    <button type="button" class="app-button" onclick={run}>{ "Check these files" }</button>
                }
            }
            if let Some(message) = &*failure {
                <div class="app-warning" role="alert" data-testid="check-failed"><p>{ message.clone() }</p></div>
            }
            <Results />
        </section>
    }
}

#[component]
fn Results() -> Html {
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
    let report = &result.report;
    let s = &report.summary;
    let explanations = &app.project.annex_a.explanations;
    let errors = s.errors + result.unreadable.len();
    let causes = result.groups();
    let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
    for f in result.unreadable.iter().chain(report.findings.iter()) {
        let key = format!(
            "{} \u{2013} {}",
            f.file,
            f.list.clone().or_else(|| f.sheet.clone()).unwrap_or_else(|| "whole file".into())
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    let findings_download = |format: Format| {
        let (app, result) = (app.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            let made = downloads::findings(&app.project, result.full_report(), format);
            offer_download(&app, format!("findings.{}", format.key()), made.map_err(|e| e.to_string()));
        })
    };
    let (csv, xlsx, ods) =
        (findings_download(Format::Csv), findings_download(Format::Xlsx), findings_download(Format::Ods));

    html! {
        <div data-testid="results">
            <h3 class="app-heading-m">{ "What the check found" }</h3>
            <p data-testid="result-counts"><strong>{ format!("{} (must fix), {} (fix or explain), {}", counting::errors(errors), counting::queries(s.queries), counting::warnings(s.warnings)) }</strong></p>
            <table class="app-table" data-testid="list-summary">
                <caption class="app-table__caption">{ "Lists found" }</caption>
                <thead><tr><th scope="col">{ "List" }</th><th scope="col">{ "File and sheet" }</th><th scope="col">{ "Rows" }</th>
                    <th scope="col">{ "Errors" }</th><th scope="col">{ "Queries" }</th><th scope="col">{ "Warnings" }</th></tr></thead>
                <tbody>{ for s.lists.iter().map(|l| html! {
                    <tr><th scope="row">{ l.list_name.clone() }</th><td>{ format!("{} / {}", l.file, l.sheet) }</td><td>{ with_commas(l.rows) }</td>
                        <td>{ with_commas(l.errors) }</td><td>{ with_commas(l.queries) }</td><td>{ with_commas(l.warnings) }</td></tr>
                }) }</tbody>
            </table>
            if !causes.is_empty() {
                <table class="app-table" data-testid="findings-by-cause">
                    <caption class="app-table__caption">{ "Findings by cause" }</caption>
                    <thead><tr><th scope="col">{ "List" }</th><th scope="col">{ "Rule" }</th><th scope="col">{ "Column" }</th>
                        <th scope="col">{ "Severity" }</th><th scope="col">{ "Findings" }</th></tr></thead>
                    <tbody>{ for causes.iter().map(|g| html! {
                        <tr><th scope="row">{ g.list.as_deref().unwrap_or(&g.file).to_string() }</th><td>{ g.rule.clone() }</td>
                            <td>{ g.column.as_deref().unwrap_or("").to_string() }</td><td>{ g.severity.as_str() }</td><td>{ with_commas(g.count) }</td></tr>
                    }) }</tbody>
                </table>
            }
            <details class="app-details" data-testid="mapping" open={*mapping_open} ontoggle={{
                let mapping_open = mapping_open.clone();
                Callback::from(move |e: Event| mapping_open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open")))
            }}>
                <summary class="app-details__summary">{ "How the sheets and columns were matched" }</summary>
                if *mapping_open {
                    <div class="app-details__text">
                        <p>{ "Change a match here if a sheet or column was matched wrongly, then choose \u{201c}Check these files\u{201d} again." }</p>
                        if !app.annex.overrides.is_empty() {
                            <p class="app-inset" data-testid="pending-corrections">{ format!("{} correction{} will be used on the next check.", app.annex.overrides.len(), if app.annex.overrides.len() == 1 { "" } else { "s" }) }</p>
                        }
                        { for result.mapping.sheets.iter().enumerate().map(|(n, m)| html! { <SheetMappingView key={n} mapping={m.clone()} profile={app.project.annex_a.profile.clone()} /> }) }
                    </div>
                }
            </details>
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={csv}>{ "Findings (CSV)" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={xlsx}>{ "Findings (Excel)" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={ods}>{ "Findings (OpenDocument spreadsheet)" }</button>
            </div>
            { for groups.into_iter().map(|(title, list)| {
                let more = list.len().saturating_sub(SHOWN_PER_GROUP);
                html! {
                    <section class="app-findings" aria-label={title.clone()}>
                        <h4 class="app-heading-s">{ format!("{title} ({})", counting::count(list.len(), "finding", "findings")) }</h4>
                        <ul class="app-findings__list">
                            { for list.into_iter().take(SHOWN_PER_GROUP).map(|f| html! { <FindingRow finding={f.clone()} explanation={explanations.get(&f.key()).cloned()} /> }) }
                        </ul>
                        if more > 0 { <p class="app-hint">{ format!("And {} more: download the findings to see them all.", with_commas(more)) }</p> }
                    </section>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SheetMappingViewProps {
    mapping: SheetMapping,
    profile: String,
}

/// One sheet's match: which list it holds, and which file column feeds each template column.
#[component]
fn SheetMappingView(props: &SheetMappingViewProps) -> Html {
    let app = use_app();
    let m = &props.mapping;
    let Some(profile) = checks::profile(&props.profile) else { return html! {} };
    let id = format!("map-{}-{}", m.file, m.sheet).replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let mut headers: Vec<(usize, String)> =
        m.columns.iter().map(|c| (c.source_column, c.header.clone())).chain(m.unmapped.iter().cloned()).collect();
    headers.sort();
    let set_list = {
        let (app, file, sheet) = (app.clone(), m.file.clone(), m.sheet.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let list = (!value.is_empty()).then_some(value);
            app.dispatch(AppAction::AnnexOverride {
                correction: MappingOverride::SetList { file: file.clone(), sheet: sheet.clone(), list },
            });
        })
    };
    let list = m.list.as_deref().and_then(|l| profile.list(l));
    html! {
        <div class="app-card">
            <h4 class="app-heading-s">{ format!("{} \u{2013} sheet \u{201c}{}\u{201d}", m.file, m.sheet) }</h4>
            <div class="app-form-group">
                <label class="app-label" for={format!("{id}-list")}>{ "This sheet holds" }</label>
                <select class="app-select" id={format!("{id}-list")} onchange={set_list}>
                    <option value="" selected={m.list.is_none()}>{ "No list (ignore this sheet)" }</option>
                    { for profile.lists.iter().map(|l| html! { <option value={l.id.clone()} selected={m.list.as_deref() == Some(&l.id)}>{ l.name.clone() }</option> }) }
                </select>
            </div>
            if let Some(list) = list {
                <p class="app-hint">{ format!("Headings on row {}; {:.0}% of the list's columns found.", m.header_row + 1, m.confidence * 100.0) }</p>
                <table class="app-table">
                    <caption class="app-visually-hidden">{ format!("Columns of {} in {}", list.name, m.sheet) }</caption>
                    <thead><tr><th scope="col">{ "Template column" }</th><th scope="col">{ "Column in the file" }</th></tr></thead>
                    <tbody>
                        { for list.columns.iter().map(|c| {
                            let current = m.source_of(&c.key);
                            let select_id = format!("{id}-col-{}", c.key);
                            let onchange = {
                                let (app, file, sheet, key, headers) = (app.clone(), m.file.clone(), m.sheet.clone(), c.key.clone(), headers.clone());
                                Callback::from(move |e: Event| {
                                    let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                                    let source = value.parse::<usize>().ok();
                                    let header = source.and_then(|s| headers.iter().find(|(col, _)| *col == s)).map(|(_, h)| h.clone()).unwrap_or_default();
                                    app.dispatch(AppAction::AnnexOverride { correction: MappingOverride::SetColumn { file: file.clone(), sheet: sheet.clone(), key: key.clone(), source, header } });
                                })
                            };
                            html! {
                                <tr>
                                    <th scope="row"><label for={select_id.clone()}>{ c.name.clone() }</label></th>
                                    <td>
                                        <select class="app-select" id={select_id} {onchange}>
                                            <option value="" selected={current.is_none()}>{ "Not in this file" }</option>
                                            { for headers.iter().map(|(col, h)| html! { <option value={col.to_string()} selected={current == Some(*col)}>{ h.clone() }</option> }) }
                                        </select>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </div>
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

#[component]
fn DocumentsSection() -> Html {
    let app = use_app();
    let project = app.project.clone();
    let Some(profile) = checks::profile(&project.annex_a.profile) else { return html! {} };
    let tally = project.annex_a.document_tally(profile.documents.iter().map(|d| d.id.as_str()));
    html! {
        <section aria-labelledby="documents-heading">
            <h2 class="app-heading-m" id="documents-heading">{ profile.documents_heading.clone() }
                if !profile.documents_heading_confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Our wording" }</strong> }</h2>
            <p>{ "Send only what you already hold, as routine business: the handbook asks for no documents produced for the inspection (¶88–89, ¶212). Record each item as held, partly held or not held: an item not held is a full answer. One file can cover several items." }</p>
            <p class="app-hint">{ "\u{201c}What to send\u{201d} under each item is our summary of what the request asks for, not its words." }</p>
            <p data-testid="documents-held"><strong>{ tally.describe() }</strong></p>
            <div class="app-table-wrap" tabindex="0" role="region" aria-label="Documents checklist, scrolls sideways">
            <table class="app-table" data-testid="documents">
                <caption class="app-visually-hidden">{ "Annex A documents checklist" }</caption>
                <thead><tr><th scope="col">{ "Item" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Owner" }</th><th scope="col">{ "File name" }</th><th scope="col">{ "Date" }</th><th scope="col">{ "Note" }</th></tr></thead>
                <tbody>
                    { for profile.documents.iter().map(|item| {
                        let status = project.annex_a.documents.get(&item.id).cloned();
                        let base = status.clone().unwrap_or(DocumentStatus { holding: Holding::NotHeld, owner: None, file_name: String::new(), date: None, note: String::new() });
                        let update = |change: fn(&mut DocumentStatus, String)| {
                            let (app, base, item) = (app.clone(), base.clone(), item.id.clone());
                            move |value: String| {
                                let mut next = base.clone();
                                change(&mut next, value);
                                annex_edit(&app, AnnexEdit::SetDocument { item: item.clone(), status: Some(next) });
                            }
                        };
                        let set_holding = { let app = app.clone(); let item = item.id.clone(); let base = base.clone();
                            Callback::from(move |e: Event| {
                                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                                let status = Holding::from_key(&v).map(|holding| DocumentStatus { holding, ..base.clone() });
                                annex_edit(&app, AnnexEdit::SetDocument { item: item.clone(), status });
                            }) };
                        let set_owner = update(|s, v| s.owner = (!v.is_empty()).then_some(PartnerId(v)));
                        let set_file = update(|s, v| s.file_name = v);
                        let set_note = update(|s, v| s.note = v);
                        let set_date = update(|s, v| s.date = v.parse().ok().filter(|d| project_file::in_window(*d)));
                        let pid = format!("doc-{}", item.id.replace('.', "-"));
                        html! {
                            <tr>
                                <th scope="row">{ format!("{} {}", item.id, item.title) }<span class="app-hint app-body-s">{ format!(" ({})", profile.deadline(&item.deadline).map(|d| d.label.clone()).unwrap_or_default()) }</span>
                                    if !item.confirmed { { " " }<strong class="app-tag app-tag--yellow app-tag--inline">{ "Not confirmed" }</strong><span class="app-hint app-body-s">{ format!(" {}", item.source) }</span> }
                                    <p class="app-hint app-body-s">{ if item.section_confirmed { item.section.clone() } else { format!("{} (our heading)", item.section) } }</p>
                                    if !item.description.is_empty() { <p class="app-body-s">{ format!("What to send: {}", item.description) }</p> }
                                    if let Some(proforma) = &item.proforma { <p class="app-body-s">{ format!("Template: {proforma}") }</p> }</th>
                                <td>
                                    <label class="app-visually-hidden" for={format!("{pid}-status")}>{ format!("Status of {}", item.id) }</label>
                                    <select class="app-select" id={format!("{pid}-status")} onchange={set_holding}>
                                        <option value="" selected={status.is_none()}>{ "Not recorded" }</option>
                                        { for Holding::ALL.into_iter().map(|h| html! { <option value={h.key()} selected={status.as_ref().map(|s| s.holding) == Some(h)}>{ h.label() }</option> }) }
                                    </select>
                                </td>
                                <td>
                                    <label class="app-visually-hidden" for={format!("{pid}-owner")}>{ format!("Owner of {}", item.id) }</label>
                                    <select class="app-select" id={format!("{pid}-owner")} onchange={Callback::from(move |e: Event| set_owner(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                                        <option value="" selected={base.owner.is_none()}>{ "Not recorded" }</option>
                                        { for project.partners.iter().map(|p| html! { <option value={p.id.0.clone()} selected={base.owner.as_ref() == Some(&p.id)}>{ p.name.clone() }</option> }) }
                                    </select>
                                </td>
                                <td>
                                    <label class="app-visually-hidden" for={format!("{pid}-file")}>{ format!("File name for {}", item.id) }</label>
                                    <input class="app-input" type="text" id={format!("{pid}-file")} value={base.file_name.clone()}
                                        onchange={Callback::from(move |e: Event| set_file(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                                </td>
                                <td>
                                    <label class="app-visually-hidden" for={format!("{pid}-date")}>{ format!("Date of {}", item.id) }</label>
                                    <input class="app-input app-input--date" type="date" id={format!("{pid}-date")} min="2000-01-01" max="2100-12-31" value={base.date.map(|d| d.to_string()).unwrap_or_default()}
                                        onchange={Callback::from(move |e: Event| set_date(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                                </td>
                                <td>
                                    <label class="app-visually-hidden" for={format!("{pid}-note")}>{ format!("Note for {}", item.id) }</label>
                                    <input class="app-input" type="text" id={format!("{pid}-note")} value={base.note.clone()}
                                        onchange={Callback::from(move |e: Event| set_note(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

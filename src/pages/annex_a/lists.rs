//! Choosing the spreadsheets, checking them in the worker (with progress and cancel), and how
//! their sheets and columns were matched.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::annex_edit;
use super::findings::Results;
use crate::annex_worker::{self, CheckJob};
use crate::browser::{self, ChosenBytes};
use crate::checks;
use crate::checks::headers::SheetMapping;
use crate::checks::session::{CheckRequest, MappingOverride, Progress, WorkerMessage};
use crate::components::date_input::DateInput;
use crate::components::fields::{ContextButton, FileField};
use crate::context::{edit_with, offer_download, use_app};
use crate::domain::annex_a::AnnexEdit;
use crate::domain::project::ProjectEdit;
use crate::export::downloads::{self, Format};
use crate::store::{AppAction, FilePurpose};

#[component]
pub(super) fn ListsSection() -> Html {
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
            // Not read here: the worker reads each file when it checks it.
            let chosen = files.into_iter().map(|file| (file.name(), ChosenBytes::Browser(file.into()))).collect();
            app.dispatch(AppAction::AnnexFilesChosen { files: chosen });
        })
    };
    let use_example = {
        let app = app.clone();
        Callback::from(move |_| match checks::example_data::example_workbook() {
            Ok(bytes) => {
                app.dispatch(AppAction::AnnexFilesChosen {
                    files: vec![("fictional-example-lists.xlsx".into(), ChosenBytes::Made(Rc::new(bytes)))],
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
                    // A check's progress while it runs; after, a marked-up copy's.
                    WorkerMessage::Progress(p) if job.borrow().is_none() => {
                        app.dispatch(AppAction::AnnexMaking { what: Some(p.message) })
                    }
                    WorkerMessage::Progress(p) => progress.set(Some(p)),
                    WorkerMessage::Done(response) => {
                        // The worker stays, holding the findings, for pages and downloads.
                        if let Some(done) = job.borrow_mut().take() {
                            annex_worker::keep(done);
                        }
                        progress.set(None);
                        app.dispatch(AppAction::AnnexChecked { response });
                    }
                    WorkerMessage::Findings(page) => app.dispatch(AppAction::AnnexPage { page }),
                    WorkerMessage::Made(made) => {
                        app.dispatch(AppAction::AnnexMaking { what: None });
                        if let Err(message) = annex_worker::save_made(&made) {
                            app.dispatch(AppAction::DownloadFailed { file_name: made.file_name, message });
                        }
                    }
                    WorkerMessage::Failed { message } => {
                        job.borrow_mut().take();
                        progress.set(None);
                        app.dispatch(AppAction::AnnexMaking { what: None });
                        failure.set(Some(message));
                    }
                    // Only ever sent to the worker.
                    WorkerMessage::Check { .. }
                    | WorkerMessage::Page { .. }
                    | WorkerMessage::Export(_)
                    | WorkerMessage::Annotate(_) => {}
                })
            };
            // The last check's worker and findings go before a new check starts.
            annex_worker::forget();
            failure.set(None);
            progress.set(Some(Progress {
                done: 0,
                total: checks::session::progress_total(app.annex.files.len()),
                message: "Starting".into(),
            }));
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
                { for [(Format::Xlsx, "Excel", "download-template"), (Format::Ods, "OpenDocument", "download-template-ods")].into_iter().map(|(format, label, testid)| {
                    let app = app.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let profile = app.project.annex_a.profile.clone();
                        let made = downloads::template(&profile, &downloads::author(&app.project), format);
                        offer_download(&app, format!("annex-a-template-{profile}.{}", format.key()), made.map_err(|e| e.to_string()));
                    });
                    html! { <button type="button" class="app-button app-button--secondary" data-testid={testid} {onclick}>{ format!("Download a blank template ({label})") }</button> }
                }) }
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
                        html! { <li class="app-list__row"><span>{ format!("{name} ({} KB)", bytes.size().div_ceil(1024)) }</span>
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

#[derive(Properties, PartialEq)]
pub(super) struct SheetMappingViewProps {
    pub(super) mapping: SheetMapping,
    pub(super) profile: String,
}

/// One sheet's match: which list it holds, and which file column feeds each template column.
#[component]
pub(super) fn SheetMappingView(props: &SheetMappingViewProps) -> Html {
    let app = use_app();
    let m = &props.mapping;
    let Some(profile) = checks::profile(&props.profile) else { return html! {} };
    let id = format!("map-{}-{}", m.file, m.sheet).replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    // Bounded however wide the sheet: each template column below gets a list of these.
    let (headers, more) = m.column_choices();
    let headers = Rc::new(headers);
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
                if more > 0 {
                    <p class="app-hint" data-testid="more-columns">{ format!(
                        "This sheet has {} more headed columns than the lists below offer (they offer the first {}). To use a later column, move it nearer the start of the sheet, or delete the columns the list does not use, and check the file again.",
                        checks::session::with_commas(more), checks::session::with_commas(headers.len())) }</p>
                }
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

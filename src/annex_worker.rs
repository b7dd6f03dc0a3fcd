//! Loading and checking Annex A spreadsheets in a Web Worker, so the page stays responsive and
//! the user can cancel. The worker runs this same wasm module, handed over already compiled (its
//! script is written by `scripts/postbuild.py`); person-level rows live only in the worker's
//! memory and in the findings held by the page, never in storage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::checks::headers::map_sheet_as;
use crate::checks::{self, AsOfDates, CheckReport, ColumnMapping, Finding, Workbook, WorkbookError};

/// A correction to how sheets were matched, made by hand on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MappingOverride {
    /// The sheet holds this list (or, with `None`, no list: ignore it).
    SetList { file: String, sheet: String, list: Option<String> },
    /// The template column `key` is in the file's column `source` (or in none).
    SetColumn { file: String, sheet: String, key: String, source: Option<usize>, header: String },
}

/// The proposed mapping with the user's corrections applied, in order.
pub fn apply_overrides(
    workbooks: &[Workbook],
    profile: &checks::Profile,
    overrides: &[MappingOverride],
) -> ColumnMapping {
    let mut mapping = checks::propose_mapping(workbooks, profile);
    for o in overrides {
        match o {
            MappingOverride::SetList { file, sheet, list } => {
                let found = workbooks
                    .iter()
                    .filter(|w| &w.file_name == file)
                    .flat_map(|w| w.sheets.iter())
                    .find(|s| &s.name == sheet);
                let Some(current) = mapping.sheet_mut(file, sheet) else { continue };
                match (list.as_deref().and_then(|id| profile.list(id)), found) {
                    (Some(spec), Some(data)) => *current = map_sheet_as(file, data, spec, current.header_row),
                    _ => current.list = None,
                }
            }
            MappingOverride::SetColumn { file, sheet, key, source, header } => {
                if let Some(current) = mapping.sheet_mut(file, sheet) {
                    current.set_column(key, *source, header);
                }
            }
        }
    }
    mapping
}

/// What the page asks the worker to do.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckRequest {
    pub profile: String,
    pub as_of: AsOfDates,
    pub today: NaiveDate,
    pub explanations: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub overrides: Vec<MappingOverride>,
}

/// What comes back: the report, plus one finding for each file that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResponse {
    pub report: CheckReport,
    pub unreadable: Vec<Finding>,
    /// How sheets and columns were matched (headers only), for the user to correct.
    pub mapping: ColumnMapping,
}

/// Progress as the worker reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub message: String,
}

/// Worker side: read every file, then check them all. `progress` is called between steps.
pub fn run(request: &str, names: Vec<String>, files: Vec<js_sys::Uint8Array>, progress: &js_sys::Function) -> String {
    let report = |done: usize, total: usize, message: String| {
        let text = serde_json::to_string(&Progress { done, total, message }).unwrap_or_default();
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_str(&text));
    };
    let result: Result<CheckResponse, String> = (|| {
        let request: CheckRequest = serde_json::from_str(request).map_err(|e| format!("bad request: {e}"))?;
        let profile =
            checks::profile(&request.profile).ok_or_else(|| format!("unknown profile {}", request.profile))?;
        let total = names.len() + 1;
        let mut workbooks = Vec::new();
        let mut unreadable = Vec::new();
        for (i, (name, file)) in names.iter().zip(files).enumerate() {
            let reading = format!("Reading \u{201c}{name}\u{201d} ({} of {})", i + 1, names.len());
            report(i, total, reading.clone());
            let mut on_rows = |rows: usize| report(i, total, format!("{reading}: {} rows so far", with_commas(rows)));
            match checks::read_workbook_with_progress(name, &file.to_vec(), &mut on_rows) {
                Ok(wb) => workbooks.push(wb),
                Err(e) => unreadable.push(Finding::unreadable(&e)),
            }
        }
        report(names.len(), total, "Checking every row".into());
        let mapping = apply_overrides(&workbooks, profile, &request.overrides);
        let mut report = checks::check(&workbooks, profile, Some(&mapping), &request.as_of, request.today);
        for (key, note) in &request.explanations {
            report.explain(key, note);
        }
        // Not dropped: freeing two million cells one by one takes a tenth of a second, and the
        // worker, with all its memory, is thrown away once the page has the answer.
        std::mem::forget(workbooks);
        Ok(CheckResponse { report, unreadable, mapping })
    })();
    match result {
        Ok(response) => serde_json::to_string(&response).unwrap_or_default(),
        Err(message) => serde_json::to_string(&Finding::unreadable(&WorkbookError::CannotOpen {
            file: "request".into(),
            detail: message,
        }))
        .unwrap_or_default(),
    }
}

/// Worker side, while it waits for its first check: reads and checks a small fictional list, so
/// the browser has compiled its optimised code for the reading and checking loops before a real
/// list arrives (a function runs on quickly compiled, slower code until it has run a while, and
/// switches only on its next call).
pub fn warm() {
    let Some(profile) = checks::profile("full-2025") else { return };
    let Ok(bytes) = checks::example_data::synthetic_list_xlsx(profile, "list-1", 2_000) else { return };
    if let Ok(workbook) = checks::read_workbook("warm-up.xlsx", &bytes) {
        let today = checks::example_data::example_as_of();
        checks::check(&[workbook], profile, None, &AsOfDates::new(), today);
    }
}

/// 40000 → "40,000", as GOV.UK writes numbers.
fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// What the page hears from the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    Progress(Progress),
    Done(Box<CheckResponse>),
    Failed(String),
}

/// A running check. Dropping it (or `cancel`) stops the worker at once.
pub struct CheckJob {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl CheckJob {
    pub fn cancel(&self) {
        self.worker.terminate();
    }
}

impl Drop for CheckJob {
    /// However the job ends (done, failed, cancelled, or the page gone), its worker goes and a
    /// fresh one waits for the next check.
    fn drop(&mut self) {
        self.worker.terminate();
        prepare();
    }
}

thread_local! {
    /// A worker started ahead of the next check (see [`prepare`]).
    static SPARE: std::cell::RefCell<Option<web_sys::Worker>> = const { std::cell::RefCell::new(None) };
}

/// Starts a worker for the next check, if none is waiting, so a check does not wait for one to
/// start and load the app's module (a tenth of a second or more on a slow machine).
pub fn prepare() {
    SPARE.with(|spare| {
        if spare.borrow().is_none() {
            *spare.borrow_mut() = spawn().ok();
        }
    });
}

/// A new worker, already handed this page's compiled module.
fn spawn() -> Result<web_sys::Worker, String> {
    let cannot_start = || "this browser could not start a background worker".to_string();
    // The start-up script publishes the worker's blob: URL (see scripts/postbuild.py).
    let url = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("areaSendWorkerUrl"))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(cannot_start)?;
    // The single-file page needs a classic worker (see scripts/postbuild.py).
    let classic = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("areaSendWorkerClassic"))
        .is_ok_and(|v| v.is_truthy());
    let options = web_sys::WorkerOptions::new();
    options.set_type(if classic { web_sys::WorkerType::Classic } else { web_sys::WorkerType::Module });
    let worker = web_sys::Worker::new_with_options(&url, &options).map_err(|_| cannot_start())?;
    // Hand over this page's compiled module: the worker starts without compiling the wasm again.
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &"kind".into(), &"init".into());
    let _ = js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module());
    worker.post_message(&init).map_err(|_| cannot_start())?;
    Ok(worker)
}

/// Page side: starts a check of `files` in the waiting worker (or a new one) and reports back
/// through `on_event`.
pub fn start(
    request: &CheckRequest,
    files: &[(String, std::rc::Rc<Vec<u8>>)],
    on_event: Callback<WorkerEvent>,
) -> Result<CheckJob, String> {
    let worker = match SPARE.with(|spare| spare.borrow_mut().take()) {
        Some(worker) => worker,
        None => spawn()?,
    };

    let events = on_event.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
        let event = match field("kind").as_deref() {
            Some("progress") => {
                field("progress").and_then(|t| serde_json::from_str(&t).ok()).map(WorkerEvent::Progress)
            }
            Some("done") => Some(match field("result").map(|t| serde_json::from_str::<CheckResponse>(&t)) {
                Some(Ok(response)) => WorkerEvent::Done(Box::new(response)),
                _ => WorkerEvent::Failed("the check could not be completed".into()),
            }),
            Some("failed") => Some(WorkerEvent::Failed(field("message").unwrap_or_default())),
            _ => None,
        };
        if let Some(event) = event {
            events.emit(event);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // Some browsers send a bare Event with no message (for example when the worker cannot start).
        let detail = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty());
        on_event.emit(WorkerEvent::Failed(match detail {
            Some(message) => format!("the background worker stopped ({message})"),
            None => "the background worker could not start or stopped unexpectedly".into(),
        }));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let message = js_sys::Object::new();
    let list = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for (name, bytes) in files {
        let entry = js_sys::Object::new();
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        let _ = js_sys::Reflect::set(&entry, &"name".into(), &JsValue::from_str(name));
        let _ = js_sys::Reflect::set(&entry, &"bytes".into(), &array.buffer());
        transfer.push(&array.buffer());
        list.push(&entry);
    }
    let request = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let _ = js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(&request));
    let _ = js_sys::Reflect::set(&message, &"files".into(), &list);
    worker
        .post_message_with_transfer(&message, &transfer)
        .map_err(|_| "the files could not be passed to the background worker".to_string())?;
    Ok(CheckJob { worker, _on_message: on_message, _on_error: on_error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_commas() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(40_000), "40,000");
        assert_eq!(with_commas(1_048_576), "1,048,576");
    }

    #[test]
    fn a_sheet_can_be_reassigned_and_a_column_repointed() {
        let bytes = checks::example_data::example_workbook().unwrap();
        let wb = checks::read_workbook("example.xlsx", &bytes).unwrap();
        let profile = checks::profile("full-2025").unwrap();
        let proposed = apply_overrides(std::slice::from_ref(&wb), profile, &[]);
        let list1 = proposed.sheets.iter().find(|s| s.list.as_deref() == Some("list-1")).unwrap().clone();

        let ignore = MappingOverride::SetList { file: list1.file.clone(), sheet: list1.sheet.clone(), list: None };
        let mapping = apply_overrides(std::slice::from_ref(&wb), profile, &[ignore]);
        assert_eq!(mapping.sheet(&list1.file, &list1.sheet).unwrap().list, None);

        let gender = list1.source_of("gender").expect("gender mapped");
        let unhook = MappingOverride::SetColumn {
            file: list1.file.clone(),
            sheet: list1.sheet.clone(),
            key: "gender".into(),
            source: None,
            header: String::new(),
        };
        let mapping = apply_overrides(std::slice::from_ref(&wb), profile, &[unhook]);
        let sheet = mapping.sheet(&list1.file, &list1.sheet).unwrap();
        assert_eq!(sheet.source_of("gender"), None);
        assert!(sheet.missing.contains(&"gender".to_string()));
        let report = checks::check(&[wb], profile, Some(&mapping), &AsOfDates::new(), "2026-11-23".parse().unwrap());
        assert!(
            report.findings.iter().any(|f| f.rule == "COLUMN-MISSING" && f.column.as_deref() == Some("Gender")),
            "gender {gender} now missing"
        );
    }
}

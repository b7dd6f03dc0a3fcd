//! Loading and checking Annex A spreadsheets in a Web Worker, so the page stays responsive and
//! the user can cancel. The worker runs this same wasm module, handed over already compiled (its
//! script is `src/js/worker.js`); the check itself is `checks::session`, as on the command line.
//! Person-level rows live only in the worker's memory and in the findings held by the page,
//! never in storage.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::browser::{self, ChosenBytes};
use crate::checks::session::{CheckRequest, InputFile, MadeFile, Progress, WorkerMessage, WorkerState};
use crate::checks::{self, AsOfDates};
use crate::export::downloads;

thread_local! {
    /// Worker side: the last check's outcome, kept for pages and downloads.
    static STATE: std::cell::RefCell<WorkerState> =
        std::cell::RefCell::new(WorkerState::with_annotator(downloads::marked_up_copy));
    /// Worker side: the last made file's bytes, until the handler takes them.
    static MADE: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
}

/// Worker side: answers one `WorkerMessage` (JSON): a `Check` with `Done` (or `Failed`),
/// sending `Progress` messages through `progress` on the way; a `Page` or `Export` from the
/// check it kept; an `Annotate` from the one file sent with it and the check it kept. A made file's bytes wait for [`take_bytes`].
pub fn run(message: &str, names: Vec<String>, files: Vec<js_sys::Uint8Array>, progress: &js_sys::Function) -> String {
    let mut report = |p: Progress| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_str(&WorkerMessage::Progress(p).to_json()));
    };
    // Each file is copied out of JavaScript only when its turn comes.
    let files = names.into_iter().zip(files).map(|(name, bytes)| InputFile { name, bytes: Ok(bytes.to_vec()) });
    let mut reply =
        STATE.with(|state| state.borrow_mut().answer(message, files, &mut report, &downloads::findings_of_check));
    if let WorkerMessage::Made(made) = &mut reply {
        MADE.with(|m| *m.borrow_mut() = Some(std::mem::take(&mut made.bytes)));
    }
    reply.to_json()
}

/// Worker side: the bytes of the file just made, once.
pub fn take_bytes() -> Option<Vec<u8>> {
    MADE.with(|m| m.borrow_mut().take())
}

/// Worker side, while it waits for its first check: reads and checks a small fictional list, so
/// the browser has compiled its optimised code for the reading and checking loops before a real
/// list arrives (a function runs on quickly compiled, slower code until it has run a while, and
/// switches only on its next call).
pub fn warm() {
    let Some(profile) = checks::profile("full-2025") else { return };
    let Ok(bytes) = checks::example_data::synthetic_list_xlsx(profile, "list-1", 2_000) else { return };
    if let Ok(workbook) = checks::read_workbook("warm-up.xlsx", &bytes, checks::ReadOptions::default()) {
        let today = checks::example_data::example_as_of();
        checks::check(&[workbook], profile, None, &AsOfDates::new(), today);
    }
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
    /// The worker holding the last check's findings, which the page asks for a page at a time.
    static RESULTS: std::cell::RefCell<Option<CheckJob>> = const { std::cell::RefCell::new(None) };
}

/// Page side: a finished check's worker stays, holding its findings, until the next check; a
/// spare waits beside it for that check.
pub fn keep(job: CheckJob) {
    let old = RESULTS.with(|r| r.borrow_mut().replace(job));
    drop(old);
    prepare();
}

/// Page side: lets the last check's worker (and its findings) go.
pub fn forget() {
    let old = RESULTS.with(|r| r.borrow_mut().take());
    drop(old);
}

/// Page side: asks the worker holding the last check for a page of findings or a download; the
/// answer comes to the callback the check was started with.
pub fn ask(message: &WorkerMessage) -> Result<(), String> {
    // `{ request }` with no files, as the worker's handler takes it.
    let request = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&request, &"request".into(), &JsValue::from_str(&message.to_json()));
    RESULTS.with(|r| match &*r.borrow() {
        Some(job) => {
            job.worker.post_message(&request).map_err(|_| "the background worker could not be asked".to_string())
        }
        None => Err("The findings are no longer in memory: check the files again.".into()),
    })
}

/// Page side: asks the worker holding the last check for a marked-up copy of one of its files,
/// sending that file's bytes again (the worker keeps no workbook); the copy comes back as a
/// `Made`, through the check's callback, with `Progress` on the way.
pub fn ask_with_file(message: &WorkerMessage, name: &str, bytes: &ChosenBytes) -> Result<(), String> {
    let request = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&request, &"request".into(), &JsValue::from_str(&message.to_json()));
    let transfer = js_sys::Array::new();
    let _ = js_sys::Reflect::set(&request, &"files".into(), &js_sys::Array::of1(&file_entry(name, bytes, &transfer)));
    RESULTS.with(|r| match &*r.borrow() {
        Some(job) => job
            .worker
            .post_message_with_transfer(&request, &transfer)
            .map_err(|_| "the file could not be passed to the background worker".to_string()),
        None => Err("The findings are no longer in memory: check the files again.".into()),
    })
}

/// `{ name, bytes }` for the worker: a chosen file's handle (the worker reads it), or bytes the
/// app made, added to `transfer` to be handed over.
fn file_entry(name: &str, bytes: &ChosenBytes, transfer: &js_sys::Array) -> js_sys::Object {
    let entry = js_sys::Object::new();
    let (value, buffer) = bytes.for_worker();
    let _ = js_sys::Reflect::set(&entry, &"name".into(), &JsValue::from_str(name));
    let _ = js_sys::Reflect::set(&entry, &"bytes".into(), &value);
    if let Some(buffer) = buffer {
        transfer.push(&buffer);
    }
    entry
}

thread_local! {
    /// Page side: the bytes of the file the worker made last, until saved.
    static RECEIVED: std::cell::RefCell<Option<js_sys::Uint8Array>> = const { std::cell::RefCell::new(None) };
}

/// Page side: offers the file the worker just made as a download, from the bytes it handed over.
pub fn save_made(made: &MadeFile) -> Result<(), String> {
    match RECEIVED.with(|m| m.borrow_mut().take()) {
        Some(bytes) => browser::download_array(&made.file_name, &made.mime, &bytes),
        None => Err("the background worker sent no file".into()),
    }
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
    files: &[(String, ChosenBytes)],
    on_event: Callback<WorkerMessage>,
) -> Result<CheckJob, String> {
    let worker = match SPARE.with(|spare| spare.borrow_mut().take()) {
        Some(worker) => worker,
        None => spawn()?,
    };

    let events = on_event.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        // Every message is `{ reply: <WorkerMessage as JSON> }`, with a made file's `bytes`
        // beside it (see src/js/worker-handler.js).
        let data = e.data();
        let reply = js_sys::Reflect::get(&data, &JsValue::from_str("reply")).ok().and_then(|v| v.as_string());
        events.emit(match reply.map(|text| WorkerMessage::from_json(&text)) {
            Some(WorkerMessage::Made(made)) => {
                // Kept as the worker handed it over, for `save_made`: never copied into wasm.
                let bytes = js_sys::Reflect::get(&data, &JsValue::from_str("bytes"))
                    .ok()
                    .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok());
                RECEIVED.with(|m| *m.borrow_mut() = bytes);
                WorkerMessage::Made(made)
            }
            Some(message) => message,
            None => WorkerMessage::Failed { message: "the background worker sent an empty message".into() },
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // Some browsers send a bare Event with no message (for example when the worker cannot start).
        let detail = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty());
        on_event.emit(WorkerMessage::Failed {
            message: match detail {
                Some(message) => format!("the background worker stopped ({message})"),
                None => "the background worker could not start or stopped unexpectedly".into(),
            },
        });
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let message = js_sys::Object::new();
    let list = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for (name, bytes) in files {
        list.push(&file_entry(name, bytes, &transfer));
    }
    let names = files.iter().map(|(name, _)| name.clone()).collect();
    let request = WorkerMessage::Check { request: request.clone(), names }.to_json();
    let _ = js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(&request));
    let _ = js_sys::Reflect::set(&message, &"files".into(), &list);
    worker
        .post_message_with_transfer(&message, &transfer)
        .map_err(|_| "the files could not be passed to the background worker".to_string())?;
    Ok(CheckJob { worker, _on_message: on_message, _on_error: on_error })
}

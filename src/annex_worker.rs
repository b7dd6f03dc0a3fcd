//! Loading and checking Annex A spreadsheets in a Web Worker, so the page stays responsive and
//! the user can cancel. The worker runs this same wasm module, handed over already compiled (its
//! script is `src/js/worker.js`); the check itself is `checks::session`, as on the command line.
//! Person-level rows live only in the worker's memory and in the findings held by the page,
//! never in storage.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::checks::session::{self, CheckRequest, InputFile, Progress, WorkerMessage};
use crate::checks::{self, AsOfDates};

/// Worker side: answers one `WorkerMessage::Check` (JSON) with a `Done` or `Failed` message,
/// sending `Progress` messages through `progress` on the way.
pub fn run(message: &str, names: Vec<String>, files: Vec<js_sys::Uint8Array>, progress: &js_sys::Function) -> String {
    let mut report = |p: Progress| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_str(&WorkerMessage::Progress(p).to_json()));
    };
    // Each file is copied out of JavaScript only when its turn comes.
    let files = names.into_iter().zip(files).map(|(name, bytes)| InputFile { name, bytes: Ok(bytes.to_vec()) });
    session::answer(message, files, &mut report)
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
    on_event: Callback<WorkerMessage>,
) -> Result<CheckJob, String> {
    let worker = match SPARE.with(|spare| spare.borrow_mut().take()) {
        Some(worker) => worker,
        None => spawn()?,
    };

    let events = on_event.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        // Every message is `{ reply: <WorkerMessage as JSON> }` (see src/js/worker.js).
        let reply = js_sys::Reflect::get(&e.data(), &JsValue::from_str("reply")).ok().and_then(|v| v.as_string());
        events.emit(match reply {
            Some(text) => WorkerMessage::from_json(&text),
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
        let entry = js_sys::Object::new();
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        let _ = js_sys::Reflect::set(&entry, &"name".into(), &JsValue::from_str(name));
        let _ = js_sys::Reflect::set(&entry, &"bytes".into(), &array.buffer());
        transfer.push(&array.buffer());
        list.push(&entry);
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

//! The only place that calls browser APIs for storage, files, downloads, clocks and ids.
//! Every failure comes back as a message for the user; nothing here panics on browser input.

use chrono::NaiveDate;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::store::{KEPT_PREFIX, KeptCopy, KeptReason, LEGACY_UNREADABLE_KEY, kept_key};

/// Where the project is autosaved. The value is a project file (see `domain::project_file`).
pub const PROJECT_KEY: &str = "area-send.project";
/// Set when the app crashes, to the page it was on, so the next start can say so.
pub const CRASHED_KEY: &str = "area-send.crashed";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn describe_storage_error(err: JsValue) -> String {
    let name = err.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" => "browser storage is full".into(),
        "SecurityError" => {
            "this browser does not allow sites to store data (storage may be turned off or blocked)".into()
        }
        _ => "the browser refused to store data".into(),
    }
}

fn local_storage() -> Result<web_sys::Storage, String> {
    window()
        .ok_or_else(|| "there is no browser window".to_string())?
        .local_storage()
        .map_err(describe_storage_error)?
        .ok_or_else(|| "this browser has no storage for sites (it may be in a private mode)".to_string())
}

pub fn storage_get(key: &str) -> Result<Option<String>, String> {
    local_storage()?.get_item(key).map_err(describe_storage_error)
}

pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    local_storage()?.set_item(key, value).map_err(describe_storage_error)
}

pub fn storage_remove(key: &str) -> Result<(), String> {
    local_storage()?.remove_item(key).map_err(describe_storage_error)
}

/// Keeps `text` aside under a new key of its own and reads it back: `Ok` only if the copy is
/// really there, so nothing is replaced on the strength of a copy that failed to write.
pub fn keep_copy(text: &str, reason: KeptReason) -> Result<(), String> {
    let storage = local_storage()?;
    let key = kept_key(&now_rfc3339(), reason, |k| storage.get_item(k).ok().flatten().is_some());
    storage.set_item(&key, text).map_err(describe_storage_error)?;
    match storage.get_item(&key) {
        Ok(Some(back)) if back == text => Ok(()),
        _ => {
            let _ = storage.remove_item(&key);
            Err("the browser did not keep the copy".into())
        }
    }
}

/// Every copy kept aside, oldest first.
pub fn kept_copies() -> Vec<KeptCopy> {
    let Ok(storage) = local_storage() else { return Vec::new() };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten()).collect();
    let mut copies: Vec<KeptCopy> = keys
        .iter()
        .filter(|k| k.starts_with(KEPT_PREFIX) || *k == LEGACY_UNREADABLE_KEY)
        .filter_map(|k| KeptCopy::describe(k, &storage.get_item(k).ok().flatten()?))
        .collect();
    copies.sort_by(|a, b| a.kept_at.cmp(&b.kept_at));
    copies
}

/// Calls `on_save` with the new text whenever another tab or window saves the project.
pub fn on_other_tab_save(on_save: impl Fn(String) + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(window) = window() else { return };
    let listener = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
        if event.key().as_deref() == Some(PROJECT_KEY)
            && let Some(text) = event.new_value()
        {
            on_save(text);
        }
    });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Asks the browser not to clear this site's storage under pressure. Returns whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    let storage = window()?.navigator().storage();
    let already = JsFuture::from(storage.persisted().ok()?).await.ok()?;
    if already.as_bool() == Some(true) {
        return Some(true);
    }
    JsFuture::from(storage.persist().ok()?).await.ok()?.as_bool()
}

/// Offers `bytes` to the user as a download named `file_name`, via a Blob URL.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_array(file_name, mime, &js_sys::Uint8Array::from(bytes))
}

/// [`download`] of bytes already outside the page's wasm memory (a file the worker made), so
/// a large file is not copied in and out again on the page's thread.
pub fn download_array(file_name: &str, mime: &str, array: &js_sys::Uint8Array) -> Result<(), String> {
    let fail = |_| "the browser could not create the download".to_string();
    let parts = js_sys::Array::of1(array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = window().and_then(|w| w.document()).ok_or("there is no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The click has started the download; the URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a chosen file's bytes.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the browser could not read the file (it may have been moved or deleted)".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A spreadsheet chosen for checking: the browser's own handle on the file, never read into
/// the page's memory (the worker reads it: a 40 MB file copied in and out again held the page
/// for a tenth of a second), or bytes the app made itself (the fictional example).
#[derive(Debug, Clone)]
pub enum ChosenBytes {
    Browser(web_sys::Blob),
    Made(std::rc::Rc<Vec<u8>>),
}

/// The same file: the same handle, or the same bytes (not compared byte by byte).
impl PartialEq for ChosenBytes {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ChosenBytes::Browser(a), ChosenBytes::Browser(b)) => a == b,
            (ChosenBytes::Made(a), ChosenBytes::Made(b)) => std::rc::Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl ChosenBytes {
    /// Bytes, as the file's size.
    pub fn size(&self) -> usize {
        match self {
            ChosenBytes::Browser(blob) => blob.size() as usize,
            ChosenBytes::Made(bytes) => bytes.len(),
        }
    }

    /// What the worker is sent: the handle as it is (the worker reads it), or a copy of the
    /// bytes as a buffer to hand over.
    pub fn for_worker(&self) -> (JsValue, Option<js_sys::ArrayBuffer>) {
        match self {
            ChosenBytes::Browser(blob) => (blob.into(), None),
            ChosenBytes::Made(bytes) => {
                let buffer = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
                (buffer.clone().into(), Some(buffer))
            }
        }
    }
}

/// A new random id (UUID v4) for partners and other records.
pub fn new_id() -> String {
    window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("id-{}", (js_sys::Math::random() * 1e16) as u64))
}

/// The current time as an RFC 3339 timestamp in UTC.
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date where the user is.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or(NaiveDate::MIN)
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus_by_id(id: &str) {
    let element = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Where a family member's typed answers to one review pack are kept as they type.
pub fn review_draft_key(pack_id: &str) -> String {
    format!("area-send.review-draft.{pack_id}")
}

/// The review pack last opened on the review page, so coming back shows it again.
pub const REVIEW_PACK_KEY: &str = "area-send.review-pack";

thread_local! {
    static WARN_ON_LEAVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LEAVE_LISTENER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether closing or reloading the page asks first (answers not yet sent back).
pub fn warn_before_leaving(warn: bool) {
    use wasm_bindgen::closure::Closure;
    WARN_ON_LEAVE.with(|w| w.set(warn));
    if LEAVE_LISTENER.with(|l| l.replace(true)) {
        return;
    }
    let Some(window) = window() else { return };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if WARN_ON_LEAVE.with(|w| w.get()) {
            event.prevent_default();
            // Older browsers ask only when returnValue is set.
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"".into());
        }
    });
    let _ = window.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Puts `text` on the clipboard. `Err` when the browser refuses (the text stays on screen).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let refused = || "the browser did not allow copying; select the text below and copy it".to_string();
    let navigator = window().ok_or_else(refused)?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| refused())?;
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .map_err(|_| refused())?
        .dyn_into()
        .map_err(|_| refused())?;
    let promise: js_sys::Promise =
        write.call1(&clipboard, &text.into()).map_err(|_| refused())?.dyn_into().map_err(|_| refused())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| refused())
}

/// Whether the browser says it has a network connection now.
pub fn is_online() -> bool {
    window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Whether the offline service worker controls this page (so it opens without a connection).
pub fn works_offline() -> bool {
    let Some(window) = window() else { return false };
    let container = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()).unwrap_or(JsValue::UNDEFINED);
    if container.is_undefined() {
        return false;
    }
    js_sys::Reflect::get(&container, &"controller".into()).is_ok_and(|c| !c.is_null() && !c.is_undefined())
}

/// Calls `changed` when the connection comes or goes, or the service worker takes control.
pub fn on_connection_change(changed: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(window) = window() else { return };
    let listener = Closure::<dyn Fn()>::new(changed);
    let callback = listener.as_ref().unchecked_ref();
    let _ = window.add_event_listener_with_callback("online", callback);
    let _ = window.add_event_listener_with_callback("offline", callback);
    if let Ok(container) = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into())
        && let Ok(target) = container.dyn_into::<web_sys::EventTarget>()
    {
        let _ = target.add_event_listener_with_callback("controllerchange", callback);
    }
    listener.forget();
}

//! The area SEND toolkit's web app: Yew components over the core crate (`area-send-core`).
//! Components render state and send typed `AppAction`s; the rules live in the core. Only
//! `browser` touches storage, files and downloads. The map of the workspace is ARCHITECTURE.md.

// The core's layers, named at the root so pages say `crate::domain::…` as the core itself does.
use area_send_core::{checks, domain, export};

pub mod annex_worker;
pub mod app;
pub mod browser;
pub mod components;
pub mod context;
pub mod pages;
pub mod route;
pub mod shell;
pub mod store;

/// Starts the app in the page's `#app` element, with a panic hook that tells the user their
/// work is safe (it is autosaved on every change) instead of leaving a frozen page.
pub fn start() {
    // Through Yew, which otherwise replaces any hook set before it starts rendering.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_message();
    }));
    // In the Annex A worker there is no window and nothing to render.
    let Some(window) = web_sys::window() else { return };
    listen_for_simulated_crash(&window);
    keep_the_address_a_route(&window);
    let root = window.document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}

/// The router reads the address's `#` part as a page; anything else there (`#main-content`
/// from the skip link, then a reload or a shared link) would stop it with an error. Such an
/// address opens the tasks page instead, now and whenever the `#` part changes.
fn keep_the_address_a_route(window: &web_sys::Window) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    fn fix(window: &web_sys::Window) {
        let hash = window.location().hash().unwrap_or_default();
        if !hash.is_empty()
            && !hash.starts_with("#/")
            && let Ok(history) = window.history()
        {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/"));
        }
    }
    fix(window);
    let listener = Closure::<dyn FnMut()>::new({
        let window = window.clone();
        move || fix(&window)
    });
    let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Shows the static crash message, and makes the reload it asks for a safe one: the page that
/// crashed may crash again on the same project, so the address becomes "Your data" (which
/// shows little of the project and offers a copy of it) and the next start is told where the
/// crash was.
fn show_crash_message() {
    use wasm_bindgen::JsCast;
    let window = web_sys::window();
    if let Some(document) = window.as_ref().and_then(|w| w.document()) {
        let title = document.title();
        let page = title.split(" \u{2013} ").next().unwrap_or_default();
        let _ = browser::storage_set(browser::CRASHED_KEY, page);
    }
    if let Some(history) = window.as_ref().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/your-data"));
    }
    let crash = window
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-crashed"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = crash {
        let _ = el.remove_attribute("hidden");
        // Move focus to the message, so keyboard and screen reader users meet it first.
        let _ = el.set_attribute("tabindex", "-1");
        let _ = el.focus();
    }
}

/// A deliberate crash on the `area-send-simulate-crash` event, so a browser test can prove that
/// a crash shows the recovery message and loses no typed work. Any script in the page could
/// stop the app anyway, so this opens nothing new.
fn listen_for_simulated_crash(window: &web_sys::Window) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let crash = Closure::<dyn FnMut()>::new(|| panic!("simulated crash (area-send-simulate-crash event)"));
    let _ = window.add_event_listener_with_callback("area-send-simulate-crash", crash.as_ref().unchecked_ref());
    crash.forget();
}

//! The Yew user interface. Components render state and send typed `AppAction`s; the rules
//! live in `domain`. Only `ui::browser` touches storage, files and downloads.

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
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_message();
    }));
    // In the Annex A worker there is no window and nothing to render.
    let Some(window) = web_sys::window() else { return };
    let root = window.document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}

fn show_crash_message() {
    let crash = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-crashed"));
    if let Some(el) = crash {
        let _ = el.remove_attribute("hidden");
    }
}

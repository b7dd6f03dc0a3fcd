use yew::prelude::*;
use yew_router::prelude::*;

use super::browser;
use super::context::AppContext;
use super::route::{Route, switch};
use super::shell::Shell;
use super::store::{AppAction, AppState, Persistence};
use crate::domain::project_file;

fn initial_state() -> AppState {
    match browser::storage_get(browser::PROJECT_KEY) {
        Ok(stored) => {
            let state = AppState::restored(stored.as_deref());
            if let (true, Some(text)) = (state.restore_failed(), &stored) {
                // Keep the unreadable copy before autosave writes over it.
                let _ = browser::storage_set(browser::UNREADABLE_KEY, text);
            }
            state
        }
        Err(reason) => AppState { storage: super::store::StorageStatus::Failed(reason), ..AppState::restored(None) },
    }
}

/// Composes the store, autosave and the router; no page logic here.
#[component]
pub fn App() -> Html {
    let app: AppContext = use_reducer(initial_state);

    {
        // Autosave every change. The project holds only typed text, never person-level rows.
        let app = app.clone();
        use_effect_with(app.project.clone(), move |project| {
            let text = project_file::to_json(project, &browser::now_rfc3339());
            app.dispatch(AppAction::StorageResult(browser::storage_set(browser::PROJECT_KEY, &text)));
        });
    }
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let persistence = match browser::request_persistence().await {
                    Some(true) => Persistence::Granted,
                    Some(false) => Persistence::NotGranted,
                    None => Persistence::Unsupported,
                };
                app.dispatch(AppAction::PersistenceResult(persistence));
            });
        });
    }

    html! {
        <ContextProvider<AppContext> context={app}>
            <HashRouter>
                <Shell>
                    <Switch<Route> render={switch} />
                </Shell>
            </HashRouter>
        </ContextProvider<AppContext>>
    }
}

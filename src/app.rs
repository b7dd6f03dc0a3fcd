use yew::prelude::*;
use yew_router::prelude::*;

use super::browser;
use super::context::AppContext;
use super::route::{Route, switch};
use super::shell::Shell;
use super::store::{AppAction, AppState, KeptReason, Persistence};
use crate::domain::project_file;

fn initial_state() -> AppState {
    let state = match browser::storage_get(browser::PROJECT_KEY) {
        // An unreadable autosave is kept aside, and the copy confirmed, before anything replaces it.
        Ok(stored) => AppState::started(stored.as_deref(), |text| browser::keep_copy(text, KeptReason::Unreadable)),
        Err(reason) => AppState { storage: super::store::StorageStatus::Failed(reason), ..AppState::restored(None) },
    };
    match browser::storage_get(browser::CRASHED_KEY) {
        Ok(Some(page)) => {
            let _ = browser::storage_remove(browser::CRASHED_KEY);
            state.after_crash(&page)
        }
        _ => state,
    }
}

/// Composes the store, autosave and the router; no page logic here.
#[component]
pub fn App() -> Html {
    let app: AppContext = use_reducer(initial_state);

    {
        // Autosave every change. The project holds only typed text, never person-level rows.
        let app = app.clone();
        // Paused saving writes nothing (it would destroy work this tab has not seen); resuming saves.
        use_effect_with((app.project.clone(), app.saving.is_on()), move |(project, on)| {
            if *on {
                let text = project_file::to_json(project, &browser::now_rfc3339());
                app.dispatch(AppAction::StorageResult(browser::storage_set(browser::PROJECT_KEY, &text)));
            }
        });
    }
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            browser::on_other_tab_save(move |text| app.dispatch(AppAction::OtherTabSaved { text }));
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

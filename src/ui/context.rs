use yew::prelude::*;

use super::store::{AppAction, AppState};
use crate::domain::project::ProjectEdit;

/// The app-wide store handle, shared through one context.
pub type AppContext = UseReducerHandle<AppState>;

/// The store, from any page. Pages only; presentational components take props.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("use_app() is used inside App's ContextProvider")
}

/// A callback that applies the edit made from a value, e.g. `edit_with(|name| SetAreaName { name })`.
pub fn edit_with<T: 'static>(app: &AppContext, make: impl Fn(T) -> ProjectEdit + 'static) -> Callback<T> {
    let app = app.clone();
    Callback::from(move |value: T| app.dispatch(AppAction::Edit(make(value))))
}

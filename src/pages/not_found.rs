use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[component]
pub fn NotFoundPage() -> Html {
    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Page not found" }</h1>
            <p>{ "If you typed the web address, check it is correct." }</p>
            <p><Link<Route> to={Route::Home}>{ "Go to your tasks" }</Link<Route>></p>
        </>
    }
}

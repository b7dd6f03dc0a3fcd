use yew::prelude::*;
use yew_router::prelude::*;

use super::pages;

/// Pages, addressed by the URL fragment (`#/annex-a`) so the app works from any static host
/// or from disk without server rewrites.
#[derive(Clone, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/partnership")]
    Partnership,
    #[at("/framework")]
    Framework,
    #[at("/self-evaluation")]
    SelfEvaluation,
    #[at("/self-evaluation/:id")]
    Criterion { id: String },
    #[at("/evidence")]
    Evidence,
    #[at("/co-production")]
    Coproduction,
    #[at("/annex-a")]
    AnnexA,
    #[at("/plan")]
    Plan,
    #[at("/plan/actions/:id")]
    ActionDelivery { id: String },
    #[at("/review")]
    Review,
    #[at("/your-data")]
    YourData,
    #[at("/accessibility")]
    Accessibility,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The page title, also used for `document.title`.
    pub fn title(&self) -> &'static str {
        match self {
            Self::Home => "Your partnership's tasks",
            Self::Partnership => "Set up your partnership",
            Self::Framework => "Inspection framework",
            Self::SelfEvaluation => "Self-evaluation",
            Self::Criterion { .. } => "Self-evaluation criterion",
            Self::Evidence => "Evidence log",
            Self::Coproduction => "Co-production",
            Self::AnnexA => "Annex A readiness",
            Self::Plan => "Strategic plan update",
            Self::ActionDelivery { .. } => "Deliver an action",
            Self::Review => "Review a plan",
            Self::YourData => "Your data and privacy",
            Self::Accessibility => "Accessibility statement",
            Self::NotFound => "Page not found",
        }
    }
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::HomePage /> },
        Route::Partnership => html! { <pages::partnership::PartnershipPage /> },
        Route::Framework => html! { <pages::framework::FrameworkPage /> },
        Route::SelfEvaluation => html! { <pages::self_evaluation::SelfEvaluationPage /> },
        Route::Criterion { id } => html! { <pages::criterion::CriterionPage {id} /> },
        Route::Evidence => html! { <pages::evidence::EvidencePage /> },
        Route::Coproduction => html! { <pages::coproduction::CoproductionPage /> },
        Route::AnnexA => html! { <pages::annex_a::AnnexAPage /> },
        Route::Plan => html! { <pages::plan::PlanPage /> },
        Route::ActionDelivery { id } => html! { <pages::action_delivery::ActionDeliveryPage {id} /> },
        Route::Review => html! { <pages::review::ReviewPage /> },
        Route::YourData => html! { <pages::your_data::YourDataPage /> },
        Route::Accessibility => html! { <pages::accessibility::AccessibilityPage /> },
        Route::NotFound => html! { <pages::not_found::NotFoundPage /> },
    }
}

//! The page chrome around every route: skip link, header, navigation, notices, undo/redo and
//! footer. It also keeps `document.title` in step with the route and moves focus to the new
//! page's heading after navigation, so screen-reader users hear that the page changed.

use yew::prelude::*;
use yew_router::prelude::*;

use super::browser;
use super::browser::focus_by_id;
use super::components::error_summary::{ErrorItem, ErrorSummary};
use super::context::offer_download;
use super::context::use_app;
use super::route::Route;
use super::store::{AppAction, KeptReason, Notice, Saving, StorageStatus};
use crate::domain::project_file;
use crate::export::downloads::Download;
use std::collections::BTreeSet;

use crate::domain::merge::{Approval, MergeReport};

const SERVICE_NAME: &str = "Area SEND partnership toolkit";

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub children: Html,
}

#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let first_render = use_mut_ref(|| true);
    let app = use_app();
    let app_for_header = app.clone();
    use_effect_with(route.clone(), move |route| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} \u{2013} {SERVICE_NAME}", route.title()));
        }
        if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
            app.dispatch(AppAction::ClearMessages);
            focus_by_id("page-heading");
        }
    });

    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus_by_id("main-content");
    });

    // Families reviewing a plan see only the review: no staff navigation, notices, example
    // label or undo (the review page has its own messages).
    let family = route == Route::Review;
    let area = app_area(&app_for_header, family);
    html! {
        <>
            <a href="#main-content" class="app-skip-link" onclick={skip}>{ "Skip to main content" }</a>
            <header class="app-header">
                <div class="app-width app-header__inner">
                    if family {
                        <span class="app-header__service">{ "Family review" }</span>
                    } else {
                        <Link<Route> to={Route::Home} classes="app-header__service">{ SERVICE_NAME }</Link<Route>>
                    }
                    if let Some(area) = area { <span class="app-header__area" data-testid="header-area">{ area }</span> }
                    if !family {
                        <nav aria-label="Sections" class="app-nav">
                            <ul>
                                { for [Route::Home, Route::Partnership, Route::SelfEvaluation, Route::AnnexA, Route::Plan, Route::YourData]
                                    .into_iter().map(|r| nav_item(r, &route)) }
                            </ul>
                        </nav>
                    }
                </div>
            </header>
            <div class="app-width">
                <p class="app-phase"><ConnectionTag />
                    { if family { " What you write stays on this device until you send it. " } else { " Everything you enter stays on this computer. " } }
                    <Link<Route> to={Route::YourData}>{ "How your data is kept" }</Link<Route>>
                </p>
                <main id="main-content" class="app-main" tabindex="-1">
                    if !family { <Notices /> }
                    { props.children.clone() }
                </main>
            </div>
            <footer class="app-footer">
                <div class="app-width">
                    <p>{ "This app runs entirely in your browser. It sends nothing to any server." }</p>
                    <p><Link<Route> to={Route::YourData}>{ "Your data and privacy" }</Link<Route>>
                    if !family {
                        { " \u{00b7} " }
                        <Link<Route> to={Route::Framework}>{ "Inspection framework" }</Link<Route>>
                    }
                    { " \u{00b7} " }
                    <Link<Route> to={Route::Accessibility}>{ "Accessibility" }</Link<Route>></p>
                </div>
            </footer>
        </>
    }
}

/// The partnership's name for the header: the project's, on staff pages (not the example's).
fn app_area(app: &super::context::AppContext, family: bool) -> Option<String> {
    let name = app.project.area_name.trim();
    (!family && !app.project.is_example && !name.is_empty()).then(|| name.to_string())
}

/// The true connection status: "Works offline" once the offline copy controls the page, "You
/// are offline now" when the browser has no connection, else nothing to claim.
#[component]
fn ConnectionTag() -> Html {
    let state = use_state(|| (browser::is_online(), browser::works_offline()));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            browser::on_connection_change(move || state.set((browser::is_online(), browser::works_offline())));
        });
    }
    let (online, offline_ready) = *state;
    let (class, text) = match (online, offline_ready) {
        (false, _) => ("app-tag app-tag--yellow", "You are offline now"),
        (true, true) => ("app-tag app-tag--blue", "Works offline"),
        (true, false) => ("app-tag app-tag--grey", "Online"),
    };
    html! { <strong class={class} data-testid="connection-status" role="status">{ text }</strong> }
}

fn nav_item(target: Route, current: &Route) -> Html {
    let label = match target {
        Route::Home => "Tasks",
        Route::Partnership => "Partnership",
        Route::SelfEvaluation => "Self-evaluation",
        Route::AnnexA => "Annex A",
        Route::Plan => "Plan update",
        Route::YourData => "Your data",
        _ => target.title(),
    };
    // Sub-pages of the self-evaluation mark its section as current.
    let is_current = &target == current
        || (target == Route::SelfEvaluation
            && matches!(current, Route::Criterion { .. } | Route::Evidence | Route::Coproduction))
        || (target == Route::Plan && matches!(current, Route::Review | Route::ActionDelivery { .. }));
    html! {
        <li class={classes!("app-nav__item", is_current.then_some("app-nav__item--current"))}>
            if is_current {
                <Link<Route> to={target.clone()} classes="app-nav__link"><span aria-current="page">{ label }</span></Link<Route>>
            } else {
                <Link<Route> to={target.clone()} classes="app-nav__link">{ label }</Link<Route>>
            }
        </li>
    }
}

/// Messages about the whole app, in one place: the one `Notice` (an error summary that takes
/// focus for errors, a banner for the rest, with Undo when it reports a replaced project), any
/// problem saving to browser storage, the example label and undo/redo.
#[component]
fn Notices() -> Html {
    let app = use_app();
    // After a removal the removed row's button is gone; focus goes to the report of what was
    // removed (with its Undo), not to whatever button took the row's place.
    use_effect_with(app.notice.clone(), |notice| {
        if matches!(notice, Some(Notice::Removed { .. })) {
            focus_by_id("app-notice");
        }
    });
    let undo = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(AppAction::Undo))
    };
    let redo = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(AppAction::Redo))
    };
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(AppAction::DismissNotice))
    };
    let buttons = |notice: &Notice| {
        html! {
            <div class="app-button-group">
                if notice.offers_undo() {
                    <button type="button" class="app-button app-button--secondary" onclick={undo.clone()}>{ "Undo" }</button>
                }
                <button type="button" class="app-button app-button--secondary" onclick={dismiss.clone()}>{ "Dismiss" }</button>
            </div>
        }
    };
    let notice = match &app.notice {
        None => html! {},
        Some(notice) if notice.is_error() => html! {
            <ErrorSummary items={vec![ErrorItem {
                message: notice.message().into(),
                target: notice.field().map(|f| AttrValue::from(f.to_string())),
            }]} />
        },
        Some(Notice::MergeNeedsApproval { file_name, report, .. }) => html! {
            <MergeApproval file_name={file_name.clone()} approvals={report.needs_approval.clone()} lines={report.describe()} />
        },
        Some(notice @ Notice::RestoreProblem { .. }) => html! {
            <div class="app-warning" role="alert" data-testid="restore-problem">
                <p class="app-warning__title">{ "Your saved project could not be opened" }</p>
                <p>{ notice.message() }</p>
                { buttons(notice) }
            </div>
        },
        Some(notice) => html! {
            <div class="app-banner" role="status" data-testid="notice" id="app-notice" tabindex="-1">
                <p>{ notice.message() }</p>
                if let Notice::Merged { file_name, report, .. } = notice {
                    { merge_report(file_name, report) }
                }
                { buttons(notice) }
            </div>
        },
    };

    html! {
        <div class="app-notices">
            if let StorageStatus::Failed(reason) = &app.storage {
                <div class="app-warning" role="alert" data-testid="storage-warning">
                    <p class="app-warning__title">{ "Your work is not being saved in this browser" }</p>
                    <p>{ format!("Because {reason}, changes are kept only while this page is open. Use \u{201c}Save project\u{201d} on the tasks page to keep a copy as a file.") }</p>
                </div>
            }
            if !app.saving.is_on() {
                <SavingPaused />
            }
            { notice }
            if app.project.is_example {
                <p class="app-inset" data-testid="example-label">
                    <strong>{ "Example: " }</strong>{ "this partnership is fictional. Its names and figures are made up to show how the app works. To enter your own, choose \u{201c}Start a new project\u{201d} on the tasks page." }
                </p>
            }
            <div class="app-undo-bar">
                <button type="button" class="app-link-button" onclick={undo} disabled={!app.history.can_undo()}>{ "Undo last change" }</button>
                <button type="button" class="app-link-button" onclick={redo} disabled={!app.history.can_redo()}>{ "Redo" }</button>
            </div>
        </div>
    }
}

/// Autosave has stopped so as not to destroy work this tab has not seen: say why, and offer
/// each way on, keeping the version not carried on with (as a confirmed copy, or a download).
#[component]
fn SavingPaused() -> Html {
    let app = use_app();
    let problem = use_state(|| None::<String>);
    let json = |name: &str, text: String| {
        Ok(Download { file_name: name.into(), mime: "application/json", bytes: text.into_bytes() })
    };
    let this_tab = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let text = project_file::to_json(&app.project, &browser::now_rfc3339());
            offer_download(
                &app,
                "this tab's project".into(),
                json(&project_file::suggested_file_name(&app.project, browser::today()), text),
            );
        })
    };
    // Keeps `text` aside, then carries on with `then`; if the copy cannot be kept, says so and
    // changes nothing (the download buttons remain).
    let keep_then = |text: String, reason: KeptReason, then: AppAction| {
        let (app, problem) = (app.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| match browser::keep_copy(&text, reason) {
            Ok(()) => app.dispatch(then.clone()),
            Err(reason) => problem.set(Some(format!(
                "The other version could not be kept aside ({reason}), so nothing has changed. Download it first."
            ))),
        })
    };
    let buttons = match &app.saving {
        Saving::On => html! {},
        Saving::PausedUnreadable { .. } => {
            let download = {
                let app = app.clone();
                Callback::from(move |_: MouseEvent| {
                    let text = browser::storage_get(browser::PROJECT_KEY).ok().flatten().unwrap_or_default();
                    offer_download(&app, "the unreadable project".into(), json("unreadable-saved-project.json", text));
                })
            };
            let resume = {
                let app = app.clone();
                Callback::from(move |_: MouseEvent| app.dispatch(AppAction::KeepThisTab))
            };
            html! {
                <>
                    <button type="button" class="app-button" onclick={download}>{ "Download the project that could not be read" }</button>
                    <button type="button" class="app-button app-button--warning" onclick={resume}>{ "Start saving again (replaces the project that could not be read)" }</button>
                </>
            }
        }
        Saving::PausedOtherTab { text, incoming } => {
            let mine = project_file::to_json(&app.project, &browser::now_rfc3339());
            let theirs = (**text).clone();
            let download_theirs = {
                let (app, theirs) = (app.clone(), theirs.clone());
                Callback::from(move |_: MouseEvent| {
                    offer_download(
                        &app,
                        "the other tab's project".into(),
                        json("other-tab-project.json", theirs.clone()),
                    )
                })
            };
            html! {
                <>
                    if incoming.is_ok() {
                        <button type="button" class="app-button" onclick={keep_then(mine, KeptReason::ThisTab, AppAction::UseOtherTab)}>{ "Carry on with the other tab\u{2019}s version" }</button>
                    }
                    <button type="button" class="app-button app-button--secondary" onclick={keep_then(theirs, KeptReason::OtherTab, AppAction::KeepThisTab)}>{ "Carry on with this tab\u{2019}s version" }</button>
                    <button type="button" class="app-link-button" onclick={download_theirs}>{ "Download the other tab\u{2019}s version" }</button>
                </>
            }
        }
    };
    html! {
        <div class="app-warning" role="alert" data-testid="saving-paused">
            <p class="app-warning__title">{ "Saving is paused in this tab" }</p>
            <p>{ app.saving.message().unwrap_or_default() }</p>
            if let Some(problem) = &*problem {
                <p class="app-error-message">{ problem.clone() }</p>
            }
            <div class="app-button-group">
                { buttons }
                <button type="button" class="app-link-button" onclick={this_tab}>{ "Download this tab\u{2019}s version" }</button>
            </div>
        </div>
    }
}

/// What a merge brought in, inside its banner.
fn merge_report(file_name: &str, report: &MergeReport) -> Html {
    html! {
        <div data-testid="merge-report">
            <h2 class="app-heading-s">{ format!("What came in from \u{201c}{file_name}\u{201d}") }</h2>
            <ul class="app-list app-list--bullet">
                { for report.describe().into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MergeApprovalProps {
    file_name: String,
    approvals: Vec<Approval>,
    lines: Vec<String>,
}

/// A partner's file would remove or rewrite another partner's words, or change their recorded
/// decision. Files are not signed, so the user decides: each change is accepted only if ticked,
/// and the rest stay as they are here.
#[component]
fn MergeApproval(props: &MergeApprovalProps) -> Html {
    let app = use_app();
    let accepted = use_state(BTreeSet::<usize>::new);
    let confirm = {
        let (app, accepted, approvals) = (app.clone(), accepted.clone(), props.approvals.clone());
        Callback::from(move |_| {
            let declined = approvals
                .iter()
                .enumerate()
                .filter(|(i, _)| !accepted.contains(i))
                .map(|(_, a)| a.key.clone())
                .collect();
            app.dispatch(AppAction::ConfirmMerge { declined });
        })
    };
    let cancel = Callback::from(move |_| app.dispatch(AppAction::DismissNotice));
    html! {
        <div class="app-warning" role="alert" data-testid="merge-approval">
            <p class="app-warning__title">{ format!("Check \u{201c}{}\u{201d} before it is merged", props.file_name) }</p>
            <ul class="app-list app-list--bullet">{ for props.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend app-fieldset__legend--s">{ "Tick each change to accept. Anything not ticked stays as it is in your project." }</legend>
                <div class="app-checkboxes">
                    { for props.approvals.iter().enumerate().map(|(i, a)| {
                        let id = format!("merge-approve-{i}");
                        let onchange = {
                            let accepted = accepted.clone();
                            Callback::from(move |e: Event| {
                                let mut next = (*accepted).clone();
                                if e.target_unchecked_into::<web_sys::HtmlInputElement>().checked() { next.insert(i); } else { next.remove(&i); }
                                accepted.set(next);
                            })
                        };
                        html! {
                            <div class="app-checkboxes__item">
                                <input class="app-checkboxes__input" type="checkbox" id={id.clone()} checked={accepted.contains(&i)} {onchange} />
                                <label class="app-label app-checkboxes__label" for={id}>{ a.description.clone() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="app-button-group">
                <button type="button" class="app-button" onclick={confirm}>{ "Merge with these choices" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={cancel}>{ "Cancel: merge nothing" }</button>
            </div>
        </div>
    }
}

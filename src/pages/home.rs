use yew::prelude::*;
use yew_router::prelude::*;

use crate::browser;
use crate::components::fields::FileField;
use crate::components::status_tag::StatusTag;
use crate::context::{file_action, offer_download, use_app};
use crate::domain::calendar::{self, clock_time, long_date};
use crate::domain::progress::{self, TaskStatus};
use crate::export::downloads;
use crate::route::Route;
use crate::store::{AppAction, FilePurpose};

#[derive(Properties, PartialEq)]
struct TaskProps {
    route: Route,
    hint: AttrValue,
    status: TaskStatus,
}

/// One row of the GOV.UK task list: the whole row is one link, the status is text.
#[component]
fn Task(props: &TaskProps) -> Html {
    let status_id = format!("status-{:?}", props.route).to_lowercase();
    html! {
        <li class="app-task-list__item">
            <div class="app-task-list__name">
                <Link<Route> to={props.route.clone()} classes="app-task-list__link">{ props.route.title() }</Link<Route>>
                <div class="app-task-list__hint">{ props.hint.clone() }</div>
            </div>
            <div class="app-task-list__status"><StatusTag status={props.status} id={AttrValue::from(status_id)} /></div>
        </li>
    }
}

#[component]
pub fn HomePage() -> Html {
    let app = use_app();
    let project = &app.project;
    let edition = project.edition();

    let save = {
        let app = app.clone();
        Callback::from(move |_| {
            let file = downloads::project_file(&app.project, &browser::now_rfc3339(), browser::today());
            offer_download(&app, file.file_name.clone(), Ok(file));
        })
    };
    let open = file_action(&app, FilePurpose::Open, |file_name, bytes| AppAction::OpenFile { file_name, bytes });
    let load_example = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(AppAction::LoadExample))
    };
    let new_project = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(AppAction::NewProject))
    };

    // After a real notification (never a "what if" date): what Annex A asks for next, and when.
    let countdown = project.inspection.notified.and_then(|notified| {
        let profile = crate::checks::profile(&project.annex_a.profile)?;
        let (today, calendar) = (browser::today(), project.calendar());
        let next = profile.next_due(notified, &calendar, today).map(|(d, due)| {
            format!(
                "Due next: {}, {}, {} ({}).",
                d.label,
                long_date(due.date()),
                clock_time(due.time()),
                calendar::countdown(&calendar, today, due.date()).to_lowercase()
            )
        });
        Some((notified, next.unwrap_or_else(|| "Every Annex A deadline has passed.".into())))
    });
    let area =
        if project.area_name.trim().is_empty() { "Unnamed local area".to_string() } else { project.area_name.clone() };

    html! {
        <>
            <span class="app-caption" data-testid="area-name">{ area }</span>
            <h1 class="app-heading-xl" id="page-heading" tabindex="-1">{ "Prepare for your area SEND inspection" }</h1>
            <p class="app-body-l">{ format!("Framework: {} ({}).", edition.title, edition.short_name) }</p>

            if let Some((notified, next)) = countdown {
                <div class="app-panel" data-testid="countdown">
                    <h2 class="app-heading-m">{ format!("Notified on {}", long_date(notified)) }</h2>
                    <p>{ next }</p>
                    <p><Link<Route> to={Route::AnnexA}>{ "Every Annex A deadline and what is still to do" }</Link<Route>></p>
                </div>
            }
            <h2 class="app-heading-m">{ "Tasks" }</h2>
            <ul class="app-task-list" data-testid="task-list">
                <Task route={Route::Partnership} hint="Name the area, record the partners and the framework edition."
                      status={progress::partnership_status(project)} />
                <Task route={Route::SelfEvaluation} hint="Co-produce the self-evaluation against each criterion."
                      status={progress::sef_status(project)} />
                <Task route={Route::AnnexA} hint="Know every Annex A deadline before notification day."
                      status={progress::annex_a_status(project, crate::checks::profile(&project.annex_a.profile).into_iter().flat_map(|p| p.documents.iter().map(|d| d.id.as_str())))} />
                <Task route={Route::Plan} hint="After the report: deadlines for the plan update and any priority action plan."
                      status={progress::plan_status(project)} />
            </ul>

            <h2 class="app-heading-m">{ "Your project file" }</h2>
            <p>{ "Your work is saved in this browser as you go. Save a copy as a file to keep it safe, to move it to another computer or to share it with partners." }</p>
            <div class="app-button-group">
                <button type="button" class="app-button" onclick={save}>{ "Save project" }</button>
            </div>
            <FileField id="open-project" label="Open a project file" accept=".json,application/json" on_change={open}
                hint="A .json file saved from this app. Your current work is replaced only if the file is valid, and you can undo it." />

            <h2 class="app-heading-m">{ "Start again or explore" }</h2>
            <div class="app-button-group">
                <button type="button" class="app-button app-button--secondary" onclick={load_example}>{ "Load the example partnership" }</button>
                <button type="button" class="app-button app-button--secondary" onclick={new_project}>{ "Start a new project" }</button>
            </div>
        </>
    }
}

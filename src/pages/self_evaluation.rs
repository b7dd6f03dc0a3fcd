use yew::prelude::*;
use yew_router::prelude::*;

use std::rc::Rc;

use crate::components::acting_as::ActingAs;
use crate::components::chart::ChartFigure;
use crate::components::radio_item::RadioItem;
use crate::components::table::{Column, Row, StackedTable};
use crate::context::{edit_with, file_action, use_app};
use crate::domain::project::ProjectEdit;
use crate::domain::sef::{self, Answer, ConflictKey, EntryKind, OverallQuestion, PositionState};
use crate::export::chart;
use crate::pages::sef_downloads::SefDownloads;
use crate::route::Route;
use crate::store::{AppAction, FilePurpose};

#[component]
pub fn SelfEvaluationPage() -> Html {
    let app = use_app();
    let project = &app.project;
    let edition = project.edition();
    let indicative = sef::indicative_position(project);
    let conflicts = project.sef.conflicts();

    let merge = file_action(&app, FilePurpose::Merge, |file_name, bytes| AppAction::MergeFile { file_name, bytes });

    html! {
        <>
            <span class="app-caption">{ edition.short_name.clone() }</span>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Self-evaluation" }</h1>
            <p class="app-body-l">{ "Co-produce the self-evaluation with every partner: what you know, what you need to do better and the difference it makes, criterion by criterion, with evidence and each partner's sign-off." }</p>

            <ActingAs partners={project.partners.clone()} current={project.acting_as.clone()}
                error={app.notice.as_ref().and_then(|n| n.error_at("acting-as")).map(|m| AttrValue::from(m.to_string()))}
                on_change={edit_with(&app, |partner| ProjectEdit::SetActingAs { partner })} />

            if !conflicts.is_empty() {
                <div class="app-warning" data-testid="conflicts">
                    <p class="app-warning__title">{ format!("{} to resolve: partners changed the same thing differently", conflicts.len()) }</p>
                    <ul class="app-list app-list--bullet">
                        { for conflicts.iter().map(|key| conflict_link(project, key)) }
                    </ul>
                </div>
            }

            <h2 class="app-heading-m">{ "Indicative overall position" }</h2>
            <p>{ "The outcome turns on two questions no criterion answers. Answer them as a partnership." }</p>
            { for OverallQuestion::ALL.iter().map(|&question| {
                let current = project.overall.get(question);
                html! {
                    <fieldset class="app-fieldset app-form-group" aria-describedby={format!("{}-hint", question.key())}>
                        <legend class="app-fieldset__legend">{ question.label() }</legend>
                        <div class="app-hint" id={format!("{}-hint", question.key())}>{ question.hint() }</div>
                        <div class="app-radios app-radios--inline">
                            { for Answer::ALL.iter().map(|&answer| html! {
                                <RadioItem id={format!("{}-{}", question.key(), answer.key())} name={question.key()} label={answer.label()}
                                    checked={current == Some(answer)}
                                    on_select={edit_with(&app, move |_: ()| ProjectEdit::SetOverallAnswer { question, answer: Some(answer) })} />
                            }) }
                        </div>
                    </fieldset>
                }
            }) }
            <div class="app-panel" data-testid="indicative">
                <p><strong>{ match indicative.outcome.and_then(|n| edition.outcome(n)) {
                    Some(o) => format!("Points to outcome {}: {}", o.number, o.short_label),
                    None => "No outcome can be read yet".to_string(),
                } }</strong></p>
                <ul class="app-list app-list--bullet">{ for indicative.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                <p class="app-hint">{ sef::INDICATIVE_BASIS }</p>
            </div>

            <h2 class="app-heading-m">{ "Criteria" }</h2>
            <div data-testid="positions-chart"><ChartFigure chart={Rc::new(chart::positions_chart(project))} /></div>
            <StackedTable caption="Self-evaluation progress by criterion" class="app-table--plain-rows" testid="sef-criteria" region="Self-evaluation progress by criterion"
                columns={vec![Column::new("Criterion"), Column::new("Position"), Column::new("Entries"), Column::new("Evidence"), Column::new("Sign-off")]}
                rows={edition.criteria.iter().map(|c| {
                    let entries: usize = EntryKind::ALL.iter().map(|k| project.sef.entries_for(&c.id, *k).count()).sum();
                    let evidence = project.sef.evidence_for(&c.id).count();
                    Row::new(
                        html! { <Link<Route> to={Route::Criterion { id: c.id.clone() }}>{ format!("{} {}", c.id, c.short_title) }</Link<Route>> },
                        vec![
                            match project.sef.position_state(&c.id) {
                                PositionState::Settled(p) => html! { <>{ p.level.label() }<span class="app-hint">{ format!(" ({} confidence)", p.confidence.label().to_lowercase()) }</span></> },
                                PositionState::Disputed(versions) => html! { <>
                                    <strong class="app-tag app-tag--yellow app-tag--inline">{ "Disputed" }</strong>
                                    <span class="app-hint">{ format!(" {}", sef::disputed_versions(project, &versions)) }</span>
                                </> },
                                PositionState::NotAssessed => html! { <span class="app-hint">{ "Not assessed" }</span> },
                            },
                            html! { { entries } },
                            if evidence == 0 { html! { <strong class="app-tag app-tag--red">{ "None" }</strong> } } else { html! { { evidence } } },
                            html! { { sef::signoff_tally(project, &c.id).describe() } },
                        ],
                    )
                }).collect::<Vec<_>>()} />
            if !edition.other_areas.is_empty() {
                <h2 class="app-heading-m">{ "Other areas inspectors always consider" }</h2>
                <p class="app-hint">{ edition.other_areas_note.clone() }</p>
                <StackedTable caption="Self-evaluation of the other areas inspectors always consider" class="app-table--plain-rows" testid="sef-other-areas" region="Other areas inspectors always consider"
                    columns={vec![Column::new("Area"), Column::new("Entries"), Column::new("Evidence"), Column::new("Sign-off")]}
                    rows={edition.other_areas.iter().map(|a| {
                        let entries: usize = EntryKind::ALL.iter().map(|k| project.sef.entries_for(&a.id, *k).count()).sum();
                        Row::new(
                            html! { <><Link<Route> to={Route::Criterion { id: a.id.clone() }}>{ a.title.clone() }</Link<Route>>
                                <span class="app-hint">{ format!(" ({})", a.source) }</span></> },
                            vec![
                                html! { { entries } },
                                html! { { project.sef.evidence_for(&a.id).count() } },
                                html! { { sef::signoff_tally(project, &a.id).describe() } },
                            ],
                        )
                    }).collect::<Vec<_>>()} />
            }
            <ul class="app-list">
                <li><Link<Route> to={Route::Evidence}>{ "Evidence log" }</Link<Route>></li>
                <li><Link<Route> to={Route::Coproduction}>{ "Who contributed where (co-production)" }</Link<Route>></li>
            </ul>

            <h2 class="app-heading-m">{ "Work with partners" }</h2>
            <p>{ "Send your project file to each partner. When they send theirs back, merge it here: everyone's entries are combined, and anything two partners changed differently is listed to resolve side by side." }</p>
            <div class="app-form-group">
                <label class="app-label" for="merge-file">{ "Merge a partner's file" }</label>
                <div class="app-hint" id="merge-file-hint">{ "A project file (.json) saved from this app by another partner. Merging the same file again changes nothing." }</div>
                <input type="file" id="merge-file" class="app-file-upload" accept=".json,application/json" aria-describedby="merge-file-hint" onchange={merge} />
            </div>

            <SefDownloads />
        </>
    }
}

fn conflict_link(project: &crate::domain::project::Project, key: &ConflictKey) -> Html {
    match key {
        ConflictKey::Entry(id) => {
            let criterion = project.sef.entries.get(id).map(|r| r.value().criterion.clone()).unwrap_or_default();
            html! { <li><Link<Route> to={Route::Criterion { id: criterion.clone() }}>{ format!("An entry on {criterion}") }</Link<Route>></li> }
        }
        ConflictKey::Position(criterion) => html! {
            <li><Link<Route> to={Route::Criterion { id: criterion.clone() }}>{ format!("The position on {criterion}") }</Link<Route>></li>
        },
        ConflictKey::Evidence(id) => {
            let title = project.sef.evidence.get(id).map(|r| r.value().title.clone()).unwrap_or_default();
            html! { <li><Link<Route> to={Route::Evidence}>{ format!("Evidence: {title}") }</Link<Route>></li> }
        }
    }
}

//! A three-year plan at scale: 300 actions each with 36 monthly progress entries and a status
//! every quarter, and 50 measures with 36 monthly values. Prints autosave (`to_json`) and open
//! (`from_json`) times and the file size beside the example project's, measured in the same
//! run. Goals: autosave under 50 ms, opening under 200 ms. Asserts nothing about time.
//! `DELIVERY_BENCH_KEEP` names a path to keep the three-year project file at, for the browser
//! figures (rendering the plan page and making the board update, `tests/bench/app.mjs`).

use std::hint::black_box;
use std::time::Instant;

use area_send_core::domain::example::example_project;
use area_send_core::domain::plan::{
    Action, ActionId, ActionStatus, LogId, Measure, MeasureValue, Milestone, PlanEdit, ProgressEntry, StatusUpdate,
};
use area_send_core::domain::project::{Project, ProjectEdit, apply};
use area_send_core::domain::project_file;
use chrono::{Months, NaiveDate};

fn three_year_project() -> Project {
    let mut p = example_project();
    let start = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let month = |n: u32| start.checked_add_months(Months::new(n)).unwrap();
    let recommendations: Vec<_> = p.plan.recommendations.iter().map(|r| r.id.clone()).collect();
    let partners: Vec<_> = p.partners.iter().map(|p| p.id.clone()).collect();
    p.plan.actions.clear();
    for n in 0..300 {
        let id = format!("action-{n}");
        let log = |kind: &str, m: u32| LogId(format!("{id}-{kind}-{m}"));
        let action = Action {
            id: ActionId(id.clone()),
            recommendation: recommendations[n % recommendations.len()].clone(),
            what: format!(
                "Action {n}: a sentence or two on what the partners will do, for whom, and by when, as a published plan writes it."
            ),
            responsible: Some(partners[n % partners.len()].clone()),
            start: Some(start),
            end: Some(month(36)),
            lead: "Head of Service, Northdale Council".into(),
            for_families: "Families will see a named contact and shorter waits.".into(),
            milestones: (0..6)
                .map(|m| Milestone {
                    text: format!("Milestone {m}"),
                    due: Some(month(m * 6 + 5)),
                    done_on: (m < 2).then(|| month(m * 6 + 4)),
                })
                .collect(),
            measures: if n < 50 {
                vec![Measure {
                    name: format!("Measure {n}"),
                    baseline: "62".into(),
                    target: "26".into(),
                    actual: String::new(),
                    values: (0..36)
                        .map(|m| MeasureValue { id: log("v", m), on: month(m), value: (62 - m).to_string() })
                        .collect(),
                }]
            } else {
                Vec::new()
            },
            statuses: (0..12)
                .map(|q| StatusUpdate {
                    id: log("s", q),
                    on: month(q * 3),
                    status: ActionStatus::ALL[1 + (q as usize + n) % 3],
                    note: "The reason for the status and what is being done about it, in a sentence.".into(),
                })
                .collect(),
            progress: (0..36)
                .map(|m| ProgressEntry {
                    id: log("p", m),
                    on: month(m),
                    done: "What we have done so far this month, in a sentence or two as boards expect.".into(),
                    to_develop: "What we need to develop next month.".into(),
                })
                .collect(),
            ..Default::default()
        };
        apply(&mut p, ProjectEdit::Plan(PlanEdit::SaveAction { action: Box::new(action) })).expect("valid action");
    }
    p
}

/// Median milliseconds of `runs` calls.
fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn report(name: &str, project: &Project) {
    let json = project_file::to_json(project, "2029-11-28T09:00:00Z");
    let save_ms = time(21, || {
        black_box(project_file::to_json(black_box(project), "2029-11-28T09:00:00Z"));
    });
    let open_ms = time(21, || {
        black_box(project_file::from_json(black_box(&json)).expect("opens"));
    });
    println!(
        "{name:<28} autosave (to_json) {save_ms:>7.2} ms   open (from_json) {open_ms:>7.2} ms   file {:>9} bytes ({:.2} MB)",
        json.len(),
        json.len() as f64 / 1_048_576.0
    );
}

fn main() {
    let example = example_project();
    let big = three_year_project();
    let progress: usize = big.plan.actions.iter().map(|a| a.progress.len()).sum();
    let values: usize = big.plan.actions.iter().flat_map(|a| &a.measures).map(|m| m.values.len()).sum();
    println!(
        "three-year plan: {} actions, {progress} progress entries, {values} measure values (goals: autosave < 50 ms, open < 200 ms)",
        big.plan.actions.len()
    );
    report("example project", &example);
    report("three-year plan", &big);
    if let Ok(path) = std::env::var("DELIVERY_BENCH_KEEP") {
        std::fs::write(&path, project_file::to_json(&big, "2029-11-28T09:00:00Z"))
            .expect("the kept project is written");
        println!("  (kept at {path})");
    }
}

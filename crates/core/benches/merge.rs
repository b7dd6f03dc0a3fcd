//! Merge speed: two partners' copies of a 500-entry self-evaluation, each with its own 250 new
//! entries and 100 edits to shared ones. Prints figures; asserts nothing about time.

use std::hint::black_box;
use std::time::Instant;

use area_send_core::domain::example::example_project;
use area_send_core::domain::merge::merge;
use area_send_core::domain::project::{PartnerId, Project, ProjectEdit, apply};
use area_send_core::domain::project_file;
use area_send_core::domain::register::{RevId, Stamp};
use area_send_core::domain::sef::{EntryId, EntryKind, SefEdit};

fn stamp(rev: String, by: &str) -> Stamp {
    Stamp { rev: RevId(rev), by: PartnerId(by.into()), at: "2026-11-23T10:00:00Z".into() }
}

fn add(p: &mut Project, id: String, by: &str, n: usize) {
    let criterion = p.edition().criteria[n % 12].id.clone();
    let text = format!(
        "Entry {n}: a realistic paragraph of about forty words describing what the partnership knows, how it knows it, and the difference it makes for children and young people with SEND and their families in the area."
    );
    let edit = SefEdit::AddEntry {
        id: EntryId(id.clone()),
        stamp: stamp(id, by),
        criterion,
        kind: EntryKind::ALL[n % 3],
        text,
    };
    apply(p, ProjectEdit::Sef(edit)).expect("valid edit");
}

fn main() {
    let mut base = example_project();
    base.sef = Default::default();
    for n in 0..250 {
        add(&mut base, format!("base-{n}"), "example-la", n);
    }
    let (mut a, mut b) = (base.clone(), base.clone());
    for n in 0..250 {
        add(&mut a, format!("a-{n}"), "example-icb", n);
        add(&mut b, format!("b-{n}"), "example-pcf", n);
    }
    for n in 0..100 {
        let id = EntryId(format!("base-{n}"));
        let edit = |rev: String, by: &str| {
            ProjectEdit::Sef(SefEdit::EditEntry { id: id.clone(), stamp: stamp(rev, by), text: format!("Changed {n}") })
        };
        apply(&mut a, edit(format!("a-edit-{n}"), "example-icb")).unwrap();
        apply(&mut b, edit(format!("b-edit-{n}"), "example-pcf")).unwrap();
    }
    println!("entries: local {}, incoming {}", a.sef.entries.len(), b.sef.entries.len());

    // Baseline in the same run: cloning the project, the least any merge must do.
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(a.clone());
    }
    let clone_ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;

    let start = Instant::now();
    let mut report = None;
    for _ in 0..runs {
        report = Some(black_box(merge(&a, &b).expect("same edition")));
    }
    let merge_ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let (merged, report) = report.unwrap();

    let text = project_file::to_json(&merged, "2026-11-23T10:00:00Z");
    let start = Instant::now();
    for _ in 0..runs {
        black_box(project_file::from_json(&text).unwrap());
    }
    let open_ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;

    println!(
        "merged entries: {} ({} new, {} changed, {} conflicts)",
        merged.sef.entries.len(),
        report.new_entries,
        report.updated_entries,
        report.conflicts.len()
    );
    println!(
        "merge of two 500-entry SEFs: {merge_ms:.2} ms (baseline clone {clone_ms:.2} ms, ratio {:.1}x)",
        merge_ms / clone_ms
    );
    println!("open merged project file ({} KB): {open_ms:.2} ms", text.len() / 1024);
}

//! Fuzzing everything that reads a project's text (issues 15 and 19): the built-in example with
//! its names, entries, actions and glossary replaced by generated Unicode (letters whose case
//! changes their length in bytes, combining marks, acronyms from the glossary, empty and huge
//! strings), then saved and opened (validation), merged both ways, made into easy read, checked
//! for plain language and exported as every document in every format. Each case must finish
//! within a time limit and never panic. Kept in `tests/` so proptest's regression files land
//! beside this file.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use area_send_core::domain::example::example_project;
use area_send_core::domain::merge::merge;
use area_send_core::domain::plain_language::{self, glossary};
use area_send_core::domain::project::Project;
use area_send_core::domain::project_file::{from_json, to_json};
use area_send_core::export::downloads::{Document, make};
use area_send_core::export::plan::{easy_read, easy_read_points, easy_read_sef_points};
use proptest::prelude::*;
use serde_json::Value;

/// Per case, in a debug build on a slow machine; a release build takes a small fraction.
const LIMIT: Duration = Duration::from_secs(60);

/// Pieces that have broken text handling: case-changing letters ("İ" lower-cases to 3 bytes,
/// "ẞ" and "ﬁ" to more letters), combining marks, the Kelvin sign, right-to-left and
/// zero-width characters, noncharacters, glossary terms and sentence ends.
const PIECES: &[&str] = &[
    "İ",
    "ı",
    "ẞ",
    "ß",
    "ﬁ",
    "Σ",
    "ς",
    "ǅ",
    "\u{212a}",
    "\u{301}",
    "\u{308}\u{323}",
    "\u{202e}",
    "\u{200b}",
    "\u{fffe}",
    "\u{ffff}",
    "😀",
    "LA",
    "SEND",
    "EHC plan",
    "SENCO",
    "the",
    "a",
    "every",
    " ",
    ". ",
    "; ",
    "\n",
    "-",
    "Northdale Council SEND and Inclusion Service",
    "x",
    "\u{0}",
    "\u{7}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|p| p.concat()),
        1 => Just(String::new()),
        1 => any::<String>(),
        // Long: a few pages (the file's limit of 100,000 characters is tested in project_file.rs).
        1 => (proptest::sample::select(PIECES), 100usize..2_000).prop_map(|(p, n)| p.repeat(n).chars().take(10_000).collect()),
    ]
}

/// The example, saved, with generated texts put in, as file text.
fn hostile_file(texts: &[String]) -> String {
    let mut file: Value = serde_json::from_str(&to_json(&example_project(), "2026-11-23T12:00:00Z")).unwrap();
    let p = &mut file["project"];
    p["area_name"] = texts[0].clone().into();
    p["partners"][0]["name"] = texts[1].clone().into();
    p["plan"]["actions"][0]["what"] = texts[2].clone().into();
    p["plan"]["recommendations"][0]["text"] = texts[3].clone().into();
    p["plan"]["recommendations"][0]["responsible_body"] = texts[4].clone().into();
    let entries = p["sef"]["entries"].as_object_mut().unwrap();
    for (n, register) in entries.values_mut().take(3).enumerate() {
        register[0]["value"]["text"] = texts[5 + n].clone().into();
    }
    p["plan"]["glossary"] = serde_json::json!([
        { "term": texts[8], "expansion": texts[9], "plain": texts[10] },
        { "term": "LA", "expansion": "local authority", "plain": texts[11] },
    ]);
    file.to_string()
}

/// Everything that reads the project's text.
fn read_everything(project: &Project) {
    let example = example_project();
    let _ = merge(&example, project).unwrap();
    let _ = merge(project, &example).unwrap();
    let _ = easy_read(project);
    let _ = easy_read_points(project);
    let _ = easy_read_sef_points(project);
    let words = glossary(&project.plan.glossary);
    for action in &project.plan.actions {
        let _ = plain_language::check(&action.what, &words);
        let _ = plain_language::to_plain(&action.what, &words);
        let _ = plain_language::one_idea_each(&action.what);
    }
    for entry in project.sef.entries.values() {
        let _ = plain_language::check(&entry.value().text, &words);
    }
    let today = "2026-12-02".parse().unwrap();
    for document in Document::ALL {
        for &format in document.formats() {
            // A refusal with a message is fine (Excel holds at most 32,767 characters a cell).
            match make(project, document, format, today) {
                Ok(made) => assert!(!made.bytes.is_empty(), "{document:?} as {format:?}"),
                Err(e) => assert!(e.to_string().len() > 10, "{e:?}"),
            }
        }
    }
}

/// Opens the file (validation), then reads everything in what opened, or, when it was refused,
/// in the project as typed (the app's own edits can hold any text, so exports must cope).
fn case(file: String) -> Result<(), String> {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let opened = from_json(&file);
        if let Err(e) = &opened {
            assert!(e.to_string().len() > 10, "{e:?}");
        }
        let project = opened.unwrap_or_else(|_| {
            let mut value: Value = serde_json::from_str(&file).unwrap();
            serde_json::from_value(value["project"].take()).unwrap()
        });
        read_everything(&project);
        let _ = send.send(());
    });
    match receive.recv_timeout(LIMIT) {
        Ok(()) => Ok(()),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("took longer than {LIMIT:?}")),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("panicked (see the thread's message above)".into()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_texts_open_merge_read_and_export_in_time(texts in proptest::collection::vec(text(), 12)) {
        let file = hostile_file(&texts);
        prop_assert_eq!(case(file), Ok(()));
    }
}

/// The cases the issues name, every time.
#[test]
fn the_named_attacks_finish_in_time() {
    let long = "The LA will review every EHC plan İ. ".repeat(250);
    for texts in [
        vec!["İ".repeat(20); 12],
        vec![String::new(); 12],
        vec![long.clone(); 12],
        vec!["Northdale Council SEND and Inclusion Service".to_string(); 12],
    ] {
        assert_eq!(case(hostile_file(&texts)), Ok(()));
    }
}

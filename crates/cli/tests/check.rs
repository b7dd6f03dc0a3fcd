//! `area-send check` under its first name, `annex-a-check`, run as an analyst would, on
//! generated fictional files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use area_send_core::checks::example_data::{Value, example_workbook, synthetic_list_xlsx, xlsx_from_rows};
use area_send_core::checks::profile;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("annex-a-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annex-a-check")).args(args).args(files).output().unwrap()
}

fn json(out: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn clean_lists_exit_0() {
    let d = dir("clean");
    let p = profile("full-2025").unwrap();
    let l1 = write(&d, "list1.xlsx", &synthetic_list_xlsx(p, "list-1", 40).unwrap());
    let l2 = write(&d, "list2.xlsx", &synthetic_list_xlsx(p, "list-2", 40).unwrap());
    let out = run(&["--profile", "full-2025", "--json", "--as-of", "2025-10-01", "--today", "2025-11-20"], &[&l1, &l2]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out), Vec::<serde_json::Value>::new());
    let human = run(&["--profile", "full-2025", "--as-of", "2025-10-01", "--today", "2025-11-20"], &[&l1, &l2]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("List 1") && text.contains("40 rows") && text.contains("Total: 0 errors"), "{text}");
}

#[test]
fn example_with_errors_exits_1_with_exact_json_fields() {
    let d = dir("example");
    let f = write(&d, "example.xlsx", &example_workbook().unwrap());
    let out = run(&["--profile", "full-2025", "--json", "--today", "2025-11-20"], &[&f]);
    assert_eq!(out.status.code(), Some(1));
    let items = json(&out);
    assert!(!items.is_empty());
    for item in &items {
        let obj = item.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["column", "file", "list", "message", "row", "rule", "severity", "sheet"]);
        assert!(["error", "query", "warning"].contains(&obj["severity"].as_str().unwrap()));
    }
    let future = items.iter().find(|i| i["rule"] == "DATE-FUTURE").unwrap();
    assert_eq!(future["file"], "example.xlsx");
    assert_eq!(future["sheet"], "List 1");
    assert_eq!(future["list"], "List 1");
    assert_eq!(future["row"], 4);
    assert_eq!(future["column"], "Date of birth");
    assert!(items.iter().any(|i| i["rule"] == "LIST-AS-OF-MISSING"));
    // Human output groups by file and list and says how to fix.
    let human = run(&["--profile", "full-2025", "--today", "2025-11-20"], &[&f]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("example.xlsx — sheet “List 1”: List 1") && text.contains("How to fix:"), "{text}");
    assert_eq!(human.status.code(), Some(1));
}

#[test]
fn unreadable_file_exits_2_and_still_reports_the_others() {
    let d = dir("bad");
    let p = profile("full-2025").unwrap();
    let good = write(&d, "list1.xlsx", &synthetic_list_xlsx(p, "list-1", 5).unwrap());
    let pdf = write(&d, "list2.xlsx", b"%PDF-1.7 fictional");
    let out =
        run(&["--profile", "full-2025", "--json", "--as-of", "2025-10-01", "--today", "2025-11-20"], &[&good, &pdf]);
    assert_eq!(out.status.code(), Some(2));
    let items = json(&out);
    let bad = items.iter().find(|i| i["rule"] == "FILE-UNREADABLE").unwrap();
    assert_eq!(bad["file"], "list2.xlsx");
    assert!(bad["message"].as_str().unwrap().contains("PDF"));
    assert!(bad["sheet"].is_null() && bad["row"].is_null());
    // List 1 was still checked: List 2 is reported missing, not List 1.
    assert!(items.iter().any(|i| i["rule"] == "LIST-NOT-FOUND" && i["list"] == "List 2"));
    assert!(!items.iter().any(|i| i["rule"] == "LIST-NOT-FOUND" && i["list"] == "List 1"));
    let missing = run(&["--profile", "full-2025"], &[&d.join("no-such-file.xlsx")]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn bad_arguments_exit_2() {
    let d = dir("args");
    let f = write(&d, "l.csv", b"Unique ID\nA1\n");
    assert_eq!(run(&["--json"], &[&f]).status.code(), Some(2), "no profile");
    assert_eq!(run(&["--profile", "nope"], &[&f]).status.code(), Some(2));
    assert_eq!(run(&["--profile", "full-2025"], &[]).status.code(), Some(2), "no files");
    assert_eq!(run(&["--profile", "full-2025", "--today", "20/11/2025"], &[&f]).status.code(), Some(2));
    assert_eq!(run(&["--profile", "full-2025", "--bogus"], &[&f]).status.code(), Some(2));
    let help = run(&["--help"], &[]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--profile <PROFILE>"));
}

#[test]
fn ap_thematic_csv_with_identifiers_is_warned_and_exit_reflects_errors() {
    let d = dir("ap");
    let csv = "Unique ID,Age,Gender,In or out of area,Journey time (minutes),Attendance (%),Forename\n\
               P-001,12,a) Male,Out of area,,85,Xyz\n\
               P-002,19,b) Female,In area,,140,Abc\n";
    let f = write(&d, "ap-current.csv", csv.as_bytes());
    let out =
        run(&["--profile", "ap-thematic-2023", "--json", "--as-of", "2025-10-01", "--today", "2025-11-20"], &[&f]);
    assert_eq!(out.status.code(), Some(1));
    let items = json(&out);
    let rules: Vec<&str> = items.iter().map(|i| i["rule"].as_str().unwrap()).collect();
    for r in ["AP-JOURNEY-TIME-MISSING", "AGE-OUT-OF-SCOPE", "PERCENT-INVALID", "PII-NAME"] {
        assert!(rules.contains(&r), "{r} not in {rules:?}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("Xyz") && !stdout.contains("Abc"), "names never appear in output");
}

#[test]
fn sheet_with_header_row_lower_down_in_xlsx() {
    let d = dir("lower");
    let mut rows = vec![vec![Value::from("Fictional council – List 2 extract")], vec![]];
    rows.extend(area_send_core::checks::example_data::clean_rows(profile("full-2025").unwrap(), "list-2", 3));
    let f = write(&d, "extract.xlsx", &xlsx_from_rows(&[("Extract", rows)]).unwrap());
    let out = run(&["--profile", "full-2025", "--json", "--as-of", "2025-10-01", "--today", "2025-11-20"], &[&f]);
    let items = json(&out);
    assert!(items.iter().all(|i| i["list"] != "List 2" || i["rule"] == "LIST-NOT-FOUND"), "{items:?}");
    assert!(items.iter().any(|i| i["rule"] == "LIST-NOT-FOUND" && i["list"] == "List 1"));
}

#[test]
fn local_offer_2026_list_is_read_under_either_name() {
    // A small fictional pseudonymised list of children and young people with SEND aged 0–25.
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/local-offer-2026.csv");
    let args = ["--profile", "local-offer-2026", "--json", "--as-of", "2026-11-20", "--today", "2026-11-23"];
    let out = run(&args, &[&f]);
    let new = Command::new(env!("CARGO_BIN_EXE_area-send")).arg("check").args(args).arg(&f).output().unwrap();
    assert_eq!((out.status.code(), &out.stdout), (new.status.code(), &new.stdout), "both names print the same");
    let items = json(&out);
    // The list is found and read: no error at all, only queries: the out-of-area placement with
    // no journey time, a blank involvement cell, and the provider list (asked for only where held).
    assert_eq!(out.status.code(), Some(0), "{items:?}");
    let rules: Vec<(&str, &str, Option<i64>)> = items
        .iter()
        .map(|i| (i["rule"].as_str().unwrap(), i["severity"].as_str().unwrap(), i["row"].as_i64()))
        .collect();
    assert_eq!(
        rules,
        [
            ("AP-JOURNEY-TIME-MISSING", "query", Some(4)),
            ("VALUE-BLANK", "query", Some(5)),
            ("LIST-NOT-FOUND-OPTIONAL", "query", None)
        ],
        "{items:?}"
    );
    // A 26-year-old is out of scope (0–25): an error, so the exit code is 1.
    let d = dir("local-offer");
    let csv = "Unique ID,Age,Setting type\nLO-9,26,Independent\n";
    let bad = write(&d, "lo.csv", csv.as_bytes());
    let out = run(&args, &[&bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out).iter().any(|i| i["rule"] == "AGE-OUT-OF-SCOPE"));
}

/// Issue 19: a file name or header holding terminal escapes could clear the screen and print a
/// fake "Total: 0 errors" in human mode.
#[test]
fn terminal_escapes_in_file_names_and_headers_are_shown_not_obeyed() {
    let d = dir("escapes");
    let p = profile("full-2025").unwrap();
    let list = write(&d, "list\u{1b}[2J\rTotal: 0 errors.xlsx", &synthetic_list_xlsx(p, "list-1", 3).unwrap());
    let broken = write(&d, "broken\u{1b}[2J.xlsx", b"PK\x03\x04 not really a workbook");
    let out = run(&["--profile", "full-2025", "--today", "2025-11-20"], &[&list, &broken]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    assert!(text.contains("list\\u{1b}[2J\\u{d}Total: 0 errors.xlsx"), "{text}");
    assert!(text.contains("broken\\u{1b}[2J.xlsx"), "{text}");
}

#[test]
fn annotate_writes_the_apps_marked_up_copy_of_each_checked_file_and_says_what_it_holds() {
    let d = dir("annotate");
    let f = write(&d, "Example list.xlsx", &example_workbook().unwrap());
    let notes = write(&d, "notes.csv", b"Nothing,to,see\n1,2,3\n");
    let out_dir = d.join("marked up");
    let out = run(
        &["--profile", "full-2025", "--json", "--today", "2025-11-20", "--annotate", out_dir.to_str().unwrap()],
        &[&f, &notes],
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!json(&out).is_empty(), "stdout is still the JSON alone");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("a marked-up copy of “Example list.xlsx”") && said.contains("person-level data"), "{said}");
    let written: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(written, ["Example list - marked up.xlsx"], "only the file that held a list");
    // The same bytes as the app's worker makes from the same check.
    use area_send_core::checks::session::{self, CheckRequest, InputFile};
    use area_send_core::checks::{ReadOptions, read_workbook};
    let bytes = example_workbook().unwrap();
    let request = CheckRequest::new("full-2025", "2025-11-20".parse().unwrap());
    let files = [
        InputFile { name: "Example list.xlsx".into(), bytes: Ok(bytes.clone()) },
        InputFile { name: "notes.csv".into(), bytes: Ok(b"Nothing,to,see\n1,2,3\n".to_vec()) },
    ];
    let outcome = session::run(&request, files, 2, &mut |_| {}).unwrap();
    let workbook = read_workbook("Example list.xlsx", &bytes, ReadOptions::default()).unwrap();
    let app =
        area_send_core::export::downloads::marked_up_copy(workbook, &outcome, request.today, &mut |_| {}).unwrap();
    assert_eq!(std::fs::read(out_dir.join("Example list - marked up.xlsx")).unwrap(), app.bytes);
}

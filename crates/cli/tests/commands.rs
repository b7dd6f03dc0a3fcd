//! `area-send` as a pipeline runs it: the check under both names, every export against the
//! app's own download, project-file validation, and what each prints (snapshots).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use area_send_core::checks::example_data::example_workbook;
use area_send_core::domain::example::example_project;
use area_send_core::domain::project_file;
use area_send_core::export::downloads::{self, Document};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("area-send-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn area_send(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_area-send")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn check_under_either_name_prints_the_same() {
    let d = dir("names");
    let file = d.join("example.xlsx");
    std::fs::write(&file, example_workbook().unwrap()).unwrap();
    for json in [false, true] {
        let mut args = vec!["--profile", "full-2025", "--today", "2025-11-20", path(&file)];
        if json {
            args.insert(0, "--json");
        }
        let old = Command::new(env!("CARGO_BIN_EXE_annex-a-check")).args(&args).output().unwrap();
        let new = area_send(&[&["check"], args.as_slice()].concat());
        assert_eq!(old.status.code(), Some(1));
        assert_eq!((old.status.code(), text(&old.stdout)), (new.status.code(), text(&new.stdout)));
        let name = if json { "check_example_json" } else { "check_example_human" };
        insta::assert_snapshot!(name, text(&new.stdout));
    }
}

#[test]
fn values_show_only_when_asked_for_and_never_in_json() {
    let d = dir("values");
    let file = d.join("example.xlsx");
    std::fs::write(&file, example_workbook().unwrap()).unwrap();
    let base = ["check", "--profile", "full-2025", "--today", "2025-11-20", path(&file)];
    // The example's SEN primary need "Autism" is not a code (ASD is).
    let shown = text(&area_send(&[&base[..], &["--values"]].concat()).stdout);
    assert!(shown.contains("value “Autism”"), "{shown}");
    assert!(!text(&area_send(&base).stdout).contains("Autism"));
    assert!(!text(&area_send(&[&base[..], &["--json", "--values"]].concat()).stdout).contains("Autism"));
}

#[test]
fn every_export_equals_the_apps_download_byte_for_byte() {
    let d = dir("export");
    let today = "2026-12-02".parse().unwrap();
    let project = example_project();
    // From a saved project file as well as from `example`: the same bytes.
    let saved = d.join("example-project.json");
    std::fs::write(&saved, project_file::to_json(&project, "2026-12-02T09:00:00Z")).unwrap();
    for document in Document::ALL {
        for format in document.formats() {
            let expected = downloads::make(&project, document, *format, today).unwrap();
            for source in ["example", path(&saved)] {
                let out = d.join(&expected.file_name);
                let run = area_send(&[
                    "export",
                    "--project",
                    source,
                    "--what",
                    document.key(),
                    "--format",
                    format.key(),
                    "--out",
                    path(&out),
                    "--as-of",
                    "2026-12-02",
                ]);
                assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
                assert!(std::fs::read(&out).unwrap() == expected.bytes, "{} from {source} differs", expected.file_name);
            }
            let to_stdout = area_send(&[
                "export",
                "--project",
                "example",
                "--what",
                document.key(),
                "--format",
                format.key(),
                "--out",
                "-",
                "--as-of",
                "2026-12-02",
            ]);
            assert!(to_stdout.stdout == expected.bytes, "{} on standard output differs", expected.file_name);
            assert!(to_stdout.stderr.is_empty(), "nothing but the file on standard output");
        }
    }
}

#[test]
fn export_refuses_what_the_app_does_not_offer() {
    let not_offered =
        area_send(&["export", "--project", "example", "--what", "evidence", "--format", "docx", "--out", "-"]);
    assert_eq!(not_offered.status.code(), Some(2));
    let unknown = area_send(&["export", "--project", "example", "--what", "minutes", "--format", "html", "--out", "-"]);
    assert_eq!(unknown.status.code(), Some(2));
    let missing = area_send(&["export", "--what", "sef", "--format", "html", "--out", "-"]);
    assert_eq!(missing.status.code(), Some(2));
    let first_line = |o: &Output| text(&o.stderr).lines().next().unwrap_or_default().to_string();
    insta::assert_snapshot!(
        "export_refusals",
        [first_line(&not_offered), first_line(&unknown), first_line(&missing)].join("\n")
    );
    let d = dir("export-bad");
    let bad = d.join("notes.json");
    std::fs::write(&bad, "{\"format\": \"area-send-project\", \"format_version\": 1, \"project\": {\"area_na").unwrap();
    let broken = area_send(&["export", "--project", path(&bad), "--what", "sef", "--format", "html", "--out", "-"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(broken.stdout.is_empty());
    let expected = project_file::from_bytes(&std::fs::read(&bad).unwrap()).unwrap_err().to_string();
    assert_eq!(text(&broken.stderr).trim_end(), format!("area-send export: “notes.json” does not open: {expected}"));
}

#[test]
fn validate_gives_the_apps_message() {
    let d = dir("validate");
    let good = d.join("good.json");
    std::fs::write(&good, project_file::to_json(&example_project(), "2026-12-02T09:00:00Z")).unwrap();
    let ok = area_send(&["validate", path(&good)]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));

    let mut lines = vec![text(&ok.stdout)];
    let cases: [(&str, &[u8]); 4] = [
        ("truncated.json", b"{\"format\": \"area-send-project\", \"format_version\": 1, \"project\": {\"area_na"),
        ("newer.json", b"{\"format\": \"area-send-project\", \"format_version\": 99, \"project\": {}}"),
        ("list.json", b"%PDF-1.7"),
        ("empty.json", b""),
    ];
    for (name, bytes) in cases {
        let file = d.join(name);
        std::fs::write(&file, bytes).unwrap();
        let run = area_send(&["validate", path(&file)]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        let expected = project_file::from_bytes(bytes).unwrap_err().to_string();
        assert_eq!(text(&run.stdout), format!("“{name}” does not open: {expected}\n"));
        lines.push(text(&run.stdout));
    }
    assert_eq!(area_send(&["validate"]).status.code(), Some(2));
    insta::assert_snapshot!("validate_messages", lines.concat());
}

#[test]
fn help_is_printed_and_bad_commands_exit_2() {
    let help = area_send(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let export_help = area_send(&["export", "--help"]);
    assert_eq!(export_help.status.code(), Some(0));
    assert_eq!(area_send(&[]).status.code(), Some(2));
    assert_eq!(area_send(&["publish"]).status.code(), Some(2));
    insta::assert_snapshot!("help", [text(&help.stdout), text(&export_help.stdout)].join("\n"));
}

#[test]
fn board_update_as_at_a_date_since_the_last_for_one_plan_equals_the_apps() {
    use area_send_core::domain::plan::PlanId;
    use area_send_core::export::downloads::{Format, MakeOptions};
    let project = example_project();
    let options = MakeOptions { since: "2027-10-01".parse().ok(), plan: Some(PlanId("example-plan-pap".into())) };
    let expected =
        downloads::make_with(&project, Document::BoardUpdate, Format::Odt, "2027-11-01".parse().unwrap(), &options)
            .unwrap();
    // `area-send export --project example --what WHAT --format FORMAT --out -` and then `extra`.
    let export = |what: &str, format: &str, extra: &[&str]| {
        let mut args = vec!["export", "--project", "example", "--what", what, "--format", format, "--out", "-"];
        args.extend_from_slice(extra);
        area_send(&args)
    };
    let pap = ["--as-at", "2027-11-01", "--since", "2027-10-01", "--plan", "example-plan-pap"];
    let run = export("board-update", "odt", &pap);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(run.stdout == expected.bytes, "the command's board update is the app's");
    let html = export("board-update", "html", &pap);
    insta::assert_snapshot!("board_update_pap_html", text(&html.stdout));
    let backwards = export("board-update", "html", &["--as-at", "2027-11-01", "--since", "2027-12-01"]);
    let not_board = export("sef", "html", &["--since", "2027-12-01"]);
    let unknown_plan = export("board-update", "html", &["--plan", "nope"]);
    assert_eq!(
        (backwards.status.code(), not_board.status.code(), unknown_plan.status.code()),
        (Some(2), Some(2), Some(1))
    );
    let first_line = |o: &Output| text(&o.stderr).lines().next().unwrap_or_default().to_string();
    insta::assert_snapshot!(
        "board_update_refusals",
        [first_line(&backwards), first_line(&not_board), first_line(&unknown_plan)].join("\n")
    );
}

#[test]
fn the_review_page_with_chosen_criteria_equals_the_apps() {
    let project = example_project();
    let today = "2026-12-02".parse().unwrap();
    let chosen = ["A1".to_string(), "B1".to_string()].into();
    let expected = downloads::review_page(&project, today, &chosen).unwrap();
    let args =
        ["--project", "example", "--what", "review-page", "--format", "html", "--out", "-", "--as-of", "2026-12-02"];
    let run = area_send(&[&["export"], &args[..], &["--criteria", "A1, B1,A3"]].concat());
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    // A3 is not agreed, so it is left out as the plan page leaves it out.
    assert!(run.stdout == expected.bytes, "the command's review page is the app's");
    assert!(text(&run.stdout).contains("Area 2 of our self-evaluation") && !text(&run.stdout).contains("Area 3 of"));
    let not_page = area_send(&[
        "export",
        "--project",
        "example",
        "--what",
        "sef",
        "--format",
        "html",
        "--out",
        "-",
        "--criteria",
        "A1",
    ]);
    assert_eq!(not_page.status.code(), Some(2));
    assert!(text(&not_page.stderr).starts_with("area-send export: --criteria is for --what review-page only"));
}

//! Every file the app offers for download, by what it is and its format, with its file name and
//! media type. The app's download buttons and the `area-send export` command both call [`make`],
//! so a council's publishing pipeline gets exactly the bytes a person gets from the page.

use chrono::NaiveDate;

use super::xlsx::ExportError;
use super::{annex_a, board, docx, findings, html, markdown, odt, plan, review_page, sef, verify};
use crate::checks;
use crate::checks::session::{CheckOutcome, ExportRequest, MadeFile, Progress};
use crate::domain::counting::{self, with_commas};
use crate::domain::plan::PlanId;
use crate::domain::project::Project;
use crate::domain::project_file::{self, area_slug};
use crate::write::package::Properties;

/// A document the app makes from the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The full self-evaluation.
    Sef,
    /// The self-evaluation summary for a scrutiny board.
    Summary,
    /// The evidence log.
    Evidence,
    /// The strategic plan update (with the priority action plan under outcome 3).
    Plan,
    /// The plan in easy read.
    EasyRead,
    /// The action plan as a table.
    ActionPlan,
    /// The Annex A readiness summary.
    Readiness,
    /// The short update for a scrutiny or partnership board, as at a date.
    BoardUpdate,
    /// The review page for families: one HTML file carrying the review pack (see [`review_page`]).
    ReviewPage,
}

/// A file format a document can be made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
    /// OpenDocument text, beside every Word file (the UK government's open standard for
    /// documents shared for editing).
    Odt,
    Md,
    Csv,
    Xlsx,
    /// OpenDocument spreadsheet, beside every Excel file.
    Ods,
}

impl Document {
    pub const ALL: [Document; 9] = [
        Document::Sef,
        Document::Summary,
        Document::Evidence,
        Document::Plan,
        Document::EasyRead,
        Document::ActionPlan,
        Document::Readiness,
        Document::BoardUpdate,
        Document::ReviewPage,
    ];

    /// The name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Document::Sef => "sef",
            Document::Summary => "summary",
            Document::Evidence => "evidence",
            Document::Plan => "plan",
            Document::EasyRead => "easy-read",
            Document::ActionPlan => "action-plan",
            Document::Readiness => "readiness",
            Document::BoardUpdate => "board-update",
            Document::ReviewPage => "review-page",
        }
    }

    pub fn from_key(key: &str) -> Option<Document> {
        Document::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The formats it is offered in, in the order the page offers them.
    pub fn formats(self) -> &'static [Format] {
        match self {
            Document::Sef | Document::Summary | Document::BoardUpdate => &[Format::Html, Format::Docx, Format::Odt],
            Document::Evidence => &[Format::Csv],
            Document::Plan => &[Format::Html, Format::Docx, Format::Odt, Format::Md],
            Document::EasyRead | Document::Readiness | Document::ReviewPage => &[Format::Html],
            Document::ActionPlan => &[Format::Csv, Format::Xlsx, Format::Ods],
        }
    }

    /// What it is called in a sentence.
    pub fn title(self) -> &'static str {
        match self {
            Document::Sef => "self-evaluation",
            Document::Summary => "self-evaluation summary",
            Document::Evidence => "evidence log",
            Document::Plan => "strategic plan update",
            Document::EasyRead => "easy read plan",
            Document::ActionPlan => "action plan",
            Document::Readiness => "Annex A readiness summary",
            Document::BoardUpdate => "board update",
            Document::ReviewPage => "review page for families",
        }
    }

    /// The file name after the area's name, before the extension.
    fn file_stem(self) -> &'static str {
        match self {
            Document::Sef => "self-evaluation",
            Document::Summary => "self-evaluation-summary",
            Document::Evidence => "evidence-log",
            Document::Plan => "strategic-plan-update",
            Document::EasyRead => "plan-easy-read",
            Document::ActionPlan => "action-plan",
            Document::Readiness => "annex-a-readiness",
            Document::BoardUpdate => "board-update",
            Document::ReviewPage => "review-page",
        }
    }
}

impl Format {
    pub const ALL: [Format; 7] =
        [Format::Html, Format::Docx, Format::Odt, Format::Md, Format::Csv, Format::Xlsx, Format::Ods];

    /// The name on the command line, which is also the file extension.
    pub fn key(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
        }
    }

    pub fn from_key(key: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Html => "text/html;charset=utf-8",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Md => "text/markdown;charset=utf-8",
            Format::Csv => "text/csv;charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Odt => crate::write::odf::TEXT_MIME,
            Format::Ods => crate::write::odf::SPREADSHEET_MIME,
        }
    }
}

/// A file ready to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Why a download could not be made. Messages are written for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DownloadError {
    /// The document is not made in that format.
    #[error("the {} is not made as {}; it is made as {}", .0.title(), .1.key(), formats_list(*.0))]
    NotOffered(Document, Format),
    /// The findings are made as CSV or spreadsheets only.
    #[error("the Annex A findings are made as csv, xlsx or ods, not {}", .0.key())]
    FindingsNotOffered(Format),
    /// Blank templates are made as spreadsheets only.
    #[error("the blank templates are made as xlsx or ods, not {}", .0.key())]
    TemplateNotOffered(Format),
    /// The project's Annex A request profile is not one this version knows.
    #[error("the project's Annex A request profile \u{201c}{0}\u{201d} is not one this version knows")]
    UnknownProfile(String),
    /// The chosen plan is not one of the project's.
    #[error("the project has no plan \u{201c}{0}\u{201d}")]
    UnknownPlan(String),
    /// The review pack did not read back as the same pack.
    #[error("the review pack came out damaged, so it has not been saved. Please report this problem")]
    DamagedPack,
    /// The spreadsheet writer refused (for example, more rows than a sheet holds).
    #[error("{0}")]
    Spreadsheet(ExportError),
    /// The file was made but did not read back as it should (see `export::verify`), so it is
    /// not offered: better no file than a damaged one.
    #[error(
        "the {format} file came out damaged ({problem}), so it has not been saved. Please try another format and report this problem",
        format = .0.key(),
        problem = .1
    )]
    Damaged(Format, String),
}

/// Who an Office file names as its author: the partnership.
pub fn author(project: &Project) -> String {
    let area = project.area_name.trim();
    if area.is_empty() { "Local area SEND partnership".into() } else { format!("{area} local area SEND partnership") }
}

fn formats_list(document: Document) -> String {
    document.formats().iter().map(|f| f.key()).collect::<Vec<_>>().join(" or ")
}

/// Choices some documents take beyond the date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MakeOptions {
    /// The board update's previous update; a month before `today` when not given.
    pub since: Option<NaiveDate>,
    /// Only the actions of this plan (the board update and the plan exports).
    pub plan: Option<PlanId>,
}

/// Makes `document` in `format` from `project`, dated `today`.
pub fn make(
    project: &Project,
    document: Document,
    format: Format,
    today: NaiveDate,
) -> Result<Download, DownloadError> {
    make_with(project, document, format, today, &MakeOptions::default())
}

/// Like [`make`], with the board update's "since" date and a chosen plan.
pub fn make_with(
    project: &Project,
    document: Document,
    format: Format,
    today: NaiveDate,
    options: &MakeOptions,
) -> Result<Download, DownloadError> {
    let chosen = match &options.plan {
        None => None,
        Some(id) => Some(project.plan.named_plan(id).ok_or_else(|| DownloadError::UnknownPlan(id.0.clone()))?),
    };
    if !document.formats().contains(&format) {
        return Err(DownloadError::NotOffered(document, format));
    }
    let author = author(project);
    // Plan exports for one plan are made from its actions alone; the board update filters itself.
    let filtered;
    let project = match chosen {
        Some(named) if document != Document::BoardUpdate => {
            filtered = plan::only_plan(project, named);
            &filtered
        }
        _ => project,
    };
    let rendered = |doc: super::doc::Document| match format {
        Format::Docx => docx::render(&doc, &author, Some(today)),
        Format::Odt => odt::render(&doc, &author, Some(today)),
        Format::Md => markdown::render(&doc).into_bytes(),
        _ => html::render(&doc).into_bytes(),
    };
    let bytes = match document {
        Document::Sef => rendered(sef::full(project, today)),
        Document::Summary => rendered(sef::executive_summary(project, today)),
        Document::Evidence => sef::evidence_csv(project).into_bytes(),
        Document::Plan => rendered(match chosen {
            Some(named) => plan::plan_update(project, named, today),
            None => plan::strategic_plan(project, today),
        }),
        Document::EasyRead => plan::easy_read(project).into_bytes(),
        Document::ActionPlan if format == Format::Xlsx => {
            plan::actions_xlsx(project, &author, today).map_err(DownloadError::Spreadsheet)?
        }
        Document::ActionPlan if format == Format::Ods => {
            plan::actions_ods(project, &author, today).map_err(DownloadError::Spreadsheet)?
        }
        Document::ActionPlan => plan::actions_csv(project).into_bytes(),
        Document::Readiness => {
            let profile = checks::profile(&project.annex_a.profile)
                .ok_or_else(|| DownloadError::UnknownProfile(project.annex_a.profile.clone()))?;
            rendered(annex_a::readiness_summary(project, profile, today))
        }
        Document::BoardUpdate => {
            let period = match options.since {
                Some(since) => board::BoardPeriod { as_at: today, since },
                None => board::BoardPeriod::monthly(today),
            };
            rendered(board::board_update(project, period, chosen))
        }
        Document::ReviewPage => return review_page(project, today, &Default::default()),
    };
    checked(format, &bytes)?;
    Ok(Download {
        file_name: format!("{}-{}.{}", area_slug(project), document.file_stem(), format.key()),
        mime: format.mime(),
        bytes,
    })
}

/// Reads back what was written (see [`verify::problem`]) before it is offered.
fn checked(format: Format, bytes: &[u8]) -> Result<(), DownloadError> {
    match verify::problem(bytes, format) {
        None => Ok(()),
        Some(problem) => Err(DownloadError::Damaged(format, problem)),
    }
}

/// Whether `bytes` read back as a good `format` file (zip and expected parts, well-formed XML).
pub fn verify(bytes: &[u8], format: Format) -> Result<(), DownloadError> {
    checked(format, bytes)
}

/// Rows between progress reports on a findings download: about a twentieth of a second's work.
const FINDINGS_A_REPORT: usize = 20_000;

/// The Annex A findings of a check (unreadable files first, with the explanations the check and
/// the project give) as CSV, Excel or OpenDocument. These come from the check in memory, not
/// from the project, so the command line has its own `check --json` instead.
/// Progress is told every few thousand rows, and before the file is read back.
pub fn findings(
    project: &Project,
    outcome: &CheckOutcome,
    format: Format,
    progress: &mut dyn FnMut(Progress),
) -> Result<Download, DownloadError> {
    let mut explanations = outcome.report.explanations.clone();
    for (key, note) in &project.annex_a.explanations {
        checks::report::set_explanation(&mut explanations, key, note);
    }
    let what = match format {
        Format::Xlsx => "Excel file",
        Format::Ods => "OpenDocument spreadsheet",
        _ => "CSV file",
    };
    let findings: Vec<_> = outcome.all_findings().collect();
    let total = findings.len();
    let progress = std::cell::RefCell::new(progress);
    let tell = |done: usize, message: String| (progress.borrow_mut())(Progress { done, total, message });
    let on_row = |i: usize| {
        if i.is_multiple_of(FINDINGS_A_REPORT) {
            let made = format!("{} of {}", with_commas(i), counting::count(total, "finding", "findings"));
            tell(i, format!("Making the findings {what}: {made}"));
        }
    };
    let rows = findings::FindingRows { findings, explanations: &explanations, on_row: &on_row };
    let bytes = match format {
        Format::Csv => findings::findings_csv(&rows).into_bytes(),
        Format::Xlsx | Format::Ods => {
            let properties = Properties {
                title: "Annex A findings".into(),
                creator: author(project),
                language: Some("en-GB".into()),
                // The day of the check: the same findings give the same bytes.
                date: Some(outcome.report.summary.checked_on),
            };
            let render = if format == Format::Xlsx { findings::findings_xlsx } else { findings::findings_ods };
            render(&rows, properties).map_err(DownloadError::Spreadsheet)?
        }
        other => return Err(DownloadError::FindingsNotOffered(other)),
    };
    tell(total, format!("Checking the findings {what} opens, before it is offered"));
    checked(format, &bytes)?;
    Ok(Download {
        file_name: format!("{}-annex-a-findings.{}", area_slug(project), format.key()),
        mime: format.mime(),
        bytes,
    })
}

/// A findings download made in the app's worker, from the check it kept: the same file as
/// [`findings`] from a project with this area name and these explanations.
pub fn findings_of_check(
    outcome: &CheckOutcome,
    request: &ExportRequest,
    progress: &mut dyn FnMut(Progress),
) -> Result<MadeFile, String> {
    let format =
        Format::from_key(&request.format).ok_or_else(|| format!("there is no format called {}", request.format))?;
    let mut project = Project { area_name: request.area_name.clone(), ..Project::default() };
    project.annex_a.explanations = request.explanations.clone();
    let made = findings(&project, outcome, format, progress).map_err(|e| e.to_string())?;
    Ok(MadeFile { file_name: made.file_name, mime: made.mime.into(), bytes: made.bytes })
}

/// A marked-up copy of one checked file, made in the app's worker (or by the command) from the
/// file read again and the findings the check kept for it: see [`super::annotated`]. Read back
/// before it is offered, like every download.
pub fn marked_up_copy(
    workbook: checks::Workbook,
    outcome: &CheckOutcome,
    made_on: NaiveDate,
    progress: &mut dyn FnMut(checks::session::Progress),
) -> Result<MadeFile, String> {
    let name = workbook.file_name.clone();
    let findings = outcome.all_findings().filter(|f| *f.file == *name);
    let mut rows = |done: usize, total: usize| {
        let message = format!(
            "Marking up \u{201c}{name}\u{201d}: {} of {}",
            checks::session::with_commas(done),
            crate::domain::counting::rows(total)
        );
        progress(checks::session::Progress { done, total, message })
    };
    let bytes = super::annotated::marked_up_xlsx(workbook, findings, &outcome.mapping, made_on, &mut rows)
        .map_err(|e| e.to_string())?;
    checked(Format::Xlsx, &bytes).map_err(|e| e.to_string())?;
    Ok(MadeFile { file_name: super::annotated::marked_up_name(&name), mime: Format::Xlsx.mime().into(), bytes })
}

/// The blank template for a request profile: a sheet per list with its exact headings,
/// drop-down lists on coded columns, and a guidance sheet.
pub fn template(profile_id: &str, author: &str, format: Format) -> Result<Download, DownloadError> {
    let profile = checks::profile(profile_id).ok_or_else(|| DownloadError::UnknownProfile(profile_id.to_string()))?;
    let made = match format {
        Format::Xlsx => super::templates::template_xlsx(profile, author),
        Format::Ods => super::templates::template_ods(profile, author),
        other => return Err(DownloadError::TemplateNotOffered(other)),
    };
    let bytes = made.map_err(|e| DownloadError::Spreadsheet(ExportError::Xlsx(e.to_string())))?;
    checked(format, &bytes)?;
    Ok(Download { file_name: format!("annex-a-template-{}.{}", profile.id, format.key()), mime: format.mime(), bytes })
}

/// The fictional example workbook the checks are shown with (no real child is in it).
pub fn example_workbook() -> Result<Download, DownloadError> {
    let bytes = checks::example_data::example_workbook()
        .map_err(|e| DownloadError::Spreadsheet(ExportError::Xlsx(e.to_string())))?;
    checked(Format::Xlsx, &bytes)?;
    Ok(Download { file_name: "annex-a-fictional-example.xlsx".into(), mime: Format::Xlsx.mime(), bytes })
}

/// The project itself, as a project file to keep or send to a partner.
pub fn project_file(project: &Project, saved_at: &str, today: NaiveDate) -> Download {
    Download {
        file_name: project_file::suggested_file_name(project, today),
        mime: "application/json",
        bytes: project_file::to_json(project, saved_at).into_bytes(),
    }
}

/// The review pack for families, read back before it is offered.
pub fn review_pack(pack: &super::review_pack::ReviewPack) -> Result<Download, DownloadError> {
    let bytes = super::review_pack::to_json(pack).into_bytes();
    if super::review_pack::from_bytes(&bytes).as_ref() != Ok(pack) {
        return Err(DownloadError::DamagedPack);
    }
    Ok(Download { file_name: super::review_pack::file_name(pack), mime: "application/json", bytes })
}

/// The review page for families, carrying the pack with the agreed text of `criteria`; its
/// pack is read back from the page before it is offered.
pub fn review_page(
    project: &Project,
    today: NaiveDate,
    criteria: &std::collections::BTreeSet<String>,
) -> Result<Download, DownloadError> {
    let pack = review_page::page_pack(project, today, criteria);
    let page = review_page::render(&pack);
    if review_page::pack_in(&page).as_ref() != Some(&pack) {
        return Err(DownloadError::DamagedPack);
    }
    let bytes = page.into_bytes();
    checked(Format::Html, &bytes)?;
    Ok(Download { file_name: review_page::file_name(&pack), mime: Format::Html.mime(), bytes })
}

/// A family member's answers as a feedback file, named after the pack's area and the day.
pub fn feedback_file(area: &str, feedback: &crate::domain::plan::Feedback, today: NaiveDate) -> Download {
    Download {
        file_name: format!("{}-plan-feedback-{today}.json", project_file::slug(area, 60)),
        mime: "application/json",
        bytes: crate::domain::plan::feedback_to_json(area, feedback).into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;

    #[test]
    fn a_review_pack_is_offered_only_once_it_reads_back() {
        use super::super::review_pack::{PackChoice, make};
        let choice = PackChoice { id: "pack-1".into(), made_on: None, criteria: Default::default() };
        let mut pack = make(&example_project(), &choice);
        let made = review_pack(&pack).unwrap();
        assert_eq!(made.file_name, "northdale-fictional-example-review-pack.json");
        pack.id = "not a storage key".into();
        assert_eq!(review_pack(&pack), Err(DownloadError::DamagedPack));
    }

    #[test]
    fn a_template_for_every_profile_and_the_example_workbook() {
        for profile in checks::profiles() {
            for format in [Format::Xlsx, Format::Ods] {
                let made = template(&profile.id, "Test", format).unwrap();
                assert_eq!(made.file_name, format!("annex-a-template-{}.{}", profile.id, format.key()));
            }
            assert_eq!(template(&profile.id, "Test", Format::Csv), Err(DownloadError::TemplateNotOffered(Format::Csv)));
        }
        assert_eq!(
            template("full-2031", "Test", Format::Xlsx).unwrap_err(),
            DownloadError::UnknownProfile("full-2031".into())
        );
        assert!(!example_workbook().unwrap().bytes.is_empty());
    }

    #[test]
    fn every_document_is_made_in_every_format_it_is_offered_in_and_no_other() {
        let project = example_project();
        let today = "2026-12-02".parse().unwrap();
        for document in Document::ALL {
            assert_eq!(Document::from_key(document.key()), Some(document));
            for format in Format::ALL {
                let made = make(&project, document, format, today);
                if document.formats().contains(&format) {
                    let made = made.unwrap();
                    assert!(made.file_name.ends_with(&format!(".{}", format.key())), "{}", made.file_name);
                    assert!(!made.bytes.is_empty(), "{} {}", document.key(), format.key());
                } else {
                    assert_eq!(made, Err(DownloadError::NotOffered(document, format)));
                }
            }
        }
        let err = make(&project, Document::Evidence, Format::Docx, today).unwrap_err();
        assert_eq!(err.to_string(), "the evidence log is not made as docx; it is made as csv");
    }

    #[test]
    fn every_download_is_read_back_and_a_damaged_one_is_a_plain_error() {
        let project = example_project();
        let today = "2026-12-02".parse().unwrap();
        let made = make(&project, Document::Plan, Format::Docx, today).unwrap();
        assert_eq!(verify(&made.bytes, Format::Docx), Ok(()));
        let mut cut = made.bytes.clone();
        cut.truncate(cut.len() / 2);
        let err = verify(&cut, Format::Docx).unwrap_err();
        assert!(matches!(err, DownloadError::Damaged(Format::Docx, _)));
        assert!(err.to_string().starts_with("the docx file came out damaged (the zip cannot be read"), "{err}");
        assert_eq!(
            verify(b"", Format::Csv).unwrap_err().to_string(),
            "the csv file came out damaged (the file is empty), so it has not been saved. Please try another format and report this problem"
        );
    }

    #[test]
    fn findings_made_in_the_worker_equal_the_pages_own_download() {
        use crate::checks::session::{self, CheckRequest, InputFile};
        let bytes = checks::example_data::example_workbook().unwrap();
        let request = CheckRequest::new("full-2025", "2026-11-23".parse().unwrap());
        let files = [InputFile { name: "example.xlsx".into(), bytes: Ok(bytes) }];
        let outcome = session::run(&request, files, 1, &mut |_| {}).unwrap();
        let query = outcome.all_findings().find(|f| f.severity == checks::Severity::Query).unwrap().key();
        let mut project = Project { area_name: "Testshire".into(), ..Project::default() };
        project.annex_a.explanations.insert(query.clone(), "Known: moved in last week.".into());
        let asked = ExportRequest {
            format: "csv".into(),
            area_name: "Testshire".into(),
            explanations: project.annex_a.explanations.clone(),
        };
        let mut steps = Vec::new();
        let made = findings_of_check(&outcome, &asked, &mut |p| steps.push(p.message)).unwrap();
        let first = format!("Making the findings CSV file: 0 of {} findings", outcome.all_findings().count());
        assert_eq!(steps.first(), Some(&first));
        assert_eq!(
            steps.last().map(String::as_str),
            Some("Checking the findings CSV file opens, before it is offered")
        );
        let own = findings(&project, &outcome, Format::Csv, &mut |_| {}).unwrap();
        assert_eq!((made.file_name.as_str(), made.bytes.as_slice()), (own.file_name.as_str(), own.bytes.as_slice()));
        assert!(String::from_utf8(made.bytes).unwrap().contains("Known: moved in last week."));
        let xlsx = findings_of_check(&outcome, &ExportRequest { format: "xlsx".into(), ..asked.clone() }, &mut |_| {})
            .unwrap();
        assert_eq!(&xlsx.bytes[..2], b"PK");
        assert!(
            findings_of_check(&outcome, &ExportRequest { format: "docx".into(), ..asked.clone() }, &mut |_| {})
                .is_err()
        );
        assert!(
            findings_of_check(&outcome, &ExportRequest { format: "nonsense".into(), ..asked }, &mut |_| {}).is_err()
        );
    }

    #[test]
    fn the_worker_makes_a_marked_up_copy_named_after_the_file_and_read_back() {
        use crate::checks::session::{AnnotateRequest, InputFile, WorkerMessage, WorkerState};
        let bytes = checks::example_data::example_workbook().unwrap();
        let send = || [InputFile { name: "Testshire list 1.xlsx".into(), bytes: Ok(bytes.clone()) }];
        let mut state = WorkerState::with_annotator(marked_up_copy);
        let request = checks::session::CheckRequest::new("full-2025", checks::example_data::example_as_of());
        let check = WorkerMessage::Check { request, names: vec!["Testshire list 1.xlsx".into()] };
        assert!(matches!(
            state.answer(&check.to_json(), send(), &mut |_| {}, &findings_of_check),
            WorkerMessage::Done(_)
        ));
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let ask = WorkerMessage::Annotate(AnnotateRequest { file: "Testshire list 1.xlsx".into(), today });
        let mut steps = Vec::new();
        let reply = state.answer(&ask.to_json(), send(), &mut |p| steps.push(p.message), &findings_of_check);
        let WorkerMessage::Made(made) = reply else { panic!("{reply:?}") };
        assert_eq!(made.file_name, "Testshire list 1 - marked up.xlsx");
        assert_eq!(made.mime, Format::Xlsx.mime());
        let copy = checks::read_workbook("copy.xlsx", &made.bytes, checks::ReadOptions::default()).unwrap();
        assert_eq!(copy.sheets.first().map(|s| s.name.as_str()), Some("About this copy"));
        assert!(steps.iter().any(|m| m.starts_with("Marking up \u{201c}Testshire list 1.xlsx\u{201d}: ")), "{steps:?}");
    }
}

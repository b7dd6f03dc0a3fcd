//! Project files: the JSON a partnership saves, opens and (later) merges. The same text is
//! autosaved to browser storage. A file is validated in full before it replaces any work.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::framework;
use super::plain_language::MAX_TERM_CHARS;
use super::plan;
use super::project::Project;
use super::register::Register;

pub const FORMAT: &str = "area-send-project";
/// Bump when a change would make older versions of the app misread a file.
/// Version 2 added the self-evaluation; version 1 files still open.
pub const FORMAT_VERSION: u32 = 2;
/// Project files hold typed text only; anything this big is not one.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    format_version: u32,
    saved_at: &'a str,
    app_version: &'static str,
    project: &'a Project,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<String>,
    format_version: Option<u32>,
    /// When the file was saved: no sign-off or edit in it can be later. Read leniently (an
    /// unreadable one only skips that check; the years are checked anyway).
    saved_at: Option<serde_json::Value>,
    /// Kept as text and read straight into `Project`, so that a reader's error has a line and
    /// column to name the field from (`path_at`).
    #[serde(borrow)]
    project: Option<&'a serde_json::value::RawValue>,
}

/// Why a file could not be opened as a project. Messages are written for the person who chose it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProjectFileError {
    /// Zero bytes or only whitespace.
    #[error("The file is empty.")]
    Empty,
    /// Larger than any project file could be.
    #[error("The file is {0} MB, which is too large to be a project file.")]
    TooLarge(usize),
    /// Binary content, such as a spreadsheet or PDF.
    #[error("This is not a project file: it looks like {0}. Choose a .json file saved from this app.")]
    Binary(&'static str),
    /// The JSON stops part-way, usually a download or copy that was cut off.
    #[error(
        "The file ends too early (line {line}, column {column}): it may have been cut off while saving or copying. Try the original file again."
    )]
    Truncated { line: usize, column: usize },
    /// Not JSON at all.
    #[error("This is not a project file: it is not valid JSON (line {line}, column {column}).")]
    NotJson { line: usize, column: usize },
    /// Valid JSON, but not from this app.
    #[error("This file is not a project file saved from this app (it has no \"format\": \"area-send-project\").")]
    NotAProject,
    /// A review pack made for families, opened where a project is expected.
    #[error(
        "This is a review pack for families, not a project file. Open it on the \u{201c}Review a plan\u{201d} page, or open the project file it was made from."
    )]
    IsAReviewPack,
    /// Saved by a newer app version with a format this one cannot read safely.
    #[error(
        "This project file was saved by a newer version of the app (file format {found}; this version reads up to {supported}). Open it in the newer version."
    )]
    NewerVersion { found: u32, supported: u32 },
    /// Right format, but a field has the wrong type or a value is impossible.
    #[error("The project file is damaged: {0}")]
    Invalid(String),
}

/// The project as a pretty-printed project file. `saved_at` is an RFC 3339 timestamp.
pub fn to_json(project: &Project, saved_at: &str) -> String {
    let envelope = EnvelopeOut {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        saved_at,
        app_version: env!("CARGO_PKG_VERSION"),
        project,
    };
    serde_json::to_string_pretty(&envelope).expect("a project always serialises")
}

/// The area name as a file-name stem: "Northdale (fictional example)" → "northdale-fictional-example".
pub fn area_slug(project: &Project) -> String {
    slug(&project.area_name, 60)
}

/// Lower-case ASCII letters and digits joined by single hyphens, at most `max` bytes.
pub fn slug(text: &str, max: usize) -> String {
    let mut slug = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // File systems refuse names over 255 bytes, and a long name would fill a whole download
    // bar; the slug is ASCII, so any byte is a place to cut.
    slug.truncate(max);
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "untitled".into() } else { slug.into() }
}

/// A download name like `northdale-send-project-2026-11-23.json`, or, when the project says
/// which partner is writing, `northdale-send-project-northdale-parent-carer-forum-2026-11-23.json`,
/// so partners' files sent back and forth can be told apart.
pub fn suggested_file_name(project: &Project, date: chrono::NaiveDate) -> String {
    let writer = project.acting_as.as_ref().and_then(|id| project.partner(id)).map(|p| slug(&p.name, 40));
    match writer {
        Some(writer) => format!("{}-send-project-{writer}-{date}.json", area_slug(project)),
        None => format!("{}-send-project-{date}.json", area_slug(project)),
    }
}

fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 4] = [
        (b"PK\x03\x04", "a spreadsheet, Word document or zip file"),
        (b"%PDF", "a PDF"),
        (&[0xD0, 0xCF, 0x11, 0xE0], "an old-style Excel or Word file"),
        (&[0x89, b'P', b'N', b'G'], "an image"),
    ];
    KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, kind)| *kind)
}

/// Reads and validates a project file. Never panics, whatever the bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<Project, ProjectFileError> {
    if bytes.len() > MAX_BYTES {
        return Err(ProjectFileError::TooLarge(bytes.len().div_ceil(1024 * 1024)));
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(ProjectFileError::Binary(kind));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => from_json(text),
        // Cut off inside a character (an incomplete save or copy): read up to there, which the
        // JSON reader then reports as cut short.
        Err(e) if e.error_len().is_none() => {
            from_json(std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default())
        }
        Err(_) => Err(ProjectFileError::Binary("a file that is not text")),
    }
}

pub fn from_json(text: &str) -> Result<Project, ProjectFileError> {
    if text.trim().is_empty() {
        return Err(ProjectFileError::Empty);
    }
    let envelope: EnvelopeIn = match serde_json::from_str(text) {
        Ok(envelope) => envelope,
        Err(e) => return Err(envelope_error(text, e)),
    };
    if envelope.format.as_deref() == Some(plan::REVIEW_PACK_FORMAT) {
        return Err(ProjectFileError::IsAReviewPack);
    }
    if envelope.format.as_deref() != Some(FORMAT) {
        return Err(ProjectFileError::NotAProject);
    }
    let found = envelope.format_version.ok_or_else(|| invalid("the format version is missing.".into()))?;
    if found == 0 {
        return Err(invalid("format_version: 0 is not a version of the project file (they start at 1).".into()));
    }
    if found > FORMAT_VERSION {
        return Err(ProjectFileError::NewerVersion { found, supported: FORMAT_VERSION });
    }
    let raw = envelope.project.ok_or_else(|| invalid("there is no project in it.".into()))?.get();
    // The envelope's reader skips the project without going into it, so deep nesting shows here.
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| envelope_error(text, e))?;
    check_sizes(&value, &mut String::new())?;
    let mut project: Project = serde_json::from_str(raw).map_err(|e| {
        let path = path_at(raw, e.line(), e.column());
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        if path.is_empty() { invalid(format!("{message}.")) } else { invalid(format!("{path}: {message}.")) }
    })?;
    let saved = envelope.saved_at.as_ref().and_then(|v| v.as_str()).and_then(timestamp_day);
    validate(&project, saved)?;
    // Files saved before names were dropped still open, without them.
    project.annex_a.forget_file_names();
    Ok(project)
}

/// Why the envelope (the outer object) could not be read, in the reader's words.
fn envelope_error(text: &str, e: serde_json::Error) -> ProjectFileError {
    let (line, column) = (e.line(), e.column());
    let path = path_at(text, line, column);
    let message = e.to_string();
    match e.classify() {
        serde_json::error::Category::Eof => ProjectFileError::Truncated { line, column },
        // Valid JSON nested deeper than the reader goes: damaged, not "not JSON".
        serde_json::error::Category::Syntax if message.contains("recursion limit") => {
            invalid(format!("it is nested more deeply than any project file could be (line {line}, column {column})."))
        }
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            ProjectFileError::NotJson { line, column }
        }
        serde_json::error::Category::Data => {
            // An object naming our format, with a damaged envelope (a duplicated key, a version
            // that is not a number): say what is wrong rather than "not a project file".
            let ours = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .is_some_and(|v| v.get("format").and_then(|f| f.as_str()) == Some(FORMAT))
                || message.contains("duplicate field `format`");
            if ours {
                let at = if path.is_empty() { String::new() } else { format!("{path}: ") };
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                invalid(format!("{at}{message} (line {line}, column {column})."))
            } else {
                ProjectFileError::NotAProject
            }
        }
    }
}

/// The field at a reader's error position ("inspection.notified", "partners[1].role"), found by
/// walking the JSON text up to that line and column. Hand-written because the crate that tracks
/// paths while reading (serde_path_to_error) made a second copy of every project type's reader:
/// 153 KB of the app's wasm before optimisation, for the rare case of a damaged file.
fn path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    let end = (line_start + column).min(text.len());
    let bytes = text.as_bytes();
    let (mut stack, mut last_string, mut i) = (Vec::new(), None::<String>, 0);
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(key)) => *key = None,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object(key)) = stack.last_mut() {
                    *key = last_string.take();
                }
            }
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                last_string = text.get(start..i.min(text.len())).map(str::to_string);
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
            Frame::Object(None) => {}
        }
    }
    path
}

/// The earliest and latest years a date in a project file may fall in. Partnerships plan a few
/// years either side of an inspection; a date outside these years is a typing slip or a hostile
/// file, and dates far outside them crash or freeze date arithmetic.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// Limits on the size of each part. No real partnership comes near them (a partnership has a
/// dozen or so partners, a few dozen closure days and texts of a few pages); each part past them
/// made a page hang, so a file that holds more is refused with a message naming the part.
pub const MAX_PARTNERS: usize = 1_000;
pub const MAX_CLOSURE_DAYS: usize = 10_000;
/// Characters in any one text (about 15,000 words, a long report).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Items in any one list or map (entries, evidence, sign-offs, actions, feedback, …).
pub const MAX_ITEMS: usize = 100_000;
/// Versions side by side in one register (each is a partner's concurrent edit).
pub const MAX_VERSIONS: usize = 1_000;
/// Glossary terms of the partnership's own.
pub const MAX_GLOSSARY_TERMS: usize = 5_000;
/// Entries in one action's status history, progress log or one measure's values (a weekly
/// entry for a century).
pub const MAX_LOG_ENTRIES: usize = 5_000;
/// Plans one action log serves.
pub const MAX_PLANS: usize = 100;

fn invalid(message: String) -> ProjectFileError {
    ProjectFileError::Invalid(message)
}

/// Every text and list in the file's project, by path ("plan.actions[3].what"), checked for
/// size before the project is read.
fn check_sizes(value: &serde_json::Value, path: &mut String) -> Result<(), ProjectFileError> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS => Err(invalid(format!(
            "{path}: the text is {} characters long; a project file's texts are at most {MAX_TEXT_CHARS}.",
            s.chars().count()
        ))),
        Value::Array(items) => {
            let limit = match path.as_str() {
                "partners" => MAX_PARTNERS,
                "closure_days" => MAX_CLOSURE_DAYS,
                "plan.glossary" => MAX_GLOSSARY_TERMS,
                "plan.plans" => MAX_PLANS,
                p if p.starts_with("plan.actions[")
                    && (p.ends_with(".statuses") || p.ends_with(".progress") || p.ends_with(".values")) =>
                {
                    MAX_LOG_ENTRIES
                }
                p if p.starts_with("sef.") && p.matches('.').count() == 2 => MAX_VERSIONS,
                _ => MAX_ITEMS,
            };
            if items.len() > limit {
                return Err(invalid(format!(
                    "{}: it holds {} items; no partnership needs more than {limit}.",
                    display_path(path),
                    items.len()
                )));
            }
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                check_sizes(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(map) => {
            if map.len() > MAX_ITEMS {
                return Err(invalid(format!(
                    "{}: it holds {} items; no partnership needs more than {MAX_ITEMS}.",
                    display_path(path),
                    map.len()
                )));
            }
            let len = path.len();
            for (key, item) in map {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                check_sizes(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "the project" } else { path }
}

/// Whether a date falls in the years a project may hold (what a form may accept, too).
pub fn in_window(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

fn check_date(field: &str, date: NaiveDate) -> Result<(), ProjectFileError> {
    if in_window(date) {
        Ok(())
    } else {
        Err(invalid(format!("{field}: {date} is outside the years {FIRST_YEAR}\u{2013}{LAST_YEAR}.")))
    }
}

fn check_opt_date(field: impl FnOnce() -> String, date: Option<NaiveDate>) -> Result<(), ProjectFileError> {
    match date {
        Some(d) => check_date(&field(), d),
        None => Ok(()),
    }
}

/// The day a timestamp ("2026-11-23T10:00:00Z", or a bare date) falls on, if it is one.
pub fn timestamp_day(at: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.date_naive())
        .ok()
        .or_else(|| NaiveDate::parse_from_str(at, "%Y-%m-%d").ok())
}

/// A recorded moment (a sign-off, an edit): a real date, inside the years, and not after the
/// file was saved (a day's grace for clocks). Later moments would sort as the latest decision.
fn check_moment(field: &str, at: &str, saved: Option<NaiveDate>) -> Result<(), ProjectFileError> {
    let day =
        timestamp_day(at).ok_or_else(|| invalid(format!("{field}: \u{201c}{at}\u{201d} is not a date and time.")))?;
    check_date(field, day)?;
    match saved {
        // `saved` is the file's own claim and may be any date: never add to it unchecked.
        Some(saved) if saved.checked_add_signed(chrono::Duration::days(1)).is_some_and(|limit| day > limit) => {
            Err(invalid(format!("{field}: {day} is after the file was saved ({saved}), so it cannot be a real date.")))
        }
        _ => Ok(()),
    }
}

fn check_register<T: Clone + PartialEq>(
    field: &str,
    register: &Register<T>,
    saved: Option<NaiveDate>,
    value_dates: impl Fn(&T) -> Option<NaiveDate>,
) -> Result<(), ProjectFileError> {
    if let Some(problem) = register.problem() {
        return Err(invalid(format!("{field}: {problem}")));
    }
    for (i, v) in register.heads().iter().enumerate() {
        check_moment(&format!("{field}[{i}].at"), &v.at, saved)?;
        check_opt_date(|| format!("{field}[{i}].value.date"), value_dates(&v.value))?;
    }
    Ok(())
}

/// Dates, outcomes, registers and glossary terms: what the types alone cannot refuse.
fn validate(project: &Project, saved: Option<NaiveDate>) -> Result<(), ProjectFileError> {
    if framework::edition(&project.edition).is_none() {
        return Err(invalid(format!(
            "it uses the framework edition \"{}\", which this version of the app does not know.",
            project.edition
        )));
    }
    let mut ids = std::collections::HashSet::new();
    for partner in &project.partners {
        if !ids.insert(&partner.id) {
            return Err(invalid(format!("two partners share the id \"{}\".", partner.id)));
        }
    }
    let i = &project.inspection;
    check_opt_date(|| "inspection.notified".into(), i.notified)?;
    check_opt_date(|| "inspection.what_if".into(), i.what_if)?;
    check_opt_date(|| "inspection.final_report_received".into(), i.final_report_received)?;
    check_opt_date(|| "inspection.report_published".into(), i.report_published)?;
    for (step, date) in &i.steps {
        check_date(&format!("inspection.steps.{step}"), *date)?;
    }
    for (n, date) in i.engagement_meetings.iter().enumerate() {
        check_date(&format!("inspection.engagement_meetings[{n}]"), *date)?;
    }
    for (n, day) in project.closure_days.iter().enumerate() {
        check_date(&format!("closure_days[{n}].date"), day.date)?;
    }

    let sef = &project.sef;
    for (id, r) in &sef.entries {
        check_register(&format!("sef.entries.{}", id.0), r, saved, |_| None)?;
    }
    for (id, r) in &sef.positions {
        check_register(&format!("sef.positions.{id}"), r, saved, |_| None)?;
    }
    for (id, r) in &sef.evidence {
        check_register(&format!("sef.evidence.{}", id.0), r, saved, |e| e.date)?;
    }
    for (id, s) in &sef.signoffs {
        check_moment(&format!("sef.signoffs.{}.at", id.0), &s.at, saved)?;
    }

    let plan = &project.plan;
    if let Some(n) = plan.outcome
        && project.edition().outcome(n).is_none()
    {
        return Err(invalid(format!("plan.outcome: {n} is not an inspection outcome (1, 2 or 3).")));
    }
    check_opt_date(|| "plan.pap_copy_sent".into(), plan.pap_copy_sent)?;
    for (n, a) in plan.actions.iter().enumerate() {
        check_opt_date(|| format!("plan.actions[{n}].start"), a.start)?;
        check_opt_date(|| format!("plan.actions[{n}].end"), a.end)?;
        for (m, milestone) in a.milestones.iter().enumerate() {
            check_opt_date(|| format!("plan.actions[{n}].milestones[{m}].due"), milestone.due)?;
        }
        for (path, _, date) in a.delivery_dates() {
            check_date(&format!("plan.actions[{n}].{path}"), date)?;
        }
        if a.statuses.iter().any(|s| s.status == plan::ActionStatus::OffTrack && s.note.trim().is_empty()) {
            return Err(invalid(format!("plan.actions[{n}].statuses: an off-track status has no note saying why.")));
        }
        if let Some(id) = a.plans.iter().find(|id| plan.named_plan(id).is_none()) {
            return Err(invalid(format!("plan.actions[{n}].plans: there is no plan \"{}\" in the file.", id.0)));
        }
    }
    for (n, t) in plan.glossary.iter().enumerate() {
        if t.term.trim().is_empty() {
            return Err(invalid(format!("plan.glossary[{n}].term: a glossary term is empty.")));
        }
        if t.term.chars().count() > MAX_TERM_CHARS {
            return Err(invalid(format!(
                "plan.glossary[{n}].term: a glossary term is at most {MAX_TERM_CHARS} characters."
            )));
        }
    }
    for area in plan.monitoring.keys() {
        if !plan.recommendations.iter().any(|r| &r.id == area && r.kind == plan::RecommendationKind::Priority) {
            return Err(invalid(format!(
                "plan.monitoring.{}: there is no area for priority action with this id in the file.",
                area.0
            )));
        }
    }

    let annex = &project.annex_a;
    for (list, date) in &annex.as_of {
        check_date(&format!("annex_a.as_of.{list}"), *date)?;
    }
    for (item, doc) in &annex.documents {
        check_opt_date(|| format!("annex_a.documents.{item}.date"), doc.date)?;
    }
    if let Some(last) = &annex.last_check {
        check_date("annex_a.last_check.checked_on", last.checked_on)?;
        for (n, list) in last.lists.iter().enumerate() {
            check_opt_date(|| format!("annex_a.last_check.lists[{n}].data_as_of"), list.data_as_of)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::{Partner, PartnerId, PartnerRole};

    fn sample() -> Project {
        Project {
            area_name: "Sample".into(),
            partners: vec![Partner {
                id: PartnerId("a".into()),
                name: "PCF".into(),
                role: PartnerRole::ParentCarerForum,
            }],
            ..Project::default()
        }
    }

    #[test]
    fn round_trip_preserves_everything() {
        let p = sample();
        let text = to_json(&p, "2026-11-23T12:00:00Z");
        assert_eq!(from_json(&text), Ok(p));
    }

    #[test]
    fn overall_answers_round_trip_and_older_files_open_unanswered() {
        use crate::domain::sef::{Answer, OverallAnswers};
        let mut p = sample();
        p.overall = OverallAnswers { priority_areas: Some(Answer::No), acting_on_improvements: Some(Answer::NotSure) };
        let text = to_json(&p, "2026-11-23T12:00:00Z");
        assert!(text.contains("\"priority_areas\": \"no\"") && text.contains("\"not-sure\""), "{text}");
        assert_eq!(from_json(&text), Ok(p));
        let old = r#"{"format":"area-send-project","format_version":2,"project":{"area_name":"Old","edition":"area-send-2025"}}"#;
        assert_eq!(from_json(old).unwrap().overall, OverallAnswers::default());
        let bad = r#"{"format":"area-send-project","format_version":2,"project":{"area_name":"Old","edition":"area-send-2025","overall":{"priority_areas":"maybe"}}}"#;
        match from_json(bad) {
            Err(ProjectFileError::Invalid(message)) => {
                assert!(message.starts_with("overall.priority_areas"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn step_dates_and_engagement_meetings_are_checked_and_kept() {
        let mut p = sample();
        p.inspection.steps.insert("draft-report".into(), "2026-12-03".parse().unwrap());
        p.inspection.engagement_meetings.push("2027-03-10".parse().unwrap());
        let text = to_json(&p, "2026-11-23T12:00:00Z");
        assert_eq!(from_json(&text), Ok(p.clone()));
        p.inspection.engagement_meetings.push("3027-03-10".parse().unwrap());
        match from_json(&to_json(&p, "2026-11-23T12:00:00Z")) {
            Err(ProjectFileError::Invalid(message)) => {
                assert!(message.starts_with("inspection.engagement_meetings[1]"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn file_name_is_a_safe_slug() {
        let mut p = sample();
        p.area_name = "Northdale (fictional example)".into();
        let date = "2026-11-23".parse().unwrap();
        assert_eq!(suggested_file_name(&p, date), "northdale-fictional-example-send-project-2026-11-23.json");
        p.area_name = "  ".into();
        assert_eq!(suggested_file_name(&p, date), "untitled-send-project-2026-11-23.json");
        // A huge area name (a hostile file may hold 100,000 characters) gives a short name.
        p.area_name = "North Dale ".repeat(10_000);
        let name = suggested_file_name(&p, date);
        assert!(name.len() <= 60 + "-send-project-2026-11-23.json".len(), "{}", name.len());
        assert!(name.starts_with("north-dale-north-dale") && !name.contains("--"), "{name}");
    }

    #[test]
    fn file_name_says_which_partner_wrote_it() {
        let mut p = crate::domain::example::example_project();
        p.area_name = "Northdale".into();
        let date = "2026-11-23".parse().unwrap();
        p.acting_as = Some(PartnerId("example-pcf".into()));
        let forum = slug(&p.partner(&PartnerId("example-pcf".into())).unwrap().name, 40);
        assert_eq!(suggested_file_name(&p, date), format!("northdale-send-project-{forum}-2026-11-23.json"));
        p.acting_as = None;
        assert_eq!(suggested_file_name(&p, date), "northdale-send-project-2026-11-23.json");
        // A writer the project no longer lists is left out rather than named by its id.
        p.acting_as = Some(PartnerId("gone".into()));
        assert_eq!(suggested_file_name(&p, date), "northdale-send-project-2026-11-23.json");
    }

    #[test]
    fn truncated_file_says_so() {
        let text = to_json(&sample(), "x");
        let cut = &text[..text.len() / 2];
        assert!(matches!(from_json(cut), Err(ProjectFileError::Truncated { .. })));
    }

    /// Found by tests/project_file_props.rs: a cut inside a “curly quote” was called "not text".
    #[test]
    fn a_file_cut_inside_a_character_is_truncated_not_binary() {
        let text = format!("{}\u{201c}", &to_json(&sample(), "x")[..40]);
        let cut = &text.as_bytes()[..text.len() - 1];
        assert!(matches!(from_bytes(cut), Err(ProjectFileError::Truncated { .. })), "{:?}", from_bytes(cut));
        assert_eq!(from_bytes(&[b'{', 0xe2, 0x80, b'}']), Err(ProjectFileError::Binary("a file that is not text")));
    }

    #[test]
    fn wrong_kinds_of_file_are_named() {
        assert_eq!(from_bytes(b""), Err(ProjectFileError::Empty));
        assert_eq!(
            from_bytes(b"PK\x03\x04rest"),
            Err(ProjectFileError::Binary("a spreadsheet, Word document or zip file"))
        );
        assert_eq!(from_bytes(b"%PDF-1.7"), Err(ProjectFileError::Binary("a PDF")));
        assert_eq!(from_bytes(&[0xff, 0xfe, 0x00]), Err(ProjectFileError::Binary("a file that is not text")));
        assert!(matches!(from_bytes(b"hello"), Err(ProjectFileError::NotJson { line: 1, .. })));
        assert_eq!(from_bytes(b"[1,2]"), Err(ProjectFileError::NotAProject));
        assert_eq!(from_bytes(br#"{"format":"other"}"#), Err(ProjectFileError::NotAProject));
    }

    #[test]
    fn newer_version_is_refused_with_both_numbers() {
        let text = to_json(&sample(), "x").replace("\"format_version\": 2", "\"format_version\": 7");
        assert_eq!(from_json(&text), Err(ProjectFileError::NewerVersion { found: 7, supported: 2 }));
    }

    #[test]
    fn bom_is_accepted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(to_json(&sample(), "x").bytes());
        assert_eq!(from_bytes(&bytes), Ok(sample()));
    }

    #[test]
    fn damaged_fields_are_invalid_not_panics() {
        let text = to_json(&sample(), "x").replace("\"parent-carer-forum\"", "42");
        assert!(matches!(from_json(&text), Err(ProjectFileError::Invalid(_))));
        let text = to_json(&sample(), "x").replace("area-send-2025", "area-send-1999");
        assert!(matches!(from_json(&text), Err(ProjectFileError::Invalid(m)) if m.contains("area-send-1999")));
    }

    #[test]
    fn duplicate_partner_ids_are_invalid() {
        let mut p = sample();
        p.partners.push(p.partners[0].clone());
        assert!(
            matches!(from_json(&to_json(&p, "x")), Err(ProjectFileError::Invalid(m)) if m.contains("share the id"))
        );
    }

    fn damaged(text: &str) -> String {
        match from_json(text) {
            Err(ProjectFileError::Invalid(m)) => m,
            other => panic!("expected a damaged-file message, got {other:?}"),
        }
    }

    fn with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&to_json(&example(), "2026-11-23T12:00:00Z")).unwrap();
        edit(&mut v["project"]);
        v.to_string()
    }

    fn example() -> Project {
        crate::domain::example::example_project()
    }

    /// Issue 19: "+262142-12-31" opened, was autosaved and crashed the Annex A page in a loop;
    /// year 200000 froze it. Every date is refused outside 2000–2100, naming the field.
    #[test]
    fn dates_outside_the_years_a_partnership_means_are_refused_by_field() {
        let m = damaged(&with(|p| p["inspection"]["notified"] = "+262142-12-31".into()));
        assert_eq!(m, "inspection.notified: +262142-12-31 is outside the years 2000\u{2013}2100.");
        let m = damaged(&with(|p| p["inspection"]["final_report_received"] = "+200000-01-01".into()));
        assert!(m.starts_with("inspection.final_report_received: +200000-01-01"), "{m}");
        let m = damaged(&with(|p| p["closure_days"] = serde_json::json!([{ "date": "1999-12-31" }])));
        assert!(m.starts_with("closure_days[0].date"), "{m}");
        let m = damaged(&with(|p| p["plan"]["actions"][0]["milestones"][0]["due"] = "2101-01-01".into()));
        assert!(m.starts_with("plan.actions[0].milestones[0].due"), "{m}");
        let m = damaged(&with(|p| p["plan"]["actions"][0]["end"] = "+262142-12-31".into()));
        assert!(m.starts_with("plan.actions[0].end"), "{m}");
        // The edges are still dates a partnership can mean.
        assert!(from_json(&with(|p| p["inspection"]["notified"] = "2100-12-31".into())).is_ok());
        assert!(from_json(&with(|p| p["inspection"]["notified"] = "2000-01-01".into())).is_ok());
    }

    /// Issue 19: a sign-off dated 31 December 9999 moved a forum's "Disagree" under "Earlier decisions".
    #[test]
    fn impossible_sign_off_dates_are_refused() {
        let set_at = |at: &'static str| {
            with(move |p| {
                let signoffs = p["sef"]["signoffs"].as_object_mut().unwrap();
                let first = signoffs.values_mut().next().unwrap();
                first["at"] = at.into();
            })
        };
        assert!(damaged(&set_at("9999-12-31T23:59:59Z")).contains("outside the years"));
        assert!(damaged(&set_at("2027-06-01T10:00:00Z")).contains("after the file was saved (2026-11-23)"));
        assert!(damaged(&set_at("soon")).contains("is not a date"));
        assert!(from_json(&set_at("2026-11-23T18:00:00Z")).is_ok(), "later the same day is fine");
        // A save date at the very end of the date library's range is no reason to panic.
        let text = with(|_| {}).replace("2026-11-23T12:00:00Z", "+262142-12-31");
        assert!(from_json(&text).is_ok());
    }

    /// Issue 19: versions that replace each other crashed the app after a merge.
    #[test]
    fn versions_that_replace_each_other_are_refused() {
        let m = damaged(&with(|p| {
            let entries = p["sef"]["entries"].as_object_mut().unwrap();
            let heads = entries.values_mut().next().unwrap().as_array_mut().unwrap();
            let rev = heads[0]["rev"].clone();
            heads[0]["replaces"] = serde_json::json!([rev]);
        }));
        assert!(m.starts_with("sef.entries.") && m.contains("replaces itself"), "{m}");
        let m = damaged(&with(|p| {
            let entries = p["sef"]["entries"].as_object_mut().unwrap();
            let heads = entries.values_mut().next().unwrap().as_array_mut().unwrap();
            let mut other = heads[0].clone();
            other["rev"] = "forged".into();
            other["replaces"] = serde_json::json!([heads[0]["rev"].clone()]);
            heads[0]["replaces"] = serde_json::json!(["forged"]);
            heads.push(other);
        }));
        assert!(m.contains("versions cannot replace each other"), "{m}");
    }

    /// Issue 19: outcome 0 and 255 and format version 0 were accepted.
    #[test]
    fn only_real_outcomes_and_versions_are_accepted() {
        for n in [0, 4, 255] {
            let m = damaged(&with(|p| p["plan"]["outcome"] = n.into()));
            assert!(m.starts_with("plan.outcome:"), "{m}");
        }
        for n in [1, 2, 3] {
            assert!(from_json(&with(|p| p["plan"]["outcome"] = n.into())).is_ok());
        }
        let text = to_json(&sample(), "x").replace("\"format_version\": 2", "\"format_version\": 0");
        assert!(damaged(&text).starts_with("format_version: 0"));
    }

    /// Issue 19: right messages for a too-deep, a duplicated key and a non-numeric version.
    #[test]
    fn envelope_problems_say_what_they_are() {
        let deep = format!(
            r#"{{"format":"area-send-project","format_version":2,"project":{}{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        assert!(damaged(&deep).contains("nested more deeply"));
        let twice = r#"{"format":"area-send-project","format":"area-send-project","format_version":2,"project":{}}"#;
        assert!(damaged(twice).contains("duplicate field `format`"), "{}", damaged(twice));
        let text = to_json(&sample(), "x").replace("\"format_version\": 2", "\"format_version\": \"2\"");
        assert!(damaged(&text).starts_with("format_version: invalid type"), "{}", damaged(&text));
        // Another app's JSON is still "not a project file".
        assert_eq!(from_json(r#"{"format":7}"#), Err(ProjectFileError::NotAProject));
    }

    /// Issue 15: "The project file is damaged: input is out of range" did not say where.
    #[test]
    fn type_errors_name_the_field() {
        let m = damaged(&with(|p| p["inspection"]["notified"] = "2026-13-45".into()));
        assert!(m.starts_with("inspection.notified: input is out of range"), "{m}");
        let m = damaged(&with(|p| p["partners"][1]["role"] = 42.into()));
        assert!(m.starts_with("partners[1].role:"), "{m}");
    }

    /// Issue 15: 50,000 partners, 100,000 closure days or huge texts opened and then hung pages.
    #[test]
    fn absurd_sizes_are_refused_naming_the_part() {
        let m = damaged(&with(|p| {
            let one = p["partners"][0].clone();
            p["partners"] = serde_json::Value::Array(vec![one; MAX_PARTNERS + 1]);
        }));
        assert!(m.starts_with("partners: it holds 1001 items"), "{m}");
        let m = damaged(&with(|p| {
            p["closure_days"] = serde_json::Value::Array(vec![serde_json::json!({ "date": "2026-12-29" }); 10_001]);
        }));
        assert!(m.starts_with("closure_days: it holds 10001 items"), "{m}");
        let m = damaged(&with(|p| p["plan"]["actions"][0]["what"] = "İ".repeat(MAX_TEXT_CHARS + 1).into()));
        assert!(m.starts_with("plan.actions[0].what: the text is 100001 characters"), "{m}");
        let m = damaged(&with(|p| {
            p["plan"]["glossary"] = serde_json::json!([{ "term": " ", "expansion": "x", "plain": "y" }])
        }));
        assert!(m.starts_with("plan.glossary[0].term"), "{m}");
        assert!(from_json(&with(|p| p["plan"]["actions"][0]["what"] = "İ".repeat(MAX_TEXT_CHARS).into())).is_ok());
    }
}

//! Project files: the JSON a partnership saves, opens and (later) merges. The same text is
//! autosaved to browser storage. A file is validated in full before it replaces any work.

use serde::{Deserialize, Serialize};

use super::framework;
use super::project::Project;

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
struct EnvelopeIn {
    format: Option<String>,
    format_version: Option<u32>,
    project: Option<serde_json::Value>,
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
    let mut slug = String::new();
    for ch in project.area_name.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "untitled".into() } else { slug.into() }
}

/// A download name like `northdale-send-project-2026-11-23.json`.
pub fn suggested_file_name(project: &Project, date: chrono::NaiveDate) -> String {
    format!("{}-send-project-{date}.json", area_slug(project))
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
    let envelope: EnvelopeIn = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        match e.classify() {
            serde_json::error::Category::Eof => ProjectFileError::Truncated { line, column },
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                ProjectFileError::NotJson { line, column }
            }
            // Valid JSON of another shape (an array, a number, …).
            serde_json::error::Category::Data => ProjectFileError::NotAProject,
        }
    })?;
    if envelope.format.as_deref() != Some(FORMAT) {
        return Err(ProjectFileError::NotAProject);
    }
    let found =
        envelope.format_version.ok_or_else(|| ProjectFileError::Invalid("the format version is missing.".into()))?;
    if found > FORMAT_VERSION {
        return Err(ProjectFileError::NewerVersion { found, supported: FORMAT_VERSION });
    }
    let value = envelope.project.ok_or_else(|| ProjectFileError::Invalid("there is no project in it.".into()))?;
    let project: Project = serde_json::from_value(value).map_err(|e| ProjectFileError::Invalid(format!("{e}.")))?;
    validate(&project)?;
    Ok(project)
}

fn validate(project: &Project) -> Result<(), ProjectFileError> {
    if framework::edition(&project.edition).is_none() {
        return Err(ProjectFileError::Invalid(format!(
            "it uses the framework edition \"{}\", which this version of the app does not know.",
            project.edition
        )));
    }
    if !project.sef.is_well_formed() {
        return Err(ProjectFileError::Invalid("a self-evaluation entry has no versions.".into()));
    }
    let mut ids = std::collections::HashSet::new();
    for partner in &project.partners {
        if !ids.insert(&partner.id) {
            return Err(ProjectFileError::Invalid(format!("two partners share the id \"{}\".", partner.id)));
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
    fn file_name_is_a_safe_slug() {
        let mut p = sample();
        p.area_name = "Northdale (fictional example)".into();
        let date = "2026-11-23".parse().unwrap();
        assert_eq!(suggested_file_name(&p, date), "northdale-fictional-example-send-project-2026-11-23.json");
        p.area_name = "  ".into();
        assert_eq!(suggested_file_name(&p, date), "untitled-send-project-2026-11-23.json");
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
}

//! Saving in this browser: whether autosave may write, and the copies kept aside so that no
//! autosave ever replaces work it cannot read or has not seen. Pure: `browser` does the I/O.

use crate::domain::project::Project;
use crate::domain::project_file;
use crate::store::Shared;

/// Every kept copy's storage key starts with this; the rest says when and why it was kept.
pub const KEPT_PREFIX: &str = "area-send.kept.";
/// Where versions before kept copies had a key of their own put the one unreadable autosave.
pub const LEGACY_UNREADABLE_KEY: &str = "area-send.project.unreadable";

/// Why a copy was kept aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptReason {
    /// The autosave could not be read when the app started (a newer version's file, damage).
    Unreadable,
    /// Another tab saved it while this tab had changes of its own; this tab's was kept.
    OtherTab,
    /// This tab's version, kept when the user switched to another tab's.
    ThisTab,
}

impl KeptReason {
    const ALL: [Self; 3] = [Self::Unreadable, Self::OtherTab, Self::ThisTab];

    fn key_part(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::OtherTab => "other-tab",
            Self::ThisTab => "this-tab",
        }
    }

    /// Why, in words for the list of kept copies.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unreadable => "The project saved in this browser, which could not be read when the app started",
            Self::OtherTab => "The version another tab or window saved",
            Self::ThisTab => "This tab's version, kept when you switched to another tab's",
        }
    }
}

/// A key for a copy kept at `at` (a timestamp) that no copy has yet: `taken` says which are.
pub fn kept_key(at: &str, reason: KeptReason, taken: impl Fn(&str) -> bool) -> String {
    let base = format!("{KEPT_PREFIX}{at}.{}", reason.key_part());
    (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}.{n}") }).find(|key| !taken(key)).unwrap_or(base)
}

/// One copy kept aside, as the "Your data" page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptCopy {
    pub key: String,
    /// When it was kept (the timestamp in its key), if known.
    pub kept_at: Option<String>,
    pub reason: KeptReason,
    /// The size of the saved text, in bytes.
    pub size: usize,
    /// The area it is for, or why this version cannot read it.
    pub readable: Result<String, String>,
    /// A name to download it under.
    pub file_name: String,
}

impl KeptCopy {
    /// What is in storage under `key`, if it is a kept copy.
    pub fn describe(key: &str, text: &str) -> Option<Self> {
        let (kept_at, reason) = if key == LEGACY_UNREADABLE_KEY {
            (None, KeptReason::Unreadable)
        } else {
            let rest = key.strip_prefix(KEPT_PREFIX)?;
            let (at, reason) = KeptReason::ALL.iter().find_map(|r| {
                let marker = format!(".{}", r.key_part());
                let i = rest.rfind(&marker)?;
                Some((&rest[..i], *r))
            })?;
            (Some(at.to_string()), reason)
        };
        let project = project_file::from_json(text);
        let day = kept_at
            .as_deref()
            .and_then(|at| at.get(..10))
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        let slug = project.as_ref().map(project_file::area_slug).unwrap_or_else(|_| "unreadable".into());
        let file_name = format!("{slug}-kept-copy-{}.json", day.unwrap_or("earlier"));
        let readable = project.map(|p| area_label(&p)).map_err(|e| e.to_string());
        Some(Self { key: key.to_string(), kept_at, reason, size: text.len(), readable, file_name })
    }
}

fn area_label(project: &Project) -> String {
    let name = project.area_name.trim();
    if name.is_empty() { "A project with no area name".into() } else { name.to_string() }
}

/// Whether autosave writes to browser storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Saving {
    On,
    /// The autosave could not be read, nor a copy of it kept (storage full): writing now would
    /// destroy the only copy, so nothing is written until the user says so.
    PausedUnreadable {
        reason: String,
    },
    /// Another tab saved while this one had changes of its own. Nothing is written until the
    /// user chooses which version to work on; the other is kept aside first.
    PausedOtherTab {
        text: Shared<String>,
        incoming: Result<Shared<Project>, String>,
    },
}

impl Saving {
    pub fn is_on(&self) -> bool {
        matches!(self, Self::On)
    }

    /// Why saving is paused, in words for the banner.
    pub fn message(&self) -> Option<String> {
        match self {
            Self::On => None,
            Self::PausedUnreadable { reason } => Some(format!(
                "This tab is not saving your changes. The project saved in this browser could not be read, and no copy of it could be kept aside ({reason}), so saving now would destroy it. Download it first, then start saving again."
            )),
            Self::PausedOtherTab { incoming: Ok(project), .. } => Some(format!(
                "This project was changed in another tab or window ({}) while you had changes here. To lose neither, this tab has stopped saving. Choose which version to carry on with; the other is kept as a copy on the \u{201c}Your data\u{201d} page.",
                area_label(project)
            )),
            Self::PausedOtherTab { incoming: Err(_), .. } => Some(
                "Another tab or window saved a project this tab cannot read (perhaps a newer version of the app). To lose neither, this tab has stopped saving. Keeping this tab's version keeps the other as a copy on the \u{201c}Your data\u{201d} page.".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_keys_never_reuse_a_taken_key_and_read_back() {
        let taken = ["area-send.kept.2026-12-02T10:00:00Z.unreadable".to_string()];
        let key = kept_key("2026-12-02T10:00:00Z", KeptReason::Unreadable, |k| taken.iter().any(|t| t == k));
        assert_eq!(key, "area-send.kept.2026-12-02T10:00:00Z.unreadable.2");
        let copy = KeptCopy::describe(&key, "{not json").unwrap();
        assert_eq!(copy.reason, KeptReason::Unreadable);
        assert_eq!(copy.kept_at.as_deref(), Some("2026-12-02T10:00:00Z"));
        assert!(copy.readable.is_err());
        assert_eq!(copy.file_name, "unreadable-kept-copy-2026-12-02.json");
    }

    #[test]
    fn a_readable_copy_names_its_area_and_other_keys_are_not_copies() {
        let p = Project { area_name: "Northdale".into(), ..Project::default() };
        let text = project_file::to_json(&p, "2026-12-02T10:00:00Z");
        let copy = KeptCopy::describe("area-send.kept.2026-12-02T10:00:00Z.other-tab", &text).unwrap();
        assert_eq!(copy.file_name, "northdale-kept-copy-2026-12-02.json");
        assert_eq!((copy.reason, copy.readable), (KeptReason::OtherTab, Ok("Northdale".into())));
        assert!(KeptCopy::describe("area-send.project", &text).is_none());
        assert!(KeptCopy::describe("area-send.kept.2026", &text).is_none());
        let legacy = KeptCopy::describe(LEGACY_UNREADABLE_KEY, "x").unwrap();
        assert_eq!((legacy.kept_at, legacy.reason), (None, KeptReason::Unreadable));
    }
}

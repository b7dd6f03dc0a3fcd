//! Request profiles: what an Annex A request asks for, as embedded, versioned data.
//!
//! Each profile is a TOML file in `profiles/` that an analyst can read and correct: the
//! person-level lists with their columns (exact template names, synonyms, types, code lists),
//! the code lists, the documents with their deadlines, the age scope and whether the lists must be
//! pseudonymised. Facts the project could not confirm are marked in the files and stay data, not
//! code. Tests check that every profile parses and that its references resolve.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::annex_a::AnnexReadiness;
use crate::domain::calendar::WorkingCalendar;

#[derive(Debug, Clone, Deserialize)]
pub struct Profile {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The lists must not identify anyone: names, UPNs, ULNs and dates of birth are flagged.
    #[serde(default)]
    pub pseudonymised: bool,
    pub age_scope: AgeScope,
    pub deadlines: Vec<Deadline>,
    pub lists: Vec<ListSpec>,
    pub code_lists: Vec<CodeList>,
    #[serde(default)]
    pub documents: Vec<DocumentItem>,
    /// What the request leads to, when it is not an inspection with a judgement.
    #[serde(default)]
    pub about: String,
    /// How much notice is given before on-site work, where the request says.
    #[serde(default)]
    pub notice: Option<Notice>,
    /// The document the request comes from.
    #[serde(default)]
    pub source: String,
    /// What the request calls its list of information items.
    #[serde(default = "documents_heading")]
    pub documents_heading: String,
    #[serde(default = "yes")]
    pub documents_heading_confirmed: bool,
}

fn documents_heading() -> String {
    "Information items".into()
}

/// Notice before on-site work.
#[derive(Debug, Clone, Deserialize)]
pub struct Notice {
    pub working_days_before_on_site: u32,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

/// Ages in scope, in whole years. Ages in `query_from..=max` are a query rather than fine.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct AgeScope {
    pub min: u32,
    pub max: u32,
    #[serde(default)]
    pub query_from: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Deadline {
    pub id: String,
    pub label: String,
    pub working_days_after_notification: u32,
    pub time: NaiveTime,
    /// `false` where the day or time is our reading, not the source's words.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Where the day and time come from.
    #[serde(default)]
    pub source: String,
}

impl Deadline {
    /// When this is due for a request notified on `notified`, counting working days.
    pub fn due(&self, notified: NaiveDate, calendar: &WorkingCalendar) -> NaiveDateTime {
        calendar.add_working_days(notified, self.working_days_after_notification).and_time(self.time)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ListSpec {
    pub id: String,
    pub name: String,
    pub description: String,
    pub deadline: String,
    /// Words in a sheet name that suggest this list ("list 1", "ehc").
    #[serde(default)]
    pub sheet_hints: Vec<String>,
    /// Lists about settings rather than people are not scanned for names.
    #[serde(default = "yes")]
    pub person_level: bool,
    /// The request asks for the list outright; `false` where it asks only for what is held, so
    /// a missing list is a query (`LIST-NOT-FOUND-OPTIONAL`), not an error.
    #[serde(default = "yes")]
    pub required: bool,
    /// Take another list's columns (minus `without_columns`), then add `columns`.
    #[serde(default)]
    pub same_columns_as: Option<String>,
    #[serde(default)]
    pub without_columns: Vec<String>,
    #[serde(default)]
    pub columns: Vec<ColumnSpec>,
    /// A row per person, or (for the thematic lists) a row per setting a person attends or
    /// attended, so one child may have several rows.
    #[serde(default)]
    pub row_per: RowPer,
    /// In a list with a row per setting: the columns about the person, which should read the
    /// same on each of their rows.
    #[serde(default)]
    pub person_columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowPer {
    #[default]
    Person,
    Setting,
}

impl ListSpec {
    pub fn column(&self, key: &str) -> Option<&ColumnSpec> {
        self.columns.iter().find(|c| c.key == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnType {
    /// Free text.
    Text,
    /// The file's own pseudonymous identifier for the person.
    Id,
    Date,
    Code,
    /// A whole number of events, 0 or more.
    Count,
    /// A percentage from 0 to 100.
    Percentage,
    /// A 6-digit unique reference number from Get Information about Schools.
    Urn,
    /// A 13-character unique pupil number.
    Upn,
    /// A 10-digit unique learner number.
    Uln,
    /// Age in whole years.
    Age,
    /// A number of minutes.
    Minutes,
}

/// What an empty cell in a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Blank {
    #[default]
    Allowed,
    Query,
    Error,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ColumnSpec {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub blank: Blank,
    #[serde(default)]
    pub codes: Option<String>,
    /// For a date column: what a date after today means.
    #[serde(default)]
    pub future: Future,
    /// Another layout's columns: when the list has any of them, this one is not missed (a list
    /// with a row per setting needs no "Settings attended now", and one with a row per child
    /// no "Setting").
    #[serde(default)]
    pub not_needed_with: Vec<String>,
}

/// What a date in the future means in a date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Future {
    /// It cannot be right (`DATE-FUTURE`).
    #[default]
    Error,
    /// It may be a planned date typed in the wrong column (`DATE-REVIEW-FUTURE`).
    Query,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CodeList {
    pub id: String,
    pub name: String,
    /// A value outside a strict list is an error; outside a non-strict list (examples only), a query.
    #[serde(default = "yes")]
    pub strict: bool,
    #[serde(default = "yes")]
    pub confirmed: bool,
    pub codes: Vec<Code>,
    /// Normalised accepted form → index into `codes`, built on first use.
    #[serde(skip)]
    index: OnceLock<FxHashMap<String, usize>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Code {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub also: Vec<String>,
}

impl CodeList {
    /// Does a cell's text match this list? Accepts the code, the label, "a) Label" and "a) CODE"
    /// forms, and the listed alternatives, ignoring case, spacing and punctuation.
    pub fn accepts(&self, value: &str) -> bool {
        self.matched_code(value).is_some()
    }

    /// The code a cell's text stands for, if it matches one.
    pub fn matched_code(&self, value: &str) -> Option<&str> {
        let index = self.index.get_or_init(|| {
            let mut map = FxHashMap::default();
            for (i, c) in self.codes.iter().enumerate() {
                for form in std::iter::once(&c.code).chain(std::iter::once(&c.label)).chain(c.also.iter()) {
                    map.entry(normalise_code(form)).or_insert(i);
                }
            }
            map
        });
        let found = |i: &usize| self.codes.get(*i).map(|c| c.code.as_str());
        if let Some(code) = index.get(&normalise_code(value)).and_then(found) {
            return Some(code);
        }
        // "a) Yes", "k) ASD": the template letters its options a), b), c)… in list order, so the
        // letter must be the one for the code's place in the list; any other letter is refused.
        let (Some(letter), rest) = split_letter_prefix(value) else { return None };
        let i = *index.get(&normalise_code(rest))?;
        (position_letter(i) == Some(letter)).then(|| found(&i)).flatten()
    }

    /// The accepted values as the template gives them, for messages ("a) Yes, b) No").
    pub fn summary(&self) -> String {
        self.codes
            .iter()
            .map(|c| if c.code.len() == 1 { format!("{}) {}", c.code, c.label) } else { c.code.clone() })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The letter the template puts before the option at `i` (0 → 'a'), for lists of up to 26.
fn position_letter(i: usize) -> Option<char> {
    (i < 26).then(|| char::from(b'a' + i as u8))
}

/// Splits "a) Yes" into (Some('a'), "Yes"). Anything else is (None, value).
fn split_letter_prefix(value: &str) -> (Option<char>, &str) {
    let t = value.trim();
    let mut chars = t.char_indices();
    if let (Some((_, c)), Some((i, ')'))) = (chars.next(), chars.next())
        && c.is_ascii_alphabetic()
    {
        return (Some(c.to_ascii_lowercase()), t[i + 1..].trim());
    }
    (None, t)
}

fn normalise_code(s: &str) -> String {
    super::headers::normalise(s)
}

#[derive(Debug, Clone, Deserialize)]
pub struct DocumentItem {
    pub id: String,
    pub section: String,
    pub title: String,
    pub deadline: String,
    /// Our summary of what the source asks for under the item (not its words).
    #[serde(default)]
    pub description: String,
    /// The template the source gives for the item, by its exact name.
    #[serde(default)]
    pub proforma: Option<String>,
    /// `false` where `section` is our heading, not the source's.
    #[serde(default = "yes")]
    pub section_confirmed: bool,
    /// Asked for each tracked child or young person.
    #[serde(default)]
    pub tracked_child: bool,
    /// `false` where the title or the deadline is our reading, not the source's words.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Where the item and its deadline come from.
    #[serde(default)]
    pub source: String,
}

fn yes() -> bool {
    true
}

impl Profile {
    pub fn list(&self, id: &str) -> Option<&ListSpec> {
        self.lists.iter().find(|l| l.id == id)
    }

    pub fn code_list(&self, id: &str) -> Option<&CodeList> {
        self.code_lists.iter().find(|c| c.id == id)
    }

    pub fn deadline(&self, id: &str) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.id == id)
    }

    /// The next deadline still to come on `today` after a notification on `notified` (one due
    /// today counts), with when it falls; `None` once every one has passed.
    pub fn next_due(
        &self,
        notified: NaiveDate,
        calendar: &WorkingCalendar,
        today: NaiveDate,
    ) -> Option<(&Deadline, NaiveDateTime)> {
        self.deadlines
            .iter()
            .map(|d| (d, d.due(notified, calendar)))
            .filter(|(_, due)| due.date() >= today)
            .min_by_key(|(_, due)| *due)
    }

    /// What the request is, as sentences for the page: what it leads to, its notice (marked
    /// when not confirmed) and where it comes from.
    pub fn about_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.about.trim().is_empty() {
            lines.push(self.about.clone());
        }
        if let Some(n) = &self.notice {
            let text =
                format!("Notice: {} working days before on-site work ({}).", n.working_days_before_on_site, n.source);
            lines.push(crate::domain::framework::marked(&text, n.confirmed, ""));
        }
        if !self.source.trim().is_empty() {
            lines.push(format!("Source: {}. Version: {}.", self.source, self.version));
        }
        lines
    }

    /// What is still to do for one deadline: lists not checked or with errors, and items not yet
    /// reviewed. An item recorded as not held is done: nothing is produced for the inspection.
    pub fn outstanding(&self, readiness: &AnnexReadiness, deadline: &str) -> Vec<String> {
        let mut out = Vec::new();
        for list in self.lists.iter().filter(|l| l.deadline == deadline) {
            let found = readiness.last_check.as_ref().and_then(|s| s.lists.iter().find(|l2| l2.list_id == list.id));
            match found {
                None => out.push(format!("{} not checked", list.name)),
                Some(l) if l.errors > 0 => out.push(format!("{} has errors", list.name)),
                Some(_) => {}
            }
        }
        let items = self.documents.iter().filter(|d| d.deadline == deadline).map(|d| d.id.as_str());
        let tally = readiness.document_tally(items);
        let left = tally.items - tally.reviewed();
        if left > 0 {
            out.push(format!("{left} {} not yet reviewed", if left == 1 { "item" } else { "items" }));
        }
        out
    }

    /// Reads a profile (JSON made from its TOML by `build.rs`) and resolves `same_columns_as`.
    pub fn from_json(text: &str) -> Result<Profile, String> {
        Self::resolve(serde_json::from_str(text).map_err(|e| e.to_string())?)
    }

    /// Copies columns into lists declared with `same_columns_as`.
    fn resolve(mut profile: Profile) -> Result<Profile, String> {
        for i in 0..profile.lists.len() {
            let Some(base_id) = profile.lists[i].same_columns_as.clone() else { continue };
            let base =
                profile.lists.iter().find(|l| l.id == base_id && l.same_columns_as.is_none()).ok_or_else(|| {
                    format!("list {} copies columns from unknown list {base_id}", profile.lists[i].id)
                })?;
            let without = &profile.lists[i].without_columns;
            for key in without {
                if base.column(key).is_none() {
                    return Err(format!("list {} drops unknown column {key}", profile.lists[i].id));
                }
            }
            let mut columns: Vec<ColumnSpec> =
                base.columns.iter().filter(|c| !without.contains(&c.key)).cloned().collect();
            columns.append(&mut profile.lists[i].columns);
            profile.lists[i].columns = columns;
        }
        Ok(profile)
    }

    /// Problems with the profile's own data: unknown references, duplicates, empty lists.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for d in &self.deadlines {
            if !seen.insert(format!("deadline {}", d.id)) {
                out.push(format!("duplicate deadline {}", d.id));
            }
        }
        for l in &self.lists {
            if !seen.insert(format!("list {}", l.id)) {
                out.push(format!("duplicate list {}", l.id));
            }
            if self.deadline(&l.deadline).is_none() {
                out.push(format!("list {} has unknown deadline {}", l.id, l.deadline));
            }
            if l.columns.is_empty() {
                out.push(format!("list {} has no columns", l.id));
            }
            let mut keys = std::collections::BTreeSet::new();
            let mut names = std::collections::BTreeMap::new();
            for c in &l.columns {
                for other in c.not_needed_with.iter().filter(|k| l.column(k).is_none()) {
                    out.push(format!("list {} column {} names an unknown column {other}", l.id, c.key));
                }
                if !keys.insert(&c.key) {
                    out.push(format!("list {} repeats column key {}", l.id, c.key));
                }
                for n in std::iter::once(&c.name).chain(&c.synonyms) {
                    if let Some(other) = names.insert(super::headers::normalise(n), &c.key)
                        && other != &c.key
                    {
                        out.push(format!("list {}: header {n:?} would match both {other} and {}", l.id, c.key));
                    }
                }
                match (c.kind, &c.codes) {
                    (ColumnType::Code, None) => out.push(format!("list {} column {} has no code list", l.id, c.key)),
                    (ColumnType::Code, Some(id)) if self.code_list(id).is_none() => {
                        out.push(format!("list {} column {} refers to unknown code list {id}", l.id, c.key))
                    }
                    (kind, Some(_)) if kind != ColumnType::Code => {
                        out.push(format!("list {} column {} has codes but is not a code column", l.id, c.key))
                    }
                    _ => {}
                }
            }
            if l.person_level && l.column("unique_id").is_none() {
                out.push(format!("person-level list {} has no unique_id column", l.id));
            }
        }
        for c in &self.code_lists {
            if !seen.insert(format!("code list {}", c.id)) {
                out.push(format!("duplicate code list {}", c.id));
            }
            if c.codes.is_empty() {
                out.push(format!("code list {} is empty", c.id));
            }
        }
        for d in &self.documents {
            if !seen.insert(format!("document {}", d.id)) {
                out.push(format!("duplicate document {}", d.id));
            }
            if self.deadline(&d.deadline).is_none() {
                out.push(format!("document {} has unknown deadline {}", d.id, d.deadline));
            }
        }
        if self.age_scope.min > self.age_scope.max {
            out.push("age scope min is above max".into());
        }
        out
    }
}

/// The profile files, as JSON made from their TOML by `build.rs`.
const EMBEDDED: [&str; 3] = [
    include_str!(concat!(env!("OUT_DIR"), "/full-2025.json")),
    include_str!(concat!(env!("OUT_DIR"), "/ap-thematic-2023.json")),
    include_str!(concat!(env!("OUT_DIR"), "/local-offer-2026.json")),
];

/// Every request profile the app knows, the full inspection first.
pub fn profiles() -> &'static [Profile] {
    static PARSED: OnceLock<Vec<Profile>> = OnceLock::new();
    PARSED.get_or_init(|| {
        EMBEDDED
            .iter()
            // Embedded files are validated by tests, so a failure here is a build defect.
            .map(|text| Profile::from_json(text).expect("embedded request profile parses"))
            .collect()
    })
}

pub fn profile(id: &str) -> Option<&'static Profile> {
    profiles().iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_profile_parses_and_is_consistent() {
        for text in EMBEDDED {
            let p = Profile::from_json(text).unwrap();
            assert_eq!(p.problems(), Vec::<String>::new(), "{}", p.id);
        }
        assert_eq!(
            profiles().iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["full-2025", "ap-thematic-2023", "local-offer-2026"]
        );
    }

    #[test]
    fn full_2025_lists_have_the_template_columns_in_order() {
        let p = profile("full-2025").unwrap();
        let l1: Vec<&str> = p.list("list-1").unwrap().columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(l1.len(), 21);
        assert_eq!(l1[10], "Main education establishment – URN");
        assert_eq!(l1[20], "Does the child or young person have a disability?");
        let l2: Vec<&str> = p.list("list-2").unwrap().columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            l2,
            [
                "Unique ID",
                "UPN",
                "ULN",
                "Date of birth",
                "Gender",
                "Ethnicity",
                "SEN primary need",
                "Main education establishment – URN",
                "Main education establishment – phase",
                "Subsidiary education establishment – phase (dual registration)",
                "Suspensions",
                "Permanent exclusions",
                "Absence",
                "Pupil Premium",
                "Known to children's social care?",
                "Which children's social care team?",
                "Does the child or young person have a disability?",
            ]
        );
        assert!(!p.pseudonymised);
        let ethnicity = p.code_list("ethnicity").unwrap();
        assert_eq!(ethnicity.codes.len(), 21);
    }

    #[test]
    fn every_deadline_and_document_has_a_source_and_readings_are_unconfirmed() {
        for p in profiles() {
            for d in &p.deadlines {
                assert!(!d.source.is_empty(), "{} deadline {}", p.id, d.id);
            }
            for d in &p.documents {
                assert!(!d.source.is_empty(), "{} document {}", p.id, d.id);
            }
        }
        // The handbook gives no time for items 1.1 to 1.4: Friday 5pm is a reading.
        let full = profile("full-2025").unwrap();
        for d in &full.documents {
            assert_eq!(d.confirmed, !["1.1", "1.2", "1.3", "1.4", "S"].contains(&d.id.as_str()), "{}", d.id);
        }
    }

    #[test]
    fn full_2025_documents_and_deadlines() {
        let p = profile("full-2025").unwrap();
        let ids: Vec<&str> = p.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), 35);
        assert_eq!(ids.first(), Some(&"1.1"));
        assert_eq!(ids.last(), Some(&"S"), "the week-1 list of providers for sampling visits (¶213)");
        for d in &p.documents {
            let expected = if d.id == "1.5" || d.id == "3.2" { "next-day-11am" } else { "week1-friday-5pm" };
            assert_eq!(d.deadline, expected, "{}", d.id);
        }
        let cal = WorkingCalendar::default();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let lists = p.deadline("next-day-11am").unwrap().due(monday, &cal);
        assert_eq!(lists.to_string(), "2026-11-24 11:00:00");
        let friday = p.deadline("week1-friday-5pm").unwrap().due(monday, &cal);
        assert_eq!(friday.to_string(), "2026-11-27 17:00:00");
    }

    #[test]
    fn full_2025_items_say_what_to_send_and_name_their_proformas() {
        let p = profile("full-2025").unwrap();
        for d in &p.documents {
            assert!(!d.description.trim().is_empty(), "{} has no description", d.id);
        }
        let item = |id: &str| p.documents.iter().find(|d| d.id == id).unwrap();
        assert!(item("1.2").description.contains("joint strategic needs assessment (JSNA)"));
        assert!(item("1.4").description.contains("0 to 25 on the dynamic support register"));
        assert!(item("2.2").description.contains("tribunal") && item("2.2").description.contains("last 12 months"));
        assert_eq!(item("1.5").proforma.as_deref(), Some("Health commissioning template"));
        assert_eq!(item("3.2").proforma.as_deref(), Some("Residential special school commissioning and provision"));
        assert!(item("S").description.contains("sampled") && !item("S").section_confirmed);
        // Section 7's heading is ours; the others are the handbook's.
        assert!(p.documents.iter().all(|d| d.section_confirmed != (d.id.starts_with("7.") || d.id == "S")));
        assert!(!p.documents_heading_confirmed && !p.source.is_empty());
        for p in profiles() {
            assert!(!p.source.is_empty(), "{} has no source", p.id);
        }
        let ap = profile("ap-thematic-2023").unwrap();
        assert_eq!(ap.documents_heading, "Information request (Annex A)");
        assert!(
            ap.about.starts_with("Not an inspection")
                && ap.notice.as_ref().is_some_and(|n| n.working_days_before_on_site == 10)
        );
    }

    #[test]
    fn an_item_not_held_is_not_outstanding() {
        use crate::domain::annex_a::{AnnexReadiness, DocumentStatus, Holding};
        let p = profile("full-2025").unwrap();
        let mut readiness = AnnexReadiness::default();
        assert_eq!(
            p.outstanding(&readiness, "next-day-11am"),
            ["List 1 not checked", "List 2 not checked", "2 items not yet reviewed"]
        );
        let not_held = DocumentStatus {
            holding: Some(Holding::NotHeld),
            owner: None,
            file_name: String::new(),
            date: None,
            note: String::new(),
        };
        readiness.documents.insert("1.5".into(), not_held.clone());
        readiness.documents.insert("3.2".into(), not_held);
        assert_eq!(p.outstanding(&readiness, "next-day-11am"), ["List 1 not checked", "List 2 not checked"]);
    }

    #[test]
    fn each_request_says_what_it_is_its_notice_and_its_source() {
        let lines = |id: &str| profile(id).unwrap().about_lines();
        let ap = lines("ap-thematic-2023");
        assert!(ap[0].starts_with("Not an inspection"), "{ap:?}");
        assert!(
            ap[1].starts_with("Notice: 10 working days before on-site work (Thematic reviews of alternative provision"),
            "{ap:?}"
        );
        assert!(ap[2].starts_with(
            "Source: Ofsted and CQC, Thematic reviews of alternative provision in local areas (26 January 2023)"
        ));
        let offer = lines("local-offer-2026");
        assert_eq!(offer.len(), 3, "{offer:?}");
        let full = lines("full-2025");
        assert_eq!(full.len(), 1, "a full inspection has no \"about\" or notice of its own here: {full:?}");
        assert!(full[0].contains("(¶200–214)"));
    }

    #[test]
    fn ap_thematic_deadlines_and_items() {
        let p = profile("ap-thematic-2023").unwrap();
        assert!(p.pseudonymised);
        assert_eq!((p.age_scope.min, p.age_scope.max), (5, 18));
        assert_eq!(p.documents.iter().filter(|d| !d.tracked_child).count(), 11);
        assert_eq!(p.lists.len(), 4);
        assert!(p.list("ap-left").unwrap().column("destination").is_some());
        assert_eq!(p.list("ap-left").unwrap().columns.len(), p.list("ap-current").unwrap().columns.len() + 1);
        let cal = WorkingCalendar::default();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(p.deadline("week1-thursday-5pm").unwrap().due(monday, &cal).to_string(), "2026-11-26 17:00:00");
        assert_eq!(p.deadline("week2-monday-5pm").unwrap().due(monday, &cal).to_string(), "2026-11-30 17:00:00");
    }

    #[test]
    fn ap_thematic_asks_only_for_what_is_held() {
        // "where possible" and "only information that they already hold": nothing is required,
        // no invented code list is strict, and no blank is an error.
        let p = profile("ap-thematic-2023").unwrap();
        for l in &p.lists {
            assert!(!l.required, "{}", l.id);
            for c in &l.columns {
                assert!(!c.required && c.blank != Blank::Error, "{} {}", l.id, c.key);
            }
        }
        assert!(p.code_lists.iter().all(|c| !c.strict && !c.confirmed));
        // The full inspection's template columns stay required.
        let full = profile("full-2025").unwrap();
        assert!(full.list("list-1").unwrap().required && full.list("list-1").unwrap().column("upn").unwrap().required);
    }

    #[test]
    fn independent_alone_is_not_independent_registered() {
        let p = profile("ap-thematic-2023").unwrap();
        let settings = p.code_list("setting-type").unwrap();
        assert_eq!(settings.matched_code("Independent registered"), Some("b"));
        assert_eq!(settings.matched_code("independent and unregistered"), Some("c"));
        assert_eq!(settings.matched_code("Independent"), None);
        // The providers list asks only "state maintained or independent", so there it is fine.
        let providers = p.list("providers").unwrap().column("provider_type").unwrap();
        assert_eq!(p.code_list(providers.codes.as_deref().unwrap()).unwrap().matched_code("Independent"), Some("b"));
    }

    #[test]
    fn local_offer_2026_request() {
        let p = profile("local-offer-2026").unwrap();
        assert!(p.pseudonymised && p.about.contains("no judgement"));
        assert_eq!((p.age_scope.min, p.age_scope.max), (0, 25));
        let notice = p.notice.as_ref().unwrap();
        assert_eq!((notice.working_days_before_on_site, notice.confirmed), (10, true));
        let list = p.list("lo-cyp").unwrap();
        assert!(list.required);
        for key in [
            "age",
            "gender",
            "ethnicity",
            "needs",
            "health_social_care",
            "ehc_status",
            "looked_after",
            "current_settings",
            "previous_settings",
            "setting_type",
            "in_out_of_area",
            "journey_time",
        ] {
            assert!(list.column(key).is_some_and(|c| !c.required), "{key}");
        }
        assert!(p.code_lists.iter().all(|c| !c.strict && !c.confirmed));
        let settings = p.code_list("lo-setting-type").unwrap();
        assert_eq!(settings.matched_code("Unregistered"), Some("c"));
        assert_eq!(settings.matched_code("Independent"), Some("b"));
        let cal = WorkingCalendar::default();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let due = |id: &str| p.deadline(id).unwrap().due(monday, &cal).to_string();
        assert_eq!(due("week1-thursday-5pm"), "2026-11-26 17:00:00");
        assert_eq!(due("week1-friday-5pm"), "2026-11-27 17:00:00");
        // Midday on the 8th working day, counting the notification day as the first: a reading.
        assert_eq!(due("survey-closes"), "2026-12-02 12:00:00");
        assert!(!p.deadline("survey-closes").unwrap().confirmed);
        let new_item = p.documents.iter().find(|d| d.title.contains("EHC plan request for assessment")).unwrap();
        assert!(new_item.confirmed);
        assert!(p.documents.iter().filter(|d| d.id != new_item.id).all(|d| !d.confirmed));
    }

    #[test]
    fn code_lists_accept_lettered_bare_and_label_forms() {
        let p = profile("full-2025").unwrap();
        let yn = p.code_list("yes-no").unwrap();
        for ok in ["a) Yes", "Yes", "yes", "Y", "a", "b) No", "NO", "b)No"] {
            assert!(yn.accepts(ok), "{ok}");
        }
        for bad in ["b) Yes", "Maybe", "c) No", "1"] {
            assert!(!yn.accepts(bad), "{bad}");
        }
        let eth = p.code_list("ethnicity").unwrap();
        assert!(eth.accepts("a) WBRI") && eth.accepts("WBRI") && eth.accepts("u) UNKNOWN") && eth.accepts("wbri"));
        assert!(!eth.accepts("British"));
        // SEN primary need codes take no letter but their own place in the list (ASD is the 11th).
        let need = p.code_list("sen-primary-need").unwrap();
        assert_eq!(need.matched_code("ASD"), Some("ASD"));
        assert_eq!(need.matched_code("k) ASD"), Some("ASD"));
        for bad in ["a) ASD", "z) ASD", "x) SEMH", "b) SPLD"] {
            assert_eq!(need.matched_code(bad), None, "{bad}");
        }
        assert!(!eth.accepts("b) WBRI") && eth.accepts("b) WIRI"));
        let phase = p.code_list("phase").unwrap();
        assert!(phase.accepts("h) Pupil referral unit/Alternative provision") && phase.accepts("Secondary"));
        assert_eq!(yn.summary(), "a) Yes, b) No");
    }

    #[test]
    fn asd_is_spelled_as_the_glossary_spells_it() {
        let need = profile("full-2025").unwrap().code_list("sen-primary-need").unwrap();
        let asd = need.codes.iter().find(|c| c.code == "ASD").unwrap();
        let glossary = crate::domain::plain_language::builtin_glossary();
        let term = glossary.iter().find(|t| t.term == "ASD").unwrap();
        assert!(asd.label.eq_ignore_ascii_case(&term.expansion), "{} vs {}", asd.label, term.expansion);
    }

    #[test]
    fn a_bad_reference_is_reported() {
        let text = include_str!("profiles/full-2025.toml").replace("codes = \"phase\"", "codes = \"phases\"");
        let p = Profile::resolve(toml::from_str(&text).unwrap()).unwrap();
        assert!(p.problems().iter().any(|m| m.contains("unknown code list phases")), "{:?}", p.problems());
    }

    #[test]
    fn the_next_deadline_after_notification_is_the_first_still_to_come() {
        let p = profile("full-2025").unwrap();
        let calendar = WorkingCalendar::default();
        let monday: NaiveDate = "2026-11-23".parse().unwrap();
        let first = p.deadlines.iter().map(|d| d.due(monday, &calendar)).min().unwrap();
        let (_, due) = p.next_due(monday, &calendar, monday).unwrap();
        assert_eq!(due, first);
        // The day after the first deadline, the next one is later.
        let after = first.date().succ_opt().unwrap();
        if let Some((_, later)) = p.next_due(monday, &calendar, after) {
            assert!(later > first && later.date() >= after);
        }
        assert!(p.next_due(monday, &calendar, "2027-06-01".parse().unwrap()).is_none(), "all passed");
    }
}

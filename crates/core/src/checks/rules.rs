//! The rules, one file per family, and the registry of their stable ids.
//!
//! Rule ids are `FAMILY-WHAT` in capitals (`DATE-FUTURE`, `UPN-DUPLICATE`). They do not name a
//! list: the finding says which list it is about. An id never changes meaning once published, and
//! each id has one severity. `RULES.md` beside this file lists them for analysts; a test keeps it
//! in step with [`RULES`].
//!
//! A rule family is a function from a [`ListData`] (one list in one sheet, with its mapping and
//! parsed dates) to findings. Rules never fail: bad data is a finding.

pub mod ap;
pub mod completeness;
pub mod dates;
pub mod people;
pub mod structure;
pub mod values;

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use super::dates::{DateParse, age_on, parse_cell};
use super::headers::SheetMapping;
use super::profile::{CodeList, ColumnType, ListSpec, Profile};
use super::report::{Finding, Severity};
use super::workbook::{Cell, Sheet, Workbook};

/// A rule's stable id, severity and the text shown with its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What the rule checks, in a line.
    pub summary: &'static str,
    /// What to do about a finding, in plain English.
    pub how_to_fix: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:ident, $summary:literal, $fix:literal;)*) => {
        $(pub const $name: Rule = Rule { id: $id, severity: Severity::$sev, summary: $summary, how_to_fix: $fix };)*
        /// Every rule, in the order `RULES.md` lists them.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    FILE_UNREADABLE = "FILE-UNREADABLE", Error, "The file cannot be read as a spreadsheet or CSV file.",
        "Follow the message: save a copy without a password, as .xlsx, or choose the right file.";
    LIST_NOT_FOUND = "LIST-NOT-FOUND", Error, "No sheet in the files holds this list (its headers were not recognised).",
        "Add the list, or check its header row uses the template's column names, or choose its sheet by hand.";
    LIST_NOT_FOUND_OPTIONAL = "LIST-NOT-FOUND-OPTIONAL", Query, "No sheet holds a list the request asks for only where it is held.",
        "Add the list if you hold the data (check its header row, or choose its sheet by hand), or explain why not.";
    LIST_EMPTY = "LIST-EMPTY", Query, "The list's sheet has headers but no rows.",
        "Add the rows, or explain why the list is empty (for example, no children in this group).";
    LIST_AS_OF_MISSING = "LIST-AS-OF-MISSING", Query, "The date the list's data represents has not been recorded.",
        "Record the date the data was extracted (or the census date it comes from); inspectors ask for it.";
    COLUMN_MISSING = "COLUMN-MISSING", Error, "A column the template asks for is not in the list.",
        "Add the column with the template's header, or map an existing column to it by hand.";
    COLUMN_MISSING_OPTIONAL = "COLUMN-MISSING-OPTIONAL", Query, "An optional column is not in the list.",
        "Add the column if you hold the data, or explain why not.";
    VALUE_REQUIRED = "VALUE-REQUIRED", Error, "A cell that must be filled in is blank.",
        "Fill in the value; every row needs it.";
    VALUE_BLANK = "VALUE-BLANK", Query, "A cell that should normally be filled in is blank.",
        "Fill in the value, or explain why it is not known.";
    CELL_ERROR = "CELL-ERROR", Error, "The cell holds a spreadsheet error such as #N/A or #REF!.",
        "Fix the formula or paste the list as values.";
    CODE_INVALID = "CODE-INVALID", Error, "The value is not one of the codes the template allows.",
        "Use one of the template's codes for this column.";
    CODE_UNLISTED = "CODE-UNLISTED", Query, "The value is not one of the template's examples (or, where there is no template, of our suggested values).",
        "Use one of the listed values if one fits, or explain the value.";
    NUMBER_INVALID = "NUMBER-INVALID", Error, "The value is not a whole number of 0 or more.",
        "Enter a whole number such as 0, 1 or 2, with no words or symbols.";
    PERCENT_INVALID = "PERCENT-INVALID", Error, "The value is not a percentage from 0 to 100 (this includes AP attendance).",
        "Enter a number from 0 to 100, such as 87.5 (a % sign is fine).";
    URN_INVALID = "URN-INVALID", Query, "The URN is not 6 digits.",
        "Use the establishment's 6-digit URN from Get Information about Schools.";
    UPN_INVALID = "UPN-INVALID", Query, "The UPN is not 13 characters with a valid check letter.",
        "Check the UPN against the school census record; correct typing errors.";
    ULN_INVALID = "ULN-INVALID", Query, "The ULN is not 10 digits (first not zero) with a valid check digit.",
        "Check the ULN against the learner record; correct typing errors.";
    DATE_UNREADABLE = "DATE-UNREADABLE", Error, "The value is not a date.",
        "Enter the date as DD/MM/YYYY, for example 04/03/2021.";
    DATE_AMBIGUOUS = "DATE-AMBIGUOUS", Query, "The date could be read more than one way (US order or a two-digit year).",
        "Enter the date as DD/MM/YYYY with a four-digit year.";
    DATE_IMPOSSIBLE = "DATE-IMPOSSIBLE", Error, "The date cannot exist (for example 31/02/2021) or is before 1900.",
        "Correct the date from the source record.";
    DATE_FUTURE = "DATE-FUTURE", Error, "The date is in the future.",
        "Correct the date from the source record.";
    DATE_REVIEW_FUTURE = "DATE-REVIEW-FUTURE", Query, "A last-review date is in the future (perhaps the next review's date).",
        "Give the date of the last review that took place, or explain the date.";
    EHC_DATE_ORDER = "EHC-DATE-ORDER", Error, "The initial EHC plan date is after the updated or last-reviewed date.",
        "Check the three EHC plan dates: the initial plan comes first.";
    EHC_DATE_BEFORE_BIRTH = "EHC-DATE-BEFORE-BIRTH", Error, "An EHC plan date is before the date of birth.",
        "Check the date of birth and the EHC plan dates.";
    AGE_OUT_OF_SCOPE = "AGE-OUT-OF-SCOPE", Error, "The age is outside the ages this request covers.",
        "Check the date of birth or age; remove the row if the child or young person is out of scope.";
    AGE_AT_LIMIT = "AGE-AT-LIMIT", Query, "The age is at the top of the range this request covers.",
        "Check the young person is still in scope (for example, their EHC plan has not ceased).";
    ID_DUPLICATE = "ID-DUPLICATE", Error, "The same Unique ID is on more than one row of the list.",
        "Give each child or young person one row and one Unique ID.";
    SETTING_ROW_DUPLICATE = "SETTING-ROW-DUPLICATE", Query, "In a list with a row per setting, the same child or young person and setting are on more than one row (or nothing tells their rows apart).",
        "Remove the repeated row, or give each row its setting and whether it is attended now or was before.";
    PERSON_DETAILS_DIFFER = "PERSON-DETAILS-DIFFER", Query, "The rows for one child or young person (one per setting) give different details about them.",
        "Make their age, gender and other details the same on each of their rows, or explain why they differ.";
    UPN_DUPLICATE = "UPN-DUPLICATE", Error, "The same UPN is on more than one row of the list.",
        "Check for a duplicate record or a mistyped UPN.";
    UPN_ULN_MISSING = "UPN-ULN-MISSING", Query, "Aged 6 or over with neither a UPN nor a ULN.",
        "Add the UPN or ULN, or explain why none is held.";
    ESTABLISHMENT_MISSING = "ESTABLISHMENT-MISSING", Query, "School age (5 to 16) with no main or subsidiary establishment.",
        "Add the establishment's URN and phase, or explain (for example, elective home education or missing education).";
    SOCIAL_CARE_INCONSISTENT = "SOCIAL-CARE-INCONSISTENT", Query, "A social care team is given but the child is not known to children's social care.",
        "Correct either the team or the 'known to children's social care' answer.";
    AP_JOURNEY_TIME_MISSING = "AP-JOURNEY-TIME-MISSING", Query, "An out-of-area placement has no journey time.",
        "Add the journey time in minutes for out-of-area placements.";
    AP_DESTINATION_MISSING = "AP-DESTINATION-MISSING", Query, "A child or young person who left AP has no destination.",
        "Add where they went after leaving AP (school, college, employment, not known...) if it is held, or explain why not.";
    PII_NAME = "PII-NAME", Warning, "A column looks like it holds names.",
        "Delete the column before sending: the request does not ask for names.";
    PII_ADDRESS = "PII-ADDRESS", Warning, "A column looks like it holds addresses.",
        "Delete the column before sending: the request does not ask for addresses.";
    PII_POSTCODE = "PII-POSTCODE", Warning, "Cells hold full postcodes.",
        "Delete the postcodes before sending, or keep only the district (the first half) if it is needed.";
    PII_NHS_NUMBER = "PII-NHS-NUMBER", Warning, "Cells hold NHS numbers.",
        "Delete the NHS numbers before sending: the request does not ask for them.";
    PII_NI_NUMBER = "PII-NI-NUMBER", Warning, "Cells hold National Insurance numbers.",
        "Delete the National Insurance numbers before sending.";
    PII_EMAIL = "PII-EMAIL", Warning, "Cells hold email addresses.",
        "Delete the email addresses before sending.";
    PII_PHONE = "PII-PHONE", Warning, "Cells hold phone numbers.",
        "Delete the phone numbers before sending.";
    PII_UPN = "PII-UPN", Warning, "A pseudonymised list holds UPNs.",
        "Replace UPNs with your own pseudonymous ID before sending: this request must be pseudonymised.";
    PII_ULN = "PII-ULN", Warning, "A pseudonymised list holds ULNs.",
        "Replace ULNs with your own pseudonymous ID before sending: this request must be pseudonymised.";
    PII_DATE_OF_BIRTH = "PII-DATE-OF-BIRTH", Warning, "A pseudonymised list holds full dates of birth.",
        "Give the age in years instead of the date of birth: this request must be pseudonymised.";
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// One list in one sheet, ready for the rules: the mapping, the as-of date, and each date column
/// parsed once.
pub struct ListData<'a> {
    pub profile: &'a Profile,
    pub list: &'a ListSpec,
    pub workbook: &'a Workbook,
    pub sheet: &'a Sheet,
    pub mapping: &'a SheetMapping,
    /// The date the data represents, if the user recorded it.
    pub as_of: Option<NaiveDate>,
    pub today: NaiveDate,
    /// Template key → file column.
    columns: FxHashMap<&'a str, usize>,
    /// Data rows (0-based sheet rows) that are not entirely blank.
    rows: Vec<usize>,
    /// Template key → one parse per entry of `rows` (None for blank cells).
    dates: FxHashMap<&'a str, Vec<Option<DateParse>>>,
    /// Age in whole years per data row, from the age column or the date of birth.
    ages: Vec<Option<i64>>,
    /// Texts findings repeat (names, messages, advice), one allocation each.
    shared: RefCell<FxHashSet<Arc<str>>>,
}

impl<'a> ListData<'a> {
    pub fn new(
        profile: &'a Profile,
        list: &'a ListSpec,
        workbook: &'a Workbook,
        sheet: &'a Sheet,
        mapping: &'a SheetMapping,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        let columns: FxHashMap<&'a str, usize> = mapping
            .columns
            .iter()
            .filter_map(|m| list.column(&m.key).map(|c| (c.key.as_str(), m.source_column)))
            .collect();
        // Column by column, as the sheet is stored.
        let mut filled = vec![false; sheet.n_rows()];
        for c in 0..sheet.width() {
            for (r, cell) in sheet.column(c).iter().enumerate() {
                filled[r] |= !cell.is_blank();
            }
        }
        let rows: Vec<usize> = (mapping.header_row + 1..sheet.n_rows()).filter(|r| filled[*r]).collect();
        let mut dates = FxHashMap::default();
        for col in list.columns.iter().filter(|c| c.kind == ColumnType::Date) {
            if let Some(&source) = columns.get(col.key.as_str()) {
                let parsed = rows.iter().map(|r| parse_cell(sheet.cell(*r, source), workbook.date_system)).collect();
                dates.insert(col.key.as_str(), parsed);
            }
        }
        let mut data = ListData {
            profile,
            list,
            workbook,
            sheet,
            mapping,
            as_of,
            today,
            columns,
            rows,
            dates,
            ages: Vec::new(),
            shared: RefCell::default(),
        };
        data.ages = data.row_indices().map(|i| data.compute_age(i)).collect();
        data
    }

    /// Positions (0-based) into the data rows; use with [`Self::row_number`] and the accessors.
    pub fn row_indices(&self) -> std::ops::Range<usize> {
        0..self.rows.len()
    }

    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// The row number as the spreadsheet shows it.
    pub fn row_number(&self, i: usize) -> u32 {
        self.rows.get(i).map_or(0, |r| *r as u32 + 1)
    }

    pub fn has_column(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }

    pub fn source_column(&self, key: &str) -> Option<usize> {
        self.columns.get(key).copied()
    }

    /// The cell in data row `i` of a file column (from [`Self::source_column`]); for hot loops.
    pub fn cell_at(&self, i: usize, source_column: usize) -> &'a Cell {
        match self.rows.get(i) {
            Some(row) => self.sheet.cell(*row, source_column),
            None => &Cell::Empty,
        }
    }

    /// A mapped template column, looked up once for a loop over every row.
    pub fn column(&self, key: &str) -> Option<Column<'a, '_>> {
        let source = *self.columns.get(key)?;
        Some(Column { cells: self.sheet.column(source), rows: &self.rows })
    }

    /// The code a cell in a code column stands for, through a [`Codes`] memo for that column.
    pub fn codes(&self, key: &str) -> Option<Codes<'a>> {
        let id = self.list.column(key)?.codes.as_deref()?;
        self.profile.code_list(id).map(Codes::new)
    }

    /// The parsed dates of a date column, one per data row.
    pub fn dates_of(&self, key: &str) -> Option<&[Option<DateParse>]> {
        self.dates.get(key).map(Vec::as_slice)
    }

    /// The cell for a template column in data row `i`; `None` when the column is not mapped.
    pub fn cell(&self, i: usize, key: &str) -> Option<&'a Cell> {
        let col = *self.columns.get(key)?;
        let row = *self.rows.get(i)?;
        Some(self.sheet.cell(row, col))
    }

    /// The non-blank text of a cell.
    pub fn text(&self, i: usize, key: &str) -> Option<Cow<'a, str>> {
        self.cell(i, key).filter(|c| !c.is_blank()).and_then(Cell::as_text)
    }

    pub fn is_blank(&self, i: usize, key: &str) -> bool {
        self.cell(i, key).is_none_or(Cell::is_blank)
    }

    pub fn date_parse(&self, i: usize, key: &str) -> Option<DateParse> {
        self.dates.get(key).and_then(|v| v.get(i).copied().flatten())
    }

    pub fn date(&self, i: usize, key: &str) -> Option<NaiveDate> {
        self.date_parse(i, key).and_then(DateParse::date)
    }

    /// The day ages are measured on: the data's as-of date, or today.
    pub fn reference_date(&self) -> NaiveDate {
        self.as_of.unwrap_or(self.today)
    }

    /// Age in whole years: from the age column, or from the date of birth.
    pub fn age(&self, i: usize) -> Option<i64> {
        self.ages.get(i).copied().flatten()
    }

    fn compute_age(&self, i: usize) -> Option<i64> {
        if let Some(text) = self.text(i, "age") {
            return parse_whole_number(&text);
        }
        self.date(i, "date_of_birth").map(|born| age_on(born, self.reference_date()))
    }

    /// The header as written in the file for a template column, else the template's name.
    pub fn header(&self, key: &str) -> String {
        self.mapping
            .columns
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.header.clone())
            .or_else(|| self.list.column(key).map(|c| c.name.clone()))
            .unwrap_or_else(|| key.to_string())
    }

    /// The file's own pseudonymous ID for data row `i` (the Unique ID column), for exports:
    /// the cell's own text where it is short and trimmed, else a copy of its first 64 characters.
    pub fn unique_id(&self, i: usize) -> Option<Arc<str>> {
        let cell = self.cell(i, "unique_id").filter(|c| !c.is_blank())?;
        if let Cell::Text(text) = cell
            && text.len() <= 64
            && text.trim().len() == text.len()
        {
            return Some(Arc::clone(text));
        }
        cell.as_text().map(|t| t.chars().take(64).collect::<String>().into())
    }

    /// The value of a template column's cell in data row `i`, for the screen only.
    pub fn value(&self, i: usize, key: &str) -> Option<Arc<str>> {
        match self.cell(i, key)? {
            Cell::Empty => None,
            Cell::Text(text) => Some(Arc::clone(text)),
            other => other.as_text().map(|t| t.as_ref().into()),
        }
    }

    /// One shared copy of a text findings repeat.
    pub fn shared(&self, text: &str) -> Arc<str> {
        let mut shared = self.shared.borrow_mut();
        if let Some(found) = shared.get(text) {
            return Arc::clone(found);
        }
        let new: Arc<str> = text.into();
        shared.insert(Arc::clone(&new));
        new
    }

    /// A finding about one cell (`key` = template column) or a whole row (`key` = None).
    pub fn finding(&self, rule: &Rule, i: usize, key: Option<&str>, message: impl AsRef<str>) -> Finding {
        Finding {
            row: Some(self.row_number(i)),
            unique_id: self.unique_id(i),
            value: key.and_then(|k| self.value(i, k)),
            ..self.list_finding(rule, key.map(|k| self.header(k)), message)
        }
    }

    /// A finding about the whole list, not one row.
    pub fn list_finding(&self, rule: &Rule, column: Option<String>, message: impl AsRef<str>) -> Finding {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            file: self.shared(&self.workbook.file_name),
            sheet: Some(self.shared(&self.sheet.name)),
            list: Some(self.shared(&self.list.name)),
            row: None,
            column: column.map(|c| self.shared(&c)),
            unique_id: None,
            value: None,
            message: self.shared(message.as_ref()),
            how_to_fix: self.shared(rule.how_to_fix),
        }
    }
}

/// A file column's cells by data row (see [`ListData::column`]).
#[derive(Clone, Copy)]
pub struct Column<'a, 'd> {
    cells: &'a [Cell],
    rows: &'d [usize],
}

impl<'a> Column<'a, '_> {
    pub fn cell(&self, i: usize) -> &'a Cell {
        self.rows.get(i).and_then(|r| self.cells.get(*r)).unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.cell(i).is_blank()
    }
}

/// Which code each cell of one column stands for, remembered by the text's shared allocation
/// (the reader gives a code repeated down a column one allocation), so the list's normalised
/// lookup runs about once per distinct value instead of once per row.
pub struct Codes<'a> {
    pub list: &'a CodeList,
    /// Keyed by the text's address; the memo holds a reference to the text so that the address
    /// cannot be freed and reused by a different text while the memo lives.
    seen: FxHashMap<*const u8, (Arc<str>, Option<&'a str>)>,
}

impl<'a> Codes<'a> {
    pub fn new(list: &'a CodeList) -> Self {
        Codes { list, seen: FxHashMap::default() }
    }

    /// The code the cell's value matches, if any; `None` for a blank cell too.
    pub fn code(&mut self, cell: &Cell) -> Option<&'a str> {
        let list = self.list;
        match cell {
            Cell::Empty => None,
            Cell::Text(text) => {
                self.seen.entry(text.as_ptr()).or_insert_with(|| (Arc::clone(text), list.matched_code(text))).1
            }
            other => other.as_text().and_then(|text| list.matched_code(&text)),
        }
    }
}

/// "3", "3.0", " 3 " → 3. Anything else, including negatives and fractions, is `None`.
pub fn parse_whole_number(text: &str) -> Option<i64> {
    let t = text.trim();
    let n: f64 = t.parse().ok()?;
    (n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1e12).then_some(n as i64)
}

/// "87.5", "87.5%", "100 %" → the number. Anything else is `None`.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim();
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A family of rules: one list in, its findings out.
pub type Family = fn(&ListData<'_>, &mut Vec<Finding>);

/// Every family of rules, by name, in the order they run.
pub const FAMILIES: [(&str, Family); 7] = [
    ("structure", structure::check),
    ("completeness", completeness::check),
    ("values", values::check),
    ("dates", dates::check),
    ("people", people::check),
    ("ap", ap::check),
    ("identifiers", super::identifiers::check),
];

/// Every family of rules on one list, in a fixed order.
pub fn run_all(data: &ListData<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, family) in FAMILIES {
        family(data, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Builds a one-sheet list from an inline table, runs the rules, and returns the findings.

    use super::*;
    use crate::checks::headers::map_sheet_as;
    use crate::checks::profile::profile;
    use crate::checks::workbook::{DateSystem, FileFormat};

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()
    }

    pub fn workbook(rows: &[&[&str]]) -> Workbook {
        let cells = rows.iter().map(|r| r.iter().map(|v| Cell::text(v)).collect()).collect();
        Workbook {
            file_name: "test.xlsx".into(),
            format: FileFormat::Xlsx,
            date_system: DateSystem::Excel1900,
            sheets: vec![Sheet::from_rows("Data", cells)],
        }
    }

    /// Runs one rule family on `rows` (first row = headers) as `list_id` of `profile_id`, and
    /// returns the ids of the findings with their row numbers.
    pub fn run(profile_id: &str, list_id: &str, rows: &[&[&str]], family: Family) -> Vec<(String, Option<u32>)> {
        findings(profile_id, list_id, rows, family).into_iter().map(|f| (f.rule.to_string(), f.row)).collect()
    }

    pub fn findings(profile_id: &str, list_id: &str, rows: &[&[&str]], family: Family) -> Vec<Finding> {
        let p = profile(profile_id).unwrap();
        let list = p.list(list_id).unwrap();
        let wb = workbook(rows);
        let mapping = map_sheet_as(&wb.file_name, &wb.sheets[0], list, 0);
        let data = ListData::new(p, list, &wb, &wb.sheets[0], &mapping, NaiveDate::from_ymd_opt(2025, 11, 1), today());
        let mut out = Vec::new();
        family(&data, &mut out);
        out
    }

    pub fn ids(found: &[(String, Option<u32>)]) -> Vec<&str> {
        found.iter().map(|(id, _)| id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(r.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'), "{}", r.id);
            assert!(!r.how_to_fix.is_empty() && !r.summary.is_empty());
        }
    }

    #[test]
    fn rules_md_lists_every_rule_with_its_severity() {
        let doc = include_str!("RULES.md");
        let rows: Vec<(String, String)> = doc
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                (cells[1].trim_matches('`').to_string(), cells[2].to_string())
            })
            .collect();
        let expected: Vec<(String, String)> =
            RULES.iter().map(|r| (r.id.to_string(), r.severity.as_str().to_string())).collect();
        assert_eq!(
            rows, expected,
            "RULES.md is out of step with rules.rs; regenerate it with `cargo test --lib write_rules_md -- --ignored`"
        );
    }

    /// Regenerates RULES.md from the registry.
    #[test]
    #[ignore = "writes src/checks/RULES.md; run by hand after changing a rule"]
    fn write_rules_md() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/checks/RULES.md");
        std::fs::write(path, rules_md()).unwrap();
    }

    fn rules_md() -> String {
        let mut s = String::from(
            "# Annex A check rules\n\n\
             Generated from `crates/core/src/checks/rules.rs` (`cargo test -p area-send-core --lib write_rules_md -- --ignored`); a test keeps the two in step.\n\n\
             Ids are stable: an id never changes meaning once published. Each finding also names the file, sheet, list, row\n\
             (as the spreadsheet numbers it) and column (the header as written in the file).\n\n\
             Severities: **error** = must fix; **query** = fix or explain (an explanation is kept with the report);\n\
             **warning** = personal information the request does not ask for, or advice.\n\n\
             | Rule | Severity | What it checks | How to fix |\n|---|---|---|---|\n",
        );
        for r in RULES {
            s.push_str(&format!("| `{}` | {} | {} | {} |\n", r.id, r.severity.as_str(), r.summary, r.how_to_fix));
        }
        s
    }

    #[test]
    fn the_code_memo_answers_as_the_code_list_does() {
        let profile = crate::checks::profile::profile("full-2025").unwrap();
        let list = profile.code_list("yes-no").expect("yes/no codes");
        let mut codes = Codes::new(list);
        let shared = Cell::text("a) Yes");
        for cell in [
            shared.clone(),
            shared,
            Cell::text("Yes"),
            Cell::text("b) No"),
            Cell::text("Maybe"),
            Cell::Number(1.0),
            Cell::Empty,
        ] {
            let expected = cell.as_text().and_then(|t| list.matched_code(&t));
            assert_eq!(codes.code(&cell), expected, "{cell:?}");
        }
        assert_eq!(codes.code(&Cell::text("a) Yes")), Some("a"));
    }

    #[test]
    fn numbers_parse_strictly() {
        assert_eq!(parse_whole_number("3"), Some(3));
        assert_eq!(parse_whole_number("3.0"), Some(3));
        assert_eq!(parse_whole_number("-1"), None);
        assert_eq!(parse_whole_number("2.5"), None);
        assert_eq!(parse_whole_number("three"), None);
        assert_eq!(parse_number("87.5%"), Some(87.5));
        assert_eq!(parse_number("NaN"), None);
    }
}

//! Finding each list in the files: which sheet holds it, which row holds the headers, and which
//! file column is which template column.
//!
//! Headers are compared after [`normalise`], so case, spacing, en/em dashes, curly quotes and a
//! trailing question mark do not matter. The result is a [`ColumnMapping`]: plain data the user
//! can see, correct by hand and pass back to [`super::report::check`].

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::profile::{ListSpec, Profile};
use super::workbook::{Sheet, Workbook};

/// How many rows from the top are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// A header (or code) reduced to lower-case words: letters and digits kept, apostrophes dropped,
/// every other character a word break. "Known to Children’s Social Care?" and
/// "known to childrens social care" both become "known to childrens social care".
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else if matches!(ch, '\'' | '’' | '‘' | '`' | 'ʼ') {
            // "children's" reads the same as "childrens".
        } else {
            pending_space = true;
        }
    }
    out
}

/// How a file column came to be matched to a template column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The header is the template's name (ignoring case, spacing and punctuation).
    Exact,
    /// The header is one of the column's listed synonyms.
    Synonym,
    /// Chosen by hand.
    Manual,
}

/// One column of a file that is used for a template column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMatch {
    /// The template column's key (see the profile).
    pub key: String,
    /// The file's column, 0-based.
    pub source_column: usize,
    /// The header as written in the file.
    pub header: String,
    pub how: MatchKind,
}

/// Which list a sheet holds and how its columns map. Holds headers only, never cell values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetMapping {
    pub file: String,
    pub sheet: String,
    /// The list this sheet holds, or `None` to ignore the sheet (guidance tabs, notes...).
    pub list: Option<String>,
    /// The header row, 0-based (the spreadsheet's row number minus one).
    pub header_row: usize,
    pub columns: Vec<ColumnMatch>,
    /// File columns with a header that matched nothing: (0-based column, header).
    pub unmapped: Vec<(usize, String)>,
    /// Template columns not found in the sheet (keys).
    pub missing: Vec<String>,
    /// Share of the list's columns found, 0.0 to 1.0.
    pub confidence: f32,
}

impl SheetMapping {
    pub fn source_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().find(|c| c.key == key).map(|c| c.source_column)
    }

    /// Points a template column at a different file column (or at none), by hand.
    pub fn set_column(&mut self, key: &str, source_column: Option<usize>, header: &str) {
        self.columns.retain(|c| c.key != key);
        if let Some(source_column) = source_column {
            self.columns.retain(|c| c.source_column != source_column);
            self.columns.push(ColumnMatch {
                key: key.into(),
                source_column,
                header: header.into(),
                how: MatchKind::Manual,
            });
            self.missing.retain(|k| k != key);
            self.unmapped.retain(|(c, _)| *c != source_column);
        } else if !self.missing.iter().any(|k| k == key) {
            self.missing.push(key.into());
        }
        self.columns.sort_by_key(|c| c.source_column);
    }
}

/// The most file columns a column's drop-down list offers. A sheet 16,384 columns wide would
/// otherwise put 16,384 choices in each of a list's 21 lists (344,064 options on one page).
pub const MAX_COLUMN_CHOICES: usize = 300;

impl SheetMapping {
    /// The file's headed columns a template column can be pointed at, in file order (every matched
    /// column, then unmatched ones up to [`MAX_COLUMN_CHOICES`] in all), and how many more headed
    /// columns the sheet has. Linear in the sheet's width, and bounded whatever the width.
    pub fn column_choices(&self) -> (Vec<(usize, String)>, usize) {
        let room = MAX_COLUMN_CHOICES.saturating_sub(self.columns.len());
        let mut choices: Vec<(usize, String)> = self
            .columns
            .iter()
            .map(|c| (c.source_column, c.header.clone()))
            .chain(self.unmapped.iter().take(room).cloned())
            .collect();
        choices.sort_unstable();
        (choices, self.unmapped.len().saturating_sub(room))
    }
}

/// The mapping for every sheet of every file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub sheets: Vec<SheetMapping>,
}

impl ColumnMapping {
    pub fn sheet(&self, file: &str, sheet: &str) -> Option<&SheetMapping> {
        self.sheets.iter().find(|s| s.file == file && s.sheet == sheet)
    }

    pub fn sheet_mut(&mut self, file: &str, sheet: &str) -> Option<&mut SheetMapping> {
        self.sheets.iter_mut().find(|s| s.file == file && s.sheet == sheet)
    }
}

/// The template column a header names in `list`, if any.
pub fn match_header<'a>(list: &'a ListSpec, header: &str) -> Option<(&'a str, MatchKind)> {
    HeaderIndex::new(list).get(&normalise(header))
}

/// One list's names and synonyms, normalised once: a header is then one lookup, so matching a
/// sheet 16,384 columns wide costs 16,384 lookups, not that many times every name.
struct HeaderIndex<'a> {
    by_name: FxHashMap<String, (&'a str, MatchKind)>,
}

impl<'a> HeaderIndex<'a> {
    fn new(list: &'a ListSpec) -> Self {
        let mut by_name = FxHashMap::default();
        // An exact name beats any synonym; among equals the first column wins.
        for c in &list.columns {
            by_name.entry(normalise(&c.name)).or_insert((c.key.as_str(), MatchKind::Exact));
        }
        for c in &list.columns {
            for s in &c.synonyms {
                by_name.entry(normalise(s)).or_insert((c.key.as_str(), MatchKind::Synonym));
            }
        }
        by_name.remove("");
        HeaderIndex { by_name }
    }

    fn get(&self, normalised: &str) -> Option<(&'a str, MatchKind)> {
        self.by_name.get(normalised).copied()
    }
}

/// A header row's text cells: (column, header as written, normalised), read once for every list.
fn header_cells(sheet: &Sheet, row: usize) -> Vec<(usize, String, String)> {
    sheet
        .row(row)
        .into_iter()
        .enumerate()
        .filter_map(|(col, cell)| {
            let header = cell.as_text()?;
            let trimmed = header.trim();
            (!trimmed.is_empty()).then(|| (col, trimmed.to_string(), normalise(trimmed)))
        })
        .collect()
}

/// Matches one header row against one list.
fn map_row(
    file: &str,
    sheet: &Sheet,
    row: usize,
    headers: &[(usize, String, String)],
    list: &ListSpec,
) -> SheetMapping {
    map_row_with(file, sheet, row, headers, list, &HeaderIndex::new(list))
}

fn map_row_with(
    file: &str,
    sheet: &Sheet,
    row: usize,
    headers: &[(usize, String, String)],
    list: &ListSpec,
    index: &HeaderIndex<'_>,
) -> SheetMapping {
    let mut columns: Vec<ColumnMatch> = Vec::new();
    let mut unmapped = Vec::new();
    for (col, header, normalised) in headers {
        match index.get(normalised) {
            // The first column with a header wins; a repeat is left unmapped for the user to see.
            Some((key, how)) if !columns.iter().any(|c| c.key == key) => {
                columns.push(ColumnMatch { key: key.into(), source_column: *col, header: header.clone(), how })
            }
            _ => unmapped.push((*col, header.clone())),
        }
    }
    let missing: Vec<String> =
        list.columns.iter().filter(|c| !columns.iter().any(|m| m.key == c.key)).map(|c| c.key.clone()).collect();
    let confidence = columns.len() as f32 / list.columns.len().max(1) as f32;
    SheetMapping {
        file: file.into(),
        sheet: sheet.name.clone(),
        list: Some(list.id.clone()),
        header_row: row,
        columns,
        unmapped,
        missing,
        confidence,
    }
}

/// The best header row and list for one sheet, or an ignored mapping if nothing fits.
pub fn map_sheet(file: &str, sheet: &Sheet, profile: &Profile) -> SheetMapping {
    let sheet_name = normalise(&sheet.name);
    let indexes: Vec<HeaderIndex<'_>> = profile.lists.iter().map(HeaderIndex::new).collect();
    let mut best: Option<(i64, usize, usize)> = None;
    let mut rows = Vec::new();
    for row in 0..sheet.n_rows().min(HEADER_SEARCH_ROWS) {
        let headers = header_cells(sheet, row);
        for (list_idx, (list, index)) in profile.lists.iter().zip(&indexes).enumerate() {
            // Count first; only the winner's mapping (with its unmapped headers) is built.
            let mut keys: Vec<&str> = Vec::new();
            let mut exact = 0i64;
            for (_, _, normalised) in &headers {
                if let Some((key, how)) = index.get(normalised)
                    && !keys.contains(&key)
                {
                    keys.push(key);
                    exact += (how == MatchKind::Exact) as i64;
                }
            }
            let matched = keys.len() as i64;
            // At least three headers, or half the list, before a sheet counts as a list.
            if matched < 3.min(list.columns.len() as i64) || (matched * 2) < (list.columns.len() as i64).min(6) {
                continue;
            }
            let missing = list.columns.len() as i64 - matched;
            let hint = list.sheet_hints.iter().any(|h| sheet_name.contains(&normalise(h))) as i64;
            // More matched headers first; then the sheet's name; then fewer missing; then exact names.
            let score = matched * 10_000_000 + hint * 1_000_000 - missing * 1_000 + exact;
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, row, list_idx));
            }
        }
        rows.push(headers);
    }
    match best {
        Some((_, row, list_idx)) => {
            map_row_with(file, sheet, row, &rows[row], &profile.lists[list_idx], &indexes[list_idx])
        }
        None => SheetMapping {
            file: file.into(),
            sheet: sheet.name.clone(),
            list: None,
            header_row: 0,
            columns: Vec::new(),
            unmapped: Vec::new(),
            missing: Vec::new(),
            confidence: 0.0,
        },
    }
}

/// Proposes a mapping for every sheet of every workbook.
pub fn propose_mapping(workbooks: &[Workbook], profile: &Profile) -> ColumnMapping {
    ColumnMapping {
        sheets: workbooks
            .iter()
            .flat_map(|wb| wb.sheets.iter().map(|s| map_sheet(&wb.file_name, s, profile)))
            .collect(),
    }
}

/// Re-matches a sheet to a given list at a given header row, for a user's correction.
pub fn map_sheet_as(file: &str, sheet: &Sheet, list: &ListSpec, header_row: usize) -> SheetMapping {
    map_row(file, sheet, header_row, &header_cells(sheet, header_row), list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::profile::profile;
    use crate::checks::workbook::Cell;

    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        Sheet::from_rows(name, rows.iter().map(|r| r.iter().map(|v| Cell::text(v)).collect()).collect())
    }

    #[test]
    fn normalise_ignores_case_dashes_quotes_and_question_marks() {
        assert_eq!(normalise("Main education establishment – URN"), normalise("main EDUCATION establishment - urn"));
        assert_eq!(normalise("Known to children’s social care?"), "known to childrens social care");
        assert_eq!(normalise("  Date   of\tbirth "), "date of birth");
    }

    #[test]
    fn header_row_below_a_title_is_found() {
        let s = sheet(
            "Sheet1",
            &[
                &["List 1 - EHC plans as at 01/10/2025"],
                &[],
                &["Unique ID", "UPN", "ULN", "Date of birth", "Gender"],
                &["X1", "", "", "01/01/2015", "a) Male"],
            ],
        );
        let m = map_sheet("f.xlsx", &s, profile("full-2025").unwrap());
        assert_eq!(m.header_row, 2);
        assert_eq!(m.columns.len(), 5);
    }

    #[test]
    fn list_2_headers_choose_list_2_and_list_1_headers_list_1() {
        let p = profile("full-2025").unwrap();
        let l2: Vec<&str> = p.list("list-2").unwrap().columns.iter().map(|c| c.name.as_str()).collect();
        let m = map_sheet("f.xlsx", &sheet("Data", &[&l2]), p);
        assert_eq!(m.list.as_deref(), Some("list-2"));
        assert!(m.missing.is_empty());
        let l1: Vec<&str> = p.list("list-1").unwrap().columns.iter().map(|c| c.name.as_str()).collect();
        let m = map_sheet("f.xlsx", &sheet("Data", &[&l1]), p);
        assert_eq!(m.list.as_deref(), Some("list-1"));
        assert_eq!(m.confidence, 1.0);
    }

    #[test]
    fn guidance_tab_is_ignored_and_synonyms_count() {
        let p = profile("full-2025").unwrap();
        let m = map_sheet("f.xlsx", &sheet("Guidance", &[&["Please read"], &["Dates are DD/MM/YYYY"]]), p);
        assert_eq!(m.list, None);
        let m = map_sheet("f.xlsx", &sheet("EHC", &[&["Child ID", "DOB", "Sex", "Primary need", "Postcode"]]), p);
        assert_eq!(m.list.as_deref(), Some("list-1"));
        assert!(m.columns.iter().all(|c| c.how == MatchKind::Synonym));
        assert_eq!(m.unmapped, vec![(4, "Postcode".to_string())]);
    }

    #[test]
    fn a_header_16384_columns_wide_maps_in_one_pass_and_offers_a_bounded_choice() {
        let p = profile("full-2025").unwrap();
        let list1 = p.list("list-1").unwrap();
        // List 1's headers spread out among 16,384 (Excel's most), the first twice; a data row.
        let mut header: Vec<String> = (0..16_384).map(|c| format!("Extra {c}")).collect();
        for (i, c) in list1.columns.iter().enumerate() {
            header[i * 700 + 3] = c.name.clone();
        }
        header[16_383] = list1.columns[0].name.clone();
        let row: Vec<Cell> = (0..16_384).map(|c| Cell::text(&format!("v{c}"))).collect();
        let s = Sheet::from_rows("List 1", vec![header.iter().map(|h| Cell::text(h)).collect(), row]);
        let m = map_sheet("wide.xlsx", &s, p);
        assert_eq!(m.list.as_deref(), Some("list-1"));
        assert!(m.missing.is_empty() && m.confidence == 1.0);
        for (i, c) in list1.columns.iter().enumerate() {
            assert_eq!(m.source_of(&c.key), Some(i * 700 + 3), "{}", c.key);
        }
        // The repeat stays unmatched for the user to see, with every extra column.
        assert_eq!(m.unmapped.len(), 16_384 - list1.columns.len());
        assert_eq!(m.unmapped.last(), Some(&(16_383, list1.columns[0].name.clone())));
        // Each drop-down list is bounded, whatever the width: the matched columns and the first
        // of the rest, in file order; the others are counted, not listed.
        let (choices, more) = m.column_choices();
        assert_eq!(choices.len(), MAX_COLUMN_CHOICES);
        assert_eq!(more, 16_384 - MAX_COLUMN_CHOICES);
        assert!(choices.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(list1.columns.iter().all(|c| choices.iter().any(|(col, _)| Some(*col) == m.source_of(&c.key))));
        assert_eq!(map_sheet("f.xlsx", &sheet("S", &[&["Unique ID", "UPN", "Gender"]]), p).column_choices().1, 0);
    }

    #[test]
    fn mapping_can_be_corrected_by_hand() {
        let p = profile("full-2025").unwrap();
        let mut m = map_sheet("f.xlsx", &sheet("EHC", &[&["Unique ID", "Birth", "Gender", "Ethnicity"]]), p);
        assert!(m.missing.contains(&"date_of_birth".to_string()));
        m.set_column("date_of_birth", Some(1), "Birth");
        assert_eq!(m.source_of("date_of_birth"), Some(1));
        assert!(!m.missing.contains(&"date_of_birth".to_string()));
        assert!(m.unmapped.is_empty());
        m.set_column("gender", None, "");
        assert_eq!(m.source_of("gender"), None);
        assert!(m.missing.contains(&"gender".to_string()));
    }
}

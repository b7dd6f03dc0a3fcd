//! Findings by cause: per list, how many of each rule in each column (and of each severity),
//! and one page of a group's findings at a time. 149,000 duplicate UPNs are then one line with
//! a count, with the file and sheet said once, and their rows listed a page at a time.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::report::{Finding, Severity};

/// The findings of one rule in one column of one list (or about the list itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingGroup {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    pub list: Option<Arc<str>>,
    pub severity: Severity,
    pub rule: String,
    /// The column as headed in the file; `None` for a finding about a whole list or row.
    pub column: Option<Arc<str>>,
    pub count: usize,
    /// The first and last rows with this finding, if it is about rows.
    pub first_row: Option<u32>,
    pub last_row: Option<u32>,
}

/// One column of one list: its findings by severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnTally {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    pub list: Option<Arc<str>>,
    pub column: Option<Arc<str>>,
    pub errors: usize,
    pub queries: usize,
    pub warnings: usize,
}

/// Which findings to list; every field left `None` lets all through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingFilter {
    /// A list's name ("List 1").
    pub list: Option<String>,
    pub severity: Option<Severity>,
    pub rule: Option<String>,
    /// A column's header as the findings give it; `Some("")` picks findings with no column.
    pub column: Option<String>,
}

impl FindingFilter {
    pub fn matches(&self, f: &Finding) -> bool {
        self.list.as_deref().is_none_or(|l| f.list.as_deref() == Some(l))
            && self.severity.is_none_or(|s| f.severity == s)
            && self.rule.as_deref().is_none_or(|r| f.rule == r)
            && self.column.as_deref().is_none_or(|c| f.column.as_deref().unwrap_or("") == c)
    }

    /// The filter that lists exactly one group's findings.
    pub fn of_group(group: &FindingGroup) -> FindingFilter {
        FindingFilter {
            list: group.list.as_deref().map(str::to_string),
            severity: Some(group.severity),
            rule: Some(group.rule.clone()),
            column: Some(group.column.as_deref().unwrap_or("").to_string()),
        }
    }
}

/// One page of findings: the page's findings and where it sits among them all.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingPage<'a> {
    pub findings: Vec<&'a Finding>,
    /// How many findings the filter lets through, on every page.
    pub total: usize,
    /// 0-based.
    pub page: usize,
    pub pages: usize,
}

type GroupKey = (Arc<str>, Option<Arc<str>>, Option<Arc<str>>, Severity, &'static str, Option<Arc<str>>);

/// Findings grouped by list, severity, rule and column, in the order the lists first appear,
/// then errors before queries before warnings, then the largest groups first.
pub fn groups<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<FindingGroup> {
    let mut order: Vec<(Arc<str>, Option<Arc<str>>)> = Vec::new();
    let mut by_key: BTreeMap<GroupKey, FindingGroup> = BTreeMap::new();
    for f in findings {
        let place = (Arc::clone(&f.file), f.sheet.clone());
        if !order.contains(&place) {
            order.push(place);
        }
        let key = (Arc::clone(&f.file), f.sheet.clone(), f.list.clone(), f.severity, f.rule, f.column.clone());
        let group = by_key.entry(key).or_insert_with(|| FindingGroup {
            file: Arc::clone(&f.file),
            sheet: f.sheet.clone(),
            list: f.list.clone(),
            severity: f.severity,
            rule: f.rule.to_string(),
            column: f.column.clone(),
            count: 0,
            first_row: None,
            last_row: None,
        });
        group.count += 1;
        if let Some(row) = f.row {
            group.first_row = Some(group.first_row.map_or(row, |r| r.min(row)));
            group.last_row = Some(group.last_row.map_or(row, |r| r.max(row)));
        }
    }
    let mut out: Vec<FindingGroup> = by_key.into_values().collect();
    out.sort_by(|a, b| {
        let place = |g: &FindingGroup| order.iter().position(|(file, sheet)| *file == g.file && *sheet == g.sheet);
        place(a).cmp(&place(b)).then(a.severity.cmp(&b.severity)).then(b.count.cmp(&a.count)).then(a.rule.cmp(&b.rule))
    });
    out
}

/// Findings per column of each list, by severity, in the order the columns first appear.
pub fn by_column<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<ColumnTally> {
    let mut out: Vec<ColumnTally> = Vec::new();
    for f in findings {
        let found =
            out.iter().position(|t| t.file == f.file && t.sheet == f.sheet && t.list == f.list && t.column == f.column);
        let tally = match found {
            Some(i) => &mut out[i],
            None => {
                out.push(ColumnTally {
                    file: Arc::clone(&f.file),
                    sheet: f.sheet.clone(),
                    list: f.list.clone(),
                    column: f.column.clone(),
                    errors: 0,
                    queries: 0,
                    warnings: 0,
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        match f.severity {
            Severity::Error => tally.errors += 1,
            Severity::Query => tally.queries += 1,
            Severity::Warning => tally.warnings += 1,
        }
    }
    out
}

/// Page `page` (0-based) of the findings `filter` lets through, `per_page` at a time (at least
/// one). A page past the end is empty, with the right total.
pub fn page<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
    filter: &FindingFilter,
    page: usize,
    per_page: usize,
) -> FindingPage<'a> {
    let per_page = per_page.max(1);
    let start = page.saturating_mul(per_page);
    let mut total = 0;
    let mut out = Vec::new();
    for f in findings.into_iter().filter(|f| filter.matches(f)) {
        if total >= start && out.len() < per_page {
            out.push(f);
        }
        total += 1;
    }
    FindingPage { findings: out, total, page, pages: total.div_ceil(per_page) }
}

/// What each filter can choose among, from the groups: lists, rules and columns, each once,
/// in the groups' order (columns by name; `""` for findings about no column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterChoices {
    pub lists: Vec<String>,
    pub severities: Vec<Severity>,
    pub rules: Vec<String>,
    pub columns: Vec<String>,
}

pub fn filter_choices(groups: &[FindingGroup]) -> FilterChoices {
    let mut out = FilterChoices::default();
    let push = |list: &mut Vec<String>, value: &str| {
        if !list.iter().any(|v| v == value) {
            list.push(value.to_string());
        }
    };
    for g in groups {
        if let Some(list) = &g.list {
            push(&mut out.lists, list);
        }
        if !out.severities.contains(&g.severity) {
            out.severities.push(g.severity);
        }
        push(&mut out.rules, &g.rule);
        push(&mut out.columns, g.column.as_deref().unwrap_or(""));
    }
    out.severities.sort();
    out.columns.sort();
    out
}

/// One rule's findings across every list, for the chart of counts by rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTotal {
    pub rule: String,
    /// The rule's most serious severity among its findings.
    pub severity: Severity,
    pub count: usize,
}

/// Findings per rule, the most first (then by rule id, so the order is stable).
pub fn by_rule(groups: &[FindingGroup]) -> Vec<RuleTotal> {
    totals_by_rule(groups.iter().map(|g| (g.rule.as_str(), g.severity, g.count)))
}

/// Counts by rule (and severity, list or column) added up per rule, with its most serious
/// severity; the most first. Also what a saved `CheckSummary`'s counts become for the chart.
pub fn totals_by_rule<'a>(counts: impl IntoIterator<Item = (&'a str, Severity, usize)>) -> Vec<RuleTotal> {
    let mut out: Vec<RuleTotal> = Vec::new();
    for (rule, severity, count) in counts {
        match out.iter_mut().find(|t| t.rule == rule) {
            Some(t) => {
                t.count += count;
                t.severity = t.severity.min(severity);
            }
            None => out.push(RuleTotal { rule: rule.to_string(), severity, count }),
        }
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::report::{AsOfDates, check};
    use crate::checks::rules::test_support::{today, workbook};

    fn report() -> crate::checks::CheckReport {
        let upn = crate::checks::example_data::fictional_upn(1);
        let mut rows: Vec<Vec<String>> = vec![vec!["Unique ID".into(), "UPN".into(), "SEN primary need".into()]];
        for i in 0..250 {
            rows.push(vec![format!("FICT-{i}"), upn.clone(), if i % 2 == 0 { "AUTISM".into() } else { "ASD".into() }]);
        }
        let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        check(&[workbook(&rows)], crate::checks::profile("full-2025").unwrap(), None, &AsOfDates::new(), today())
    }

    #[test]
    fn findings_group_by_rule_and_column_with_counts_and_rows() {
        let report = report();
        let groups = groups(&report.findings);
        let dup = groups.iter().find(|g| g.rule == "UPN-DUPLICATE").expect("duplicates grouped");
        assert_eq!((dup.count, dup.first_row, dup.last_row), (249, Some(3), Some(251)));
        assert_eq!(dup.column.as_deref(), Some("UPN"));
        let codes = groups.iter().find(|g| g.rule == "CODE-INVALID").expect("codes grouped");
        assert_eq!(codes.count, 125);
        assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), report.findings.len());
        // Errors first, the largest first.
        assert_eq!(groups.iter().position(|g| g.rule == "UPN-DUPLICATE"), Some(0), "{groups:?}");
        let upn = by_column(&report.findings).into_iter().find(|t| t.column.as_deref() == Some("UPN")).unwrap();
        assert_eq!(upn.errors, 249);
    }

    #[test]
    fn a_group_is_listed_a_page_at_a_time() {
        let report = report();
        let dup = groups(&report.findings).into_iter().find(|g| g.rule == "UPN-DUPLICATE").unwrap();
        let filter = FindingFilter::of_group(&dup);
        let first = page(&report.findings, &filter, 0, 100);
        assert_eq!((first.findings.len(), first.total, first.pages), (100, 249, 3));
        assert_eq!(first.findings[0].row, Some(3));
        let last = page(&report.findings, &filter, 2, 100);
        assert_eq!(last.findings.len(), 49);
        assert!(page(&report.findings, &filter, 3, 100).findings.is_empty());
        let errors = FindingFilter { severity: Some(Severity::Error), ..FindingFilter::default() };
        assert_eq!(
            page(&report.findings, &errors, 0, 10).total,
            report.findings.iter().filter(|f| f.severity == Severity::Error).count()
        );
    }

    #[test]
    fn findings_show_the_wrong_value_on_screen() {
        let report = report();
        let f = report.findings.iter().find(|f| f.rule == "CODE-INVALID").unwrap();
        assert_eq!(f.value.as_deref(), Some("AUTISM"));
        assert!(!f.message.contains("AUTISM"));
    }

    #[test]
    fn filters_offer_each_list_rule_and_column_once_and_the_chart_counts_by_rule() {
        let report = report();
        let groups = groups(&report.findings);
        let choices = filter_choices(&groups);
        assert!(choices.lists.contains(&"List 1".to_string()));
        assert_eq!(choices.lists.iter().filter(|l| *l == "List 1").count(), 1);
        assert!(choices.rules.iter().filter(|r| *r == "UPN-DUPLICATE").count() == 1);
        assert!(
            choices.columns.contains(&"UPN".to_string()) && choices.columns.contains(&"SEN primary need".to_string())
        );
        let mut sorted = choices.columns.clone();
        sorted.dedup();
        assert_eq!(sorted, choices.columns, "each column once");
        let totals = by_rule(&groups);
        assert_eq!(totals[0].rule, "UPN-DUPLICATE");
        assert_eq!(totals[0].count, 249);
        assert_eq!(totals.iter().map(|t| t.count).sum::<usize>(), report.findings.len());
        assert!(totals.windows(2).all(|w| w[0].count >= w[1].count));
    }
}

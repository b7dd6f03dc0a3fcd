//! The printable Annex A readiness summary for the local area nominated officer: deadlines,
//! lists (rows, completeness, problems), and the documents checklist. Aggregates only.

use chrono::NaiveDate;

use super::doc::{Block, Document};
use crate::checks::Profile;
use crate::domain::calendar::{clock_time, long_date};
use crate::domain::counting::with_commas;
use crate::domain::framework::marked;
use crate::domain::project::Project;

pub fn readiness_summary(project: &Project, profile: &Profile, today: NaiveDate) -> Document {
    let area = if project.area_name.trim().is_empty() { "Unnamed local area" } else { &project.area_name };
    let readiness = &project.annex_a;
    let mut doc = Document::new(format!("Annex A readiness: {area}"));
    doc.push(Block::Labelled { label: "Request".into(), text: profile.title.clone() });
    for line in profile.about_lines() {
        doc.push(Block::Note(line));
    }
    doc.push(Block::Labelled { label: "Produced".into(), text: long_date(today) });
    if project.is_example {
        doc.push(Block::Note("This is a fictional example partnership.".into()));
    }

    doc.heading(2, "Deadlines");
    // A real notification decides the deadlines; a "what if" date shows them, said as such.
    let shown = project.inspection.notified.map(|d| (d, true)).or(project.inspection.what_if.map(|d| (d, false)));
    match shown {
        Some((notified, real)) => {
            let calendar = project.calendar();
            doc.push(Block::Table {
                caption: if real {
                    format!("Notified on {}", long_date(notified))
                } else {
                    format!("What if: notified on {}", long_date(notified))
                },
                header: vec!["Due".into(), "What".into()],
                rows: profile
                    .deadlines
                    .iter()
                    .map(|d| {
                        let due = d.due(notified, &calendar);
                        vec![
                            format!("{}, {}", long_date(due.date()), clock_time(due.time())),
                            marked(&d.label, d.confirmed, &d.source),
                        ]
                    })
                    .collect(),
            });
        }
        None => {
            doc.paragraph("No notification date recorded.");
        }
    }

    doc.heading(2, "Person-level lists");
    match &readiness.last_check {
        None => {
            doc.paragraph("The lists have not been checked yet.");
        }
        Some(summary) => {
            doc.push(Block::Labelled { label: "Checked".into(), text: long_date(summary.checked_on) });
            doc.push(Block::Table {
                caption: "Lists found and their problems".into(),
                header: ["List", "Sheet", "Rows", "Columns complete", "Errors", "Queries", "Warnings", "Data as of"]
                    .map(String::from)
                    .to_vec(),
                rows: summary
                    .lists
                    .iter()
                    .map(|l| {
                        let complete = l.columns.iter().filter(|c| c.present && c.blank == 0).count();
                        vec![
                            l.list_name.clone(),
                            // Never the file's name: it may name a child.
                            l.sheet.clone(),
                            with_commas(l.rows),
                            format!("{complete} of {}", l.columns.len()),
                            with_commas(l.errors),
                            with_commas(l.queries),
                            with_commas(l.warnings),
                            l.data_as_of.map(long_date).unwrap_or_else(|| "Not recorded".into()),
                        ]
                    })
                    .collect(),
            });
            // The same chart as the findings page, from the counts the project keeps.
            if !summary.counts.is_empty() {
                let totals = crate::checks::groups::totals_by_rule(
                    summary.counts.iter().map(|c| (c.rule.as_str(), c.severity, c.count)),
                );
                doc.chart(super::chart::findings_chart(&totals));
            }
            let missing: Vec<String> = summary
                .lists_not_found
                .iter()
                .map(|id| profile.list(id).map(|l| l.name.clone()).unwrap_or_else(|| id.clone()))
                .collect();
            if !missing.is_empty() {
                doc.push(Block::Labelled { label: "Not found in any file".into(), text: missing.join(", ") });
            }
            doc.push(Block::Labelled {
                label: "Queries explained".into(),
                text: format!("{} of {}", with_commas(summary.queries_explained), with_commas(summary.queries)),
            });
        }
    }

    doc.heading(2, marked(&profile.documents_heading, profile.documents_heading_confirmed, "our wording"));
    doc.push(Block::Table {
        caption: "Annex A documents checklist".into(),
        header: ["Item", "Document", "What to send (our summary)", "Status", "Owner", "File"]
            .map(String::from)
            .to_vec(),
        rows: profile
            .documents
            .iter()
            .map(|item| {
                let status = readiness.documents.get(&item.id);
                vec![
                    item.id.clone(),
                    marked(&item.title, item.confirmed, &item.source),
                    match &item.proforma {
                        Some(proforma) => format!("{} Template: {proforma}.", item.description),
                        None => item.description.clone(),
                    },
                    status
                        .and_then(|s| s.holding)
                        .map(|h| h.label().to_string())
                        .unwrap_or_else(|| "Not recorded".into()),
                    status
                        .and_then(|s| s.owner.as_ref())
                        .and_then(|o| project.partner(o))
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    status.map(|s| s.file_name.clone()).unwrap_or_default(),
                ]
            })
            .collect(),
    });
    let tally = readiness.document_tally(profile.documents.iter().map(|d| d.id.as_str()));
    doc.push(Block::Labelled { label: "Reviewed".into(), text: tally.describe() });
    doc.push(Block::Note(
        "Send only what you already hold, as routine business: the handbook asks for no documents produced for the inspection (¶88–89, ¶212). An item not held is a full answer.".into(),
    ));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::export::html;

    #[test]
    fn summary_lists_deadlines_and_every_document() {
        let mut p = example_project();
        p.inspection.notified = "2026-11-23".parse().ok();
        let profile = crate::checks::profile("full-2025").unwrap();
        let doc = readiness_summary(&p, profile, "2026-11-23".parse().unwrap());
        let text = html::render(&doc);
        assert!(text.contains("Tuesday 24 November 2026, 11am"));
        assert!(text.contains("The lists have not been checked yet."));
        for item in &profile.documents {
            assert!(text.contains(&format!("<th scope=\"row\">{}</th>", item.id)), "{}", item.id);
        }
    }

    #[test]
    fn a_checked_summary_carries_the_findings_by_rule_chart_added_up_per_rule() {
        use crate::domain::annex_a::{CheckSummary, RuleCount, Severity};
        let mut p = example_project();
        let count = |rule: &str, severity, count| RuleCount { rule: rule.into(), severity, count };
        p.annex_a.last_check = Some(CheckSummary {
            profile: "full-2025".into(),
            checked_on: "2026-11-23".parse().unwrap(),
            files: vec![],
            lists: vec![],
            lists_not_found: vec![],
            counts: vec![
                count("CODE-INVALID", Severity::Warning, 3),
                count("UPN-DUPLICATE", Severity::Error, 1_200),
                count("CODE-INVALID", Severity::Error, 2),
            ],
            errors: 1_202,
            queries: 0,
            warnings: 3,
            queries_explained: 0,
        });
        let profile = crate::checks::profile("full-2025").unwrap();
        let text = html::render(&readiness_summary(&p, profile, "2026-11-23".parse().unwrap()));
        assert!(text.contains("<svg"), "the chart is drawn in the web page");
        assert!(text.contains("2 rules found problems. The most common is UPN-DUPLICATE (1,200 errors)."), "{text}");
        // One row per rule: CODE-INVALID's two severities added up, said as its most serious.
        assert!(text.contains("<th scope=\"row\">CODE-INVALID</th><td>Error</td><td>5</td>"), "{text}");
    }
}

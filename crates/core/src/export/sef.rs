//! Self-evaluation exports: the full SEF, a one-to-two page summary for a scrutiny board, and
//! the evidence log as CSV. All are built from the same project data.

use chrono::NaiveDate;

use crate::domain::calendar::uk_date;

use super::csv;
use super::doc::{Block, Document};
use crate::domain::calendar::long_date;
use crate::domain::framework::marked;
use crate::domain::project::Project;
use crate::domain::register::Register;
use crate::domain::sef::{self, EntryKind};

/// An entry with its author; while partners' versions differ, every version with its writer,
/// none shown as the agreed text.
fn entry_text(project: &Project, r: &Register<sef::Entry>) -> String {
    let e = r.value();
    if !r.in_conflict() {
        return format!("{} \u{2013} {}", e.text, project.partner_name(&e.author));
    }
    let versions: Vec<String> = r
        .heads()
        .iter()
        .map(|v| format!("\u{201c}{}\u{201d} ({})", v.value.text, project.partner_name(&v.by)))
        .collect();
    format!("Disputed (not yet resolved), partners wrote different versions: {}", versions.join("; "))
}

fn area(project: &Project) -> String {
    if project.area_name.trim().is_empty() { "Unnamed local area".into() } else { project.area_name.clone() }
}

fn indicative_blocks(project: &Project, doc: &mut Document) {
    let edition = project.edition();
    let indicative = sef::indicative_position(project);
    doc.heading(2, "Indicative overall position");
    for question in sef::OverallQuestion::ALL {
        doc.push(Block::Labelled {
            label: question.short().into(),
            text: project.overall.get(question).map_or("Not answered", |a| a.label()).into(),
        });
    }
    doc.push(Block::Labelled {
        label: "Our view".into(),
        text: match indicative.outcome.and_then(|n| edition.outcome(n)) {
            Some(o) => format!("points to outcome {}: {}", o.number, o.short_label),
            None => "no outcome can be read yet".into(),
        },
    });
    doc.push(Block::Bullets(indicative.reasons));
    doc.push(Block::Note(sef::INDICATIVE_BASIS.into()));
}

/// Each criterion's position, evidence and sign-off: drawn as the positions chart with this as
/// its table, or (`drawn` false, for the two-page summary) the table alone.
fn positions_table(project: &Project, drawn: bool) -> Block {
    let edition = project.edition();
    let mut chart = super::chart::positions_chart(project);
    chart.header = vec!["Criterion".into(), "Position".into(), "Evidence".into(), "Sign-off".into()];
    chart.rows = edition
        .criteria
        .iter()
        .map(|c| {
            vec![
                format!("{} {}", c.id, c.short_title),
                sef::describe_position(project, &c.id),
                project.sef.evidence_for(&c.id).count().to_string(),
                sef::signoff_tally(project, &c.id).describe(),
            ]
        })
        .collect();
    if drawn {
        Block::Chart(Box::new(chart))
    } else {
        Block::Table { caption: chart.title, header: chart.header, rows: chart.rows }
    }
}

fn meta(project: &Project, today: NaiveDate, doc: &mut Document) {
    let edition = project.edition();
    let example = if project.is_example { " This is a fictional example partnership." } else { "" };
    doc.push(Block::Note(format!(
        "Framework: {} ({}). Produced {}.{example}",
        edition.title,
        edition.short_name,
        long_date(today)
    )));
}

/// The full self-evaluation, criterion by criterion.
pub fn full(project: &Project, today: NaiveDate) -> Document {
    let edition = project.edition();
    let mut doc = Document::new(format!("Self-evaluation: {}", area(project)));
    meta(project, today, &mut doc);
    doc.push(Block::Labelled {
        label: "Partners".into(),
        text: project
            .partners
            .iter()
            .map(|p| format!("{} ({})", p.name, p.role.label()))
            .collect::<Vec<_>>()
            .join("; "),
    });
    indicative_blocks(project, &mut doc);
    doc.push(positions_table(project, true));
    doc.chart(super::chart::coproduction_chart(project));

    for group in &edition.groups {
        doc.heading(2, marked(&format!("{}. {}", group.id, group.title), group.confirmed, &group.source));
        for c in edition.criteria_in(&group.id) {
            doc.heading(3, marked(&format!("{} {}", c.id, c.title), c.confirmed, &c.source));
            doc.push(Block::Labelled { label: "Our position".into(), text: sef::describe_position(project, &c.id) });
            for kind in EntryKind::ALL {
                let items: Vec<String> =
                    project.sef.entries_for(&c.id, kind).map(|(_, r)| entry_text(project, r)).collect();
                doc.heading(4, kind.label());
                if items.is_empty() {
                    doc.paragraph("Nothing recorded yet.");
                } else {
                    doc.push(Block::Bullets(items));
                }
            }
            let evidence: Vec<String> = project
                .sef
                .evidence_for(&c.id)
                .map(|(_, r)| {
                    let e = r.value();
                    let held = if e.location.is_empty() { String::new() } else { format!(", held at {}", e.location) };
                    format!("{} ({}{held})", e.title, e.kind.label().to_lowercase())
                })
                .collect();
            doc.heading(4, "Evidence");
            if evidence.is_empty() {
                doc.paragraph("No evidence linked yet.");
            } else {
                doc.push(Block::Bullets(evidence));
            }
            let current = project.sef.current_signoffs(&c.id);
            doc.push(Block::Table {
                caption: format!("Sign-off for {}", c.id),
                header: vec!["Partner".into(), "Decision".into(), "Comments or reason".into()],
                rows: project
                    .partners
                    .iter()
                    .map(|p| match current.get(&p.id) {
                        Some((_, s)) if project.sef.signed_earlier_version(s) => vec![
                            p.name.clone(),
                            format!("{} (on an earlier version; not yet renewed)", s.decision.label()),
                            s.comment.clone(),
                        ],
                        Some((_, s)) => vec![p.name.clone(), s.decision.label().into(), s.comment.clone()],
                        None => vec![p.name.clone(), "Not yet signed".into(), String::new()],
                    })
                    .collect(),
            });
            let dissent: Vec<String> = project
                .sef
                .signoff_history(&c.id)
                .into_iter()
                .filter(|(id, s)| {
                    s.decision == sef::Decision::Disagree && current.get(&s.partner).is_none_or(|(cur, _)| cur != id)
                })
                .map(|(_, s)| format!("{} disagreed earlier: {}", project.partner_name(&s.partner), s.comment))
                .collect();
            if !dissent.is_empty() {
                doc.push(Block::Bullets(dissent));
            }
        }
    }
    if !edition.other_areas.is_empty() {
        doc.heading(2, "Other areas inspectors always consider");
        doc.push(Block::Note(edition.other_areas_note.clone()));
        for area in &edition.other_areas {
            doc.heading(3, format!("{} ({})", area.title, area.source));
            doc.paragraph(&area.summary);
            let items: Vec<String> = EntryKind::ALL
                .iter()
                .flat_map(|&kind| {
                    project
                        .sef
                        .entries_for(&area.id, kind)
                        .map(move |(_, r)| format!("{}: {}", kind.label(), entry_text(project, r)))
                })
                .collect();
            if items.is_empty() {
                doc.paragraph("Nothing recorded yet.");
            } else {
                doc.push(Block::Bullets(items));
            }
            let evidence: Vec<String> =
                project.sef.evidence_for(&area.id).map(|(_, r)| r.value().title.clone()).collect();
            if !evidence.is_empty() {
                doc.push(Block::Labelled { label: "Evidence".into(), text: evidence.join("; ") });
            }
            doc.push(Block::Labelled {
                label: "Sign-off".into(),
                text: sef::signoff_tally(project, &area.id).describe(),
            });
        }
    }
    doc
}

/// A short summary for a scrutiny board: positions, key strengths and risks, co-production.
pub fn executive_summary(project: &Project, today: NaiveDate) -> Document {
    // Enough to show the picture and keep the summary to the two pages it promises.
    const KEY_ITEMS: usize = 3;
    let edition = project.edition();
    let mut doc = Document::new(format!("Self-evaluation summary: {}", area(project)));
    meta(project, today, &mut doc);
    indicative_blocks(project, &mut doc);
    // The chart's summary would take the summary past its two pages in ODT.
    doc.push(positions_table(project, false));

    let pick = |kind: EntryKind| -> Vec<String> {
        edition
            .criteria
            .iter()
            .flat_map(|c| {
                project.sef.entries_for(&c.id, kind).map(move |(_, r)| format!("{}: {}", c.id, entry_text(project, r)))
            })
            .take(KEY_ITEMS)
            .collect()
    };
    doc.heading(2, "Key strengths");
    let strengths = pick(EntryKind::Strength);
    if strengths.is_empty() {
        doc.paragraph("None recorded yet.")
    } else {
        doc.push(Block::Bullets(strengths))
    };

    doc.heading(2, "Key risks");
    // Positions first, a line per level (every criterion named), then each dispute, then the
    // first things to do better.
    let state = |c: &crate::domain::framework::Criterion| project.sef.position_state(&c.id);
    let mut risks: Vec<String> = sef::PositionLevel::ALL
        .iter()
        .filter(|level| **level != sef::PositionLevel::TypicallyPositive)
        .filter_map(|&level| {
            let ids: Vec<&str> = edition
                .criteria
                .iter()
                .filter(|c| matches!(state(c), sef::PositionState::Settled(p) if p.level == level))
                .map(|c| c.id.as_str())
                .collect();
            (!ids.is_empty()).then(|| format!("Self-assessed as {}: {}", level.label().to_lowercase(), ids.join(", ")))
        })
        .collect();
    risks.extend(
        edition
            .criteria
            .iter()
            .filter(|c| matches!(state(c), sef::PositionState::Disputed(_)))
            .map(|c| format!("{} {}: {}", c.id, c.short_title, sef::describe_position(project, &c.id))),
    );
    risks.extend(pick(EntryKind::ToImprove));
    if risks.is_empty() {
        doc.paragraph("None recorded yet.")
    } else {
        doc.push(Block::Bullets(risks))
    };

    doc.heading(2, "Co-production");
    let matrix = sef::coproduction_matrix(project);
    let total = matrix.len();
    let with_pcf = matrix.iter().filter(|c| c.has_parent_carer_forum).count();
    let with_cyp = matrix.iter().filter(|c| c.has_children_and_young_people).count();
    let gaps: Vec<String> = matrix
        .iter()
        .filter(|c| !c.has_parent_carer_forum || !c.has_children_and_young_people)
        .map(|c| c.criterion.clone())
        .collect();
    let gaps = if gaps.is_empty() {
        String::new()
    } else {
        format!(" Criteria missing a family or young people's voice: {}.", gaps.join(", "))
    };
    doc.paragraph(format!(
        "The parent carer forum contributed to {with_pcf} of {total} criteria, and children and young people to {with_cyp}.{gaps}"
    ));
    doc
}

/// The evidence log as CSV.
pub fn evidence_csv(project: &Project) -> String {
    let rows: Vec<Vec<String>> = project
        .sef
        .live_evidence()
        .map(|(_, r)| {
            let e = r.value();
            vec![
                e.title.clone(),
                e.kind.label().into(),
                e.owner.as_ref().map(|o| project.partner_name(o)).unwrap_or_default(),
                e.date.map(uk_date).unwrap_or_default(),
                e.location.clone(),
                e.criteria.iter().cloned().collect::<Vec<_>>().join("; "),
            ]
        })
        .collect();
    csv::render(&["Evidence", "Type", "Owner", "Date", "Where it is held", "Criteria supported"], &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::export::{docx, html};

    fn today() -> NaiveDate {
        "2026-11-23".parse().unwrap()
    }

    /// The example with A1's position and its first strength changed differently by the council
    /// and the ICB, then merged: both disputes unresolved.
    fn disputed_example() -> Project {
        use crate::domain::project::PartnerId;
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::{Confidence, Position, PositionLevel, SefEdit};
        let mut a = example_project();
        let mut b = a.clone();
        let entry = a.sef.entries_for("A1", EntryKind::Strength).next().unwrap().0.clone();
        let change = |p: &mut Project, rev: &str, by: &str, level, text: &str| {
            let stamp = |n: &str| Stamp {
                rev: RevId(format!("{rev}{n}")),
                by: PartnerId(by.into()),
                at: "2026-11-20T10:00:00Z".into(),
            };
            let position = Position { level, confidence: Confidence::Medium };
            sef::apply(p, SefEdit::SetPosition { criterion: "A1".into(), position, stamp: stamp("p") }).unwrap();
            sef::apply(p, SefEdit::EditEntry { id: entry.clone(), stamp: stamp("e"), text: text.into() }).unwrap();
        };
        change(&mut a, "ra", "example-la", PositionLevel::TypicallyPositive, "Council's wording");
        change(&mut b, "rb", "example-icb", PositionLevel::WidespreadFailings, "ICB's wording");
        crate::domain::merge::merge(&a, &b).unwrap().0
    }

    #[test]
    fn a_dispute_is_shown_with_every_version_and_never_as_settled() {
        let p = disputed_example();
        let council = &p.partners.iter().find(|x| x.id.0 == "example-la").unwrap().name;
        let icb = &p.partners.iter().find(|x| x.id.0 == "example-icb").unwrap().name;
        let position = sef::describe_position(&p, "A1");
        assert!(position.starts_with("Disputed (not yet resolved): "), "{position}");
        assert!(position.contains(&format!("{council} says typically positive")), "{position}");
        assert!(position.contains(&format!("{icb} says widespread or systemic failings")), "{position}");
        for doc in [full(&p, today()), executive_summary(&p, today())] {
            let text = html::render(&doc);
            assert!(text.contains("Disputed (not yet resolved): "), "{}", doc.title);
            assert!(text.contains("Council&#39;s wording"), "{}", doc.title);
            assert!(text.contains("ICB&#39;s wording"), "{}", doc.title);
        }
        let a1 = sef::coproduction_matrix(&p).into_iter().find(|c| c.criterion == "A1").unwrap();
        assert_eq!((a1.position_disputed, a1.disputed_entries), (true, 1));
        // Families are told partners do not agree yet, and shown neither wording.
        let easy: Vec<String> = super::super::plan::easy_read_sef_points(&p)
            .into_iter()
            .filter(|point| point.target == crate::domain::plan::ReviewTarget::Criterion("A1".into()))
            .flat_map(|point| point.lines)
            .collect();
        assert!(easy.iter().any(|l| l.contains("do not agree")), "{easy:?}");
        assert!(!easy.iter().any(|l| l.contains("wording")), "{easy:?}");
        // A settled position reads as before, with no dispute.
        let settled = example_project();
        assert!(!sef::describe_position(&settled, "A1").contains("Disputed"));
        assert!(!html::render(&full(&settled, today())).contains("Disputed"));
    }

    #[test]
    fn full_sef_has_every_criterion_and_the_example_content() {
        let p = example_project();
        let doc = full(&p, today());
        let text = html::render(&doc);
        for c in &p.edition().criteria {
            assert!(text.contains(&format!("<h3>{} ", c.id)), "{}", c.id);
        }
        assert!(text.contains("Indicative overall position"));
        assert!(text.contains("fictional example"));
        let bytes = docx::render(&doc, "", None);
        let body = docx::tests::part(&bytes, "word/document.xml");
        assert!(body.contains("Heading2") && body.contains("<w:tblHeader/>"));
    }

    #[test]
    fn summary_is_short_and_reports_coproduction() {
        let p = example_project();
        let doc = executive_summary(&p, today());
        assert!(doc.blocks.len() < 30, "one or two pages");
        let text = html::render(&doc);
        assert!(text.contains("The parent carer forum contributed to"));
        assert!(text.contains("Key strengths") && text.contains("Key risks"));
    }

    #[test]
    fn evidence_csv_lists_live_items_safely() {
        let p = example_project();
        let csv = evidence_csv(&p);
        assert!(csv.starts_with("\u{feff}Evidence,Type,Owner,Date,Where it is held,Criteria supported\r\n"));
        assert_eq!(csv.lines().count(), 1 + p.sef.live_evidence().count());
    }
}

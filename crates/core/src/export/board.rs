//! The board update: one short document, as at a chosen date, for a scrutiny or partnership
//! board. Self-evaluation position and sign-off, Annex A readiness, plan progress since the last
//! update (status counts, exceptions, measures), deadlines in the next period and overdue, and
//! the acronyms used. The web page draws its charts (status now, status over time, the measures);
//! Word and ODT give each chart's summary and table.

use chrono::NaiveDate;

use super::doc::{Block, Document};
use chrono::Datelike;

use crate::domain::calendar::{long_date, month_year};
use crate::domain::plain_language::{self, GlossaryTerm, glossary};
use crate::domain::plan::{Action, ActionStatus, Measure, NamedPlan};
use crate::domain::project::Project;
use crate::domain::sef::{self, PositionLevel};
use crate::export::chart;

/// What the board update covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardPeriod {
    /// The date the update is as at.
    pub as_at: NaiveDate,
    /// The previous update: progress "since" this date.
    pub since: NaiveDate,
}

impl BoardPeriod {
    /// The usual monthly board: since the same day a month earlier.
    pub fn monthly(as_at: NaiveDate) -> Self {
        let since = as_at.checked_sub_months(chrono::Months::new(1)).unwrap_or(as_at);
        Self { as_at, since }
    }

    /// The next period is as long as the last one (at least a week).
    fn next_end(&self) -> NaiveDate {
        let days = (self.as_at - self.since).num_days().max(7);
        self.as_at.checked_add_signed(chrono::Duration::days(days)).unwrap_or(self.as_at)
    }
}

fn area(project: &Project) -> String {
    if project.area_name.trim().is_empty() { "Unnamed local area".into() } else { project.area_name.clone() }
}

/// The dates the board's charts over time show: two month ends before the last update, that
/// update's date and this one's (a column each, so the tables fit the page).
fn board_points(actions: &[&Action], period: BoardPeriod) -> Vec<NaiveDate> {
    let mut points = chart::status_points(actions, period.since, 3);
    points.retain(|d| *d < period.since);
    points.extend([period.since, period.as_at]);
    points.dedup();
    points
}

/// An action's words cut short for a table cell (the board update must fit on two pages).
fn short(text: &str) -> String {
    let text = text.trim();
    let cut: String = text.chars().take(50).collect();
    if text.chars().nth(50).is_some() { format!("{}\u{2026}", cut.trim_end()) } else { cut }
}

/// A date in a table cell, without the weekday: "28 September 2027".
fn cell_date(date: NaiveDate) -> String {
    format!("{} {}", date.day(), month_year(date))
}

fn lead(project: &Project, action: &Action) -> String {
    let partner = action.responsible.as_ref().and_then(|id| project.partner(id)).map(|p| p.name.clone());
    // The named lead alone when there is one: the partner's name too made the cell run long.
    match (action.lead.trim(), partner) {
        ("", Some(p)) => p,
        ("", None) => "Not yet agreed".into(),
        (lead, _) => lead.into(),
    }
}

/// The board update, for every action or for the actions of one plan.
pub fn board_update(project: &Project, period: BoardPeriod, plan: Option<&NamedPlan>) -> Document {
    let BoardPeriod { as_at, since } = period;
    let title = match plan {
        Some(p) => format!("Board update: {}, {}", p.title(), area(project)),
        None => format!("Board update: {}", area(project)),
    };
    let mut doc = Document::new(title);
    doc.push(Block::Labelled { label: "As at".into(), text: long_date(as_at) });
    doc.push(Block::Labelled { label: "Progress since".into(), text: long_date(since) });
    if project.is_example {
        doc.push(Block::Note("This is a fictional example partnership.".into()));
    }
    sef_blocks(project, &mut doc);
    annex_blocks(project, &mut doc);
    let actions: Vec<&Action> = project.plan.actions.iter().filter(|a| plan.is_none_or(|p| a.in_plan(p))).collect();
    progress_blocks(project, &actions, period, &mut doc);
    deadline_blocks(&actions, period, &mut doc);
    acronym_blocks(project, &mut doc);
    doc
}

fn sef_blocks(project: &Project, doc: &mut Document) {
    let edition = project.edition();
    doc.heading(2, "Self-evaluation");
    let mut counts: Vec<(String, usize)> =
        PositionLevel::ALL.iter().map(|level| (level.label().to_string(), 0)).collect();
    let (mut disputed, mut not_assessed, mut signed, mut disagree) = (Vec::new(), 0, 0, 0);
    for criterion in &edition.criteria {
        match project.sef.position_state(&criterion.id) {
            // A dispute is shown as one, never counted under either partner's position.
            sef::PositionState::Disputed(_) => disputed.push(criterion.id.clone()),
            sef::PositionState::Settled(p) => {
                if let Some(row) = counts.iter_mut().find(|(l, _)| l == p.level.label()) {
                    row.1 += 1;
                }
            }
            sef::PositionState::NotAssessed => not_assessed += 1,
        }
        let tally = sef::signoff_tally(project, &criterion.id);
        if tally.disagree > 0 {
            disagree += 1;
        } else if tally.outstanding == 0 && tally.earlier_version == 0 && tally.agree + tally.with_comments > 0 {
            signed += 1;
        }
    }
    // One line rather than a table: the update must fit on two pages.
    let mut parts: Vec<String> = counts.into_iter().map(|(l, n)| format!("{n} {}", l.to_lowercase())).collect();
    parts.push(format!("{} disputed (partners differ; not yet resolved)", disputed.len()));
    parts.push(format!("{not_assessed} not assessed"));
    doc.push(Block::Labelled { label: "Self-assessed positions".into(), text: format!("{}.", parts.join(", ")) });
    let indicative = sef::indicative_position(project);
    let view = match indicative.outcome.and_then(|n| edition.outcome(n)) {
        Some(o) if disputed.is_empty() => format!("points to outcome {}: {}", o.number, o.short_label),
        Some(o) => format!(
            "provisional while {} disputed: points to outcome {}: {}",
            disputed.join(", "),
            o.number,
            o.short_label
        ),
        None => "not enough positions recorded yet".into(),
    };
    doc.push(Block::Labelled { label: "Our view".into(), text: view });
    let total = edition.criteria.len();
    doc.push(Block::Labelled {
        label: "Sign-off".into(),
        text: format!(
            "{signed} of {total} criteria signed off by every partner; {disagree} with a partner disagreeing."
        ),
    });
}

fn annex_blocks(project: &Project, doc: &mut Document) {
    use crate::domain::annex_a::Holding;
    let annex = &project.annex_a;
    doc.heading(2, "Annex A readiness");
    let mut lines = Vec::new();
    match &annex.last_check {
        None => lines.push("The person-level lists have not been checked yet.".to_string()),
        Some(s) => lines.push(format!(
            "Lists last checked on {}: {} found, {} not found; {} errors, {} queries ({} explained), {} warnings.",
            long_date(s.checked_on),
            s.lists.len(),
            s.lists_not_found.len(),
            s.errors,
            s.queries,
            s.queries_explained,
            s.warnings
        )),
    }
    let count = |h: Holding| annex.documents.values().filter(|d| d.holding == Some(h)).count();
    lines.push(format!(
        "Documents: {} held, {} partly held, {} not held.",
        count(Holding::Held),
        count(Holding::PartlyHeld),
        count(Holding::NotHeld)
    ));
    doc.push(Block::Bullets(lines));
}

fn progress_blocks(project: &Project, actions: &[&Action], period: BoardPeriod, doc: &mut Document) {
    let BoardPeriod { as_at, since } = period;
    doc.heading(2, "Plan progress");
    // Two pages hold one table of counts: the status over time's, on the last update's date
    // and this one's (the bars' counts, which their summary also gives) after a few before.
    let points = board_points(actions, period);
    let mut status = chart::status_chart(actions, as_at);
    status.rows.clear();
    doc.chart(status);
    doc.chart(chart::status_over_time_on(actions, &points, true));
    let in_period = |d: NaiveDate| d > since && d <= as_at;
    let changed = actions.iter().filter(|a| a.status(as_at) != a.status(since)).count();
    let entries: usize = actions.iter().map(|a| a.progress.iter().filter(|p| in_period(p.on)).count()).sum();
    doc.paragraph(format!(
        "Since {}: {changed} {} changed status and {entries} progress {} recorded.",
        long_date(since),
        if changed == 1 { "action" } else { "actions" },
        if entries == 1 { "entry was" } else { "entries were" }
    ));

    doc.heading(3, "Exceptions");
    let exceptions: Vec<Vec<String>> = actions
        .iter()
        .filter_map(|a| {
            let update = a.status_update(as_at)?;
            matches!(update.status, ActionStatus::OffTrack | ActionStatus::AtRisk).then(|| {
                vec![
                    short(&a.what),
                    lead(project, a),
                    format!("{} since {}", update.status.label(), cell_date(update.on)),
                    if update.note.is_empty() { "No commentary yet.".into() } else { update.note.clone() },
                ]
            })
        })
        .collect();
    if exceptions.is_empty() {
        doc.paragraph("No action is off track or at risk.");
    } else {
        doc.push(Block::Table {
            caption: "Actions off track or at risk".into(),
            header: ["Action", "Lead", "Status", "Commentary"].map(String::from).to_vec(),
            rows: exceptions,
        });
    }

    doc.heading(3, "Measures");
    let measures: Vec<&Measure> = actions
        .iter()
        .flat_map(|a| a.measures.iter())
        .filter(|m| !m.values.is_empty() || !m.baseline.is_empty())
        .collect();
    if measures.is_empty() {
        doc.paragraph("No measures recorded yet.");
    } else {
        doc.chart(chart::measures_chart(&measures, &board_points(actions, period)));
    }
}

fn deadline_blocks(actions: &[&Action], period: BoardPeriod, doc: &mut Document) {
    let as_at = period.as_at;
    let next = period.next_end();
    doc.heading(2, "Deadlines");
    let mut rows: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for a in actions {
        for m in &a.milestones {
            let Some(due) = m.due else { continue };
            if m.is_late(as_at) {
                rows.push((due, vec![cell_date(due), m.text.clone(), short(&a.what), "Overdue".into()]));
            } else if due >= as_at && due <= next && !m.is_done(as_at) {
                rows.push((due, vec![cell_date(due), m.text.clone(), short(&a.what), "Due".into()]));
            }
        }
        if let Some(end) = a.end
            && end <= next
            && a.status(as_at) != ActionStatus::Done
        {
            let (what, status) =
                if end < as_at { ("Action past its end date", "Overdue") } else { ("Action due to finish", "Due") };
            rows.push((end, vec![cell_date(end), what.into(), short(&a.what), status.into()]));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    if rows.is_empty() {
        doc.paragraph(format!("Nothing is overdue and nothing falls due by {}.", long_date(next)));
    } else {
        doc.push(Block::Table {
            caption: format!("Overdue, and due by {}", long_date(next)),
            header: ["Date", "Milestone", "Action", "Status"].map(String::from).to_vec(),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        });
    }
}

/// Every acronym the document uses, explained, from the glossary (built-in and the project's).
fn acronym_blocks(project: &Project, doc: &mut Document) {
    let text: String = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph(text) | Block::Note(text) => text.clone(),
            Block::Labelled { label, text } => format!("{label} {text}"),
            Block::Bullets(items) => items.join("\n"),
            Block::Table { caption, header, rows } => {
                let cells = rows.iter().map(|r| r.join("\n")).collect::<Vec<_>>().join("\n");
                format!("{caption}\n{}\n{cells}", header.join("\n"))
            }
            Block::Chart(chart) => {
                let cells = chart.rows.iter().map(|r| r.join("\n")).collect::<Vec<_>>().join("\n");
                format!("{}\n{}\n{}\n{cells}", chart.title, chart.summary, chart.header.join("\n"))
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let words = glossary(&project.plan.glossary);
    let acronyms = words.iter().filter(|t| t.term.chars().filter(char::is_ascii_uppercase).count() >= 2);
    let mut used: Vec<&GlossaryTerm> = plain_language::terms_mentioned(&text, acronyms);
    used.sort_by(|a, b| a.term.cmp(&b.term));
    doc.heading(2, "Acronyms used");
    if used.is_empty() {
        doc.paragraph("None.");
    } else {
        doc.push(Block::Bullets(used.iter().map(|t| format!("{}: {}", t.term, t.expansion)).collect()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::export::html;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn example_board_update_counts_exceptions_and_overdue() {
        let p = example_project();
        let doc = board_update(&p, BoardPeriod { as_at: day("2027-05-01"), since: day("2027-04-01") }, None);
        let page = html::render(&doc);
        assert!(page.contains("Off track since"), "the example's exception shows");
        assert!(page.contains("Staff") || page.contains("backlog grew"), "its commentary shows");
        assert!(!page.contains("Overdue"));
        let later = html::render(&board_update(&p, BoardPeriod::monthly(day("2027-10-05")), None));
        assert!(later.contains("Overdue"), "a late milestone shows");
        assert!(page.contains("ICB: "), "acronyms are explained");
    }

    #[test]
    fn a_disputed_position_reads_disputed_and_is_not_counted_as_settled() {
        use crate::domain::project::PartnerId;
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::{Confidence, Position, SefEdit};
        let mut a = example_project();
        let mut b = a.clone();
        let set = |p: &mut Project, rev: &str, by: &str, level| {
            let stamp = Stamp { rev: RevId(rev.into()), by: PartnerId(by.into()), at: "2026-11-20T10:00:00Z".into() };
            let position = Position { level, confidence: Confidence::Medium };
            sef::apply(p, SefEdit::SetPosition { criterion: "A1".into(), position, stamp }).unwrap();
        };
        set(&mut a, "ra", "example-la", PositionLevel::ALL[0]);
        set(&mut b, "rb", "example-icb", PositionLevel::ALL[2]);
        let (merged, _) = crate::domain::merge::merge(&a, &b).unwrap();
        assert!(merged.sef.positions["A1"].in_conflict());
        let positions = |p: &Project| {
            let doc = board_update(p, BoardPeriod::monthly(day("2027-05-01")), None);
            doc.blocks
                .iter()
                .find_map(|b| match b {
                    Block::Labelled { label, text } if label == "Self-assessed positions" => Some(text.clone()),
                    _ => None,
                })
                .unwrap()
        };
        assert!(positions(&merged).contains(", 1 disputed (partners differ"), "{}", positions(&merged));
        assert!(positions(&a).contains(", 0 disputed (partners differ"), "{}", positions(&a));
    }

    #[test]
    fn the_status_over_time_ends_on_the_last_update_and_this_one() {
        let p = example_project();
        let period = BoardPeriod { as_at: day("2027-11-01"), since: day("2027-10-01") };
        let doc = board_update(&p, period, None);
        let charts: Vec<&chart::Chart> =
            doc.blocks.iter().filter_map(|b| if let Block::Chart(c) = b { Some(&**c) } else { None }).collect();
        assert_eq!(charts.len(), 3, "status now, status over time, measures");
        assert!(charts[0].rows.is_empty(), "the counts now are the last column of the next table");
        assert_eq!(charts[1].header, ["Status", "Feb 2027", "Jun 2027", "1 Oct 2027", "1 Nov 2027"]);
        assert_eq!(charts[1].rows[4], ["Done", "0", "2", "2", "2"]);
        assert!(html::render(&doc).contains("<svg"), "the web page draws them");
        let word = doc.office_blocks();
        assert!(!word.iter().any(|b| matches!(b, Block::Chart(_))));
        assert!(
            word.iter()
                .any(|b| matches!(b, Block::Table { caption, .. } if caption == "Data: Actions by status over time"))
        );
    }
}

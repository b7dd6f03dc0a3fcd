//! Strategic plan update exports: the plan (with the priority action plan as its own section
//! under outcome 3), an easy-read version, and the action plan as CSV and Markdown.

use chrono::NaiveDate;

use crate::domain::calendar::{month_year, uk_date};

use super::doc::{Block, Document};
use super::html::escape;
use super::{csv, xlsx};
use crate::domain::calendar::long_date;
use crate::domain::framework::{DeadlineDate, marked};
use crate::domain::plain_language::{self, GlossaryTerm, glossary};
use std::collections::BTreeSet;

use crate::domain::counting::count;
use crate::domain::plan::{
    Action, NamedPlan, PlanKind, RecommendationKind, ReviewTarget, experience_of, you_said_we_did,
};
use crate::domain::project::Project;
use crate::domain::sef::{EntryKind, PositionLevel, PositionState};
use crate::write::package::Properties;

fn area(project: &Project) -> String {
    if project.area_name.trim().is_empty() { "Unnamed local area".into() } else { project.area_name.clone() }
}

fn partner(project: &Project, action: &Action) -> String {
    action
        .responsible
        .as_ref()
        .and_then(|id| project.partner(id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "Not yet agreed".into())
}

fn period(action: &Action) -> String {
    match (action.start, action.end) {
        (Some(s), Some(e)) => format!("{} to {}", uk_date(s), uk_date(e)),
        (None, Some(e)) => format!("by {}", uk_date(e)),
        (Some(s), None) => format!("from {}", uk_date(s)),
        (None, None) => "Not yet set".into(),
    }
}

fn milestones(action: &Action) -> String {
    action
        .milestones
        .iter()
        .map(|m| match m.due {
            Some(d) => format!("{} ({})", m.text, uk_date(d)),
            None => m.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn measures(action: &Action) -> String {
    action
        .measures
        .iter()
        .map(|m| {
            let actual = if m.actual.is_empty() { String::new() } else { format!("; now {}", m.actual) };
            format!("{}: from {} to {}{actual}", m.name, m.baseline, m.target)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn actions_table(project: &Project, caption: String, actions: &[&Action]) -> Block {
    Block::Table {
        caption,
        header: [
            "Action",
            "Responsible partner",
            "Period",
            "Milestones",
            "Impact measures (baseline to target)",
            "How families were involved",
        ]
        .map(String::from)
        .to_vec(),
        rows: actions
            .iter()
            .map(|a| {
                vec![a.what.clone(), partner(project, a), period(a), milestones(a), measures(a), a.involvement.clone()]
            })
            .collect(),
    }
}

fn recommendation_blocks(project: &Project, kind: RecommendationKind, doc: &mut Document) {
    let plan = &project.plan;
    for (n, rec) in plan.recommendations.iter().filter(|r| r.kind == kind).enumerate() {
        doc.heading(3, format!("{} {}", kind.label(), n + 1));
        doc.push(Block::Labelled { label: "The report says".into(), text: rec.text.clone() });
        if !rec.responsible_body.is_empty() {
            doc.push(Block::Labelled { label: "Responsible body".into(), text: rec.responsible_body.clone() });
        }
        let actions: Vec<&Action> = plan.actions_for(&rec.id).collect();
        if actions.is_empty() {
            doc.paragraph("Actions not yet agreed.");
        } else {
            doc.push(actions_table(
                project,
                format!("Actions for {} {}", kind.label().to_lowercase(), n + 1),
                &actions,
            ));
            for action in actions {
                families_blocks(project, action, doc);
            }
        }
    }
}

/// Beside an action: what families say they feel of it so far (kept apart from the
/// partnership's own status) and the partnership's answers to their comments.
fn families_blocks(project: &Project, action: &Action, doc: &mut Document) {
    let short: String = action.what.chars().take(60).collect();
    let felt = experience_of(&project.plan, &action.id);
    if !felt.is_empty() {
        let text = felt
            .iter()
            .map(|(e, n)| format!("{}: {}", e.label(), count(*n, "family member", "family members")))
            .collect::<Vec<_>>()
            .join("; ");
        doc.push(Block::Labelled {
            label: format!("What families tell us so far about \u{201c}{short}\u{201d}"),
            text,
        });
    }
    let answers = you_said_we_did(&project.plan, &ReviewTarget::Action(action.id.clone()));
    if !answers.is_empty() {
        doc.paragraph(format!("You said, we did, on \u{201c}{short}\u{201d}:"));
        doc.push(Block::Bullets(
            answers.into_iter().map(|(said, did)| format!("You said: {said} We did: {did}")).collect(),
        ));
    }
}

/// The project with only the actions of one plan, and only the report's areas those actions
/// answer (an area with no action left is not in that plan). Every plan export can be made from
/// it; the strategic plan update keeps every area, so unanswered ones still show.
pub fn only_plan(project: &Project, plan: &NamedPlan) -> Project {
    let mut only = project.clone();
    only.plan.actions.retain(|a| a.in_plan(plan));
    if plan.kind != PlanKind::StrategicPlanUpdate {
        let answered: BTreeSet<_> = only.plan.actions.iter().map(|a| a.recommendation.clone()).collect();
        only.plan.recommendations.retain(|r| answered.contains(&r.id));
    }
    only
}

/// One plan's update: the strategic plan update's layout, titled with the plan's name, from the
/// actions that belong to it.
pub fn plan_update(project: &Project, plan: &NamedPlan, today: NaiveDate) -> Document {
    let mut doc = strategic_plan(&only_plan(project, plan), today);
    let title = format!("{}: {}", plan.title(), area(project));
    if let Some(Block::Heading { text, .. }) = doc.blocks.first_mut() {
        *text = title.clone();
    }
    doc.title = title;
    doc
}

/// The strategic plan update, with the priority action plan as its own section when present.
pub fn strategic_plan(project: &Project, today: NaiveDate) -> Document {
    let edition = project.edition();
    let plan = &project.plan;
    let mut doc = Document::new(format!("SEND strategic plan update: {}", area(project)));
    doc.push(Block::Labelled { label: "Produced".into(), text: long_date(today) });
    if project.is_example {
        doc.push(Block::Note("This is a fictional example partnership.".into()));
    }
    doc.heading(2, "The inspection");
    if let Some(outcome) = plan.outcome.and_then(|n| edition.outcome(n)) {
        doc.push(Block::Labelled { label: "Outcome".into(), text: outcome.statement.clone() });
    }
    let dates = &project.inspection;
    let calendar = project.calendar();
    let mut rows = Vec::new();
    if let Some(d) = dates.final_report_received {
        rows.push(vec!["Final report received".into(), long_date(d)]);
    }
    if let Some(d) = dates.report_published {
        rows.push(vec!["Report published".into(), long_date(d)]);
    }
    if let (Some(d), true) = (plan.pap_copy_sent, plan.has_priority_areas()) {
        rows.push(vec!["Copy of the priority action plan sent to Ofsted and CQC".into(), long_date(d)]);
    }
    for deadline in edition.post_inspection.iter().filter(|d| plan.outcome.is_none_or(|o| d.outcomes.contains(&o))) {
        if let DeadlineDate::Due(date) = deadline.due(dates.start_for(deadline.from), &calendar) {
            rows.push(vec![marked(&deadline.label, deadline.confirmed, &deadline.source), long_date(date)]);
        }
    }
    if !rows.is_empty() {
        doc.push(Block::Table { caption: "Key dates".into(), header: vec!["What".into(), "Date".into()], rows });
    }
    // Say families helped decide only as far as the actions record how they did.
    let involvement = match plan.involvement_recorded() {
        (0, _) => String::new(),
        (recorded, all) if recorded == all => {
            " Children, young people and families helped decide the actions; each action says how.".into()
        }
        (recorded, all) => format!(
            " For {recorded} of the {all} actions, the plan records how children, young people and families were involved in deciding them."
        ),
    };
    doc.paragraph(format!(
        "This plan sets out what the partners in {} will do in response to each recommendation in the report.{involvement}",
        area(project)
    ));
    doc.push(Block::Labelled {
        label: "Partners".into(),
        text: project.partners.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join("; "),
    });

    doc.heading(2, "Our SEND strategy and how we will deliver it");
    if plan.strategy.trim().is_empty() {
        let why = edition
            .plan_requirements
            .as_ref()
            .map_or(String::new(), |r| format!(" {} ({}).", r.strategy.trim_end_matches('.'), r.strategy_source));
        doc.paragraph(format!("Not written yet.{why}"));
    } else {
        for para in plan.strategy.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            doc.paragraph(para);
        }
    }

    if plan.has_priority_areas() {
        doc.heading(2, "Priority action plan");
        doc.paragraph("For each area for priority action in the report: the measures we will take, the partner responsible for each, and the period within which each will be taken.");
        if let Some(r) = &edition.plan_requirements {
            doc.push(Block::Note(match plan.pap_copy_sent {
                Some(d) => format!(
                    "{} ({}). A copy was sent on {}.",
                    r.pap_copy.trim_end_matches('.'),
                    r.pap_copy_source,
                    long_date(d)
                ),
                None => format!("{} ({}).", r.pap_copy.trim_end_matches('.'), r.pap_copy_source),
            }));
        }
        recommendation_blocks(project, RecommendationKind::Priority, &mut doc);
    }
    doc.heading(2, "Areas for improvement");
    if plan.recommendations.iter().any(|r| r.kind == RecommendationKind::Improvement) {
        recommendation_blocks(project, RecommendationKind::Improvement, &mut doc);
    } else {
        doc.paragraph("None recorded yet.");
    }

    // The same timeline chart as the plan page: what is due, done and estimated after the report.
    let steps = crate::domain::timeline::after_inspection(project);
    if !steps.is_empty() {
        doc.heading(2, "After the on-site week");
        doc.chart(super::chart::timeline_chart(&steps, today));
    }

    let actions: Vec<&Action> = plan.actions.iter().collect();
    if actions.iter().any(|a| a.status_update(today).is_some()) {
        doc.heading(2, "Delivery so far");
        for chart in super::chart::delivery_charts(&actions, today) {
            doc.chart(chart);
        }
    }

    let used = terms_used(project);
    if !used.is_empty() {
        doc.heading(2, "Words we use");
        doc.push(Block::Bullets(used.iter().map(|t| format!("{}: {}", t.term, t.expansion)).collect()));
    }
    doc
}

/// Glossary terms that appear anywhere in the plan's text.
fn terms_used(project: &Project) -> Vec<GlossaryTerm> {
    let all_text: String = project
        .plan
        .recommendations
        .iter()
        .map(|r| format!("{} {}\n", r.text, r.responsible_body))
        .chain(project.plan.actions.iter().map(|a| format!("{} {} {}\n", a.what, a.involvement, partner(project, a))))
        .chain(project.partners.iter().map(|p| p.name.clone() + "\n"))
        .collect();
    let all_terms = glossary(&project.plan.glossary);
    let mut used: Vec<GlossaryTerm> =
        plain_language::terms_mentioned(&all_text, &all_terms).into_iter().cloned().collect();
    used.sort_by(|a, b| a.term.cmp(&b.term));
    used
}

fn month(date: NaiveDate) -> String {
    month_year(date)
}

const EASY_READ_STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;font-size:1.5rem;line-height:1.5;color:#0b0c0c;max-width:48rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:2.25rem}h2{font-size:1.875rem;margin-top:2.5rem}\
.point{margin:1.5rem 0;break-inside:avoid}\
.point p{margin:0 0 .5rem}dt{font-weight:bold}dd{margin:0 0 1rem}\
@media print{body{margin:0;max-width:none}}";

/// One easy-read point about an action: short plain sentences, one idea each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EasyPoint {
    pub target: ReviewTarget,
    pub urgent: bool,
    pub lines: Vec<String>,
}

/// Names that easy read never changes: the partners', the area's and the bodies the report
/// holds responsible ("Northdale Council SEND and Inclusion Service" is a name, not jargon).
fn names_to_keep(project: &Project) -> Vec<&str> {
    let partners = project.partners.iter().map(|p| p.name.as_str());
    let bodies = project.plan.recommendations.iter().map(|r| r.responsible_body.as_str());
    partners.chain(bodies).chain([project.area_name.as_str()]).filter(|n| !n.trim().is_empty()).collect()
}

/// The plan's actions in easy-read words, most urgent first. Shared by the easy-read export
/// and the family review page, so families review exactly what is published.
pub fn easy_read_points(project: &Project) -> Vec<EasyPoint> {
    let words = glossary(&project.plan.glossary);
    let keep = names_to_keep(project);
    let plain = |text: &str| plain_language::to_plain_keeping(text, &words, &keep);
    let plan = &project.plan;
    let mut points = Vec::new();
    for kind in [RecommendationKind::Priority, RecommendationKind::Improvement] {
        for rec in plan.recommendations.iter().filter(|r| r.kind == kind) {
            for action in plan.actions_for(&rec.id) {
                // What it means for families comes first: it is what a family reads for.
                let mut lines = Vec::new();
                if !action.for_families.trim().is_empty() {
                    lines.push("What this means for families:".to_string());
                    lines.extend(plain_language::one_idea_each(&plain(&action.for_families)));
                }
                lines.push("What we will do:".to_string());
                lines.extend(plain_language::one_idea_each(&plain(&action.what)));
                // A partner's name is theirs: never swapped (its acronyms are explained at the end).
                lines.push(format!("Who will do it: {}.", partner(project, action)));
                match (action.start, action.end) {
                    (Some(s), Some(e)) => lines.push(format!("When: from {} to {}.", month(s), month(e))),
                    (_, Some(e)) => lines.push(format!("When: by {}.", month(e))),
                    _ => {}
                }
                points.push(EasyPoint {
                    target: ReviewTarget::Action(action.id.clone()),
                    urgent: kind == RecommendationKind::Priority,
                    lines,
                });
            }
        }
    }
    points
}

/// The self-evaluation in easy-read words: for each criterion with a position, what we think,
/// one thing going well and one thing to do better.
pub fn easy_read_sef_points(project: &Project) -> Vec<EasyPoint> {
    let words = glossary(&project.plan.glossary);
    let keep = names_to_keep(project);
    let plain = |text: &str| plain_language::to_plain_keeping(text, &words, &keep);
    let mut points = Vec::new();
    for criterion in &project.edition().criteria {
        let mut lines = vec![format!("{}.", plain(&criterion.title))];
        lines.push(match project.sef.position_state(&criterion.id) {
            PositionState::NotAssessed => continue,
            // Never one partner's view as if everyone agreed.
            PositionState::Disputed(_) => "The partners do not agree about this yet. They are talking about it.".into(),
            PositionState::Settled(p) => match p.level {
                PositionLevel::TypicallyPositive => "We think this usually goes well.".into(),
                PositionLevel::Inconsistent => "We think this goes well for some children but not for others.".into(),
                PositionLevel::WidespreadFailings => "We think this is not working and we must fix it quickly.".into(),
            },
        });
        for (kind, lead) in [(EntryKind::Strength, "Going well:"), (EntryKind::ToImprove, "To do better:")] {
            if let Some((_, entry)) = project.sef.entries_for(&criterion.id, kind).find(|(_, r)| !r.in_conflict()) {
                lines.push(lead.to_string());
                lines.extend(plain_language::one_idea_each(&plain(&entry.value().text)));
            }
        }
        points.push(EasyPoint { target: ReviewTarget::Criterion(criterion.id.clone()), urgent: false, lines });
    }
    points
}

/// What the inspectors said, in easy-read words.
pub fn easy_read_outcome(outcome: u8) -> &'static str {
    match outcome {
        1 => "The inspectors said things usually go well, and we are fixing what needs to be better.",
        2 => {
            "The inspectors said things go well for some children but not for others. We must work together to make it better."
        }
        _ => "The inspectors found serious problems. We must fix them quickly.",
    }
}

/// The easy-read version: short sentences, one idea each, plain words from the glossary, large
/// type. No empty picture boxes: the partnership supplies no pictures, and a blank box reads as
/// something missing.
pub fn easy_read(project: &Project) -> String {
    let words = glossary(&project.plan.glossary);
    let mut body = String::new();
    let point = |lines: &[String]| -> String {
        let paras: String = lines.iter().map(|l| format!("<p>{}</p>", escape(l))).collect();
        format!("<div class=\"point\">{paras}</div>\n")
    };
    body.push_str(&point(&[
        format!("This is our plan for {}.", area(project)),
        "It says how we will make things better for children and young people who need extra help with learning, or who have a disability.".into(),
    ]));
    if let Some(outcome) = project.plan.outcome {
        body.push_str(&point(&[easy_read_outcome(outcome).to_string()]));
    }
    let points = easy_read_points(project);
    for (urgent, heading) in [(true, "The most urgent things to fix"), (false, "Other things to make better")] {
        let group: Vec<&EasyPoint> = points.iter().filter(|p| p.urgent == urgent).collect();
        if !group.is_empty() {
            body.push_str(&format!("<h2>{heading}</h2>\n"));
            for p in group {
                body.push_str(&point(&p.lines));
            }
        }
    }
    body.push_str(&point(&[
        "You can tell us what you think about this plan.".into(),
        "Ask us for a feedback form.".into(),
    ]));

    // Any acronym left (for example in a partner's name) is explained here.
    let acronyms = words.iter().filter(|t| t.term.chars().filter(char::is_ascii_uppercase).count() >= 2);
    let remaining: Vec<&GlossaryTerm> = plain_language::terms_mentioned(&body, acronyms);
    if !remaining.is_empty() {
        body.push_str("<h2>Words to know</h2>\n<dl>\n");
        for t in remaining {
            body.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(&t.term), escape(&t.expansion)));
        }
        body.push_str("</dl>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Our plan: easy read</title>\n<style>{EASY_READ_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Our plan to make things better</h1>\n{body}</main>\n</body>\n</html>\n"
    )
}

/// The action plan as rows, shared by CSV and XLSX.
pub fn action_rows(project: &Project) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = vec![
        "Type",
        "Area number",
        "Report text",
        "Responsible body",
        "Action",
        "Responsible partner",
        "Start",
        "End",
        "Milestones",
        "Impact measures",
        "How families were involved",
        "Self-evaluation criteria",
    ];
    let plan = &project.plan;
    let mut rows = Vec::new();
    for kind in [RecommendationKind::Priority, RecommendationKind::Improvement] {
        for (n, rec) in plan.recommendations.iter().filter(|r| r.kind == kind).enumerate() {
            let date = |d: Option<NaiveDate>| d.map(uk_date).unwrap_or_default();
            let actions: Vec<&Action> = plan.actions_for(&rec.id).collect();
            if actions.is_empty() {
                rows.push(vec![
                    kind.label().into(),
                    (n + 1).to_string(),
                    rec.text.clone(),
                    rec.responsible_body.clone(),
                    "Not yet agreed".into(),
                ]);
                rows.last_mut().unwrap().resize(header.len(), String::new());
            }
            for a in actions {
                rows.push(vec![
                    kind.label().into(),
                    (n + 1).to_string(),
                    rec.text.clone(),
                    rec.responsible_body.clone(),
                    a.what.clone(),
                    partner(project, a),
                    date(a.start),
                    date(a.end),
                    milestones(a),
                    measures(a),
                    a.involvement.clone(),
                    a.criteria.iter().cloned().collect::<Vec<_>>().join(", "),
                ]);
            }
        }
    }
    (header, rows)
}

pub fn actions_csv(project: &Project) -> String {
    let (header, rows) = action_rows(project);
    csv::render(&header, &rows)
}

/// Every milestone as a row (action, milestone, due date), for the workbook's second sheet.
pub fn milestone_rows(project: &Project) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = vec!["Action", "Responsible partner", "Milestone", "Due"];
    let rows = project
        .plan
        .actions
        .iter()
        .flat_map(|a| {
            a.milestones.iter().map(move |m| {
                vec![a.what.clone(), partner(project, a), m.text.clone(), m.due.map(uk_date).unwrap_or_default()]
            })
        })
        .collect();
    (header, rows)
}

/// The action plan as an Excel workbook: the actions (starts and ends as date cells), then
/// each milestone with its due date as a date cell. `author` and `today` go in its properties.
pub fn actions_xlsx(project: &Project, author: &str, today: NaiveDate) -> Result<Vec<u8>, xlsx::ExportError> {
    actions_spreadsheet(project, author, today, xlsx::render_sheets)
}

/// The same action plan as an OpenDocument spreadsheet.
pub fn actions_ods(project: &Project, author: &str, today: NaiveDate) -> Result<Vec<u8>, xlsx::ExportError> {
    actions_spreadsheet(project, author, today, xlsx::render_sheets_ods)
}

fn actions_spreadsheet(
    project: &Project,
    author: &str,
    today: NaiveDate,
    render: xlsx::RenderSheets,
) -> Result<Vec<u8>, xlsx::ExportError> {
    let (header, rows) = action_rows(project);
    let (milestone_header, milestones) = milestone_rows(project);
    let properties = Properties {
        title: format!("{}: action plan", area(project)),
        creator: author.to_owned(),
        language: Some("en-GB".into()),
        date: Some(today),
    };
    render(
        &[
            &xlsx::Table {
                sheet: "Action plan",
                header: &header,
                rows: &rows,
                numeric_columns: &[1],
                date_columns: &[6, 7],
                widths: &[22.0, 8.0, 50.0, 30.0, 50.0, 28.0, 11.0, 11.0, 36.0, 40.0, 40.0, 14.0],
            },
            &xlsx::Table {
                sheet: "Milestones",
                header: &milestone_header,
                rows: &milestones,
                numeric_columns: &[],
                date_columns: &[3],
                widths: &[50.0, 28.0, 50.0, 11.0],
            },
        ],
        properties,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::export::{docx, html, markdown};

    fn today() -> NaiveDate {
        "2026-11-23".parse().unwrap()
    }

    #[test]
    fn plan_has_pap_section_before_improvements_and_every_format_agrees() {
        let p = example_project();
        assert_eq!(p.plan.outcome, Some(3));
        let doc = strategic_plan(&p, today());
        let text = html::render(&doc);
        let pap = text.find("<h2>Priority action plan</h2>").expect("PAP section");
        let improvements = text.find("<h2>Areas for improvement</h2>").unwrap();
        assert!(pap < improvements);
        assert!(text.contains("There are widespread and/or systemic failings"));
        let body = docx::tests::part(&docx::render(&doc, "", None), "word/document.xml");
        assert!(body.contains("Priority action plan") && body.contains("<w:tblHeader/>"));
        let md = markdown::render(&doc);
        assert!(md.contains("## Priority action plan"));
    }

    #[test]
    fn families_helped_decide_only_as_far_as_the_actions_record_how() {
        let mut p = example_project();
        let all = p.plan.actions.len();
        assert!(all >= 2);
        for a in &mut p.plan.actions {
            a.involvement = "Co-designed with the parent carer forum.".into();
        }
        let text = |p: &Project| html::render(&strategic_plan(p, today()));
        assert!(
            text(&p).contains("Children, young people and families helped decide the actions; each action says how.")
        );
        p.plan.actions[0].involvement = "  ".into();
        let some = text(&p);
        assert!(!some.contains("helped decide the actions"));
        assert!(some.contains(&format!("For {} of the {all} actions, the plan records how", all - 1)), "{some}");
        for a in &mut p.plan.actions {
            a.involvement.clear();
        }
        let none = text(&p);
        assert!(!none.contains("helped decide") && !none.contains("records how children"));
    }

    #[test]
    fn the_plan_shows_what_families_feel_and_the_answers_beside_the_action() {
        use crate::domain::plan::{Comment, Experience, Feedback, FeedbackId, PlanEdit, Response, apply};
        let mut p = example_project();
        let before = html::render(&strategic_plan(&p, today()));
        assert!(!before.contains("What families tell us") && !before.contains("You said, we did"));
        let action = p.plan.actions[0].clone();
        let comment = |experience, words: &str| Comment {
            target: ReviewTarget::Action(action.id.clone()),
            response: Some(Response::NotSure),
            words: words.into(),
            experience,
            we_did: String::new(),
        };
        p.plan.feedback.push(Feedback {
            id: FeedbackId("f".into()),
            from: String::new(),
            at: String::new(),
            comments: vec![comment(Some(Experience::NotYet), "Still waiting."), comment(Some(Experience::NotYet), "")],
        });
        apply(
            &mut p,
            PlanEdit::AnswerComment {
                feedback: FeedbackId("f".into()),
                comment: 0,
                text: "A second clinic opens in March.".into(),
            },
        )
        .unwrap();
        let text = html::render(&strategic_plan(&p, today()));
        assert!(text.contains("Not yet feeling an improvement: 2 family members"), "{text}");
        assert!(text.contains("You said: Still waiting. We did: A second clinic opens in March."), "{text}");
        // Easy read puts what it means for families first.
        let easy = easy_read(&p);
        let families = easy.find("What this means for families:").unwrap();
        assert!(families < easy.find("What we will do:").unwrap());
    }

    #[test]
    fn the_plan_has_its_strategy_section_and_says_the_pap_goes_to_ofsted_and_cqc() {
        let mut p = example_project();
        p.plan.strategy = String::new();
        p.plan.pap_copy_sent = None;
        let text = html::render(&strategic_plan(&p, today()));
        assert!(text.contains("<h2>Our SEND strategy and how we will deliver it</h2>"));
        assert!(text.contains("Not written yet. The plan should set out the partnership&#39;s SEND strategy and how the partnership will deliver it (¶150)."), "{text}");
        assert!(text.contains("A copy of the priority action plan goes to Ofsted and CQC (¶149)."));
        p.plan.strategy = "Every child's needs met close to home.\n\nWe will deliver it through three boards.".into();
        p.plan.pap_copy_sent = "2026-12-01".parse().ok();
        let text = html::render(&strategic_plan(&p, today()));
        assert!(
            text.contains(
                "<p>Every child&#39;s needs met close to home.</p>\n<p>We will deliver it through three boards.</p>"
            ),
            "{text}"
        );
        assert!(text.contains("(¶149). A copy was sent on Tuesday 1 December 2026."));
        assert!(text.contains("Copy of the priority action plan sent to Ofsted and CQC"));
    }

    #[test]
    fn easy_read_has_large_type_no_empty_picture_boxes_and_no_unexplained_acronyms() {
        let mut p = example_project();
        // Terms inside longer terms: "EHC needs assessment" is explained as a whole, not left
        // half-swapped, and a lone "EHC" is explained too.
        p.plan.actions[0].what = "Cut the wait for an EHC needs assessment. Train EHC co-ordinators.".into();
        let page = easy_read(&p);
        assert!(!page.contains("picture"), "no empty boxes for pictures nobody supplied");
        assert!(page.contains("a careful look at what help a child or young person needs"), "{page}");
        assert!(page.contains("font-size:1.5rem"));
        let words = glossary(&p.plan.glossary);
        let body = &page[page.find("<main>").unwrap()..];
        let explained = body.find("<h2>Words to know</h2>").unwrap_or(body.len());
        for token in body[..explained].split(|c: char| !c.is_alphanumeric()) {
            let acronym = token.len() >= 2 && token.chars().all(|c| c.is_ascii_uppercase());
            if acronym {
                assert!(
                    words.iter().any(|t| t.term == token) && body[explained..].contains(&format!("<dt>{token}</dt>")),
                    "{token} is not explained"
                );
            }
        }
        for paragraph in body.split("<p>").skip(1).map(|p| &p[..p.find("</p>").unwrap()]) {
            for sentence in plain_language::sentences(paragraph) {
                assert!(
                    sentence.split_whitespace().count() <= plain_language::LONG_SENTENCE,
                    "long sentence: {sentence}"
                );
            }
        }
    }

    #[test]
    fn action_xlsx_and_ods_open_with_a_row_per_action() {
        let p = example_project();
        let xlsx = ("plan.xlsx", actions_xlsx(&p, "Northdale partnership", today()).unwrap());
        let ods = ("plan.ods", actions_ods(&p, "Northdale partnership", today()).unwrap());
        for (name, bytes) in [xlsx, ods] {
            check_action_workbook(&p, name, &bytes);
        }
    }

    fn check_action_workbook(p: &Project, name: &str, bytes: &[u8]) {
        let wb = crate::checks::read_workbook(name, bytes, crate::checks::ReadOptions::default()).unwrap();
        let sheet = &wb.sheets[0];
        assert_eq!(sheet.name, "Action plan");
        let (_, rows) = action_rows(p);
        assert_eq!(sheet.n_rows(), rows.len() + 1, "{name}");
        assert_eq!(sheet.cell(0, 4).as_text().unwrap(), "Action");
        assert_eq!(sheet.cell(1, 0).as_text().unwrap(), "Area for priority action");
        // Starts, ends and milestone dues are real date cells.
        let action = p.plan.actions.iter().find(|a| a.start.is_some()).unwrap();
        let row =
            (1..sheet.n_rows()).find(|&r| sheet.cell(r, 4).as_text().as_deref() == Some(action.what.as_str())).unwrap();
        assert_eq!(*sheet.cell(row, 6), crate::checks::Cell::Date(action.start.unwrap()));
        let milestones = &wb.sheets[1];
        assert_eq!(milestones.name, "Milestones");
        let due = p.plan.actions.iter().flat_map(|a| &a.milestones).find_map(|m| m.due).unwrap();
        assert!((1..milestones.n_rows()).any(|r| *milestones.cell(r, 3) == crate::checks::Cell::Date(due)));
    }

    #[test]
    fn action_csv_has_a_row_per_action_and_is_injection_safe() {
        let p = example_project();
        let csv = actions_csv(&p);
        let (_, rows) = action_rows(&p);
        assert!(rows.len() >= p.plan.actions.len());
        assert!(csv.starts_with("\u{feff}Type,Area number,Report text"));
    }
}

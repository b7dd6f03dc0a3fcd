//! Task-list statuses for the home page, derived from the project (never stored).

use super::project::{PartnerRole, Project};
use super::sef::{self, EntryKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl TaskStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Completed => "Completed",
        }
    }
}

/// Set-up is complete when the area is named and the statutory partners and the parent carer
/// forum are recorded, since every later section asks who contributed.
pub fn partnership_status(project: &Project) -> TaskStatus {
    const CORE: [PartnerRole; 3] =
        [PartnerRole::LocalAuthorityEducation, PartnerRole::HealthIcb, PartnerRole::ParentCarerForum];
    let named = !project.area_name.trim().is_empty();
    if !named && project.partners.is_empty() {
        TaskStatus::NotStarted
    } else if named && CORE.iter().all(|r| project.has_role(*r)) {
        TaskStatus::Completed
    } else {
        TaskStatus::InProgress
    }
}

/// What set-up still lacks, in words, for the partnership page.
pub fn partnership_gaps(project: &Project) -> Vec<String> {
    let mut gaps = Vec::new();
    if project.area_name.trim().is_empty() {
        gaps.push("Enter the local area's name.".to_string());
    }
    for role in [PartnerRole::LocalAuthorityEducation, PartnerRole::HealthIcb, PartnerRole::ParentCarerForum] {
        if !project.has_role(role) {
            gaps.push(format!("Add a partner with the role \"{}\".", role.label()));
        }
    }
    gaps
}

/// The self-evaluation is complete when every criterion has entries and a position, there are
/// no unresolved conflicts, and every partner has recorded a decision on every section.
pub fn sef_status(project: &Project) -> TaskStatus {
    let sef = &project.sef;
    if sef.entries.is_empty() && sef.positions.is_empty() && sef.evidence.is_empty() {
        return TaskStatus::NotStarted;
    }
    let complete = sef.conflicts().is_empty()
        && project.edition().criteria.iter().all(|c| {
            sef.settled_position(&c.id).is_some()
                && EntryKind::ALL.iter().any(|k| sef.entries_for(&c.id, *k).next().is_some())
                && {
                    let tally = sef::signoff_tally(project, &c.id);
                    tally.outstanding == 0 && tally.earlier_version == 0
                }
        });
    if complete { TaskStatus::Completed } else { TaskStatus::InProgress }
}

/// Annex A readiness starts with a notification date (real or "what if"), a check or a document
/// recorded; it is complete when the last check found every list with no errors and every
/// requested item (`items`, by id) has been reviewed, whether held or not: the handbook asks
/// for routine business only, not documents produced for the inspection.
pub fn annex_a_status<'a>(project: &Project, items: impl IntoIterator<Item = &'a str>) -> TaskStatus {
    let a = &project.annex_a;
    let dated = project.inspection.notified.is_some() || project.inspection.what_if.is_some();
    if !dated && a.last_check.is_none() && a.documents.is_empty() {
        return TaskStatus::NotStarted;
    }
    let lists_ready = a.last_check.as_ref().is_some_and(|c| c.errors == 0 && c.lists_not_found.is_empty());
    if lists_ready && a.document_tally(items).all_reviewed() { TaskStatus::Completed } else { TaskStatus::InProgress }
}

/// The plan update starts when the report is recorded; it is complete when the outcome is set,
/// every area from the report has an action and any priority action plan meets its requirements.
pub fn plan_status(project: &Project) -> TaskStatus {
    let dates = &project.inspection;
    let plan = &project.plan;
    if dates.final_report_received.is_none()
        && dates.report_published.is_none()
        && plan.outcome.is_none()
        && plan.recommendations.is_empty()
    {
        return TaskStatus::NotStarted;
    }
    let complete = plan.outcome.is_some()
        && !plan.recommendations.is_empty()
        && crate::domain::plan::unanswered_recommendations(project).is_empty()
        && crate::domain::plan::pap_gaps(project).is_empty();
    if complete { TaskStatus::Completed } else { TaskStatus::InProgress }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;

    #[test]
    fn empty_project_is_not_started_and_example_is_complete() {
        assert_eq!(partnership_status(&Project::default()), TaskStatus::NotStarted);
        assert_eq!(partnership_status(&example_project()), TaskStatus::Completed);
        assert!(partnership_gaps(&example_project()).is_empty());
    }

    #[test]
    fn named_area_without_pcf_is_in_progress_and_says_why() {
        let mut p = example_project();
        p.partners.retain(|x| x.role != PartnerRole::ParentCarerForum);
        assert_eq!(partnership_status(&p), TaskStatus::InProgress);
        assert_eq!(partnership_gaps(&p), ["Add a partner with the role \"Parent carer forum\"."]);
    }

    #[test]
    fn sef_status_moves_from_not_started_to_in_progress() {
        use crate::domain::project::{ProjectEdit, apply};
        use crate::domain::sef::{EntryId, SefEdit, tests::stamp};
        let mut p = example_project();
        p.sef = Default::default();
        assert_eq!(sef_status(&p), TaskStatus::NotStarted);
        apply(
            &mut p,
            ProjectEdit::Sef(SefEdit::AddEntry {
                id: EntryId("e".into()),
                stamp: stamp("e", "example-la"),
                criterion: "A1".into(),
                kind: EntryKind::Strength,
                text: "x".into(),
            }),
        )
        .unwrap();
        assert_eq!(sef_status(&p), TaskStatus::InProgress);
    }

    #[test]
    fn dates_start_the_other_sections() {
        let mut p = Project::default();
        assert_eq!(annex_a_status(&p, ["1.1"]), TaskStatus::NotStarted);
        p.inspection.notified = "2026-11-23".parse().ok();
        assert_eq!(annex_a_status(&p, ["1.1"]), TaskStatus::InProgress);
        assert_eq!(plan_status(&p), TaskStatus::NotStarted);
        p.inspection.report_published = "2026-11-23".parse().ok();
        assert_eq!(plan_status(&p), TaskStatus::InProgress);
    }

    #[test]
    fn annex_a_is_complete_with_clean_lists_and_every_item_reviewed_held_or_not() {
        use crate::domain::annex_a::{CheckSummary, DocumentStatus, Holding};
        let mut p = Project::default();
        let summary = |errors| CheckSummary {
            profile: "full-2025".into(),
            checked_on: "2026-11-23".parse().unwrap(),
            files: vec![],
            lists: vec![],
            lists_not_found: vec![],
            counts: vec![],
            errors,
            queries: 0,
            warnings: 0,
            queries_explained: 0,
        };
        let status = |holding| DocumentStatus {
            holding,
            owner: None,
            file_name: String::new(),
            date: None,
            note: String::new(),
        };
        p.annex_a.documents.insert("1.1".into(), status(Some(Holding::Held)));
        p.annex_a.last_check = Some(summary(2));
        assert_eq!(annex_a_status(&p, ["1.1"]), TaskStatus::InProgress);
        p.annex_a.last_check = Some(summary(0));
        assert_eq!(annex_a_status(&p, ["1.1"]), TaskStatus::Completed);
        assert_eq!(annex_a_status(&p, ["1.1", "1.2"]), TaskStatus::InProgress, "1.2 not yet reviewed");
        // Not holding an item is an answer: nothing is produced for the inspection.
        p.annex_a.documents.insert("1.2".into(), status(Some(Holding::NotHeld)));
        assert_eq!(annex_a_status(&p, ["1.1", "1.2"]), TaskStatus::Completed);
        let tally = p.annex_a.document_tally(["1.1", "1.2", "1.3"]);
        assert_eq!(tally.describe(), "2 of 3 items reviewed: 1 held, 0 partly held, 1 not held");
    }

    #[test]
    fn example_plan_is_in_progress_until_every_area_has_an_action() {
        let mut p = example_project();
        assert_eq!(plan_status(&p), TaskStatus::InProgress, "one area for improvement has no action");
        let last = p.plan.recommendations.last().unwrap().id.clone();
        p.plan.recommendations.retain(|r| r.id != last);
        assert_eq!(plan_status(&p), TaskStatus::Completed);
    }
}

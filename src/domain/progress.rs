//! Task-list statuses for the home page, derived from the project (never stored).

use super::project::{PartnerRole, Project};
use super::sef::EntryKind;

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
    const CORE: [PartnerRole; 3] = [PartnerRole::LocalAuthorityEducation, PartnerRole::HealthIcb, PartnerRole::ParentCarerForum];
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
            sef.position(&c.id).is_some()
                && EntryKind::ALL.iter().any(|k| sef.entries_for(&c.id, *k).next().is_some())
                && sef.current_signoffs(&c.id).len() == project.partners.len()
        });
    if complete { TaskStatus::Completed } else { TaskStatus::InProgress }
}

/// Annex A readiness starts when a notification date (real or "what if") is set.
pub fn annex_a_status(project: &Project) -> TaskStatus {
    if project.inspection.notified.is_some() { TaskStatus::InProgress } else { TaskStatus::NotStarted }
}

/// The plan update starts when the report's dates are recorded.
pub fn plan_status(project: &Project) -> TaskStatus {
    let dates = &project.inspection;
    if dates.final_report_received.is_some() || dates.report_published.is_some() {
        TaskStatus::InProgress
    } else {
        TaskStatus::NotStarted
    }
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
        use crate::domain::project::{apply, ProjectEdit};
        use crate::domain::sef::{tests::stamp, EntryId, SefEdit};
        let mut p = example_project();
        p.sef = Default::default();
        assert_eq!(sef_status(&p), TaskStatus::NotStarted);
        apply(&mut p, ProjectEdit::Sef(SefEdit::AddEntry {
            id: EntryId("e".into()), stamp: stamp("e", "example-la"), criterion: "A1".into(), kind: EntryKind::Strength, text: "x".into(),
        })).unwrap();
        assert_eq!(sef_status(&p), TaskStatus::InProgress);
    }

    #[test]
    fn dates_start_the_other_sections() {
        let mut p = Project::default();
        assert_eq!(annex_a_status(&p), TaskStatus::NotStarted);
        p.inspection.notified = "2026-11-23".parse().ok();
        assert_eq!(annex_a_status(&p), TaskStatus::InProgress);
        assert_eq!(plan_status(&p), TaskStatus::NotStarted);
        p.inspection.report_published = "2026-11-23".parse().ok();
        assert_eq!(plan_status(&p), TaskStatus::InProgress);
    }
}

//! The partnership project: who the partners are, which framework edition applies, and the
//! dates that drive deadlines. Everything here is text the user typed or chose; person-level
//! rows from Annex A spreadsheets are never part of a project (see ARCHITECTURE.md).

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::annex_a::{self, AnnexEdit, AnnexReadiness};
use super::calendar::{ClosureDay, WorkingCalendar};
use super::choice::choice_enum;
use super::framework::{self, DeadlineStart, Edition, EditionId};
use super::plan::{self, Plan, PlanEdit, PlanError};
use super::project_file;
use super::sef::{self, Answer, OverallAnswers, OverallQuestion, SefEdit, SefError, SelfEvaluation};

/// A stable id, unique across partners' copies of a project (the browser makes a UUID).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartnerId(pub String);

impl fmt::Display for PartnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

choice_enum! {
    /// The role a partner plays in the local area partnership.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum PartnerRole {
        LocalAuthorityEducation => ("local-authority-education", "Local authority education"),
        HealthIcb => ("health-icb", "Health (integrated care board)"),
        SocialCare => ("social-care", "Social care"),
        ParentCarerForum => ("parent-carer-forum", "Parent carer forum"),
        ChildrenAndYoungPeople => ("children-and-young-people", "Children and young people's voice"),
        SchoolsAndSettings => ("schools-and-settings", "Schools and settings"),
        AlternativeProvision => ("alternative-provision", "Alternative provision providers"),
        Other => ("other", "Other"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    pub role: PartnerRole,
}

/// Dates about the inspection itself. Later issues extend this record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionDates {
    /// Day the partnership was notified of the inspection: a real date only.
    #[serde(default)]
    pub notified: Option<NaiveDate>,
    /// A "what if" notification day, to see the deadlines it would set; never taken for real.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_if: Option<NaiveDate>,
    #[serde(default)]
    pub final_report_received: Option<NaiveDate>,
    #[serde(default)]
    pub report_published: Option<NaiveDate>,
    /// Real dates of the other steps after the on-site week, by the edition's step id
    /// (`after_inspection`). Ids another edition does not know are kept, unused.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, NaiveDate>,
    /// Dates of engagement meetings, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engagement_meetings: Vec<NaiveDate>,
}

/// Step ids whose entered date is a field of its own (the plan's deadlines count from them).
pub const FINAL_REPORT_STEP: &str = "final-report";
pub const PUBLISHED_STEP: &str = "published";

impl InspectionDates {
    /// The entered date of a step after the on-site week.
    pub fn step(&self, id: &str) -> Option<NaiveDate> {
        match id {
            FINAL_REPORT_STEP => self.final_report_received,
            PUBLISHED_STEP => self.report_published,
            _ => self.steps.get(id).copied(),
        }
    }

    fn set_step(&mut self, id: &str, date: Option<NaiveDate>) {
        match (id, date) {
            (FINAL_REPORT_STEP, _) => self.final_report_received = date,
            (PUBLISHED_STEP, _) => self.report_published = date,
            (_, Some(date)) => {
                self.steps.insert(id.to_string(), date);
            }
            (_, None) => {
                self.steps.remove(id);
            }
        }
    }

    /// The recorded date a post-inspection deadline counts from, if any.
    pub fn start_for(&self, start: DeadlineStart) -> Option<NaiveDate> {
        match start {
            DeadlineStart::FinalReportReceived => self.final_report_received,
            DeadlineStart::ReportPublished => self.report_published,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub area_name: String,
    pub edition: EditionId,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub closure_days: Vec<ClosureDay>,
    #[serde(default)]
    pub inspection: InspectionDates,
    /// True for the built-in fictional example, so it is always labelled as such.
    #[serde(default)]
    pub is_example: bool,
    /// The co-produced self-evaluation.
    #[serde(default)]
    pub sef: SelfEvaluation,
    /// Annex A readiness: profile, dates of data, documents checklist, last check's aggregates.
    #[serde(default)]
    pub annex_a: AnnexReadiness,
    /// The strategic plan update and any priority action plan.
    #[serde(default)]
    pub plan: Plan,
    /// The partnership's answers to the overall questions of the indicative position. Older
    /// files have none: they open unanswered.
    #[serde(default)]
    pub overall: OverallAnswers,
    /// Which partner the person using this copy writes as. Local to this copy: never merged.
    #[serde(default)]
    pub acting_as: Option<PartnerId>,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            area_name: String::new(),
            edition: EditionId::current(),
            partners: Vec::new(),
            closure_days: Vec::new(),
            inspection: InspectionDates::default(),
            is_example: false,
            sef: SelfEvaluation::default(),
            annex_a: AnnexReadiness::default(),
            plan: Plan::default(),
            overall: OverallAnswers::default(),
            acting_as: None,
        }
    }
}

impl Project {
    /// The project's edition. Project files are validated on load, so an unknown edition only
    /// reaches here through a programming error; fall back to the current one rather than panic.
    pub fn edition(&self) -> &'static Edition {
        framework::edition(&self.edition).unwrap_or_else(|| &framework::editions()[0])
    }

    pub fn calendar(&self) -> WorkingCalendar {
        WorkingCalendar::new(&self.closure_days)
    }

    pub fn partner(&self, id: &PartnerId) -> Option<&Partner> {
        self.partners.iter().find(|p| &p.id == id)
    }

    /// A partner's name for documents, or "Former partner" for one no longer listed.
    pub fn partner_name(&self, id: &PartnerId) -> String {
        self.partner(id).map_or_else(|| "Former partner".into(), |p| p.name.clone())
    }

    pub fn has_role(&self, role: PartnerRole) -> bool {
        self.partners.iter().any(|p| p.role == role)
    }
}

/// Every change a user can make to a project. The UI sends these; `apply` is the only writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectEdit {
    SetAreaName {
        name: String,
    },
    SetEdition {
        edition: EditionId,
    },
    AddPartner {
        id: PartnerId,
        name: String,
        role: PartnerRole,
    },
    RenamePartner {
        id: PartnerId,
        name: String,
    },
    SetPartnerRole {
        id: PartnerId,
        role: PartnerRole,
    },
    RemovePartner {
        id: PartnerId,
    },
    AddClosureDay {
        day: ClosureDay,
    },
    RemoveClosureDay {
        date: NaiveDate,
    },
    SetNotified {
        date: Option<NaiveDate>,
    },
    /// A "what if" notification day (or none), kept apart from the real one.
    SetWhatIf {
        date: Option<NaiveDate>,
    },
    SetFinalReportReceived {
        date: Option<NaiveDate>,
    },
    SetReportPublished {
        date: Option<NaiveDate>,
    },
    /// The real date of a step after the on-site week (an `after_inspection` id), or of a plan
    /// deadline met (a `post_inspection` id: "submitted on"), or `None` to go back to the estimate.
    SetStepDate {
        step: String,
        date: Option<NaiveDate>,
    },
    AddEngagementMeeting {
        date: NaiveDate,
    },
    RemoveEngagementMeeting {
        date: NaiveDate,
    },
    SetActingAs {
        partner: Option<PartnerId>,
    },
    /// Answers (or clears, with `None`) one of the indicative position's overall questions.
    SetOverallAnswer {
        question: OverallQuestion,
        answer: Option<Answer>,
    },
    Sef(SefEdit),
    Plan(PlanEdit),
    AnnexA(AnnexEdit),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The edition id is not one the app knows.
    #[error("The framework edition \"{0}\" is not known to this version of the app.")]
    UnknownEdition(EditionId),
    /// No partner has this id (it may have been removed in another tab).
    #[error("That partner no longer exists.")]
    UnknownPartner(PartnerId),
    /// A partner with this id already exists.
    #[error("A partner with that id already exists.")]
    DuplicatePartner(PartnerId),
    /// A partner needs a name.
    #[error("Enter the partner's name.")]
    EmptyPartnerName,
    /// The closure day is already in the list.
    #[error("{0} is already a closure day.")]
    DuplicateClosureDay(NaiveDate),
    /// The step is not one of this edition's steps after the inspection.
    #[error("This framework edition has no step \"{0}\" after the inspection.")]
    UnknownStep(String),
    /// The engagement meeting is already in the list.
    #[error("There is already an engagement meeting on {0}.")]
    DuplicateEngagementMeeting(NaiveDate),
    /// A self-evaluation edit was refused.
    #[error(transparent)]
    Sef(#[from] SefError),
    /// A plan edit was refused.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A date outside the years a project file may hold (a typo such as 3026 for 2026): refused
    /// here as well as in files, so nothing `apply` makes fails to reopen.
    #[error("{field}: {date} is outside the years {first}\u{2013}{last}.", first = project_file::FIRST_YEAR, last = project_file::LAST_YEAR)]
    OutsideYears { field: &'static str, date: NaiveDate },
}

impl ProjectEdit {
    /// Edits to the same text field coalesce into one undo step, so typing a name is one step.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            Self::SetAreaName { .. } => Some("area-name".into()),
            Self::RenamePartner { id, .. } => Some(format!("partner-name:{id}")),
            Self::Plan(PlanEdit::SetStrategy { .. }) => Some("plan-strategy".into()),
            Self::Plan(PlanEdit::SetMonitoring { area, .. }) => Some(format!("monitoring:{}", area.0)),
            Self::Sef(edit) => edit.coalesce_key(),
            _ => None,
        }
    }
}

fn partner_mut<'a>(project: &'a mut Project, id: &PartnerId) -> Result<&'a mut Partner, EditError> {
    project.partners.iter_mut().find(|p| &p.id == id).ok_or_else(|| EditError::UnknownPartner(id.clone()))
}

/// Every date a person typed that `edit` carries, with the field it goes in.
fn typed_dates(edit: &ProjectEdit) -> Vec<(&'static str, NaiveDate)> {
    let one = |field, date: Option<NaiveDate>| date.map(|d| vec![(field, d)]).unwrap_or_default();
    match edit {
        ProjectEdit::AddClosureDay { day } => vec![("Closure day", day.date)],
        ProjectEdit::SetNotified { date } => one("Notification date", *date),
        ProjectEdit::SetWhatIf { date } => one("\u{201c}What if\u{201d} notification date", *date),
        ProjectEdit::SetFinalReportReceived { date } => one("Final report received", *date),
        ProjectEdit::SetReportPublished { date } => one("Report published", *date),
        ProjectEdit::Sef(SefEdit::AddEvidence { item, .. } | SefEdit::EditEvidence { item, .. }) => {
            one("Evidence date", item.date)
        }
        ProjectEdit::Plan(PlanEdit::SaveAction { action }) => {
            let mut dates = one("Action start", action.start);
            dates.extend(one("Action end", action.end));
            dates.extend(action.milestones.iter().filter_map(|m| m.due.map(|d| ("Milestone due", d))));
            dates.extend(action.delivery_dates().into_iter().map(|(_, field, d)| (field, d)));
            dates
        }
        ProjectEdit::Plan(PlanEdit::SetPapCopySent { date }) => one("Copy sent to Ofsted and CQC", *date),
        ProjectEdit::SetStepDate { date, .. } => one("Timeline date", *date),
        ProjectEdit::AddEngagementMeeting { date } => vec![("Engagement meeting", *date)],
        ProjectEdit::Plan(PlanEdit::RecordStatus { update, .. }) => vec![("Status date", update.on)],
        ProjectEdit::Plan(PlanEdit::AddProgress { entry, .. }) => vec![("Progress date", entry.on)],
        ProjectEdit::Plan(PlanEdit::RecordMeasureValue { value, .. }) => vec![("Measure value date", value.on)],
        ProjectEdit::Plan(PlanEdit::SetMilestoneDone { done_on, .. }) => one("Milestone met", *done_on),
        ProjectEdit::AnnexA(AnnexEdit::SetAsOf { date, .. }) => one("Data as at", *date),
        ProjectEdit::AnnexA(AnnexEdit::SetDocument { status: Some(status), .. }) => one("Document date", status.date),
        ProjectEdit::AnnexA(AnnexEdit::RecordCheck { summary }) => vec![("Checked on", summary.checked_on)],
        _ => Vec::new(),
    }
}

/// Applies one edit. On error the project is unchanged.
pub fn apply(project: &mut Project, edit: ProjectEdit) -> Result<(), EditError> {
    if let Some((field, date)) = typed_dates(&edit).into_iter().find(|(_, d)| !project_file::in_window(*d)) {
        return Err(EditError::OutsideYears { field, date });
    }
    match edit {
        ProjectEdit::SetAreaName { name } => project.area_name = name,
        ProjectEdit::SetEdition { edition } => {
            if framework::edition(&edition).is_none() {
                return Err(EditError::UnknownEdition(edition));
            }
            project.edition = edition;
        }
        ProjectEdit::AddPartner { id, name, role } => {
            if name.trim().is_empty() {
                return Err(EditError::EmptyPartnerName);
            }
            if project.partner(&id).is_some() {
                return Err(EditError::DuplicatePartner(id));
            }
            project.partners.push(Partner { id, name: name.trim().to_string(), role });
        }
        ProjectEdit::RenamePartner { id, name } => partner_mut(project, &id)?.name = name,
        ProjectEdit::SetPartnerRole { id, role } => partner_mut(project, &id)?.role = role,
        ProjectEdit::RemovePartner { id } => {
            let before = project.partners.len();
            project.partners.retain(|p| p.id != id);
            if project.partners.len() == before {
                return Err(EditError::UnknownPartner(id));
            }
        }
        ProjectEdit::AddClosureDay { day } => {
            if project.closure_days.iter().any(|c| c.date == day.date) {
                return Err(EditError::DuplicateClosureDay(day.date));
            }
            project.closure_days.push(day);
            project.closure_days.sort();
        }
        ProjectEdit::RemoveClosureDay { date } => project.closure_days.retain(|c| c.date != date),
        ProjectEdit::SetNotified { date } => project.inspection.notified = date,
        ProjectEdit::SetWhatIf { date } => project.inspection.what_if = date,
        ProjectEdit::SetFinalReportReceived { date } => project.inspection.final_report_received = date,
        ProjectEdit::SetReportPublished { date } => project.inspection.report_published = date,
        ProjectEdit::SetStepDate { step, date } => {
            // A plan deadline's date is the day it was met (the plan submitted or published).
            let edition = project.edition();
            if !edition.after_inspection.iter().any(|s| s.id == step)
                && !edition.post_inspection.iter().any(|d| d.id == step)
            {
                return Err(EditError::UnknownStep(step));
            }
            project.inspection.set_step(&step, date);
        }
        ProjectEdit::AddEngagementMeeting { date } => {
            let meetings = &mut project.inspection.engagement_meetings;
            if meetings.contains(&date) {
                return Err(EditError::DuplicateEngagementMeeting(date));
            }
            meetings.push(date);
            meetings.sort();
        }
        ProjectEdit::RemoveEngagementMeeting { date } => project.inspection.engagement_meetings.retain(|d| *d != date),
        ProjectEdit::SetActingAs { partner } => {
            if let Some(id) = &partner
                && project.partner(id).is_none()
            {
                return Err(EditError::UnknownPartner(id.clone()));
            }
            project.acting_as = partner;
        }
        ProjectEdit::SetOverallAnswer { question, answer } => project.overall.set(question, answer),
        ProjectEdit::Sef(edit) => sef::apply(project, edit)?,
        ProjectEdit::Plan(edit) => plan::apply(project, edit)?,
        ProjectEdit::AnnexA(edit) => annex_a::apply(&mut project.annex_a, edit),
    }
    Ok(())
}

/// What `apply` would say about `edit`, without making it: the domain's own verdict, so a form
/// can decide whether to clear itself without repeating any rule. Costs one clone of the project.
pub fn check(project: &Project, edit: &ProjectEdit) -> Result<(), EditError> {
    apply(&mut project.clone(), edit.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pid(s: &str) -> PartnerId {
        PartnerId(s.into())
    }

    fn with_partner() -> Project {
        let mut p = Project::default();
        apply(
            &mut p,
            ProjectEdit::AddPartner {
                id: pid("p1"),
                name: " Council ".into(),
                role: PartnerRole::LocalAuthorityEducation,
            },
        )
        .unwrap();
        p
    }

    #[test]
    fn add_partner_trims_name_and_rejects_blank_or_duplicate() {
        let mut p = with_partner();
        assert_eq!(p.partners[0].name, "Council");
        let blank = ProjectEdit::AddPartner { id: pid("p2"), name: "  ".into(), role: PartnerRole::Other };
        assert_eq!(apply(&mut p, blank), Err(EditError::EmptyPartnerName));
        let dup = ProjectEdit::AddPartner { id: pid("p1"), name: "ICB".into(), role: PartnerRole::HealthIcb };
        assert_eq!(apply(&mut p, dup), Err(EditError::DuplicatePartner(pid("p1"))));
        assert_eq!(p.partners.len(), 1);
    }

    #[test]
    fn dates_outside_the_file_window_are_refused_by_apply_as_by_files() {
        // 3026 typed for 2026 was once accepted, autosaved, then the autosave could not reopen.
        let mut p = with_partner();
        let before = p.clone();
        let far: NaiveDate = "3026-01-05".parse().unwrap();
        let refused = apply(&mut p, ProjectEdit::SetNotified { date: Some(far) }).unwrap_err();
        assert_eq!(refused.to_string(), "Notification date: 3026-01-05 is outside the years 2000\u{2013}2100.");
        assert!(matches!(
            apply(
                &mut p,
                ProjectEdit::AddClosureDay {
                    day: ClosureDay { date: "1999-12-30".parse().unwrap(), label: String::new() }
                }
            ),
            Err(EditError::OutsideYears { field: "Closure day", .. })
        ));
        assert_eq!(p, before);
        apply(&mut p, ProjectEdit::SetNotified { date: Some("2026-01-05".parse().unwrap()) }).unwrap();
        let text = project_file::to_json(&p, "2026-12-02T10:00:00Z");
        assert!(project_file::from_json(&text).is_ok());
    }

    #[test]
    fn unknown_partner_and_edition_are_errors_and_change_nothing() {
        let mut p = with_partner();
        let before = p.clone();
        assert!(apply(&mut p, ProjectEdit::RemovePartner { id: pid("nope") }).is_err());
        assert!(apply(&mut p, ProjectEdit::SetEdition { edition: EditionId("area-send-1999".into()) }).is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn role_change_and_removal() {
        let mut p = with_partner();
        apply(&mut p, ProjectEdit::SetPartnerRole { id: pid("p1"), role: PartnerRole::SocialCare }).unwrap();
        assert!(p.has_role(PartnerRole::SocialCare));
        apply(&mut p, ProjectEdit::RemovePartner { id: pid("p1") }).unwrap();
        assert!(p.partners.is_empty());
    }

    #[test]
    fn closure_days_stay_sorted_and_unique() {
        let mut p = Project::default();
        let day = |s: &str| ClosureDay { date: s.parse().unwrap(), label: String::new() };
        apply(&mut p, ProjectEdit::AddClosureDay { day: day("2026-12-30") }).unwrap();
        apply(&mut p, ProjectEdit::AddClosureDay { day: day("2026-12-29") }).unwrap();
        assert!(apply(&mut p, ProjectEdit::AddClosureDay { day: day("2026-12-29") }).is_err());
        assert_eq!(p.closure_days.iter().map(|c| c.date.to_string()).collect::<Vec<_>>(), ["2026-12-29", "2026-12-30"]);
        assert!(!p.calendar().is_working_day("2026-12-29".parse().unwrap()));
    }

    #[test]
    fn check_gives_the_verdict_of_apply_and_changes_nothing() {
        let p = with_partner();
        let blank = ProjectEdit::AddPartner { id: pid("p2"), name: " ".into(), role: PartnerRole::Other };
        assert_eq!(check(&p, &blank), Err(EditError::EmptyPartnerName));
        let good = ProjectEdit::AddPartner { id: pid("p2"), name: "ICB".into(), role: PartnerRole::HealthIcb };
        assert_eq!(check(&p, &good), Ok(()));
        assert_eq!(p.partners.len(), 1, "check never writes");
        // A rule deeper in the domain (an action may not end before it starts) is reported too.
        let mut p = p;
        let area = plan::Recommendation {
            id: plan::RecommendationId("r".into()),
            kind: plan::RecommendationKind::Improvement,
            text: "Improve the local offer.".into(),
            responsible_body: String::new(),
        };
        apply(&mut p, ProjectEdit::Plan(PlanEdit::AddRecommendation { recommendation: area })).unwrap();
        let backwards = ProjectEdit::Plan(PlanEdit::SaveAction {
            action: Box::new(plan::Action {
                id: plan::ActionId("a".into()),
                recommendation: plan::RecommendationId("r".into()),
                what: "Something".into(),
                responsible: None,
                start: "2026-05-01".parse().ok(),
                end: "2026-04-01".parse().ok(),
                milestones: Vec::new(),
                measures: Vec::new(),
                involvement: String::new(),
                criteria: Default::default(),
                evidence: Default::default(),
                ..Default::default()
            }),
        });
        assert_eq!(check(&p, &backwards), Err(EditError::Plan(PlanError::PeriodBackwards)));
        assert_eq!(check(&p, &backwards).unwrap_err().to_string(), "The end date is before the start date.");
        assert!(p.plan.actions.is_empty());
    }

    #[test]
    fn roles_round_trip_through_their_keys() {
        for role in PartnerRole::ALL {
            assert_eq!(PartnerRole::from_key(role.key()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.key()));
        }
    }

    #[test]
    fn a_what_if_date_is_kept_apart_from_the_real_notification() {
        let mut p = Project::default();
        apply(&mut p, ProjectEdit::SetWhatIf { date: "2026-11-30".parse().ok() }).unwrap();
        assert_eq!((p.inspection.notified, p.inspection.what_if), (None, "2026-11-30".parse().ok()));
        apply(&mut p, ProjectEdit::SetNotified { date: "2026-11-23".parse().ok() }).unwrap();
        assert_eq!(p.inspection.what_if, "2026-11-30".parse().ok(), "a real date leaves the what-if alone");
        apply(&mut p, ProjectEdit::SetWhatIf { date: None }).unwrap();
        assert_eq!((p.inspection.notified, p.inspection.what_if), ("2026-11-23".parse().ok(), None));
        let far = chrono::NaiveDate::from_ymd_opt(2300, 1, 1);
        assert!(apply(&mut p, ProjectEdit::SetWhatIf { date: far }).is_err());
    }
}

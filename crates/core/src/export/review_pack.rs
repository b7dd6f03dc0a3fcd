//! The review pack: the small file a partnership sends families, holding only what it chooses
//! to share (the plan's actions in easy read, what each means for families, the answers given
//! to earlier comments, and the agreed text of chosen criteria). Never drafts, disputed
//! versions, sign-off comments, named leads or partners' people. It is its own file kind: a
//! project is refused where a pack is expected and a pack where a project is.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::month_year;
use crate::domain::plan::{Comment, Feedback, REVIEW_PACK_FORMAT, ReviewTarget, you_said_we_did};
use crate::domain::project::Project;
use crate::domain::project_file;
use crate::domain::sef::signoff_tally;
use crate::export::plan::{easy_read_outcome, easy_read_points, easy_read_sef_points};

pub const FORMAT: &str = REVIEW_PACK_FORMAT;
pub const VERSION: u32 = 1;
/// A pack is a few pages of text; anything this big is not one.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Items in any one list of a pack (actions, lines, answers).
pub const MAX_ITEMS: usize = 2_000;
/// Characters in any one text of a pack.
pub const MAX_TEXT_CHARS: usize = project_file::MAX_TEXT_CHARS;
/// Pack ids name a browser storage key, so they are short and plain.
pub const MAX_ID_CHARS: usize = 64;

/// What the partnership chooses to put in a pack beyond the plan's actions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackChoice {
    /// The pack's id (a new one each time; a parent's draft answers are kept under it).
    pub id: String,
    pub made_on: Option<NaiveDate>,
    /// Criteria whose agreed text goes in; any not agreed (see [`agreed_criteria`]) is left out.
    pub criteria: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPack {
    pub format: String,
    pub version: u32,
    pub id: String,
    /// The partnership's name, as it calls itself.
    pub area: String,
    #[serde(default)]
    pub made_on: Option<NaiveDate>,
    /// What the inspectors said, in easy read.
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub actions: Vec<PackAction>,
    #[serde(default)]
    pub criteria: Vec<PackCriterion>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackAction {
    /// The plan's action id, so answers come back to the right action.
    pub id: String,
    #[serde(default)]
    pub urgent: bool,
    /// One plain line: what it means for families (shown first).
    #[serde(default)]
    pub for_families: String,
    /// The action in the partnership's words (its title in the answers' text).
    #[serde(default)]
    pub what: String,
    /// The easy-read lines, as the easy-read export has them.
    #[serde(default)]
    pub lines: Vec<String>,
    /// The responsible partner's name only.
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub milestones: Vec<String>,
    /// Earlier comments and the partnership's answers: "you said, we did".
    #[serde(default)]
    pub answers: Vec<SaidDid>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaidDid {
    pub you_said: String,
    pub we_did: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackCriterion {
    pub id: String,
    /// The agreed text, in easy read.
    #[serde(default)]
    pub lines: Vec<String>,
    #[serde(default)]
    pub answers: Vec<SaidDid>,
}

impl ReviewPack {
    /// The title of what a comment is about, for the answers' text.
    pub fn title_of(&self, target: &ReviewTarget) -> Option<String> {
        match target {
            ReviewTarget::Action(id) => self.actions.iter().find(|a| a.id == id.0).map(|a| a.what.clone()),
            ReviewTarget::Criterion(id) => {
                self.criteria.iter().find(|c| &c.id == id).map(|c| c.lines.first().cloned().unwrap_or_default())
            }
        }
    }

    /// Every target a parent can answer, in the order shown.
    pub fn targets(&self) -> Vec<ReviewTarget> {
        let actions = self.actions.iter().map(|a| ReviewTarget::Action(crate::domain::plan::ActionId(a.id.clone())));
        actions.chain(self.criteria.iter().map(|c| ReviewTarget::Criterion(c.id.clone()))).collect()
    }
}

/// Criteria whose text the partnership has agreed: a settled position, no entry with partners'
/// versions side by side, at least one sign-off on the current version and none disagreeing or
/// signed on an earlier one.
pub fn agreed_criteria(project: &Project) -> Vec<String> {
    let sef = &project.sef;
    project
        .edition()
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| sef.positions.get(*id).is_some_and(|r| !r.in_conflict()))
        .filter(|id| {
            !sef.entries.values().any(|r| r.in_conflict() && r.heads().iter().any(|v| v.value.criterion == *id))
        })
        .filter(|id| {
            let tally = signoff_tally(project, id);
            tally.disagree == 0 && tally.earlier_version == 0 && tally.agree + tally.with_comments > 0
        })
        .map(str::to_string)
        .collect()
}

fn answers(project: &Project, target: &ReviewTarget) -> Vec<SaidDid> {
    you_said_we_did(&project.plan, target).into_iter().map(|(you_said, we_did)| SaidDid { you_said, we_did }).collect()
}

/// The pack for `project`, with what `choice` adds.
pub fn make(project: &Project, choice: &PackChoice) -> ReviewPack {
    let partner_name = |id: &Option<_>| {
        id.as_ref()
            .and_then(|id| project.partner(id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "Not yet agreed".into())
    };
    let actions = easy_read_points(project)
        .into_iter()
        .filter_map(|point| {
            let ReviewTarget::Action(id) = &point.target else { return None };
            let action = project.plan.actions.iter().find(|a| &a.id == id)?;
            let when = match (action.start, action.end) {
                (Some(s), Some(e)) => format!("From {} to {}", month_year(s), month_year(e)),
                (_, Some(e)) => format!("By {}", month_year(e)),
                (Some(s), None) => format!("From {}", month_year(s)),
                (None, None) => String::new(),
            };
            let milestones = action
                .milestones
                .iter()
                .map(|m| match m.due {
                    Some(d) => format!("{} (by {})", m.text, month_year(d)),
                    None => m.text.clone(),
                })
                .collect();
            Some(PackAction {
                id: id.0.clone(),
                urgent: point.urgent,
                for_families: action.for_families.clone(),
                what: action.what.clone(),
                lines: point.lines,
                who: partner_name(&action.responsible),
                when,
                milestones,
                answers: answers(project, &point.target),
            })
        })
        .collect();
    let agreed = agreed_criteria(project);
    let criteria = easy_read_sef_points(project)
        .into_iter()
        .filter_map(|point| {
            let ReviewTarget::Criterion(id) = &point.target else { return None };
            (choice.criteria.contains(id) && agreed.contains(id)).then(|| PackCriterion {
                id: id.clone(),
                answers: answers(project, &point.target),
                lines: point.lines,
            })
        })
        .collect();
    ReviewPack {
        format: FORMAT.into(),
        version: VERSION,
        id: choice.id.clone(),
        area: project.area_name.trim().to_string(),
        made_on: choice.made_on,
        outcome: project.plan.outcome.map(|o| easy_read_outcome(o).to_string()).unwrap_or_default(),
        actions,
        criteria,
    }
}

/// A family member's answers while they type, kept on their own device under the pack's id:
/// typed text only (what they chose and wrote), read back leniently (a damaged draft is none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub feedback_id: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub comments: Vec<Comment>,
}

impl ReviewDraft {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a draft always serialises")
    }

    /// The draft, if `text` is one (a damaged or oversized one is none: the page starts afresh).
    pub fn from_json(text: &str) -> Option<Self> {
        if text.len() > MAX_BYTES {
            return None;
        }
        let draft: Self = serde_json::from_str(text).ok()?;
        (!draft.feedback_id.is_empty() && draft.feedback_id.len() <= 100).then_some(draft)
    }

    /// Answers given so far (a choice or some words), as feedback written `at`.
    pub fn feedback(&self, at: &str) -> Feedback {
        let comments = self
            .comments
            .iter()
            .filter(|c| c.response.is_some() || c.experience.is_some() || !c.words.trim().is_empty())
            .cloned()
            .collect();
        Feedback {
            id: crate::domain::plan::FeedbackId(self.feedback_id.clone()),
            from: self.from.trim().to_string(),
            at: at.into(),
            comments,
        }
    }
}

pub fn to_json(pack: &ReviewPack) -> String {
    serde_json::to_string_pretty(pack).expect("a pack always serialises")
}

/// The file name stem's end: `northdale-review-pack.json`.
pub fn file_name(pack: &ReviewPack) -> String {
    format!("{}-review-pack.json", project_file::slug(&pack.area, 60))
}

use crate::domain::plan::answer_labels::*;

/// The answers' first line: whose plan they are about.
pub fn text_heading(pack: &ReviewPack) -> String {
    format!("{HEADING}{}", one_line(&pack.area))
}

/// A part's first two lines in the answers' text: what it is (read back) and its title.
pub fn text_part(pack: &ReviewPack, target: &ReviewTarget) -> (String, String) {
    let title = one_line(&pack.title_of(target).unwrap_or_default());
    let (what, id) = match target {
        ReviewTarget::Action(id) => (ACTION, format!("action {}", id.0)),
        ReviewTarget::Criterion(id) => (ABOUT, format!("criterion {id}")),
    };
    (format!("{REF}{id}"), format!("{what}{title}"))
}

/// The answers as text (read back by `domain::plan::feedback_from_text`), in the order the pack shows its parts.
pub fn feedback_to_text(pack: &ReviewPack, feedback: &Feedback) -> String {
    let mut out =
        format!("{}\n{ANSWERS_ID}{}\n{PACK}{}\n{WRITTEN}{}\n", text_heading(pack), feedback.id.0, pack.id, feedback.at);
    if !feedback.from.trim().is_empty() {
        out.push_str(&format!("{ABOUT_ME}{}\n", one_line(&feedback.from)));
    }
    let order = pack.targets();
    let mut comments: Vec<&Comment> = feedback.comments.iter().collect();
    comments.sort_by_key(|c| order.iter().position(|t| t == &c.target).unwrap_or(usize::MAX));
    for c in comments {
        let (reference, title) = text_part(pack, &c.target);
        out.push_str(&format!("\n{reference}\n{title}\n"));
        if let Some(r) = c.response {
            out.push_str(&format!("{YOU_SAID}{}\n", r.label()));
        }
        if let Some(e) = c.experience {
            out.push_str(&format!("{HOW_IT_FEELS}{}\n", e.label()));
        }
        let words = c.words.trim();
        if !words.is_empty() {
            let mut lines = words.lines();
            out.push_str(&format!("{COMMENT}{}\n", lines.next().unwrap_or_default().trim_end()));
            for line in lines {
                out.push_str(&format!("{MORE}{}\n", line.trim_end()));
            }
        }
    }
    out
}

/// A `mailto:` link that opens the family member's own mail program with the answers as the
/// body (no address: they choose whom to send it to). Nothing is sent by the app.
pub fn mailto(pack: &ReviewPack, text: &str) -> String {
    format!("{}{}", mailto_prefix(pack), percent_encode(text))
}

/// The `mailto:` link up to its body, which the review page's script fills in.
pub fn mailto_prefix(pack: &ReviewPack) -> String {
    format!("mailto:?subject={}&body=", percent_encode(&text_heading(pack)))
}

/// Every byte but the unreserved ones (RFC 3986) as %XX, line ends as CRLF (RFC 6068).
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.replace("\r\n", "\n").replace('\n', "\r\n").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PackError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is too large to be a review pack.")]
    TooLarge,
    #[error(
        "This is a whole project file, not a review pack. Ask the partnership for its review pack (a file ending \u{201c}-review-pack.json\u{201d})."
    )]
    IsAProject,
    #[error(
        "This is not a review pack from this app. Choose the file ending \u{201c}-review-pack.json\u{201d} you were sent."
    )]
    NotAPack,
    #[error("This review pack was made by a newer version of the app (version {0}).")]
    Newer(u32),
    #[error("The review pack is damaged: {0}")]
    Invalid(String),
}

/// Reads and checks a review pack. Never panics, whatever the bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<ReviewPack, PackError> {
    if bytes.len() > MAX_BYTES {
        return Err(PackError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| PackError::NotAPack)?;
    if text.trim().is_empty() {
        return Err(PackError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| PackError::NotAPack)?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(project_file::FORMAT) => return Err(PackError::IsAProject),
        _ => return Err(PackError::NotAPack),
    }
    check_sizes(&value, "the pack")?;
    let pack: ReviewPack = serde_json::from_value(value).map_err(|e| PackError::Invalid(format!("{e}.")))?;
    if pack.version > VERSION {
        return Err(PackError::Newer(pack.version));
    }
    if pack.id.is_empty()
        || pack.id.chars().count() > MAX_ID_CHARS
        || !pack.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(PackError::Invalid("its id is not one this app makes.".into()));
    }
    if pack.made_on.is_some_and(|d| !project_file::in_window(d)) {
        return Err(PackError::Invalid("the date it was made on is outside the years a pack may hold.".into()));
    }
    Ok(pack)
}

fn check_sizes(value: &serde_json::Value, path: &str) -> Result<(), PackError> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.chars().count() > MAX_TEXT_CHARS => {
            Err(PackError::Invalid(format!("{path}: a text is longer than {MAX_TEXT_CHARS} characters.")))
        }
        Value::Array(items) if items.len() > MAX_ITEMS => {
            Err(PackError::Invalid(format!("{path}: it holds {} items, more than {MAX_ITEMS}.", items.len())))
        }
        Value::Object(map) if map.len() > MAX_ITEMS => {
            Err(PackError::Invalid(format!("{path}: it holds {} items, more than {MAX_ITEMS}.", map.len())))
        }
        Value::Array(items) => items.iter().try_for_each(|v| check_sizes(v, path)),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| check_sizes(v, k)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::domain::plan::{
        ActionId, Experience, FeedbackError, FeedbackId, Plan, PlanEdit, Response, apply, feedback_from_text,
        import_feedback_text,
    };
    use crate::domain::project::PartnerId;
    use crate::domain::register::{RevId, Stamp};
    use crate::domain::sef::{Decision, SignOff, SignOffId};

    const DRAFT: &str = "PLANTED-DRAFT-VERSION";
    const DISSENT: &str = "PLANTED-DISSENT-REASON";
    const SIGN_OFF: &str = "PLANTED-SIGNOFF-COMMENT";
    const LEAD: &str = "PLANTED-LEAD-PERSON";

    fn stamp(rev: &str, by: &str, at: &str) -> Stamp {
        Stamp { rev: RevId(rev.into()), by: PartnerId(by.into()), at: at.into() }
    }

    /// A1's first entry with a partner's rival version beside it (stamped before the sign-offs,
    /// so only the side-by-side versions make it unsettled).
    fn with_rival_on_a1(p: &mut Project) {
        let (id, entry) = p.sef.entries.iter().find(|(_, r)| r.value().criterion == "A1").unwrap();
        let (id, base) = (id.clone(), entry.clone());
        let mut draft = base.value().clone();
        draft.text = DRAFT.into();
        let (mut ours, mut theirs) = (base.clone(), base);
        ours.set(stamp("ours", "example-la", "2026-10-01T00:00:00Z"), {
            let mut v = draft.clone();
            v.text = "Our reworded text".into();
            v
        });
        theirs.set(stamp("theirs", "example-icb", "2026-10-01T00:00:01Z"), draft);
        ours.merge(&theirs);
        assert!(ours.in_conflict());
        p.sef.entries.insert(id, ours);
    }

    /// The example with secrets planted where a pack must never look: a disagreement's reason,
    /// a sign-off comment and a named lead.
    fn planted() -> Project {
        let mut p = example_project();
        let signoff = |section: &str, decision, comment: &str| SignOff {
            section: section.into(),
            partner: PartnerId("example-icb".into()),
            decision,
            comment: comment.into(),
            at: "2026-11-10T00:00:00Z".into(),
        };
        p.sef.signoffs.insert(SignOffId("p1".into()), signoff("A3", Decision::Disagree, DISSENT));
        p.sef.signoffs.insert(SignOffId("p2".into()), signoff("B1", Decision::AgreeWithComments, SIGN_OFF));
        p.plan.actions[0].lead = LEAD.into();
        p
    }

    fn choice(criteria: &[&str]) -> PackChoice {
        PackChoice {
            id: "pack-1".into(),
            made_on: "2026-12-03".parse().ok(),
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn only_agreed_criteria_are_offered() {
        let agreed = agreed_criteria(&example_project());
        assert!(agreed.contains(&"A1".to_string()) && agreed.contains(&"B1".to_string()), "{agreed:?}");
        assert!(!agreed.contains(&"A3".to_string()), "A3 has a partner disagreeing");
        assert!(!agreed.contains(&"A2".to_string()), "A2 is not signed off");
    }

    #[test]
    fn a_pack_holds_no_draft_dissent_sign_off_comment_or_person() {
        let p = planted();
        let pack = make(&p, &choice(&["A1", "A3", "B1", "A2"]));
        let json = to_json(&pack);
        for secret in [DRAFT, DISSENT, SIGN_OFF, LEAD, "example-icb", "example-pcf"] {
            assert!(!json.contains(secret), "{secret} is in the pack");
        }
        let ids: Vec<&str> = pack.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["A1", "B1"], "A3 is disputed and A2 not signed off");
        assert_eq!(pack.actions.len(), p.plan.actions.len());
        assert!(json.contains("Northdale Council SEND and Inclusion Service"), "the responsible partner's name is in");
        // What it means for families comes first.
        let first = pack.actions.iter().find(|a| !a.for_families.is_empty()).unwrap();
        assert_eq!(first.lines[0], "What this means for families:");
        assert!(first.lines.iter().position(|l| l == "What we will do:") > Some(1));
        assert!(!pack.outcome.is_empty());
    }

    #[test]
    fn a_criterion_with_a_rival_version_is_not_agreed() {
        let mut p = planted();
        assert!(agreed_criteria(&p).contains(&"A1".to_string()));
        with_rival_on_a1(&mut p);
        assert!(!agreed_criteria(&p).contains(&"A1".to_string()));
        let json = to_json(&make(&p, &choice(&["A1", "B1"])));
        assert!(!json.contains(DRAFT) && !json.contains("Our reworded text"));
    }

    #[test]
    fn packs_round_trip_and_carry_the_partnerships_answers() {
        let mut p = example_project();
        let action = p.plan.actions[0].id.clone();
        p.plan.feedback.push(Feedback {
            id: FeedbackId("f".into()),
            from: "PLANTED-FROM".into(),
            at: "2026-12-01T00:00:00Z".into(),
            comments: vec![Comment {
                target: ReviewTarget::Action(action.clone()),
                response: Some(Response::Disagree),
                words: "Too slow.".into(),
                experience: None,
                we_did: String::new(),
            }],
        });
        apply(
            &mut p,
            PlanEdit::AnswerComment {
                feedback: FeedbackId("f".into()),
                comment: 0,
                text: "We added a second clinic.".into(),
            },
        )
        .unwrap();
        let pack = make(&p, &choice(&["A1"]));
        let bytes = to_json(&pack).into_bytes();
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back, pack);
        let answered = back.actions.iter().find(|a| a.id == action.0).unwrap();
        assert_eq!(
            answered.answers,
            [SaidDid { you_said: "Too slow.".into(), we_did: "We added a second clinic.".into() }]
        );
        assert!(!String::from_utf8(bytes).unwrap().contains("PLANTED-FROM"), "who said it stays out");
        assert_eq!(back.title_of(&ReviewTarget::Action(ActionId(action.0))).unwrap(), p.plan.actions[0].what);
        assert_eq!(file_name(&pack), "northdale-fictional-example-review-pack.json");
    }

    #[test]
    fn a_pack_and_a_project_are_each_refused_where_the_other_is_expected() {
        let p = example_project();
        let project = project_file::to_json(&p, "2026-12-03T00:00:00Z");
        assert_eq!(from_bytes(project.as_bytes()), Err(PackError::IsAProject));
        assert!(PackError::IsAProject.to_string().contains("not a review pack"));
        let pack = to_json(&make(&p, &choice(&[])));
        let err = project_file::from_bytes(pack.as_bytes()).unwrap_err();
        assert_eq!(err, project_file::ProjectFileError::IsAReviewPack);
        assert!(err.to_string().contains("review pack"), "{err}");
        assert_eq!(from_bytes(b"  "), Err(PackError::Empty));
        assert_eq!(from_bytes(b"PK\x03\x04"), Err(PackError::NotAPack));
        assert_eq!(from_bytes(br#"{"format":"area-send-feedback"}"#), Err(PackError::NotAPack));
    }

    #[test]
    fn the_email_link_carries_the_text_and_nothing_can_break_out_of_it() {
        let pack = pack();
        let link = mailto(&pack, "Comment: A & B?\nsubject=x#y");
        assert!(link.starts_with("mailto:?subject=My%20answers%20about%20the%20plan%20for%20Northdale"), "{link}");
        assert!(link.ends_with("&body=Comment%3A%20A%20%26%20B%3F%0D%0Asubject%3Dx%23y"), "{link}");
        assert_eq!(link.matches('&').count(), 1);
    }

    #[test]
    fn a_draft_round_trips_and_a_damaged_one_is_none() {
        let pack = pack();
        let sent = feedback(&pack);
        let draft =
            ReviewDraft { feedback_id: "answers-1".into(), from: "A parent".into(), comments: sent.comments.clone() };
        let back = ReviewDraft::from_json(&draft.to_json()).unwrap();
        assert_eq!(back, draft);
        assert_eq!(back.feedback("t").comments.len(), 2);
        assert_eq!(ReviewDraft::from_json("{\"feedback_id\":\"\"}"), None);
        assert_eq!(ReviewDraft::from_json("not json"), None);
        let empty = ReviewDraft { feedback_id: "x".into(), ..Default::default() };
        assert!(empty.feedback("t").comments.is_empty());
    }

    #[test]
    fn hostile_packs_are_refused_with_a_message() {
        let pack = make(&example_project(), &choice(&[]));
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = serde_json::to_value(&pack).unwrap();
            f(&mut v);
            from_bytes(v.to_string().as_bytes())
        };
        assert!(matches!(with(&|v| v["id"] = "../../x".into()), Err(PackError::Invalid(_))));
        assert!(matches!(with(&|v| v["id"] = "".into()), Err(PackError::Invalid(_))));
        assert_eq!(with(&|v| v["version"] = 9.into()), Err(PackError::Newer(9)));
        assert!(matches!(with(&|v| v["made_on"] = "2999-01-01".into()), Err(PackError::Invalid(_))));
        assert!(matches!(with(&|v| v["actions"] = "many".into()), Err(PackError::Invalid(_))));
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(with(&|v| v["actions"][0]["what"] = long.clone().into()), Err(PackError::Invalid(_))));
        let many: Vec<serde_json::Value> = (0..=MAX_ITEMS).map(|_| "x".into()).collect();
        assert!(matches!(with(&|v| v["actions"][0]["lines"] = many.clone().into()), Err(PackError::Invalid(_))));
        assert_eq!(from_bytes(&vec![b' '; MAX_BYTES + 1]), Err(PackError::TooLarge));
        assert!(with(&|_| {}).is_ok());
    }

    fn pack() -> ReviewPack {
        let choice = PackChoice { id: "pack-1".into(), made_on: None, criteria: ["A1".to_string()].into() };
        make(&example_project(), &choice)
    }

    fn feedback(pack: &ReviewPack) -> Feedback {
        Feedback {
            id: FeedbackId("answers-1".into()),
            from: "A parent\nof two".into(),
            at: "2026-12-03T07:00:00Z".into(),
            comments: vec![
                Comment {
                    target: ReviewTarget::Criterion("A1".into()),
                    response: Some(Response::Agree),
                    words: String::new(),
                    experience: None,
                    we_did: String::new(),
                },
                Comment {
                    target: ReviewTarget::Action(ActionId(pack.actions[0].id.clone())),
                    response: Some(Response::Disagree),
                    words: "Too slow.\nRef: action fake\n\nYou said: I agree\nComment: second".into(),
                    experience: Some(Experience::NotYet),
                    we_did: String::new(),
                },
            ],
        }
    }

    #[test]
    fn the_copied_text_reads_back_as_the_same_answers() {
        let pack = pack();
        let sent = feedback(&pack);
        let text = feedback_to_text(&pack, &sent);
        assert!(text.contains(&format!("Action: {}\nYou said: I disagree\nHow it feels: Not yet feeling an improvement\nComment: Too slow.\n  Ref: action fake\n", pack.actions[0].what)), "{text}");
        let back = feedback_from_text(&text).unwrap();
        assert_eq!(back.id, sent.id);
        assert_eq!(back.from, "A parent of two");
        assert_eq!(back.at, sent.at);
        let mut expected = sent.comments.clone();
        expected.reverse();
        assert_eq!(back.comments, expected, "actions come first, and a comment's own lines stay in it");
        // Quoted in a reply, with Windows line ends, it still reads.
        let quoted: String = text.lines().map(|l| format!("> {l}\r\n")).collect();
        assert_eq!(feedback_from_text(&quoted).unwrap().comments, expected);
    }

    #[test]
    fn pasted_answers_are_imported_once_and_only_for_this_plan() {
        let mut p = example_project();
        let pack = make(&p, &PackChoice { id: "p".into(), made_on: None, criteria: Default::default() });
        let text = feedback_to_text(&pack, &feedback(&pack));
        assert_eq!(import_feedback_text(&mut p, &text), Ok(2));
        assert_eq!(import_feedback_text(&mut p, &text), Err(FeedbackError::AlreadyImported));
        let mut other = example_project();
        other.plan = Plan::default();
        assert_eq!(
            import_feedback_text(&mut other, "Answers id: y\nRef: action nowhere\nYou said: Agree\n"),
            Err(FeedbackError::NoMatchingActions)
        );
    }
}

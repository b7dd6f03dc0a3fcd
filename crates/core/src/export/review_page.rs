//! The family review page: one self-contained HTML file a parent opens from an email attachment
//! or a shared drive, carrying a review pack inside it. It makes no request (its own
//! Content-Security-Policy allows nothing but its one inline script and style, by hash) and
//! needs no app: the plan reads without JavaScript, and with it the page asks the review
//! questions, keeps a draft on the device and gives the answers back as text, an email or a
//! feedback file. Every fixed word the script writes comes from here, so what it writes is what
//! `review_pack::feedback_to_text` and `domain::plan::feedback_to_json` write.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::json;

use super::html::{escape, lines};
use super::review_pack::{self, PackChoice, ReviewPack, SaidDid};
use crate::domain::plan::answer_labels as text;
use crate::domain::plan::{Experience, FEEDBACK_FORMAT, FEEDBACK_VERSION, Response, ReviewTarget};
use crate::domain::project::Project;
use crate::domain::project_file;

const SCRIPT: &str = include_str!("review_page.js");
const STYLE: &str = include_str!("review_page.css");
// SCRIPT_HASH and STYLE_HASH, written by build.rs from the same two files.
include!(concat!(env!("OUT_DIR"), "/review_page_hashes.rs"));

/// Where the page keeps a draft: the app's own key for the same drafts (`src/browser.rs`).
const DRAFT_KEY_PREFIX: &str = "area-send.review-draft.";

/// The pack a page carries: the plan as `review_pack::make` shares it, dated `today`, with the
/// agreed text of `criteria`. Its id comes from its content, so the same pack made again (by
/// the app or the command, any day it is unchanged) restores a parent's draft, and a changed
/// one starts afresh.
pub fn page_pack(project: &Project, today: NaiveDate, criteria: &BTreeSet<String>) -> ReviewPack {
    let choice = PackChoice { id: String::new(), made_on: Some(today), criteria: criteria.clone() };
    let mut pack = review_pack::make(project, &choice);
    pack.id = format!("page-{:08x}", crc32fast::hash(review_pack::to_json(&pack).as_bytes()));
    pack
}

/// The file name: `northdale-review-page.html`.
pub fn file_name(pack: &ReviewPack) -> String {
    format!("{}-review-page.html", project_file::slug(&pack.area, 60))
}

/// JSON that is safe inside a `<script>` element: no `<`, so no `</script` or `<!--`.
fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("page data always serialises").replace('<', "\\u003c")
}

/// One part a parent answers: its form names and what the script writes for it.
struct Part<'a> {
    name: String,
    title: String,
    lines: &'a [String],
    milestones: &'a [String],
    answers: &'a [SaidDid],
    target: ReviewTarget,
}

fn parts(pack: &ReviewPack) -> Vec<Part<'_>> {
    let actions = pack.actions.iter().enumerate().map(|(n, a)| Part {
        name: format!("plan-{n}"),
        title: format!("Part {} of the plan{}", n + 1, if a.urgent { ": urgent" } else { "" }),
        lines: &a.lines,
        milestones: &a.milestones,
        answers: &a.answers,
        target: ReviewTarget::Action(crate::domain::plan::ActionId(a.id.clone())),
    });
    let criteria = pack.criteria.iter().enumerate().map(|(n, c)| Part {
        name: format!("sef-{n}"),
        title: format!("Area {} of our self-evaluation", n + 1),
        lines: &c.lines,
        milestones: &[],
        answers: &c.answers,
        target: ReviewTarget::Criterion(c.id.clone()),
    });
    actions.chain(criteria).collect()
}

/// What the script needs beyond the pack: every fixed word it writes, and the form's names.
fn reply_data(pack: &ReviewPack, parts: &[Part]) -> serde_json::Value {
    let labels =
        |all: &[(&str, &str)]| all.iter().map(|(k, l)| (k.to_string(), json!(l))).collect::<serde_json::Map<_, _>>();
    let responses: Vec<_> = Response::ALL.iter().map(|r| (r.key(), r.label())).collect();
    let experiences: Vec<_> = Experience::ALL.iter().map(|e| (e.key(), e.label())).collect();
    json!({
        "draft_key": format!("{DRAFT_KEY_PREFIX}{}", pack.id),
        "text": {
            "head": review_pack::text_heading(pack),
            "answers_id": text::ANSWERS_ID,
            "pack": format!("{}{}", text::PACK, pack.id),
            "written": text::WRITTEN,
            "about_me": text::ABOUT_ME,
            "said": text::YOU_SAID,
            "feels": text::HOW_IT_FEELS,
            "comment": text::COMMENT,
            "more": text::MORE,
        },
        "parts": parts.iter().map(|p| {
            let (reference, title) = review_pack::text_part(pack, &p.target);
            json!({ "name": p.name, "target": p.target, "ref": reference, "title": title })
        }).collect::<Vec<_>>(),
        "responses": labels(&responses),
        "experiences": labels(&experiences),
        "mailto": review_pack::mailto_prefix(pack),
        "feedback": {
            "format": FEEDBACK_FORMAT,
            "format_version": FEEDBACK_VERSION,
            "area": pack.area,
            "file_start": format!("{}-plan-feedback-", project_file::slug(&pack.area, 60)),
        },
        "messages": {
            "nothing": "Give your view on at least one part of the plan.",
            "copied": "Your answers are copied. Paste them into an email or message to the partnership.",
            "shown": "Your answers are in the box below. Select all of the text, copy it and paste it into an email or message to the partnership.",
            "downloaded": "Your answers are saved as a file in your downloads. Send it back to the partnership, for example by email.",
            "not_kept": "Your answers cannot be kept on this device. Copy, email or download them before you close this page.",
        },
    })
}

fn radios(out: &mut String, name: &str, group: &str, legend: &str, choices: &[(&str, &str)]) {
    out.push_str(&format!(
        "<fieldset class=\"fieldset\">\n<legend class=\"legend\">{legend}</legend>\n<div class=\"radios\">\n"
    ));
    for (key, label) in choices {
        let id = format!("{name}-{group}-{key}");
        out.push_str(&format!(
            "<div class=\"radio\"><input type=\"radio\" name=\"{name}-{group}\" id=\"{id}\" value=\"{key}\"><label for=\"{id}\">{}</label></div>\n",
            escape(label)
        ));
    }
    out.push_str("</div>\n</fieldset>\n");
}

fn render_part(out: &mut String, part: &Part, ask_experience: bool) {
    let name = &part.name;
    out.push_str(&format!(
        "<section class=\"point\" aria-labelledby=\"{name}-title\">\n<h3 id=\"{name}-title\">{}</h3>\n",
        escape(&part.title)
    ));
    for line in part.lines {
        // "What this means for families:" and the like name what follows.
        if line.ends_with(':') {
            out.push_str(&format!("<p><strong>{}</strong></p>\n", lines(line)));
        } else {
            out.push_str(&format!("<p>{}</p>\n", lines(line)));
        }
    }
    if !part.milestones.is_empty() {
        out.push_str("<p><strong>Steps on the way:</strong></p>\n<ul>\n");
        for m in part.milestones {
            out.push_str(&format!("<li>{}</li>\n", lines(m)));
        }
        out.push_str("</ul>\n");
    }
    if !part.answers.is_empty() {
        out.push_str("<div class=\"inset\">\n<p><strong>You said, we did</strong></p>\n");
        for a in part.answers {
            out.push_str(&format!("<p>You said: {}</p>\n<p>We did: {}</p>\n", lines(&a.you_said), lines(&a.we_did)));
        }
        out.push_str("</div>\n");
    }
    out.push_str("<div class=\"js-only\">\n");
    let responses: Vec<_> = Response::ALL.iter().map(|r| (r.key(), r.label())).collect();
    radios(out, name, "view", "What do you think?", &responses);
    if ask_experience {
        let experiences: Vec<_> = Experience::ALL.iter().map(|e| (e.key(), e.label())).collect();
        radios(out, name, "felt", "Have you noticed a difference yet? (optional)", &experiences);
    }
    out.push_str(&format!(
        "<div class=\"form-group\"><label for=\"{name}-words\">Anything you want to say? (optional)</label>\n<textarea id=\"{name}-words\" name=\"{name}-words\" rows=\"3\"></textarea></div>\n</div>\n</section>\n"
    ));
}

/// The whole page for `pack`.
pub fn render(pack: &ReviewPack) -> String {
    let parts = parts(pack);
    let area = if pack.area.is_empty() { "our area" } else { pack.area.as_str() };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {SCRIPT_HASH}; style-src {STYLE_HASH}; form-action 'none'; base-uri 'none'\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Tell us what you think of our plan: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">Skip to the plan</a>\n\
<header class=\"header\"><div class=\"width\"><p class=\"service\">Family review</p>",
        escape(area)
    );
    if !pack.area.is_empty() {
        out.push_str(&format!("<p class=\"area\">{}</p>", escape(&pack.area)));
    }
    out.push_str("</div></header>\n<div class=\"width\">\n<main id=\"main\" tabindex=\"-1\">\n");
    out.push_str(
        "<div class=\"error-summary\" id=\"error-summary\" tabindex=\"-1\" hidden>\n<h2>There is a problem</h2>\n<p><a href=\"#parts\" id=\"error-link\"></a></p>\n</div>\n",
    );
    out.push_str("<h1>Tell us what you think of our plan</h1>\n");
    out.push_str(&format!("<p>This is the plan for {}.</p>\n", escape(area)));
    out.push_str("<p class=\"js-only hint\" id=\"kept\">Your answers are kept on this device as you type, so you can come back to them. Nobody asks your name.</p>\n");
    out.push_str(
        "<div class=\"no-js inset\">\n<p><strong>How to reply</strong></p>\n\
<p>The questions and buttons on this page need it to be opened in a web browser, and some email and file apps do not allow that. \
Save this file on your phone or computer and open it from there, in a browser such as Safari, Chrome or Edge.</p>\n\
<p>Or read the plan below and reply to the person who sent it to you. Say which part you mean, for example \u{201c}Part 2\u{201d}, and what you think.</p>\n</div>\n",
    );
    if !pack.outcome.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", lines(&pack.outcome)));
    }
    out.push_str("<form id=\"review-form\" novalidate>\n<div id=\"parts\">\n");
    if parts.is_empty() {
        out.push_str("<p>This pack has no plan actions or self-evaluation to review yet.</p>\n");
    }
    if !pack.actions.is_empty() {
        out.push_str("<h2>Our plan</h2>\n");
    }
    for part in parts.iter().filter(|p| matches!(p.target, ReviewTarget::Action(_))) {
        render_part(&mut out, part, true);
    }
    if !pack.criteria.is_empty() {
        out.push_str("<h2>How we think we are doing</h2>\n");
    }
    for part in parts.iter().filter(|p| matches!(p.target, ReviewTarget::Criterion(_))) {
        render_part(&mut out, part, false);
    }
    out.push_str(
        "</div>\n<div class=\"js-only\">\n<div class=\"form-group\"><label for=\"review-from\">How would you describe yourself? (optional)</label>\n\
<p class=\"hint\" id=\"review-from-hint\">For example \u{201c}a parent of a child at primary school\u{201d}. Please do not write your name.</p>\n\
<input type=\"text\" id=\"review-from\" name=\"review-from\" aria-describedby=\"review-from-hint\" autocomplete=\"off\"></div>\n\
<h2>Send your answers back</h2>\n<div class=\"buttons\">\n\
<button type=\"button\" class=\"button\" id=\"copy-answers\">Copy my answers as text</button>\n\
<a class=\"button button--secondary\" id=\"email-answers\" href=\"mailto:\">Email my answers</a>\n\
<button type=\"button\" class=\"button button--secondary\" id=\"download-answers\">Download my answers</button>\n</div>\n\
<p class=\"hint\">\u{201c}Email my answers\u{201d} opens your own email app with your answers written in; you choose who to send them to. This page sends nothing itself.</p>\n\
<div class=\"banner\" role=\"status\" id=\"status\"></div>\n\
<div class=\"form-group\" id=\"answers-box\" hidden><label for=\"answers-text\">Your answers as text</label>\n\
<textarea id=\"answers-text\" rows=\"10\" readonly></textarea></div>\n</div>\n</form>\n</main>\n</div>\n",
    );
    out.push_str(&format!(
        "<footer class=\"footer\"><div class=\"width\"><p>Made by {} with the area SEND toolkit. This page works without the internet and sends nothing by itself.</p></div></footer>\n",
        escape(area)
    ));
    out.push_str(&format!(
        "<script type=\"application/json\" id=\"review-pack\">{}</script>\n<script type=\"application/json\" id=\"review-data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        script_json(pack),
        script_json(&reply_data(pack, &parts))
    ));
    out
}

/// The embedded pack, read back from a page (as a test, or a later app, would).
pub fn pack_in(page: &str) -> Option<ReviewPack> {
    let start = page.find("<script type=\"application/json\" id=\"review-pack\">")?;
    let rest = &page[start..];
    let json = &rest[rest.find('>')? + 1..rest.find("</script>")?];
    review_pack::from_bytes(json.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use sha2::{Digest, Sha256};

    use super::*;
    use crate::domain::example::example_project;

    fn today() -> NaiveDate {
        "2026-12-02".parse().unwrap()
    }

    fn csp_hash(text: &str) -> String {
        format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
    }

    /// The text of the one element opening with `open`, up to `close`.
    fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
        assert_eq!(page.matches(open).count(), 1, "{open}");
        let start = page.find(open).unwrap() + open.len();
        &page[start..start + page[start..].find(close).unwrap()]
    }

    #[test]
    fn the_policy_allows_exactly_the_pages_own_script_and_style() {
        let page = render(&page_pack(&example_project(), today(), &BTreeSet::new()));
        let script = between(&page, "<script>", "</script>");
        let style = between(&page, "<style>", "</style>");
        let policy = between(&page, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\"");
        assert_eq!(
            policy,
            format!(
                "default-src 'none'; script-src {}; style-src {}; form-action 'none'; base-uri 'none'",
                csp_hash(script),
                csp_hash(style)
            )
        );
        assert_eq!(page.matches("<script").count(), 3, "the script and two data blocks");
        assert_eq!(page.matches("<script type=\"application/json\"").count(), 2);
        for attribute in [" style=", " onclick=", " onload=", " src=", "http:", "https:"] {
            assert!(!page.contains(attribute), "{attribute} in the page");
        }
    }

    #[test]
    fn the_pack_is_carried_whole_and_nothing_typed_breaks_out_of_it() {
        let mut project = example_project();
        project.area_name = "Northdale </script><script>alert(1)</script> <!-- & \"x\"".into();
        project.plan.actions[0].what = "Cut waits </SCRIPT> <!-- --> \u{2028} ]]>".into();
        let pack = page_pack(&project, today(), &BTreeSet::new());
        let page = render(&pack);
        assert_eq!(page.matches("</script>").count(), 3, "only the page's own elements close");
        assert_eq!(page.to_lowercase().matches("</script").count(), 3);
        assert!(!page.contains("<!--") && !page.contains("<script>alert"));
        assert_eq!(pack_in(&page), Some(pack.clone()));
        assert!(page.contains("<title>Tell us what you think of our plan: Northdale &lt;/script&gt;"));
        assert_eq!(file_name(&pack), "northdale-script-script-alert-1-script-x-review-page.html");
    }

    #[test]
    fn nothing_but_the_packs_content_is_in_the_page() {
        use crate::domain::project::PartnerId;
        use crate::domain::sef::{Decision, SignOff, SignOffId};
        let mut project = example_project();
        project.plan.actions[0].lead = "PLANTED-LEAD-PERSON".into();
        let signoff = SignOff {
            section: "B1".into(),
            partner: PartnerId("example-icb".into()),
            decision: Decision::AgreeWithComments,
            comment: "PLANTED-SIGNOFF-COMMENT".into(),
            at: "2026-11-10T00:00:00Z".into(),
        };
        project.sef.signoffs.insert(SignOffId("planted".into()), signoff);
        let page = render(&page_pack(&project, today(), &["B1".to_string()].into()));
        for secret in ["PLANTED-LEAD-PERSON", "PLANTED-SIGNOFF-COMMENT", "example-icb", "example-pcf"] {
            assert!(!page.contains(secret), "{secret} is in the page");
        }
        assert!(page.contains("Area 1 of our self-evaluation"), "the chosen, agreed criterion is in");
    }

    #[test]
    fn the_same_plan_gives_the_same_pack_id_and_a_changed_one_a_new_one() {
        let mut project = example_project();
        let none = BTreeSet::new();
        let first = page_pack(&project, today(), &none);
        assert_eq!(first.id, page_pack(&project, today(), &none).id);
        assert!(first.id.starts_with("page-") && first.id.len() == 13, "{}", first.id);
        assert_eq!(review_pack::from_bytes(review_pack::to_json(&first).as_bytes()), Ok(first.clone()));
        let with_a1 = page_pack(&project, today(), &["A1".to_string()].into());
        assert_eq!(with_a1.criteria.len(), 1);
        assert_ne!(with_a1.id, first.id);
        project.plan.actions[0].for_families = "You will hear from us within a week.".into();
        assert_ne!(page_pack(&project, today(), &none).id, first.id);
    }

    #[test]
    fn the_script_is_given_the_words_the_import_reads() {
        let pack = page_pack(&example_project(), today(), &["A1".to_string()].into());
        let page = render(&pack);
        let data: serde_json::Value =
            serde_json::from_str(between(&page, "<script type=\"application/json\" id=\"review-data\">", "</script>"))
                .unwrap();
        let parts = data["parts"].as_array().unwrap();
        assert_eq!(parts.len(), pack.actions.len() + 1);
        let first = &pack.actions[0];
        assert_eq!(parts[0]["ref"], format!("Ref: action {}", first.id));
        assert_eq!(
            parts[0]["title"],
            format!("Action: {}", first.what.split_whitespace().collect::<Vec<_>>().join(" "))
        );
        assert_eq!(parts[0]["target"], json!({ "action": first.id }));
        assert_eq!(parts.last().unwrap()["ref"], "Ref: criterion A1");
        assert_eq!(data["responses"]["not-sure"], "I am not sure");
        assert_eq!(data["experiences"]["not-yet"], "Not yet feeling an improvement");
        assert_eq!(data["text"]["head"], "My answers about the plan for Northdale (fictional example)");
        assert_eq!(data["text"]["pack"], format!("Pack: {}", pack.id));
        assert_eq!(data["draft_key"], format!("area-send.review-draft.{}", pack.id));
        assert_eq!(data["feedback"]["format"], "area-send-feedback");
        assert!(
            data["mailto"]
                .as_str()
                .unwrap()
                .starts_with("mailto:?subject=My%20answers%20about%20the%20plan%20for%20Northdale")
        );
        assert!(data["mailto"].as_str().unwrap().ends_with("&body="));
        // Every form name the data gives is in the page, with the app's questions.
        for part in parts {
            let name = part["name"].as_str().unwrap();
            assert!(page.contains(&format!("id=\"{name}-view-disagree\"")), "{name}");
            assert!(page.contains(&format!("<textarea id=\"{name}-words\"")), "{name}");
        }
        assert!(page.contains("id=\"plan-0-felt-not-yet\""));
        assert!(!page.contains("id=\"sef-0-felt-"), "criteria are not asked how they feel");
    }
}

//! Reading a family member's answers pasted as text (written by `export::review_pack::feedback_to_text`):
//! what "Copy my answers" and the email link carry, read back by the plan page's import. Each part starts with a
//! `Ref:` line naming what it is about; lines of a comment after its first are indented, so a
//! comment can say anything without starting a new field. Email quoting ("> ") is ignored.

use super::{ActionId, Comment, Experience, Feedback, FeedbackError, FeedbackId, Response, ReviewTarget};

/// The fixed words of the answers' text: this reader and both writers (`export::review_pack` and the
/// review page's script, given them by `export::review_page`) name this one table.
pub mod labels {
    pub const HEADING: &str = "My answers about the plan for ";
    pub const ANSWERS_ID: &str = "Answers id: ";
    pub const PACK: &str = "Pack: ";
    pub const WRITTEN: &str = "Written: ";
    pub const ABOUT_ME: &str = "About me: ";
    pub const REF: &str = "Ref: ";
    pub const ACTION: &str = "Action: ";
    pub const ABOUT: &str = "About: ";
    pub const YOU_SAID: &str = "You said: ";
    pub const HOW_IT_FEELS: &str = "How it feels: ";
    pub const COMMENT: &str = "Comment: ";
    /// Before each line of a comment after its first.
    pub const MORE: &str = "  ";
    /// The labels that start a field, each ending in ": ".
    pub(super) const FIELDS: [&str; 10] =
        [ANSWERS_ID, PACK, WRITTEN, ABOUT_ME, REF, ACTION, ABOUT, YOU_SAID, HOW_IT_FEELS, COMMENT];
}
use labels::*;

/// Pasted text longer than this is not one person's answers.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// Parts in one person's answers.
pub const MAX_PARTS: usize = 2_000;

fn not_answers(why: impl Into<String>) -> FeedbackError {
    FeedbackError::NotAnswers(why.into())
}

fn choice<T: Copy>(
    value: &str,
    all: &[T],
    label: impl Fn(T) -> &'static str,
    key: impl Fn(T) -> &'static str,
) -> Option<T> {
    let value = value.trim().trim_end_matches('.').to_lowercase();
    all.iter().copied().find(|&c| {
        let label = label(c).to_lowercase();
        value == label || value == key(c) || label.strip_prefix("i ").is_some_and(|short| value == short)
    })
}

/// Reads answers pasted from "Copy my answers as text" (or an email of them). Never panics.
pub fn feedback_from_text(text: &str) -> Result<Feedback, FeedbackError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(not_answers("it is far longer than one person's answers."));
    }
    let mut id = None;
    let mut from = String::new();
    let mut at = String::new();
    let mut comments: Vec<Comment> = Vec::new();
    // Whether the last field read was a comment, so unmarked lines continue it.
    let mut in_words = false;
    for (n, raw) in text.lines().enumerate() {
        let line = strip_quoting(raw);
        let indented = line.starts_with("  ") || line.starts_with('\t');
        let field = if indented { None } else { field(line) };
        match field {
            Some((REF, value)) => {
                if comments.len() >= MAX_PARTS {
                    return Err(not_answers("it has more parts than any plan."));
                }
                let target = match value.split_once(' ') {
                    Some(("action", id)) if !id.trim().is_empty() => ReviewTarget::Action(ActionId(id.trim().into())),
                    Some(("criterion", id)) if !id.trim().is_empty() => ReviewTarget::Criterion(id.trim().into()),
                    _ => return Err(not_answers(format!("line {} does not say which part it is about.", n + 1))),
                };
                comments.push(Comment {
                    target,
                    response: None,
                    words: String::new(),
                    experience: None,
                    we_did: String::new(),
                });
                in_words = false;
            }
            Some((ANSWERS_ID, value)) if comments.is_empty() => id = Some(value.to_string()),
            Some((ABOUT_ME, value)) if comments.is_empty() => from = value.to_string(),
            Some((WRITTEN, value)) if comments.is_empty() => at = value.chars().take(40).collect(),
            Some((PACK | ACTION | ABOUT, _)) => in_words = false,
            Some((YOU_SAID, value)) if !comments.is_empty() => {
                let r = choice(value, &Response::ALL, Response::label, Response::key).ok_or_else(|| {
                    not_answers(format!(
                        "line {}: \u{201c}{value}\u{201d} is not an answer the review page gives.",
                        n + 1
                    ))
                })?;
                comments.last_mut().unwrap().response = Some(r);
                in_words = false;
            }
            Some((HOW_IT_FEELS, value)) if !comments.is_empty() => {
                let e = choice(value, &Experience::ALL, Experience::label, Experience::key).ok_or_else(|| {
                    not_answers(format!(
                        "line {}: \u{201c}{value}\u{201d} is not an answer the review page gives.",
                        n + 1
                    ))
                })?;
                comments.last_mut().unwrap().experience = Some(e);
                in_words = false;
            }
            Some((COMMENT, value)) if !comments.is_empty() => {
                comments.last_mut().unwrap().words = value.to_string();
                in_words = true;
            }
            _ if in_words => {
                let words = &mut comments.last_mut().unwrap().words;
                if words.len() + line.len() > super::super::project_file::MAX_TEXT_CHARS {
                    return Err(not_answers("a comment is longer than any comment could be."));
                }
                words.push('\n');
                words.push_str(line.strip_prefix("  ").unwrap_or(line.trim_start()).trim_end());
            }
            // Anything else (the heading, a mail program's lines) is not part of the answers.
            _ => {}
        }
    }
    let id = id
        .filter(|id| !id.is_empty() && id.len() <= 100)
        .ok_or_else(|| not_answers("it has no \u{201c}Answers id\u{201d} line."))?;
    for c in &mut comments {
        c.words = c.words.trim().to_string();
    }
    if comments.is_empty() {
        return Err(not_answers("it has no answers in it."));
    }
    Ok(Feedback { id: FeedbackId(id), from, at, comments })
}

/// A field's label (one of `FIELDS`) and its value, however the label's colon is spaced.
fn field(line: &str) -> Option<(&'static str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    FIELDS.iter().find(|f| f.strip_suffix(": ") == Some(key)).map(|f| (*f, value.trim()))
}

/// A line without the "> " marks a mail program puts before quoted lines.
fn strip_quoting(line: &str) -> &str {
    let mut rest = line.trim_end_matches('\r');
    while let Some(after) = rest.strip_prefix('>') {
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_or_foreign_text_is_refused_with_a_reason() {
        let err = |t: &str| match feedback_from_text(t) {
            Err(FeedbackError::NotAnswers(why)) => why,
            other => panic!("{other:?}"),
        };
        assert!(err("").contains("no \u{201c}Answers id\u{201d}"));
        assert!(err("Dear team, I like the plan.").contains("Answers id"));
        assert!(err("Answers id: x\n").contains("no answers"));
        assert!(err("Answers id: x\nRef: something\n").contains("line 2"));
        assert!(err("Answers id: x\nRef: action a\nYou said: maybe\n").contains("\u{201c}maybe\u{201d}"));
        assert!(err(&"x".repeat(MAX_TEXT_BYTES + 1)).contains("longer"));
        let many: String = "Answers id: x\n".to_string() + &"Ref: action a\n".repeat(MAX_PARTS + 1);
        assert!(err(&many).contains("more parts"));
        let long = format!("Answers id: x\nRef: action a\nComment: a\n{}", "  yyyyyyyyyy\n".repeat(12_000));
        assert!(err(&long).contains("longer"));
        // Short answers ("Agree") are read too.
        let short = feedback_from_text("Answers id: x\nRef: action a\nYou said: Agree\n").unwrap();
        assert_eq!(short.comments[0].response, Some(Response::Agree));
    }
}

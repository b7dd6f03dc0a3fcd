//! Plain-language help for writers: sentence length, reading ease, and acronyms or jargon used
//! without an explanation, from a glossary the partnership can extend. The easy-read export
//! uses the glossary's plain words.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// One glossary term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryTerm {
    pub term: String,
    pub expansion: String,
    pub plain: String,
}

#[derive(Deserialize)]
struct GlossaryFile {
    terms: Vec<GlossaryTerm>,
}

/// `glossary/glossary.toml`, as JSON made by `build.rs`.
const GLOSSARY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/glossary.json"));

/// The built-in glossary.
pub fn builtin_glossary() -> &'static [GlossaryTerm] {
    static PARSED: OnceLock<Vec<GlossaryTerm>> = OnceLock::new();
    PARSED.get_or_init(|| {
        // Embedded and checked by a test; a parse failure is a build defect.
        serde_json::from_str::<GlossaryFile>(GLOSSARY_JSON).expect("embedded glossary parses").terms
    })
}

/// The built-in terms plus the project's own (which win on the same term).
pub fn glossary(extra: &[GlossaryTerm]) -> Vec<GlossaryTerm> {
    let mut all: Vec<GlossaryTerm> = extra.to_vec();
    all.extend(builtin_glossary().iter().filter(|t| !extra.iter().any(|e| e.term == t.term)).cloned());
    // Longest first, so "EHC plan" is matched before a shorter term inside it.
    all.sort_by(|a, b| b.term.len().cmp(&a.term.len()).then(a.term.cmp(&b.term)));
    all
}

fn is_acronym(term: &str) -> bool {
    term.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// Byte positions where `term` occurs as a whole word (acronyms match case-sensitively).
fn find_term(text: &str, term: &str) -> Vec<usize> {
    let (hay, needle) = if is_acronym(term) {
        (text.to_string(), term.to_string())
    } else {
        (text.to_lowercase(), term.to_lowercase())
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = hay[from..].find(&needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        if boundary(before) && boundary(after) {
            found.push(start);
        }
        from = end;
    }
    found
}

/// Whether `text` uses `term` as a whole word.
pub fn mentions(text: &str, term: &str) -> bool {
    !find_term(text, term).is_empty()
}

/// A problem the writer can fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlainIssue {
    /// A sentence longer than `LONG_SENTENCE` words; holds its first words.
    LongSentence { words: usize, starts: String },
    /// A glossary term used without its meaning in the same text.
    Unexplained { term: String, expansion: String },
    /// Capital letters that look like an acronym but are not in the glossary.
    UnknownAcronym(String),
}

pub const LONG_SENTENCE: usize = 25;

#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    pub average_sentence_words: f64,
    /// Flesch reading ease: 60–70 is plain English; higher is easier.
    pub reading_ease: f64,
    pub issues: Vec<PlainIssue>,
}

impl Readability {
    pub fn ease_label(&self) -> &'static str {
        match self.reading_ease {
            e if e >= 70.0 => "Easy to read",
            e if e >= 60.0 => "Plain English",
            e if e >= 50.0 => "Fairly difficult",
            _ => "Difficult",
        }
    }
}

pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, (pos, ch)) in chars.iter().enumerate() {
        let ends =
            matches!(ch, '.' | '!' | '?' | '\n') && chars.get(i + 1).is_none_or(|(_, next)| next.is_whitespace());
        if ends {
            let s = text[start..pos + ch.len_utf8()].trim();
            if s.chars().any(char::is_alphanumeric) {
                out.push(s);
            }
            start = pos + ch.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if rest.chars().any(char::is_alphanumeric) {
        out.push(rest);
    }
    out
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect()
}

/// Syllables by vowel groups, with a silent final "e"; good enough for a reading-ease guide.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if w.is_empty() {
        return 1;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    if w.len() > 2 && w[w.len() - 1] == 'e' && !vowel(w[w.len() - 2]) && w[w.len() - 2] != 'l' {
        count -= 1;
    }
    count.max(1)
}

/// Measures `text` and lists what makes it harder to read.
pub fn check(text: &str, glossary: &[GlossaryTerm]) -> Readability {
    let sents = sentences(text);
    let mut n_words = 0;
    let mut n_syllables = 0;
    let mut issues = Vec::new();
    for s in &sents {
        let ws = words(s);
        n_words += ws.len();
        n_syllables += ws.iter().map(|w| syllables(w)).sum::<usize>();
        if ws.len() > LONG_SENTENCE {
            issues.push(PlainIssue::LongSentence { words: ws.len(), starts: ws[..6].join(" ") + "\u{2026}" });
        }
    }
    let lower = text.to_lowercase();
    for term in glossary {
        if !find_term(text, &term.term).is_empty() && !lower.contains(&term.expansion.to_lowercase()) {
            issues.push(PlainIssue::Unexplained { term: term.term.clone(), expansion: term.expansion.clone() });
        }
    }
    let mut unknown: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.len() >= 2
                && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && w.chars().any(|c| c.is_ascii_uppercase())
        })
        .filter(|w| !glossary.iter().any(|t| t.term.split_whitespace().any(|part| part == *w)))
        .map(str::to_string)
        .collect();
    unknown.sort();
    unknown.dedup();
    issues.extend(unknown.into_iter().map(PlainIssue::UnknownAcronym));

    let (s, w) = (sents.len().max(1) as f64, n_words.max(1) as f64);
    Readability {
        sentences: sents.len(),
        words: n_words,
        average_sentence_words: n_words as f64 / s,
        reading_ease: 206.835 - 1.015 * (w / s) - 84.6 * (n_syllables as f64 / w),
        issues,
    }
}

/// `text` with every glossary term replaced by its plain words, for easy-read versions.
/// Articles are kept grammatical: "The LA" becomes "The council", "every EHC plan" becomes
/// "every plan that says…".
pub fn to_plain(text: &str, glossary: &[GlossaryTerm]) -> String {
    const ARTICLES: [&str; 3] = ["the", "a", "an"];
    const DETERMINERS: [&str; 12] =
        ["every", "each", "their", "your", "our", "this", "that", "my", "his", "her", "its", "any"];
    let mut out = text.to_string();
    for term in glossary {
        let mut positions = find_term(&out, &term.term);
        positions.reverse();
        for pos in positions {
            let end = pos + term.term.len();
            let plain_article = ARTICLES.iter().find(|a| term.plain.to_lowercase().starts_with(&format!("{a} ")));
            let before = out[..pos].trim_end_matches(' ');
            let prev_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + 1);
            let prev = &before[prev_start..];
            let (start, replacement) = match plain_article {
                Some(_) if ARTICLES.contains(&prev.to_lowercase().as_str()) => {
                    // Drop the text's own article; the plain words bring theirs.
                    let capital = prev.starts_with(char::is_uppercase);
                    let mut r = term.plain.clone();
                    if capital {
                        r.replace_range(..1, &r[..1].to_uppercase());
                    }
                    (prev_start, r)
                }
                Some(article) if DETERMINERS.contains(&prev.to_lowercase().as_str()) => {
                    (pos, term.plain[article.len() + 1..].to_string())
                }
                _ => (pos, term.plain.clone()),
            };
            out.replace_range(start..end, &replacement);
        }
    }
    out
}

/// Splits text into short sentences, one idea each: at sentence ends and at semicolons.
pub fn one_idea_each(text: &str) -> Vec<String> {
    sentences(text)
        .into_iter()
        .flat_map(|s| s.split(';').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect::<Vec<_>>())
        .map(|s| {
            let mut s = s;
            if let Some(first) = s.chars().next() {
                s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
            }
            if !s.ends_with(['.', '!', '?']) {
                s.push('.');
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Vec<GlossaryTerm> {
        glossary(&[])
    }

    #[test]
    fn builtin_glossary_parses_and_is_ordered_longest_first() {
        let all = g();
        assert!(all.len() > 30);
        let ehc = all.iter().position(|t| t.term == "EHC plan").unwrap();
        let la = all.iter().position(|t| t.term == "LA").unwrap();
        assert!(ehc < la);
    }

    #[test]
    fn glossary_wording_is_accurate_and_complete() {
        let all = builtin_glossary();
        let term = |t: &str| all.iter().find(|g| g.term == t).unwrap_or_else(|| panic!("{t} missing"));
        assert_eq!(term("SEND").expansion, "special educational needs and/or disabilities");
        assert!(!term("NHSE").plain.contains("check"), "NHS England does not inspect services");
        for t in ["CETR", "ILACS", "PEP", "DCS", "URN", "UPN", "ULN", "SEN2", "EHE", "WSoA", "area for priority action"]
        {
            assert!(!term(t).expansion.is_empty() && !term(t).plain.is_empty(), "{t}");
        }
        // One spelling of ASD, the SEN primary need code list's (checked against it in `checks::profile`).
        assert_eq!(term("ASD").expansion, "autistic spectrum disorder");
        // Each term once.
        let mut seen = std::collections::BTreeSet::new();
        assert!(all.iter().all(|t| seen.insert(t.term.as_str())));
    }

    #[test]
    fn unexplained_terms_and_unknown_acronyms_are_flagged() {
        let r = check("The ICB will fund more SALT. The XYZ panel meets monthly.", &g());
        assert!(
            r.issues
                .contains(&PlainIssue::Unexplained { term: "ICB".into(), expansion: "integrated care board".into() })
        );
        assert!(r.issues.contains(&PlainIssue::UnknownAcronym("XYZ".into())));
        let ok = check("The integrated care board (ICB) will fund more therapy.", &g());
        assert!(!ok.issues.iter().any(|i| matches!(i, PlainIssue::Unexplained { term, .. } if term == "ICB")));
    }

    #[test]
    fn acronyms_match_whole_words_only() {
        // "LA" inside "LAUNCH" or "place" is not the local authority.
        assert!(find_term("We LAUNCH a place", "LA").is_empty());
        assert_eq!(find_term("The LA, and the LA.", "LA").len(), 2);
        assert_eq!(find_term("Co-production matters", "co-production").len(), 1);
    }

    #[test]
    fn long_sentences_and_reading_ease() {
        let long = "word ".repeat(30) + ".";
        let r = check(&long, &g());
        assert!(matches!(r.issues[0], PlainIssue::LongSentence { words: 30, .. }));
        let easy = check("We will help you. You can tell us what you think.", &g());
        assert!(easy.reading_ease > 80.0, "{}", easy.reading_ease);
        assert_eq!(easy.sentences, 2);
        let hard = check(
            "Multi-agency commissioning arrangements necessitate comprehensive organisational reconfiguration.",
            &g(),
        );
        assert!(hard.reading_ease < 30.0, "{}", hard.reading_ease);
        assert_eq!(hard.ease_label(), "Difficult");
    }

    #[test]
    fn syllable_estimates() {
        assert_eq!(syllables("plan"), 1);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("education"), 4);
    }

    #[test]
    fn plain_words_replace_terms_and_ideas_split() {
        let text = "The LA will review every EHC plan; SENCOs get training.";
        let plain = to_plain(text, &g());
        assert_eq!(
            plain,
            "The council will review every plan that says what help a child or young person needs; SENCOs get training."
        );
        assert_eq!(
            to_plain("Ask for an EHC plan.", &g()),
            "Ask for a plan that says what help a child or young person needs."
        );
        assert_eq!(to_plain("Tell the PCF", &g()), "Tell the group of parents and carers who speak up for families");
        assert_eq!(
            one_idea_each("we will act; you will see it. Then more"),
            ["We will act.", "You will see it.", "Then more."]
        );
    }

    #[test]
    fn project_terms_override_builtin_ones() {
        let custom =
            GlossaryTerm { term: "LA".into(), expansion: "local authority".into(), plain: "Northdale Council".into() };
        assert_eq!(to_plain("Ask the LA.", &glossary(&[custom])), "Ask the Northdale Council.");
    }
}

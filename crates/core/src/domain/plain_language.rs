//! Plain-language help for writers: sentence length, reading ease, and acronyms or jargon used
//! without an explanation, from a glossary the partnership can extend. The easy-read export
//! uses the glossary's plain words.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
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
    // An empty or over-long term (only a damaged file holds one) could never be matched.
    let usable = |t: &&GlossaryTerm| !t.term.trim().is_empty() && t.term.chars().count() <= MAX_TERM_CHARS;
    let own: BTreeSet<&str> = extra.iter().filter(usable).map(|t| t.term.as_str()).collect();
    let mut all: Vec<GlossaryTerm> = extra.iter().filter(usable).cloned().collect();
    all.extend(builtin_glossary().iter().filter(|t| !own.contains(t.term.as_str())).cloned());
    // Longest first, so "EHC plan" is matched before a shorter term inside it.
    all.sort_by(|a, b| b.term.chars().count().cmp(&a.term.chars().count()).then(a.term.cmp(&b.term)));
    all.dedup_by(|a, b| a.term == b.term);
    all
}

fn is_acronym(term: &str) -> bool {
    term.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// The longest glossary term matched, in characters. A term is a word or a short phrase; a
/// longer one (only a damaged or hostile file could hold it) is never matched, which keeps
/// every text check linear in the text's length (each try compares at most this many chars).
pub const MAX_TERM_CHARS: usize = 200;

/// A letter of a term matches a letter of the text: exactly for acronyms, otherwise when their
/// lower cases agree. Comparing character by character means no lower-cased copy of the text
/// is ever indexed with the original's byte offsets ("İ" is 2 bytes, its lower case 3).
fn same_letter(text: char, term: char, exact: bool) -> bool {
    if text == term {
        true
    } else if exact {
        false
    } else if text.is_ascii() && term.is_ascii() {
        text.eq_ignore_ascii_case(&term)
    } else {
        text.to_lowercase().eq(term.to_lowercase())
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// A letter as the word index files it: its first lower-case character ("İ" under "i").
fn folded(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// Where words start in a text (byte offsets), by their first letter folded, found once and
/// shared by every term: a term is only tried where a word starts with its letter, so the
/// work grows with the text, not with the text times the glossary.
struct WordStarts(BTreeMap<char, Vec<usize>>);

impl WordStarts {
    fn new(text: &str) -> Self {
        let mut by_letter: BTreeMap<char, Vec<usize>> = BTreeMap::new();
        let mut prev: Option<char> = None;
        for (i, c) in text.char_indices() {
            if prev.is_none_or(|p| !is_word_char(p)) {
                by_letter.entry(folded(c)).or_default().push(i);
            }
            prev = Some(c);
        }
        Self(by_letter)
    }
}

/// Byte ranges of `text` (the original, never a changed copy) where `term` occurs as a whole
/// word (acronyms match case-sensitively). Empty and over-long terms match nothing.
pub fn term_ranges(text: &str, term: &str) -> Vec<Range<usize>> {
    ranges_at(text, &WordStarts::new(text), term)
}

fn ranges_at(text: &str, starts: &WordStarts, term: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = term.trim().chars().collect();
    let Some(&first) = needle.first() else { return Vec::new() };
    if needle.len() > MAX_TERM_CHARS {
        return Vec::new();
    }
    let Some(candidates) = starts.0.get(&folded(first)) else { return Vec::new() };
    let exact = is_acronym(term);
    let mut found = Vec::new();
    for &start in candidates {
        let mut end = start;
        let mut rest = text[start..].chars();
        let matched = needle.iter().all(|&n| match rest.next() {
            Some(t) if same_letter(t, n, exact) => {
                end += t.len_utf8();
                true
            }
            _ => false,
        });
        if matched && text[end..].chars().next().is_none_or(|c| !is_word_char(c)) {
            found.push(start..end);
        }
    }
    found
}

/// Byte positions where `term` occurs as a whole word.
#[cfg(test)]
fn find_term(text: &str, term: &str) -> Vec<usize> {
    term_ranges(text, term).into_iter().map(|r| r.start).collect()
}

/// Whether `text` uses `term` as a whole word.
pub fn mentions(text: &str, term: &str) -> bool {
    !term_ranges(text, term).is_empty()
}

/// The terms `text` uses, in glossary order, reading the text once. A term used only inside a
/// longer one ("EHC" in "EHC plan") is not counted: explaining "EHC plan" explains it.
pub fn terms_mentioned<'a>(text: &str, terms: impl IntoIterator<Item = &'a GlossaryTerm>) -> Vec<&'a GlossaryTerm> {
    let starts = WordStarts::new(text);
    let terms: Vec<&GlossaryTerm> = terms.into_iter().collect();
    // Every match as (start, end, term), widest first among those starting together.
    let mut all: Vec<(usize, usize, usize)> = terms
        .iter()
        .enumerate()
        .flat_map(|(i, t)| ranges_at(text, &starts, &t.term).into_iter().map(move |r| (r.start, r.end, i)))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut own = vec![false; terms.len()];
    // The earlier match reaching furthest: a match ending within it (and not the same span) is inside it.
    let mut widest: Option<(usize, usize)> = None;
    for &(start, end, i) in &all {
        if !widest.is_some_and(|(s, e)| e >= end && (s, e) != (start, end)) {
            own[i] = true;
        }
        if widest.is_none_or(|(_, e)| end > e) {
            widest = Some((start, end));
        }
    }
    terms.into_iter().zip(own).filter(|(_, own)| *own).map(|(t, _)| t).collect()
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

    /// The label and the number in words, for people who have never met a reading-ease score:
    /// "Fairly difficult: reading ease 55 out of 100, where higher is easier and plain English
    /// is 60 to 70. 3 sentences, 18 words each on average."
    pub fn summary(&self) -> String {
        let ease = self.reading_ease.clamp(0.0, 100.0);
        let advice = match self.reading_ease {
            e if e >= 60.0 => "",
            _ => " Shorter sentences and shorter words will make it easier for families to read.",
        };
        format!(
            "{}: reading ease {ease:.0} out of 100, where higher is easier and plain English is 60 to 70. {} sentence{}, {:.0} words each on average.{advice}",
            self.ease_label(),
            self.sentences,
            if self.sentences == 1 { "" } else { "s" },
            self.average_sentence_words
        )
    }
}

pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        let ends = matches!(ch, '.' | '!' | '?' | '\n') && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
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
    // Every step below is one pass over the text per glossary term, so a long text stays fast.
    let lower = text.to_lowercase();
    let starts = WordStarts::new(text);
    for term in glossary {
        if !ranges_at(text, &starts, &term.term).is_empty() && !lower.contains(&term.expansion.to_lowercase()) {
            issues.push(PlainIssue::Unexplained { term: term.term.clone(), expansion: term.expansion.clone() });
        }
    }
    let known: BTreeSet<&str> = glossary.iter().flat_map(|t| t.term.split_whitespace()).collect();
    let unknown: BTreeSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.len() >= 2
                && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && w.chars().any(|c| c.is_ascii_uppercase())
        })
        .filter(|w| !known.contains(w))
        .collect();
    issues.extend(unknown.into_iter().map(|w| PlainIssue::UnknownAcronym(w.to_string())));

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
    to_plain_keeping(text, glossary, &[])
}

/// Byte ranges already claimed, none overlapping, keyed by start.
#[derive(Default)]
struct Claimed(BTreeMap<usize, usize>);

impl Claimed {
    fn overlaps(&self, r: &Range<usize>) -> bool {
        // Ranges are disjoint, so only the last one starting before `r` ends can overlap it.
        self.0.range(..r.end).next_back().is_some_and(|(_, &end)| end > r.start)
    }

    /// Claims `r` unless part of it is already claimed.
    fn claim(&mut self, r: &Range<usize>) -> bool {
        let free = !self.overlaps(r);
        if free {
            self.0.insert(r.start, r.end);
        }
        free
    }
}

/// `s` with its first letter in capitals (which may be more than one character).
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Whether the words after a term go on naming something with it ("SEND board", "EHC plan
/// coordinators"): then the plain words cannot stand in for the term without garbling the
/// sentence ("the extra help with learning, or a disability board"), so the term is kept (and
/// explained under "Words to know"). Only a sentence end, punctuation or a short word that cannot
/// belong to a name lets the swap happen.
fn names_something(after: &str) -> bool {
    const ENDS_A_NAME: [&str; 62] = [
        "a", "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "before", "but", "by", "can",
        "could", "did", "do", "does", "during", "each", "every", "for", "from", "had", "has", "have", "if", "in",
        "into", "is", "it", "its", "may", "might", "more", "must", "next", "not", "now", "of", "on", "or", "our", "so",
        "should", "than", "that", "the", "their", "then", "they", "this", "to", "until", "was", "we", "were", "when",
        "which", "will", "with",
    ];
    let next = after.trim_start_matches([' ', '\u{a0}']);
    if next.len() < after.len() {
        let word: String = next.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'').collect();
        !word.is_empty() && !ENDS_A_NAME.contains(&word.to_lowercase().as_str())
    } else {
        // Straight after the term: punctuation or the end, never more of a name.
        false
    }
}

/// Like `to_plain`, but never inside one of the names in `keep` (partners, services, the area):
/// "Northdale Council SEND and Inclusion Service" stays as it is. Terms are whole words, the
/// longest first, and never inside another term that matched or inside plain words already
/// put in: each part of the original text is replaced at most once.
pub fn to_plain_keeping(text: &str, glossary: &[GlossaryTerm], keep: &[&str]) -> String {
    const ARTICLES: [&str; 3] = ["the", "a", "an"];
    const DETERMINERS: [&str; 12] =
        ["every", "each", "their", "your", "our", "this", "that", "my", "his", "her", "its", "any"];
    let mut claimed = Claimed::default();
    let starts = WordStarts::new(text);
    let mut names: Vec<&str> = keep.iter().copied().filter(|n| !n.trim().is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for name in names {
        for r in ranges_at(text, &starts, name) {
            claimed.claim(&r);
        }
    }
    let mut terms: Vec<&GlossaryTerm> = glossary.iter().collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.term.trim().chars().count()));
    let mut swaps: Vec<(Range<usize>, &GlossaryTerm)> = Vec::new();
    for term in terms {
        for r in ranges_at(text, &starts, &term.term) {
            // Claimed even when kept, so no shorter term is swapped inside it.
            if claimed.claim(&r) && !names_something(&text[r.end..]) {
                swaps.push((r, term));
            }
        }
    }
    swaps.sort_by_key(|(r, _)| r.start);

    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (r, term) in swaps {
        // The plain words' own article ("the council"), if they start with one.
        let plain = term.plain.trim();
        let plain_article =
            plain.split_once(' ').filter(|(first, _)| ARTICLES.iter().any(|a| first.eq_ignore_ascii_case(a)));
        // The word just before the term, within text not yet written out.
        let before = text[done..r.start].trim_end_matches(' ');
        let prev_start =
            before.char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
        let prev = &before[prev_start..];
        let prev_lower = prev.to_lowercase();
        let (start, replacement) = match plain_article {
            Some(_) if !prev.is_empty() && ARTICLES.contains(&prev_lower.as_str()) => {
                // Drop the text's own article; the plain words bring theirs.
                let capital = prev.starts_with(char::is_uppercase);
                (done + prev_start, if capital { capitalised(plain) } else { plain.to_string() })
            }
            Some((_, rest)) if DETERMINERS.contains(&prev_lower.as_str()) => (r.start, rest.to_string()),
            _ => (r.start, plain.to_string()),
        };
        out.push_str(&text[done..start]);
        out.push_str(&replacement);
        done = r.end;
    }
    out.push_str(&text[done..]);
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
    fn a_term_only_inside_a_longer_one_is_not_counted_as_used() {
        let terms = [
            GlossaryTerm { term: "EHC".into(), expansion: "education, health and care".into(), plain: String::new() },
            GlossaryTerm {
                term: "EHC plan".into(),
                expansion: "education, health and care plan".into(),
                plain: String::new(),
            },
        ];
        let used = |text: &str| terms_mentioned(text, &terms).into_iter().map(|t| t.term.as_str()).collect::<Vec<_>>();
        assert_eq!(used("Every EHC plan is reviewed."), ["EHC plan"]);
        assert_eq!(used("EHC co-ordinators check every EHC plan."), ["EHC", "EHC plan"]);
        assert_eq!(used("Nothing here."), Vec::<&str>::new());
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
        let said = hard.summary();
        assert!(
            said.starts_with("Difficult: reading ease ") && said.contains("out of 100, where higher is easier"),
            "{said}"
        );
        assert!(said.contains("Shorter sentences"), "{said}");
        let easy = check("We meet every month. Families tell us what works.", &[]);
        assert!(!easy.summary().contains("Shorter sentences"), "{}", easy.summary());
        assert!(easy.summary().contains("2 sentences"), "{}", easy.summary());
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
    fn a_term_naming_something_with_the_next_word_is_kept_not_garbled() {
        // "SEND board" is the board's name: swapping gave "the extra help with learning, or a
        // disability board". It stays, and "Words to know" explains it.
        assert_eq!(
            to_plain("Report gaps to the SEND board each term.", &g()),
            "Report gaps to the SEND board each term."
        );
        assert_eq!(to_plain("The LA team meets.", &g()), "The LA team meets.");
        // Followed by punctuation, the end or a word that cannot be part of a name, it is swapped.
        assert_eq!(to_plain("Ask the LA.", &g()), "Ask the council.");
        assert_eq!(to_plain("The LA will act", &g()), "The council will act");
        assert_eq!(to_plain("Ask the LA", &g()), "Ask the council");
    }

    #[test]
    fn project_terms_override_builtin_ones() {
        let custom =
            GlossaryTerm { term: "LA".into(), expansion: "local authority".into(), plain: "Northdale Council".into() };
        assert_eq!(to_plain("Ask the LA.", &glossary(&[custom])), "Ask the Northdale Council.");
    }

    /// Runs `f` on another thread and fails the test if it takes longer than `limit`.
    fn within<T: Send + 'static>(limit: std::time::Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(f()));
        receive.recv_timeout(limit).expect("finished in time")
    }

    /// Issue 15: "İ" lower-cases to 3 bytes, so indexing the lower-cased copy with positions
    /// found in it ran past the original ("range end index 20 out of range for slice of length 17").
    #[test]
    fn case_changing_letters_never_shift_positions() {
        let text = "İİİ The LA will review every EHC plan.";
        assert_eq!(find_term(text, "EHC plan"), [text.find("EHC").unwrap()]);
        assert_eq!(
            to_plain(text, &g()),
            "İİİ The council will review every plan that says what help a child or young person needs."
        );
        let custom = [GlossaryTerm { term: "İnclusion hub".into(), expansion: "x".into(), plain: "the hub".into() }];
        assert_eq!(to_plain("Ask the İNCLUSION HUB.", &glossary(&custom)), "Ask the hub.");
        for hostile in ["İ", "İİİİİİİİİİ SEND", "ẞ the la İ", "K\u{212a}elvin LA", "a\u{301}\u{301} EHC plan"]
        {
            let _ = check(hostile, &g());
            let _ = to_plain_keeping(hostile, &g(), &["İ SEND"]);
            let _ = one_idea_each(hostile);
        }
    }

    /// Issue 15: an empty glossary term (from a file) made the review page hang.
    #[test]
    fn an_empty_term_matches_nothing_and_terminates() {
        let limit = std::time::Duration::from_secs(20);
        let empty = vec![
            GlossaryTerm { term: "".into(), expansion: "".into(), plain: "x".into() },
            GlossaryTerm { term: "  ".into(), expansion: "y".into(), plain: "y".into() },
        ];
        let (plain, r) = within(limit, move || {
            let words = glossary(&empty);
            (to_plain("Ask the LA.", &words), check("Ask the LA.", &empty))
        });
        assert_eq!(plain, "Ask the council.");
        assert_eq!(r.words, 3);
        assert!(!mentions("anything", ""));
    }

    /// Issue 15: a 2 MB action text made the review page unresponsive. Every pass is linear;
    /// the limit is loose for a debug build (release takes a fraction of a second).
    #[test]
    fn a_two_megabyte_text_is_checked_quickly() {
        let text = "The LA and the ICB will review every EHC plan with SENCOs; XYZ İ. ".repeat(32_000);
        assert!(text.len() > 2_000_000);
        let started = std::time::Instant::now();
        let (r, plain) = within(std::time::Duration::from_secs(60), move || {
            let words = g();
            (check(&text, &words), to_plain(&text, &words))
        });
        assert!(r.words > 300_000 && plain.contains("The council"));
        eprintln!("2 MB checked and made plain in {:?}", started.elapsed());
    }

    /// Issue 15: "Northdale Council extra help with learning, or a disability and Inclusion
    /// Service". Names are kept, and plain words are never swapped again by a shorter term.
    #[test]
    fn names_and_longer_terms_are_never_garbled() {
        let name = "Northdale Council SEND and Inclusion Service";
        let text = "Northdale Council SEND and Inclusion Service will train every SENCO in SEND.";
        let plain = to_plain_keeping(text, &g(), &[name]);
        assert!(plain.starts_with(name), "{plain}");
        assert!(plain.ends_with("in extra help with learning, or a disability."), "{plain}");
        // A term whose plain words hold another term is replaced once, not twice.
        let custom = [
            GlossaryTerm { term: "SEND board".into(), expansion: "SEND board".into(), plain: "the SEND group".into() },
            GlossaryTerm { term: "group".into(), expansion: "group".into(), plain: "team".into() },
        ];
        assert_eq!(
            to_plain("Tell the SEND board and the group.", &glossary(&custom)),
            "Tell the SEND group and the team."
        );
        // "Tell the SEND board" is one term: the shorter "SEND" inside it is left alone.
        assert!(!to_plain("the SEND board", &glossary(&custom)).contains("extra help"));
    }
}

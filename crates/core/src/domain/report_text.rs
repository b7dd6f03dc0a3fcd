//! Recognising the inspection outcome in text pasted from a published report.
//!
//! Reports word the outcome sentences in several ways: "special educational needs and/or
//! disabilities (SEND) arrangements" or "arrangements", "disability" or "disabilities", "5" or
//! "five", "Ofsted and the CQC" or "Ofsted and Care Quality Commission (CQC)", "next full
//! reinspection" or "next full area SEND inspection", and sometimes typos ("Quality Care
//! Commission"). So both the pasted text and the edition's wording are reduced to comparable
//! words (numbers as digits, the SEND expansion and filler words dropped, the CQC's name in one
//! form), and the outcome statement is found by a loose alignment that forgives a few missing,
//! extra or mistyped words. When no statement is found, the sentences reports print after it (the
//! edition's `report_phrases`) decide.

use super::framework::Edition;

/// How the outcome was recognised, so the app can show its reasoning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognised {
    /// The outcome statement itself, matched loosely.
    Statement(u8),
    /// No statement, but sentences that reports print with this outcome.
    NextSteps(u8),
}

impl Recognised {
    pub fn outcome(self) -> u8 {
        match self {
            Self::Statement(n) | Self::NextSteps(n) => n,
        }
    }
}

const NUMBERS: [(&str, &str); 10] = [
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("eighteen", "18"),
    ("thirty", "30"),
    ("thirtyfive", "35"),
    ("fifty", "50"),
];

/// Words that vary between reports without changing the meaning.
const FILLER: [&str; 6] = ["the", "send", "area", "s", "approximately", "about"];

/// The comparable words of a text.
pub fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let mut raw: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| NUMBERS.iter().find(|(word, _)| *word == w).map_or_else(|| w.to_string(), |(_, d)| d.to_string()))
        .collect();
    // "special educational needs and/or disabilities (SEND)" → "SEND" (then dropped as filler).
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let at = |k: usize| raw.get(i + k).map(String::as_str);
        if at(0) == Some("special") && at(1) == Some("educational") && at(2).is_some_and(|w| w.starts_with("need")) {
            // Skip "special educational needs", then "and/or disability/disabilities" if present.
            let rest =
                if at(3) == Some("and") && at(4) == Some("or") && at(5).is_some_and(|w| w.starts_with("disabilit")) {
                    3
                } else if at(3) == Some("and") && at(4).is_some_and(|w| w.starts_with("disabilit")) {
                    2
                } else {
                    0
                };
            i += 3 + rest;
            continue;
        }
        // "Care Quality Commission", "Quality Care Commission" → "cqc".
        let cqc = matches!((at(0), at(1), at(2)), (Some("care"), Some("quality"), Some("commission")))
            || matches!((at(0), at(1), at(2)), (Some("quality"), Some("care"), Some("commission")));
        if cqc {
            out.push("cqc".into());
            i += 3;
            continue;
        }
        let w = std::mem::take(&mut raw[i]);
        i += 1;
        let w = if w == "reinspection" { "inspection".to_string() } else { w };
        if FILLER.contains(&w.as_str()) || out.last() == Some(&w) {
            continue;
        }
        out.push(w);
    }
    out
}

/// At most one edit (two for long words) between two words of 5 letters or more.
fn similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = a.len().min(b.len());
    if shorter < 5 {
        return false;
    }
    let allowed = if shorter >= 9 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    // Levenshtein distance, with adjacent swaps counted once (optimal string alignment).
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()] <= allowed
}

/// How much of `pattern` appears, in order and close together, somewhere in `text`: 1.0 when
/// every word does. A missing, extra or different word costs a little.
pub fn match_score(pattern: &[String], text: &[String]) -> f64 {
    if pattern.is_empty() || text.is_empty() {
        return 0.0;
    }
    // Semi-global alignment: the pattern must be used whole, the text may start and end anywhere.
    const HIT: i64 = 2;
    const MISS: i64 = -1;
    let m = pattern.len();
    let mut prev: Vec<i64> = (0..=m as i64).map(|i| i * MISS).collect();
    let mut best = prev[m];
    for t in text {
        let mut cur = vec![0i64; m + 1];
        for i in 1..=m {
            let diag = prev[i - 1] + if similar(&pattern[i - 1], t) { HIT } else { MISS };
            cur[i] = diag.max(prev[i] + MISS).max(cur[i - 1] + MISS);
        }
        best = best.max(cur[m]);
        prev = cur;
    }
    (best.max(0) as f64) / (HIT as f64 * m as f64)
}

/// A statement counts as found when this share of its words is.
const THRESHOLD: f64 = 0.75;
/// … and it scores this much better than any other outcome's statement.
const MARGIN: f64 = 0.08;
/// The next-step sentences are short and differ by a number ("5" or "3 years"), so they must
/// match almost whole (a mistyped long word still counts as matched).
const PHRASE_THRESHOLD: f64 = 0.9;

impl Edition {
    /// The outcome a pasted report text gives, if it can be told: the outcome statement found in
    /// it, or else the sentences reports print with an outcome (the highest such outcome,
    /// since outcome 3 reports also carry outcome 2's "within approximately 3 years").
    pub fn outcome_in_report_text(&self, text: &str) -> Option<Recognised> {
        let text = words(text);
        // Each outcome's best score: its whole statement, or its first sentence (¶38 and some
        // summaries print only that). The statements share most of their words, so the best must
        // also stand clear of the next: when every statement is there (the handbook's own list,
        // say), the text does not decide.
        let mut scores: Vec<(f64, u8)> = self
            .outcomes
            .iter()
            .map(|o| {
                let first = o.statement.split_inclusive(". ").next().unwrap_or(&o.statement);
                let score =
                    [o.statement.as_str(), first].iter().map(|s| match_score(&words(s), &text)).fold(0.0, f64::max);
                (score, o.number)
            })
            .collect();
        scores.sort_by(|a, b| b.0.total_cmp(&a.0));
        if let Some(&(best, number)) = scores.first()
            && best >= THRESHOLD
        {
            let second = scores.get(1).map_or(0.0, |s| s.0);
            return (best - second >= MARGIN).then_some(Recognised::Statement(number));
        }
        self.outcomes
            .iter()
            .filter(|o| o.report_phrases.iter().any(|p| match_score(&words(p), &text) >= PHRASE_THRESHOLD))
            .map(|o| o.number)
            .max()
            .map(Recognised::NextSteps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::{EditionId, edition};

    fn ed() -> &'static Edition {
        edition(&EditionId::current()).unwrap()
    }

    fn outcome(text: &str) -> Option<u8> {
        ed().outcome_in_report_text(text).map(Recognised::outcome)
    }

    #[test]
    fn the_exact_statements_are_recognised() {
        for o in &ed().outcomes {
            assert_eq!(ed().outcome_in_report_text(&o.statement), Some(Recognised::Statement(o.number)));
        }
    }

    #[test]
    fn report_wordings_and_typos_are_tolerated() {
        let one = "Inspection outcome\nThe local area partnership’s special educational needs and/or disabilities (SEND) \
                   arrangements typicaly lead to positive experiences and outcomes for children and young people with \
                   special educational needs and/or disability. The local area partnership is taking action where \
                   improvements are needed.\nThe next full area SEND inspection will be within approximately five years.";
        assert_eq!(outcome(one), Some(1));
        // ¶38 prints outcome 1 without "SEND".
        assert_eq!(
            outcome(
                "The local area partnership's arrangements typically lead to positive experiences and outcomes for children and young people with SEND."
            ),
            Some(1)
        );
        let two = "The local area partnership’s arrangements lead to inconsistant experiences and outcomes for children \
                   and young people with special educational needs and/or disabilities (SEND). The local area \
                   partnership must work jointly to make improvements.";
        assert_eq!(outcome(two), Some(2));
        let three = "There are widespread and/or systemic failings leading to significant concerns about the \
                     experiences and outcomes of children and young people with special educational needs and/or \
                     disabilities (SEND), which the local area partnership must address urgently.";
        assert_eq!(outcome(three), Some(3));
    }

    #[test]
    fn next_step_sentences_decide_when_the_statement_is_not_pasted() {
        let a = "Ofsted and Care Quality Commission (CQC) ask that the local area partnership updates and publishes its \
                 strategic plan. The next full reinspection will be within approximately 5 years.";
        assert_eq!(ed().outcome_in_report_text(a), Some(Recognised::NextSteps(1)));
        let b = "Ofsted and the Quality Care Commission (CQC) ask that the local area partnership updates and publishes \
                 its strategic plan. The next full area SEND inspection will be within approximately three years.";
        assert_eq!(outcome(b), Some(2));
        let c = "HMCI requires the local area partnership to prepare and submit a priority action plan (area SEND) to \
                 address the identified areas for priority action. A monitoring inspection will be carried out within \
                 approximately 18 months. The next full reinspection will be within approximately 3 years.";
        assert_eq!(outcome(c), Some(3));
    }

    #[test]
    fn unrelated_or_undecided_text_gives_no_outcome() {
        assert_eq!(outcome("Children and young people with SEND enjoy the youth club."), None);
        assert_eq!(outcome(""), None);
        let all: Vec<&str> = ed().outcomes.iter().map(|o| o.statement.as_str()).collect();
        assert_eq!(outcome(&all.join(" ")), None, "all three statements: the text does not decide");
    }

    #[test]
    fn words_fold_the_variants_together() {
        assert_eq!(words("Ofsted and the CQC"), words("Ofsted and Care Quality Commission (CQC)"));
        assert_eq!(words("within 5 years"), words("within five years"));
        assert_eq!(words("SEND arrangements"), words("arrangements"));
        assert_eq!(words("next full reinspection"), words("next full area SEND inspection"));
        assert!(similar("inconsistent", "inconsistant") && similar("typically", "typicaly"));
        assert!(!similar("positive", "negative") && !similar("and", "any"));
    }
}

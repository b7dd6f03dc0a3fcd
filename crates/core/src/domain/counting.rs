//! Counts as people read them: thousands separated by commas ("149,000", as GOV.UK writes
//! numbers) and the noun agreeing with the number ("1 warning", "2 queries").

/// 40000 → "40,000".
pub fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// "1 error", "149,000 errors": `one` for exactly one, else `many`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", with_commas(n), if n == 1 { one } else { many })
}

/// The usual nouns of a check's counts.
pub fn errors(n: usize) -> String {
    count(n, "error", "errors")
}

pub fn queries(n: usize) -> String {
    count(n, "query", "queries")
}

pub fn warnings(n: usize) -> String {
    count(n, "warning", "warnings")
}

pub fn rows(n: usize) -> String {
    count(n, "row", "rows")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_commas_and_agree() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(40_000), "40,000");
        assert_eq!(with_commas(1_048_576), "1,048,576");
        assert_eq!(warnings(1), "1 warning");
        assert_eq!(warnings(0), "0 warnings");
        assert_eq!(queries(1), "1 query");
        assert_eq!(queries(149_000), "149,000 queries");
        assert_eq!(errors(2), "2 errors");
    }
}

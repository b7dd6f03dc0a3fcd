//! Charts as inline SVG markup, each with a title, a sentence saying what it shows and its data
//! as a table, so nobody needs the picture to get the facts. Every bar and line is labelled in
//! words; colour only repeats them. Drawn by hand: a charting crate would add to the wasm for
//! two simple chart kinds.

use chrono::NaiveDate;

use crate::checks::Severity;
use crate::checks::groups::RuleTotal;
use crate::domain::calendar::long_date;
use crate::domain::counting::{count, with_commas};
use crate::domain::plan::{Action, ActionStatus, Measure};
use crate::write::xml::escape;

/// One chart: what the screen and the web exports show, the SVG and its data side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    /// One or two sentences saying what the chart shows.
    pub summary: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// `<svg role="img" aria-label=…>` markup; every text in it is escaped.
    pub svg: String,
}

// Colours with at least 3:1 contrast on white (WCAG non-text contrast); text is near-black.
const INK: &str = "#0b0c0c";
const GRID: &str = "#505a5f";

fn status_colour(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "#505a5f",
        ActionStatus::OnTrack => "#1d70b8",
        ActionStatus::AtRisk => "#8f4a00",
        ActionStatus::OffTrack => "#b10e1e",
        ActionStatus::Done => "#00703c",
    }
}

fn svg_open(width: u32, height: u32, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart__svg\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"14\">",
        escape(label)
    )
}

/// How many actions stand at each status on `as_at`.
pub fn status_counts(actions: &[&Action], as_at: NaiveDate) -> Vec<(ActionStatus, usize)> {
    ActionStatus::ALL.iter().map(|s| (*s, actions.iter().filter(|a| a.status(as_at) == *s).count())).collect()
}

/// One bar: its label, its count and its colour.
struct Bar<'a> {
    label: &'a str,
    count: usize,
    colour: &'static str,
}

/// Horizontal bars, each labelled with its name and its count in words and digits.
fn bars_svg(title: &str, bars: &[Bar<'_>]) -> String {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0);
    // Room for the longest label at about 8 px a character.
    let label_w = (bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(0) as u32 * 8 + 16).clamp(60, 220);
    let (bar_w, row_h) = (240u32, 30u32);
    let height = row_h * bars.len() as u32 + 10;
    let mut svg = svg_open(label_w + bar_w + 70, height, title);
    for (i, bar) in bars.iter().enumerate() {
        let y = 5 + row_h * i as u32;
        let w = bar_length(bar.count, max, bar_w);
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            label_w - 8,
            y + 19,
            escape(bar.label)
        ));
        if w > 0 {
            svg.push_str(&format!(
                "<rect x=\"{label_w}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\"/>",
                y + 4,
                row_h - 8,
                bar.colour
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>",
            label_w + w + 6,
            y + 19,
            with_commas(bar.count)
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{label_w}\" y1=\"2\" x2=\"{label_w}\" y2=\"{}\" stroke=\"{GRID}\"/></svg>",
        height - 2
    ));
    svg
}

/// A bar's length out of `full` for `count` against the largest `max`: at least 1 for any
/// count above 0, so one finding beside 149,000 still shows.
pub fn bar_length(count: usize, max: usize, full: u32) -> u32 {
    if count == 0 || max == 0 {
        return 0;
    }
    let length = (count as f64 / max as f64 * f64::from(full)).round() as u32;
    length.clamp(1, full)
}

/// A bar per status, each labelled with its name and count.
pub fn status_chart(actions: &[&Action], as_at: NaiveDate) -> Chart {
    let counts = status_counts(actions, as_at);
    let title = format!("Actions by status on {}", long_date(as_at));
    let parts: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {}", s.label().to_lowercase())).collect();
    let summary = if actions.is_empty() {
        "There are no actions in the plan yet.".to_string()
    } else {
        format!("Of {}: {}.", count(actions.len(), "action", "actions"), parts.join(", "))
    };
    let bars: Vec<Bar<'_>> =
        counts.iter().map(|(s, n)| Bar { label: s.label(), count: *n, colour: status_colour(*s) }).collect();
    Chart {
        svg: bars_svg(&title, &bars),
        title,
        summary,
        header: vec!["Status".into(), "Actions".into()],
        rows: counts.iter().map(|(s, n)| vec![s.label().to_string(), n.to_string()]).collect(),
    }
}

/// Annex A findings by rule, the most first, each bar coloured by the rule's most serious
/// severity (and the severity said in the table).
pub fn findings_chart(totals: &[RuleTotal]) -> Chart {
    let title = "Findings by rule".to_string();
    let summary = match totals.first() {
        None => "No findings.".to_string(),
        Some(top) => format!(
            "{} found problems. The most common is {} ({}).",
            count(totals.len(), "rule", "rules"),
            top.rule,
            top.severity.count(top.count)
        ),
    };
    let colour = |s: Severity| match s {
        Severity::Error => "#b10e1e",
        Severity::Query => "#8f4a00",
        Severity::Warning => "#505a5f",
    };
    let bars: Vec<Bar<'_>> =
        totals.iter().map(|t| Bar { label: &t.rule, count: t.count, colour: colour(t.severity) }).collect();
    Chart {
        svg: bars_svg(&title, &bars),
        title,
        summary,
        header: vec!["Rule".into(), "Most serious".into(), "Findings".into()],
        rows: totals.iter().map(|t| vec![t.rule.clone(), t.severity.label().into(), with_commas(t.count)]).collect(),
    }
}

/// A number as typed ("62", "71%", "1,200"), if it is one.
pub fn number(text: &str) -> Option<f64> {
    let cleaned: String = text.trim().trim_end_matches('%').chars().filter(|c| *c != ',').collect();
    cleaned.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A measure's values up to `as_at` as dots joined by a line, against dashed baseline and
/// target lines labelled in words. Values that are not numbers stay in the table only.
pub fn measure_chart(measure: &Measure, as_at: NaiveDate) -> Chart {
    let name = if measure.name.trim().is_empty() { "Unnamed measure" } else { measure.name.trim() };
    let title = format!("{name}: values over time");
    let values: Vec<_> = measure.values.iter().filter(|v| v.on <= as_at).collect();
    let points: Vec<(NaiveDate, f64)> = values.iter().filter_map(|v| Some((v.on, number(&v.value)?))).collect();
    let (baseline, target) = (number(&measure.baseline), number(&measure.target));
    let mut summary = match values.last() {
        None => "No values recorded yet.".to_string(),
        Some(last) => format!(
            "{} from {} to {}; the latest is {} on {}.",
            count(values.len(), "value", "values"),
            long_date(values[0].on),
            long_date(last.on),
            last.value.trim(),
            long_date(last.on)
        ),
    };
    if !measure.baseline.trim().is_empty() || !measure.target.trim().is_empty() {
        let or_none = |s: &str| if s.trim().is_empty() { "not set".to_string() } else { s.trim().to_string() };
        summary.push_str(&format!(" Baseline {}, target {}.", or_none(&measure.baseline), or_none(&measure.target)));
    }
    if let (Some(b), Some(t), Some(&(_, latest))) = (baseline, target, points.last()) {
        summary.push_str(if (latest - t).abs() < (b - t).abs() {
            " It is closer to the target than the baseline was."
        } else {
            " It is no closer to the target than the baseline was."
        });
    }
    let skipped = values.len() - points.len();
    if skipped > 0 {
        summary.push_str(&format!(" {} not a number, so not drawn.", count(skipped, "value is", "values are")));
    }

    let (w, h, left, right, top, bottom) = (420.0, 220.0, 50.0, 100.0, 15.0, 35.0);
    let mut svg = svg_open(w as u32, h as u32, &title);
    let all: Vec<f64> = points.iter().map(|p| p.1).chain(baseline).chain(target).collect();
    if !all.is_empty() {
        let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if (hi - lo).abs() < f64::EPSILON { (lo - 1.0, hi + 1.0) } else { (lo, hi) };
        let y = |v: f64| top + (hi - v) / (hi - lo) * (h - top - bottom);
        let (first, last) = match (points.first(), points.last()) {
            (Some(f), Some(l)) => (f.0, l.0),
            _ => (as_at, as_at),
        };
        let span = (last - first).num_days().max(1) as f64;
        let x = |d: NaiveDate| left + (d - first).num_days() as f64 / span * (w - left - right);
        svg.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\" stroke=\"{GRID}\"/>\
             <line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>",
            h - bottom,
            h - bottom,
            w - right,
            h - bottom
        ));
        for (v, anchor_y) in [(hi, y(hi) + 5.0), (lo, y(lo) + 5.0)] {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{anchor_y:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
                left - 6.0,
                short_number(v)
            ));
        }
        for (label, value, dash) in [("Baseline", baseline, "6 4"), ("Target", target, "2 3")] {
            if let Some(v) = value {
                svg.push_str(&format!(
                    "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"{GRID}\" stroke-width=\"2\" \
                     stroke-dasharray=\"{dash}\"/><text x=\"{2}\" y=\"{3:.1}\" fill=\"{INK}\">{label} {4}</text>",
                    y(v),
                    w - right,
                    w - right + 4.0,
                    y(v) + 5.0,
                    short_number(v)
                ));
            }
        }
        if !points.is_empty() {
            let path: Vec<String> = points.iter().map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v))).collect();
            svg.push_str(&format!(
                "<polyline points=\"{}\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\"/>",
                path.join(" ")
            ));
            for (d, v) in &points {
                svg.push_str(&format!(
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#1d70b8\" stroke=\"{INK}\"/>",
                    x(*d),
                    y(*v)
                ));
            }
            let month = |d: NaiveDate| d.format("%b %Y").to_string();
            svg.push_str(&format!(
                "<text x=\"{left}\" y=\"{:.1}\" fill=\"{INK}\">{}</text>",
                h - bottom + 20.0,
                month(first)
            ));
            if last != first {
                svg.push_str(&format!(
                    "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
                    w - right,
                    h - bottom + 20.0,
                    month(last)
                ));
            }
        }
    } else {
        svg.push_str(&format!("<text x=\"{left}\" y=\"{}\" fill=\"{INK}\">No values to draw yet</text>", h / 2.0));
    }
    svg.push_str("</svg>");
    Chart {
        title,
        summary,
        header: vec!["Date".into(), "Value".into()],
        rows: values.iter().map(|v| vec![long_date(v.on), v.value.trim().to_string()]).collect(),
        svg,
    }
}

fn short_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::example::example_project;
    use crate::domain::plan::MeasureValue;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn bars_always_show_a_count_above_zero() {
        assert_eq!(bar_length(249, 249, 300), 300);
        assert_eq!(bar_length(1, 149_000, 300), 1, "a single finding still shows");
        assert_eq!(bar_length(0, 149_000, 300), 0);
        assert_eq!(bar_length(125, 250, 300), 150);
    }

    #[test]
    fn findings_chart_names_the_commonest_rule_with_its_count_and_severity() {
        let totals = vec![
            RuleTotal { rule: "UPN-DUPLICATE".into(), severity: Severity::Error, count: 19_999 },
            RuleTotal { rule: "VALUE-BLANK".into(), severity: Severity::Query, count: 1 },
        ];
        let chart = findings_chart(&totals);
        assert_eq!(chart.summary, "2 rules found problems. The most common is UPN-DUPLICATE (19,999 errors).");
        assert_eq!(chart.rows[0], ["UPN-DUPLICATE", "Error", "19,999"]);
        assert!(chart.svg.contains(">19,999</text>") && chart.svg.contains(">VALUE-BLANK</text>"));
        assert_eq!(chart.svg.matches("<rect").count(), 2, "the single query still has a bar");
        assert_eq!(findings_chart(&[]).summary, "No findings.");
    }

    #[test]
    fn status_chart_counts_every_status_in_words_and_table() {
        let p = example_project();
        let actions: Vec<&Action> = p.plan.actions.iter().collect();
        let chart = status_chart(&actions, day("2027-05-01"));
        assert_eq!(chart.summary, "Of 4 actions: 0 not started, 1 on track, 0 at risk, 1 off track, 2 done.");
        assert_eq!(chart.rows[3], ["Off track", "1"]);
        assert!(chart.svg.starts_with("<svg") && chart.svg.contains("role=\"img\""));
        assert!(chart.svg.contains("aria-label=\"Actions by status on Saturday 1 May 2027\""));
        // Each bar is named in words, not only by colour.
        for status in ActionStatus::ALL {
            assert!(chart.svg.contains(&format!(">{}</text>", status.label())), "{status:?}");
        }
        assert_eq!(status_chart(&[], day("2027-05-01")).summary, "There are no actions in the plan yet.");
    }

    #[test]
    fn measure_chart_reads_values_to_the_date_and_says_which_way_it_moved() {
        let p = example_project();
        let wait = &p.plan.actions[0].measures[0];
        let chart = measure_chart(wait, day("2027-10-31"));
        assert_eq!(chart.rows.len(), 12);
        assert!(chart.summary.contains("the latest is 33 on Thursday 28 October 2027"), "{}", chart.summary);
        assert!(chart.summary.contains("Baseline 62, target 26. It is closer to the target"), "{}", chart.summary);
        assert!(chart.svg.contains(">Target 26</text>") && chart.svg.contains(">Baseline 62</text>"));
        let early = measure_chart(wait, day("2027-04-30"));
        assert!(early.summary.contains("latest is 64") && early.summary.contains("no closer"), "{}", early.summary);
        assert_eq!(early.svg.matches("<circle").count(), 6);
    }

    #[test]
    fn measure_chart_escapes_names_and_keeps_words_out_of_the_drawing() {
        let measure = Measure {
            name: "<b>\"Visits\"</b> & more".into(),
            baseline: "10%".into(),
            target: String::new(),
            values: vec![
                MeasureValue { id: Default::default(), on: day("2027-01-01"), value: "12%".into() },
                MeasureValue { id: Default::default(), on: day("2027-02-01"), value: "about half".into() },
            ],
            ..Default::default()
        };
        let chart = measure_chart(&measure, day("2027-03-01"));
        assert!(!chart.svg.contains("<b>") && chart.svg.contains("&lt;b&gt;&quot;Visits&quot;"));
        assert!(chart.summary.contains("1 value is not a number"), "{}", chart.summary);
        assert!(chart.summary.contains("Baseline 10%, target not set."), "{}", chart.summary);
        assert_eq!(chart.svg.matches("<circle").count(), 1);
        assert_eq!(chart.rows[1], ["Monday 1 February 2027", "about half"]);
        let empty = measure_chart(&Measure::default(), day("2027-03-01"));
        assert_eq!(empty.summary, "No values recorded yet.");
        assert!(empty.svg.contains("No values to draw yet"));
    }
}

//! Charts as inline SVG markup, each with a title, a sentence saying what it shows and its data
//! as a table, so nobody needs the picture to get the facts. Every bar and line is labelled in
//! words; colour only repeats them. Drawn by hand: each chart is a few rectangles and texts,
//! which a charting crate would bring a layout engine into the wasm for. Each is at most 360
//! units wide where it can be, so it scales to a phone's width with its text still readable.

use chrono::{Datelike, Months, NaiveDate};

use crate::checks::Severity;
use crate::checks::groups::RuleTotal;
use crate::domain::calendar::long_date;
use crate::domain::counting::{count, with_commas};
use crate::domain::plan::{Action, ActionStatus, Measure};
use crate::domain::project::Project;
use crate::domain::sef::{Coverage, PositionLevel, PositionState, coproduction_matrix, describe_position};
use crate::domain::timeline::{DateKind, TimelineRow};
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

/// Where a measure's latest value stands between its baseline and target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// At the target or past it, on the far side from the baseline.
    Reached,
    Closer,
    NoCloser,
}

fn reading(baseline: f64, target: f64, latest: f64) -> Reading {
    if baseline != target && (latest - target) * (baseline - target) <= 0.0 {
        Reading::Reached
    } else if (latest - target).abs() < (baseline - target).abs() {
        Reading::Closer
    } else {
        Reading::NoCloser
    }
}

/// The lowest and highest of `values`, a unit apart at least so a flat line still has a scale.
fn value_range(values: &[f64]) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if (hi - lo).abs() < f64::EPSILON { (lo - 1.0, hi + 1.0) } else { (lo, hi) }
}

/// A measure's baseline and target as dashed lines across the plot, each labelled at its end.
fn reference_lines(
    svg: &mut String,
    (from, to): (f64, f64),
    y: &dyn Fn(f64) -> f64,
    [baseline, target]: [Option<f64>; 2],
    (font, lift): (&str, f64),
) {
    for (label, value, dash) in [("Baseline", baseline, "6 4"), ("Target", target, "2 3")] {
        if let Some(v) = value {
            svg.push_str(&format!(
                "<line x1=\"{from}\" y1=\"{0:.1}\" x2=\"{to}\" y2=\"{0:.1}\" stroke=\"{GRID}\" stroke-width=\"2\" \
                 stroke-dasharray=\"{dash}\"/><text x=\"{1}\" y=\"{2:.1}\" fill=\"{INK}\"{font}>{label} {3}</text>",
                y(v),
                to + 4.0,
                y(v) + lift,
                short_number(v)
            ));
        }
    }
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
        Some(only) if values.len() == 1 => format!("1 value so far: {} on {}.", only.value.trim(), long_date(only.on)),
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
        summary.push_str(match reading(b, t, latest) {
            Reading::Reached => " It has reached the target.",
            Reading::Closer => " It is closer to the target than the baseline was.",
            Reading::NoCloser => " It is no closer to the target than the baseline was.",
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
        let (lo, hi) = value_range(&all);
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
        reference_lines(&mut svg, (left, w - right), &y, [baseline, target], ("", 5.0));
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

/// "1 on track, 1 off track and 2 done": the statuses with any actions, in the usual order.
fn status_list(counts: &[(ActionStatus, usize)]) -> String {
    let parts: Vec<String> =
        counts.iter().filter(|(_, n)| *n > 0).map(|(s, n)| format!("{n} {}", s.label().to_lowercase())).collect();
    and_list(&parts, "no actions")
}

/// "a", "a and b", "a, b and c"; `none` when empty.
fn and_list(parts: &[String], none: &str) -> String {
    match parts {
        [] => none.to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The last day of `date`'s month, or `cap` if that is earlier.
fn month_end(date: NaiveDate, cap: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    let end = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(date);
    end.min(cap)
}

/// The dates the status over time is counted on: each month's end from the month of the plan's
/// first status to `as_at` (the last point is `as_at` itself), every `step` months counting
/// back from `as_at` so that at most `max_points` remain.
pub fn status_points(actions: &[&Action], as_at: NaiveDate, max_points: usize) -> Vec<NaiveDate> {
    let Some(first) = actions.iter().flat_map(|a| a.statuses.iter().map(|s| s.on)).filter(|d| *d <= as_at).min() else {
        return Vec::new();
    };
    let mut months = Vec::new();
    let mut month = first.with_day(1).unwrap_or(first);
    while month <= as_at {
        months.push(month_end(month, as_at));
        let Some(next) = month.checked_add_months(Months::new(1)) else { break };
        month = next;
    }
    let step = months.len().div_ceil(max_points.max(1)).max(1);
    let mut points: Vec<NaiveDate> = months.iter().rev().step_by(step).copied().collect();
    points.reverse();
    points
}

fn short_month(date: NaiveDate) -> String {
    date.format("%b %Y").to_string()
}

/// How many actions stood at each status at the end of each month (or every few months, for at
/// most `max_points` rows), from the plan's first status to `as_at`.
pub fn status_over_time_chart(actions: &[&Action], as_at: NaiveDate, max_points: usize, by_status: bool) -> Chart {
    status_over_time_on(actions, &status_points(actions, as_at, max_points), by_status)
}

/// A point's name in a table: the month for a month's end, else the day.
fn point_label(date: NaiveDate) -> String {
    if date.succ_opt().is_some_and(|next| next.day() == 1) {
        short_month(date)
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// How many actions stood at each status on each of `points`: a stacked bar each, each part
/// labelled with its count (and its status when it fits), with a key. The table has a row a
/// date, or with `by_status` a row a status and a column a date (narrow, for papers).
pub fn status_over_time_on(actions: &[&Action], points: &[NaiveDate], by_status: bool) -> Chart {
    let counts: Vec<Vec<(ActionStatus, usize)>> = points.iter().map(|d| status_counts(actions, *d)).collect();
    let title = "Actions by status over time".to_string();
    let summary = match (points.first(), points.last(), counts.first(), counts.last()) {
        _ if actions.is_empty() => "There are no actions in the plan yet.".to_string(),
        (Some(first), Some(last), Some(from), Some(to)) if points.len() > 1 => format!(
            "Of {}, counted on {}: on {}, {}; on {}, {}.",
            count(actions.len(), "action", "actions"),
            count(points.len(), "date", "dates"),
            long_date(*first),
            status_list(from),
            long_date(*last),
            status_list(to),
        ),
        (Some(only), _, Some(now), _) => format!(
            "Of {}, counted on 1 date: on {}, {}.",
            count(actions.len(), "action", "actions"),
            long_date(*only),
            status_list(now)
        ),
        _ => "No action has a status yet, so there is nothing to show over time.".to_string(),
    };
    let (header, rows) = if by_status {
        let mut header = vec!["Status".to_string()];
        header.extend(points.iter().map(|d| point_label(*d)));
        let rows = ActionStatus::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut row = vec![s.label().to_string()];
                row.extend(counts.iter().map(|c| c[i].1.to_string()));
                row
            })
            .collect();
        (header, if points.is_empty() { Vec::new() } else { rows })
    } else {
        let mut header = vec!["Date".to_string()];
        header.extend(ActionStatus::ALL.iter().map(|s| s.label().to_string()));
        let rows = points
            .iter()
            .zip(&counts)
            .map(|(d, c)| {
                let mut row = vec![point_label(*d)];
                row.extend(c.iter().map(|(_, n)| n.to_string()));
                row
            })
            .collect();
        (header, rows)
    };

    let (w, label_w, bar_w, row_h, key_h) = (360u32, 74u32, 280u32, 28u32, 52u32);
    let height = key_h + row_h * points.len().max(1) as u32 + 6;
    let mut svg = svg_open(w, height, &title);
    // The key: each status's colour beside its name, in the order the parts are stacked.
    for (i, status) in ActionStatus::ALL.iter().enumerate() {
        let (x, y) = (4 + (i as u32 % 3) * 118, 4 + (i as u32 / 3) * 22);
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>",
            status_colour(*status),
            x + 19,
            y + 12,
            status.label()
        ));
    }
    if points.is_empty() {
        svg.push_str(&format!("<text x=\"4\" y=\"{}\" fill=\"{INK}\">No statuses recorded yet</text>", key_h + 18));
    }
    let total = actions.len().max(1);
    for (n, (date, c)) in points.iter().zip(&counts).enumerate() {
        let y = key_h + row_h * n as u32;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            label_w - 8,
            y + 19,
            point_label(*date)
        ));
        let mut x = label_w;
        for (status, count) in c.iter().filter(|(_, n)| *n > 0) {
            let part = (*count as f64 / total as f64 * f64::from(bar_w)).round().max(1.0) as u32;
            svg.push_str(&format!(
                "<rect x=\"{x}\" y=\"{}\" width=\"{part}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\"/>",
                y + 3,
                row_h - 6,
                status_colour(*status)
            ));
            // The status in words where it fits, else the count alone where that fits.
            let words = format!("{} {}", with_commas(*count), status.label().to_lowercase());
            let label = [words, with_commas(*count)].into_iter().find(|t| t.chars().count() as u32 * 8 + 6 <= part);
            if let Some(label) = label {
                svg.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" fill=\"#ffffff\">{}</text>",
                    x + 4,
                    y + 19,
                    escape(&label)
                ));
            }
            x += part;
        }
    }
    svg.push_str("</svg>");
    Chart { title, summary, header, rows, svg }
}

/// How many month ends the plan's status over time shows: three years of a plan.
pub const PLAN_MONTHS: usize = 36;

/// Measures with values up to which each gets its own chart; above it they share one chart (a
/// panel each, at `MEASURE_POINTS` dates), so a plan of 50 measures does not draw 50 charts
/// (about 1,500 elements on the plan page). Each measure's own chart is on its action's page.
pub const MEASURE_CHARTS_EACH: usize = 12;
const MEASURE_POINTS: usize = 4;

/// The plan's delivery charts, as the plan page and the plan export show them: the status
/// today, the status each month, and the measures with values.
pub fn delivery_charts(actions: &[&Action], today: NaiveDate) -> Vec<Chart> {
    let mut charts = vec![status_chart(actions, today), status_over_time_chart(actions, today, PLAN_MONTHS, false)];
    let measures: Vec<&Measure> =
        actions.iter().flat_map(|a| a.measures.iter()).filter(|m| !m.values.is_empty()).collect();
    if measures.len() > MEASURE_CHARTS_EACH {
        let mut points = status_points(actions, today, MEASURE_POINTS);
        if points.is_empty() {
            points.push(today);
        }
        charts.push(measures_chart(&measures, &points));
    } else {
        charts.extend(measures.iter().map(|m| measure_chart(m, today)));
    }
    charts
}

/// Several measures for a board paper: each measure's latest value at each of `points` (the
/// dates the status over time is counted on) as a small line against its dashed baseline and
/// dotted target, every point labelled with its value. The table has the same values, a cell a
/// measure, with the baseline and the target.
pub fn measures_chart(measures: &[&Measure], points: &[NaiveDate]) -> Chart {
    let title = "Impact measures against baseline and target".to_string();
    let name =
        |m: &Measure| if m.name.trim().is_empty() { "Unnamed measure".to_string() } else { m.name.trim().to_string() };
    fn at<'m>(m: &'m Measure, points: &[NaiveDate]) -> Vec<(NaiveDate, Option<&'m str>)> {
        points.iter().map(|d| (*d, m.latest(*d).map(|v| v.value.trim()))).collect()
    }
    let readings: Vec<Reading> = measures
        .iter()
        .filter_map(|m| {
            let latest = points.last().and_then(|d| m.latest(*d)).and_then(|v| number(&v.value))?;
            Some(reading(number(&m.baseline)?, number(&m.target)?, latest))
        })
        .collect();
    let of = |r: Reading| readings.iter().filter(|x| **x == r).count();
    let summary = if measures.is_empty() {
        "No measures recorded yet.".to_string()
    } else {
        format!(
            "{}; of the {} with a number for baseline, target and latest value, {} reached the target, {} closer to it than the baseline was and {} no closer.",
            count(measures.len(), "measure", "measures"),
            with_commas(readings.len()),
            count(of(Reading::Reached), "has", "have"),
            count(of(Reading::Closer), "is", "are"),
            count(of(Reading::NoCloser), "is", "are"),
        )
    };
    let (w, panel_h, left, right) = (360.0, 96.0, 8.0, 92.0);
    let mut svg = svg_open(w as u32, (panel_h * measures.len().max(1) as f64) as u32, &title);
    if measures.is_empty() {
        svg.push_str(&format!("<text x=\"4\" y=\"20\" fill=\"{INK}\">No measures recorded yet</text>"));
    }
    for (n, m) in measures.iter().enumerate() {
        let top = panel_h * n as f64;
        let full = name(m);
        let short: String = full.chars().take(44).collect();
        let short = if full.chars().count() > 44 { format!("{}\u{2026}", short.trim_end()) } else { short };
        svg.push_str(&format!(
            "<text x=\"4\" y=\"{:.1}\" fill=\"{INK}\" font-weight=\"bold\">{}</text>",
            top + 16.0,
            escape(&short)
        ));
        let values: Vec<(usize, f64, &str)> =
            at(m, points).iter().enumerate().filter_map(|(i, (_, v))| Some((i, number((*v)?)?, (*v)?))).collect();
        let (baseline, target) = (number(&m.baseline), number(&m.target));
        let all: Vec<f64> = values.iter().map(|v| v.1).chain(baseline).chain(target).collect();
        if all.is_empty() {
            svg.push_str(&format!("<text x=\"4\" y=\"{:.1}\" fill=\"{INK}\">No values to draw yet</text>", top + 50.0));
            continue;
        }
        let (lo, hi) = value_range(&all);
        let (plot_top, plot_h) = (top + 34.0, 44.0);
        let y = |v: f64| plot_top + (hi - v) / (hi - lo) * plot_h;
        let slots = points.len().max(2) as f64 - 1.0;
        let x = |i: usize| left + 16.0 + i as f64 / slots * (w - left - right - 32.0);
        reference_lines(&mut svg, (left, w - right), &y, [baseline, target], (" font-size=\"13\"", 4.0));
        let path: Vec<String> = values.iter().map(|(i, v, _)| format!("{:.1},{:.1}", x(*i), y(*v))).collect();
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\"/>",
            path.join(" ")
        ));
        for (i, v, text) in &values {
            svg.push_str(&format!(
                "<circle cx=\"{0:.1}\" cy=\"{1:.1}\" r=\"4\" fill=\"#1d70b8\" stroke=\"{INK}\"/>\
                 <text x=\"{0:.1}\" y=\"{2:.1}\" text-anchor=\"middle\" fill=\"{INK}\" font-size=\"13\">{3}</text>",
                x(*i),
                y(*v),
                if y(*v) - plot_top < 14.0 { y(*v) + 17.0 } else { y(*v) - 8.0 },
                escape(text)
            ));
        }
    }
    svg.push_str("</svg>");
    let rows = measures
        .iter()
        .map(|m| {
            let values: Vec<String> = at(m, points)
                .iter()
                .map(|(d, v)| format!("{}: {}", point_label(*d), v.unwrap_or("none yet")))
                .collect();
            vec![name(m), m.baseline.trim().to_string(), m.target.trim().to_string(), values.join("; ")]
        })
        .collect();
    Chart {
        title,
        summary,
        header: ["Measure", "Baseline", "Target", "Latest value on each date"].map(String::from).to_vec(),
        rows,
        svg,
    }
}

/// How a criterion's position is drawn: its words, fill, text colour and whether the outline is
/// dashed (a dispute, or nothing yet).
fn position_look(state: &PositionState) -> (&'static str, &'static str, &'static str, bool) {
    match state {
        PositionState::NotAssessed => ("Not assessed", "#f3f2f1", INK, true),
        PositionState::Disputed(_) => ("Disputed: partners differ", "#ffdd00", INK, true),
        PositionState::Settled(p) => match p.level {
            PositionLevel::TypicallyPositive => ("Typically positive", "#00703c", "#ffffff", false),
            PositionLevel::Inconsistent => ("Inconsistent", "#8f4a00", "#ffffff", false),
            PositionLevel::WidespreadFailings => ("Widespread or systemic failings", "#b10e1e", "#ffffff", false),
        },
    }
}

/// The self-assessed position of every criterion as a strip, a row each, in words; a dispute
/// is drawn and counted as disputed, never as either partner's position.
pub fn positions_chart(project: &Project) -> Chart {
    let edition = project.edition();
    let states: Vec<(&str, PositionState)> =
        edition.criteria.iter().map(|c| (c.id.as_str(), project.sef.position_state(&c.id))).collect();
    let title = "Self-assessed position by criterion".to_string();
    let mut parts: Vec<String> = PositionLevel::ALL
        .iter()
        .map(|level| {
            let n = states.iter().filter(|(_, s)| matches!(s, PositionState::Settled(p) if p.level == *level)).count();
            format!("{n} {}", level.label().to_lowercase())
        })
        .collect();
    let disputed: Vec<&str> =
        states.iter().filter(|(_, s)| matches!(s, PositionState::Disputed(_))).map(|(id, _)| *id).collect();
    let not_assessed = states.iter().filter(|(_, s)| matches!(s, PositionState::NotAssessed)).count();
    parts.push(format!("{} disputed", disputed.len()));
    parts.push(format!("{not_assessed} not assessed"));
    let mut summary = format!("Of {}: {}.", count(states.len(), "criterion", "criteria"), and_list(&parts, ""));
    if !disputed.is_empty() {
        summary.push_str(&format!(
            " Partners differ on {} ({}), shown as disputed until they agree.",
            and_list(&disputed.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ""),
            if disputed.len() == 1 { "its position" } else { "their positions" }
        ));
    }
    let (w, label_w, row_h) = (360u32, 48u32, 30u32);
    let height = row_h * states.len().max(1) as u32 + 4;
    let mut svg = svg_open(w, height, &title);
    for (n, (id, state)) in states.iter().enumerate() {
        let y = 2 + row_h * n as u32;
        let (words, fill, text, dashed) = position_look(state);
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"{}\"{}/>\
             <text x=\"{}\" y=\"{}\" fill=\"{text}\">{words}</text>",
            label_w - 8,
            y + 19,
            escape(id),
            y + 2,
            w - label_w - 4,
            row_h - 4,
            if dashed { GRID } else { fill },
            if dashed { " stroke-dasharray=\"5 3\" stroke-width=\"2\"" } else { "" },
            label_w + 8,
            y + 19,
        ));
    }
    if states.is_empty() {
        svg.push_str(&format!("<text x=\"4\" y=\"20\" fill=\"{INK}\">No criteria in this framework</text>"));
    }
    svg.push_str("</svg>");
    Chart {
        title,
        summary,
        header: vec!["Criterion".into(), "Position".into()],
        rows: edition
            .criteria
            .iter()
            .map(|c| vec![format!("{} {}", c.id, c.short_title), describe_position(project, &c.id)])
            .collect(),
        svg,
    }
}

/// A cell's shade and text colour by how many entries a partner wrote (darker for more).
fn coverage_shade(entries: usize) -> (&'static str, &'static str) {
    match entries {
        0 => ("#ffffff", INK),
        1 => ("#d2e2f1", INK),
        2 | 3 => ("#5694ca", INK),
        _ => ("#003078", "#ffffff"),
    }
}

/// A criterion's gaps and disputes in words.
fn row_gaps(row: &Coverage) -> Vec<String> {
    let mut gaps = Vec::new();
    if !row.has_parent_carer_forum {
        gaps.push("No parent carer forum input".to_string());
    }
    if !row.has_children_and_young_people {
        gaps.push("No children and young people's input".to_string());
    }
    if row.position_disputed {
        gaps.push("Position disputed".to_string());
    }
    if row.disputed_entries > 0 {
        gaps.push(format!("{} disputed", count(row.disputed_entries, "entry", "entries")));
    }
    gaps
}

/// The co-production matrix as a shaded grid: a row a criterion, a column a partner (numbered,
/// with a key of names), each cell shaded by and showing its number of entries, and a mark
/// beside each row missing the parent carer forum ("P") or young people ("Y").
pub fn coproduction_chart(project: &Project) -> Chart {
    let matrix = coproduction_matrix(project);
    let title = "Who contributed where".to_string();
    let with_pcf = matrix.iter().filter(|c| c.has_parent_carer_forum).count();
    let with_cyp = matrix.iter().filter(|c| c.has_children_and_young_people).count();
    let empty = matrix.iter().filter(|c| c.by_partner.iter().all(|(_, n)| *n == 0)).count();
    let mut summary = format!(
        "Entries written by each partner on each of {}. The parent carer forum wrote on {with_pcf} and children and young people on {with_cyp}.",
        count(matrix.len(), "criterion", "criteria")
    );
    if empty > 0 {
        summary.push_str(&format!(" {} no entries yet.", count(empty, "criterion has", "criteria have")));
    }
    let partners = &project.partners;
    let (label_w, cell, gap_w) = (48u32, 34u32, 64u32);
    let grid_w = cell * partners.len() as u32;
    let w = (label_w + grid_w + gap_w).max(360);
    let (head_h, key_line) = (26u32, 20u32);
    let grid_h = cell * matrix.len() as u32;
    let height = head_h + grid_h + 12 + key_line * (partners.len() as u32 + 2);
    let mut svg = svg_open(w, height, &title);
    for (i, _) in partners.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"18\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            label_w + cell * i as u32 + cell / 2,
            i + 1
        ));
    }
    for (r, row) in matrix.iter().enumerate() {
        let y = head_h + cell * r as u32;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            label_w - 8,
            y + 22,
            escape(&row.criterion)
        ));
        for (c, (_, n)) in row.by_partner.iter().enumerate() {
            let (fill, text) = coverage_shade(*n);
            let x = label_w + cell * c as u32;
            svg.push_str(&format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"{GRID}\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{text}\">{}</text>",
                x + cell / 2,
                y + 22,
                with_commas(*n)
            ));
        }
        let marks: Vec<&str> = [
            (!row.has_parent_carer_forum).then_some("P"),
            (!row.has_children_and_young_people).then_some("Y"),
            (row.position_disputed || row.disputed_entries > 0).then_some("D"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !marks.is_empty() {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"{INK}\" font-weight=\"bold\">{}</text>",
                label_w + grid_w + 8,
                y + 22,
                marks.join(" ")
            ));
        }
    }
    let key_y = head_h + grid_h + 12;
    for (i, p) in partners.iter().enumerate() {
        let name: String = p.name.chars().take(40).collect();
        let name = if p.name.chars().count() > 40 { format!("{}\u{2026}", name.trim_end()) } else { name };
        svg.push_str(&format!(
            "<text x=\"4\" y=\"{}\" fill=\"{INK}\">{}: {}</text>",
            key_y + key_line * i as u32 + 14,
            i + 1,
            escape(&name)
        ));
    }
    svg.push_str(&format!(
        "<text x=\"4\" y=\"{}\" fill=\"{INK}\">P: no parent carer forum; Y: no young people</text>\
         <text x=\"4\" y=\"{}\" fill=\"{INK}\">D: disputed; darker: more entries</text></svg>",
        key_y + key_line * partners.len() as u32 + 14,
        key_y + key_line * (partners.len() as u32 + 1) + 14
    ));
    let rows = matrix
        .iter()
        .map(|row| {
            let wrote: Vec<String> = row
                .by_partner
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(id, n)| format!("{} ({})", project.partner_name(id), n))
                .collect();
            vec![
                row.criterion.clone(),
                and_list(&wrote, "No entries yet"),
                if row_gaps(row).is_empty() { "None".to_string() } else { row_gaps(row).join("; ") },
            ]
        })
        .collect();
    Chart {
        title,
        summary,
        header: vec!["Criterion".into(), "Entries by partner".into(), "Gaps and disputes".into()],
        rows,
        svg,
    }
}

/// Where a step of the timeline stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// Its date was entered: it has happened.
    Done,
    /// A plan deadline met on this day (submitted or published).
    Met(NaiveDate),
    /// A plan deadline passed with no date recorded for meeting it.
    Overdue,
    /// An estimated step whose date has passed: its real date is still to be entered.
    EstimatePassed,
    DeadlineAhead,
    EstimateAhead,
    NotKnown,
}

pub fn step_state(row: &TimelineRow, today: NaiveDate) -> StepState {
    if let Some(met) = row.met_on {
        return StepState::Met(met);
    }
    match (row.kind, row.date) {
        (DateKind::Entered, _) => StepState::Done,
        (_, None) => StepState::NotKnown,
        (DateKind::Deadline | DateKind::Estimate, Some(d)) if d < today && !row.can_enter => StepState::Overdue,
        (DateKind::Estimate, Some(d)) if d < today => StepState::EstimatePassed,
        (DateKind::Deadline, Some(_)) => StepState::DeadlineAhead,
        (_, Some(_)) => StepState::EstimateAhead,
    }
}

/// "Submitted" for a step that says "Submit…", "Published" for "Publish…", else "Done".
fn met_verb(row: &TimelineRow) -> &'static str {
    match row.label.split(' ').next() {
        Some("Submit") => "Submitted",
        Some("Publish") => "Published",
        _ => "Done",
    }
}

/// Where a step of the timeline stands on `today`, in words, for tables.
pub fn timeline_state(row: &TimelineRow, today: NaiveDate) -> String {
    match step_state(row, today) {
        StepState::Met(met) => {
            let late = if row.date.is_some_and(|d| met > d) { ", after the deadline" } else { "" };
            format!("{} on {}{late}", met_verb(row), long_date(met))
        }
        StepState::Done => "Done".into(),
        StepState::Overdue => "Overdue".into(),
        StepState::EstimatePassed => "Estimate passed: enter the real date".into(),
        StepState::DeadlineAhead => "Deadline ahead".into(),
        StepState::EstimateAhead => "Estimate ahead".into(),
        StepState::NotKnown => "Not known yet".into(),
    }
}

/// The deadline timeline: each step after notification and after the report in date order, a
/// marker each (filled when the date was entered, hollow and dashed when estimated), today
/// marked where it falls, and every step's date and state in words.
pub fn timeline_chart(rows: &[TimelineRow], today: NaiveDate) -> Chart {
    let title = "Deadline timeline".to_string();
    let state = |r: &TimelineRow| timeline_state(r, today);
    let overdue: Vec<&TimelineRow> = rows.iter().filter(|r| step_state(r, today) == StepState::Overdue).collect();
    let met = |r: &TimelineRow| matches!(step_state(r, today), StepState::Done | StepState::Met(_));
    let next = rows.iter().find(|r| r.date.is_some_and(|d| d >= today) && !met(r));
    let done = rows.iter().filter(|r| met(r)).count();
    let mut summary = if rows.is_empty() {
        "The app does not know this edition's steps after the inspection.".to_string()
    } else {
        format!("{} of {} done.", with_commas(done), count(rows.len(), "step", "steps"))
    };
    if let Some(n) = next {
        summary.push_str(&format!(" Next: {}, {}.", strip_mark(&n.label), lower_first(&n.date_text)));
    }
    if !overdue.is_empty() {
        let names: Vec<String> = overdue.iter().map(|r| strip_mark(&r.label).to_string()).collect();
        summary.push_str(&format!(" Overdue: {}.", and_list(&names, "")));
    }
    summary.push_str(&format!(" Today is {}.", long_date(today)));

    let (w, line_x, row_h) = (360u32, 16u32, 46u32);
    // Today's marker goes before the first step dated after today.
    let today_at = rows.iter().position(|r| r.date.is_none_or(|d| d > today)).unwrap_or(rows.len());
    let height = row_h * (rows.len() as u32 + 1) + 4;
    let mut svg = svg_open(w, height, &title);
    svg.push_str(&format!(
        "<line x1=\"{line_x}\" y1=\"8\" x2=\"{line_x}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"2\"/>",
        height - 8
    ));
    let mut y = 4u32;
    for (n, row) in rows.iter().enumerate() {
        if n == today_at {
            svg.push_str(&today_mark(y, w));
            y += row_h;
        }
        let (fill, dash) = if met(row) { (INK, "") } else { ("#ffffff", " stroke-dasharray=\"3 2\"") };
        let label: String = strip_mark(&row.label).chars().take(42).collect();
        let label =
            if strip_mark(&row.label).chars().count() > 42 { format!("{}\u{2026}", label.trim_end()) } else { label };
        let when = svg_when(row, today);
        svg.push_str(&format!(
            "<circle cx=\"{line_x}\" cy=\"{}\" r=\"7\" fill=\"{fill}\" stroke=\"{INK}\" stroke-width=\"2\"{dash}/>\
             <text x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>\
             <text x=\"{}\" y=\"{}\" fill=\"{INK}\" font-size=\"13\">{}</text>",
            y + 12,
            line_x + 16,
            y + 17,
            escape(&label),
            line_x + 16,
            y + 35,
            escape(&when)
        ));
        y += row_h;
    }
    if today_at == rows.len() {
        svg.push_str(&today_mark(y, w));
    }
    svg.push_str("</svg>");
    Chart {
        title,
        summary,
        header: vec!["Step".into(), "Date".into(), "Where it stands".into()],
        rows: rows.iter().map(|r| vec![r.label.clone(), r.date_text.clone(), state(r)]).collect(),
        svg,
    }
}

/// A step's second line in the drawing, short enough for a phone: its state and date.
fn svg_when(row: &TimelineRow, today: NaiveDate) -> String {
    let short = |d: NaiveDate| d.format("%-d %b %Y").to_string();
    let state = match step_state(row, today) {
        StepState::Met(met) => {
            return match row.date {
                Some(due) => format!("{} {}; due {}", met_verb(row), short(met), short(due)),
                None => format!("{} {}", met_verb(row), short(met)),
            };
        }
        StepState::NotKnown => return "Date not known yet".into(),
        StepState::Done => "Done",
        StepState::Overdue => "Overdue",
        StepState::EstimatePassed => "Estimate, passed",
        StepState::DeadlineAhead => "Deadline",
        StepState::EstimateAhead => "Estimate",
    };
    format!("{state}: {}", row.date_text)
}

fn today_mark(y: u32, w: u32) -> String {
    format!(
        "<line x1=\"4\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#b10e1e\" stroke-width=\"3\"/>\
         <text x=\"30\" y=\"{2}\" fill=\"{INK}\" font-weight=\"bold\">Today</text>",
        y + 12,
        w - 4,
        y + 32
    )
}

/// A step's label without the "(not confirmed by the handbook…)" note, which the table keeps.
fn strip_mark(label: &str) -> &str {
    label.split(" (not confirmed").next().unwrap_or(label)
}

/// "By Monday…" as it reads mid-sentence ("by Monday…"); a date that starts with a weekday
/// stays as it is.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if text.starts_with("By ") || text.starts_with("About ") || text.starts_with("Enter ") => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
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

    #[test]
    fn status_over_time_counts_each_month_end_from_the_first_status() {
        let p = example_project();
        let actions: Vec<&Action> = p.plan.actions.iter().collect();
        let chart = status_over_time_chart(&actions, day("2027-10-05"), 36, false);
        assert_eq!(chart.header, ["Date", "Not started", "On track", "At risk", "Off track", "Done"]);
        assert_eq!(chart.rows.len(), 12, "November 2026 to October 2027");
        assert_eq!(chart.rows[0], ["Nov 2026", "3", "1", "0", "0", "0"]);
        assert_eq!(chart.rows[5], ["Apr 2027", "0", "1", "0", "1", "2"], "{:?}", chart.rows);
        // Each row counts every action once.
        assert!(chart.rows.iter().all(|r| r[1..].iter().map(|n| n.parse::<usize>().unwrap()).sum::<usize>() == 4));
        assert_eq!(
            chart.summary,
            "Of 4 actions, counted on 12 dates: on Monday 30 November 2026, 3 not started and 1 on track; \
             on Tuesday 5 October 2027, 1 on track, 1 at risk and 2 done."
        );
        assert_eq!(chart.rows[11][0], "5 Oct 2027", "the last point is the date itself, not a month's end");
        assert!(chart.svg.contains(">3 not started</text>") && chart.svg.contains(">2 done</text>"));
        for status in ActionStatus::ALL {
            assert!(chart.svg.contains(&format!(">{}</text>", status.label())), "the key names {status:?}");
        }
        // For papers: a row a status, at most four months, the last being the date itself.
        let narrow = status_over_time_chart(&actions, day("2027-10-05"), 4, true);
        assert_eq!(narrow.header, ["Status", "Jan 2027", "Apr 2027", "Jul 2027", "5 Oct 2027"]);
        assert_eq!(narrow.rows[4], ["Done", "0", "2", "2", "2"]);
        assert!(narrow.summary.starts_with("Of 4 actions, counted on 4 dates: on Sunday 31 January 2027, 4 on track;"));
        assert_eq!(status_points(&actions, day("2027-10-05"), 4).last(), Some(&day("2027-10-05")));
    }

    #[test]
    fn status_over_time_reads_right_for_no_one_and_many_actions() {
        assert_eq!(
            status_over_time_chart(&[], day("2027-05-01"), 12, false).summary,
            "There are no actions in the plan yet."
        );
        let p = example_project();
        let mut one = p.plan.actions[0].clone();
        let unstarted = Action { statuses: Vec::new(), ..one.clone() };
        let none = status_over_time_chart(&[&unstarted], day("2027-05-01"), 12, false);
        assert_eq!(none.summary, "No action has a status yet, so there is nothing to show over time.");
        assert!(none.rows.is_empty() && none.svg.contains("No statuses recorded yet"));
        one.statuses.truncate(1);
        let first = one.statuses[0].on;
        // As at the first status's own day: a single month, one action.
        let single = status_over_time_chart(&[&one], first, 12, false);
        let expected = format!(
            "Of 1 action, counted on 1 date: on {}, 1 {}.",
            long_date(first),
            one.statuses[0].status.label().to_lowercase()
        );
        assert_eq!(single.summary, expected);
        assert_eq!(single.rows.len(), 1);
    }

    #[test]
    fn positions_chart_shows_a_dispute_as_disputed_never_as_either_side() {
        use crate::domain::project::PartnerId;
        use crate::domain::register::{RevId, Stamp};
        use crate::domain::sef::{self, Confidence, Position, SefEdit};
        let mut a = example_project();
        let chart = positions_chart(&a);
        assert_eq!(
            chart.summary,
            "Of 12 criteria: 6 typically positive, 6 inconsistent, 0 widespread or systemic failings, 0 disputed and 0 not assessed."
        );
        assert_eq!(chart.rows[0], ["A1 Needs identified and assessed", "Inconsistent (high confidence)"]);
        let mut b = a.clone();
        let set = |p: &mut Project, rev: &str, by: &str, level| {
            let stamp = Stamp { rev: RevId(rev.into()), by: PartnerId(by.into()), at: "2026-11-20T10:00:00Z".into() };
            let position = Position { level, confidence: Confidence::Medium };
            sef::apply(p, SefEdit::SetPosition { criterion: "A1".into(), position, stamp }).unwrap();
        };
        set(&mut a, "ra", "example-la", PositionLevel::TypicallyPositive);
        set(&mut b, "rb", "example-icb", PositionLevel::WidespreadFailings);
        let (merged, _) = crate::domain::merge::merge(&a, &b).unwrap();
        let chart = positions_chart(&merged);
        assert!(chart.summary.starts_with("Of 12 criteria: 6 typically positive, 5 inconsistent, 0 widespread or systemic failings, 1 disputed and 0 not assessed."), "{}", chart.summary);
        assert!(
            chart.summary.ends_with("Partners differ on A1 (its position), shown as disputed until they agree."),
            "{}",
            chart.summary
        );
        assert!(chart.rows[0][1].starts_with("Disputed (not yet resolved): "), "{:?}", chart.rows[0]);
        assert!(chart.rows[0][1].contains("says typically positive") && chart.rows[0][1].contains("says widespread"));
        assert_eq!(chart.svg.matches(">Disputed: partners differ</text>").count(), 1);
        // A1's row says disputed; neither version is drawn as its position.
        let a1 = &chart.svg[chart.svg.find(">A1</text>").unwrap()..chart.svg.find(">A2</text>").unwrap()];
        assert!(a1.contains("Disputed") && !a1.contains("Typically positive") && !a1.contains("Widespread"), "{a1}");
        let mut blank = Project::default();
        blank.sef.positions.clear();
        assert!(positions_chart(&blank).summary.ends_with("0 disputed and 12 not assessed."));
    }

    #[test]
    fn coproduction_grid_shades_and_numbers_every_cell_and_names_the_gaps() {
        let p = example_project();
        let chart = coproduction_chart(&p);
        assert_eq!(
            chart.summary,
            "Entries written by each partner on each of 12 criteria. The parent carer forum wrote on 9 and children and young people on 5."
        );
        assert_eq!(chart.svg.matches("<rect").count(), 12 * p.partners.len(), "a cell per criterion and partner");
        assert!(
            chart.svg.contains(">1: Northdale Council SEND and Inclusion Ser\u{2026}</text>"),
            "the key names each column"
        );
        assert_eq!(chart.rows[3][0], "A4");
        assert_eq!(chart.rows[3][2], "No parent carer forum input");
        assert_eq!(chart.rows[8][2], "No parent carer forum input; No children and young people's input");
        assert!(chart.rows[0][1].ends_with("and Northdale Parent Carer Forum (1)"), "{}", chart.rows[0][1]);
        let mut none = p.clone();
        none.sef.entries.clear();
        let empty = coproduction_chart(&none);
        assert!(
            empty.summary.ends_with("wrote on 0 and children and young people on 0. 12 criteria have no entries yet.")
        );
        assert_eq!(empty.rows[0][1], "No entries yet");
        let (one, _) = (coverage_shade(1), coverage_shade(0));
        assert_ne!(one.0, coverage_shade(5).0, "more entries, darker shade");
    }

    #[test]
    fn timeline_marks_today_estimates_overdue_and_met_deadlines() {
        use crate::domain::project::{ProjectEdit, apply};
        let mut p = example_project();
        let today = day("2026-12-02");
        // The example submitted its priority action plan in time and published its plan.
        let met = timeline_chart(&crate::domain::timeline::after_inspection(&p), today);
        assert!(met.summary.starts_with("6 of 9 steps done.") && !met.summary.contains("Overdue"), "{}", met.summary);
        let pap = met.rows.iter().find(|r| r[0].starts_with("Submit the priority")).unwrap();
        assert_eq!(pap[2], "Submitted on Thursday 26 November 2026");
        apply(&mut p, ProjectEdit::SetStepDate { step: "pap-submit".into(), date: None }).unwrap();
        apply(&mut p, ProjectEdit::SetStepDate { step: "plan-publish".into(), date: None }).unwrap();
        let chart = timeline_chart(&crate::domain::timeline::after_inspection(&p), today);
        assert!(chart.summary.starts_with("4 of 9 steps done."), "{}", chart.summary);
        assert!(chart.summary.contains(" Overdue: Submit the priority action plan to DfE and regional NHS England."));
        assert!(chart.summary.ends_with(" Today is Wednesday 2 December 2026."));
        let pap = chart.rows.iter().find(|r| r[0].starts_with("Submit the priority")).unwrap();
        assert_eq!(pap[1..], ["Monday 30 November 2026", "Overdue"]);
        let comments = chart.rows.iter().find(|r| r[0].starts_with("Factual accuracy")).unwrap();
        assert_eq!(comments[2], "Estimate passed: enter the real date");
        assert!(chart.svg.contains(">Today</text>") && chart.svg.contains(">Overdue: Monday 30 November 2026</text>"));
        // Today sits between the last step before it and the first after it.
        let (mark, publish) = (chart.svg.find(">Today<").unwrap(), chart.svg.find(">Publish the updated").unwrap());
        assert!(mark < publish && chart.svg.find(">Submit the priority").unwrap() < mark);
        // Submitted on a date: no longer overdue, and the date is shown.
        apply(&mut p, ProjectEdit::SetStepDate { step: "pap-submit".into(), date: Some(day("2026-12-01")) }).unwrap();
        let chart = timeline_chart(&crate::domain::timeline::after_inspection(&p), today);
        assert!(
            chart.summary.starts_with("5 of 9 steps done.") && !chart.summary.contains("Overdue"),
            "{}",
            chart.summary
        );
        let pap = chart.rows.iter().find(|r| r[0].starts_with("Submit the priority")).unwrap();
        assert_eq!(pap[2], "Submitted on Tuesday 1 December 2026, after the deadline");
        assert!(chart.svg.contains(">Submitted 1 Dec 2026; due 30 Nov 2026</text>"), "{}", chart.svg);
        let one = timeline_chart(&crate::domain::timeline::after_inspection(&p)[..1], today);
        assert!(one.summary.starts_with("1 of 1 step done."), "{}", one.summary);
        assert_eq!(
            timeline_chart(&[], today).summary,
            "The app does not know this edition's steps after the inspection. Today is Wednesday 2 December 2026."
        );
    }

    #[test]
    fn delivery_charts_give_each_measure_its_own_chart_until_there_are_many() {
        let mut p = example_project();
        let today = day("2027-11-01");
        let measured = |p: &crate::domain::project::Project| {
            p.plan.actions.iter().flat_map(|a| a.measures.iter()).filter(|m| !m.values.is_empty()).count()
        };
        let charts = |p: &crate::domain::project::Project| {
            let actions: Vec<&Action> = p.plan.actions.iter().collect();
            delivery_charts(&actions, today)
        };
        let few = charts(&p);
        assert_eq!(few.len(), 2 + measured(&p), "status now, over time, then a chart a measure");
        let first = p.plan.actions.iter().position(|a| a.measures.iter().any(|m| !m.values.is_empty())).unwrap();
        let measure = p.plan.actions[first].measures.iter().find(|m| !m.values.is_empty()).unwrap().clone();
        while measured(&p) <= MEASURE_CHARTS_EACH {
            p.plan.actions[first].measures.push(measure.clone());
        }
        let many = charts(&p);
        assert_eq!(many.len(), 3, "status now, over time, and one chart of every measure");
        assert_eq!(many[2].title, "Impact measures against baseline and target");
        assert_eq!(many[2].rows.len(), measured(&p), "a row a measure in its table");
    }

    #[test]
    fn measures_chart_gives_each_measure_at_the_same_dates_and_says_where_each_stands() {
        let p = example_project();
        let measures: Vec<&Measure> = p.plan.actions.iter().flat_map(|a| a.measures.iter()).collect();
        let points = [day("2027-02-28"), day("2027-10-01"), day("2027-11-01")];
        let chart = measures_chart(&measures, &points);
        assert_eq!(chart.header, ["Measure", "Baseline", "Target", "Latest value on each date"]);
        assert_eq!(chart.rows[0][3], "Feb 2027: 59; 1 Oct 2027: 37; 1 Nov 2027: 33");
        // 33 weeks is nearer 26 than 62 was; 170 families passes the target of 80; 75% is
        // nearer 90% than 64% was.
        assert_eq!(
            chart.summary,
            "3 measures; of the 3 with a number for baseline, target and latest value, 1 has reached the target, \
             2 are closer to it than the baseline was and 0 are no closer."
        );
        assert_eq!(chart.svg.matches("<circle").count(), 9, "a labelled point per measure and date");
        assert!(chart.svg.contains(">Target 80</text>") && chart.svg.contains(">170</text>"));
        assert_eq!(reading(62.0, 26.0, 62.0), Reading::NoCloser);
        assert_eq!(reading(0.0, 80.0, 80.0), Reading::Reached);
        assert_eq!(measures_chart(&[], &points).summary, "No measures recorded yet.");
    }
}

//! Accessible, printable HTML: one self-contained file with its own styles, no scripts and
//! nothing loaded from elsewhere.

use super::doc::{Block, Document, chart_caption};

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Escaped text with the line breaks a person typed kept as `<br>` (as Word and Markdown keep
/// them). A Windows line ending counts once.
pub fn lines(text: &str) -> String {
    escape(&text.replace("\r\n", "\n")).replace(['\r', '\n'], "<br>\n")
}

const STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.4;color:#0b0c0c;max-width:50rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:2.25rem}h2{font-size:1.5rem;margin-top:2rem}h3{font-size:1.1875rem}\
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.5rem 0}\
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #b1b4b6;padding:.5rem .75rem .5rem 0}\
figure{margin:1.5rem 0}figcaption{font-weight:bold}figure svg{display:block;width:100%;max-width:30rem;height:auto}\
.note{color:#505a5f;font-size:1rem}\
@media print{body{margin:0;max-width:none;font-size:12pt}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}figure svg{max-width:14cm}}";

/// Renders a whole HTML document.
pub fn render(doc: &Document) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        doc.lang,
        escape(&doc.title)
    );
    for block in &doc.blocks {
        render_block(&mut out, block);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 4);
            out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(text)));
        }
        Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", lines(text))),
        Block::Labelled { label, text } => {
            out.push_str(&format!("<p><strong>{}:</strong> {}</p>\n", lines(label), lines(text)))
        }
        Block::Note(text) => out.push_str(&format!("<p class=\"note\">{}</p>\n", lines(text))),
        Block::Bullets(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", lines(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Chart(chart) => {
            // The SVG is the core's own markup, every text in it escaped (`export::chart`).
            out.push_str(&format!(
                "<figure>\n<figcaption>{}</figcaption>\n{}\n<p>{}</p>\n",
                escape(&chart.title),
                chart.svg,
                lines(&chart.summary)
            ));
            if !chart.rows.is_empty() {
                let table = Block::Table {
                    caption: chart_caption(chart),
                    header: chart.header.clone(),
                    rows: chart.rows.clone(),
                };
                render_block(out, &table);
            }
            out.push_str("</figure>\n");
        }
        Block::Table { caption, header, rows } => {
            out.push_str(&format!("<table>\n<caption>{}</caption>\n<thead><tr>", lines(caption)));
            for cell in header {
                out.push_str(&format!("<th scope=\"col\">{}</th>", lines(cell)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (n, cell) in row.iter().enumerate() {
                    // The first cell names the row, so screen readers announce it with each value.
                    if n == 0 {
                        out.push_str(&format!("<th scope=\"row\">{}</th>", lines(cell)));
                    } else {
                        out.push_str(&format!("<td>{}</td>", lines(cell)));
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_marks_up_tables_accessibly() {
        let mut doc = Document::new("A <b> & \"c\"");
        doc.push(Block::Table {
            caption: "Cap".into(),
            header: vec!["Name".into(), "Value".into()],
            rows: vec![vec!["x".into(), "<y>".into()]],
        });
        let html = render(&doc);
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("<h1>A &lt;b&gt; &amp; &quot;c&quot;</h1>"));
        assert!(html.contains("<caption>Cap</caption>"));
        assert!(html.contains("<th scope=\"col\">Name</th>"));
        assert!(html.contains("<th scope=\"row\">x</th><td>&lt;y&gt;</td>"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn typed_line_breaks_are_kept() {
        let mut doc = Document::new("T");
        doc.paragraph("one\ntwo & <three>\r\nfour");
        doc.push(Block::Table {
            caption: "Cap".into(),
            header: vec!["Name".into(), "Milestones".into()],
            rows: vec![vec!["x\ny".into(), "a (01/02/2026)\nb".into()]],
        });
        doc.push(Block::Bullets(vec!["first\nsecond".into()]));
        let html = render(&doc);
        assert!(html.contains("<p>one<br>\ntwo &amp; &lt;three&gt;<br>\nfour</p>"), "{html}");
        assert!(html.contains("<th scope=\"row\">x<br>\ny</th><td>a (01/02/2026)<br>\nb</td>"));
        assert!(html.contains("<li>first<br>\nsecond</li>"));
    }
}

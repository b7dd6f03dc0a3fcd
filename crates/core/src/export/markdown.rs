//! Markdown, for publishing on a local offer website or a content management system.

use super::doc::{Block, Document};

/// Escapes characters Markdown would treat as formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.replace('\n', "  \n")
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.office_blocks() {
        match block {
            Block::Heading { level, text } => {
                out.push_str(&format!("{} {}\n\n", "#".repeat((*level).clamp(1, 6) as usize), escape(text)))
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", escape(text))),
            Block::Labelled { label, text } => out.push_str(&format!("**{}:** {}\n\n", escape(label), escape(text))),
            Block::Note(text) => out.push_str(&format!("*{}*\n\n", escape(text))),
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", escape(item)));
                }
                out.push('\n');
            }
            Block::Table { caption, header, rows } => {
                out.push_str(&format!("**{}**\n\n", escape(caption)));
                out.push_str(&format!("| {} |\n", header.iter().map(|h| escape(h)).collect::<Vec<_>>().join(" | ")));
                out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| escape(c).replace("  \n", "<br>")).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
            // `office_blocks` has made each chart its summary and table.
            Block::Chart(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_tables_with_escaping() {
        let mut doc = Document::new("Plan");
        doc.push(Block::Bullets(vec!["a *b*".into()]));
        doc.push(Block::Table {
            caption: "T".into(),
            header: vec!["A".into(), "B".into()],
            rows: vec![vec!["x|y".into(), "z".into()]],
        });
        let md = render(&doc);
        assert!(md.starts_with("# Plan\n\n- a \\*b\\*\n"));
        assert!(md.contains("| A | B |\n| --- | --- |\n| x\\|y | z |\n"));
    }
}

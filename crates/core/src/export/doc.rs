//! A small document model shared by the HTML and DOCX renderers.

use super::chart::Chart;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the document title; 2 and 3 are sections.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// A paragraph with a bold lead-in, e.g. "Position: Inconsistent".
    Labelled {
        label: String,
        text: String,
    },
    Bullets(Vec<String>),
    /// A data table; the header row is marked as such in every format.
    Table {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Smaller text, such as a note on where figures come from.
    Note(String),
    /// A chart: the web page draws it (SVG) above its summary and data table; Word, ODT and
    /// Markdown give the summary and the table (`Document::office_blocks`).
    Chart(Box<Chart>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// BCP 47 language tag of the content.
    pub lang: &'static str,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Self {
        let title = title.into();
        Self { blocks: vec![Block::Heading { level: 1, text: title.clone() }], title, lang: "en-GB" }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading { level, text: text.into() })
    }

    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Paragraph(text.into()))
    }

    pub fn chart(&mut self, chart: Chart) -> &mut Self {
        self.push(Block::Chart(Box::new(chart)))
    }

    /// The blocks as documents without pictures show them: each chart becomes its title and
    /// summary, then its data table (captioned as the web page captions it).
    pub fn office_blocks(&self) -> Vec<Block> {
        self.blocks
            .iter()
            .flat_map(|block| match block {
                Block::Chart(chart) => {
                    let mut blocks = vec![Block::Labelled { label: chart.title.clone(), text: chart.summary.clone() }];
                    if !chart.rows.is_empty() {
                        blocks.push(Block::Table {
                            caption: chart_caption(chart),
                            header: chart.header.clone(),
                            rows: chart.rows.clone(),
                        });
                    }
                    blocks
                }
                other => vec![other.clone()],
            })
            .collect()
    }
}

/// A chart's data table's caption, the same in every format.
pub fn chart_caption(chart: &Chart) -> String {
    format!("Data: {}", chart.title)
}

/// Documents every writer's tests lay out the same way.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Block, Document};

    pub fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    /// Two six-column tables under their own headings, between portrait text: one landscape
    /// stretch for both, portrait before and after.
    pub fn wide_tables() -> Document {
        let header = strings(&["Action", "Responsible partner", "Period", "Milestones", "Measures", "Families"]);
        let rows = vec![strings(&["Do it", "Northdale Council", "01/01/2026 to 01/02/2026", "m", "x", "y"])];
        let mut doc = Document::new("Plan");
        doc.paragraph("Before");
        doc.heading(3, "Area 1");
        doc.push(Block::Table { caption: "Wide".into(), header: header.clone(), rows: rows.clone() });
        doc.heading(3, "Area 2");
        doc.push(Block::Table { caption: "Wide too".into(), header, rows });
        doc.heading(2, "Next");
        doc.paragraph("After");
        doc
    }
}

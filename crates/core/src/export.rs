//! Exporters: pure functions from the project to bytes. They never trigger downloads (the UI
//! does that through `ui::browser`) and never read the clock (the caller passes dates in).
//!
//! Documents are built once as `Block`s and rendered to HTML, DOCX, ODT and Markdown, so every
//! format says the same thing.

pub mod annex_a;
pub mod annotated;
pub mod board;
pub mod chart;
pub mod csv;
pub mod doc;
pub mod docx;
pub mod downloads;
pub mod findings;
pub mod html;
pub mod markdown;
pub mod odt;
pub mod plan;
pub mod review_pack;
pub mod review_page;
pub mod sef;
pub mod templates;
pub mod verify;
pub mod xlsx;

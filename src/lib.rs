//! Area SEND partnership toolkit: a client-side app for self-evaluation, Annex A readiness and
//! the strategic plan update. See ARCHITECTURE.md for the map of modules and their invariants.

pub mod checks;
pub mod domain;
pub mod export;
pub mod ui;
pub mod xlsx_writer;
pub mod zip_writer;

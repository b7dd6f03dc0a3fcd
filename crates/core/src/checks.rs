//! The Annex A checking core: reading the person-level lists, matching them to a request
//! profile and checking them. Pure Rust with no browser crates, so the
//! same code runs in the app (wasm) and in the `area-send check` command.
//!
//! [`session::run`] is one whole check, as the app's worker and the command line run it.
//!
//! Flow: [`workbook::read_workbook`] (the `area-send-sheets` crate: bytes →
//! [`workbook::Workbook`]) → [`headers::propose_mapping`] (sheets → lists, headers → columns; the
//! user may correct it) → [`report::check`] (findings and an aggregate summary) →
//! `crate::export::findings` (CSV/XLSX of the findings).
//!
//! Invariants: only `crates/sheets` names calamine; checks never fail on bad data (they return
//! findings); finding messages and the summary never hold a value from a person's row.

pub mod dates;
pub mod example_data;
pub mod groups;
pub mod headers;
pub mod identifiers;
pub mod profile;
pub mod report;
pub mod rules;
pub mod session;

pub use area_send_sheets as workbook;
pub use headers::{ColumnMapping, propose_mapping};
pub use profile::{Profile, profile, profiles};
pub use report::{AsOfDates, CheckReport, CheckSummary, Explanations, Finding, Severity, check};
pub use workbook::{Cell, ReadOptions, ReadProgress, Sheet, Workbook, WorkbookError, read_workbook};

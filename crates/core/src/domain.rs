//! The pure domain core: no browser, no Yew. Compiles and tests on the host.

pub mod annex_a;
pub mod calendar;
pub mod choice;
pub mod counting;
pub mod date_entry;
pub mod example;
pub mod framework;
pub mod history;
pub mod merge;
pub mod plain_language;
pub mod plan;
pub mod progress;
pub mod project;
pub mod project_file;
pub mod register;
pub mod report_text;
pub mod sef;
pub mod timeline;

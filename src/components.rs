//! Presentational components: props in, callbacks out, no context and no browser calls
//! except focus handling.

pub mod acting_as;
pub mod chart;
pub mod criteria_list;
pub mod date_input;
pub mod error_summary;
pub mod family_comments;
pub mod fields;
pub mod plain_language_hint;
pub mod radio_item;
pub mod status_tag;
pub mod table;

//! One component per page. Pages read the store with `use_app()` and send `AppAction`s.

pub mod accessibility;
pub mod action_delivery;
pub mod action_editor;
pub mod annex_a;
pub mod coproduction;
pub mod criterion;
pub mod evidence;
pub mod framework;
pub mod home;
pub mod not_found;
pub mod partnership;
pub mod plan;
pub mod plan_downloads;
pub mod plan_family;
pub mod plan_timeline;
pub mod review;
pub mod sef_downloads;
pub mod self_evaluation;
pub mod your_data;

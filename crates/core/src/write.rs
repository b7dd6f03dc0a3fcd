//! The file formats we write ourselves, each a leaf that names nothing else in the crate: the
//! zip container and the xlsx workbook. (Why not the zip and rust_xlsxwriter crates: each
//! module's header gives the measurement.)

pub mod xlsx;
pub mod zip;

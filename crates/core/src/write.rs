//! The file formats we write ourselves, each a leaf that names nothing else in the crate: the
//! zip container, the xlsx workbook, the ods spreadsheet, what every ODF package shares, the
//! package metadata (docProps) and the XML-character filter they all use. (Why not the zip and
//! rust_xlsxwriter crates: each module's header gives the measurement.)

pub mod odf;
pub mod ods;
pub mod package;
pub mod xlsx;
pub mod xml;
pub mod zip;

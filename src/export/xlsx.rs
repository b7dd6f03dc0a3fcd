//! Tables as Excel workbooks: a bold, frozen header row and text cells (so nothing a user typed
//! can become a formula), with numbers only where a column is declared numeric.

use std::fmt;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Why a workbook could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportError {
    /// The XLSX writer failed (for example, more rows than one sheet holds).
    Xlsx(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Xlsx(detail) => write!(f, "The Excel file could not be made ({detail}). Try the CSV download instead."),
        }
    }
}

impl std::error::Error for ExportError {}

/// Excel allows 1,048,576 rows; one is the header.
pub const MAX_ROWS: usize = 1_048_575;

/// One sheet: its name, header, rows, which columns hold numbers, and column widths.
pub struct Table<'a> {
    pub sheet: &'a str,
    pub header: &'a [&'a str],
    pub rows: &'a [Vec<String>],
    pub numeric_columns: &'a [usize],
    pub widths: &'a [f64],
}

pub fn render(table: &Table) -> Result<Vec<u8>, ExportError> {
    let err = |e: XlsxError| ExportError::Xlsx(e.to_string());
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.sheet).map_err(err)?;
    for (col, header) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &bold).map_err(err)?;
    }
    for (i, row) in table.rows.iter().take(MAX_ROWS).enumerate() {
        let r = i as u32 + 1;
        for (col, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(n) if table.numeric_columns.contains(&col) => sheet.write_number(r, col as u16, n).map_err(err)?,
                _ => sheet.write_string_with_format(r, col as u16, value, &wrap).map_err(err)?,
            };
        }
    }
    for (col, width) in table.widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    workbook.save_to_buffer().map_err(err)
}

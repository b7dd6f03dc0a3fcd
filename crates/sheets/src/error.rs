//! The one error a read can end in: the file could not be read at all.

use std::fmt;

/// Why a file could not be read at all. Each message names the file and says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WorkbookError {
    /// The file has no bytes.
    Empty { file: String },
    /// The workbook is encrypted with a password.
    PasswordProtected { file: String },
    /// The file is another kind of document (PDF, Word, an image...) named like a spreadsheet.
    NotASpreadsheet { file: String, looks_like: &'static str },
    /// A web page or XML Spreadsheet 2003 file named like a spreadsheet, as some systems export
    /// lists; Excel opens it and can save it as .xlsx.
    SaveAsXlsx { file: String, looks_like: &'static str },
    /// The file looks like a spreadsheet but is damaged or cut short.
    Corrupt { file: String, detail: String },
    /// An .xlsb in which no list was recognised: calamine reads some writers' .xlsb only in part.
    NoListRead { file: String },
    /// The file has more cells than the checker will hold in memory.
    TooLarge { file: String, cells: usize, limit: usize },
    /// A zipped workbook whose parts unpack to more than the checker will read (a zip bomb, or a
    /// shared-strings table larger than any list needs). Sizes in bytes.
    UnpacksTooLarge { file: String, bytes: u64, limit: u64 },
    /// A CSV file that is not text in a known encoding.
    NotText { file: String },
    /// The file could not be opened at all (a native caller's I/O error).
    CannotOpen { file: String, detail: String },
}

impl WorkbookError {
    pub fn file(&self) -> &str {
        match self {
            Self::Empty { file }
            | Self::PasswordProtected { file }
            | Self::NotASpreadsheet { file, .. }
            | Self::SaveAsXlsx { file, .. }
            | Self::Corrupt { file, .. }
            | Self::NoListRead { file }
            | Self::TooLarge { file, .. }
            | Self::UnpacksTooLarge { file, .. }
            | Self::NotText { file }
            | Self::CannotOpen { file, .. } => file,
        }
    }
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty { file } => {
                write!(f, "“{file}” is empty (0 bytes). Export the list again and choose the new file.")
            }
            Self::PasswordProtected { file } => write!(
                f,
                "“{file}” is protected with a password, so it cannot be read. Open it in Excel, save a copy without a password (File, Info, Protect Workbook, Encrypt with Password, clear the password), and choose that copy. Keep the copy on a secure drive."
            ),
            Self::NotASpreadsheet { file, looks_like } => write!(
                f,
                "“{file}” is {looks_like}, not a spreadsheet. Choose the Excel, OpenDocument or CSV file that holds the list."
            ),
            Self::SaveAsXlsx { file, looks_like } => write!(
                f,
                "“{file}” is really {looks_like} with a spreadsheet name, as some systems export lists, so it cannot be read directly. Open it in Excel, save it as an Excel Workbook (.xlsx), and choose the new file."
            ),
            Self::Corrupt { file, detail } => write!(
                f,
                "“{file}” looks like a spreadsheet but could not be read; it may be damaged or only partly copied ({detail}). Open it in Excel or LibreOffice, save it again as .xlsx, and choose the new file."
            ),
            Self::NoListRead { file } => write!(
                f,
                "“{file}” was read, but no list was recognised in it. Some programs save .xlsb files in a way this app reads only in part. If it holds a list, open it in Excel or LibreOffice, save it as .xlsx, and choose the new file."
            ),
            Self::TooLarge { file, cells, limit } => write!(
                f,
                "“{file}” has about {cells} cells, more than the {limit} this checker can hold. Delete sheets or columns that are not part of the lists, or split the file, and try again."
            ),
            Self::UnpacksTooLarge { file, bytes, limit } => write!(
                f,
                "“{file}” unpacks to {} MB, more than the {} MB this checker will read, so it was not opened; it may be damaged or not a real export. Open it in Excel or LibreOffice, delete sheets that are not part of the lists, save it as .xlsx, and choose the new file.",
                bytes.div_ceil(1 << 20),
                limit >> 20
            ),
            Self::CannotOpen { file, detail } => {
                write!(f, "“{file}” could not be opened ({detail}). Check the file exists and you can open it.")
            }
            Self::NotText { file } => write!(
                f,
                "“{file}” is not a text CSV file. Save the list from Excel as “CSV UTF-8 (Comma delimited)” and choose the new file."
            ),
        }
    }
}

impl std::error::Error for WorkbookError {}

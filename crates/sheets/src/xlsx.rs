//! Our own reader for xlsx workbooks as spreadsheet programs write them.
//!
//! calamine reads each cell through a general XML event reader; this module scans the parts
//! directly, several times faster (README, "Figures"), and reading is most of an Annex A check.
//! It reads only what it fully understands. Anything else (comments, CDATA, entities it does not
//! know, unknown cell types, parts it cannot find) stops it with [`Stop::Unsupported`] and the
//! caller reads the file with calamine instead, so an unusual file is read exactly as before.
//! Where it does read a file the result equals calamine's: the rules in `parts` and `worksheet`
//! follow calamine's reading of each part, and the tests compare the two on hand-written and
//! generated workbooks. `tokenizer` splits each part's XML; `parts` reads the small parts whole;
//! `worksheet` streams each sheet.

mod parts;
#[cfg(test)]
mod tests;
mod tokenizer;
mod worksheet;

use std::io::Cursor;

use crate::sheet::{SheetBuilder, Tracker};
use crate::{DateSystem, FileFormat, Workbook};
use parts::{date_styles, part, relationships, shared_strings, workbook};
use worksheet::Context;

/// Why reading stopped.
pub(crate) enum Stop {
    /// Something this reader does not handle: read the file with calamine.
    Unsupported,
    /// More cells than the cap; the count so far.
    TooLarge(usize),
}

type Step<T> = Result<T, Stop>;
const UNSUPPORTED: Stop = Stop::Unsupported;

/// Reads the whole workbook, or says why it stopped.
pub(crate) fn read(file: &str, bytes: &[u8], max_cells: usize, progress: &mut Tracker<'_>) -> Result<Workbook, Stop> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| UNSUPPORTED)?;
    // The workbook part, from the package relationships (usually xl/workbook.xml).
    let package = part(&mut zip, "_rels/.rels")?.ok_or(UNSUPPORTED)?;
    // calamine takes the last one.
    let target = relationships(&package)?
        .into_iter()
        .rfind(|rel| rel.kind.ends_with("/relationships/officeDocument"))
        .map(|rel| rel.target)
        .ok_or(UNSUPPORTED)?;
    let (dir, name) = target.rsplit_once('/').map_or(("", target.as_str()), |(d, n)| (d, n));
    let dir = dir.strip_prefix('/').unwrap_or(dir);
    let dir = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    // A binary workbook (.xlsb) saved with an .xlsx name has workbook.bin: calamine reads those.
    if !name.ends_with(".xml") {
        return Err(UNSUPPORTED);
    }
    let rels = relationships(&part(&mut zip, &format!("{dir}_rels/{name}.rels"))?.ok_or(UNSUPPORTED)?)?;
    let (sheets, is_1904) = workbook(&part(&mut zip, &format!("{dir}{name}"))?.ok_or(UNSUPPORTED)?, &rels, &dir)?;
    if sheets.is_empty() || sheets.iter().any(|(_, path)| !path.ends_with(".xml")) {
        return Err(UNSUPPORTED);
    }
    let strings = match part(&mut zip, &format!("{dir}sharedStrings.xml"))? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let dates = match part(&mut zip, &format!("{dir}styles.xml"))? {
        Some(xml) => date_styles(&xml)?,
        None => Vec::new(),
    };
    let context = Context { strings: &strings, dates: &dates, is_1904 };
    let mut out = Workbook {
        file_name: file.to_string(),
        format: FileFormat::Xlsx,
        date_system: if is_1904 { DateSystem::Excel1904 } else { DateSystem::Excel1900 },
        sheets: Vec::new(),
    };
    // Progress is bytes of sheet XML against the sizes the zip's directory declares (checked
    // against the file's own size before anything was unpacked).
    let mut sizes = Vec::with_capacity(sheets.len());
    for (_, path) in &sheets {
        sizes.push(zip.by_name(path).map_err(|_| UNSUPPORTED)?.size());
    }
    progress.start(sizes.iter().sum());
    let mut n_cells = 0;
    for ((name, path), size) in sheets.into_iter().zip(sizes) {
        let entry = zip.by_name(&path).map_err(|_| UNSUPPORTED)?;
        let mut builder = SheetBuilder::new(n_cells, max_cells);
        progress.sheet(&name, size);
        worksheet::read(entry, &context, &mut builder, progress)?;
        n_cells = builder.n_cells;
        out.sheets.push(builder.finish(name));
    }
    Ok(out)
}

/// The most XML this reader holds at once: a whole part other than a sheet (the shared strings of
/// a 100,000-row list are 8 MB), or the rows of a sheet not yet read. calamine, which streams
/// everything, reads anything larger, so memory stays bounded in a browser tab.
const MAX_HELD: usize = 1 << 26;

//! Our own reader for xlsx workbooks as spreadsheet programs write them.
//!
//! calamine reads each cell through a general XML event reader; this module scans the parts
//! directly, several times faster (README, "Figures"), and reading is most of an Annex A check.
//! It reads only what it fully understands. Anything else (comments, CDATA, entities it does not
//! know, unknown cell types, parts it cannot find) stops it with [`Stop::Unsupported`] and the
//! caller reads the file with calamine instead, so an unusual file is read exactly as before.
//! Where it does read a file the result equals calamine's: the rules below follow calamine's
//! reading of each part, and the tests compare the two on hand-written and generated workbooks.

use std::io::{Cursor, Read};

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use memchr::{memchr, memrchr};

use crate::{
    Cell, DateSystem, FileFormat, MAX_UNPACKED_BYTES, RowProgress, SheetBuilder, TooManyCells, Workbook, convert,
};

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
pub(crate) fn read(
    file: &str,
    bytes: &[u8],
    max_cells: usize,
    on_rows: &mut dyn FnMut(usize),
) -> Result<Workbook, Stop> {
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
    let mut n_cells = 0;
    for (name, path) in sheets {
        let entry = zip.by_name(&path).map_err(|_| UNSUPPORTED)?;
        let mut builder = SheetBuilder::new(n_cells, max_cells);
        SheetReader {
            context: &context,
            builder: &mut builder,
            row: 0,
            col: 0,
            progress: RowProgress::new(),
            text: String::new(),
        }
        .read(entry, on_rows)?;
        n_cells = builder.n_cells;
        out.sheets.push(builder.finish(name));
    }
    Ok(out)
}

/// The most XML this reader holds at once: a whole part other than a sheet (the shared strings of
/// a 100,000-row list are 8 MB), or the rows of a sheet not yet read. calamine, which streams
/// everything, reads anything larger, so memory stays bounded in a browser tab.
const MAX_HELD: usize = 1 << 26;

/// A whole part, or `None` when the package has no such part. Sheets stream instead.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Step<Option<Vec<u8>>> {
    // calamine also finds a part whose name differs in case or uses backslashes.
    let Some(index) = zip.index_for_name(name) else {
        let elsewhere = zip.file_names().any(|n| n.map_or(true, |n| same_part(&n, name)));
        return if elsewhere { Err(UNSUPPORTED) } else { Ok(None) };
    };
    let entry = zip.by_index(index).map_err(|_| UNSUPPORTED)?;
    if entry.size() > MAX_HELD as u64 {
        return Err(UNSUPPORTED);
    }
    let mut out = Vec::with_capacity(entry.size() as usize);
    // The declared size may lie: read one byte more than the cap to know.
    entry.take(MAX_HELD as u64 + 1).read_to_end(&mut out).map_err(|_| UNSUPPORTED)?;
    if out.len() > MAX_HELD {
        return Err(UNSUPPORTED);
    }
    Ok(Some(out))
}

fn same_part(entry: &str, name: &str) -> bool {
    let entry = entry.trim_start_matches(['/', '\\']);
    entry.len() == name.len()
        && entry.bytes().zip(name.bytes()).all(|(a, b)| a.eq_ignore_ascii_case(&b) || (a == b'\\' && b == b'/'))
}

/// A link from one part of the package to another.
struct Relationship {
    id: String,
    target: String,
    kind: String,
}

/// The relationships in a `.rels` part.
fn relationships(xml: &[u8]) -> Step<Vec<Relationship>> {
    let mut out = Vec::new();
    let mut tokens = Tokens::new(xml);
    while let Some(token) = tokens.next()? {
        if let Token::Start(tag) = token
            && tag.name == b"Relationship"
            && let Some(id) = tag.attr(b"Id")?
        {
            let text = |v: Option<&[u8]>| {
                std::str::from_utf8(v.unwrap_or_default()).map(str::to_string).map_err(|_| UNSUPPORTED)
            };
            out.push(Relationship {
                id: text(Some(id))?,
                target: text(tag.attr(b"Target")?)?,
                kind: text(tag.attr(b"Type")?)?,
            });
        }
    }
    Ok(out)
}

/// The worksheets in workbook order as (name, part path), and whether dates count from 1904.
fn workbook(xml: &[u8], rels: &[Relationship], dir: &str) -> Step<(Vec<(String, String)>, bool)> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    let mut tokens = Tokens::new(xml);
    while let Some(token) = tokens.next()? {
        let Token::Start(tag) = token else { continue };
        match tag.name {
            b"sheet" => {
                let mut name = String::new();
                let mut id = None;
                for attr in tag.attrs() {
                    let (key, value) = attr?;
                    match key {
                        b"name" => name = unescape(value)?,
                        b"state" if !matches!(value, b"visible" | b"hidden" | b"veryHidden") => {
                            return Err(UNSUPPORTED);
                        }
                        _ if local(key) == b"id" => id = Some(value),
                        _ => {}
                    }
                }
                let id = std::str::from_utf8(id.unwrap_or_default()).map_err(|_| UNSUPPORTED)?;
                // calamine takes the last relationship with the id.
                let rel = rels.iter().rfind(|rel| rel.id == id).ok_or(UNSUPPORTED)?;
                // Chart and dialog sheets are left to calamine, which says they hold no cells.
                if rel.kind.rsplit('/').next() != Some("worksheet") {
                    return Err(UNSUPPORTED);
                }
                let path = rel.target.strip_prefix('/').map_or_else(|| format!("{dir}{}", rel.target), str::to_string);
                sheets.push((name, path));
            }
            b"workbookPr" => {
                if let Some(v) = tag.attr(b"date1904")? {
                    is_1904 = v == b"1" || v == b"true";
                }
            }
            _ => {}
        }
    }
    Ok((sheets, is_1904))
}

/// The shared-strings table, each entry already a cell (one allocation per distinct text, shared
/// by every cell that uses it).
fn shared_strings(xml: &[u8]) -> Step<Vec<Cell>> {
    let mut tokens = Tokens::new(xml);
    let mut out = Vec::new();
    let mut text = String::new();
    loop {
        match tokens.next()?.ok_or(UNSUPPORTED)? {
            Token::Start(tag) if tag.name == b"sst" => break,
            _ => {}
        }
    }
    loop {
        match tokens.next()?.ok_or(UNSUPPORTED)? {
            Token::Start(tag) if tag.name == b"si" => {
                text.clear();
                if !tag.empty {
                    rich_text(&mut tokens, b"si", &mut text)?;
                }
                out.push(Cell::text(&text));
            }
            Token::End(b"sst") => return Ok(out),
            _ => {}
        }
    }
}

/// For each cell style (`cellXfs`), whether it formats numbers as dates, as calamine decides it.
fn date_styles(xml: &[u8]) -> Step<Vec<bool>> {
    let mut custom: Vec<(&[u8], String)> = Vec::new();
    let mut out = Vec::new();
    let mut tokens = Tokens::new(xml);
    // numFmt also appears in conditional formats (dxf) and xf outside cellXfs: not cell styles.
    let (mut in_num_fmts, mut in_cell_xfs) = (false, false);
    while let Some(token) = tokens.next()? {
        match token {
            Token::Start(tag) if tag.name == b"numFmts" => in_num_fmts = !tag.empty,
            Token::End(b"numFmts") => in_num_fmts = false,
            Token::Start(tag) if in_num_fmts && tag.name == b"numFmt" => {
                if let (Some(id), Some(code)) = (tag.attr(b"numFmtId")?, tag.attr(b"formatCode")?) {
                    custom.push((id, unescape(code)?));
                }
            }
            Token::Start(tag) if tag.name == b"cellXfs" => in_cell_xfs = !tag.empty,
            Token::End(b"cellXfs") => in_cell_xfs = false,
            Token::Start(tag) if in_cell_xfs && tag.name == b"xf" => out.push(match tag.attr(b"numFmtId")? {
                None => false,
                // calamine keeps the last format given an id.
                Some(id) => match custom.iter().rfind(|(custom_id, _)| *custom_id == id) {
                    Some((_, code)) => custom_format_is_date(code),
                    None => builtin_format_is_date(id),
                },
            }),
            _ => {}
        }
    }
    Ok(out)
}

/// calamine's reading of a custom number format: a date or time (not a duration such as `[h]:mm`)
/// when its first section has a date or time letter outside quotes, escapes and brackets.
fn custom_format_is_date(format: &str) -> bool {
    let (mut escaped, mut quoted, mut ap, mut hms) = (false, false, false, false);
    let mut brackets = 0u8;
    let mut prev = ' ';
    for c in format.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return false;
        } else if c == '[' {
            brackets = brackets.wrapping_add(1); // as calamine does in a release build, never a panic
        } else if c == ']' && brackets == 1 && hms {
            return false; // a duration
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !ap && matches!(c, 'a' | 'A') {
            ap = true;
        } else if brackets == 0
            && if ap {
                matches!(c, 'p' | 'm' | '/' | 'P' | 'M') // AM/PM, or A/P
            } else {
                matches!(c.to_ascii_lowercase(), 'd' | 'm' | 'h' | 'y' | 's')
            }
        {
            return true;
        } else if !(hms && c.eq_ignore_ascii_case(&prev)) {
            hms = prev == '[' && matches!(c.to_ascii_lowercase(), 'm' | 'h' | 's');
        }
        prev = c;
    }
    false
}

/// The built-in number formats that are dates or times (ECMA-376 18.8.30, and the East Asian ones).
fn builtin_format_is_date(id: &[u8]) -> bool {
    // calamine compares the attribute's text, so "014" is not format 14.
    let id = std::str::from_utf8(id).ok().and_then(|text| text.parse::<u32>().ok().filter(|n| n.to_string() == text));
    id.is_some_and(|id| matches!(id, 14..=22 | 27..=36 | 45 | 47 | 50..=58))
}

/// What every sheet's cells refer to.
struct Context<'a> {
    strings: &'a [Cell],
    dates: &'a [bool],
    is_1904: bool,
}

/// Bytes inflated per read of a sheet.
const CHUNK: usize = 1 << 18;

/// One worksheet on its way into columns of cells.
struct SheetReader<'a, 'b> {
    context: &'a Context<'a>,
    builder: &'b mut SheetBuilder,
    /// Where the next row and cell go when the file leaves out their positions (as calamine counts).
    row: u32,
    col: u32,
    progress: RowProgress,
    text: String,
}

impl SheetReader<'_, '_> {
    /// Streams the sheet's XML, handing complete rows to [`Self::rows`] as they arrive.
    fn read(&mut self, mut entry: impl Read, on_rows: &mut dyn FnMut(usize)) -> Step<()> {
        let mut buf = Vec::new();
        let mut unpacked = 0u64;
        let mut more = |buf: &mut Vec<u8>| -> Step<bool> {
            let len = buf.len();
            buf.resize(len + CHUNK, 0);
            let n = entry.read(&mut buf[len..]).map_err(|_| UNSUPPORTED)?;
            buf.truncate(len + n);
            unpacked += n as u64;
            // The zip directory's sizes were checked before reading; this holds if they lie.
            if unpacked > MAX_UNPACKED_BYTES {
                return Err(UNSUPPORTED);
            }
            Ok(n > 0)
        };
        // Up to the opening <sheetData>, which may carry a namespace prefix such as `x:`.
        let (mut start, prefix) = loop {
            if let Some(at) = find_bytes(&buf, b"sheetData")
                && let Some(close) = memchr(b'>', &buf[at..])
            {
                let mut tokens = Tokens::new(&buf[..at + close + 1]);
                let tag = loop {
                    match tokens.next()?.ok_or(UNSUPPORTED)? {
                        Token::Start(tag) if tag.name == b"sheetData" => break tag,
                        // calamine refuses a sheet whose dimension has no range.
                        Token::Start(tag) if tag.name == b"dimension" && tag.attr(b"ref")?.is_none() => {
                            return Err(UNSUPPORTED);
                        }
                        _ => {}
                    }
                };
                if tag.empty {
                    return Ok(());
                }
                let lt = buf[..at].iter().rposition(|&b| b == b'<').ok_or(UNSUPPORTED)?;
                break (tokens.pos, buf[lt + 1..at].to_vec());
            }
            if buf.len() > MAX_HELD || !more(&mut buf)? {
                return Err(UNSUPPORTED);
            }
        };
        // Then in runs of whole rows: a run ends just after a `</row>`, which cannot occur
        // inside text or attribute values (a `<` there must be escaped).
        let needle = [b"</".as_slice(), &prefix, b"row>"].concat();
        let mut searched = start;
        loop {
            let fresh = more(&mut buf)?;
            let from = searched.saturating_sub(needle.len()).max(start);
            let cut = if fresh {
                rfind_bytes(&buf[from..], &needle).map(|at| from + at + needle.len())
            } else {
                Some(buf.len())
            };
            searched = buf.len();
            if let Some(cut) = cut {
                if self.rows(&buf[start..cut], on_rows)? {
                    return Ok(());
                }
                start = cut;
            }
            if !fresh {
                return Err(UNSUPPORTED); // no </sheetData>: calamine reports the damage
            }
            if buf.len() - start > MAX_HELD {
                return Err(UNSUPPORTED); // a row far longer than any list's
            }
            buf.drain(..start);
            searched -= start;
            start = 0;
        }
    }

    /// Reads whole rows; `true` at the end of the sheet's data.
    fn rows(&mut self, xml: &[u8], on_rows: &mut dyn FnMut(usize)) -> Step<bool> {
        let mut tokens = Tokens::new(xml);
        while let Some(token) = tokens.next()? {
            match token {
                Token::Start(tag) if tag.name == b"c" => self.cell(&mut tokens, &tag, on_rows)?,
                Token::Start(tag) if tag.name == b"row" => {
                    if let Some(r) = tag.attr(b"r")? {
                        self.row = row_number(r)?;
                    }
                    if tag.empty {
                        self.end_row();
                    }
                }
                Token::End(b"row") => self.end_row(),
                Token::End(b"sheetData") => return Ok(true),
                _ => {}
            }
        }
        Ok(false)
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(1);
        self.col = 0;
    }

    fn cell(&mut self, tokens: &mut Tokens<'_>, tag: &Tag<'_>, on_rows: &mut dyn FnMut(usize)) -> Step<()> {
        let (mut at, mut style, mut kind) = (None, None, None);
        for attr in tag.attrs() {
            let (key, value) = attr?;
            match key {
                b"r" => at = Some(value),
                b"s" => style = Some(value),
                b"t" => kind = Some(value),
                _ => {}
            }
        }
        let (row, col) = match at {
            Some(at) => {
                let (row, col) = cell_reference(at)?;
                self.col = col;
                (row, col)
            }
            None => (self.row, self.col),
        };
        self.col = self.col.saturating_add(1);
        let mut value = Cell::Empty;
        let plain = !tag.empty && !matches!(kind, Some(b"str" | b"d" | b"inlineStr" | b"is"));
        if let Some(raw) = if plain { tokens.plain_value() } else { None } {
            value = self.plain_value(raw, style, kind)?;
        } else if !tag.empty {
            loop {
                match tokens.next()?.ok_or(UNSUPPORTED)? {
                    Token::Start(child) => value = self.value(tokens, &child, style, kind)?,
                    Token::End(b"c") => break,
                    _ => {}
                }
            }
        }
        if value.is_blank() {
            return Ok(());
        }
        self.progress.at(row as usize, on_rows);
        self.builder.put(row as usize, col as usize, value).map_err(|TooManyCells| Stop::TooLarge(self.builder.n_cells))
    }

    /// The value of one child of a `<c>`: its `<v>`, its inline `<is>` text, or nothing for `<f>`.
    fn value(
        &mut self,
        tokens: &mut Tokens<'_>,
        child: &Tag<'_>,
        style: Option<&[u8]>,
        kind: Option<&[u8]>,
    ) -> Step<Cell> {
        match child.name {
            b"is" => {
                self.text.clear();
                if !child.empty {
                    rich_text(tokens, b"is", &mut self.text)?;
                }
                Ok(Cell::text(&self.text))
            }
            b"f" => {
                skip_to_end(tokens, child)?;
                Ok(Cell::Empty)
            }
            b"v" if matches!(kind, Some(b"inlineStr" | b"is")) => {
                skip_to_end(tokens, child)?;
                Ok(Cell::Empty)
            }
            b"v" if matches!(kind, Some(b"str" | b"d")) => {
                self.text.clear();
                if !child.empty {
                    loop {
                        match tokens.next()?.ok_or(UNSUPPORTED)? {
                            Token::Text(raw) => text_into(raw, &mut self.text)?,
                            Token::End(b"v") => break,
                            _ => return Err(UNSUPPORTED),
                        }
                    }
                }
                Ok(if kind == Some(b"d") {
                    convert(&Data::DateTimeIso(self.text.clone()))
                } else {
                    let mut plain = String::new();
                    underscore_escapes(&self.text, &mut plain);
                    Cell::text(&plain)
                })
            }
            b"v" => {
                // Numbers, shared-string indexes, booleans and error codes: plain ASCII.
                let raw = if child.empty {
                    &b""[..]
                } else {
                    match tokens.next()?.ok_or(UNSUPPORTED)? {
                        Token::End(b"v") => &b""[..],
                        Token::Text(raw) if !raw.contains(&b'&') => match tokens.next()?.ok_or(UNSUPPORTED)? {
                            Token::End(b"v") => raw,
                            _ => return Err(UNSUPPORTED),
                        },
                        _ => return Err(UNSUPPORTED),
                    }
                };
                self.plain_value(raw, style, kind)
            }
            _ => Err(UNSUPPORTED),
        }
    }

    /// calamine's reading of a `<v>` of type n (the default), s, b or e.
    fn plain_value(&self, v: &[u8], style: Option<&[u8]>, kind: Option<&[u8]>) -> Step<Cell> {
        Ok(match kind {
            Some(b"s") if v.is_empty() => Cell::Empty,
            Some(b"s") => self.context.strings.get(digits(v)?).cloned().ok_or(UNSUPPORTED)?,
            Some(b"b") => match v.trim_ascii() {
                b"" => Cell::Empty,
                t if t == b"0" || t.eq_ignore_ascii_case(b"false") => Cell::Bool(false),
                t if t == b"1" || t.eq_ignore_ascii_case(b"true") => Cell::Bool(true),
                _ => return Err(UNSUPPORTED),
            },
            Some(b"e") => {
                let code = std::str::from_utf8(v).map_err(|_| UNSUPPORTED)?;
                Cell::Error(code.parse::<calamine::CellErrorType>().map_err(|_| UNSUPPORTED)?.to_string().into())
            }
            None | Some(b"n") if v.is_empty() => Cell::Empty,
            // calamine's own float parser, so every spelling reads as it does there.
            None | Some(b"n") => match fast_float2::parse::<f64, _>(v) {
                Ok(n) => {
                    let is_date = match style {
                        None => false,
                        Some(s) => self.context.dates.get(digits(s)?).copied().unwrap_or(false),
                    };
                    if is_date {
                        convert(&Data::DateTime(ExcelDateTime::new(
                            n,
                            ExcelDateTimeType::DateTime,
                            self.context.is_1904,
                        )))
                    } else {
                        Cell::Number(n)
                    }
                }
                // An untyped value that is not a number stays text, as typed.
                Err(_) if kind.is_none() => Cell::text(std::str::from_utf8(v).map_err(|_| UNSUPPORTED)?),
                Err(_) => return Err(UNSUPPORTED),
            },
            Some(_) => return Err(UNSUPPORTED),
        })
    }
}

/// A non-negative decimal number with no sign or spaces.
fn digits(v: &[u8]) -> Step<usize> {
    if v.is_empty() || v.len() > 9 || !v.iter().all(u8::is_ascii_digit) {
        return Err(UNSUPPORTED);
    }
    Ok(v.iter().fold(0, |n, d| n * 10 + usize::from(d - b'0')))
}

/// A `<row r="12">` as a 0-based row.
fn row_number(r: &[u8]) -> Step<u32> {
    (digits(r)? as u32).checked_sub(1).ok_or(UNSUPPORTED)
}

/// `B12` as a 0-based (row, column).
fn cell_reference(at: &[u8]) -> Step<(u32, u32)> {
    let letters = at.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return Err(UNSUPPORTED);
    }
    let col = at[..letters].iter().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1) - 1;
    Ok((row_number(&at[letters..])?, col))
}

/// The text of a string item (`<si>` or `<is>`) up to its end tag, as calamine reads it: the
/// `<t>` parts joined (rich text has several), phonetic guides (`<rPh>`) left out, each part
/// trimmed unless it keeps its spaces, and `_x000D_`-style escapes decoded.
fn rich_text(tokens: &mut Tokens<'_>, closing: &[u8], out: &mut String) -> Step<()> {
    let mut phonetic = false;
    let mut part = String::new();
    loop {
        match tokens.next()?.ok_or(UNSUPPORTED)? {
            Token::Start(tag) if tag.name == b"rPh" => phonetic = !tag.empty,
            Token::End(b"rPh") => phonetic = false,
            Token::Start(tag) if tag.name == b"t" && !phonetic => {
                let keep_spaces = tag.attr(b"xml:space")? == Some(b"preserve");
                part.clear();
                if !tag.empty {
                    loop {
                        match tokens.next()?.ok_or(UNSUPPORTED)? {
                            Token::Text(raw) => text_into(raw, &mut part)?,
                            Token::End(b"t") => break,
                            _ => {}
                        }
                    }
                }
                let text = if keep_spaces { part.as_str() } else { part.trim_matches([' ', '\t', '\r', '\n']) };
                underscore_escapes(text, out);
            }
            Token::End(name) if name == closing => return Ok(()),
            _ => {}
        }
    }
}

/// Skips an element's content, up to its end tag.
fn skip_to_end(tokens: &mut Tokens<'_>, tag: &Tag<'_>) -> Step<()> {
    if tag.empty {
        return Ok(());
    }
    let mut depth = 0usize;
    loop {
        match tokens.next()?.ok_or(UNSUPPORTED)? {
            Token::Start(inner) if inner.name == tag.name && !inner.empty => depth += 1,
            Token::End(name) if name == tag.name => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Ok(()),
            },
            _ => {}
        }
    }
}

/// Excel's `_xHHHH_` escapes (a UTF-16 unit each, for characters XML cannot hold), decoded.
fn underscore_escapes(text: &str, out: &mut String) {
    fn unit(b: &[u8], at: usize) -> Option<u16> {
        let e = b.get(at..at + 7)?;
        if e[0] != b'_' || e[1] != b'x' || e[6] != b'_' || !e[2..6].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&e[2..6]).ok()?, 16).ok()
    }
    let b = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr(b'_', &b[at..]) {
        at += found;
        let Some(high) = unit(b, at) else {
            at += 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        at += 7;
        let c = match high {
            0xD800..=0xDBFF => match unit(b, at) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    at += 7;
                    char::from_u32(0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00))
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(high)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// An attribute value with its entities decoded (one with a carriage return is left to calamine).
fn unescape(raw: &[u8]) -> Step<String> {
    let text = std::str::from_utf8(raw).map_err(|_| UNSUPPORTED)?;
    if text.contains('\r') {
        return Err(UNSUPPORTED);
    }
    let mut out = String::new();
    unescape_into(text, &mut out)?;
    Ok(out)
}

/// Appends element text: line ends made line feeds, as XML 1.0 reads them, then entities decoded
/// (so a `&#13;` stays a carriage return).
fn text_into(raw: &[u8], out: &mut String) -> Step<()> {
    let text = std::str::from_utf8(raw).map_err(|_| UNSUPPORTED)?;
    if text.contains('\r') {
        return unescape_into(&text.replace("\r\n", "\n").replace('\r', "\n"), out);
    }
    unescape_into(text, out)
}

/// Appends text with its entities decoded. Entities other than the five predefined ones and
/// character references are left to calamine.
fn unescape_into(text: &str, out: &mut String) -> Step<()> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..].find(';').ok_or(UNSUPPORTED)? + amp;
        let c = match &rest[amp + 1..semi] {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            code => {
                let (digits, radix) = match code.strip_prefix("#x") {
                    Some(hex) => (hex, 16),
                    None => (code.strip_prefix('#').ok_or(UNSUPPORTED)?, 10),
                };
                if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                    return Err(UNSUPPORTED);
                }
                u32::from_str_radix(digits, radix)
                    .ok()
                    .and_then(char::from_u32)
                    .filter(|&c| c != '\0')
                    .ok_or(UNSUPPORTED)?
            }
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// Where `needle` first occurs in `hay` (a few short needles, so no searcher to set up).
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = memchr(needle[0], &hay[from..]) {
        let at = from + at;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where `needle` last occurs in `hay`.
fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let last = *needle.last()?;
    let mut to = hay.len();
    while let Some(at) = memrchr(last, &hay[..to]) {
        if let Some(start) = (at + 1).checked_sub(needle.len())
            && hay[start..=at] == *needle
        {
            return Some(start);
        }
        to = at;
    }
    None
}

/// A name without its namespace prefix: `x:row` → `row`.
fn local(name: &[u8]) -> &[u8] {
    name.iter().position(|&b| b == b':').map_or(name, |colon| &name[colon + 1..])
}

/// The first `byte` in `hay`. Most distances in a sheet are a few bytes, where a plain loop beats
/// memchr's set-up (and in WebAssembly memchr has no vector instructions to win back).
#[inline]
fn find(byte: u8, hay: &[u8]) -> Option<usize> {
    let head = hay.len().min(16);
    match hay[..head].iter().position(|&b| b == byte) {
        Some(at) => Some(at),
        None => memchr(byte, &hay[head..]).map(|at| at + head),
    }
}

/// A piece of XML: tags carry their local name (any prefix such as `x:` dropped).
enum Token<'x> {
    /// An opening tag, or a self-closing one (`empty`).
    Start(Tag<'x>),
    End(&'x [u8]),
    Text(&'x [u8]),
}

struct Tag<'x> {
    name: &'x [u8],
    /// Everything between the name and the closing `>` or `/>`.
    attrs: &'x [u8],
    empty: bool,
}

impl<'x> Tag<'x> {
    /// The attributes as (name, raw value) pairs.
    fn attrs(&self) -> Attrs<'x> {
        Attrs { a: self.attrs, i: 0 }
    }

    fn attr(&self, key: &[u8]) -> Step<Option<&'x [u8]>> {
        for attr in self.attrs() {
            let (k, v) = attr?;
            if k == key {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }
}

/// Iterates over a tag's attributes; a malformed one stops the reader.
struct Attrs<'x> {
    a: &'x [u8],
    i: usize,
}

impl<'x> Iterator for Attrs<'x> {
    type Item = Step<(&'x [u8], &'x [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        let a = self.a;
        let mut i = self.i;
        while a.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i >= a.len() {
            return None;
        }
        self.i = a.len(); // stop after an error
        let eq = match find(b'=', &a[i..]) {
            Some(at) => at + i,
            None => return Some(Err(UNSUPPORTED)),
        };
        let mut v = eq + 1;
        while a.get(v).is_some_and(u8::is_ascii_whitespace) {
            v += 1;
        }
        let Some(&quote) = a.get(v).filter(|q| matches!(q, b'"' | b'\'')) else { return Some(Err(UNSUPPORTED)) };
        let Some(end) = find(quote, &a[v + 1..]).map(|at| at + v + 1) else { return Some(Err(UNSUPPORTED)) };
        self.i = end + 1;
        Some(Ok((a[i..eq].trim_ascii(), &a[v + 1..end])))
    }
}

/// Splits XML into tags and text. Comments, CDATA and document types stop the reader (they are
/// rare in workbooks, and calamine reads them); the XML declaration is skipped.
struct Tokens<'x> {
    xml: &'x [u8],
    pos: usize,
}

impl<'x> Tokens<'x> {
    fn new(xml: &'x [u8]) -> Self {
        Tokens { xml, pos: 0 }
    }

    /// The rest of the most common cell, `<v>123</v></c>`, in one step: its value's text. The
    /// tokens are not moved on when the cell is written any other way.
    #[inline]
    fn plain_value(&mut self) -> Option<&'x [u8]> {
        const END: &[u8] = b"</v></c>";
        let after = self.xml[self.pos..].strip_prefix(b"<v>")?;
        let end = find(b'<', after)?;
        let raw = &after[..end];
        if !after[end..].starts_with(END) || raw.contains(&b'&') {
            return None;
        }
        self.pos += 3 + end + END.len();
        Some(raw)
    }

    // Not inlined: it has a dozen callers, and a copy in each costs the browser download.
    #[inline(never)]
    fn next(&mut self) -> Step<Option<Token<'x>>> {
        loop {
            let rest = &self.xml[self.pos..];
            let Some(&first) = rest.first() else { return Ok(None) };
            if first != b'<' {
                let end = find(b'<', rest).unwrap_or(rest.len());
                self.pos += end;
                return Ok(Some(Token::Text(&rest[..end])));
            }
            match rest.get(1) {
                Some(b'/') => {
                    let end = find(b'>', rest).ok_or(UNSUPPORTED)?;
                    self.pos += end + 1;
                    return Ok(Some(Token::End(local(rest[2..end].trim_ascii_end()))));
                }
                Some(b'?') => self.pos += find_bytes(rest, b"?>").ok_or(UNSUPPORTED)? + 2,
                Some(b'!') | None => return Err(UNSUPPORTED),
                Some(_) => {
                    // The closing `>`, skipping any inside quoted attribute values.
                    let mut i = 1;
                    let end = loop {
                        let at =
                            rest[i..].iter().position(|b| matches!(b, b'>' | b'"' | b'\'')).ok_or(UNSUPPORTED)? + i;
                        if rest[at] == b'>' {
                            break at;
                        }
                        i = find(rest[at], &rest[at + 1..]).ok_or(UNSUPPORTED)? + at + 2;
                    };
                    let empty = rest[end - 1] == b'/';
                    let inner = &rest[1..if empty { end - 1 } else { end }];
                    let name_end = inner.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(inner.len());
                    self.pos += end + 1;
                    return Ok(Some(Token::Start(Tag {
                        name: local(&inner[..name_end]),
                        attrs: &inner[name_end..],
                        empty,
                    })));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;
    use crate::{MAX_CELLS, WorkbookError, read_with_calamine};

    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// Styles: 0 general, 1 built-in date (14), 2 custom UK date, 3 duration, 4 custom number.
    const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="&quot;£&quot;#,##0.00"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs><dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.0"/></dxf></dxfs></styleSheet>"#;

    /// A workbook package: each sheet as (name, the XML inside <worksheet>), and the shared strings.
    fn package(sheets: &[(&str, String)], shared: &[&str], date1904: bool, deflate: bool) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        let mut put = |name: &str, text: &str| {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        put(
            "_rels/.rels",
            &format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        );
        let mut rels = format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>"#
        );
        let mut book = format!(
            r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr{}/><sheets>"#,
            if date1904 { r#" date1904="1""# } else { "" }
        );
        for (i, (name, _)) in sheets.iter().enumerate() {
            rels += &format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#);
            book += &format!(r#"<sheet name="{name}" sheetId="{}" r:id="rId{i}"/>"#, i + 1);
        }
        put("xl/_rels/workbook.xml.rels", &(rels + "</Relationships>"));
        put("xl/workbook.xml", &(book + "</sheets></workbook>"));
        put("xl/styles.xml", STYLES);
        put(
            "xl/sharedStrings.xml",
            &format!(r#"<sst xmlns="{MAIN}" uniqueCount="{}">{}</sst>"#, shared.len(), shared.concat()),
        );
        for (i, (_, xml)) in sheets.iter().enumerate() {
            put(&format!("xl/worksheets/sheet{i}.xml"), &format!(r#"<?xml version="1.0" encoding="UTF-8"?>{xml}"#));
        }
        zip.finish().unwrap().into_inner()
    }

    fn worksheet(rows: &str) -> String {
        format!(
            r#"<worksheet xmlns="{MAIN}"><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>{rows}</sheetData><pageMargins left="0.7"/></worksheet>"#
        )
    }

    fn ours(bytes: &[u8]) -> Result<Workbook, Stop> {
        read("test.xlsx", bytes, MAX_CELLS, &mut |_| {})
    }

    fn calamine(bytes: &[u8]) -> Workbook {
        read_with_calamine("test.xlsx".into(), bytes, FileFormat::Xlsx, MAX_CELLS, &mut |_| {})
            .expect("calamine reads it")
    }

    /// Our reader reads the file (it does not hand it to calamine) and gets what calamine gets.
    fn same_as_calamine(bytes: &[u8]) -> Workbook {
        let Ok(ours) = ours(bytes) else { panic!("our reader gave up on a workbook it should read") };
        assert_eq!(ours, calamine(bytes));
        ours
    }

    const SHARED: &[&str] = &[
        "<si><t>Unique ID</t></si>",
        "<si><t>Autism &amp; ASD &lt;confirmed&gt; &#233;&#x2013;</t></si>",
        r#"<si><t xml:space="preserve">  padded  </t></si>"#,
        "<si><t>  trimmed\n </t></si>",
        "<si><t>line_x000D__x000A_break _x0041_ _xD83D__xDE00_ _xD800_ _x12_</t></si>",
        r#"<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>"#,
        "<si/>",
        "<si><t/></si>",
        "<si><t>   </t></si>",
        "<si><t>Zoë Ōkubo</t></si>",
        "<si><t>two\r\nlines\rand &#13;&#10;kept</t></si>",
    ];

    #[test]
    fn every_kind_of_cell_reads_as_calamine_reads_it() {
        let rows = [
            r#"<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c><c r="J1" t="s"><v>9</v></c><c r="K1" t="s"><v>10</v></c></row>"#,
            // Numbers, dates in three formats, a duration, a currency, booleans, errors.
            r#"<row r="2"><c r="A2"><v>42</v></c><c r="B2" s="0"><v>-3.75</v></c><c r="C2" s="1"><v>45000</v></c><c r="D2" s="2"><v>37211.5</v></c><c r="E2" s="3"><v>1.25</v></c><c r="F2" s="4"><v>12.5</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="b"><v>false</v></c><c r="I2" t="e"><v>#N/A</v></c><c r="J2" t="n"><v>1.5E-3</v></c><c r="K2" s="1"><v>60</v></c><c r="L2" s="1"><v>0</v></c><c r="M2" s="9"><v>7</v></c><c r="N2"><v> 5</v></c><c r="O2"><v>1.</v></c><c r="P2"><v>n/a</v></c></row>"#,
            // Formulas with cached values, text formulas, inline strings, ISO dates, blanks.
            r#"<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>A1&amp;"x"</f><v>Unique IDx &amp; more_x0009_</v></c><c r="C3" t="inlineStr"><is><t>inline &quot;text&quot;</t></is></c><c r="D3" t="inlineStr"><is><r><t>two</t></r><r><t xml:space="preserve"> runs </t></r></is></c><c r="E3" t="d"><v>2024-09-01T00:00:00</v></c><c r="F3" s="1"/><c r="G3"><v></v></c><c r="H3" t="s"><v></v></c><c r="I3" t="str"><v>   </v></c><c r="J3"><f t="shared" ref="J3:J4" si="0">A3*2</f><v>4</v></c></row>"#,
            // Cells and rows without positions, a self-closing row, a row further down.
            r#"<row><c t="s"><v>9</v></c><c/><c><v>8</v></c></row><row r="7" spans="1:1"/><row><c r="C9"><v>9</v></c><c><v>10</v></c></row><row r="12"><c r="AB12" t="b"><v> 0 </v></c></row>"#,
        ];
        let bytes =
            package(&[("List 1 &amp; more", worksheet(&rows.concat())), ("Empty", worksheet(""))], SHARED, false, true);
        let book = same_as_calamine(&bytes);
        // The comparison means something only if the cells are what they should be.
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "List 1 & more");
        assert_eq!(sheet.cell(0, 1), &Cell::text("Autism & ASD <confirmed> é–"));
        assert_eq!(sheet.cell(0, 2), &Cell::text("  padded  "));
        assert_eq!(sheet.cell(0, 4), &Cell::text("line\r\nbreak A 😀 \u{fffd} _x12_"));
        assert_eq!(sheet.cell(0, 5), &Cell::text("Rich text"));
        assert_eq!(sheet.cell(0, 10), &Cell::text("two\nlines\nand \r\nkept"));
        assert_eq!(sheet.cell(1, 2), &Cell::Date(NaiveDate::from_ymd_opt(2023, 3, 15).unwrap()));
        assert_eq!(sheet.cell(1, 3), &Cell::Date(NaiveDate::from_ymd_opt(2001, 11, 16).unwrap()));
        assert_eq!(sheet.cell(1, 4), &Cell::Number(1.25));
        assert_eq!(sheet.cell(1, 8), &Cell::Error("#N/A".into()));
        assert_eq!(sheet.cell(1, 13), &Cell::text(" 5"));
        assert_eq!(sheet.cell(1, 15), &Cell::text("n/a"));
        assert_eq!(sheet.cell(2, 1), &Cell::text("Unique IDx & more\t"));
        assert_eq!(sheet.cell(3, 0), &Cell::text("Zoë Ōkubo"));
        assert_eq!(sheet.cell(3, 2), &Cell::Number(8.0));
        assert_eq!(sheet.cell(8, 2), &Cell::Number(9.0));
        // A cell without a position goes in the row being read, whatever the cell before it said.
        assert_eq!(sheet.cell(7, 3), &Cell::Number(10.0));
        assert_eq!(sheet.cell(11, 27), &Cell::Bool(false));
        assert!(book.sheets[1].is_empty());
    }

    use chrono::NaiveDate;

    #[test]
    fn dates_count_from_1904_when_the_workbook_says_so() {
        let rows = r#"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>43000</v></c></row>"#;
        let book = same_as_calamine(&package(&[("S", worksheet(rows))], SHARED, true, false));
        assert_eq!(book.date_system, DateSystem::Excel1904);
        assert_eq!(book.sheets[0].cell(0, 0), &Cell::Date(NaiveDate::from_ymd_opt(1904, 1, 1).unwrap()));
    }

    #[test]
    fn prefixed_elements_as_some_exporters_write_them() {
        let xml = format!(
            r#"<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
        );
        let book = same_as_calamine(&package(&[("S", xml)], SHARED, false, true));
        assert_eq!(book.sheets[0].cell(0, 1), &Cell::Number(5.0));
        assert_eq!(book.sheets[0].cell(1, 0), &Cell::text("x"));
    }

    #[test]
    fn rows_longer_than_a_chunk_and_a_header_before_the_data() {
        // One row of 30,000 cells (over 256 KB of XML), so a row crosses the chunks read.
        let cells: String = (0..30_000)
            .map(|i| format!(r#"<c r="{}1" t="s"><v>{}</v></c>"#, column_name(i % 16_000), i % 10))
            .collect();
        let rows = format!(r#"<row r="1">{cells}</row><row r="2"><c r="A2"><v>1</v></c></row>"#);
        let header = format!(
            r#"<worksheet xmlns="{MAIN}"><cols>{}</cols><sheetData>{rows}</sheetData></worksheet>"#,
            r#"<col min="1" max="1" width="9"/>"#.repeat(20_000)
        );
        same_as_calamine(&package(&[("S", header)], SHARED, false, true));
    }

    fn column_name(mut i: usize) -> String {
        let mut name = Vec::new();
        i += 1;
        while i > 0 {
            name.push(b'A' + ((i - 1) % 26) as u8);
            i = (i - 1) / 26;
        }
        name.reverse();
        String::from_utf8(name).unwrap()
    }

    #[test]
    fn what_it_does_not_handle_goes_to_calamine() {
        for rows in [
            r#"<row r="1"><!-- a comment --><c r="A1"><v>1</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>"#,
            r#"<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="n"><v>five</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="x"><v>5</v></c></row>"#,
            r#"<row r="1"><c r="A1"><extLst/></c></row>"#,
        ] {
            let bytes = package(&[("S", worksheet(rows))], SHARED, false, false);
            assert!(matches!(ours(&bytes), Err(Stop::Unsupported)), "{rows}");
            assert_eq!(
                crate::read_workbook("test.xlsx", &bytes).map_err(|e| e.to_string()),
                read_with_calamine("test.xlsx".into(), &bytes, FileFormat::Xlsx, MAX_CELLS, &mut |_| {})
                    .map_err(|e| e.to_string())
            );
        }
    }

    #[test]
    fn workbooks_from_other_writers_read_as_calamine_reads_them() {
        // Made by tests/fixtures/make_fixtures.py (openpyxl) and make_sheetjs_fixture.mjs (SheetJS).
        let openpyxl = same_as_calamine(include_bytes!("../../../tests/fixtures/written_by_openpyxl.xlsx"));
        let list = &openpyxl.sheets[0];
        assert_eq!(
            (list.name.as_str(), list.n_rows(), openpyxl.sheets[1].name.as_str()),
            ("List 1 & EHC", 40, "Hidden")
        );
        assert_eq!(list.cell(1, 1), &Cell::Date(NaiveDate::from_ymd_opt(2010, 2, 2).unwrap()));
        assert_eq!(list.cell(5, 5), &Cell::text("  spaced  "));
        assert_eq!(list.cell(3, 9), &Cell::text("line one\nline two"));
        let text_in_cells = same_as_calamine(include_bytes!("../../../tests/fixtures/written_by_sheetjs.xlsx"));
        let shared = same_as_calamine(include_bytes!("../../../tests/fixtures/written_by_sheetjs_shared.xlsx"));
        assert_eq!(text_in_cells.sheets, shared.sheets);
        let list = &shared.sheets[0];
        assert_eq!(list.cell(7, 5), &Cell::text("Tom & Jerry <x>"));
        assert_eq!(list.cell(2, 8), &Cell::Error("#N/A".into()));
    }

    #[test]
    fn a_part_named_in_another_case_goes_to_calamine() {
        // calamine finds "xl/Styles.xml" for "xl/styles.xml"; read without it, dates would be numbers.
        let rows = r#"<row r="1"><c r="A1" s="1"><v>45000</v></c></row>"#;
        let bytes = package(&[("S", worksheet(rows))], SHARED, false, true);
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut renamed = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).unwrap();
            let name = entry.name().unwrap().replace("styles.xml", "Styles.xml");
            renamed.raw_copy_file_rename(entry, name).unwrap();
        }
        let bytes = renamed.finish().unwrap().into_inner();
        assert!(matches!(ours(&bytes), Err(Stop::Unsupported)));
        let book = crate::read_workbook("test.xlsx", &bytes).unwrap();
        assert_eq!(book.sheets[0].cell(0, 0), &Cell::Date(NaiveDate::from_ymd_opt(2023, 3, 15).unwrap()));
    }

    #[test]
    fn the_cell_cap_is_the_same_as_with_calamine() {
        let rows: String = (1..=10)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c></row>"#))
            .collect();
        let bytes = package(&[("S", worksheet(&rows))], SHARED, false, true);
        let limited = |bytes: &[u8]| crate::read_workbook_limited("test.xlsx", bytes, 7);
        let Err(WorkbookError::TooLarge { cells, limit: 7, .. }) = limited(&bytes) else { panic!("not refused") };
        assert_eq!(cells, 8);
        assert!(matches!(
            read_with_calamine("test.xlsx".into(), &bytes, FileFormat::Xlsx, 7, &mut |_| {}),
            Err(WorkbookError::TooLarge { cells: 8, .. })
        ));
    }

    #[test]
    fn custom_number_formats_are_dates_as_calamine_decides() {
        for (format, date) in [
            ("dd/mm/yyyy", true),
            ("[$-809]dd mmmm yyyy", true),
            ("h:mm AM/PM", true),
            ("[h]:mm:ss", false),
            ("0.00", false),
            ("\"Date\" 0", false),
            ("#,##0;[Red]-#,##0", false),
            ("General;dd/mm/yy", false),
            ("_-* #,##0_-", false),
        ] {
            assert_eq!(custom_format_is_date(format), date, "{format}");
        }
        // A forged format cannot make the reader panic.
        assert!(!custom_format_is_date(&"[".repeat(300)));
        assert!(
            builtin_format_is_date(b"14")
                && builtin_format_is_date(b"57")
                && !builtin_format_is_date(b"46")
                && !builtin_format_is_date(b"014")
        );
    }

    /// One generated cell: its XML and the shared strings it may point into.
    fn cell_xml(kind: u8, n: u32, at: Option<String>) -> String {
        let r = at.map(|a| format!(r#" r="{a}""#)).unwrap_or_default();
        let shared = SHARED.len() as u32;
        match kind % 10 {
            0 => format!(r#"<c{r} t="s"><v>{}</v></c>"#, n % shared),
            1 => format!(r#"<c{r}><v>{n}</v></c>"#),
            2 => format!(r#"<c{r} s="{}"><v>{}.{}</v></c>"#, n % 5, n % 60_000, n % 97),
            3 => format!(r#"<c{r} t="b"><v>{}</v></c>"#, n % 2),
            4 => format!(r#"<c{r} t="str"><f>X</f><v>v{n} &amp; _x0041_</v></c>"#),
            5 => format!(r#"<c{r} t="inlineStr"><is><t xml:space="preserve"> {n} </t></is></c>"#),
            6 => format!(r#"<c{r} s="1"/>"#),
            7 => format!(r#"<c{r} t="e"><v>{}</v></c>"#, ["#DIV/0!", "#REF!", "#VALUE!"][n as usize % 3]),
            8 => format!(r#"<c{r}><v>-{n}E-2</v></c>"#),
            _ => String::new(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any grid of the kinds of cells spreadsheet programs write, with or without positions,
        /// with or without a prefix, reads exactly as calamine reads it.
        #[test]
        fn generated_sheets_read_as_calamine_reads_them(
            grid in prop::collection::vec(prop::collection::vec((0u8..10, 0u32..1_000_000), 0..12), 0..40),
            positions in any::<bool>(),
            skip in 0u32..3,
        ) {
            let mut rows = String::new();
            let mut r = 0u32;
            for row in &grid {
                r += 1 + (skip * (r % 2));
                let cells: String = row.iter().enumerate().map(|(c, &(kind, n))| {
                    cell_xml(kind, n, positions.then(|| format!("{}{r}", column_name(c * (1 + skip as usize)))))
                }).collect();
                rows += &if positions { format!(r#"<row r="{r}">{cells}</row>"#) } else { format!("<row>{cells}</row>") };
            }
            let bytes = package(&[("S", worksheet(&rows))], SHARED, skip == 2, true);
            let ours = ours(&bytes);
            prop_assert!(ours.is_ok(), "our reader gave up");
            prop_assert_eq!(ours.ok().unwrap(), calamine(&bytes));
        }
    }
}

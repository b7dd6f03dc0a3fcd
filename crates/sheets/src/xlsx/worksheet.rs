//! One worksheet, inflated in pieces and read in runs of whole rows straight into a
//! [`SheetBuilder`].

use std::io::Read;

use memchr::memchr;

use super::tokenizer::{
    Tag, Token, Tokens, find_bytes, rfind_bytes, rich_text, skip_to_end, text_into, underscore_escapes,
};
use super::{MAX_HELD, Step, Stop, UNSUPPORTED};
use crate::calamine_bridge::{error_code, iso_date, serial_date};
use crate::sheet::{SheetBuilder, TooManyCells, Tracker};
use crate::{Cell, MAX_UNPACKED_BYTES};

/// What every sheet's cells refer to.
pub(super) struct Context<'a> {
    pub(super) strings: &'a [Cell],
    pub(super) dates: &'a [bool],
    pub(super) is_1904: bool,
}

/// Reads one worksheet part into `builder`.
pub(super) fn read(
    entry: impl Read,
    context: &Context<'_>,
    builder: &mut SheetBuilder,
    progress: &mut Tracker<'_>,
) -> Step<()> {
    SheetReader { context, builder, row: 0, col: 0, text: String::new() }.read(entry, progress)
}

/// Bytes inflated per read of a sheet (and progress is reported once a read).
const CHUNK: usize = 1 << 18;

/// One worksheet on its way into columns of cells.
struct SheetReader<'a, 'b> {
    context: &'a Context<'a>,
    builder: &'b mut SheetBuilder,
    /// Where the next row and cell go when the file leaves out their positions (as calamine counts).
    row: u32,
    col: u32,
    text: String,
}

impl SheetReader<'_, '_> {
    /// Streams the sheet's XML, handing complete rows to [`Self::rows`] as they arrive.
    fn read(&mut self, mut entry: impl Read, progress: &mut Tracker<'_>) -> Step<()> {
        let mut buf = Vec::new();
        let unpacked_so_far = std::cell::Cell::new(0u64);
        let mut more = |buf: &mut Vec<u8>| -> Step<bool> {
            let len = buf.len();
            buf.resize(len + CHUNK, 0);
            let n = entry.read(&mut buf[len..]).map_err(|_| UNSUPPORTED)?;
            buf.truncate(len + n);
            let unpacked = unpacked_so_far.get() + n as u64;
            unpacked_so_far.set(unpacked);
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
                if self.rows(&buf[start..cut])? {
                    return Ok(());
                }
                start = cut;
                progress.at(unpacked_so_far.get(), self.row as usize);
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
    fn rows(&mut self, xml: &[u8]) -> Step<bool> {
        let mut tokens = Tokens::new(xml);
        while let Some(token) = tokens.next()? {
            match token {
                Token::Start(tag) if tag.name == b"c" => self.cell(&mut tokens, &tag)?,
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

    fn cell(&mut self, tokens: &mut Tokens<'_>, tag: &Tag<'_>) -> Step<()> {
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
                    iso_date(&self.text)
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
                error_code(code).ok_or(UNSUPPORTED)?
            }
            None | Some(b"n") if v.is_empty() => Cell::Empty,
            // calamine's own float parser, so every spelling reads as it does there.
            None | Some(b"n") => match fast_float2::parse::<f64, _>(v) {
                Ok(n) => {
                    let is_date = match style {
                        None => false,
                        Some(s) => self.context.dates.get(digits(s)?).copied().unwrap_or(false),
                    };
                    if is_date { serial_date(n, self.context.is_1904) } else { Cell::Number(n) }
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

//! The parts of the package other than the sheets, each read whole: relationships, the workbook
//! (sheet names and the date system), shared strings, and which cell styles are dates.

use std::io::{Cursor, Read};

use super::tokenizer::{Token, Tokens, local, rich_text, unescape};
use super::{MAX_HELD, Step, UNSUPPORTED};
use crate::Cell;

/// A whole part, or `None` when the package has no such part. Sheets stream instead.
pub(super) fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Step<Option<Vec<u8>>> {
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
pub(super) struct Relationship {
    id: String,
    pub(super) target: String,
    pub(super) kind: String,
}

/// The relationships in a `.rels` part.
pub(super) fn relationships(xml: &[u8]) -> Step<Vec<Relationship>> {
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
pub(super) fn workbook(xml: &[u8], rels: &[Relationship], dir: &str) -> Step<(Vec<(String, String)>, bool)> {
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
pub(super) fn shared_strings(xml: &[u8]) -> Step<Vec<Cell>> {
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
pub(super) fn date_styles(xml: &[u8]) -> Step<Vec<bool>> {
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
pub(super) fn custom_format_is_date(format: &str) -> bool {
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
pub(super) fn builtin_format_is_date(id: &[u8]) -> bool {
    // calamine compares the attribute's text, so "014" is not format 14.
    let id = std::str::from_utf8(id).ok().and_then(|text| text.parse::<u32>().ok().filter(|n| n.to_string() == text));
    id.is_some_and(|id| matches!(id, 14..=22 | 27..=36 | 45 | 47 | 50..=58))
}

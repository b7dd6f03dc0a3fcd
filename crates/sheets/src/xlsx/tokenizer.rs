//! A small XML tokenizer for the parts of a workbook, and the text inside them: entities,
//! string items and Excel's `_xHHHH_` escapes. Anything it does not know stops the reader.

use memchr::{memchr, memrchr};

use super::{Step, UNSUPPORTED};

/// A piece of XML: tags carry their local name (any prefix such as `x:` dropped).
pub(super) enum Token<'x> {
    /// An opening tag, or a self-closing one (`empty`).
    Start(Tag<'x>),
    End(&'x [u8]),
    Text(&'x [u8]),
}

pub(super) struct Tag<'x> {
    pub(super) name: &'x [u8],
    /// Everything between the name and the closing `>` or `/>`.
    attrs: &'x [u8],
    pub(super) empty: bool,
}

impl<'x> Tag<'x> {
    /// The attributes as (name, raw value) pairs.
    pub(super) fn attrs(&self) -> Attrs<'x> {
        Attrs { a: self.attrs, i: 0 }
    }

    pub(super) fn attr(&self, key: &[u8]) -> Step<Option<&'x [u8]>> {
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
pub(super) struct Attrs<'x> {
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
pub(super) struct Tokens<'x> {
    xml: &'x [u8],
    pub(super) pos: usize,
}

impl<'x> Tokens<'x> {
    pub(super) fn new(xml: &'x [u8]) -> Self {
        Tokens { xml, pos: 0 }
    }

    /// The rest of the most common cell, `<v>123</v></c>`, in one step: its value's text. The
    /// tokens are not moved on when the cell is written any other way.
    #[inline]
    pub(super) fn plain_value(&mut self) -> Option<&'x [u8]> {
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
    pub(super) fn next(&mut self) -> Step<Option<Token<'x>>> {
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

/// An attribute value with its entities decoded (one with a carriage return is left to calamine).
pub(super) fn unescape(raw: &[u8]) -> Step<String> {
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
pub(super) fn text_into(raw: &[u8], out: &mut String) -> Step<()> {
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

/// The text of a string item (`<si>` or `<is>`) up to its end tag, as calamine reads it: the
/// `<t>` parts joined (rich text has several), phonetic guides (`<rPh>`) left out, each part
/// trimmed unless it keeps its spaces, and `_x000D_`-style escapes decoded.
pub(super) fn rich_text(tokens: &mut Tokens<'_>, closing: &[u8], out: &mut String) -> Step<()> {
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
pub(super) fn skip_to_end(tokens: &mut Tokens<'_>, tag: &Tag<'_>) -> Step<()> {
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
pub(super) fn underscore_escapes(text: &str, out: &mut String) {
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

/// A name without its namespace prefix: `x:row` → `row`.
pub(super) fn local(name: &[u8]) -> &[u8] {
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

/// Where `needle` first occurs in `hay` (a few short needles, so no searcher to set up).
pub(super) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
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
pub(super) fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
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

//! The zip container for the DOCX, XLSX, ODT and ODS files we write: deflated parts (and a stored
//! one, for ODF's `mimetype`), a central directory,
//! nothing else. Reading zips stays with the `zip` crate (through calamine); writing with it
//! would link its whole writer and, through the `deflate` feature calamine turns on, the zopfli
//! compressor into the wasm, which does not fit the 1 MB asset budget. Office files need only
//! this plain subset: no encryption, no zip64 (parts are far below 4 GB), UTF-8 names.

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// A zip being built in memory.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 1 January 1980, midnight: the earliest DOS date. A fixed time keeps output reproducible.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: the name is UTF-8.
const FLAGS: u16 = 1 << 11;
const DEFLATE: u16 = 8;
const STORED: u16 = 0;
const VERSION: u16 = 20;

impl ZipWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one part, deflated.
    pub fn add(&mut self, name: &str, pieces: &[&str]) {
        let mut part = Deflating::new();
        for piece in pieces {
            part.push_str(piece);
        }
        self.put(name, part.finished());
    }

    /// Adds one part as `head`, then `body` (deflated as it was written), then `tail`: for a
    /// part too large to hold as text whose opening is known only at the end (a sheet's size).
    pub fn add_around(&mut self, name: &str, head: &str, body: Deflating, tail: &str) {
        // Deflate blocks from separate encoders may follow one another: all but the last end on
        // a byte boundary without a final block, and none refers back past its own start.
        let mut part = Flushed::default();
        if !head.is_empty() {
            part.append(Deflating::of(head).flushed());
        }
        if body.size > 0 {
            part.append(body.flushed());
        }
        part.append(Deflating::of(tail).finished());
        self.put(name, part);
    }

    fn put(&mut self, name: &str, part: Flushed) {
        self.entry(name, DEFLATE, part.crc.finalize(), part.size, &part.data);
    }

    /// Adds one part uncompressed (ODF's `mimetype`, which readers find at a fixed offset).
    pub fn add_stored(&mut self, name: &str, text: &str) {
        self.entry(name, STORED, crc32fast::hash(text.as_bytes()), text.len(), text.as_bytes());
    }

    fn entry(&mut self, name: &str, method: u16, crc: u32, size: usize, data: &[u8]) {
        let offset = self.out.len() as u32;
        let (name_len, size, packed) = (name.len() as u16, size as u32, data.len() as u32);

        let local = &mut self.out;
        put32(local, 0x0403_4b50);
        for v in [VERSION, FLAGS, method, DOS_TIME, DOS_DATE] {
            put16(local, v);
        }
        for v in [crc, packed, size] {
            put32(local, v);
        }
        put16(local, name_len);
        put16(local, 0);
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(data);

        let central = &mut self.central;
        put32(central, 0x0201_4b50);
        for v in [VERSION, VERSION, FLAGS, method, DOS_TIME, DOS_DATE] {
            put16(central, v);
        }
        for v in [crc, packed, size] {
            put32(central, v);
        }
        // Name length, then no extra field, comment, disk number or attributes.
        for v in [name_len, 0, 0, 0, 0] {
            put16(central, v);
        }
        put32(central, 0);
        put32(central, offset);
        central.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    /// The finished zip file.
    pub fn finish(mut self) -> Vec<u8> {
        let (start, size) = (self.out.len() as u32, self.central.len() as u32);
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        for v in [0, 0, self.entries, self.entries] {
            put16(&mut self.out, v);
        }
        put32(&mut self.out, size);
        put32(&mut self.out, start);
        put16(&mut self.out, 0);
        self.out
    }
}

/// Text deflated as it is written, so a part of hundreds of megabytes (a sheet of a million
/// findings) is never held whole as text: about a tenth of its size, deflated.
pub struct Deflating {
    encoder: DeflateEncoder<Vec<u8>>,
    crc: crc32fast::Hasher,
    size: usize,
}

impl Default for Deflating {
    fn default() -> Self {
        Deflating { encoder: DeflateEncoder::new(Vec::new(), Compression::default()), crc: Default::default(), size: 0 }
    }
}

/// Deflate blocks, with the checksum and size of what they hold.
#[derive(Default)]
struct Flushed {
    data: Vec<u8>,
    crc: crc32fast::Hasher,
    size: usize,
}

impl Flushed {
    fn append(&mut self, next: Flushed) {
        self.data.extend_from_slice(&next.data);
        self.crc.combine(&next.crc);
        self.size += next.size;
    }
}

impl Deflating {
    pub fn new() -> Self {
        Self::default()
    }

    fn of(text: &str) -> Self {
        let mut part = Self::new();
        part.push_str(text);
        part
    }

    pub fn push_str(&mut self, text: &str) {
        self.crc.update(text.as_bytes());
        // Writing to memory fails only if allocation does, which aborts anyway.
        self.encoder.write_all(text.as_bytes()).expect("deflate in memory");
        self.size += text.len();
    }

    /// Bytes written so far (before deflating).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Everything so far as deflate blocks with no final block (a sync flush).
    fn flushed(mut self) -> Flushed {
        self.encoder.flush().expect("deflate in memory");
        let data = std::mem::take(self.encoder.get_mut());
        Flushed { data, crc: self.crc, size: self.size }
    }

    /// Everything as deflate blocks, the last marked final.
    fn finished(self) -> Flushed {
        let data = self.encoder.finish().expect("deflate in memory");
        Flushed { data, crc: self.crc, size: self.size }
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_crate_reads_back_every_part_with_its_name_and_content() {
        let mut zip = ZipWriter::new();
        zip.add("[Content_Types].xml", &["<Types/>"]);
        zip.add("xl/ünïcode name.xml", &["<a>", &"x".repeat(100_000), "</a>"]);
        zip.add("empty.xml", &[]);
        zip.add_stored("mimetype", "application/vnd.oasis.opendocument.text");
        let bytes = zip.finish();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        assert_eq!(archive.len(), 4);
        assert_eq!(archive.by_name("mimetype").unwrap().compression(), zip::CompressionMethod::Stored);
        let mut read = |name: &str| {
            let mut text = String::new();
            archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
            text
        };
        assert_eq!(read("[Content_Types].xml"), "<Types/>");
        assert_eq!(read("xl/ünïcode name.xml").len(), 100_007);
        assert_eq!(read("empty.xml"), "");
        assert_eq!(read("mimetype"), "application/vnd.oasis.opendocument.text");
        assert!(bytes.len() < 2_000, "deflated: {} bytes", bytes.len());
    }

    #[test]
    fn a_part_deflated_as_written_reads_back_whole_between_its_head_and_tail() {
        let mut body = Deflating::new();
        for n in 0..50_000 {
            body.push_str(&format!("<row r=\"{n}\"/>"));
        }
        let mut zip = ZipWriter::new();
        zip.add_around("sheet.xml", "<sheet rows=\"50000\">", body, "</sheet>");
        zip.add_around("empty.xml", "", Deflating::new(), "");
        zip.add_around("no-body.xml", "<a>", Deflating::new(), "</a>");
        let bytes = zip.finish();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        let mut read = |name: &str| {
            let mut text = String::new();
            // The zip crate checks each part's CRC-32 as it reads to the end.
            archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
            text
        };
        let sheet = read("sheet.xml");
        assert!(
            sheet.starts_with("<sheet rows=\"50000\"><row r=\"0\"/>") && sheet.ends_with("<row r=\"49999\"/></sheet>")
        );
        assert_eq!(sheet.matches("<row ").count(), 50_000);
        assert_eq!(read("empty.xml"), "");
        assert_eq!(read("no-body.xml"), "<a></a>");
    }
}

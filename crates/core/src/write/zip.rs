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
        let mut crc = crc32fast::Hasher::new();
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        let mut size = 0usize;
        for piece in pieces {
            crc.update(piece.as_bytes());
            // Writing to memory fails only if allocation does, which aborts anyway.
            encoder.write_all(piece.as_bytes()).expect("deflate in memory");
            size += piece.len();
        }
        let data = encoder.finish().expect("deflate in memory");
        self.entry(name, DEFLATE, crc.finalize(), size, &data);
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
}

//! `area-send validate FILE`: whether a project file opens, with the message the app would give.
//!
//! Exit status: 0 it opens; 1 it does not; 2 bad arguments.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use area_send_core::domain::project_file;

use crate::{fail, file_name};

const USAGE: &str = "\
Usage: area-send validate FILE

Says whether a project file (.json, saved from the app) opens, and if not, why: the same
message the app gives when it is opened there.

Exit status: 0 it opens, 1 it does not, 2 bad arguments.";

pub fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut files = Vec::new();
    loop {
        match parser.next() {
            Ok(None) => break,
            Ok(Some(Short('h') | Long("help"))) => {
                let _ = writeln!(out, "{USAGE}");
                return 0;
            }
            Ok(Some(Value(v))) => files.push(PathBuf::from(v)),
            Ok(Some(other)) => return fail(err, "area-send validate", &other.unexpected().to_string(), USAGE),
            Err(e) => return fail(err, "area-send validate", &e.to_string(), USAGE),
        }
    }
    let [path] = files.as_slice() else {
        return fail(err, "area-send validate", "give exactly one project file", USAGE);
    };
    let name = file_name(path);
    let opened = std::fs::read(path)
        .map_err(|e| format!("the file could not be read ({e})"))
        .and_then(|bytes| project_file::from_bytes(&bytes).map_err(|e| e.to_string()));
    match opened {
        Ok(project) => {
            let area =
                if project.area_name.trim().is_empty() { "no area name yet".into() } else { project.area_name.clone() };
            let _ = writeln!(out, "“{name}” opens: {area}, {}.", project.edition().title);
            0
        }
        Err(message) => {
            let _ = writeln!(out, "“{name}” does not open: {message}");
            1
        }
    }
}

//! Browser baselines for `tests/bench/browser.mjs`: the same work as the native benchmark's
//! baseline (calamine parsing every sheet into a range), and the app's reader alone, compiled to
//! WebAssembly like the app and timed in the same browser. The gap between these and the app's
//! full check shows what the browser costs and what our checks cost. Not part of the app.

use std::io::Cursor;

use calamine::Reader;
use wasm_bindgen::prelude::*;

/// calamine alone: every sheet into a `Range`, as `benches/annex_a.rs` measures natively.
/// Returns the number of cells, so the work cannot be optimised away.
#[wasm_bindgen]
pub fn calamine_parse(bytes: &[u8]) -> usize {
    let Ok(mut wb) = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) else { return 0 };
    let mut cells = 0;
    for name in wb.sheet_names() {
        if let Ok(range) = wb.worksheet_range(&name) {
            let (h, w) = range.get_size();
            cells += h * w;
        }
    }
    cells
}

/// The app's reader alone (no checks): bytes to rows of cells.
#[wasm_bindgen]
pub fn sheets_read(bytes: &[u8]) -> usize {
    area_send_sheets::read_workbook("bench.xlsx", bytes, area_send_sheets::ReadOptions::default())
        .map_or(0, |wb| wb.sheets.iter().map(|s| (0..s.width()).map(|c| s.column(c).len()).sum::<usize>()).sum())
}

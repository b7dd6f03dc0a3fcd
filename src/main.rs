use wasm_bindgen::prelude::*;

fn main() {
    area_send_app::start();
}

/// Called by the Annex A worker script (see `scripts/postbuild.py`): reads and checks Annex A files.
#[wasm_bindgen]
pub fn annex_check(
    request: String,
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    progress: &js_sys::Function,
) -> String {
    area_send_app::annex_worker::run(&request, names, files, progress)
}

/// Called by the Annex A worker script after each answer: a made file's bytes, if any.
#[wasm_bindgen]
pub fn annex_take_bytes() -> Option<Vec<u8>> {
    area_send_app::annex_worker::take_bytes()
}

/// Called by the Annex A worker script once it has started, before its first check.
#[wasm_bindgen]
pub fn annex_warm() {
    area_send_app::annex_worker::warm();
}

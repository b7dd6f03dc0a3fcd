//! The area SEND toolkit's core: the domain (framework editions, the project, self-evaluation,
//! plan, calendar, merge), the Annex A checks and the exporters, with the file writers they use.
//! No browser crate is a dependency (Cargo keeps it so), so the same code runs in the app
//! (wasm), in the `area-send` command and in host tests. Layers point down only:
//! `domain` ← `checks` ← `export`, with `write` beneath them all. The map is ARCHITECTURE.md.

pub mod checks;
pub mod domain;
pub mod export;
pub mod write;

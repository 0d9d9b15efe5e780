//! fengong's parser: the bytes of a task-division plan → its outline, tasks and the agencies
//! responsible for each, every value citing where in the file it stands. Nothing here knows
//! about RDF or the store, so this crate builds and tests without them.
//!
//! The stages, one module each (see `docs/ARCHITECTURE.md`):
//! [`input`] files and the embedded corpus → bytes with a key ·
//! [`text`] bytes → normalised text · [`outline`] → numbered structure, tables, metadata ·
//! [`duties`] → annotations read into roles · [`document`] assembles a [`ParsedDocument`].

pub mod document;
pub mod duties;
pub mod error;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod outline;
pub mod text;

pub use document::{parse_bytes, parse_file, parse_text};
pub use error::{Error, Result};
pub use input::{sha256, Source};
pub use model::{ParsedDocument, Task, Warning};

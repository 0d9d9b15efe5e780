//! fengong (分工): Chinese government task-division plans → who leads, who cooperates.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//! [`text`] bytes → normalised text · [`outline`] → numbered structure, tables, metadata ·
//! [`duties`] → annotations read into roles · [`document`] assembles a [`ParsedDocument`] ·
//! [`resolve`] → agency entities · [`rdf`] → quads · [`store`] → the on-disk Oxigraph store ·
//! [`network`] → the collaboration network, its measures and communities · [`diagram`] → Graphviz.

pub mod ask;
pub mod corpus;
pub mod diagram;
pub mod document;
pub mod duties;
pub mod error;
pub mod generate;
pub mod lexicon;
pub mod model;
pub mod network;
pub mod outline;
pub mod rdf;
pub mod registry;
pub mod resolve;
pub mod store;
pub mod text;

pub use document::{parse_bytes, parse_file, parse_text};
pub use error::{Error, Result};
pub use model::{ParsedDocument, Task, Warning};

//! Errors that reach the user: each names the file and says what to do.

use crate::text::DecodeError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Decode { path: PathBuf, source: DecodeError },
    #[error("{}: is a folder with no plan files in it (.txt, .html, .docx, .xlsx, .pdf …)", path.display())]
    EmptyFolder { path: PathBuf },
    #[error("{}: is {} MB, larger than any plan (the limit is {} MB); is it the right file?", path.display(), bytes >> 20, crate::input::MAX_FILE_BYTES >> 20)]
    TooLarge { path: PathBuf, bytes: u64 },
    /// A link that could not be fetched (the message names the URL).
    #[error("{0}")]
    Fetch(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

//! Where documents come from: the default corpus embedded in the binary (the five seed
//! documents in `data/corpus/`, so that `fengong parse` with no file works anywhere), files and
//! folders named on the command line as inputs with keys, and the [`Source`] record of what was
//! read.

use sha2::{Digest, Sha256};

/// `(file name, bytes)` of each embedded document.
pub const DEFAULT: &[(&str, &[u8])] = &[
    (
        "000_300f91a4b6124a40.txt",
        include_bytes!("../../../data/corpus/000_300f91a4b6124a40.txt"),
    ),
    (
        "001_d3db4741e30b74f2.txt",
        include_bytes!("../../../data/corpus/001_d3db4741e30b74f2.txt"),
    ),
    (
        "002_96cb3c14e2265961.txt",
        include_bytes!("../../../data/corpus/002_96cb3c14e2265961.txt"),
    ),
    (
        "003_86a82796624c70d7.txt",
        include_bytes!("../../../data/corpus/003_86a82796624c70d7.txt"),
    ),
    (
        "004_348885aee371446e.txt",
        include_bytes!("../../../data/corpus/004_348885aee371446e.txt"),
    ),
];

/// A file to read, with its key: the document's identity in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path relative to the folder it was found in (`/`-separated), or the file name of a
    /// file given on its own. Re-ingesting the same key replaces the document.
    pub key: String,
    pub path: std::path::PathBuf,
}

/// The largest file read: plans with their scans and annexes stay well under it; beyond it
/// is a wrong file or an archive, and reading it would only take the memory.
pub const MAX_FILE_BYTES: u64 = 100 << 20;

/// A plan file's bytes, refusing what is not a file or larger than [`MAX_FILE_BYTES`].
pub fn read(path: &std::path::Path) -> crate::Result<Vec<u8>> {
    use crate::Error;
    let read_error = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            bytes: meta.len(),
        });
    }
    std::fs::read(path).map_err(read_error)
}

/// Names of the files a folder is read for: text, web pages, Word, Excel and PDF files.
pub const PLAN_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "html", "htm", "shtml", "xhtml", "docx", "doc", "wps", "xlsx", "xls",
    "et", "pdf",
];

/// A file a folder held that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: std::path::PathBuf,
    pub why: &'static str,
}

/// Why a file in a folder is not read as a plan, if it is not.
fn skip_reason(path: &std::path::Path) -> Option<&'static str> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") {
        return Some("an Office lock file (the document is open in Word or Excel)");
    }
    if name.starts_with('.') {
        return Some("a hidden file");
    }
    if !is_plan_file(path) {
        return Some(match path.extension() {
            None => {
                "no file extension (rename it .txt, .html, .docx, .xlsx or .pdf if it is a plan)"
            }
            Some(_) => "not a format fengong reads (text, web pages, Word, Excel, PDF)",
        });
    }
    None
}

fn is_plan_file(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| PLAN_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// Files named on the command line, with folders expanded into their plan files (text, web
/// pages, Word, Excel, PDF: [`PLAN_EXTENSIONS`]; recursively, sorted, symbolic links to
/// folders not followed). A folder with no such file is an error.
pub fn collect(paths: &[std::path::PathBuf]) -> Vec<crate::Result<Input>> {
    collect_all(paths).0
}

/// [`collect`], and the files of the folders that are not read, with why.
pub fn collect_all(paths: &[std::path::PathBuf]) -> (Vec<crate::Result<Input>>, Vec<Skipped>) {
    use crate::Error;
    use std::path::Path;

    fn walk(
        root: &Path,
        dir: &Path,
        out: &mut Vec<crate::Result<Input>>,
        skipped: &mut Vec<Skipped>,
    ) {
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(source) => {
                out.push(Err(Error::Read {
                    path: dir.to_owned(),
                    source,
                }));
                return;
            }
        };
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(root, &path, out, skipped),
                Ok(t) if t.is_symlink() && path.is_dir() => skipped.push(Skipped {
                    path,
                    why: "a link to a folder (not followed; give the folder itself)",
                }),
                _ if skip_reason(&path).is_some() => skipped.push(Skipped {
                    why: skip_reason(&path).unwrap_or_default(),
                    path,
                }),
                _ if path.is_file() => {
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    let key = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    out.push(Ok(Input { key, path }));
                }
                _ => {}
            }
        }
    }

    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = out.len();
            walk(p, p, &mut out, &mut skipped);
            if out.len() == before {
                out.push(Err(Error::EmptyFolder { path: p.clone() }));
            }
        } else {
            let key = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.to_string_lossy().into_owned());
            out.push(Ok(Input {
                key,
                path: p.clone(),
            }));
        }
    }
    (out, skipped)
}

/// Where a document came from, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The document's identity in the store: re-ingesting the same key replaces the document.
    pub key: String,
    /// The path as given to `ingest` (or the embedded name).
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub byte_size: u64,
    /// Where a copy of a document fetched from a link is kept (in the store folder), so
    /// that its citations can be read again offline.
    pub local_copy: Option<String>,
}

impl Source {
    /// The record of `bytes` read from `path` under `key`.
    pub fn new(key: &str, path: &str, bytes: &[u8]) -> Source {
        Source {
            key: key.to_owned(),
            path: path.to_owned(),
            sha256: sha256(bytes),
            byte_size: bytes.len() as u64,
            local_copy: None,
        }
    }
}

/// Lower-case hex SHA-256: how files, the registry and analyses are told apart.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

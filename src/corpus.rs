//! The default corpus embedded in the binary: the five seed documents in `data/corpus/`,
//! so that `fengong parse` with no file works anywhere.

/// `(file name, bytes)` of each embedded document.
pub const DEFAULT: &[(&str, &[u8])] = &[
    (
        "000_300f91a4b6124a40.txt",
        include_bytes!("../data/corpus/000_300f91a4b6124a40.txt"),
    ),
    (
        "001_d3db4741e30b74f2.txt",
        include_bytes!("../data/corpus/001_d3db4741e30b74f2.txt"),
    ),
    (
        "002_96cb3c14e2265961.txt",
        include_bytes!("../data/corpus/002_96cb3c14e2265961.txt"),
    ),
    (
        "003_86a82796624c70d7.txt",
        include_bytes!("../data/corpus/003_86a82796624c70d7.txt"),
    ),
    (
        "004_348885aee371446e.txt",
        include_bytes!("../data/corpus/004_348885aee371446e.txt"),
    ),
];

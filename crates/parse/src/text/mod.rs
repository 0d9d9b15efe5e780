//! Stage 1: file bytes → normalised text, with a map back to byte offsets in the file.
//!
//! decode (UTF-8 / GB18030) → clean (web noise, widths) → script (traditional → simplified).

pub mod clean;
pub mod decode;
pub mod offsets;
pub mod script;
pub mod unwrap;

pub use decode::{DecodeError, Encoding};
pub use offsets::Provenance;

/// The script a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Simplified,
    Traditional,
    /// Some lines traditional, most not (e.g. a simplified web page quoting traditional text).
    Mixed,
}

/// A normalised document text: simplified, cleaned, with provenance back to the file.
#[derive(Debug, Clone)]
pub struct Text {
    /// The normalised text all later stages read.
    pub text: String,
    /// The decoded file text, before normalisation (for quoting it as written).
    pub decoded: String,
    pub encoding: Encoding,
    pub script: Script,
    provenance: Provenance,
}

impl Text {
    /// Decodes and normalises a file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Text, DecodeError> {
        let decoded = decode::decode(bytes)?;
        let mut provenance = Provenance::default();
        provenance.push(decoded.map);
        let (cleaned, clean_map) = clean::clean(&decoded.text);
        provenance.push(clean_map);
        let simplified = script::to_simplified(&cleaned);
        provenance.push(simplified.map);
        let (text, unwrap_map) = unwrap::break_run_on(&simplified.text);
        provenance.push(unwrap_map);
        let script = match simplified.converted_lines {
            0 => Script::Simplified,
            n if n * 2 >= simplified.total_lines => Script::Traditional,
            _ => Script::Mixed,
        };
        Ok(Text {
            text,
            decoded: decoded.text,
            encoding: decoded.encoding,
            script,
            provenance,
        })
    }

    /// Byte offset in the original file of byte offset `i` of the normalised text.
    pub fn source_offset(&self, i: usize) -> usize {
        self.provenance.to_source(i)
    }

    /// The decoded file text behind `start..end` of the normalised text, as written.
    pub fn original(&self, start: usize, end: usize) -> &str {
        let a = self.provenance.to_decoded(start);
        let b = self.provenance.to_decoded(end);
        let a = floor_char_boundary(&self.decoded, a);
        let b = floor_char_boundary(&self.decoded, b.max(a));
        &self.decoded[a..b]
    }
}

impl Text {
    /// The text behind `start..end` as the document writes it: simplified and without web
    /// noise, but with its own punctuation widths (for titles and headings people read).
    pub fn as_written(&self, start: usize, end: usize) -> String {
        let cleaned = clean::clean_for_display(self.original(start, end));
        let shown = if self.script == Script::Simplified {
            cleaned
        } else {
            script::to_simplified(&cleaned).text
        };
        shown.trim().to_owned()
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Lines of `text` with their byte offsets, each with its line break (the last may have none).
pub fn lines_with_breaks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |pos, l| {
        let start = *pos;
        *pos += l.len();
        Some((start, l))
    })
}

/// Lines of `text` with their byte offsets, without the line break.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    lines_with_breaks(text).map(|(start, l)| (start, l.trim_end_matches(['\n', '\r'])))
}

/// CJK unified ideographs (and extensions, compatibility forms).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

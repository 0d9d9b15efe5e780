//! Stage 1: file bytes → normalised text, with a map back to byte offsets in the file.
//!
//! decode (UTF-8 / GB18030) → clean (web noise, widths) → script (traditional → simplified).

pub mod clean;
pub mod decode;
pub mod offsets;
pub mod script;
pub mod unwrap;

pub use decode::{DecodeError, Encoding};
pub use fengong_extract::{Format, Location};
pub use offsets::Provenance;

/// Whether any of `words` stands in `s` (for lists read now and then; hot lists are a
/// [`WordSet`]).
pub fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// A set of characters as a bit per BMP code point: one load and test per character read,
/// for the scans every line goes through. Characters beyond the BMP are all taken as members,
/// so a set used as a filter never rules out what it should let through.
#[derive(Clone)]
pub struct CharSet(Vec<u64>);

impl Default for CharSet {
    fn default() -> Self {
        CharSet(vec![0; 0x10000 / 64])
    }
}

impl CharSet {
    pub fn insert(&mut self, c: char) {
        let i = c as usize;
        if i < 0x10000 {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, c: char) -> bool {
        let i = c as usize;
        i >= 0x10000 || self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A small set of words to look for in every list item or line: the characters that start a
/// word are a [`CharSet`], so a string is read once and nearly every character is ruled out
/// by one test, where a substring search per word would set up a searcher each time.
pub struct WordSet {
    starts: CharSet,
    words: Vec<&'static str>,
}

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut starts = CharSet::default();
        for c in words.iter().filter_map(|w| w.chars().next()) {
            starts.insert(c);
        }
        WordSet {
            starts,
            words: words.to_vec(),
        }
    }

    /// Whether any of the words stands in `s`.
    pub fn found_in(&self, s: &str) -> bool {
        s.char_indices().any(|(i, c)| {
            self.starts.contains(c) && self.words.iter().any(|w| s[i..].starts_with(w))
        })
    }
}

/// The script a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// What the file was: plain text, a web page, a Word, Excel or PDF file.
    pub format: Format,
    /// What the file says about itself outside its text (a web page's 发文机关 …).
    pub file_metadata: Vec<(String, String)>,
    /// How the file was read into text, for the user.
    pub notes: Vec<String>,
    /// Where parts of `decoded` stand in a file without byte offsets (Word, Excel, PDF):
    /// `(decoded offset, location)`, sorted.
    locations: Vec<(usize, Location)>,
    /// Start of each line of the file, where the file is text with markup (a web page):
    /// lines are cited in the file, not in the extracted text.
    file_lines: Option<Vec<usize>>,
    /// The file's length, which no cited offset passes.
    file_len: Option<usize>,
    provenance: Provenance,
}

impl Text {
    /// Decodes and normalises a file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Text, DecodeError> {
        if let Some(e) = fengong_extract::extract(bytes)? {
            return Ok(Text::from_extracted(e, bytes));
        }
        let decoded = decode::decode(bytes)?;
        Ok(Text::normalise(
            decoded.text,
            decoded.map,
            decoded.encoding,
            Format::Text,
        ))
    }

    /// Normalises the text a web page, Word, Excel or PDF file was read into; `bytes` are
    /// the file's, for citing lines of a web page.
    pub fn from_extracted(e: fengong_extract::Extracted, bytes: &[u8]) -> Text {
        let encoding = match e.encoding.as_str() {
            "Big5" => Encoding::Big5,
            "UTF-8" | "" => Encoding::Utf8,
            _ => Encoding::Gb18030,
        };
        let map = if e.source_map.is_empty() {
            offsets::OffsetMap::shifted(0)
        } else {
            offsets::OffsetMap::from_anchors(e.source_map)
        };
        let mut text = Text::normalise(e.text, map, encoding, e.format);
        text.file_metadata = e.metadata;
        text.notes = e.notes;
        text.locations = e.locations;
        if e.format == Format::Html {
            text.file_len = Some(bytes.len());
            text.file_lines = Some(
                std::iter::once(0)
                    .chain(
                        bytes
                            .iter()
                            .enumerate()
                            .filter(|(_, &b)| b == b'\n')
                            .map(|(i, _)| i + 1),
                    )
                    .collect(),
            );
        }
        text
    }

    fn normalise(
        decoded: String,
        map: offsets::OffsetMap,
        encoding: Encoding,
        format: Format,
    ) -> Text {
        let decoded = decode::Decoded {
            text: decoded,
            encoding,
            map,
        };
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
        Text {
            text,
            decoded: decoded.text,
            encoding: decoded.encoding,
            script,
            format,
            file_metadata: Vec::new(),
            notes: Vec::new(),
            locations: Vec::new(),
            file_lines: None,
            file_len: None,
            provenance,
        }
    }

    /// Where offset `i` of the normalised text stands in a file without byte offsets.
    pub fn location(&self, i: usize) -> Option<&Location> {
        let d = self.provenance.to_decoded(i);
        let k = self.locations.partition_point(|(o, _)| *o <= d);
        k.checked_sub(1).map(|k| &self.locations[k].1)
    }

    /// The 1-based line of the file that offset `i` of the normalised text stands on, where
    /// the file's lines differ from the text's (a web page).
    pub fn file_line(&self, i: usize) -> Option<usize> {
        let starts = self.file_lines.as_ref()?;
        let at = self.source_offset(i);
        Some(starts.partition_point(|&s| s <= at))
    }

    /// Byte offset in the original file of byte offset `i` of the normalised text.
    pub fn source_offset(&self, i: usize) -> usize {
        let at = self.provenance.to_source(i);
        self.file_len.map_or(at, |n| at.min(n))
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
        let original = self.original(start, end);
        let normalised = &self.text[start.min(self.text.len())..end.min(self.text.len())];
        // Most spans of a clean simplified file come through normalisation unchanged: then
        // cleaning keeps them too (keeping widths only changes less), and they are as written.
        if original == normalised {
            return original.trim().to_owned();
        }
        // A line whose garbled number was read again has no text as written to quote: the
        // garble is what is written. Its normalised text is what it says.
        let a = self.provenance.to_decoded(start).min(self.decoded.len());
        let line_start = self.decoded[..floor_char_boundary(&self.decoded, a)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line = self.decoded[line_start..].lines().next().unwrap_or("");
        if clean::realigns(line) {
            return self.text[start..end.min(self.text.len())].trim().to_owned();
        }
        let cleaned = clean::clean_for_display(original);
        let shown = if self.script == Script::Simplified {
            cleaned
        } else if cleaned.chars().count() == normalised.chars().count() {
            // The normalised text holds this span converted already, with its whole line as
            // context. Where the two line up character for character, its Han characters and
            // the punctuation as written are the span shown, without converting it again.
            cleaned
                .chars()
                .zip(normalised.chars())
                .map(|(w, n)| if is_han(w) { n } else { w })
                .collect()
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

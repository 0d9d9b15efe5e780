//! Traditional → simplified Chinese, line by line, with OpenCC's t2s dictionaries
//! (ferrous-opencc, Apache-2.0). Only lines that hold a traditional character are
//! converted, so simplified text is never touched (and never over-converted), and
//! names listed in `data/t2s-protected.tsv` are converted from that list instead.

use super::offsets::{MapBuilder, OffsetMap};
use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::sync::OnceLock;

const PROTECTED: &str = include_str!("../../../../data/t2s-protected.tsv");

struct Converter {
    opencc: OpenCC,
    /// Bit per BMP code point: set when t2s changes that character on its own.
    traditional: Vec<u64>,
    protected: Vec<(String, String)>,
}

fn converter() -> Option<&'static Converter> {
    static CONVERTER: OnceLock<Option<Converter>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| {
            let opencc = OpenCC::from_config(BuiltinConfig::T2s).ok()?;
            let mut probe = String::new();
            let cjk = (0x3400u32..=0x9FFF).chain(0xF900..=0xFAFF);
            for c in cjk.filter_map(char::from_u32) {
                probe.push(c);
                probe.push('\n');
            }
            let converted = opencc.convert(&probe);
            let mut traditional = vec![0u64; 0x10000 / 64];
            for (a, b) in probe.lines().zip(converted.lines()) {
                if a != b {
                    if let Some(c) = a.chars().next() {
                        traditional[c as usize / 64] |= 1 << (c as usize % 64);
                    }
                }
            }
            let protected = PROTECTED
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| l.split_once('\t'))
                .map(|(t, s)| (t.trim().to_owned(), s.trim().to_owned()))
                .collect();
            Some(Converter {
                opencc,
                traditional,
                protected,
            })
        })
        .as_ref()
}

impl Converter {
    fn is_traditional(&self, c: char) -> bool {
        let i = c as usize;
        i < 0x10000 && self.traditional[i / 64] & (1 << (i % 64)) != 0
    }

    /// Converts one line: protected names from the list, the rest with OpenCC.
    /// Returns `(offset, source length, converted text)` pieces covering the line.
    fn convert_line(&self, line: &str) -> Vec<(usize, usize, String)> {
        let mut pieces = Vec::new();
        let mut pos = 0;
        while pos < line.len() {
            let next = self
                .protected
                .iter()
                .filter_map(|(t, s)| line[pos..].find(t.as_str()).map(|i| (pos + i, t, s)))
                .min_by_key(|&(i, t, _)| (i, std::cmp::Reverse(t.len())));
            match next {
                Some((i, t, s)) => {
                    if i > pos {
                        pieces.push((pos, i - pos, self.opencc.convert(&line[pos..i])));
                    }
                    pieces.push((i, t.len(), s.clone()));
                    pos = i + t.len();
                }
                None => {
                    pieces.push((pos, line.len() - pos, self.opencc.convert(&line[pos..])));
                    pos = line.len();
                }
            }
        }
        pieces
    }
}

/// The text in traditional characters (OpenCC s2t), for answers to questions asked in them and
/// for synthetic traditional plans; `None` if the dictionaries did not load.
pub fn to_traditional(text: &str) -> Option<String> {
    static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
    S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).ok())
        .as_ref()
        .map(|c| c.convert(text))
}

/// The result of [`to_simplified`].
pub struct Simplified {
    pub text: String,
    pub map: OffsetMap,
    /// Lines that held traditional characters and were converted.
    pub converted_lines: usize,
    pub total_lines: usize,
}

/// Converts every line that holds a traditional character to simplified characters.
pub fn to_simplified(text: &str) -> Simplified {
    let total_lines = text.lines().count();
    let Some(conv) = converter() else {
        return Simplified {
            text: text.to_owned(),
            map: OffsetMap::default(),
            converted_lines: 0,
            total_lines,
        };
    };
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::new();
    let mut converted_lines = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line.chars().any(|c| conv.is_traditional(c)) {
            let before = out.len();
            for (offset, len, piece) in conv.convert_line(line) {
                let src = &line[offset..offset + len];
                push_aligned(&mut out, &mut map, line_start + offset, src, &piece);
            }
            // Only lines the conversion changed count as traditional.
            if out[before..] != *line {
                converted_lines += 1;
            }
        } else {
            map.mark(out.len(), line_start);
            out.push_str(line);
        }
        line_start += line.len();
    }
    map.mark(out.len(), text.len());
    Simplified {
        text: out,
        map: map.finish(),
        converted_lines,
        total_lines,
    }
}

/// Recovers how a text in traditional characters wrote a name that the parser reports in
/// simplified form, e.g. `省政務服務和數據管理局` for `省政务服务和数据管理局`.
pub struct WrittenForms<'a> {
    original: &'a str,
    simplified: Simplified,
}

impl<'a> WrittenForms<'a> {
    /// `None` when `original` holds no traditional character: names are then written as read.
    pub fn new(original: &'a str) -> Option<Self> {
        let simplified = to_simplified(original);
        (simplified.converted_lines > 0).then_some(WrittenForms {
            original,
            simplified,
        })
    }

    /// The name as written, when it differs from `name`. A name built from a distributed
    /// prefix (`广州、深圳出入境边防检查总站` → `广州出入境边防检查总站`) is rebuilt from its
    /// two written pieces.
    pub fn form(&self, name: &str) -> Option<String> {
        let found = |part: &str| -> Option<&'a str> {
            let i = self.simplified.text.find(part)?;
            let (a, b) = (
                self.simplified.map.to_source(i),
                self.simplified.map.to_source(i + part.len()),
            );
            self.original.get(a..b)
        };
        let written = match found(name) {
            Some(w) => w.to_owned(),
            None => {
                // The longest tail of the name found as is, then its head found elsewhere.
                let (k, _) = name.char_indices().skip(1).find(|&(k, _)| {
                    name[k..].chars().count() >= 2 && found(&name[k..]).is_some()
                })?;
                format!("{}{}", found(&name[..k])?, found(&name[k..])?)
            }
        };
        (written != name && written.chars().count() == name.chars().count()).then_some(written)
    }
}

/// Appends `piece` (converted from `src`), marking offsets character by character when the
/// two have the same number of characters, else as one block.
fn push_aligned(out: &mut String, map: &mut MapBuilder, src_start: usize, src: &str, piece: &str) {
    if src.chars().count() == piece.chars().count() {
        for ((so, _), c) in src.char_indices().zip(piece.chars()) {
            map.mark(out.len(), src_start + so);
            out.push(c);
        }
    } else {
        map.mark(out.len(), src_start);
        out.push_str(piece);
    }
    map.mark(out.len(), src_start + src.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_lines_are_converted_and_mapped() {
        let src = "数字广东\n(省政務服務和數據管理局牽頭)\n";
        let s = to_simplified(src);
        assert_eq!(s.text, "数字广东\n(省政务服务和数据管理局牵头)\n");
        assert_eq!(s.converted_lines, 1);
        let i = s.text.find("牵头").unwrap();
        assert_eq!(&src[s.map.to_source(i)..s.map.to_source(i + 6)], "牽頭");
    }

    #[test]
    fn simplified_text_is_left_alone() {
        // 乾县 is a real county; a word-by-word conversion of a simplified line must not touch it.
        let s = to_simplified("乾县人民政府\n");
        assert_eq!(s.text, "乾县人民政府\n");
        assert_eq!(s.converted_lines, 0);
    }

    #[test]
    fn written_forms_of_names_in_traditional_text() {
        let raw =
            "(省委網信辦,省農業農村廳、政務服務和數據管理局牽頭,廣州、深圳出入境邊防檢查總站配合)";
        let w = WrittenForms::new(raw).unwrap();
        assert_eq!(w.form("省委网信办").as_deref(), Some("省委網信辦"));
        assert_eq!(
            w.form("省政务服务和数据管理局").as_deref(),
            Some("省政務服務和數據管理局")
        );
        assert_eq!(
            w.form("深圳出入境边防检查总站").as_deref(),
            Some("深圳出入境邊防檢查總站")
        );
        assert_eq!(w.form("省科技厅"), None);
        assert!(WrittenForms::new("(省科技厅牵头)").is_none());
    }

    #[test]
    fn protected_names_use_the_list() {
        let s = to_simplified("吉林省乾安縣人民政府\n");
        assert_eq!(s.text, "吉林省乾安县人民政府\n");
    }
}

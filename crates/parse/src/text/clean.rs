//! Web noise removal: line endings, odd spaces, full-width ASCII, zero-width characters,
//! inline pinyin glosses (`關(guān)于` → `關于`) and the mojibake `冶` that stands for `”`.

use super::is_han;
use super::offsets::{MapBuilder, OffsetMap};

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_tone_letter(c)
}

fn is_tone_letter(c: char) -> bool {
    "āáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ".contains(c)
}

/// What a single character becomes, if not itself. `None` in the outer option: unchanged.
/// With `keep_widths`, full-width punctuation stays as written.
fn map_char(c: char, keep_widths: bool) -> Option<Option<char>> {
    match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(None),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
            Some(Some(' '))
        }
        // Full-width ASCII forms, e.g. （），：；１２Ａ.
        '\u{FF01}'..='\u{FF5E}' if !keep_widths => char::from_u32(c as u32 - 0xFEE0).map(Some),
        '\r' => Some(Some('\n')),
        _ => None,
    }
}

/// Length in chars of a pinyin gloss `(xxx)` starting at `i`, if there is one.
fn pinyin_gloss_len(chars: &[(usize, char)], i: usize) -> Option<usize> {
    if !matches!(chars[i].1, '(' | '（') {
        return None;
    }
    let mut j = i + 1;
    let mut toned = false;
    while j < chars.len() && j - i <= 8 && is_pinyin_letter(chars[j].1) {
        toned |= is_tone_letter(chars[j].1);
        j += 1;
    }
    let closed = j < chars.len() && matches!(chars[j].1, ')' | '）');
    (closed && toned && j > i + 1).then_some(j - i + 1)
}

/// Whether the `冶` at `i` is a garbled closing quote: a `“` is open before it on the line,
/// the quote has content, it is not part of a real word with 冶, and no `”` closes the
/// quote later.
fn is_mojibake_quote(chars: &[(usize, char)], i: usize, quote_open: bool) -> bool {
    if !quote_open {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    if prev == Some('“') || prev == Some('陶') {
        return false;
    }
    if next.is_some_and(|n| "金炼铁铸钢".contains(n)) {
        return false;
    }
    for &(_, c) in &chars[i + 1..] {
        match c {
            '”' => return false,
            '“' | '\n' => return true,
            _ => {}
        }
    }
    true
}

/// Cleans `text`, returning the cleaned text and its map back to `text`.
pub fn clean(text: &str) -> (String, OffsetMap) {
    clean_with(text, false)
}

/// Cleans `text` for display: noise removed, punctuation widths kept as written.
pub fn clean_for_display(text: &str) -> String {
    clean_with(text, true).0
}

fn clean_with(text: &str, keep_widths: bool) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::new();
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (line_start, line) in super::lines_with_breaks(text) {
        chars.clear();
        chars.extend(line.char_indices().map(|(o, c)| (o + line_start, c)));
        let mut quote_open = false;
        let mut i = 0;
        while i < chars.len() {
            let (src, c) = chars[i];
            if c == '\r' && chars.get(i + 1).is_some_and(|&(_, n)| n == '\n') {
                i += 1;
                continue;
            }
            let after_han = out.chars().next_back().is_some_and(is_han);
            if after_han {
                if let Some(n) = pinyin_gloss_len(&chars, i) {
                    i += n;
                    continue;
                }
            }
            let replacement = if c == '冶' && is_mojibake_quote(&chars, i, quote_open) {
                Some(Some('”'))
            } else {
                map_char(c, keep_widths)
            };
            match replacement {
                None => {
                    map.mark(out.len(), src);
                    out.push(c);
                }
                Some(Some(r)) => {
                    map.mark(out.len(), src);
                    out.push(r);
                    map.mark(out.len(), src + c.len_utf8());
                }
                Some(None) => map.mark(out.len(), src + c.len_utf8()),
            }
            match out.chars().next_back() {
                Some('“') => quote_open = true,
                Some('”') => quote_open = false,
                _ => {}
            }
            i += 1;
        }
    }
    map.mark(out.len(), text.len());
    (out, map.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        clean(s).0
    }

    #[test]
    fn pinyin_glosses_are_dropped() {
        assert_eq!(c("關(guān)于印發(fā)"), "關于印發");
        assert_eq!(c("數(shù)字"), "數字");
        // Not a gloss: no tone mark, or not after a Han character.
        assert_eq!(c("项目(abc)"), "项目(abc)");
        assert_eq!(c("(4K/8K)"), "(4K/8K)");
    }

    #[test]
    fn mojibake_quote_is_restored() {
        assert_eq!(c("实施“广东强芯冶工程"), "实施“广东强芯”工程");
        assert_eq!(
            c("打造“云剧广东冶 “广东美术云展览”等"),
            "打造“云剧广东” “广东美术云展览”等"
        );
        // Real words keep their 冶.
        assert_eq!(c("“冶金工业”"), "“冶金工业”");
        assert_eq!(c("陶冶情操"), "陶冶情操");
        assert_eq!(c("“陶冶情操”"), "“陶冶情操”");
    }

    #[test]
    fn widths_spaces_and_line_ends() {
        assert_eq!(
            c("（市发改委牵头，市财政局配合）"),
            "(市发改委牵头,市财政局配合)"
        );
        assert_eq!(c("２０２４年\u{3000}a\r\nb\u{200B}c"), "2024年 a\nbc");
    }

    #[test]
    fn offsets_point_into_the_source() {
        let src = "关(guān)于（省财政厅）";
        let (out, map) = clean(src);
        assert_eq!(out, "关于(省财政厅)");
        let paren = out.find('(').unwrap();
        assert_eq!(&src[map.to_source(paren)..], "（省财政厅）");
        let name = out.find('省').unwrap();
        assert_eq!(
            &src[map.to_source(name)..map.to_source(out.len() - 1)],
            "省财政厅"
        );
    }
}

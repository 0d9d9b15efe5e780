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

/// A heading number garbled by a one-byte slip in a GBK mirror (`?。ㄎ澹┘涌熘…` where
/// `(五)加快珠…` stood: a lost byte became `?`, and every later pair was read one byte late).
/// Reading the run again one byte on gives it back when it starts with a whole number; the run
/// ends where a single-byte character set the reading right again. Returns the text read again
/// and the run's length in chars (after the `?`); `None` when the slip cannot be undone.
fn realigned(chars: &[(usize, char)], i: usize) -> Option<(String, usize)> {
    if !matches!(chars.get(i)?.1, '?' | '？') || chars.get(i + 1)?.1 != '。' {
        return None;
    }
    let mut run = String::new();
    let mut n = 0;
    for &(_, c) in &chars[i + 1..] {
        if !c.is_ascii() {
            run.push(c);
            n += 1;
        } else {
            // A letter can be the second byte of the last pair read late; then it is over.
            if ('\u{40}'..='\u{7E}').contains(&c) && !run.is_empty() {
                run.push(c);
                n += 1;
            }
            break;
        }
    }
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&run);
    if unmappable || bytes.len() < 3 {
        return None;
    }
    let mut bytes = &bytes[1..];
    if bytes.len() % 2 == 1 {
        bytes = &bytes[..bytes.len() - 1];
    }
    let (text, malformed) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    let numbered = text.strip_prefix('（').and_then(|t| {
        let digits = t
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        (digits > 0).then(|| t.chars().nth(digits) == Some('）'))
    });
    (!malformed && numbered == Some(true)).then(|| (text.into_owned(), n))
}

/// Whether `line` opens with a garbled number that [`clean`] reads again.
pub fn realigns(line: &str) -> bool {
    // Every line of a task comes here; the garble always opens with `?。`.
    let body = line.trim_start_matches(' ');
    if !(body.starts_with("?。") || body.starts_with("？。")) {
        return false;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let indent = chars.iter().take_while(|(_, c)| *c == ' ').count();
    realigned(&chars, indent).is_some()
}

/// Length in chars of a gloss whose `(` a garbled number swallowed (`?。ㄈ┲?chuàng)建` where
/// `(三)創(chuàng)建` stood): toned pinyin letters and a `)` right after a `?` or a sign of the
/// garble, not after a letter.
fn orphan_gloss_len(chars: &[(usize, char)], i: usize, prev: Option<char>) -> Option<usize> {
    if !prev.is_some_and(|p| matches!(p, '?' | '？') || ('\u{2500}'..='\u{257F}').contains(&p)) {
        return None;
    }
    let mut j = i;
    let mut toned = false;
    while j < chars.len() && j - i < 8 && is_pinyin_letter(chars[j].1) {
        toned |= is_tone_letter(chars[j].1);
        j += 1;
    }
    let closed = j < chars.len() && matches!(chars[j].1, ')' | '）');
    (closed && toned && j > i).then_some(j - i + 1)
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
        let indent = chars.iter().take_while(|(_, c)| *c == ' ').count();
        if let Some((text, n)) = realigned(&chars, indent) {
            // The spaces before it, then the run read again, citing the garbled run.
            for &(src, c) in &chars[..indent] {
                map.mark(out.len(), src);
                out.push(c);
            }
            map.mark(out.len(), chars[indent].0);
            for c in text.chars() {
                match map_char(c, keep_widths) {
                    None => out.push(c),
                    Some(Some(r)) => out.push(r),
                    Some(None) => {}
                }
            }
            let end = chars
                .get(indent + 1 + n)
                .map_or(line_start + line.len(), |&(o, _)| o);
            map.mark(out.len(), end);
            i = indent + 1 + n;
        }
        while i < chars.len() {
            let (src, c) = chars[i];
            if c == '\r' && chars.get(i + 1).is_some_and(|&(_, n)| n == '\n') {
                i += 1;
                continue;
            }
            let prev = out.chars().next_back();
            // After a Han character, or after the ASCII residue of a garbled one (`七M(jìn)`).
            let after_han = prev.is_some_and(|p| is_han(p) || p.is_ascii_uppercase());
            if after_han {
                if let Some(n) = pinyin_gloss_len(&chars, i) {
                    i += n;
                    continue;
                }
            }
            if let Some(n) = orphan_gloss_len(&chars, i, prev) {
                i += n;
                continue;
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
        // Glosses a garbled heading number left behind (real/docs/004).
        assert_eq!(c("?。ǘ┩七M(jìn)東部"), "?。ǘ┩七M東部");
        assert_eq!(c("?。ㄈ┲?chuàng)建以"), "?。ㄈ┲?建以");
        assert_eq!(c("a(bé)"), "a(bé)");
    }

    #[test]
    fn a_number_read_one_byte_late_is_read_again() {
        // real/docs/004 lines 13 and 15: (五) and (七) come back whole, with what follows.
        assert_eq!(
            c("?。ㄎ澹┘涌熘榻鲁墙鹑谏藤Q(mào)區"),
            "(五)加快珠铰城金融商貿區"
        );
        assert_eq!(c("?。ㄆ撸┳ゾo推進(jìn)廣州"), "(七)抓緊推進廣州");
        // Read again, (二)'s run does not start with a whole number: left to the outline.
        assert_eq!(c("?。ǘ┩七M(jìn)東部"), "?。ǘ┩七M東部");
        let src = "  ?。ㄆ撸┳ゾo推進";
        let (out, map) = clean(src);
        assert_eq!(out, "  (七)抓緊推進");
        assert_eq!(
            map.to_source(out.find('推').unwrap()),
            src.find('推').unwrap()
        );
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

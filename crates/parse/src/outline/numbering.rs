//! Heading numbers: `一、` `(一)` `1.` `1、` `(1)` `1)` `①` `第一部分`.

/// A numbering style. The order is the usual rank in Chinese official documents
/// (GB/T 9704: 一、 → (一) → 1. → (1)), which fixes nesting even when a preamble
/// uses a lower style first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// 第一部分, 第一章.
    Part,
    /// 第一条: articles, as regulations-style plans number their tasks.
    Article,
    /// 一、
    CnComma,
    /// (一)
    CnParen,
    /// 1. and 1、
    Arabic,
    /// 1.1, 2.3: decimal sub-numbers under `1.`.
    Decimal,
    /// (1) and ⑴
    ArabicParen,
    /// 1)
    ArabicHalfParen,
    /// ①
    Circled,
}

/// A number at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// As written (after normalisation): `(一)`, `1)`, `一、`.
    pub number: String,
    pub value: u32,
    /// Byte offset in the line where the marker starts.
    pub start: usize,
    /// Byte offset in the line where the heading text starts.
    pub text_start: usize,
    /// The number was not legible and was inferred from the sequence (see [`garbled_marker`]).
    pub inferred: bool,
}

/// Value of a Chinese numeral up to 999 (`五十五` → 55).
pub fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or(match c {
                '〇' => Some(0),
                '两' => Some(2),
                _ => None,
            })
    };
    if s.is_empty() {
        return None;
    }
    let (mut total, mut current) = (0u32, 0u32);
    let mut seen_digit = false;
    for c in s.chars() {
        match c {
            '十' => {
                total += if seen_digit { current } else { 1 } * 10;
                current = 0;
                seen_digit = false;
            }
            '百' => {
                total += if seen_digit { current } else { 1 } * 100;
                current = 0;
                seen_digit = false;
            }
            _ => {
                current = digit(c)?;
                seen_digit = true;
            }
        }
    }
    Some(total + current)
}

/// The Chinese numeral for `n` (1..=99) as plans write it in headings: 十一, 二十, 二十三.
pub fn cn_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_owned(),
        10..=19 => format!(
            "十{}",
            if n > 10 {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
        ),
        _ => format!(
            "{}十{}",
            DIGITS[((n / 10) % 10) as usize],
            if !n.is_multiple_of(10) {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
        ),
    }
}

impl Style {
    /// How a number of this style is written (ASCII brackets, as in normalised text).
    pub fn render(self, n: u32) -> String {
        match self {
            Style::Part => format!("第{}部分", cn_numeral(n)),
            Style::Article => format!("第{}条", cn_numeral(n)),
            // The parent's number is not known here; a garbled decimal keeps only its own.
            Style::Decimal => format!("{n}"),
            Style::CnComma => format!("{}、", cn_numeral(n)),
            Style::CnParen => format!("({})", cn_numeral(n)),
            Style::Arabic => format!("{n}."),
            Style::ArabicParen => format!("({n})"),
            Style::ArabicHalfParen => format!("{n})"),
            Style::Circled => char::from_u32('①' as u32 + n.saturating_sub(1))
                .map_or_else(|| format!("({n})"), String::from),
        }
    }
}

/// Where the text starts after a heading number garbled by a wrong decoding in a web
/// mirror (`?。ǘ┩推进…` where `(二)推进…` stood): the marker's bytes became a `?` and a
/// full stop, which never open a line, then a few stray signs. `None` for other lines.
pub fn garbled_marker(line: &str) -> Option<usize> {
    let s = line.trim_start();
    let rest = s.strip_prefix(['?', '？'])?.strip_prefix('。')?;
    // Stray signs left of the marker: letters with marks, bopomofo, box drawing, `?`.
    let stray =
        |c: char| !crate::text::is_han(c) || matches!(c as u32, 0x3100..=0x312F | 0x2500..=0x257F);
    let skip: usize = rest
        .chars()
        .take(3)
        .take_while(|&c| stray(c))
        .map(char::len_utf8)
        .sum();
    let at = line.len() - rest.len() + skip;
    (!line[at..].trim().is_empty()).then_some(at)
}

fn is_cn_numeral(c: char) -> bool {
    "零一二三四五六七八九十百〇两".contains(c)
}

/// Reads the number at the start of `line`, if any.
pub fn marker(line: &str) -> Option<Marker> {
    let start = line.len() - line.trim_start().len();
    let s = &line[start..];
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let take = |pred: fn(char) -> bool| -> usize {
        s.char_indices()
            .skip_while(|_| false)
            .take_while(|&(_, c)| pred(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let found: Option<(Style, usize, u32)> = if first == '第' {
        let rest = &s['第'.len_utf8()..];
        let n = rest
            .char_indices()
            .take_while(|&(_, c)| is_cn_numeral(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let value = cn_value(&rest[..n])?;
        let after = &rest[n..];
        let len = |w: &str| '第'.len_utf8() + n + w.len();
        ["部分", "章", "篇", "节"]
            .iter()
            .find(|w| after.starts_with(**w))
            .map(|w| (Style::Part, len(w), value))
            .or_else(|| {
                after
                    .starts_with('条')
                    .then(|| (Style::Article, len("条"), value))
            })
    } else if first == '(' {
        let inner = &s[1..];
        let close = inner.find(')')?;
        let num = &inner[..close];
        if num.chars().all(|c| c.is_ascii_digit()) && !num.is_empty() && num.len() <= 3 {
            Some((Style::ArabicParen, close + 2, num.parse().ok()?))
        } else if num.chars().all(is_cn_numeral) && !num.is_empty() && num.chars().count() <= 4 {
            Some((Style::CnParen, close + 2, cn_value(num)?))
        } else {
            None
        }
    } else if first.is_ascii_digit() {
        let n = take(|c| c.is_ascii_digit());
        if n > 3 {
            return None;
        }
        let value = s[..n].parse().ok()?;
        let after = s[n..].chars().next()?;
        let next = s[n + after.len_utf8()..].chars().next();
        // `1.1`: a decimal sub-number, when more than a number follows (not `1.5亿元`).
        let decimal = (after == '.' && next.is_some_and(|c| c.is_ascii_digit())).then(|| {
            let sub = s[n + 1..].chars().take_while(char::is_ascii_digit).count();
            let rest = &s[n + 1 + sub..];
            let spaced = rest.starts_with([' ', '\t', '、'])
                || rest.starts_with(|c| crate::text::is_han(c) && !"亿万千百元倍个%".contains(c));
            (sub <= 2 && spaced).then_some(n + 1 + sub)
        });
        if let Some(Some(len)) = decimal {
            let len = if s[len..].starts_with('、') {
                len + '、'.len_utf8()
            } else {
                len
            };
            return finish(line, start, Style::Decimal, len, value);
        }
        match after {
            '.' if next.is_some_and(|c| !c.is_ascii_digit()) => Some((Style::Arabic, n + 1, value)),
            '、' => Some((Style::Arabic, n + after.len_utf8(), value)),
            ')' => Some((Style::ArabicHalfParen, n + 1, value)),
            _ => None,
        }
    } else if is_cn_numeral(first) {
        let n = take(is_cn_numeral);
        let after = s[n..].chars().next()?;
        if after == '、' && s[..n].chars().count() <= 4 {
            Some((Style::CnComma, n + after.len_utf8(), cn_value(&s[..n])?))
        } else {
            None
        }
    } else if ('⑴'..='⒇').contains(&first) {
        Some((
            Style::ArabicParen,
            first.len_utf8(),
            first as u32 - '⑴' as u32 + 1,
        ))
    } else if ('①'..='⑳').contains(&first) {
        Some((
            Style::Circled,
            first.len_utf8(),
            first as u32 - '①' as u32 + 1,
        ))
    } else {
        None
    };
    let (style, len, value) = found?;
    finish(line, start, style, len, value)
}

/// The marker of `style` and `value` whose number takes `len` bytes at `start` of `line`.
/// `11.121人才梯队项目` where item 11. is due: a number whose heading text itself starts with
/// digits reads like a decimal (`11.121`), but the sequence of `N.` items says which it is.
/// Only the expected number is taken, so `1.5亿元` in running text never becomes an item.
pub fn sequence_marker(line: &str, expected: u32) -> Option<Marker> {
    let start = line.len() - line.trim_start().len();
    let s = &line[start..];
    let number = format!("{expected}.");
    let rest = s.strip_prefix(number.as_str())?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    // The heading must go on in words after its own digits: `11.121人才…`, not `11.5`.
    let after = rest[digits..].chars().next()?;
    (digits > 0 && crate::text::is_han(after) && !"亿万千百元倍个%年月日号".contains(after))
        .then_some(())?;
    finish(line, start, Style::Arabic, number.len(), expected)
}

fn finish(line: &str, start: usize, style: Style, len: usize, value: u32) -> Option<Marker> {
    let s = &line[start..];
    let rest = &s[len..];
    let text_start = start + len + (rest.len() - rest.trim_start().len());
    if line[text_start..].trim().is_empty() {
        return None;
    }
    Some(Marker {
        style,
        number: s[..len].trim_end().to_owned(),
        value,
        start,
        text_start,
        inferred: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(Style, String, u32)> {
        marker(s).map(|m| (m.style, m.number, m.value))
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_value("五十五"), Some(55));
        assert_eq!(cn_value("十三"), Some(13));
        assert_eq!(cn_value("二十"), Some(20));
        assert_eq!(cn_value("一百零一"), Some(101));
    }

    #[test]
    fn styles() {
        assert_eq!(m("一、优化升级"), Some((Style::CnComma, "一、".into(), 1)));
        assert_eq!(
            m("(二十一)强化"),
            Some((Style::CnParen, "(二十一)".into(), 21))
        );
        assert_eq!(m("3.推进"), Some((Style::Arabic, "3.".into(), 3)));
        assert_eq!(m("3、推进"), Some((Style::Arabic, "3、".into(), 3)));
        assert_eq!(m("(3)推进"), Some((Style::ArabicParen, "(3)".into(), 3)));
        assert_eq!(m("6)实施"), Some((Style::ArabicHalfParen, "6)".into(), 6)));
        assert_eq!(m("②推进"), Some((Style::Circled, "②".into(), 2)));
        assert_eq!(
            m("第二部分 重点任务"),
            Some((Style::Part, "第二部分".into(), 2))
        );
    }

    #[test]
    fn numbers_render_in_their_style() {
        assert_eq!(Style::CnParen.render(2), "(二)");
        assert_eq!(Style::CnComma.render(13), "十三、");
        assert_eq!(Style::CnParen.render(20), "(二十)");
        assert_eq!(Style::Arabic.render(7), "7.");
        assert_eq!(cn_value(&cn_numeral(47)), Some(47));
    }

    #[test]
    fn garbled_markers_are_seen() {
        let line = "?。ǘ┩推进东部石化基地建设";
        let at = garbled_marker(line).unwrap();
        assert_eq!(&line[at..], "推进东部石化基地建设");
        assert_eq!(garbled_marker("推进建设。"), None);
        assert_eq!(garbled_marker("?"), None);
    }

    #[test]
    fn not_numbers() {
        assert_eq!(m("2023年工作要点"), None);
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("一是加强"), None);
        assert_eq!(m("(以下简称)"), None);
        assert_eq!(m("1."), None);
    }
}

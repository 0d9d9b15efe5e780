//! Run-on text → lines. A plan copied from a web page with no line breaks (or a whole plan on
//! one line) is broken before each heading number that stands inline after the end of a
//! sentence, a list or a space: `…(市发改委牵头) (二)促进消费。(市商务局牵头) 二、惠民生 …`.

use super::offsets::{MapBuilder, OffsetMap};
use crate::outline::numbering::{marker, Style};

/// Lines shorter than this are left alone: only a run-on copy has headings inside a line.
const LONG_LINE: usize = 60;

/// Inline headings a line must hold before it is broken (one could be a cross-reference).
const MIN_HEADINGS: usize = 2;

/// Where headings start inside `line` (byte offsets, never 0).
fn inline_headings(line: &str) -> Vec<usize> {
    let mut at = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let after_break = prev.is_some_and(|p| {
            p.is_whitespace() || matches!(p, '。' | ')' | ';' | '】' | '”' | '!' | '?')
        });
        if i > 0 && after_break && !c.is_whitespace() {
            let heading = marker(&line[i..]).is_some_and(|m| {
                m.start == 0
                    && matches!(
                        m.style,
                        Style::Part
                            | Style::Article
                            | Style::CnComma
                            | Style::CnParen
                            | Style::Arabic
                    )
            });
            if heading {
                at.push(i);
            }
        }
        prev = Some(c);
    }
    at
}

/// Breaks run-on lines before their inline headings; the map leads back to `text`.
pub fn break_run_on(text: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::new();
    for (start, line) in super::lines_with_breaks(text) {
        let breaks = if line.chars().count() >= LONG_LINE {
            inline_headings(line)
        } else {
            Vec::new()
        };
        if breaks.len() < MIN_HEADINGS {
            out.push_str(line);
            continue;
        }
        let mut last = 0;
        for b in breaks {
            out.push_str(line[last..b].trim_end_matches([' ', '\t']));
            out.push('\n');
            map.mark(out.len(), start + b);
            last = b;
        }
        out.push_str(&line[last..]);
    }
    (out, map.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_inside_a_long_line_start_lines() {
        let t = format!(
            "通知{} 一、稳增长 (一)扩大投资。(市发改委牵头) (二)促进消费。(市商务局牵头)\n",
            "。".repeat(LONG_LINE)
        );
        let (out, map) = break_run_on(&t);
        let lines: Vec<&str> = out.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "一、稳增长",
                "(一)扩大投资。(市发改委牵头)",
                "(二)促进消费。(市商务局牵头)"
            ]
        );
        let at = out.find("(二)").unwrap();
        assert!(t[map.to_source(at)..].starts_with("(二)促进"));
    }

    #[test]
    fn ordinary_lines_are_kept() {
        let t = "(一)推进建设,完成1.5亿元投资。(市发改委牵头)\n";
        assert_eq!(break_run_on(t).0, t);
    }
}

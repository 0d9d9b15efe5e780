//! Where a hit's words are, for showing them: byte ranges of the query's words in a title, and
//! a window of the text around the first of them.

use serde::Serialize;

/// A piece of a task's text with the query's words marked (byte ranges into `text`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<(usize, usize)>,
    /// Whether text was left out before and after the piece.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Characters of context shown before the first mark.
const BEFORE: usize = 24;
/// Characters a snippet holds at most.
const WIDTH: usize = 120;

/// Every occurrence of a needle in `text`, merged where they overlap, in order.
pub fn marks(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths only outside ASCII and Han; fall back to no marks.
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = needles
        .iter()
        .filter(|n| !n.is_empty())
        .flat_map(|n| {
            lower
                .match_indices(n.as_str())
                .map(|(at, m)| (at, at + m.len()))
        })
        .collect();
    found.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in found {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The text around its first mark, at most [`WIDTH`] characters.
pub fn snippet(text: &str, needles: &[String]) -> Snippet {
    let all = marks(text, needles);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= WIDTH {
        return Snippet {
            text: text.to_owned(),
            marks: all,
            cut_before: false,
            cut_after: false,
        };
    }
    let first = all.first().map_or(0, |m| m.0);
    let first_char = chars.partition_point(|(at, _)| *at < first);
    let start_char = first_char.saturating_sub(BEFORE).min(chars.len() - WIDTH);
    let start = chars[start_char].0;
    let end = chars.get(start_char + WIDTH).map_or(text.len(), |c| c.0);
    Snippet {
        text: text[start..end].to_owned(),
        marks: all
            .into_iter()
            .filter(|(a, b)| *a >= start && *b <= end)
            .map(|(a, b)| (a - start, b - start))
            .collect(),
        cut_before: start > 0,
        cut_after: end < text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_merge_and_snippets_centre_on_the_first() {
        let n = vec!["数据".to_owned(), "据共享".to_owned()];
        assert_eq!(marks("推进数据共享", &n), [(6, 18)]);
        let long = format!("{}推进数据共享{}", "甲".repeat(200), "乙".repeat(200));
        let s = snippet(&long, &n);
        assert_eq!(s.text.chars().count(), WIDTH);
        assert!(s.cut_before && s.cut_after);
        assert_eq!(&s.text[s.marks[0].0..s.marks[0].1], "数据共享");
    }
}

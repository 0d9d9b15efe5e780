//! Stage 2: normalised text → outline: numbered headings nested by their style.
//!
//! Purely structural: which numbered items are tasks is decided later (in `document`),
//! where the responsibility annotations are known.

pub mod metadata;
pub mod numbering;
pub mod runon;
pub mod table;

use numbering::{marker, Marker, Style};

/// A numbered heading and the text it governs.
#[derive(Debug, Clone)]
pub struct Item {
    pub marker: Marker,
    /// Byte offset of the item's first line in the text.
    pub start: usize,
    /// Byte offset where the heading text starts (after the number).
    pub heading: usize,
    /// End of the item's own text: the start of the next numbered line.
    pub own_end: usize,
    /// End of the item with everything nested in it.
    pub end: usize,
    pub parent: Option<usize>,
}

impl Item {
    pub fn style(&self) -> Style {
        self.marker.style
    }
}

/// The numbered structure of a document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub items: Vec<Item>,
}

pub use crate::text::lines;

impl Outline {
    /// Finds the numbered lines of `text` and nests them. Lines in `skip` (byte ranges,
    /// e.g. a reconstructed table) are not read.
    pub fn build(text: &str, skip: &[(usize, usize)]) -> Outline {
        let mut items: Vec<Item> = Vec::new();
        for (start, line) in lines(text) {
            if skip.iter().any(|&(a, b)| start >= a && start < b) {
                continue;
            }
            let m = marker(line)
                .or_else(|| {
                    // A garbled number takes the place the sequence leaves for it.
                    let at = numbering::garbled_marker(line)?;
                    let prev = &items.last()?.marker;
                    Some(Marker {
                        style: prev.style,
                        number: prev.style.render(prev.value + 1),
                        value: prev.value + 1,
                        start: 0,
                        text_start: at,
                        inferred: true,
                    })
                })
                .or_else(|| {
                    let prev = items.iter().rev().find(|i| i.style() == Style::Arabic)?;
                    numbering::sequence_marker(line, prev.marker.value + 1)
                });
            if let Some(m) = m {
                items.push(Item {
                    heading: start + m.text_start,
                    marker: m,
                    start,
                    own_end: text.len(),
                    end: text.len(),
                    parent: None,
                });
            }
        }
        for i in 0..items.len() {
            if let Some(next) = items.get(i + 1).map(|n| n.start) {
                items[i].own_end = next;
            }
            // Skipped regions (tables) also end the text of the item before them.
            if let Some(&(a, _)) = skip
                .iter()
                .filter(|&&(a, _)| a >= items[i].start)
                .min_by_key(|r| r.0)
            {
                items[i].own_end = items[i].own_end.min(a);
            }
        }
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..items.len() {
            while let Some(&top) = stack.last() {
                if items[top].style() >= items[i].style() {
                    items[top].end = items[i].start;
                    stack.pop();
                } else {
                    break;
                }
            }
            items[i].parent = stack.last().copied();
            stack.push(i);
        }
        for &open in &stack {
            items[open].end = items[open].end.min(
                skip.iter()
                    .filter(|&&(a, _)| a >= items[open].start)
                    .map(|r| r.0)
                    .min()
                    .unwrap_or(text.len()),
            );
        }
        Outline { items }
    }

    /// The chain of ancestors of item `i`, outermost first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut p = self.items[i].parent;
        while let Some(a) = p {
            chain.push(a);
            p = self.items[a].parent;
        }
        chain.reverse();
        chain
    }
}

/// Byte range of an item's heading as a section name: its line, number included,
/// up to the first `。`.
pub fn heading_range(text: &str, item: &Item) -> (usize, usize) {
    let line_end = text[item.start..]
        .find('\n')
        .map_or(text.len(), |i| item.start + i);
    let line = &text[item.start..line_end];
    let end = item.start + line.find('。').unwrap_or(line.len());
    let start = item.start + (line.len() - line.trim_start().len());
    (
        start,
        start.max(item.start + text[item.start..end].trim_end().len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_follows_style_rank() {
        let text = "通知\n1.请抓好落实\n一、总体要求\n(一)推进A。\n1.细化\n(二)推进B。\n二、保障\n";
        let o = Outline::build(text, &[]);
        let styles: Vec<Style> = o.items.iter().map(|i| i.style()).collect();
        assert_eq!(styles.len(), 6);
        // "1." in the notice is not the parent of "一、".
        assert_eq!(o.items[1].parent, None);
        assert_eq!(o.items[2].parent, Some(1));
        assert_eq!(o.items[3].parent, Some(2));
        assert_eq!(o.items[4].parent, Some(1));
        assert_eq!(
            &text[o.items[2].start..o.items[2].end],
            "(一)推进A。\n1.细化\n"
        );
        let (a, b) = heading_range(text, &o.items[1]);
        assert_eq!(&text[a..b], "一、总体要求");
    }
}

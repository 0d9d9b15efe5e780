//! Writing the extracted text: white space as a reader sees it, line breaks between blocks,
//! table rows, and anchors back to the file.

use crate::{Extracted, Location};

/// Wide characters (CJK, full-width punctuation): no space is shown between two of them
/// where the markup had a line break or indentation.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x323AF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Whether a cell's lines are each a short name (a 牵头单位 cell with one agency per
/// paragraph): then they are a list, joined with `、`; other lines are joined with a space.
fn lines_are_names(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.len() >= 2
        && lines.iter().all(|l| {
            l.chars().count() <= 30
                && !l.ends_with(['。', '；', ';', '，', ',', '：', ':', '、'])
                && !l.contains(['，', '。'])
        })
}

/// Text being written left to right, with white space collapsed and anchors kept.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    text: String,
    anchors: Vec<(usize, usize)>,
    locations: Vec<(usize, Location)>,
    pending_space: bool,
    /// Where in the file the last character with a known place ended.
    src_end: Option<usize>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Records that the next character written comes from byte `src` of the file.
    fn mark(&mut self, src: usize) {
        let out = self.text.len();
        if let Some(&(ad, asrc)) = self.anchors.last() {
            if out >= ad && asrc + (out - ad) == src {
                return;
            }
            if ad == out {
                self.anchors.pop();
            }
        }
        self.anchors.push((out, src));
    }

    /// Writes one character of text content; `src` is where it stands in the file, if known.
    /// Runs of white space become one space, or none between wide characters.
    pub fn push(&mut self, c: char, src: Option<usize>) {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            self.pending_space = true;
            return;
        }
        if std::mem::take(&mut self.pending_space) {
            let prev = self.text.chars().next_back();
            if prev.is_some_and(|p| p != '\n' && !(is_wide(p) && is_wide(c))) {
                self.text.push(' ');
            }
        }
        match src {
            Some(s) => {
                self.mark(s);
                self.src_end = Some(s + c.len_utf8());
            }
            // A character whose place in the file is not known cites where the text before
            // it ended, so that no offset runs on past what the file holds.
            None => {
                if let Some(e) = self.src_end {
                    self.mark(e);
                }
            }
        }
        self.text.push(c);
    }

    /// Writes text whose characters all come from `src..` in step (or from nowhere known).
    pub fn push_str(&mut self, s: &str, src: Option<usize>) {
        for (i, c) in s.char_indices() {
            self.push(c, src.map(|p| p + i));
        }
    }

    /// Ends the current line, if it has anything on it.
    pub fn line_break(&mut self) {
        self.pending_space = false;
        let trimmed = self.text.trim_end_matches([' ', '\t']).len();
        self.text.truncate(trimmed);
        self.anchors.retain(|&(o, _)| o <= trimmed);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Ends the current line and leaves an empty one (between blocks of a PDF page).
    pub fn blank_line(&mut self) {
        self.line_break();
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// Starts a new location at the current position.
    pub fn locate(&mut self, loc: Location) {
        if self.locations.last().map(|(_, l)| l) != Some(&loc) {
            let at = self.text.len();
            if self.locations.last().is_some_and(|(o, _)| *o == at) {
                self.locations.pop();
            }
            self.locations.push((at, loc));
        }
    }

    /// Appends another builder's text with its anchors (a table cell written apart).
    pub fn append(&mut self, other: &Builder) {
        let shift = self.text.len();
        for &(o, s) in &other.anchors {
            if let Some(&(ad, _)) = self.anchors.last() {
                if ad == shift + o {
                    self.anchors.pop();
                }
            }
            self.anchors.push((shift + o, s));
        }
        self.text.push_str(&other.text);
        self.pending_space = false;
        if other.src_end.is_some() {
            self.src_end = other.src_end;
        }
    }

    /// Writes a table row as `| a | b |`: cells on one line, their own line breaks and any
    /// `|` in them turned into spaces so that the row stays one row.
    pub fn row(&mut self, cells: &[Builder]) {
        self.line_break();
        self.text.push('|');
        for cell in cells {
            self.text.push(' ');
            self.append(&cell.flattened());
            self.text.push_str(" |");
        }
        self.text.push('\n');
    }

    /// Where in the file the character at offset `o` of this text came from.
    fn source_of(&self, o: usize) -> Option<usize> {
        let i = self.anchors.partition_point(|&(ad, _)| ad <= o);
        i.checked_sub(1)
            .map(|i| self.anchors[i].1 + (o - self.anchors[i].0))
    }

    /// This text on one line (a table cell in a row), keeping each character's source: its
    /// line breaks become `、` between names, else spaces; a `|` becomes a space.
    fn flattened(&self) -> Builder {
        let joiner = if lines_are_names(&self.text) {
            '、'
        } else {
            ' '
        };
        let mut out = Builder::new();
        let text = self.text.trim_end();
        for (i, c) in text.char_indices() {
            let src = self.source_of(i);
            match c {
                '\n' => {
                    if !out.text.is_empty() && !out.text.ends_with(joiner) {
                        out.push(joiner, None);
                    }
                }
                '|' => out.push(' ', src),
                c => out.push(c, src),
            }
        }
        out.pending_space = false;
        out
    }

    pub fn finish(mut self, format: crate::Format, encoding: &str) -> Extracted {
        self.line_break();
        Extracted {
            format,
            text: self.text,
            encoding: encoding.to_owned(),
            source_map: self.anchors,
            locations: self.locations,
            metadata: Vec::new(),
            notes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_between_wide_characters_goes() {
        let mut b = Builder::new();
        b.push_str("一、加快\n   推进 ", Some(0));
        b.push_str("abc  def", Some(100));
        b.line_break();
        assert_eq!(b.text(), "一、加快推进 abc def\n");
    }

    #[test]
    fn rows_stay_on_one_line_and_keep_anchors() {
        let mut a = Builder::new();
        a.push_str("市发改委", Some(10));
        a.line_break();
        a.push_str("市财政局", Some(40));
        let mut b = Builder::new();
        b.push_str("1", Some(5));
        let mut out = Builder::new();
        out.row(&[b, a]);
        let e = out.finish(crate::Format::Html, "UTF-8");
        assert_eq!(e.text, "| 1 | 市发改委、市财政局 |\n");
        let at = e.text.find("市财政局").expect("cell text");
        let src = e
            .source_map
            .iter()
            .rev()
            .find(|(o, _)| *o <= at)
            .map(|&(o, s)| s + (at - o));
        assert_eq!(src, Some(40));
    }

    #[test]
    fn a_cell_of_sentences_stays_one_sentence() {
        let mut a = Builder::new();
        a.push_str("新建公办幼儿园3所，", None);
        a.line_break();
        a.push_str("新增学位900个。", None);
        let mut out = Builder::new();
        out.row(&[a]);
        assert_eq!(out.text(), "| 新建公办幼儿园3所，新增学位900个。 |\n");
    }
}

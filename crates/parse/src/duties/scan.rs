//! Bracket-aware scanning: separators and keywords count only outside (), [], 【】, 《》, “” …
//! so that `各县(市、区)人民政府` and `“百千万工程”指挥办` stay whole.

fn opener(c: char) -> bool {
    matches!(c, '(' | '[' | '【' | '《' | '“' | '‘' | '〔' | '〈' | '{')
}

fn closer(c: char) -> bool {
    matches!(c, ')' | ']' | '】' | '》' | '”' | '’' | '〕' | '〉' | '}')
}

/// Byte offsets in `s` that are outside any bracket or quote, with their characters.
pub fn top_level(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut depth = 0usize;
    s.char_indices().filter(move |&(_, c)| {
        let outside = depth == 0;
        if opener(c) {
            depth += 1;
        } else if closer(c) {
            depth = depth.saturating_sub(1);
            return false;
        }
        outside && !opener(c)
    })
}

/// Splits `s` at top-level separators; each piece with its byte offset, separators dropped.
pub fn split_top<'a>(s: &'a str, seps: &[char]) -> Vec<(usize, &'a str)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in top_level(s) {
        if seps.contains(&c) {
            pieces.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    pieces.push((start, &s[start..]));
    pieces
}

/// A word list made ready for [`WordIndex::find`]: for each first character, the words
/// that start with it, longest first. Built once per list, since every line of every plan
/// is scanned with the same few lists.
pub struct WordIndex {
    /// The characters some word starts with. Nearly every character of a line starts no
    /// word, and this rules it out without hashing.
    starts: crate::text::CharSet,
    by_first: std::collections::HashMap<char, Vec<(usize, &'static str)>>,
}

impl WordIndex {
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> WordIndex {
        let mut by_first: std::collections::HashMap<char, Vec<(usize, &'static str)>> =
            std::collections::HashMap::new();
        let mut starts = crate::text::CharSet::default();
        for (k, w) in words.into_iter().enumerate() {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push((k, w));
                starts.insert(c);
            }
        }
        for list in by_first.values_mut() {
            // Longest first; among equals the earlier word, as a plain scan would pick.
            list.sort_by_key(|&(k, w)| (std::cmp::Reverse(w.len()), k));
        }
        WordIndex { starts, by_first }
    }

    /// Top-level occurrences of the words (longest match at each position, no overlaps):
    /// `(start, end, index into the word list)`.
    pub fn find(&self, s: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut next_free = 0;
        for (i, c) in top_level(s) {
            if i < next_free || !self.starts.contains(c) {
                continue;
            }
            let Some(list) = self.by_first.get(&c) else {
                continue;
            };
            if let Some(&(k, w)) = list.iter().find(|(_, w)| s[i..].starts_with(*w)) {
                found.push((i, i + w.len(), k));
                next_free = i + w.len();
            }
        }
        found
    }
}

/// Trims white space and list punctuation from both ends.
pub fn trim_list(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '、' | ';' | ':' | '。' | '.' | '，' | '；' | '：')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_inside_brackets_do_not_split() {
        let parts: Vec<&str> = split_top("各县(市、区)人民政府、省财政厅", &['、'])
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(parts, ["各县(市、区)人民政府", "省财政厅"]);
    }

    #[test]
    fn words_found_outside_quotes_only() {
        let f = WordIndex::new(["牵头"]).find("“牵头”省财政厅牵头");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "“牵头”省财政厅".len());
    }
}

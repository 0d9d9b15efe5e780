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

/// Top-level occurrences of any of `words` (longest match at each position, no overlaps):
/// `(start, end, index into words)`.
pub fn find_words(s: &str, words: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let mut next_free = 0;
    // Most characters start no word: test the first character before comparing words.
    let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    for (i, c) in top_level(s) {
        if i < next_free || firsts.binary_search(&c).is_err() {
            continue;
        }
        let best = words
            .iter()
            .enumerate()
            .filter(|(_, w)| s[i..].starts_with(**w))
            .max_by_key(|(_, w)| w.len());
        if let Some((k, w)) = best {
            found.push((i, i + w.len(), k));
            next_free = i + w.len();
        }
    }
    found
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
        let f = find_words("“牵头”省财政厅牵头", &["牵头"]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "“牵头”省财政厅".len());
    }
}

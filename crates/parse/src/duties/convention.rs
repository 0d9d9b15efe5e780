//! Document conventions such as `第一个为牵头单位,下同` or `排在第一位的部门为牵头部门`:
//! in lists without role words, the first agency leads and the rest cooperate.

use super::scan::split_top;
use crate::text::WordSet;
use std::sync::LazyLock;

const FIRST: &[&str] = &["第一", "首位", "首个", "第1", "最前"];
const LEAD: &[&str] = &["牵头", "主办", "汇总", "负总责", "主责"];
static FIRSTS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FIRST));
static LEADS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(LEAD));

/// Whether a clause states the first-listed-lead convention.
pub fn is_convention(clause: &str) -> bool {
    FIRSTS.found_in(clause) && LEADS.found_in(clause)
}

/// Removes a bracketed note that states the convention, whole
/// (`…、市财政局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)`).
fn strip_bracketed_convention(content: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut open = 0;
    for (i, c) in content.char_indices() {
        match c {
            '(' | '（' | '〔' | '[' | '【' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            ')' | '）' | '〕' | ']' | '】' if depth > 0 => {
                depth -= 1;
                let end = i + c.len_utf8();
                if depth == 0 && declares_convention(&content[open..end]) {
                    return Some(format!("{}{}", &content[..open], &content[end..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// Removes convention clauses (and their `下同`) from a list; says whether there was one.
pub fn strip_convention(content: &str) -> (String, bool) {
    // Every statement of the convention names the first place; most lists have none.
    if !FIRSTS.found_in(content) {
        return (content.to_owned(), false);
    }
    if let Some(rest) = strip_bracketed_convention(content) {
        return (strip_convention(&rest).0, true);
    }
    let clauses = split_top(content, &[',', ';', '。', '，', '；']);
    if !clauses.iter().any(|(_, c)| is_convention(c)) {
        return (content.to_owned(), false);
    }
    let mut kept = String::with_capacity(content.len());
    let mut after_convention = false;
    for (i, (start, clause)) in clauses.iter().enumerate() {
        let c = clause.trim();
        let drop = is_convention(c)
            || (after_convention && matches!(c, "下同" | "以下同" | "后同" | "余同" | ""));
        after_convention = drop;
        if drop {
            continue;
        }
        if !kept.is_empty() {
            // Keep the separator that stood before this clause.
            let sep_start = clauses[i - 1].0 + clauses[i - 1].1.len();
            kept.push_str(&content[sep_start..*start]);
        }
        kept.push_str(clause);
    }
    (kept, true)
}

/// Whether a line of running text (a preamble or a note) declares the convention.
pub fn declares_convention(line: &str) -> bool {
    // Every statement of the convention names the first place; most lines have none.
    if !FIRSTS.found_in(line) {
        return false;
    }
    let inner = line
        .trim_start_matches(['(', '（', '〔', '[', '【'])
        .trim_end_matches([')', '）', '〕', ']', '】']);
    split_top(inner, &[',', ';', '。', '，', '；'])
        .iter()
        .any(|(_, c)| is_convention(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convention_clauses_are_removed() {
        let (rest, found) = strip_convention(
            "省通信管理局,省工业和信息化厅、省自然资源厅,省广电局,第一个为牵头单位,下同",
        );
        assert!(found);
        assert_eq!(rest, "省通信管理局,省工业和信息化厅、省自然资源厅,省广电局");
        for s in [
            "列第一位者为牵头单位,下同",
            "排在第一位的部门为牵头部门",
            "列第一位为牵头或汇总单位,下同",
        ] {
            let (rest, found) = strip_convention(s);
            assert!(found, "{s}");
            assert_eq!(rest, "", "{s}");
        }
        assert!(!strip_convention("省财政厅牵头,省统计局配合").1);
        let (rest, found) = strip_convention(
            "市发改委、市财政局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)",
        );
        assert!(found);
        assert_eq!(rest, "市发改委、市财政局");
    }
}

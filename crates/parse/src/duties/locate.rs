//! Finding a task's responsibility annotations in its text: bracketed lists
//! (`(X牵头,Y配合)`, `【牵头单位:X】`) and labelled lines (`牵头单位:区发改局`).

use super::convention::is_convention;
use super::names::is_plain_agency_list;
use super::{find_labels, find_markers, read_annotation, Label, Reading};

/// One annotation: where it is in the text and what it says.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Byte range of the whole annotation (brackets included) in the searched text.
    pub start: usize,
    pub end: usize,
    pub reading: Reading,
}

/// Problems met while locating annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocateWarning {
    pub offset: usize,
    pub message: String,
}

fn has_role_words(content: &str) -> bool {
    !find_markers(content).is_empty()
        || !find_labels(content).is_empty()
        || content.split([',', ';', '，', '；']).any(is_convention)
}

fn says_something(r: &Reading) -> bool {
    !r.entries.is_empty() || !r.supervisors.is_empty() || r.declares_convention
}

/// Top-level bracket groups of a line: `(open, close)` byte offsets; `close` is `None`
/// when the bracket is never closed on the line.
fn bracket_groups(line: &str) -> Vec<(usize, Option<usize>)> {
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '[' | '【' | '〔' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            ')' | ']' | '】' | '〕' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push((open, Some(i)));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        groups.push((open, None));
    }
    groups
}

fn ends_line(rest: &str) -> bool {
    rest.chars()
        .all(|c| c.is_whitespace() || matches!(c, '。' | ';' | ',' | '.' | ':' | '、'))
}

/// Finds the annotations in `text` (one task's own text). Bracketed lists without role words
/// count only at the end of the first or last line, where plans put them.
pub fn find_annotations(text: &str) -> (Vec<Annotation>, Vec<LocateWarning>) {
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    let lines: Vec<(usize, &str)> = crate::text::lines_with_breaks(text)
        .map(|(start, l)| (start, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let last = lines.len().saturating_sub(1);
    for (li, &(lo, line)) in lines.iter().enumerate() {
        let mut covered_until = 0;
        // Brackets after a label belong to its value (`责任单位:A、B(列第一位为牵头单位)`).
        let labels = find_labels(line);
        let first_label = labels.first().map_or(line.len(), |l| l.0);
        for (open, close) in bracket_groups(line) {
            if open >= first_label {
                break;
            }
            let content_start = open + line[open..].chars().next().map_or(1, char::len_utf8);
            let (content, end) = match close {
                Some(c) => (
                    &line[content_start..c],
                    c + line[c..].chars().next().map_or(1, char::len_utf8),
                ),
                None => (&line[content_start..], line.len()),
            };
            let strong = has_role_words(content);
            let weak = !strong
                && close.is_some()
                && (li == 0 || li == last)
                && ends_line(&line[end..])
                && is_plain_agency_list(content);
            if !strong && !weak {
                continue;
            }
            let reading = read_annotation(content);
            if !says_something(&reading) {
                continue;
            }
            if close.is_none() {
                warnings.push(LocateWarning {
                    offset: lo + open,
                    message: "responsibility list is not closed (the text may be truncated)".into(),
                });
            }
            found.push(Annotation {
                start: lo + open,
                end: lo + end,
                reading,
            });
            covered_until = end;
        }
        // Labelled text outside brackets runs from its first label to the end of the line.
        if let Some(&(start, _, _)) = labels.iter().find(|(s, _, l)| {
            *s >= covered_until
                && matches!(l, Label::Names(_) | Label::Supervisor | Label::Deadline)
        }) {
            let reading = read_annotation(&line[start..]);
            if says_something(&reading) || !reading.leftovers.deadlines.is_empty() {
                found.push(Annotation {
                    start: lo + start,
                    end: lo + line.len(),
                    reading,
                });
            }
        }
    }
    if found.is_empty() {
        found = prose_annotations(&lines);
    }
    found.sort_by_key(|a| a.start);
    (found, warnings)
}

/// Sentences that assign the task in words (`由市发改委负责,市财政局配合。`), read only
/// where a task has no list or label: every name in them must look like an agency, so that
/// `由市发改委牵头制定方案` (a plan of work, not an assignment) is not read as one.
fn prose_annotations(lines: &[(usize, &str)]) -> Vec<Annotation> {
    let lex = crate::lexicon::lexicon();
    let mut found = Vec::new();
    for &(lo, line) in lines {
        for (at, sentence) in super::scan::split_top(line, &['。', ';']) {
            let sentence = sentence.trim_end();
            let lead = sentence.len() - sentence.trim_start().len();
            if find_markers(sentence).is_empty() {
                continue;
            }
            let reading = read_annotation(sentence.trim_start());
            let all_agencies = !reading.entries.is_empty()
                && reading.leftovers.unknown.is_empty()
                && reading.leftovers.deadlines.is_empty()
                && reading
                    .entries
                    .iter()
                    .all(|e| e.name.collective || lex.is_agency_like(&e.name.name));
            if all_agencies {
                found.push(Annotation {
                    start: lo + at + lead,
                    end: lo + at + sentence.len(),
                    reading,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_trailing_list_and_skips_glosses() {
        let t = "举办中国 ( 广州) 国际纪录片节、2023世界超高清视频(4K/8K)产业发展大会。(省广电局牵头,省委宣传部等配合。)";
        let (a, _) = find_annotations(t);
        assert_eq!(a.len(), 1);
        assert_eq!(
            &t[a[0].start..a[0].end],
            "(省广电局牵头,省委宣传部等配合。)"
        );
    }

    #[test]
    fn plain_list_only_at_the_end() {
        let t =
            "支持建设深圳数据交易所(深圳市地方金融监管局)等平台。推动发展。(省政务服务数据管理局)";
        let (a, _) = find_annotations(t);
        assert_eq!(a.len(), 1);
        assert_eq!(&t[a[0].start..a[0].end], "(省政务服务数据管理局)");
    }

    #[test]
    fn labelled_lines() {
        let t = "1.推进数字政府建设。\n牵头单位:区发改局\n配合单位:区财政局、区统计局\n完成时限:2024年12月底前\n";
        let (a, _) = find_annotations(t);
        assert_eq!(a.len(), 3);
        assert!(a[2].reading.leftovers.deadlines[0].contains("2024"));
    }

    #[test]
    fn unclosed_list_is_read_and_reported() {
        let (a, w) = find_annotations("推进建设。(省财政厅牵头,省统计局配合");
        assert_eq!(a.len(), 1);
        assert_eq!(w.len(), 1);
    }
}

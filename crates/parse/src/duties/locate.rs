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
    pub kind: AnnotationKind,
}

/// How an annotation is written, for telling a user how a plan was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnnotationKind {
    /// `(X牵头,Y配合)`, `【牵头单位:X】`.
    Bracket,
    /// `牵头单位:X` outside brackets.
    Label,
    /// `由X负责,Y配合` in the task's sentences.
    Prose,
    /// `二、市发改委牵头的工作`: a heading over the task.
    Heading,
}

impl AnnotationKind {
    pub fn name(self) -> &'static str {
        match self {
            AnnotationKind::Bracket => "in brackets",
            AnnotationKind::Label => "labelled",
            AnnotationKind::Prose => "in prose",
            AnnotationKind::Heading => "from a heading over them",
        }
    }
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
    let mut skip_next = false;
    for (li, &(lo, line)) in lines.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        // A form's field name on a line of its own (`责任单位:` or `责任单位`), its value on the
        // next line, as copies of forms and flattened tables write them.
        if let Some((mark, next)) = label_alone(line).zip(lines.get(li + 1)) {
            if is_plain_agency_list(next.1.trim()) {
                let mut reading = Reading::default();
                super::read_list(next.1.trim(), mark, &mut reading);
                if says_something(&reading) {
                    found.push(Annotation {
                        start: lo,
                        end: next.0 + next.1.len(),
                        reading,
                        kind: AnnotationKind::Label,
                    });
                    skip_next = true;
                    continue;
                }
            }
        }
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
                kind: AnnotationKind::Bracket,
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
                    kind: AnnotationKind::Label,
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

/// The mark of a line that is only a field name for names (`责任单位:`, `牵头单位`).
fn label_alone(line: &str) -> Option<super::Mark> {
    let word = line.trim().trim_end_matches([':', '：']).trim();
    super::labels().iter().find_map(|(w, l)| match l {
        Label::Names(m) if w == word && word.chars().count() >= 4 => Some(*m),
        _ => None,
    })
}

/// Sentences that assign the task in words, read clause by clause where a task has no list or
/// label: `由市发改委负责,市财政局配合,6月底前完成`, `由王五副市长负责,市发改委牵头,相关部门配合`,
/// `由甲局与乙局牵头,有关部门参与`, `甲局承办,乙局协办`, `由A、B分别与C共同编制`. A clause
/// assigns when the words before its (last) role word are organs, groups of organs or an
/// official with his post; what follows the role word is the action (`…牵头制定方案`), not a
/// name. A time clause after an assignment is its deadline. Other clauses are the task's text.
fn prose_annotations(lines: &[(usize, &str)]) -> Vec<Annotation> {
    let mut found = Vec::new();
    for &(lo, line) in lines {
        // The item's own number is no part of a clause (`一、市发改委牵头的工作`).
        let skip = crate::outline::numbering::marker(line)
            .filter(|m| m.start == 0)
            .map_or(0, |m| m.text_start);
        let (lo, line) = (lo + skip, &line[skip..]);
        for (at, sentence) in super::scan::split_top(line, &['。', ';']) {
            let mut reading = Reading::default();
            let mut span: Option<(usize, usize)> = None;
            // Groups of names before the clause that holds their role word (`由A、B,C负责`).
            let mut pending: Option<(usize, String)> = None;
            for (ca, clause) in super::scan::split_top(sentence, &[',']) {
                let lead = clause.len() - clause.trim_start().len();
                let c = clause.trim();
                let (mut a, b) = (at + ca + lead, at + ca + lead + c.len());
                let joined = match &pending {
                    Some((p, names)) => {
                        a = *p;
                        format!("{names},{c}")
                    }
                    None => c.to_owned(),
                };
                if let Some(r) = assignment_clause(&joined) {
                    pending = None;
                    reading.entries.extend(r.entries);
                    reading.supervisors.extend(r.supervisors);
                    span = Some((span.map_or(a, |s| s.0), b));
                } else if joined.len() < 200
                    && is_plain_agency_list(joined.trim_start_matches('由'))
                {
                    pending = Some((a, joined));
                } else if span.is_some() && super::names::is_time_clause_text(c) {
                    reading.leftovers.deadlines.push(c.to_owned());
                    span = span.map(|s| (s.0, b));
                } else {
                    pending = None;
                }
            }
            if let Some((a, b)) = span.filter(|_| !reading.entries.is_empty()) {
                found.push(Annotation {
                    start: lo + a,
                    end: lo + b,
                    reading,
                    kind: AnnotationKind::Prose,
                });
            }
        }
    }
    found
}

/// One clause of a prose assignment (see [`prose_annotations`]), or `None`.
fn assignment_clause(clause: &str) -> Option<Reading> {
    let lex = crate::lexicon::lexicon();
    // `由` opens the names wherever it stands (`其中生态修复由市林业局牵头`, `(一)由省经贸委负责`):
    // what comes before it is the clause's topic.
    let opens = |&(i, _): &(usize, char)| {
        let next = clause[i + '由'.len_utf8()..].chars().next();
        let prev = clause[..i].chars().next_back();
        // Not 由于 (because), 由此, 自由, 理由, 缘由, 经由.
        !next.is_some_and(|c| "于此".contains(c)) && !prev.is_some_and(|c| "自理缘经".contains(c))
    };
    let body = match clause
        .char_indices()
        .filter(|&(_, c)| c == '由')
        .find(opens)
        .map(|(i, _)| i)
    {
        Some(i) => &clause[i + '由'.len_utf8()..],
        None => clause.strip_prefix('请').unwrap_or(clause),
    };
    // The role word that closes the clause's names; after it stands the action.
    let end = find_markers(body)
        .into_iter()
        .filter(|&(_, e, k)| super::closes_run(body, e, &super::markers()[k].0))
        .map(|(_, e, _)| e)
        .next_back();
    let words = match end {
        Some(e) => body[..e].to_owned(),
        // `A分别与B共同编制`: working together is sharing the task.
        None => format!("{}共同负责", &body[..body.find("共同")?]),
    };
    let words = words.replace("分别与", "与").replace("分别会同", "会同");
    let r = read_annotation(&words);
    if r.entries.is_empty() || !r.leftovers.unknown.is_empty() {
        return None;
    }
    if r.entries
        .iter()
        .all(|e| e.name.collective || lex.looks_like_organ(&e.name.name))
    {
        return Some(r);
    }
    // `王五副市长负责`: an official is the task's supervisor, not an agency.
    if r.entries.len() != 1 {
        return None;
    }
    let (people, rest) = super::read_supervisors(r.entries.first().map(|e| e.name.name.as_str())?);
    (!people.is_empty() && rest.is_empty()).then(|| Reading {
        supervisors: people,
        ..Reading::default()
    })
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

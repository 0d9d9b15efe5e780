//! Tables whose cells were glued together with no separator at all, as document-sharing
//! previews of a `.docx` print them:
//! `序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给实施…个。何海平教育局经开区…2促进…`.
//!
//! Layout cannot be read here, so the agencies are found first: after a sentence of content
//! comes a *unit run* — an official's name (a surname and one or two characters) followed by
//! agency names, each ending like an agency (`局`, `街道`, `公司` …). The run ends where the
//! next row's number or more content begins. A row with two runs is two tasks of one number
//! (a merged number cell over two sub-rows).

use super::table::{glued_header, Cell, Column, Row, Table};
use crate::lexicon::{lexicon, Lexicon};
use crate::text::is_han;

/// Words that open a sentence of content, never an agency's name (`推进大庙弄核心区改造`).
const CONTENT_STARTS: &[&str] = &[
    "推进",
    "推动",
    "提升",
    "完成",
    "实施",
    "开展",
    "新建",
    "建设",
    "建成",
    "加快",
    "加强",
    "落实",
    "支持",
    "打造",
    "组织",
    "举办",
    "实现",
    "改造",
    "增加",
    "促进",
    "深化",
    "优化",
    "全面",
    "持续",
    "启动",
    "开工",
    "做好",
    "扩大",
    "提高",
    "提供",
    "推广",
    "健全",
    "完善",
    "新增",
    "整治",
    "修缮",
    "创建",
    "培育",
    "引进",
    "筹建",
    "改扩建",
    "续建",
    "确保",
    "力争",
    "计划",
    "全年",
    "年内",
    "投入",
    "争取",
    "保障",
    "强化",
    "巩固",
    "探索",
    "构建",
    "统筹",
    "建立",
    "设立",
    "开通",
    "组建",
    "制定",
    "出台",
    "编制",
    "对",
    "为",
    "在",
    "将",
    "按",
    "以",
    "让",
    "使",
    "与",
    "向",
    "从",
    "把",
];

/// Longest agency name read from a glued run, in characters (a longer stretch is content).
const MAX_NAME: usize = 14;

fn content_start(s: &str) -> bool {
    CONTENT_STARTS.iter().any(|w| s.starts_with(w))
}

/// The text a run-on table is read from: its lines joined, page markers (`\n2、`) dropped,
/// with a map back to offsets in the normalised text.
struct Stream {
    text: String,
    /// `(offset in text, offset in the source)` where each joined piece starts.
    pieces: Vec<(usize, usize)>,
}

impl Stream {
    fn source(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        let (s, n) = self.pieces[k];
        n + (at - s)
    }
}

fn page_marker(line: &str) -> usize {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) && line[digits..].starts_with('、') {
        digits + '、'.len_utf8()
    } else {
        0
    }
}

/// Joins `text[from..]` up to the first blank line.
fn stream(text: &str, from: usize) -> Stream {
    let mut s = Stream {
        text: String::new(),
        pieces: Vec::new(),
    };
    let mut at = from;
    let mut first = true;
    for line in text[from..].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            break;
        }
        let skip = if first { 0 } else { page_marker(body) };
        s.pieces.push((s.text.len(), at + skip));
        s.text.push_str(&body[skip..]);
        at += line.len();
        first = false;
    }
    s
}

/// One name read from a run: its range in the stream.
type Span = (usize, usize);

/// Characters that close agency names and never open one: a name read as starting with one
/// (`市人力资源和社|会保障局`) is a name cut in two.
const NEVER_FIRST: &[char] = &[
    '会', '局', '委', '厅', '署', '处', '科', '室', '所', '站', '队', '府', '馆', '庭', '办',
];

/// What reading `name` as one agency costs: a name cut in two (`会保障局`), or one that holds
/// the start of another inside it (`市委组织部市财政局`: 部 then 市).
fn cost(name: &str) -> usize {
    let bare = name.split('(').next().unwrap_or(name);
    let cut = bare.starts_with(NEVER_FIRST);
    let chars: Vec<char> = bare.chars().collect();
    let glued = chars
        .windows(2)
        .enumerate()
        .any(|(i, w)| i >= 2 && "局厅委办署部".contains(w[0]) && "省市县区各".contains(w[1]));
    2 * (cut as usize + glued as usize)
}

/// How good a reading of a run is, smaller first: its cost, then more known names, then
/// more names.
type Score = (usize, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>);

/// A reading of a run: its score and the names.
type Reading = (Score, Vec<Span>);
/// Best readings by start offset; a fast hash, as every run-on line is read position by position.
type Memo = std::collections::HashMap<usize, Option<Reading>, foldhash::fast::RandomState>;

fn add(a: Score, b: Score) -> Score {
    (
        a.0 + b.0,
        std::cmp::Reverse(a.1 .0 + b.1 .0),
        std::cmp::Reverse(a.2 .0 + b.2 .0),
    )
}

/// The agency names glued at `at`: of the ways to split the run into names that end like
/// agencies (with a parenthesis after one, `高新园(邹区镇)`), each ending where the run can
/// go on or end, the cheapest (see [`cost`]); on a tie the one with more names.
fn agency_at(lex: &Lexicon, s: &str, at: usize) -> Option<Vec<Span>> {
    best_from(lex, s, at, 0, &mut Memo::default()).map(|r| r.1)
}

/// [`agency_at`] with a memo of every position's best reading, so a long glued stretch is
/// read in linear time.
fn best_from(lex: &Lexicon, s: &str, at: usize, depth: usize, memo: &mut Memo) -> Option<Reading> {
    if let Some(r) = memo.get(&at) {
        return r.clone();
    }
    let rest = &s[at..];
    if depth > 16 || content_start(rest) || !rest.starts_with(is_han) {
        return None;
    }
    let mut ends = Vec::new();
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= MAX_NAME || !is_han(c) {
            break;
        }
        let end = i + c.len_utf8();
        if n >= 2 && lex.is_agency_like(&rest[..end]) {
            let mut e = end;
            if rest[e..].starts_with('(') {
                if let Some(close) = rest[e..].find(')') {
                    if rest[e..e + close].chars().count() <= 8 {
                        e += close + 1;
                    }
                }
            }
            ends.push(e);
        }
    }
    let mut best: Option<Reading> = None;
    for e in ends {
        let next = at + e;
        let name = &rest[..e];
        let known = lex.known_core(name.split('(').next().unwrap_or(name)) as usize;
        let here = (cost(name), std::cmp::Reverse(known), std::cmp::Reverse(1));
        let mut options: Vec<Reading> = Vec::new();
        if run_ends(&s[next..]) {
            options.push((here, vec![(at, next)]));
        }
        if let Some((score, more)) = best_from(lex, s, next, depth + 1, memo) {
            let mut names = vec![(at, next)];
            names.extend(more);
            options.push((add(here, score), names));
        }
        for o in options {
            if best.as_ref().is_none_or(|b| o.0 < b.0) {
                best = Some(o);
            }
        }
    }
    memo.insert(at, best.clone());
    best
}

/// Whether a unit run may end here: at the end, a number (the next row), punctuation, or
/// content.
fn run_ends(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| !is_han(c) || c.is_ascii_digit())
        || content_start(rest)
        || rest.starts_with("序号")
}

/// A unit run at `at`: `(person, agencies)`.
fn unit_run(lex: &Lexicon, s: &str, at: usize, person: bool) -> Option<(Option<Span>, Vec<Span>)> {
    if !person {
        return agency_at(lex, s, at).map(|a| (None, a));
    }
    let rest = &s[at..];
    let surname = lex.surname_len(rest)?;
    // Given names of two characters are the more common: try them first.
    let given: Vec<usize> = rest[surname..]
        .char_indices()
        .take(2)
        .map(|(i, c)| surname + i + c.len_utf8())
        .collect();
    // Of the readings, the cheaper wins, then the one with more names (`张菁|民政局|高新园`
    // over `张菁民|政局高新园`); on a tie the three-character name, the more common. A
    // given name never holds a character of bodies and places (`王伟|市发展改革委`).
    const NOT_IN_NAMES: &[char] = &[
        '省', '市', '区', '县', '委', '府', '厅', '局', '部', '院', '办',
    ];
    given
        .into_iter()
        .rev()
        .filter(|&end| {
            rest[..end].chars().all(is_han) && !rest[surname..end].contains(NOT_IN_NAMES)
        })
        .filter_map(|end| {
            let (score, agencies) = best_from(lex, s, at + end, 0, &mut Memo::default())?;
            // Where the name ends, an agency's name begins: with a level word or `各`
            // (`许芳超|区委网信办`, not `许芳|超区委`), or as a known name (`何海平|教育局`).
            let first = agencies.first().map_or("", |&(a, b)| &s[a..b]);
            let opens = first.starts_with(['省', '市', '县', '区', '州', '旗', '各'])
                || lex.known_core_exactly(first);
            Some(((!opens, score), (Some((at, at + end)), agencies)))
        })
        .fold(None, |best: Option<((bool, Score), _)>, r| match best {
            Some(b) if b.0 <= r.0 => Some(b),
            _ => Some(r),
        })
        .map(|(_, r)| r)
}

/// The title at the start of a row whose 项目名称 and 主要内容 cells were glued: up to
/// the first word that opens content, else the first sentence.
fn title_end(s: &str, from: usize, to: usize) -> usize {
    let cell = &s[from..to];
    let sentence = cell.find(['。', ';', ',']).unwrap_or(cell.len());
    cell.char_indices()
        .skip(2)
        .map(|(i, _)| i)
        .find(|&i| i < sentence && content_start(&cell[i..]))
        .map_or(from + sentence, |i| from + i)
}

/// Finds run-on tables in `text`.
pub fn find_runon_tables(text: &str) -> Vec<Table> {
    let lex = lexicon();
    let mut tables: Vec<Table> = Vec::new();
    for (h, _) in text.match_indices("序号") {
        if tables.last().is_some_and(|t| h < t.end) {
            continue;
        }
        let header_len = text[h..]
            .char_indices()
            .find(|&(_, c)| !is_han(c))
            .map_or(text.len() - h, |(i, _)| i);
        let header = &text[h..h + header_len];
        let Some(words) = glued_header(header) else {
            continue;
        };
        let Some(cols) = words
            .iter()
            .map(|&(a, b)| super::table::column(&header[a..b]))
            .collect::<Option<Vec<Column>>>()
        else {
            continue;
        };
        if !cols.contains(&Column::Number)
            || !cols
                .iter()
                .any(|c| matches!(c, Column::Lead | Column::Responsible | Column::Cooperate))
        {
            continue;
        }
        let s = stream(text, h + header_len);
        if let Some(table) = read_rows(lex, &s, header, &cols, h) {
            tables.push(table);
        }
    }
    tables
}

fn read_rows(
    lex: &Lexicon,
    s: &Stream,
    header: &str,
    cols: &[Column],
    start: usize,
) -> Option<Table> {
    let t = s.text.as_str();
    let person = cols.contains(&Column::Supervisor);
    let glued_content = cols
        .iter()
        .filter(|&&c| c == Column::Task || c == Column::Other)
        .count()
        > 1;
    let unit_cols: Vec<Column> = cols
        .iter()
        .copied()
        .filter(|c| matches!(c, Column::Lead | Column::Cooperate | Column::Responsible))
        .collect();
    let mut table = Table {
        layout: "cells glued together",
        columns: cols.iter().map(|c| c.name()).collect::<Vec<_>>().join(", "),
        start,
        end: start,
        rows: Vec::new(),
        warnings: Vec::new(),
    };
    // The length of row number `n` when it stands at `at`, else 0.
    let number_at = |at: usize, digits: &str| {
        let here =
            t[at..].starts_with(digits) && t[at + digits.len()..].starts_with(|c: char| is_han(c));
        if here {
            digits.len()
        } else {
            0
        }
    };
    let mut n = 1;
    let mut at = 0;
    let mut len = number_at(at, "1");
    while len > 0 {
        let next_number = (n + 1).to_string();
        let row_start = at;
        let content = at + len;
        let mut cursor = content;
        let mut runs: Vec<(usize, Option<Span>, Vec<Span>)> = Vec::new();
        let mut next = None;
        while cursor < t.len() {
            if t[cursor..].starts_with(header) {
                cursor += header.len();
            }
            // Most characters start no number: test the first byte before anything else.
            let l = if t.as_bytes()[cursor].is_ascii_digit() {
                number_at(cursor, &next_number)
            } else {
                0
            };
            let boundary = cursor == content
                || t[..cursor].ends_with(['。', ';', ')'])
                || runs
                    .last()
                    .is_some_and(|r| r.2.last().is_some_and(|a| a.1 == cursor))
                || t[..cursor].ends_with(header);
            if l > 0 && boundary && cursor > content {
                next = Some((cursor, l));
                break;
            }
            if t[..cursor].ends_with('。') {
                if let Some((p, a)) = unit_run(lex, t, cursor, person) {
                    cursor = a.last().map_or(cursor, |x| x.1);
                    runs.push((cursor, p, a));
                    continue;
                }
            }
            cursor += t[cursor..].chars().next().map_or(1, char::len_utf8);
        }
        if runs.is_empty() {
            table.warnings.push((
                s.source(row_start),
                format!("run-on table row {n}: no responsible units found in its cells"),
            ));
        }
        let row_end = next.map_or(t.len(), |x| x.0);
        let title = if glued_content {
            title_end(t, content, row_end)
        } else {
            content + t[content..row_end].find('。').unwrap_or(row_end - content)
        };
        let mut sub_start = row_start;
        for (k, (run_end, p, agencies)) in runs.iter().enumerate() {
            let mut cells = vec![Cell {
                column: Column::Task,
                start: s.source(content),
                end: s.source(title),
            }];
            if let Some((a, b)) = *p {
                cells.push(Cell {
                    column: Column::Supervisor,
                    start: s.source(a),
                    end: s.source(b),
                });
            }
            for (j, &(a, b)) in agencies.iter().enumerate() {
                // The first name fills the first unit column (牵头单位), the rest the last.
                let column = match (j, unit_cols.first(), unit_cols.last()) {
                    (0, Some(&c), _) | (_, _, Some(&c)) => c,
                    _ => Column::Responsible,
                };
                cells.push(Cell {
                    column,
                    start: s.source(a),
                    end: s.source(b),
                });
            }
            // Content after the last run belongs to it (merged unit cells over more lines).
            let sub_end = if k + 1 < runs.len() {
                *run_end
            } else {
                row_end
            };
            table.rows.push(Row {
                number: n.to_string(),
                section: None,
                cells,
                start: s.source(sub_start),
                end: s.source(sub_end),
            });
            sub_start = sub_end;
        }
        table.end = s.source(row_end);
        match next {
            Some((c, l)) => {
                at = c;
                len = l;
                n += 1;
            }
            None => break,
        }
    }
    (!table.rows.is_empty()).then_some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<Vec<String>> {
        find_runon_tables(text)
            .into_iter()
            .flat_map(|t| t.rows)
            .map(|r| {
                r.cells
                    .iter()
                    .skip(1)
                    .map(|c| text[c.start..c.end].to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn names_inside_names_and_names_of_people_are_told_apart() {
        let lex = lexicon();
        let read = |s: &str| -> Vec<String> {
            let (p, a) = unit_run(lex, s, 0, true).expect("a run");
            p.into_iter()
                .chain(a)
                .map(|(x, y)| s[x..y].to_owned())
                .collect()
        };
        assert_eq!(
            read("王伟市人力资源和社会保障局市委组织部市财政局"),
            ["王伟", "市人力资源和社会保障局", "市委组织部", "市财政局"]
        );
        assert_eq!(
            read("赵敏教育局经开区晋陵公司轨道公司"),
            ["赵敏", "教育局", "经开区", "晋陵公司", "轨道公司"]
        );
    }

    #[test]
    fn glued_cells_are_segmented_by_reading() {
        let t = "分解表序号项目名称主要内容分管领导牵头单位配合单位1建设学校新建学校3所。王海平教育局财政局各街道2促进就业新增就业100人。张菁人社局高新园(邹区镇)各街道推进技能培训。李四民政局五星街道\n";
        assert_eq!(
            units(t),
            [
                vec!["王海平", "教育局", "财政局", "各街道"],
                vec!["张菁", "人社局", "高新园(邹区镇)", "各街道"],
                vec!["李四", "民政局", "五星街道"],
            ]
        );
        let rows: Vec<String> = find_runon_tables(t)[0]
            .rows
            .iter()
            .map(|r| r.number.clone())
            .collect();
        assert_eq!(rows, ["1", "2", "2"]);
    }
}

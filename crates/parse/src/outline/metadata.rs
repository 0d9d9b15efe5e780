//! Document metadata: title, issuer (and joint issuers), date, year, document number and
//! jurisdiction, from the notice head of a plan or from a news article quoting one.

use super::lines;
use crate::lexicon::{lexicon, PlaceLevel};
use crate::text::is_han;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub issuer: Option<String>,
    /// Other issuers of a joint issuance (`X联合Y等七个部门印发`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_issuers: Vec<String>,
    /// The sentence that states a joint issuance, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint_issuance: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    pub year: Option<i32>,
    pub jurisdiction: Option<String>,
    /// Document number, e.g. `粤工信数字产业函〔2022〕13号`.
    pub number: Option<String>,
    /// How the jurisdiction was decided: each clue, `title: 湖北省`, `document number: 武汉市`,
    /// with `(disagrees)` after one naming another place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jurisdiction_evidence: Vec<String>,
}

const PLAN_WORDS: &[&str] = &[
    "要点",
    "方案",
    "计划",
    "清单",
    "分工",
    "安排",
    "意见",
    "规划",
    "措施",
    "办法",
    "纲要",
    "任务",
    "分解",
    "分解表",
    "责任表",
    "台账",
    "细则",
];

/// Agency name endings strong enough to end a name found in running text.
const ORGAN_ENDS: &[&str] = &[
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "总局",
    "厅",
    "局",
    "委",
    "办",
    "部",
    "署",
    "院",
];

/// Words after which a name found in running text has ended.
const STOPS: &[&str] = &[
    "副", "党组", "书记", "主任", "局长", "部长", "厅长", "召开", "印发", "联合", "出席", "主持",
    "会议", "汇报", "关于", "的", "等", "和", "在", "与", "及", "了", "把", "已", "对", "将", "是",
];

/// A digit of a year written in Chinese (`二〇一一`, also with `○` or `零`).
fn year_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    let d = "〇一二三四五六七八九"
        .chars()
        .position(|x| x == c)
        .or(match c {
            '○' | '零' | 'Ｏ' | 'O' => Some(0),
            _ => None,
        })?;
    char::from_digit(d as u32, 10)
}

/// A month or day in digits or Chinese numerals (`5`, `五`, `二十八`).
fn small_number(s: &str) -> Option<u32> {
    let s = s.trim();
    s.parse()
        .ok()
        .or_else(|| super::numbering::cn_value(s).filter(|_| !s.contains(['〇', '○', '零'])))
}

fn date_of(s: &str) -> Option<(i32, u32, u32)> {
    let (y, rest) = s.split_once('年')?;
    let y: String = y.trim().chars().rev().map_while(year_digit).collect();
    let y: i32 = y.chars().rev().collect::<String>().parse().ok()?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    let (m, d) = (small_number(m)?, small_number(d)?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

fn is_date_line(line: &str) -> bool {
    let l = line.trim();
    date_of(l).is_some() && l.ends_with('日') && l.chars().count() <= 12
}

fn first_year(s: &str) -> Option<i32> {
    let bytes = s.as_bytes();
    s.match_indices('年').find_map(|(i, _)| {
        // Check bytes first: four ASCII digits are always on character boundaries.
        let digits = i >= 4 && bytes[i - 4..i].iter().all(u8::is_ascii_digit);
        let alone = i < 5 || !bytes[i - 5].is_ascii_digit();
        if !(digits && alone) {
            return None;
        }
        s[i - 4..i]
            .parse()
            .ok()
            .filter(|y| (1949..=2100).contains(y))
    })
}

fn is_agency_line(line: &str) -> bool {
    let l = line.trim();
    let n = l.chars().count();
    (2..=30).contains(&n) && l.chars().all(is_han) && ORGAN_ENDS.iter().any(|e| l.ends_with(e))
}

/// Strings inside 《》 in `s`, in order.
fn book_titles(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('《') {
        let after = &rest[a + '《'.len_utf8()..];
        let Some(b) = after.find('》') else { break };
        out.push(&after[..b]);
        rest = &after[b..];
    }
    out
}

fn is_plan_title(s: &str) -> bool {
    PLAN_WORDS.iter().any(|w| s.ends_with(w))
}

/// Web page furniture, never a title: breadcrumbs, font-size switches, share buttons, a
/// page's labelled fields (`发布时间:`, `来源:`, `文件名称 | …`), a line of separators, a bare
/// document number, a tab label (`全文`).
fn is_furniture(l: &str) -> bool {
    crate::text::contains_any(
        l,
        &[
            "位置:",
            "首页",
            " > ",
            "字体",
            "打印",
            "分享",
            "浏览次数",
            "【",
            "】",
        ],
    ) || l.starts_with('>')
        || page_label(l).is_some()
        || !l.chars().any(is_han)
        || ["全文", "[接上页]", "接上页"].contains(&l.trim())
        || find_doc_number(l).is_some_and(|n| l.trim().starts_with(n.as_str()))
        || is_table_header(l)
}

/// Labels web pages put before their fields; a line that starts with one is the page's, not
/// the plan's.
const PAGE_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "发布于",
    "成文日期",
    "发文日期",
    "时间",
    "日期",
    "来源",
    "信息来源",
    "点击量",
    "浏览次数",
    "字号",
    "索引号",
    "主题分类",
    "公开方式",
    "文号",
    "发文字号",
    "签发人",
    "导语",
    "当前位置",
    "标题",
    "文件名称",
    "题名",
    "发文机关",
    "发布机构",
    "发文单位",
];

/// The label a line opens with, and its value: `发布时间:2020-02-03` → (发布时间, 2020-02-03).
/// The label must be followed by a colon, a `|` or white space.
fn page_label(l: &str) -> Option<(&'static str, &str)> {
    let l = l.trim_start_matches(['|', ' ']);
    PAGE_LABELS.iter().find_map(|label| {
        // Labels are often letter-spaced (`索 引 号:`, `标  题:`).
        let mut rest = l;
        for c in label.chars() {
            rest = rest.trim_start_matches([' ', '\u{3000}']).strip_prefix(c)?;
        }
        let first = rest.chars().next()?;
        if !(first == ':' || first == '|' || first.is_whitespace()) {
            return None;
        }
        let v = rest.trim_start_matches([':', '|', ' ', '\u{3000}']).trim();
        Some((*label, v))
    })
}

/// Words of a task table's header row: a line holding two of them is the header, not a title.
const HEADER_WORDS: &[&str] = &[
    "序号",
    "工作任务",
    "任务名称",
    "内容与要求",
    "责任单位",
    "牵头单位",
    "配合单位",
    "完成情况",
    "分管领导",
    "完成时限",
    "责任领导",
    "主要内容",
    "项目名称",
];

fn is_table_header(l: &str) -> bool {
    let plain: String = l.chars().filter(|c| !c.is_whitespace()).collect();
    HEADER_WORDS.iter().filter(|w| plain.contains(*w)).count() >= 2
        || plain.matches('|').count() >= 3
}

/// A line that reads as a sentence (a clause mark, or a colon before its end), or is too
/// long to be a title: never a title, even as the last resort.
fn is_sentence(l: &str) -> bool {
    l.contains(['，', ',', '。', '；', ';']) || l.chars().count() > 60
}

/// Whether the text before `at` in `l` leaves a 《 open: what follows is inside a cited
/// title (`根据《…关于印发…的通知》`).
fn inside_citation(l: &str, at: usize) -> bool {
    let before = &l[..at];
    before.matches(['《', '〈']).count() > before.matches(['》', '〉']).count()
}

/// Words that open a reference to another document (`根据《…》`, `为贯彻落实《…》`): a
/// title after them in the same clause is cited, not the plan's own.
const CITING: &[&str] = &[
    "根据", "按照", "依据", "贯彻", "落实", "结合", "参照", "对照", "废止",
];

/// Whether the 《…》 at byte `at` of `text` stands in a clause that cites it.
fn cited_at(text: &str, at: usize) -> bool {
    let clause_start = text[..at]
        .rfind(['。', '；', ';', '\n', '，', ','])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &text[clause_start..at];
    // `《…》(粤府〔2021〕13号)`: a title with another document's number after it, not
    // `《…》(以下简称《意见》)`.
    let numbered = text[at..].find('》').is_some_and(|e| {
        let after = text[at + e..].trim_start_matches('》');
        after.starts_with(['(', '（'])
            && after
                .split([')', '）'])
                .next()
                .and_then(find_doc_number)
                .is_some()
    });
    crate::text::contains_any(clause, CITING) || numbered
}

/// A title as people cite it: without wrapping 《》, spaces inside, or a file extension.
fn tidy_title(t: &str) -> String {
    let t = t.trim();
    let t = t
        .strip_prefix('《')
        .and_then(|x| x.strip_suffix('》'))
        .filter(|x| !x.contains(['《', '》']))
        .unwrap_or(t);
    let t = [".docx", ".doc", ".pdf", ".xlsx", ".xls", ".wps", ".txt"]
        .iter()
        .find_map(|e| t.strip_suffix(e))
        .unwrap_or(t);
    let chars: Vec<char> = t.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let between_han =
                i > 0 && is_han(chars[i - 1]) && chars.get(i + 1).is_some_and(|n| is_han(*n));
            !(c.is_whitespace() && between_han)
        })
        .map(|(_, c)| *c)
        .collect()
}

/// The value after a web page's meta label (`来源: X   发布时间: …`), up to a wide gap.
fn meta_value<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels.iter().find_map(|label| {
        // A label opens the line or follows a gap, and a colon, `|` or a space follows it:
        // `时间` inside `明确时间节点` is no label.
        let i = line.match_indices(label).map(|(i, _)| i).find(|&i| {
            let before_ok = i == 0 || line[..i].ends_with([' ', '|', '\u{3000}', '\t']);
            let after = &line[i + label.len()..];
            before_ok && after.starts_with([':', '：', '|', ' ', '\u{3000}'])
        })?;
        let v = line[i + label.len()..]
            .trim_start_matches([':', '：', '|', ' ', '\u{3000}'])
            .trim_start();
        let end = v.find("  ").unwrap_or(v.len());
        let v = v[..end].trim();
        (!v.is_empty()).then_some(v)
    })
}

/// `2023-04-17 08:50:33` or `2023年4月17日` at the start of `v`, as ISO.
fn iso_date(v: &str) -> Option<String> {
    let head: String = v.chars().take(10).collect();
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
    if let [y, m, d] = parts[..] {
        let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        return ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    date_of(v).map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// A district named with its city (`鞍山市立山区`), where the name is unique.
fn with_city(place: String) -> String {
    let lex = lexicon();
    let mut same = lex.places_named(&place);
    match (same.next(), same.next()) {
        // Districts repeat from city to city (鼓楼区, 城关区); counties and county-level
        // cities (长兴县, 永康市) are named on their own, as plans name them.
        (Some(p), None)
            if matches!(p.level, PlaceLevel::County | PlaceLevel::District)
                && place.ends_with('区') =>
        {
            match p.parent.as_deref().and_then(|c| lex.find_place(c)) {
                Some(c) if c.level == PlaceLevel::Prefecture => format!("{}{place}", c.name),
                _ => place,
            }
        }
        _ => place,
    }
}

/// The agency name that ends right before byte `end` of `s` (`…,广东省人民政府《…》`).
fn agency_before(s: &str, end: usize) -> Option<String> {
    let head = &s[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_han(c))
        .last()
        .map(|(i, _)| i)?;
    let cand = &head[start..];
    let cand = cand.rsplit_once("关于").map_or(cand, |(a, _)| a);
    ORGAN_ENDS
        .iter()
        .any(|e| cand.ends_with(e))
        .then(|| cand.to_owned())
}

/// Agency names in running text: a level or place word, then Han characters up to the
/// longest organ ending before a stop word.
pub fn agencies_in(text: &str) -> Vec<String> {
    let lex = lexicon();
    let starts = ["自治区", "省", "市", "县", "国家", "中共", "国务院"];
    let mut found: Vec<String> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        // A name starts after a non-Han character or right after a joining word (`联合`).
        let prev_han = k > 0
            && is_han(chars[k - 1].1)
            && !["联合", "会同", "和", "与", "及", "、"]
                .iter()
                .any(|w| text[..i].ends_with(w));
        let at_start = starts.iter().any(|s| text[i..].starts_with(s))
            || lex
                .place_prefix(&text[i..])
                .is_some_and(|p| p.chars().count() >= 2);
        if !is_han(c) || prev_han || !at_start {
            k += 1;
            continue;
        }
        let mut end = None;
        let mut j = k;
        while j < chars.len() && j - k < 20 && is_han(chars[j].1) {
            let here = &text[chars[j].0..];
            if j > k && STOPS.iter().any(|s| here.starts_with(s)) {
                break;
            }
            let upto = chars[j].0 + chars[j].1.len_utf8();
            if ORGAN_ENDS.iter().any(|e| text[i..upto].ends_with(e)) && upto - i > 6 {
                end = Some(upto);
            }
            j += 1;
        }
        match end {
            Some(e) => {
                let name = text[i..e].to_owned();
                if !found.contains(&name) {
                    found.push(name);
                }
                k = chars.partition_point(|&(o, _)| o < e);
            }
            None => k += 1,
        }
    }
    found
}

fn jurisdiction_of(name: &str) -> Option<String> {
    let lex = lexicon();
    if ["国务院", "中共中央", "国家", "中华人民共和国"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        // The whole country, as gold and the national registry (`全国`) name it.
        return Some("全国".into());
    }
    // `宁波市鄞州区人民政府办公室` → 宁波市鄞州区: the place written before the organ.
    for organ in ["人民政府", "人大常委会", "政协", "委员会", "党委"] {
        if let Some(i) = name.find(organ) {
            let head = &name[..i];
            // `各州、市、县、区人民政府` addresses many places; it is none of them.
            if head.ends_with(['省', '市', '县', '区', '旗', '州', '盟'])
                && head.chars().count() >= 2
                && !head.starts_with('各')
                && !head.contains(['、', ',', '，', ' '])
            {
                return Some(head.to_owned());
            }
        }
    }
    if let Some(p) = lex.place_prefix(name) {
        let place = lex.find_place(p)?;
        // A district or county named without its city keeps just its own name.
        return Some(place.name.clone());
    }
    for organ in ["人民政府", "委员会", "党委", "县委", "区委", "市委"] {
        if let Some(i) = name.find(organ) {
            let head = &name[..i];
            if head.ends_with(['省', '市', '县', '区', '旗', '州', '盟'])
                && head.chars().count() >= 2
                && !head.starts_with('各')
                && !head.contains(['、', ',', '，', ' '])
            {
                return Some(head.to_owned());
            }
        }
    }
    None
}

/// What a file says about itself outside its text (a web page's 发文机关, 发文字号, 成文日期,
/// 标题 table, its `<title>`), read as metadata.
pub fn from_file(fields: &[(String, String)]) -> Metadata {
    let get = |labels: &[&str]| {
        labels.iter().find_map(|l| {
            fields
                .iter()
                .find(|(k, v)| k == l && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    };
    let mut m = Metadata::default();
    // A covering notice's title names the plan it issues: the same reading as in the text.
    let title = get(&["标题"]).or_else(|| {
        // `<title>` carries the site's name: `关于印发…的通知_中国政府网`.
        let t = get(&["title"])?;
        let t = t.split(['_', '|']).next().unwrap_or(t).trim();
        is_plan_title(t).then_some(t)
    });
    if let Some(t) = title {
        let line = format!("{t}\n");
        m.title = extract(&line, line.len()).title;
    }
    m.issuer = get(&["发文机关", "发布机构", "发文单位"])
        .filter(|v| is_agency_line(v))
        .map(str::to_owned);
    m.date = get(&["成文日期", "发文日期"]).and_then(iso_date);
    m.year = m.date.as_deref().and_then(|d| d[..4].parse().ok());
    m.number = get(&["发文字号", "文号"]).and_then(find_doc_number);
    let clues: Vec<(&str, String)> = [
        (
            "issuer (page field)",
            m.issuer.as_deref().and_then(issuer_place),
        ),
        (
            "document number (page field)",
            m.number
                .as_deref()
                .and_then(|n| lexicon().place_of_number(n)),
        ),
    ]
    .into_iter()
    .filter_map(|(k, p)| Some((k, p?)))
    .collect();
    let (place, evidence) = decide_place(&clues);
    m.jurisdiction = place.map(with_city);
    m.jurisdiction_evidence = evidence;
    m
}

impl Metadata {
    /// These fields where known, `other`'s elsewhere.
    pub fn over(self, other: Metadata) -> Metadata {
        Metadata {
            title: self.title.or(other.title),
            issuer: self.issuer.or(other.issuer),
            co_issuers: if self.co_issuers.is_empty() {
                other.co_issuers
            } else {
                self.co_issuers
            },
            joint_issuance: self.joint_issuance.or(other.joint_issuance),
            year: if self.date.is_some() {
                self.year
            } else {
                other.year.or(self.year)
            },
            date: self.date.or(other.date),
            jurisdiction_evidence: if self.jurisdiction.is_some() {
                self.jurisdiction_evidence
            } else {
                other.jurisdiction_evidence
            },
            jurisdiction: self.jurisdiction.or(other.jurisdiction),
            number: self.number.or(other.number),
        }
    }
}

/// A district or county a plan names through a city bureau's branch in it
/// (`市生态环境局咸安分局` → 咸安区): the place of a plan whose own organs say only `区`.
fn branch_place(text: &str) -> Option<String> {
    let lex = lexicon();
    let mut found: Option<String> = None;
    for (i, _) in text.match_indices("分局") {
        let before: Vec<char> = text[..i].chars().rev().take(2).collect();
        if before.len() < 2 {
            continue;
        }
        let short: String = before.iter().rev().collect();
        let Some(p) = lex.find_place(&short) else {
            continue;
        };
        if !matches!(p.level, PlaceLevel::County | PlaceLevel::District) {
            continue;
        }
        match &found {
            Some(f) if *f != p.name => return None,
            _ => found = Some(p.name.clone()),
        }
    }
    found
}

/// Extracts metadata from `text`; `head_end` is where the body (first section or task) starts.
pub fn extract(text: &str, head_end: usize) -> Metadata {
    let head = &text[..head_end.min(text.len())];
    let head_lines: Vec<&str> = lines(head)
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let mut m = Metadata::default();

    // Title, in order: a page's labelled title (`标题: …`, `文件名称 | …`); a notice
    // `关于印发《X》的通知` (the notice line may wrap); the plan's own title line (it may wrap
    // over two lines); a 《plan》 the covering sentence issues (`现将《X》印发给你们`); the
    // first line that is neither page furniture nor a sentence. A title cited in a clause
    // (`根据《…关于印发…的通知》`) is another document's.
    let labelled = head_lines.iter().find_map(|l| {
        let (label, v) = page_label(l)?;
        let v = v.split('|').next().unwrap_or(v).trim();
        (matches!(label, "标题" | "文件名称" | "题名") && !v.is_empty() && !is_sentence(v))
            .then(|| v.to_owned())
    });
    // Notice lines, each joined with the next where `…印发X` wraps before `的通知`.
    let notice_lines: Vec<String> = head_lines
        .iter()
        .enumerate()
        .map(|(k, l)| match head_lines.get(k + 1) {
            Some(n)
                if l.contains("印发")
                    && !l.contains("的通知")
                    && n.contains("的通知")
                    && !is_sentence(n) =>
            {
                format!("{l}{n}")
            }
            _ => (*l).to_owned(),
        })
        .collect();
    let notice = notice_lines.iter().find_map(|l| {
        let i = l
            .match_indices("印发")
            .map(|(i, _)| i)
            .find(|&i| !inside_citation(l, i) && !cited_at(l, i))?;
        let after = &l[i + "印发".len()..];
        if after.starts_with('给') {
            return None;
        }
        let span = after.rfind("的通知").map(|j| &after[..j]);
        match book_titles(after).first() {
            // `印发《X》的通知`: X; `印发《政府工作报告》2018年…分解的通知`: the whole span.
            Some(t) if after.starts_with('《') => match span {
                Some(sp) if sp.trim_end_matches('》') != format!("《{t}") => Some(sp.to_owned()),
                _ => Some(t.to_string()),
            },
            // `关于印发2024年…分解的通知`, without book-title marks.
            _ => span.map(str::to_owned).filter(|t| !t.is_empty()),
        }
    });
    let own_line = || {
        let k = head_lines.iter().rposition(|l| {
            (6..=60).contains(&l.chars().count())
                && is_plan_title(l)
                // Not an item of a list (`2. 2019年…分解表`); a year may open a title.
                && !{
                    let rest = l.trim_start_matches(|c: char| c.is_ascii_digit());
                    rest.len() < l.len() && rest.starts_with(['.', '、', ' ', '．'])
                }
                && !l.contains([',', ';', ':', '。'])
                && !l.contains("关于印发")
                && !is_furniture(l)
        })?;
        // A title wrapped over two lines: `国务院关于落实《政府工作报告》` + `重点工作部门分工的意见`,
        // `立山区政府2023年重点工作任务分解` + `和责任分工方案`. Not a letterhead, an issuer
        // alone, a number or date line, or a title of its own.
        let before = k.checked_sub(1).map(|j| head_lines[j]);
        match before {
            Some(b)
                if !b.contains([',', ';', ':', '。', '，', '：'])
                    && !is_furniture(b)
                    && !is_agency_line(b)
                    && !b.ends_with("文件")
                    && !is_date_line(b)
                    && !b.starts_with("附件")
                    && b.chars().count() + head_lines[k].chars().count() <= 60
                    // A line that opens with 和/的/及/与 cannot stand alone; otherwise the line
                    // before must be an unfinished title itself.
                    && (head_lines[k].starts_with(['和', '的', '及', '与'])
                        || (!is_plan_title(b)
                            && (b.contains("关于") || b.ends_with(['》', '和', '的', '及', '与'])))) =>
            {
                Some(format!("{b}{}", head_lines[k]))
            }
            _ => Some(head_lines[k].to_string()),
        }
    };
    // `现将《X》印发给你们`, `《X》已经…同意,现印发给你们`: the plan the covering sentence issues.
    // Only near the start: a covering sentence opens a document, a task deep in it may
    // `印发给各单位` something else.
    let mut near = text.len().min(20_000);
    while !text.is_char_boundary(near) {
        near -= 1;
    }
    let issued = || {
        let start = &text[..near];
        let at = start.find("印发给").or_else(|| start.find("印发你们"))?;
        let sentence_start = text[..at].rfind(['。', '\n']).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let sentence = &text[sentence_start..at];
        // `现将《X》(以下简称《方案》)印发给你们`: X, not the short name after it.
        let titles = match sentence.find("现将") {
            Some(i) => book_titles(&sentence[i..]),
            None => book_titles(sentence).into_iter().rev().collect(),
        };
        titles
            .into_iter()
            .find(|t| is_plan_title(t) && t.chars().count() >= 6)
            .map(str::to_owned)
    };
    // `附件:1. X`, `附件1 X`: the plan a notice attaches, its first where it lists several.
    let annex = || {
        head_lines.iter().find_map(|l| {
            // An annex or list number (`附件1`, `1.`), never the year a title opens with.
            let skip_number = |s: &str| -> usize {
                let r = s.trim_start_matches(|c: char| c.is_ascii_digit());
                if r.len() < s.len() && !r.starts_with('年') {
                    s.len()
                        - r.trim_start_matches(['.', '、', '．', ':', '：', ' ', '\u{3000}'])
                            .len()
                } else {
                    0
                }
            };
            let rest = l.strip_prefix("附件")?;
            let rest = &rest[skip_number(rest)..];
            let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
            let rest = &rest[skip_number(rest)..];
            (is_plan_title(rest) && !is_sentence(rest) && rest.chars().count() >= 6)
                .then(|| rest.to_owned())
        })
    };
    // A notice that is itself the plan: `关于做好2013年…重点工作的通知`, on a line of its own.
    let notice_plan = || {
        head_lines.iter().find_map(|l| {
            (l.starts_with("关于")
                && l.ends_with("的通知")
                && !l.contains("印发")
                && !is_sentence(l)
                && !inside_citation(l, 0))
            .then(|| (*l).to_owned())
        })
    };
    m.title = labelled
        .or(notice)
        .or_else(annex)
        .or_else(own_line)
        .or_else(notice_plan)
        .or_else(issued)
        .or_else(|| {
            // The first 《plan》 near the start that no clause cites (a title cited deep in
            // the body is never the plan's).
            lines(&text[..near]).find_map(|(_, l)| {
                l.match_indices('《').find_map(|(at, _)| {
                    let t = book_titles(&l[at..]).first().map(|t| t.to_string())?;
                    (is_plan_title(&t)
                        && t.chars().count() >= 6
                        && !inside_citation(l, at)
                        && !cited_at(l, at))
                    .then_some(t)
                })
            })
        })
        .or_else(|| {
            head_lines
                .iter()
                .find(|l| !is_furniture(l) && !is_sentence(l))
                .map(|l| l.to_string())
        })
        .map(|t| tidy_title(&t));

    // Issuer and date: a signature (an agency line followed by a date line).
    // Signatures stand after the notice, or at the very end of the document.
    let all_lines: Vec<&str> = lines(text)
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let tail = &all_lines[all_lines.len().saturating_sub(12)..];
    for w in head_lines.windows(2).chain(tail.windows(2)) {
        if is_agency_line(w[0]) && is_date_line(w[1]) {
            m.issuer = Some(w[0].to_owned());
            m.date = date_of(w[1]).map(|(y, mo, d)| format!("{y:04}-{mo:02}-{d:02}"));
            break;
        }
    }
    // Or the agency before `关于印发` / before the quoted title / the title's own `X关于…`.
    if m.issuer.is_none() {
        m.issuer = head_lines
            .iter()
            .find_map(|l| l.find("关于印发").and_then(|i| agency_before(l, i)))
            .or_else(|| {
                let t = m.title.as_deref()?;
                let needle = format!("《{t}》");
                let i = text.find(&needle)?;
                agency_before(text, i)
            })
            .or_else(|| {
                let t = m.title.as_deref()?;
                let (a, _) = t.split_once("关于")?;
                ORGAN_ENDS
                    .iter()
                    .any(|e| a.ends_with(e))
                    .then(|| a.to_owned())
            });
    }
    // A joint issuance: `X联合Y等七个部门印发`.
    if let Some(pos) = text.find("联合") {
        let sentence_start = text[..pos]
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, ',' | '。' | '\n'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let sentence_end = text[pos..]
            .find(['。', '\n', '《'])
            .map_or(text.len(), |i| pos + i);
        let sentence = &text[sentence_start..sentence_end];
        if sentence.contains("印发") || sentence.contains("发布") {
            let names = agencies_in(sentence);
            if let Some((first, rest)) = names.split_first() {
                m.issuer.get_or_insert_with(|| first.clone());
                m.co_issuers = rest.to_vec();
                m.joint_issuance = Some(sentence.trim().trim_end_matches('了').to_owned());
                if m.title.as_deref().is_none_or(|t| !is_plan_title(t)) {
                    if let Some(t) = book_titles(&text[sentence_end..]).first() {
                        m.title = Some(t.to_string());
                    }
                }
            }
        }
    }
    // A web page's meta lines name the issuer and date when nothing else does
    // (`来源: 莲都区人民政府办公室   发布时间: 2023-04-17`, `发文单位:国务院办公厅`).
    // An issuer on its own line above `关于印发…的通知`.
    if m.issuer.is_none() {
        m.issuer = head_lines
            .windows(2)
            .find(|w| w[1].starts_with("关于") && is_agency_line(w[0]))
            .map(|w| w[0].to_owned());
    }
    if m.issuer.is_none() {
        m.issuer = head_lines.iter().find_map(|l| {
            let v = meta_value(l, &["发文机关", "发文单位", "来源"])?;
            is_agency_line(v).then(|| v.to_owned())
        });
    }
    if m.date.is_none() {
        m.date = head_lines
            .iter()
            .find_map(|l| iso_date(meta_value(l, &["成文日期", "发文日期", "颁布时间"])?));
    }
    // A page's release time is the plan's date only where the plan confirms its year (its
    // title, its number, or a year its text writes): aggregator and model-essay sites print
    // the time a copy was uploaded (`时间:2022-11-27 02:50:00` over a c.2005 plan).
    if m.date.is_none() {
        let release = head_lines.iter().find_map(|l| {
            iso_date(meta_value(
                l,
                &["发布时间", "发布日期", "发布于", "时间", "日期"],
            )?)
        });
        if let Some(d) = release {
            let year = &d[..4];
            let confirmed = m
                .title
                .as_deref()
                .and_then(first_year)
                .map(|y| y.to_string())
                == Some(year.to_owned())
                || find_doc_number(text)
                    .and_then(|n| number_year(&n))
                    .is_some_and(|y| y.to_string() == year)
                || lines(text).any(|(_, l)| {
                    meta_value(l, &["发布时间", "发布日期", "发布于", "时间", "日期"]).is_none()
                        && l.contains(&format!("{year}年"))
                });
            if confirmed {
                m.date = Some(d);
            }
        }
    }

    let title_year = m.title.as_deref().and_then(first_year);
    if m.date.is_none() {
        m.date = head_lines.iter().find_map(|l| {
            is_date_line(l)
                .then(|| date_of(l))
                .flatten()
                .map(|(y, mo, d)| format!("{y:04}-{mo:02}-{d:02}"))
        });
    }
    // A news article: `2月23日,…` with the year taken from the plan's title.
    if m.date.is_none() {
        if let Some(year) = title_year.or_else(|| first_year(text)) {
            m.date = lines(text).find_map(|(_, l)| {
                let l = l.trim();
                let (mo, rest) = l.split_once('月')?;
                let (d, _) = rest.split_once('日')?;
                let (mo, d): (u32, u32) = (mo.parse().ok()?, d.parse().ok()?);
                ((1..=12).contains(&mo) && (1..=31).contains(&d))
                    .then(|| format!("{year:04}-{mo:02}-{d:02}"))
            });
        }
    }
    m.year = m
        .date
        .as_deref()
        .and_then(|d| d[..4].parse().ok())
        .or(title_year);

    m.number = find_doc_number(head).or_else(|| find_doc_number(text));
    // 永政办发〔2008〕31号 dates a plan whose text gives no other year.
    if m.year.is_none() {
        m.year = m.number.as_deref().and_then(number_year);
    }
    // Else the one year the text writes, where it writes only one (`2012年起5年内`).
    if m.year.is_none() {
        let bytes = text.as_bytes();
        let mut years: Vec<i32> = text
            .match_indices('年')
            .filter_map(|(i, _)| {
                // Four ASCII digits before 年, not five: bytes first, so no slice splits a char.
                let digits = i >= 4 && bytes[i - 4..i].iter().all(u8::is_ascii_digit);
                let alone = i < 5 || !bytes[i - 5].is_ascii_digit();
                (digits && alone)
                    .then(|| text[i - 4..i].parse().ok())
                    .flatten()
                    .filter(|y| (1949..=2100).contains(y))
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        if let [y] = years[..] {
            m.year = Some(y);
        }
    }

    let title_place = m.title.as_deref().and_then(|t| {
        let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年');
        jurisdiction_of(t)
            .or_else(|| {
                // `2023年莲都区政府工作报告…`: a county or district named in full.
                let mut local = lexicon().places.iter().filter(|p| {
                    matches!(p.level, PlaceLevel::County | PlaceLevel::District)
                        && p.name.chars().count() >= 3
                        && t.contains(p.name.as_str())
                });
                match (local.next(), local.next()) {
                    (Some(p), None) => Some(p.name.clone()),
                    _ => None,
                }
            })
            .or_else(|| {
                lexicon()
                    .places
                    .iter()
                    .filter(|p| {
                        matches!(
                            p.level,
                            PlaceLevel::Province
                                | PlaceLevel::Municipality
                                | PlaceLevel::Prefecture
                        )
                    })
                    .find(|p| {
                        t.contains(p.name.as_str())
                            || p.short
                                .iter()
                                .any(|s| s.chars().count() >= 2 && t.contains(s.as_str()))
                    })
                    .map(|p| p.name.clone())
            })
    });
    let strong = [
        ("issuer", m.issuer.as_deref().and_then(issuer_place)),
        ("title", title_place),
        ("notice head", head_organ_place(head)),
        (
            "document number",
            m.number
                .as_deref()
                .and_then(|n| lexicon().place_of_number(n)),
        ),
    ];
    let weak = || {
        branch_place(text)
            .map(|p| ("district branch named", p))
            .or_else(|| most_named_place(text).map(|p| ("place the text names most", p)))
            .or_else(|| {
                // `自治区广电局`: the level alone; find which region the text is about.
                lexicon()
                    .places
                    .iter()
                    .filter(|p| matches!(p.level, PlaceLevel::Province | PlaceLevel::Municipality))
                    .filter_map(|p| text.find(p.name.as_str()).map(|i| (i, p)))
                    .min_by_key(|(i, _)| *i)
                    .map(|(_, p)| ("region named first in the text", p.name.clone()))
            })
    };
    let clues: Vec<(&str, String)> = strong
        .into_iter()
        .filter_map(|(k, p)| Some((k, p?)))
        .collect();
    let (place, evidence) = if clues.is_empty() {
        match weak() {
            Some((k, p)) => (Some(p.clone()), vec![format!("{k}: {p}")]),
            None => (None, Vec::new()),
        }
    } else {
        decide_place(&clues)
    };
    m.jurisdiction_evidence = evidence;
    m.jurisdiction = place.map(with_city);
    m
}

/// The place a text names far more than any other (three times or more, and at least twice as
/// often as the next): a plan speaks of its own place (`甘井子区` four times in a 甘井子区
/// list of tasks). Full names of three characters or more, and two-character short forms of
/// provinces and cities; a road or a company named after a place (`衡阳路`) is rarely
/// repeated so.
fn most_named_place(text: &str) -> Option<String> {
    let lex = lexicon();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let step = match lex.place_prefix(rest) {
            Some(found) => {
                let place = lex.find_place(found).filter(|p| {
                    (p.name == found && found.chars().count() >= 3)
                        || (found.chars().count() >= 2
                            && !matches!(p.level, PlaceLevel::County | PlaceLevel::District))
                });
                if let Some(p) = place {
                    *counts.entry(p.name.clone()).or_default() += 1;
                }
                found.len()
            }
            None => c.len_utf8(),
        };
        rest = &rest[step..];
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (top, n) = ranked.first()?;
    let next = ranked.get(1).map_or(0, |(_, m)| *m);
    (*n >= 3 && *n >= 2 * next).then(|| top.clone())
}

/// The most specific place the clues agree on, in the order given (the first names the
/// place, a later one inside it narrows it: a title's 湖北省 and a number's 武政办 make
/// 武汉市), and the evidence: each clue used, and each that names another place.
fn decide_place(clues: &[(&str, String)]) -> (Option<String>, Vec<String>) {
    let lex = lexicon();
    let Some((_, first)) = clues.first() else {
        return (None, Vec::new());
    };
    let mut place = first.clone();
    for (_, p) in &clues[1..] {
        if p != &place && lex.within(p, &place) && place != "全国" {
            place = p.clone();
        }
    }
    let evidence = clues
        .iter()
        .map(|(k, p)| {
            if p == &place || lex.within(&place, p) || place == "全国" && p == "全国" {
                format!("{k}: {p}")
            } else {
                format!("{k}: {p} (disagrees)")
            }
        })
        .collect();
    (Some(place), evidence)
}

/// The place of an issuer line, also of a joint one (`中共安徽省委、安徽省人民政府`): the
/// first issuer that names a place.
fn issuer_place(issuer: &str) -> Option<String> {
    issuer
        .split(['、', '，', ',', ' '])
        .filter(|s| !s.is_empty())
        .find_map(jurisdiction_of)
}

/// A government named in the lines before the plan (a site's banner `郧阳区人民政府`, a
/// notice title `滁州市人民政府关于…的通知`, a page's `公开责任部门 | 紫阳县政府办公室`): the
/// place of the first such organ written with a known place's full name. Addressee lines (`各乡镇人民政府,区政府各部门:`) name no place.
fn head_organ_place(head: &str) -> Option<String> {
    let lex = lexicon();
    for line in head.lines().take(40) {
        let line = line.trim();
        if line.starts_with('各') || line.trim_end().ends_with([':', '：']) {
            continue;
        }
        // `紫阳县政府办公室` as well as `郧阳区人民政府`.
        for (i, _) in line.match_indices("政府") {
            let before = line[..i].strip_suffix("人民").unwrap_or(&line[..i]);
            // The longest known place that ends right before the organ: a place's full name,
            // or a city's then its district's (`武汉市汉阳区`). Looked up by hash, as heads are
            // long and places many.
            let found = before.char_indices().map(|(k, _)| &before[k..]).find(|s| {
                s.chars().count() >= 3
                    && s.ends_with(['省', '市', '县', '区', '旗', '州', '盟'])
                    && (lex.is_place(s)
                        || lex
                            .place_prefix(s)
                            .is_some_and(|p| p.len() < s.len() && lex.is_place(&s[p.len()..])))
            });
            if let Some(s) = found {
                if !before.ends_with('各') {
                    return Some(s.to_owned());
                }
            }
        }
    }
    None
}

/// The year of a document number (`国发〔2024〕6号` → 2024).
fn number_year(number: &str) -> Option<i32> {
    let i = number.find(['〔', '[', '【', '［'])?;
    let digits: String = number[i..]
        .chars()
        .skip(1)
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .ok()
        .filter(|y| (1949..=2100).contains(y) && digits.len() == 4)
}

/// A document number such as `粤工信数字产业函〔2022〕13号` or `国发〔2024〕6号`, also with the
/// brackets copies put in their place (`国办函[2016]38号`), as written.
pub fn find_doc_number(s: &str) -> Option<String> {
    for (i, open) in s.match_indices(['〔', '[', '【', '［']) {
        let close = match open {
            "〔" => '〕',
            "[" => ']',
            "【" => '】',
            _ => '］',
        };
        let after = &s[i + open.len()..];
        let year: String = after.chars().take_while(char::is_ascii_digit).collect();
        if year.len() != 4 {
            continue;
        }
        let Some(rest) = after[4..].strip_prefix(close) else {
            continue;
        };
        let num: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if num.is_empty() || !rest[num.len()..].starts_with('号') {
            continue;
        }
        // `菏政办字 〔2023〕1号`: copies put a space before the bracket.
        let before = s[..i].trim_end_matches([' ', '\u{3000}']);
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .last()
            .map_or(before.len(), |(k, _)| k);
        if start == before.len() {
            continue;
        }
        let end = i + open.len() + 4 + close.len_utf8() + num.len() + '号'.len_utf8();
        return Some(format!("{}{}", &before[start..], &s[i..end]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_head() {
        let t = "广东省工业和信息化厅关于印发《2022年广东省数字经济工作要点》的通知\n粤工信数字产业函〔2022〕13号\n各地级以上市人民政府:\n广东省工业和信息化厅\n2022年4月13日\n2022年广东省数字经济工作要点\n一、优化\n";
        let m = extract(t, t.find("一、").unwrap());
        assert_eq!(m.title.as_deref(), Some("2022年广东省数字经济工作要点"));
        assert_eq!(m.issuer.as_deref(), Some("广东省工业和信息化厅"));
        assert_eq!(m.date.as_deref(), Some("2022-04-13"));
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.number.as_deref(), Some("粤工信数字产业函〔2022〕13号"));
        assert_eq!(m.jurisdiction.as_deref(), Some("广东省"));
    }

    fn title(t: &str) -> Option<String> {
        extract(t, t.find("一、").unwrap_or(t.len())).title
    }

    /// Hand-written heads, one per way copies of the genre mislead a title reader; each way is
    /// seen in real copies from two sources or more (named in the comments).
    #[test]
    fn a_title_cited_in_a_clause_is_another_document_s() {
        // 东莞 东府〔2021〕54号, 菏泽 菏政办字〔2023〕1号, 内蒙古: 印发 inside 根据《…》.
        let t = "东莞市人民政府关于贯彻落实若干政策措施的实施意见\n各镇人民政府:\n为贯彻落实《广东省人民政府关于印发广东省进一步稳定和扩大就业若干政策措施的通知》(粤府〔2021〕13号)精神,结合我市实际,提出如下意见。\n一、稳定就业\n";
        assert_eq!(
            title(t).as_deref(),
            Some("东莞市人民政府关于贯彻落实若干政策措施的实施意见")
        );
        // 马鞍山, 周口, 淮安: a 《plan》 the text cites is not the title.
        let t = "周口市人民政府\n关于做好2013年经济社会发展重点工作的通知\n各县(市、区)人民政府:\n结合《市委三届六次全会暨市委经济工作会议主要任务分解方案》,现就有关事项通知如下。\n一、稳增长\n";
        assert_eq!(
            title(t).as_deref(),
            Some("关于做好2013年经济社会发展重点工作的通知")
        );
        // 菏泽, 内蒙古: `现将《X》(以下简称《方案》)印发给你们` issues X.
        let t = "各县区人民政府:\n现将《菏泽市深化新旧动能转换推动绿色低碳高质量发展分工落实方案》(以下简称《方案》)印发给你们,请认真贯彻执行。\n一、总体要求\n";
        assert_eq!(
            title(t).as_deref(),
            Some("菏泽市深化新旧动能转换推动绿色低碳高质量发展分工落实方案")
        );
    }

    #[test]
    fn page_furniture_and_table_headers_are_never_titles() {
        // 滁州, 咸阳, 甘井子: a labelled field, a tab label, a source line; 绍兴, 嘉兴: a header row.
        for head in [
            "发布时间:2020-02-03 17:29\n",
            "全文\n",
            "来源:政府办 日期:2011-02-12\n",
            "序号 | 内容与要求 | 完成情况 | 责任单位 |\n",
            "|\n",
        ] {
            let t = format!("{head}一、重点工作\n");
            assert_eq!(title(&t), None, "{head}");
        }
        // 紫阳, 国办 (gov.cn): the page's labelled title is the title, letter-spaced or not.
        let t = "文件名称 | 2022年第八次县政府常务会议确定事项落实情况的通报 | ||\n一、事项\n";
        assert_eq!(
            title(t).as_deref(),
            Some("2022年第八次县政府常务会议确定事项落实情况的通报")
        );
        let t = "标  题: 国务院办公厅关于落实有关政策措施分工的通知\n一、事项\n";
        assert_eq!(
            title(t).as_deref(),
            Some("国务院办公厅关于落实有关政策措施分工的通知")
        );
        // 宁波 (a daily), 六安 (a daily): a paragraph is no title.
        let t = "2014年市政府民生实事项目共有42项任务,内容涉及交通出行、养老服务等方面,现将进展情况予以公示。\n一、交通\n";
        assert_eq!(title(t), None);
    }

    #[test]
    fn wrapped_titles_and_annexes_are_read_whole() {
        // 国发〔2020〕6号 (zgxmfw), 立山区 (lishan.gov.cn): a title wrapped before its last words.
        let t =
            "国务院关于落实《政府工作报告》\n重点工作部门分工的意见\n国发〔2020〕6号\n一、分工\n";
        assert_eq!(
            title(t).as_deref(),
            Some("国务院关于落实《政府工作报告》重点工作部门分工的意见")
        );
        let t = "立山区政府2023年重点工作任务分解\n和责任分工方案\n一、目标\n";
        assert_eq!(
            title(t).as_deref(),
            Some("立山区政府2023年重点工作任务分解和责任分工方案")
        );
        // 四川 川办函〔2018〕48号, 广东 粤府办〔2023〕5号: a notice line wrapped before 的通知.
        let t = "四川省人民政府办公厅\n关于印发2018年度省政府重点督查\n事项的通知\n一、事项\n";
        assert_eq!(title(t).as_deref(), Some("2018年度省政府重点督查事项"));
        // 上城区, 沙坪坝: the first annex a notice lists, without its number; 郧阳: a year opens it.
        let t = "附件:1. 2019年《政府工作报告》目标任务分解表\n2. 2019年民生实事项目目标任务分解表\n一、目标\n";
        assert_eq!(
            title(t).as_deref(),
            Some("2019年《政府工作报告》目标任务分解表")
        );
        let t = "附件:2023年区政府工作目标任务落实责任分解表\n一、目标\n";
        assert_eq!(
            title(t).as_deref(),
            Some("2023年区政府工作目标任务落实责任分解表")
        );
        // 台州: a notice whose 《》 wraps only part of the title.
        let t = "台州市人民政府关于印发《政府工作报告》2018年目标任务责任分解的通知\n一、目标\n";
        assert_eq!(
            title(t).as_deref(),
            Some("《政府工作报告》2018年目标任务责任分解")
        );
    }

    #[test]
    fn a_page_s_upload_time_dates_a_plan_only_where_the_plan_agrees() {
        // Model-essay and aggregator sites (gwyoo, 400zi) print when a copy was uploaded.
        let t = "关于做好为民办实事工作的通知\n时间:2022-11-27 02:50:00\n一、工作\n";
        let m = extract(t, t.find("一、").unwrap());
        assert_eq!((m.date, m.year), (None, None));
        // A government page's release time where the title gives the same year.
        let t = "2023年重点工作责任分解\n发布时间: 2023-04-17 08:50:33\n一、工作\n";
        let m = extract(t, t.find("一、").unwrap());
        assert_eq!(m.date.as_deref(), Some("2023-04-17"));
        // `明确时间节点…于2023年3月25日前报告`: a deadline in a sentence is no date.
        let t = "关于明确重点工作责任单位的通知\n各单位要明确时间节点,并于2023年3月25日前报告。\n一、工作\n";
        let m = extract(t, t.find("一、").unwrap());
        assert_eq!(m.date, None);
        assert_eq!(m.year, Some(2023), "the one year the text writes");
    }

    #[test]
    fn joint_issuance_in_an_article() {
        let t = "4月23日上午,广西壮族自治区人民政府召开会议。\n2020年,自治区广电局联合自治区党委宣传部等七个部门印发了《2020年“壮美广西·智慧广电”工程建设实施方案》,今年计划投入。\n";
        let m = extract(t, t.len());
        assert_eq!(m.issuer.as_deref(), Some("自治区广电局"));
        assert_eq!(m.co_issuers, ["自治区党委宣传部"]);
        assert_eq!(
            m.title.as_deref(),
            Some("2020年“壮美广西·智慧广电”工程建设实施方案")
        );
        assert_eq!(m.jurisdiction.as_deref(), Some("广西壮族自治区"));
        assert_eq!(m.date.as_deref(), Some("2020-04-23"));
    }
}

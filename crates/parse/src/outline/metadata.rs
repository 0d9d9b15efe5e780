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

/// Web page furniture, never a title: breadcrumbs, font-size switches, share buttons.
fn is_furniture(l: &str) -> bool {
    [
        "位置:",
        "首页",
        " > ",
        "字体",
        "打印",
        "分享",
        "浏览次数",
        "【",
        "】",
    ]
    .iter()
    .any(|w| l.contains(w))
        || l.starts_with('>')
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
        let i = line.find(label)?;
        let v = line[i + label.len()..]
            .trim_start_matches([':', ' '])
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
    let mut same = lex.places.iter().filter(|p| p.name == place);
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

    // Title: a notice `关于印发《X》的通知`, the plan's own title line, or a 《plan》 quoted.
    let titles_in_text = book_titles(text);
    m.title = head_lines
        .iter()
        .find_map(|l| {
            let i = l.find("印发")?;
            let after = &l[i + "印发".len()..];
            match book_titles(after).first() {
                Some(t) if after.starts_with('《') => Some(t.to_string()),
                // `关于印发2024年…分解的通知`, without book-title marks.
                _ => after
                    .rfind("的通知")
                    .map(|j| after[..j].to_owned())
                    .filter(|t| !t.is_empty()),
            }
        })
        .or_else(|| {
            let k = head_lines.iter().rposition(|l| {
                (6..=60).contains(&l.chars().count())
                    && is_plan_title(l)
                    && !l.contains([',', ';', ':', '。'])
                    && !l.contains("关于印发")
                    && !is_furniture(l)
            })?;
            // A title wrapped over two lines: `国务院关于做好当前和今后一个时期` + `促进就业…意见`.
            let before = k.checked_sub(1).map(|j| head_lines[j]);
            match before {
                Some(b)
                    if b.contains("关于")
                        && !b.contains([',', ';', ':', '。', '《'])
                        && !is_plan_title(b)
                        && b.chars().count() + head_lines[k].chars().count() <= 60 =>
                {
                    Some(format!("{b}{}", head_lines[k]))
                }
                _ => Some(head_lines[k].to_string()),
            }
        })
        .or_else(|| {
            titles_in_text
                .iter()
                .find(|t| is_plan_title(t))
                .map(|t| t.to_string())
        })
        .or_else(|| {
            head_lines
                .iter()
                .find(|l| !is_furniture(l))
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
        m.date = head_lines.iter().find_map(|l| {
            iso_date(meta_value(
                l,
                &[
                    "成文日期",
                    "发文日期",
                    "颁布时间",
                    "发布时间",
                    "发布日期",
                    "时间",
                ],
            )?)
        });
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
        let start = s[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .last()
            .map_or(i, |(k, _)| k);
        if start == i {
            continue;
        }
        let end = i + open.len() + 4 + close.len_utf8() + num.len() + '号'.len_utf8();
        return Some(s[start..end].to_owned());
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

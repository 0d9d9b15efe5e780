//! The grammar of agency lists: `省发展改革委、科技厅,广州、深圳出入境边防检查总站等有关单位`.
//!
//! Groups are separated by `,`; inside a group items are separated by `、`. A group's first
//! item lends its jurisdiction prefix (`省`, `省委`, `广州市` …) to the items after it that
//! have none, and a group's last item lends its suffix to bare place names before it.

use super::scan::{split_top, trim_list};
use crate::lexicon::{lexicon, Lexicon};
use crate::text::{is_han, WordSet};
use std::sync::LazyLock;

/// One agency name as the document writes it, prefix and suffix distributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    /// A group of agencies (`各县(市、区)人民政府`, `…各成员单位`), not a single one.
    pub collective: bool,
}

/// What else a list held besides names.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Leftovers {
    /// Time clauses such as `年内持续推进`, `2024年6月底前`.
    pub deadlines: Vec<String>,
    /// Pieces that are neither agencies nor time clauses.
    pub unknown: Vec<String>,
}

/// Level words that, at the start of a name, place it in a jurisdiction.
const LEVELS: &[&str] = &[
    "自治区党委",
    "自治区",
    "自治州",
    "省委",
    "市委",
    "区委",
    "县委",
    "州委",
    "旗委",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
    "镇",
    "乡",
];

/// Words that start with a level character but are not a level (`市场监管局`).
const NOT_LEVELS: &[&str] = &[
    "市场", "市容", "区域", "区块", "县域", "省级", "市级", "县级", "区级", "州级",
];

const TIME_WORDS: &[&str] = &[
    "年底",
    "年内",
    "年中",
    "年前",
    "月底",
    "月前",
    "底前",
    "季度",
    "上半年",
    "下半年",
    "长期",
    "持续",
    "完成",
    "常态化",
    "每年",
    "逐年",
    "年度",
    "届时",
    "按期",
    "同步",
];

/// The level word a name starts with, if it starts with one (`省委组织部` → `省委`).
fn level_prefix(name: &str) -> Option<&'static str> {
    if NOT_LEVELS.iter().any(|w| name.starts_with(w)) {
        return None;
    }
    LEVELS
        .iter()
        .find(|l| name.starts_with(**l) && name.len() > l.len())
        .copied()
}

/// The jurisdiction prefix a group's first item lends to the others.
fn lendable_prefix(lex: &Lexicon, first: &str) -> Option<String> {
    if let Some(place) = lex.place_prefix(first) {
        // Only a full place name (`广州市`, `广东省`) is lent, with a party 委 if present.
        let full = place.ends_with(['省', '市', '区', '县', '州', '盟', '旗']);
        if full && first.len() > place.len() {
            let rest = &first[place.len()..];
            let party = ["委", "党委"].iter().find(|p| rest.starts_with(**p));
            return Some(match party {
                Some(p) if !rest.starts_with("委员会") => format!("{place}{p}"),
                _ => place.to_owned(),
            });
        }
        return None;
    }
    level_prefix(first).map(String::from)
}

/// Whether a name already says where it belongs, so no prefix is lent to it.
fn has_own_jurisdiction(lex: &Lexicon, name: &str) -> bool {
    // A development zone or a customs office is named after its own place
    // (`昆山开发区管委会`, `黄埔海关`), even when that place is not in the list.
    static ZONES: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::new(&["开发区", "高新区", "新区", "保税区", "试验区", "园区"]));
    let zone = name
        .chars()
        .next()
        .is_some_and(|c| ZONES.found_in(&name[c.len_utf8()..]));
    let customs = name.ends_with("海关") && name.chars().count() > 2;
    zone || customs
        || lex.no_prefix.iter().any(|p| name.starts_with(p.as_str()))
        || level_prefix(name).is_some()
        || lex.place_prefix(name).is_some()
        || lex.mentions_place(name)
}

fn is_party_organ(lex: &Lexicon, name: &str) -> bool {
    lex.party_organs.contains(name)
}

/// A party organ that only a party committee has (so `省…、网信办` means 省委网信办).
fn is_party_only(lex: &Lexicon, name: &str) -> bool {
    is_party_organ(lex, name) && !matches!(name, "办公厅" | "办公室" | "督查室")
}

/// Lends `prefix` to `item`, switching between the party (`省委`) and government (`省`)
/// form of the prefix to suit the item.
fn lend(lex: &Lexicon, prefix: &str, item: &str) -> String {
    if item.starts_with(prefix) {
        return item.to_owned();
    }
    let party = prefix.ends_with('委');
    if party && !is_party_organ(lex, item) {
        let gov = prefix
            .strip_suffix("党委")
            .or_else(|| prefix.strip_suffix('委'))
            .unwrap_or(prefix);
        return format!("{gov}{item}");
    }
    if !party && is_party_only(lex, item) && LEVELS.contains(&prefix) {
        return format!("{prefix}委{item}");
    }
    format!("{prefix}{item}")
}

pub fn is_collective(name: &str) -> bool {
    // `11个县区政府`, `三个开发区管委会`: a count of bodies is a group of them.
    let counted = name
        .char_indices()
        .find(|&(_, c)| c == '个')
        .is_some_and(|(i, _)| {
            i > 0
                && name[..i]
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十两百".contains(c))
        });
    counted
        || name.contains('各')
        || name.ends_with("成员单位")
        || name.starts_with("有关")
        || name.starts_with("相关")
        // `区级相关部门`, `省直其他有关部门和单位`: the departments of a level, unnamed.
        || (UNNAMED.found_in(name)
            && ["部门", "单位"].iter().any(|e| name.ends_with(e)))
        || name.contains(['(', '（'])
}

static TIME: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TIME_WORDS));
/// Words of a group left unnamed (`其他有关部门`).
static UNNAMED: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&["有关", "相关", "其他"]));

/// Whether a clause of prose says when (`7月1日完成`, `年底前`): no agency, a time word.
pub fn is_time_clause_text(s: &str) -> bool {
    is_time_clause(lexicon(), s) || (s.contains('日') && s.chars().any(|c| c.is_ascii_digit()))
}

fn is_time_clause(lex: &Lexicon, s: &str) -> bool {
    if lex.is_agency_like(s) && !s.ends_with("前") {
        return false;
    }
    TIME.found_in(s)
        || (s.contains('年') && s.chars().any(|c| c.is_ascii_digit()))
        || (s.contains('月') && s.chars().any(|c| c.is_ascii_digit()))
}

/// Removes white space between Han characters (`省 财政厅` → `省财政厅`) and around the name.
fn squeeze(s: &str) -> String {
    let s = s.trim();
    // Most names hold no white space at all.
    if !s.contains(char::is_whitespace) {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().next_back();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let between_han = prev.is_some_and(|p| is_han(p) || p == ')')
                && next.is_some_and(|&n| is_han(n) || n == '(');
            if between_han || prev.is_none() {
                continue;
            }
            if out.ends_with(' ') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Strips leading 由/请 and trailing fillers (`等有关单位`); `None` when nothing is left.
fn strip_fillers(lex: &Lexicon, item: &str) -> Option<String> {
    // Marks tables put before a name to single it out (`*市发展改革委`, `★县财政局`) are no
    // part of it; what they mean is stated elsewhere, if at all.
    let marked = trim_list(item).trim_start_matches(['*', '＊', '★', '☆', '△', '▲', '※']);
    let mut s = squeeze(marked);
    for lead in ["由", "请", "例如", "比如"] {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest.to_owned();
        }
    }
    // `如县发改局负责的…` (such as): 如 before a level word, never the 如 of 如皋市.
    if let Some(rest) = s.strip_prefix('如') {
        if rest.starts_with(['省', '市', '区', '县', '镇', '乡']) {
            s = rest.to_owned();
        }
    }
    loop {
        if lex.filler_items.contains(&s) {
            return None;
        }
        let before = s.len();
        if let Some(end) = lex
            .filler_endings
            .iter()
            .find(|e| s.ends_with(e.as_str()) && s.len() > e.len())
        {
            s.truncate(s.len() - end.len());
        }
        // `等7个部门`, `等七个单位`.
        if let Some(i) = s.rfind('等') {
            let tail = &s[i + '等'.len_utf8()..];
            if i > 0 && (tail.ends_with("部门") || tail.ends_with("单位")) && tail.contains('个')
            {
                s.truncate(i);
            }
        }
        let trimmed = trim_list(&s);
        if trimmed.len() != s.len() {
            s = trimmed.to_owned();
        }
        if s.len() == before {
            break;
        }
    }
    (!s.is_empty()).then_some(s)
}

/// Splits an item joined by 和/及/与/以及 when both sides are agencies
/// (`省委和省政府`, `全国总工会等和各省级人民政府`), but not inside a name (`省文化和旅游厅`).
fn split_conjunctions(lex: &Lexicon, item: &str) -> Vec<String> {
    // A generic head on its own (`各有关部门和单位`) is part of the group, not an agency.
    let whole = |s: &str| s.chars().count() >= 3 && lex.is_agency_like(s);
    for conj in ["以及", "及", "和", "与"] {
        for (i, _) in item.match_indices(conj) {
            // `A等和B`: the 等 closes the first list, it is not part of A.
            let (a, b) = (item[..i].trim_end_matches('等'), &item[i + conj.len()..]);
            if a.chars().count() >= 2 && lex.is_agency_like(a) && whole(b) {
                let mut v = vec![a.to_owned()];
                v.extend(split_conjunctions(lex, b));
                return v;
            }
        }
    }
    vec![item.to_owned()]
}

/// Reads one list run (the text before one role word, or after the last) into names.
/// `carry` is the prefix of the group that the run continues, when it starts with `、`.
pub fn read_names(run: &str, carry: Option<&str>, leftovers: &mut Leftovers) -> Vec<Name> {
    let lex = lexicon();
    let mut names = Vec::new();
    let continues = run.trim_start().starts_with('、');
    // A full stop ends a list as a comma ends a group: what follows it is another sentence.
    for (gi, (_, group)) in split_top(run, &[',', ';', '，', '；', '。'])
        .into_iter()
        .enumerate()
    {
        let mut items: Vec<String> = Vec::new();
        for (_, raw) in split_top(group, &['、', '/']) {
            let Some(item) = strip_fillers(lex, raw) else {
                continue;
            };
            for part in split_conjunctions(lex, &item) {
                if let Some(p) = strip_fillers(lex, &part) {
                    items.push(p);
                }
            }
        }
        distribute_each(&mut items);
        let mut kept = Vec::new();
        for item in items {
            if is_note(&item) {
                // `下同`, `具体任务均涉及各市(州)政府`: a remark on the document, not a body.
                continue;
            }
            if is_time_clause(lex, &item) {
                leftovers.deadlines.push(item);
            } else if item.chars().any(is_han) {
                kept.push(item);
            } else {
                leftovers.unknown.push(item);
            }
        }
        distribute_suffix(lex, &mut kept);
        let carried = (gi == 0 && continues).then_some(carry).flatten();
        distribute_prefix(lex, &mut kept, carried);
        names.extend(kept.into_iter().map(|name| {
            // Chinese names write their inner parentheses full width: `各县（市、区）人民政府`.
            let name = name.replace('(', "（").replace(')', "）");
            Name {
                collective: is_collective(&name),
                name,
            }
        }));
    }
    names
}

/// Words of remarks that stand in lists (`下同`, `不再做分工`, `…均涉及…`), never in names.
const NOTE_WORDS: &[&str] = &[
    "下同", "同上", "后同", "余同", "涉及", "分工", "不再", "详见", "参照", "以下", "均由", "视情",
];

static NOTES: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOTE_WORDS));

fn is_note(item: &str) -> bool {
    NOTES.found_in(item)
}

/// Level words a `各` ranges over (`各区、县级市政府` → 各区政府, 各县级市政府).
const EACH_LEVELS: &[&str] = &[
    "区",
    "县",
    "市",
    "县级市",
    "县(市、区)",
    "县(市)",
    "乡",
    "镇",
    "乡镇",
    "街道",
    "乡镇(街道)",
    "旗",
    "州",
    "盟",
    "开发区",
    "园区",
    "功能区",
];

/// `各` (with `有关`/`相关` after it) and the body word after the last level distribute over a
/// list of bare levels: `各区、县级市政府` → 各区政府, 各县级市政府; `各有关区、县级市` → 各有关区,
/// 各有关县级市. A level alone is no body, so `各区、县级市` is read as each district and each
/// county-level city, never as an agency called 县级市.
fn distribute_each(items: &mut [String]) {
    let Some(rest) = items.first().and_then(|f| f.strip_prefix('各')) else {
        return;
    };
    let qualifier = ["有关", "相关"]
        .into_iter()
        .find(|q| rest.starts_with(q))
        .unwrap_or("");
    let first = &rest[qualifier.len()..];
    let head = format!("各{qualifier}");
    let (last, before) = match items.split_last() {
        Some((l, b)) if !b.is_empty() => (l.clone(), b.len()),
        _ => return,
    };
    let level_of = |s: &str| {
        EACH_LEVELS
            .iter()
            .filter(|l| s.starts_with(**l))
            .max_by_key(|l| l.len())
            .copied()
    };
    let Some(last_level) = level_of(&last).filter(|_| !last.starts_with('各')) else {
        return;
    };
    let body = &last[last_level.len()..];
    const BODIES: &[&str] = &["人民政府", "政府", "党委", "管委会", "党工委", "办事处"];
    if !body.is_empty() && !BODIES.iter().any(|b| body.starts_with(b)) {
        return;
    }
    let bare = |s: &str| EACH_LEVELS.contains(&s);
    if !bare(first) || !items[1..before].iter().all(|s| bare(s)) {
        return;
    }
    let body = body.to_owned();
    for item in items.iter_mut() {
        let level = item.strip_prefix(head.as_str()).unwrap_or(item);
        let level = level
            .strip_suffix(body.as_str())
            .unwrap_or(level)
            .to_owned();
        *item = format!("{head}{level}{body}");
    }
}

/// Whether bracketed text with no role words is a plain list of agencies
/// (`省财政厅、省统计局`), as opposed to a gloss such as `4K/8K` or `以下简称《意见》`.
pub fn is_plain_agency_list(content: &str) -> bool {
    let lex = lexicon();
    if content.contains(['《', '“']) || content.starts_with("以下") || content.starts_with("简称")
    {
        return false;
    }
    let mut any = false;
    for (_, group) in split_top(content, &[',', ';', '、']) {
        if trim_list(group).is_empty() {
            continue;
        }
        match strip_fillers(lex, group) {
            Some(item) if lex.looks_like_organ(&item) && item.chars().count() >= 3 => any = true,
            Some(item) if lex.is_place(&item) => {}
            Some(_) => return false,
            None => {}
        }
    }
    any
}

/// `广州、深圳、珠海出入境边防检查总站` → each place gets `出入境边防检查总站`;
/// `粤港…专责小组、粤澳…专责小组各成员单位` → both get `各成员单位`.
fn distribute_suffix(lex: &Lexicon, items: &mut [String]) {
    let Some((last, before)) = items.split_last_mut() else {
        return;
    };
    if before.is_empty() {
        return;
    }
    const MEMBERS: &str = "各成员单位";
    if last.ends_with(MEMBERS) {
        for item in before.iter_mut() {
            let has_members = ["小组", "委员会", "联席会议", "专班", "指挥部"]
                .iter()
                .any(|e| item.ends_with(e));
            if has_members {
                item.push_str(MEMBERS);
            }
        }
        return;
    }
    let bare = |s: &str| lex.is_place(s) || matches!(s, "省" | "市" | "县" | "区");
    // A short name that is not an agency is a place too (`思明、湖里区人民政府`).
    let short_place = |s: &str| s.chars().count() <= 3 && !lex.is_agency_like(s);
    if !before.iter().all(|b| bare(b) || short_place(b)) {
        return;
    }
    // Where the last item's place ends: a known place, a level word, or else the
    // length the bare places share.
    let same_len = before[0].chars().count();
    let level_chars = ['省', '市', '区', '县', '州', '旗'];
    let head_len = lex
        .place_prefix(last)
        .map(|head| {
            // `思明、湖里区人民政府`: the short forms before take the level word too.
            let short = head.strip_suffix(level_chars).filter(|h| lex.is_place(h));
            match short {
                Some(h) if !before.iter().any(|b| b.ends_with(level_chars)) => h,
                _ => head,
            }
        })
        .or_else(|| level_prefix(last))
        .map(str::len)
        .or_else(|| {
            before
                .iter()
                .all(|b| b.chars().count() == same_len)
                .then(|| {
                    last.char_indices()
                        .nth(same_len)
                        .map_or(last.len(), |(i, _)| i)
                })
        });
    if let Some(head_len) = head_len {
        let suffix = &last[head_len..];
        if !suffix.is_empty() && lex.is_agency_like(suffix) && !bare(suffix) {
            for item in before.iter_mut() {
                item.push_str(suffix);
            }
        }
    }
}

/// `省发展改革委、科技厅` → `省科技厅`; `省委组织部、网信办` → `省委网信办`.
fn distribute_prefix(lex: &Lexicon, items: &mut [String], carried: Option<&str>) {
    let mut prefix: Option<String> = carried.map(String::from);
    for item in items.iter_mut() {
        // A count of bodies (`11个县区政府`) names its own places.
        if item.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if has_own_jurisdiction(lex, item) {
            // The nearest item written in full lends its prefix to the bare ones after it.
            if let Some(p) = lendable_prefix(lex, item) {
                prefix = Some(p);
            }
            continue;
        }
        if let Some(p) = &prefix {
            let own_county = p
                .chars()
                .last()
                .is_some_and(|level| lex.local_short(item, level));
            if !own_county {
                *item = lend(lex, p, item);
            }
        }
    }
}

/// The prefix a run's last group would lend onward (for runs continued with `、`).
pub fn group_prefix(run: &str) -> Option<String> {
    let lex = lexicon();
    let (_, last_group) = *split_top(run, &[',', ';']).last()?;
    let (_, first) = *split_top(last_group, &['、']).first()?;
    lendable_prefix(lex, &strip_fillers(lex, first)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let mut l = Leftovers::default();
        read_names(s, None, &mut l)
            .into_iter()
            .map(|n| n.name)
            .collect()
    }

    #[test]
    fn prefix_is_distributed_within_a_group() {
        assert_eq!(
            names("省发展改革委、科技厅、工业和信息化厅"),
            ["省发展改革委", "省科技厅", "省工业和信息化厅"]
        );
        assert_eq!(names("省委组织部、网信办"), ["省委组织部", "省委网信办"]);
        assert_eq!(names("省保密局、密码管理局"), ["省保密局", "省密码管理局"]);
        assert_eq!(
            names("省发展改革委、司法厅、市场监管局"),
            ["省发展改革委", "省司法厅", "省市场监管局"]
        );
        assert_eq!(
            names("市委组织部、宣传部,市人力社保局、财政局"),
            ["市委组织部", "市委宣传部", "市人力社保局", "市财政局"]
        );
        // A party prefix is not lent to a government department, nor a government one to a party organ.
        assert_eq!(names("省委政法委、公安厅"), ["省委政法委", "省公安厅"]);
        assert_eq!(
            names("广州市发展改革委、财政局"),
            ["广州市发展改革委", "广州市财政局"]
        );
    }

    #[test]
    fn names_with_their_own_place_keep_it() {
        assert_eq!(
            names("省委国安办、省委网信办"),
            ["省委国安办", "省委网信办"]
        );
        assert_eq!(
            names("省海洋综合执法总队、广东海事局"),
            ["省海洋综合执法总队", "广东海事局"]
        );
        assert_eq!(
            names("省财政厅、人民银行广州分行"),
            ["省财政厅", "人民银行广州分行"]
        );
        assert_eq!(
            names("国家发展改革委、财政部"),
            ["国家发展改革委", "财政部"]
        );
    }

    #[test]
    fn suffix_is_distributed_to_bare_places() {
        assert_eq!(
            names("广州、深圳、珠海出入境边防检查总站"),
            [
                "广州出入境边防检查总站",
                "深圳出入境边防检查总站",
                "珠海出入境边防检查总站"
            ]
        );
        assert_eq!(
            names("粤港共建智慧城市群专责小组、粤澳共建智慧城市群专责小组各成员单位"),
            [
                "粤港共建智慧城市群专责小组各成员单位",
                "粤澳共建智慧城市群专责小组各成员单位"
            ]
        );
    }

    #[test]
    fn unknown_places_still_share_a_suffix() {
        assert_eq!(names("青岛、黄岛海关"), ["青岛海关", "黄岛海关"]);
        assert_eq!(
            names("思明、湖里区人民政府"),
            ["思明区人民政府", "湖里区人民政府"]
        );
        assert_eq!(
            names("市商务局、昆山海关、昆山开发区管委会"),
            ["市商务局", "昆山海关", "昆山开发区管委会"]
        );
        assert_eq!(
            names("市科技局、市民营经济局"),
            ["市科技局", "市民营经济局"]
        );
    }

    #[test]
    fn fillers_go_and_collectives_stay() {
        assert_eq!(
            names("中国人民银行广东省分行等有关单位"),
            ["中国人民银行广东省分行"]
        );
        assert_eq!(names("省通信管理局等"), ["省通信管理局"]);
        // A generic group standing alone is a collective group, kept as written.
        assert_eq!(names("市财政局,有关部门"), ["市财政局", "有关部门"]);
        assert_eq!(names("各成员单位"), Vec::<String>::new());
        let mut l = Leftovers::default();
        let n = read_names("各县(市、区)人民政府、省财政厅", None, &mut l);
        assert_eq!(n[0].name, "各县（市、区）人民政府");
        assert!(n[0].collective && !n[1].collective);
    }

    #[test]
    fn conjunctions_split_only_between_agencies() {
        assert_eq!(names("省文化和旅游厅"), ["省文化和旅游厅"]);
        assert_eq!(names("省委和省政府"), ["省委", "省政府"]);
        assert_eq!(names("省发展改革委及科技厅"), ["省发展改革委", "省科技厅"]);
        assert_eq!(
            names("扶贫办、全国总工会等和各省级人民政府"),
            ["扶贫办", "全国总工会", "各省级人民政府"]
        );
    }

    #[test]
    fn time_clauses_are_set_aside() {
        let mut l = Leftovers::default();
        let n = read_names("财政部,年内持续推进", None, &mut l);
        assert_eq!(n.len(), 1);
        assert_eq!(l.deadlines, ["年内持续推进"]);
    }
}

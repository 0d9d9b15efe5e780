//! A question in Chinese (simplified or traditional) or English → what it asks (pure).
//!
//! Each form is a short list of anchored patterns over the normalised question; the first
//! pattern that matches wins, so the more specific forms (rankings, "who leads …") come first.
//! Names are captured as written and resolved later, against the store.

use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Zh,
    En,
}

/// Which roles a topic question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicRoles {
    /// 谁牵头 / who leads: the leads (or, where a task names none, the jointly responsible).
    Lead,
    /// 谁配合 / who cooperates on.
    Cooperate,
    /// 谁负责 / who is responsible for: every role.
    All,
    /// 谁分管 / who supervises: the officials.
    Supervise,
}

/// What a ranking question sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// 最核心 / most central: distinct partners on the co-responsibility network (degree).
    Central,
    /// 牵头最多 / lead the most.
    Leads,
    /// 配合最多 / cooperate the most.
    Cooperates,
    /// 任务最多 / the most tasks, in any role.
    Duties,
}

/// The forms of question `fengong ask` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Form {
    /// What an agency leads (several agencies: what each leads).
    Leads { subject: String },
    /// What it cooperates on.
    Cooperates { subject: String },
    /// One agency: what it is jointly responsible for; several: the tasks they all take part in.
    Shares { subject: String },
    /// Every duty of one agency (or what an official supervises, if the name is a person's).
    Duties { subject: String },
    /// What an official supervises (分管).
    Supervises { person: String },
    /// Who leads, cooperates on or is responsible for tasks about a topic.
    Topic { topic: String, roles: TopicRoles },
    /// The most central agencies.
    Ranking { by: RankBy, top: Option<usize> },
    /// What agencies lead together (共同牵头): several, the tasks all of them lead; one, the
    /// tasks it leads with another lead.
    CoLeads { subject: String },
    /// Tasks that name no lead agency (哪些任务没有牵头单位).
    WithoutLead,
    /// Tasks with more than one lead (哪些任务由多个部门共同牵头).
    SeveralLeads,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The question as read: simplified script, ASCII punctuation, lower-case English.
    pub text: String,
    pub language: Language,
    #[serde(flatten)]
    pub form: Form,
    /// Years the question names (`2024年`, `in 2022-2024`), inclusive.
    pub years: Option<(i32, i32)>,
    /// The question was only a name (`省财政厅`): read as "everything about it" if the name is
    /// an agency, else as not understood.
    pub bare: bool,
    /// The question was written in traditional characters (answers may be shown in them too).
    pub traditional: bool,
    /// A place the question is about (`广东省哪些部门最核心`, `国务院哪些部门牵头最多`): only
    /// plans of that jurisdiction are searched. National plans are `全国`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Words of the question that were not used, which the answer reports rather than drop.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<String>,
}

/// The question matched none of the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUnderstood {
    pub language: Language,
}

/// Reads a question.
pub fn understand(question: &str) -> Result<Question, NotUnderstood> {
    let (text, traditional) = normalise(question);
    // English by its words (`谁牵头5G建设` is Chinese), or by having letters and no Chinese.
    let language = if english().is_match(&text)
        || (text.chars().any(|c| c.is_ascii_alphabetic())
            && !text.chars().any(fengong_parse::text::is_han))
    {
        Language::En
    } else {
        Language::Zh
    };
    let (rest, years) = take_years(&text, language);
    let rest = match language {
        // Chinese needs no spaces; a name typed with spaces is one name.
        Language::Zh => rest.split_whitespace().collect::<String>(),
        Language::En => rest.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    let rest = strip_politeness(&rest, language);
    let not_understood = NotUnderstood { language };
    if rest.is_empty() {
        return Err(not_understood);
    }
    // 广东省哪些部门最核心 / 丽水市谁牵头招商引资: a place before the question word scopes it.
    let (place, rest, mut ignored) = match language {
        Language::Zh => {
            let (place, rest) = take_place(&rest);
            (place, rest, Vec::new())
        }
        Language::En => {
            let (rest, place, ignored) = take_english_place(&rest);
            (place, rest, ignored)
        }
    };
    let patterns = match language {
        Language::Zh => zh_patterns(),
        Language::En => en_patterns(),
    };
    for p in patterns {
        let Some(c) = p.regex.captures(&rest) else {
            continue;
        };
        let group = |name: &str| {
            c.name(name)
                .map(|m| clean_name(m.as_str()))
                .filter(|n| !is_question_word(n))
        };
        let form = match p.form {
            Kind::Ranking(by) => {
                // What the ranking words leave: question words, or a condition not read.
                if let Some(m) = c.get(0) {
                    let left = format!("{}{}", &rest[..m.start()], &rest[m.end()..]);
                    if let Some(w) = leftover(&left, language) {
                        ignored.push(w);
                    }
                }
                Form::Ranking {
                    by,
                    top: top_n(&rest),
                }
            }
            Kind::WithoutLead => Form::WithoutLead,
            Kind::SeveralLeads => Form::SeveralLeads,
            Kind::Topic(roles) => {
                let topic = group("t").unwrap_or_default();
                if topic.is_empty() {
                    continue;
                }
                Form::Topic { topic, roles }
            }
            kind => {
                let subject = group("a").unwrap_or_default();
                if subject.is_empty() {
                    continue;
                }
                match kind {
                    Kind::Leads => Form::Leads { subject },
                    Kind::Cooperates => Form::Cooperates { subject },
                    Kind::Shares => Form::Shares { subject },
                    Kind::CoLeads => Form::CoLeads { subject },
                    Kind::Supervises => Form::Supervises { person: subject },
                    _ => Form::Duties { subject },
                }
            }
        };
        return Ok(Question {
            text,
            language,
            form,
            years,
            bare: false,
            traditional,
            place,
            ignored,
        });
    }
    // A name alone asks for everything about it — if it is a name; the caller decides.
    let looks_like_a_name = match language {
        Language::Zh => {
            rest.chars().count() <= 30
                && !rest.contains(['?', '吗', '谁'])
                && !is_question_word(&rest)
        }
        Language::En => false,
    };
    if looks_like_a_name {
        return Ok(Question {
            form: Form::Duties {
                subject: clean_name(&rest),
            },
            text,
            language,
            years,
            bare: true,
            traditional,
            place,
            ignored,
        });
    }
    Err(not_understood)
}

/// Words that only make a ranking a question (哪些部门, which agencies …).
fn leftover(left: &str, language: Language) -> Option<String> {
    let fillers: &[&str] = match language {
        Language::Zh => &[
            "哪些",
            "哪个",
            "哪家",
            "哪几个",
            "什么",
            "部门",
            "单位",
            "机构",
            "厅局",
            "是",
            "的",
            "有",
            "中",
            "里",
            "在",
            "呢",
            "谁",
            "?",
            "前",
            "名",
            "位",
            "个",
            "家",
            "各",
        ],
        Language::En => &[
            "which",
            "what",
            "are",
            "is",
            "the",
            "agencies",
            "agency",
            "departments",
            "department",
            "bodies",
            "body",
            "offices",
            "in",
            "of",
            "?",
            "top",
            "show",
            "me",
            "list",
            "most",
        ],
    };
    let mut s = left.to_owned();
    if language == Language::Zh {
        // Longest first, so that 哪几个 goes before 个.
        let mut f: Vec<&str> = fillers.to_vec();
        f.sort_by_key(|w| std::cmp::Reverse(w.len()));
        for w in f {
            s = s.replace(w, "");
        }
        s.retain(|c| {
            !c.is_ascii_digit() && !"一二三四五六七八九十".contains(c) && !c.is_whitespace()
        });
    } else {
        s = s
            .split_whitespace()
            .filter(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                !w.is_empty() && !fillers.contains(&w) && !w.chars().all(|c| c.is_ascii_digit())
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let s = s.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

/// A place at the start of a Chinese question, before its question word: (place, the rest).
/// 国务院 and 全国 ask about national plans; 国务院办公厅牵头哪些任务 names an agency and is
/// left alone.
fn take_place(rest: &str) -> (Option<String>, String) {
    const NATIONAL: &[&str] = &["国务院", "全国", "国家层面", "中央"];
    const QUESTION: &[&str] = &["哪", "谁", "什么", "有哪些", "排名", "最"];
    fn after_place(tail: &str) -> Option<&str> {
        let tail = [
            "的",
            "各",
            "部门中",
            "部门里",
            "单位中",
            "单位里",
            "中",
            "里",
        ]
        .iter()
        .find_map(|w| tail.strip_prefix(w))
        .unwrap_or(tail);
        QUESTION.iter().any(|q| tail.starts_with(q)).then_some(tail)
    }
    for n in NATIONAL {
        if let Some(tail) = rest.strip_prefix(n).and_then(after_place) {
            return (
                Some(fengong_registry::resolve::NATIONAL.to_owned()),
                tail.to_owned(),
            );
        }
    }
    let lex = fengong_parse::lexicon::lexicon();
    if let Some(prefix) = lex.place_prefix(rest) {
        if let (Some(place), Some(tail)) =
            (lex.find_place(prefix), after_place(&rest[prefix.len()..]))
        {
            return (Some(place.name.clone()), tail.to_owned());
        }
    }
    (None, rest.to_owned())
}

/// `data/lexicon/places-en.tsv`: English (pinyin) place names → names in `data/places.tsv`.
const PLACES_EN: &str = include_str!("../../../data/lexicon/places-en.tsv");

/// The Chinese names an English place name stands for (several where two places share it).
fn english_place(name: &str) -> Vec<String> {
    static MAP: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let key = |s: &str| s.to_lowercase().replace([' ', '-', '\''], "");
    let map = MAP.get_or_init(|| {
        PLACES_EN
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(en, zh)| (key(en), zh.split(',').map(str::to_owned).collect()))
            .collect()
    });
    map.get(&key(name)).cloned().unwrap_or_default()
}

/// `… in Guangzhou` / `… in Zhejiang province` / `… in national plans` at the end of an English
/// question: (the rest, the place, what was not understood). A name two places share is not
/// guessed: it is reported with both Chinese names.
fn take_english_place(rest: &str) -> (String, Option<String>, Vec<String>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        // The last `in X` (greedy before it): `what is X responsible for in Wuhan`.
        Regex::new(r"(?i)^(?P<b>.*)\s+(?:in|of|for|across) (?:the )?(?P<p>[a-z][a-z'-]*(?: [a-z][a-z'-]*)?)(?: (?:province|city|prefecture|county|district|region))?(?: plans?)?\??$")
            .expect("a valid pattern")
    });
    let Some(c) = re.captures(rest) else {
        return (rest.to_owned(), None, Vec::new());
    };
    let m = c.name("b").map_or(rest.len(), |b| b.end());
    let p = c["p"]
        .trim_end_matches(" plans")
        .trim_end_matches(" plan")
        .to_owned();
    let p = p.as_str();
    let before = rest[..m].to_owned();
    if ["national", "state council", "central"].contains(&p.to_lowercase().as_str()) {
        return (
            before,
            Some(fengong_registry::resolve::NATIONAL.to_owned()),
            Vec::new(),
        );
    }
    // `for digital government`, `in total`: not a place, left in the question.
    match english_place(p).as_slice() {
        [one] => (before, Some(one.clone()), Vec::new()),
        [] => (rest.to_owned(), None, Vec::new()),
        several => (
            before,
            None,
            vec![format!("{} ({}?)", rest[m..].trim(), several.join(" or "))],
        ),
    }
}

/// The split points where a subject may join several agency names (`A和B`, `A、B及C`,
/// `A and B`): byte ranges of each conjunction. Names can hold 和 themselves
/// (省工业和信息化厅), so the caller keeps only splits whose parts all resolve.
pub fn conjunctions(subject: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\s*(?:以及|和|与|及|同|跟|、|,|;|&|\band\b)\s*").expect("valid pattern")
    });
    re.find_iter(subject)
        .filter(|m| m.start() > 0 && m.end() < subject.len())
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// The question with traditional characters simplified, full-width ASCII narrowed, English
/// contractions opened and the end punctuation dropped; and whether it was traditional.
fn normalise(q: &str) -> (String, bool) {
    static CONTRACTIONS: OnceLock<Regex> = OnceLock::new();
    let (cleaned, _) = fengong_parse::text::clean::clean(q);
    let simplified = fengong_parse::text::script::to_simplified(&cleaned);
    let traditional = simplified.converted_lines > 0;
    let re = CONTRACTIONS
        .get_or_init(|| Regex::new(r"(?i)\b(who|what|which)(?:'s|’s)").expect("valid pattern"));
    let opened = re.replace_all(&simplified.text, "$1 is");
    let text = opened
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '?' | '.' | '!' | '。' | '~' | '…' | '"' | '\'' | '【' | '】'
                )
        })
        .to_owned();
    (text, traditional)
}

/// Words that ask rather than name: a subject or topic made of them alone is no subject.
fn is_question_word(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:谁|哪个|哪些|哪|什么|何|啥|哪个部门|哪些部门|什么部门|哪个单位|哪些单位|任务|工作|哪些任务|什么任务|哪些工作|who|what|which|it|they|任务最多|最多)$",
        )
        .expect("valid pattern")
    })
    .is_match(s.trim())
}

/// English questions are told by their words, not their letters: `谁牵头5G建设` is Chinese.
fn english() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:what|which|who|whom|whose|does|do|is|are|list|show|tasks?|agenc(?:y|ies)|departments?|most|leads?|led|cooperates?|supervises?|responsible|duties|share|together|central)\b",
        )
        .expect("valid pattern")
    })
}

/// The end of an open range (`since 2022`): later than any plan.
pub const SINCE: i32 = 9999;

/// Takes a year or a range of years out of the question.
fn take_years(text: &str, language: Language) -> (String, Option<(i32, i32)>) {
    static ZH: OnceLock<Regex> = OnceLock::new();
    static EN: OnceLock<Regex> = OnceLock::new();
    let re = match language {
        Language::Zh => ZH.get_or_init(|| {
            Regex::new(
                r"(?:在|于|自|从)?(?P<from>(?:19|20)\d{2})\s*(?:年\s*)?(?:(?:-|–|—|~|到|至)\s*(?P<to>(?:19|20)\d{2})\s*)?年(?:度)?(?P<since>以来|至今|起)?(?:的|中|里|内|间)?",
            )
            .expect("valid pattern")
        }),
        Language::En => EN.get_or_init(|| {
            Regex::new(
                r"(?i)(?:\b(?P<since>since|after)\s+|\b(?:in|for|during|of|from|between)\s+)?\b(?P<from>(?:19|20)\d{2})\b(?:\s*(?:-|–|to|through|until|and)\s*(?P<to>(?:19|20)\d{2})\b)?",
            )
            .expect("valid pattern")
        }),
    };
    let Some(c) = re.captures(text) else {
        return (text.to_owned(), None);
    };
    let year = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<i32>().ok());
    let Some(from) = year("from") else {
        return (text.to_owned(), None);
    };
    // 2022年以来 / since 2022: to the latest plan.
    let to = if c.name("since").is_some() {
        SINCE
    } else {
        year("to").unwrap_or(from)
    };
    let whole = c.get(0).map_or(0..0, |m| m.range());
    let rest = format!("{} {}", &text[..whole.start], &text[whole.end..]);
    (rest.trim().to_owned(), Some((from.min(to), from.max(to))))
}

fn strip_politeness(text: &str, language: Language) -> String {
    static ZH: OnceLock<Regex> = OnceLock::new();
    static EN: OnceLock<Regex> = OnceLock::new();
    let re = match language {
        Language::Zh => ZH.get_or_init(|| {
            Regex::new(r"^(?:请问|请|想知道|我想知道|告诉我|查询|查一下|列出)+|(?:呢|啊|吗|呀|的呢)+$")
                .expect("valid pattern")
        }),
        Language::En => EN.get_or_init(|| {
            Regex::new(r"^(?:please |can you tell me |tell me |could you tell me |i want to know )+|(?: please)$")
                .expect("valid pattern")
        }),
    };
    re.replace_all(text, "")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '?' | ':'))
        .to_owned()
}

/// A captured name or topic without quotes, brackets and trailing particles.
fn clean_name(s: &str) -> String {
    let s = s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\''
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '「'
                    | '」'
                    | '『'
                    | '』'
                    | '《'
                    | '》'
                    | ','
            )
    });
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.trim().to_owned()
}

/// `top 5`, `前5`, `前十`.
fn top_n(text: &str) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?:\btop\s*|前)(\d+|[一二三四五六七八九十]+)").expect("valid pattern")
    });
    let c = re.captures(text)?;
    let n = c.get(1)?.as_str();
    n.parse().ok().or_else(|| chinese_number(n))
}

fn chinese_number(s: &str) -> Option<usize> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [d, '十'] => Some(digit(*d)? * 10),
        [d, '十', e] => Some(digit(*d)? * 10 + digit(*e)?),
        [d] => digit(*d),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Ranking(RankBy),
    Topic(TopicRoles),
    Leads,
    Cooperates,
    Shares,
    CoLeads,
    WithoutLead,
    SeveralLeads,
    Supervises,
    Duties,
}

struct Pattern {
    regex: Regex,
    form: Kind,
}

fn compile(list: &[(Kind, String)], ignore_case: bool) -> Vec<Pattern> {
    let flags = if ignore_case { "(?i)" } else { "" };
    list.iter()
        .map(|(form, p)| Pattern {
            regex: Regex::new(&format!("{flags}{p}")).expect("valid pattern"),
            form: *form,
        })
        .collect()
}

fn zh_patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let what = "(?:(?:哪些|什么|何种|何项|何事|哪几项|哪几个|哪几|哪项|几项|多少|啥|哪|何)(?:项|个|件|些)?)";
        let obj = "(?:任务|工作|事项|事情|事|项目|内容|职责|职能|分工)";
        let adv = "(?:都|主要|具体|一共|总共|共|分别|还|需要|要)?";
        let end = "(?:有哪些|是什么|有什么|都有哪些|都有什么|包括哪些|有多少|有几项)?";
        let who = "(?:谁|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|什么单位|何部门|何单位|哪家单位|哪个机构|哪些机构|哪家)";
        let unit = "(?:部门|单位|机构|厅局|机关)";
        let tail = |verb: &str| format!("{adv}{verb}(?:了|的|过)?(?:做|干|负责|推进)?{what}?{obj}?{end}$");
        let topic_verb = |roles| match roles {
            TopicRoles::Lead => "(?:牵头|主抓|主管|主导)",
            TopicRoles::Cooperate => "(?:配合|参与|协助|协同)",
            TopicRoles::All => "(?:负责|承担|落实)",
            TopicRoles::Supervise => "(?:分管|主管领导)",
        };
        let most = "(?:最多|数量最多|最多的|较多)";
        let mut list: Vec<(Kind, String)> = vec![
            (
                Kind::WithoutLead,
                format!("(?:没有|无|缺少|未明确|未定|不明确)(?:的)?牵头{unit}?|牵头{unit}?(?:为空|空缺|缺失)"),
            ),
            (
                Kind::SeveralLeads,
                format!("^{what}?{obj}?(?:由|有)?(?:多个|几个|两个以上|多家|两家以上|多方)(?:{unit})?(?:共同|联合|一起)?牵头|(?:多个|几个)牵头{unit}的{obj}"),
            ),
            (
                Kind::CoLeads,
                format!("^(?P<a>.+?){adv}(?:共同|联合|一起|一同)牵头(?:了|的)?{what}?{obj}?{end}$"),
            ),
            (
                Kind::Ranking(RankBy::Leads),
                format!("(?:牵头|负责牵头){obj}?{most}"),
            ),
            (
                Kind::Ranking(RankBy::Cooperates),
                format!("(?:配合|参与){obj}?{most}"),
            ),
            (
                Kind::Ranking(RankBy::Duties),
                format!("(?:承担|负责|有)?{obj}{most}|(?:承担|负责){most}"),
            ),
            (
                Kind::Ranking(RankBy::Central),
                format!(
                    "(?:最|比较|更|较为)(?:核心|重要|关键|中心|活跃|有影响力|有影响)|核心(?:的)?{unit}|中心(?:度|性)|{unit}(?:的)?(?:排名|排行)|{unit}排(?:名|行)"
                ),
            ),
            // X是哪些任务的牵头单位: a name, not a topic.
            (
                Kind::Leads,
                format!("^(?P<a>.+?)是{what}{obj}?的牵头{unit}$"),
            ),
            (
                Kind::Cooperates,
                format!("^(?P<a>.+?)是{what}{obj}?的(?:配合|参与){unit}$"),
            ),
            // 哪些任务由X牵头 / 哪些工作需要X配合: the object first.
            (
                Kind::Leads,
                format!("^{what}{obj}(?:是|由|归|需要|要)?(?P<a>.+?)(?:来|负责)?牵头(?:的)?$"),
            ),
            (
                Kind::Cooperates,
                format!("^{what}{obj}(?:是|由|需要|要)?(?P<a>.+?)(?:来)?(?:配合|参与|协助)(?:的)?$"),
            ),
            (
                Kind::Duties,
                format!("^{what}{obj}(?:是|由|归|需要|要)?(?P<a>.+?)(?:来)?(?:负责|承担)(?:的)?$"),
            ),
            // X的牵头任务 / X有哪些牵头任务.
            (
                Kind::Leads,
                format!("^(?P<a>.+?)(?:的|有{what}|所)?牵头(?:的)?{obj}{end}$"),
            ),
            (
                Kind::Cooperates,
                format!("^(?P<a>.+?)(?:的|有{what}|所)?(?:配合|参与)(?:的)?{obj}{end}$"),
            ),
        ];
        for roles in [
            TopicRoles::Lead,
            TopicRoles::Cooperate,
            TopicRoles::All,
            TopicRoles::Supervise,
        ] {
            let v = topic_verb(roles);
            list.push((
                Kind::Topic(roles),
                format!("^(?:是|由|该由|应由)?{who}(?:来|在|负责|主要)?{v}(?:负责|推进|抓)?(?P<t>.+?)(?:的)?(?:工作|任务)?$"),
            ));
            list.push((
                Kind::Topic(roles),
                format!("^(?P<t>.+?)(?:的)?(?:工作|任务)?(?:是|由|归|该由|应由)?{who}(?:来|在|负责)?{v}(?:的)?$"),
            ));
        }
        for (roles, word) in [
            (TopicRoles::Lead, "牵头"),
            (TopicRoles::Cooperate, "配合"),
            (TopicRoles::All, "(?:责任|负责)"),
        ] {
            list.push((
                Kind::Topic(roles),
                format!("^(?P<t>.+?)(?:工作|任务)?的{word}{unit}(?:是|有)?(?:谁|哪个|哪些|什么|哪家)?{unit}?$"),
            ));
        }
        list.extend([
            (Kind::Supervises, format!("^(?P<a>.+?){}", tail("分管"))),
            (
                Kind::Shares,
                format!(
                    "^(?P<a>.+?){}",
                    tail("(?:一起|共同|联合|一同|同时)(?:牵头|负责|承担|参与|配合|推进|落实|做|干)?")
                ),
            ),
            (
                Kind::Leads,
                format!(
                    "^(?:由)?(?P<a>.+?){}",
                    tail("(?:负责)?牵头(?:负责|推进|抓)?")
                ),
            ),
            (
                Kind::Cooperates,
                format!("^(?P<a>.+?){}", tail("(?:配合|参与|协助|协同|支持)")),
            ),
            (
                Kind::Duties,
                format!("^(?P<a>.+?){}", tail("(?:负责|承担|干|做|管|有)")),
            ),
            (Kind::Duties, format!("^(?P<a>.+?)的{obj}{end}$")),
        ]);
        compile(&list, false)
    })
}

fn en_patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let thing = "(?:tasks?|work|items?|duties|responsibilities|jobs?|projects?|things?)";
        let q = format!("^(?:what|which)(?: {thing})?");
        let who = "(?:who|which (?:agency|agencies|department|departments|body|bodies|office|offices|organi[sz]ations?|units?))";
        let list: Vec<(Kind, String)> = vec![
            (
                Kind::WithoutLead,
                format!(r"\b{thing} (?:without|with no|that have no|that name no|lacking|missing) (?:a |any )?lead(?: agency| agencies| department| unit)?\b|\b(?:have|has) no lead\b|\bno lead agency\b"),
            ),
            (
                Kind::SeveralLeads,
                format!(r"\b{thing} (?:with|that have|having) (?:several|multiple|more than one|two or more) leads?\b|\bjointly led {thing}\b|\b{thing} led jointly\b"),
            ),
            (
                Kind::CoLeads,
                format!("{q} (?:do|does) (?P<a>.+?) (?:co-lead|lead together|jointly lead|lead jointly)$"),
            ),
            (
                Kind::Ranking(RankBy::Leads),
                r"\blead(?:s|ing)? (?:on )?(?:the )?most\b|\bmost (?:lead|leading) (?:tasks|roles)\b|\bby (?:the )?(?:number of )?(?:leads|lead (?:tasks|roles)|tasks led)\b".to_owned(),
            ),
            (
                Kind::Ranking(RankBy::Cooperates),
                r"\b(?:cooperat|co-operat|support|assist)\w* (?:on |in )?(?:the )?most\b|\bby (?:the )?(?:number of )?cooperat\w*".to_owned(),
            ),
            (
                Kind::Ranking(RankBy::Duties),
                r"\b(?:has|have|with|handles?|does|do) (?:the )?most (?:tasks|duties|work|responsibilities)\b|\bbusiest\b|\bmost (?:tasks|duties)\b".to_owned(),
            ),
            (
                Kind::Ranking(RankBy::Central),
                r"\bmost (?:central|important|influential|connected|active)\b|\bcentral(?:ity)?\b|\bkey (?:agencies|departments)\b|\btop (?:\d+ )?(?:agencies|departments|bodies)\b|\branking\b|\brank (?:the )?agencies\b".to_owned(),
            ),
            (
                Kind::Topic(TopicRoles::Lead),
                format!("^{who} (?:is |are |will |should )?(?:leads?|leading|heads?|heading|in charge of|the lead (?:for|on|of)|takes the lead (?:on|in)) (?:on |the work on |work on |tasks? on |tasks? about )?(?P<t>.+)$"),
            ),
            (
                Kind::Topic(TopicRoles::Lead),
                r"^who is the lead (?:agency |department )?(?:for|on|of) (?P<t>.+)$".to_owned(),
            ),
            (
                Kind::Topic(TopicRoles::Cooperate),
                format!("^{who} (?:is |are |will )?(?:cooperates?|cooperating|co-operates?|supports?|supporting|assists?|assisting|helps?|helping) (?:on |in |with )?(?P<t>.+)$"),
            ),
            (
                Kind::Topic(TopicRoles::Supervise),
                r"^(?:who|which officials?|which leaders?) (?:supervises?|oversees?|is supervising|is overseeing) (?P<t>.+)$".to_owned(),
            ),
            (
                Kind::Topic(TopicRoles::All),
                format!("^{who} (?:is |are |will be )?(?:responsible for|works? on|working on|handles?|handling|does|do|involved in) (?P<t>.+)$"),
            ),
            (
                Kind::Supervises,
                format!("{q} (?:does|do|did) (?P<a>.+?) (?:supervise|oversee)$"),
            ),
            (
                Kind::Supervises,
                format!("{q} (?:is|are) (?P<a>.+?) (?:supervising|overseeing)$"),
            ),
            (
                Kind::Shares,
                format!("{q} (?:do|does) (?P<a>.+?) (?:share|jointly (?:handle|lead|own|do)|(?:do|lead|handle|work on|take part in) together|have in common|share responsibility for)$"),
            ),
            (
                Kind::Shares,
                format!("{q} (?:is|are) (?P<a>.+?) (?:jointly|both|together|all) (?:responsible for|involved in|working on)$"),
            ),
            (
                Kind::Shares,
                format!("^(?:the )?{thing} (?:shared by|common to) (?P<a>.+)$"),
            ),
            (
                Kind::Leads,
                format!("{q} (?:does|do|did|will) (?P<a>.+?) (?:lead|lead on|head|take the lead (?:on|in))$"),
            ),
            (
                Kind::Leads,
                format!("{q} (?:is|are) (?P<a>.+?) (?:leading|heading|the lead (?:for|on)|lead on)$"),
            ),
            (
                Kind::Leads,
                format!("^(?:does|do) (?P<a>.+?) lead (?:any |some )?{thing}$"),
            ),
            (
                Kind::Leads,
                format!("^(?:list |show (?:me )?)?(?:the |all )?{thing} (?:led|headed) by (?P<a>.+)$"),
            ),
            (
                Kind::Leads,
                format!("^(?P<a>.+?) (?:leads|lead|heads) (?:what|which {thing})$"),
            ),
            (
                Kind::Cooperates,
                format!("{q} (?:does|do|did|will) (?P<a>.+?) (?:cooperate|co-operate|collaborate|assist|support|help|participate|take part|contribute)(?: (?:on|in|with|to))?$"),
            ),
            (
                Kind::Cooperates,
                format!("{q} (?:is|are) (?P<a>.+?) (?:cooperating|co-operating|collaborating|assisting|participating|helping|supporting) (?:on|in|with)$"),
            ),
            (
                Kind::Duties,
                format!("{q} (?:is|are) (?P<a>.+?) (?:responsible for|in charge of|tasked with|involved in|working on)$"),
            ),
            (
                Kind::Duties,
                format!("{q} (?:does|do) (?P<a>.+?) (?:do|handle|own|work on|have)$"),
            ),
            (
                Kind::Duties,
                format!("^(?:what (?:are|is) |list |show (?:me )?)?(?P<a>.+?)(?:'s|’s|') {thing}$"),
            ),
            (
                Kind::Duties,
                format!("^(?:what (?:are|is) |list |show (?:me )?)?(?:the |all )?(?:{thing}|roles?|role) of (?P<a>.+)$"),
            ),
            (
                Kind::Duties,
                format!("^(?:list |show (?:me )?)?(?P<a>.+?) {thing}$"),
            ),
        ];
        compile(&list, true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(q: &str) -> Form {
        understand(q)
            .unwrap_or_else(|_| panic!("not understood: {q}"))
            .form
    }

    fn leads(s: &str) -> Form {
        Form::Leads {
            subject: s.to_owned(),
        }
    }

    #[test]
    fn what_an_agency_leads_in_many_wordings() {
        for q in [
            "省政务服务数据管理局牵头哪些任务?",
            "省政务服务数据管理局牵头什么",
            "省政务服务数据管理局牵头的工作有哪些?",
            "请问省政务服务数据管理局都牵头了哪些任务呢",
            "省政務服務數據管理局牽頭哪些任務?",
            "省政务服务数据管理局 牵头 哪些 工作",
            "what does 省政务服务数据管理局 lead?",
            "What tasks does 省政务服务数据管理局 lead",
            "tasks led by 省政务服务数据管理局",
        ] {
            assert_eq!(form(q), leads("省政务服务数据管理局"), "{q}");
        }
        assert_eq!(form("省政数局牵头什么"), leads("省政数局"));
    }

    #[test]
    fn the_other_agency_forms() {
        let subject = |s: &str| s.to_owned();
        assert_eq!(
            form("省工业和信息化厅配合哪些工作?"),
            Form::Cooperates {
                subject: subject("省工业和信息化厅")
            }
        );
        assert_eq!(
            form("what does 省科技厅 cooperate on?"),
            Form::Cooperates {
                subject: subject("省科技厅")
            }
        );
        for q in [
            "省财政厅负责什么?",
            "省财政厅的职责",
            "what is 省财政厅 responsible for",
        ] {
            assert_eq!(
                form(q),
                Form::Duties {
                    subject: subject("省财政厅")
                },
                "{q}"
            );
        }
        for q in [
            "省发展改革委和省科技厅共同负责哪些任务?",
            "what do 省发展改革委 and 省科技厅 share?",
        ] {
            let Form::Shares { subject } = form(q) else {
                panic!("{q}")
            };
            assert_eq!(conjunctions(&subject).len(), 1, "{q}");
        }
        for q in ["冯玲分管哪些任务?", "what does 冯玲 supervise"] {
            assert_eq!(
                form(q),
                Form::Supervises {
                    person: subject("冯玲")
                },
                "{q}"
            );
        }
    }

    #[test]
    fn topics_rankings_and_years() {
        let topic = |t: &str, roles| Form::Topic {
            topic: t.to_owned(),
            roles,
        };
        for q in [
            "谁牵头数据要素市场建设?",
            "数据要素市场建设由谁牵头?",
            "数据要素市场建设的牵头单位是哪个?",
            "哪个部门牵头数据要素市场建设工作",
        ] {
            assert_eq!(form(q), topic("数据要素市场建设", TopicRoles::Lead), "{q}");
        }
        assert_eq!(
            form("who leads 数字乡村?"),
            topic("数字乡村", TopicRoles::Lead)
        );
        assert_eq!(form("谁负责数字乡村"), topic("数字乡村", TopicRoles::All));
        let q = understand("which agencies are most central in 2024?").unwrap();
        assert_eq!(
            (q.form, q.years, q.language),
            (
                Form::Ranking {
                    by: RankBy::Central,
                    top: None
                },
                Some((2024, 2024)),
                Language::En
            )
        );
        let q = understand("2022年至2024年哪些部门最核心?前5").unwrap();
        assert_eq!(
            (q.form, q.years, q.language),
            (
                Form::Ranking {
                    by: RankBy::Central,
                    top: Some(5)
                },
                Some((2022, 2024)),
                Language::Zh
            )
        );
        let q = understand("2022年以来省科技厅牵头哪些任务").unwrap();
        assert_eq!(q.years, Some((2022, SINCE)));
        let q = understand("which agencies lead the most tasks between 2022 and 2024").unwrap();
        assert_eq!(q.years, Some((2022, 2024)));
        let q = understand("省科技厅2024年牵头哪些任务").unwrap();
        assert_eq!((q.form, q.years), (leads("省科技厅"), Some((2024, 2024))));
        assert_eq!(
            form("哪些部门牵头最多?"),
            Form::Ranking {
                by: RankBy::Leads,
                top: None
            }
        );
        // A ranking by a count, and a question put the other way round (the trial's words).
        let q = understand("top 3 agencies by leads in 2022").unwrap();
        assert_eq!(
            (q.form, q.years, q.ignored),
            (
                Form::Ranking {
                    by: RankBy::Leads,
                    top: Some(3)
                },
                Some((2022, 2022)),
                Vec::<String>::new()
            )
        );
        assert_eq!(form("省委网信办 leads what"), leads("省委网信办"));
    }

    #[test]
    fn names_alone_and_nonsense() {
        let q = understand("省财政厅").unwrap();
        assert!(q.bare);
        assert_eq!(
            understand("how is the weather?").map(|q| q.form),
            Err(NotUnderstood {
                language: Language::En
            })
        );
        assert_eq!(
            understand("  ?? ").map(|q| q.form),
            Err(NotUnderstood {
                language: Language::Zh
            })
        );
    }

    #[test]
    fn conjunctions_may_sit_inside_names() {
        // 工业和信息化厅 holds 和: every 和 is offered, the caller keeps the split that resolves.
        assert_eq!(conjunctions("省工业和信息化厅和省科技厅").len(), 2);
        assert_eq!(conjunctions("省科技厅、省财政厅及省商务厅").len(), 2);
        assert!(conjunctions("和平").is_empty());
    }
}

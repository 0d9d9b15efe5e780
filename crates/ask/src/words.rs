//! The words of an answer, in the question's language: the sentences that open it, role and
//! plan names, citations, correction notes and refusals. Pure, so that the CLI's text and the
//! explorer's pages say the same thing.

use crate::{Answer, AskError, Form, Language, Line, RankBy, TopicRoles};

/// Words of the answer in the question's language. Names and titles are never translated.
pub struct Words {
    pub zh: bool,
}

impl Words {
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.zh {
            zh
        } else {
            en
        }
    }

    pub fn role(&self, role: &str) -> String {
        match role {
            "lead" => self.pick("牵头", "lead"),
            "cooperate" => self.pick("配合", "cooperate"),
            "co_responsible" => self.pick("共同负责", "jointly responsible"),
            "supervisor" => self.pick("分管", "supervises"),
            "" => self.pick("(未列单位)", "(no agency named)"),
            other => other,
        }
        .to_owned()
    }

    pub fn list(&self, items: &[String]) -> String {
        if self.zh {
            items.join("、")
        } else {
            items.join(", ")
        }
    }

    pub fn plan(&self, p: &crate::PlanRef) -> String {
        match p.year {
            Some(y) if self.zh => format!("{}({y})", p.title),
            Some(y) => format!("{} ({y})", p.title),
            // Said, rather than an empty place where the year goes.
            None => format!("{}{}", p.title, self.pick("(年份不详)", " (year unknown)")),
        }
    }

    pub fn years(&self, years: Option<(i32, i32)>) -> String {
        match years {
            None => String::new(),
            Some((a, b)) if a == b => self.pick(&format!("{a}年"), &format!(" in {a}")).to_owned(),
            Some((a, b)) if b >= crate::question::SINCE => self
                .pick(&format!("{a}年以来"), &format!(" since {a}"))
                .to_owned(),
            Some((a, b)) => self
                .pick(&format!("{a}—{b}年"), &format!(" in {a}–{b}"))
                .to_owned(),
        }
    }
}

/// `1 plan`, `3 plans`.
fn n(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// `s` in the script the question was asked in: asked in traditional characters, answered in
/// them (what quotes a plan as written stays as written; callers do not pass it here).
pub fn in_asked_script(a: &Answer, s: &str) -> String {
    if a.question.traditional {
        fengong_parse::text::script::to_traditional(s).unwrap_or_else(|| s.to_owned())
    } else {
        s.to_owned()
    }
}

/// The sentences that open an answer: what was found, how names were read, what was not used.
pub fn summary(w: &Words, a: &Answer) -> Vec<String> {
    let plans = crate::cited_plans(a).len();
    let years = w.years(a.years);
    let count = |k: Option<usize>| -> (usize, usize) {
        let lines: Vec<&Line> = a
            .lines
            .iter()
            .filter(|l| l.subject == k || k.is_none())
            .collect();
        let mut tasks: Vec<&str> = lines.iter().map(|l| l.task.iri.as_str()).collect();
        tasks.sort_unstable();
        tasks.dedup();
        (tasks.len(), lines.len())
    };
    let mut out = Vec::new();
    let name = |k: usize| w.list(&a.subjects[k].labels);
    match &a.question.form {
        Form::Topic { topic, roles } => {
            let (tasks, _) = count(None);
            out.push(if tasks == 0 {
                let mut none = w
                    .pick(
                        &format!("{years}没有与“{topic}”相关的任务。"),
                        &format!("No task{years} matches “{topic}”."),
                    )
                    .to_owned();
                // Plans are Chinese: an English topic can only match by luck.
                if topic.is_ascii() {
                    let hints = english_topic_hints(topic);
                    none.push_str(&if hints.is_empty() {
                        " Topics are matched in the plans' Chinese text: write the topic in Chinese, e.g. “who leads 数字政府?”.".to_owned()
                    } else {
                        format!(
                            " Topics are matched in the plans' Chinese text; try: {}.",
                            hints
                                .iter()
                                .map(|h| format!("“who leads {h}?”"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    });
                }
                none
            } else {
                let who = match roles {
                    TopicRoles::Lead => w.pick("牵头单位", "who leads them"),
                    TopicRoles::Cooperate => w.pick("配合单位", "who cooperates on them"),
                    TopicRoles::All => w.pick("责任单位", "who is responsible"),
                    TopicRoles::Supervise => w.pick("分管领导", "who supervises them"),
                };
                let matched = a.topic_matches.unwrap_or(tasks);
                let verb = if matched == 1 { "matches" } else { "match" };
                // Fewer tasks shown than matched because the others name no one in that role.
                let named = match roles {
                    TopicRoles::Lead => Some(("写明牵头单位", "name a lead")),
                    TopicRoles::Cooperate => Some(("写明配合单位", "name a cooperating agency")),
                    TopicRoles::Supervise => Some(("写明分管领导", "name a supervising official")),
                    TopicRoles::All => None,
                };
                if let (true, Some((zh, en))) = (matched > tasks, named) {
                    w.pick(
                        &format!("{years}与“{topic}”相关的任务 {matched} 项,其中最相关的 {tasks} 项{zh}(涉及 {plans} 个方案),{who}如下:"),
                        &format!("{}{years} {verb} “{topic}”; the best {tasks} that {en}, in {}, and {who}:", n(matched, "task"), n(plans, "plan")),
                    )
                    .to_owned()
                } else if matched > tasks {
                    w.pick(
                        &format!("{years}与“{topic}”相关的任务 {matched} 项,以下为最相关的 {tasks} 项(涉及 {plans} 个方案),{who}如下:"),
                        &format!("{}{years} {verb} “{topic}”; the best {tasks}, in {}, and {who}:", n(matched, "task"), n(plans, "plan")),
                    )
                    .to_owned()
                } else {
                    w.pick(
                        &format!("{years}与“{topic}”相关的任务 {tasks} 项(涉及 {plans} 个方案,按相关度排序),{who}如下:"),
                        &format!("{} in {}{years} {verb} “{topic}” (best match first); {who}:", n(tasks, "task"), n(plans, "plan")),
                    )
                    .to_owned()
                }
            });
        }
        Form::Ranking { by, .. } => {
            let tasks = a.network_tasks.unwrap_or(0);
            let count = a.plans.len();
            let (zh, en) = match by {
                RankBy::Central => (
                    "最核心的部门(按共同承担任务的合作单位数排序)",
                    "The most central agencies (by the number of distinct agencies they share tasks with)",
                ),
                RankBy::Leads => ("牵头任务最多的部门", "The agencies that lead the most tasks"),
                RankBy::Cooperates => (
                    "配合任务最多的部门",
                    "The agencies that cooperate on the most tasks",
                ),
                RankBy::Duties => (
                    "承担任务最多的部门(牵头、配合、共同负责合计)",
                    "The agencies with the most tasks (leading, cooperating or jointly responsible)",
                ),
            };
            out.push(
                w.pick(
                    &format!(
                        "{years}{zh},依据 {count} 个方案中有具体部门承担的 {tasks} 项任务(只列集体单位的任务不计,更名前后合并计):"
                    ),
                    &format!(
                        "{en}{years}, from the {} of {} that name an agency (tasks only for collective groups left out; renamed agencies counted with their former names):",
                        n(tasks, "task"),
                        n(count, "plan")
                    ),
                )
                .to_owned(),
            );
        }
        Form::WithoutLead | Form::SeveralLeads => {
            let (tasks, _) = count(None);
            let several = matches!(a.question.form, Form::SeveralLeads);
            out.push(
                match (several, w.zh) {
                    (false, true) => format!("{years}没有牵头单位的任务 {tasks} 项,涉及 {plans} 个方案(列出其共同负责或配合的单位):"),
                    (false, false) => format!("{}{years} in {} name no lead agency (with the agencies they do name):", n(tasks, "task"), n(plans, "plan")),
                    (true, true) => format!("{years}由多个部门共同牵头的任务 {tasks} 项,涉及 {plans} 个方案:"),
                    (true, false) => format!("{}{years} in {} have more than one lead:", n(tasks, "task"), n(plans, "plan")),
                },
            );
        }
        Form::CoLeads { .. } if a.subjects.len() > 1 => {
            let names: Vec<String> = (0..a.subjects.len()).map(name).collect();
            let (tasks, _) = count(None);
            out.push(
                w.pick(
                    &format!(
                        "{years}{}共同牵头的任务 {tasks} 项,涉及 {plans} 个方案。",
                        names.join("和")
                    ),
                    &format!(
                        "{} lead {} together{years}, in {}.",
                        names.join(" and "),
                        n(tasks, "task"),
                        n(plans, "plan")
                    ),
                )
                .to_owned(),
            );
        }
        Form::Shares { .. } if a.subjects.len() > 1 => {
            let names: Vec<String> = (0..a.subjects.len()).map(name).collect();
            let (tasks, _) = count(None);
            out.push(
                w.pick(
                    &format!(
                        "{years}{}共同参与的任务 {tasks} 项,涉及 {plans} 个方案。",
                        names.join("和")
                    ),
                    &format!(
                        "{} take part together in {}{years} in {}.",
                        names.join(" and "),
                        n(tasks, "task"),
                        n(plans, "plan")
                    ),
                )
                .to_owned(),
            );
        }
        form => {
            for k in 0..a.subjects.len() {
                let s = &a.subjects[k];
                let label = s.current.clone().unwrap_or_else(|| name(k));
                // A page of the answer counts the whole answer, not the lines shown.
                let whole = a.page.as_ref().filter(|_| a.subjects.len() == 1);
                let (tasks, duties) = match whole {
                    Some(p) => (p.tasks, p.roles.values().sum()),
                    None => count(Some(k)),
                };
                let plans = if let Some(p) = whole {
                    p.plans
                } else {
                    let mut p: Vec<&str> = a
                        .lines
                        .iter()
                        .filter(|l| l.subject == Some(k))
                        .map(|l| l.plan.iri.as_str())
                        .collect();
                    p.sort_unstable();
                    p.dedup();
                    p.len()
                };
                let (zh_verb, en_verb) = match form {
                    Form::Leads { .. } => ("牵头", "leads"),
                    Form::Cooperates { .. } => ("配合", "cooperates on"),
                    Form::Shares { .. } => ("共同负责", "is jointly responsible for"),
                    Form::CoLeads { .. } => {
                        ("与其他部门共同牵头", "leads together with another agency")
                    }
                    Form::Supervises { .. } => ("分管", "supervises"),
                    _ if s.person => ("分管", "supervises"),
                    _ => ("承担", "has duties in"),
                };
                out.push(if tasks == 0 {
                    w.pick(
                        &format!("在所查{years}方案中,{label}没有{zh_verb}的任务。"),
                        &format!("{label} {en_verb} no task in the plans searched{years}."),
                    )
                    .to_owned()
                } else if matches!(form, Form::Duties { .. }) && !s.person {
                    let of = |role: &str| match whole {
                        Some(p) => p.roles.get(role).copied().unwrap_or(0),
                        None => a
                            .lines
                            .iter()
                            .filter(|l| l.subject == Some(k) && l.role == role)
                            .count(),
                    };
                    let parts: Vec<String> = [
                        ("lead", "牵头", "leads"),
                        ("cooperate", "配合", "cooperates on"),
                        ("co_responsible", "共同负责", "jointly responsible for"),
                    ]
                    .iter()
                    .filter(|(role, _, _)| of(role) > 0)
                    .map(|(role, zh, en)| {
                        if w.zh {
                            format!("{zh} {} 项", of(role))
                        } else {
                            format!("{en} {}", of(role))
                        }
                    })
                    .collect();
                    if w.zh {
                        format!(
                            "{years}{label}在 {plans} 个方案的 {tasks} 项任务中有 {duties} 项职责:{}。",
                            parts.join(",")
                        )
                    } else {
                        format!(
                            "{label} has {} in {} of {}{years}: {}.",
                            n(duties, "duty").replace("dutys", "duties"),
                            n(tasks, "task"),
                            n(plans, "plan"),
                            parts.join(", ")
                        )
                    }
                } else {
                    w.pick(
                        &format!("{years}{label}{zh_verb} {tasks} 项任务,涉及 {plans} 个方案。"),
                        &format!("{label} {en_verb} {} in {}{years}.", n(tasks, "task"), n(plans, "plan")),
                    )
                    .to_owned()
                });
                let named = name(k);
                if !s.person && s.current.is_some() {
                    out.push(
                        w.pick(
                            &if s.became.is_empty() {
                                format!("({}即{named},现名{label}。)", s.asked)
                            } else {
                                format!("({}即{named},后改为{label}。)", s.asked)
                            },
                            &if s.became.is_empty() {
                                format!("({} is {named}, now named {label}.)", s.asked)
                            } else {
                                format!("({} is {named}, later named {label}.)", s.asked)
                            },
                        )
                        .to_owned(),
                    );
                } else if !s.person && !s.labels.contains(&s.asked) {
                    out.push(
                        w.pick(
                            &format!("({}即{label}。)", s.asked),
                            &format!("({} is read as {label}.)", s.asked),
                        )
                        .to_owned(),
                    );
                }
                if !s.became.is_empty() {
                    // The body that changed is the end of the line of renames.
                    let named = s.current.clone().unwrap_or_else(|| named.clone());
                    let steps = |zh: bool| -> String {
                        let parts: Vec<String> = s
                            .became
                            .iter()
                            .enumerate()
                            .map(|(k, c)| {
                                let date = c.date.clone().unwrap_or_default();
                                if zh {
                                    // A year alone is said as one: 于2024年.
                                    let when = match date.len() {
                                        0 => String::new(),
                                        4 => format!("于{date}年"),
                                        _ => format!("于{date}"),
                                    };
                                    let then = if k == 0 { "" } else { "后" };
                                    let verb = match c.kind.as_str() {
                                        "rename" => "更名为",
                                        "succession" => "改设为",
                                        "merger" => "并入",
                                        "split" => "分设为",
                                        _ => "改为",
                                    };
                                    format!("{then}{when}{verb}{}", c.agency)
                                } else {
                                    let date = if date.is_empty() {
                                        date
                                    } else {
                                        format!(", {date}")
                                    };
                                    format!("{} ({}{date})", c.agency, c.kind)
                                }
                            })
                            .collect();
                        parts.join(if zh { "," } else { ", then " })
                    };
                    let latest_zh: Vec<String> =
                        s.latest.iter().map(|l| format!("“{l}”")).collect();
                    out.push(
                        w.pick(
                            &format!(
                                "({named}已{};可改问{}。)",
                                steps(true),
                                latest_zh.join("或")
                            ),
                            &format!(
                                "({named} became {}; ask about {} instead.)",
                                steps(false),
                                s.latest.join(" or ")
                            ),
                        )
                        .to_owned(),
                    );
                }
                if let Some(others) = a.other_duties {
                    out.push(
                        w.pick(
                            &format!(
                                "(它在其他角色上有 {others} 项职责;可问“{}负责什么”。)",
                                s.asked
                            ),
                            &format!(
                                "(It has {} in other roles: ask “what is {} responsible for”.)",
                                n(others, "duty").replace("dutys", "duties"),
                                s.asked
                            ),
                        )
                        .to_owned(),
                    );
                }
                if !s.lineage.is_empty() {
                    let other = w.list(&s.lineage);
                    out.push(
                        w.pick(
                            &format!("(含同一机构更名前后的名称:{other}。)"),
                            &format!(
                                "(Including its tasks under its former or later name {other}.)"
                            ),
                        )
                        .to_owned(),
                    );
                }
            }
        }
    }
    if !a.plans.is_empty()
        && (a.years.is_some() || a.plans.len() < 4)
        && a.lines.is_empty()
        && a.ranking.is_empty()
    {
        let titles: Vec<String> = a.plans.iter().map(|p| w.plan(p)).collect();
        out.push(format!(
            "{}{}",
            w.pick("所查方案:", "Plans searched: "),
            w.list(&titles)
        ));
    }
    if let Some(p) = a.page.as_ref().filter(|p| p.tasks > 0) {
        let first = (p.offset + 1).min(p.tasks);
        let last = p.offset.saturating_add(p.limit).min(p.tasks);
        out.push(if first > last || p.offset >= p.tasks {
            w.pick(
                &format!("(共 {} 项任务,此页之后没有更多。)", p.tasks),
                &format!(
                    "(There are {} in all; this page is past the last.)",
                    n(p.tasks, "task")
                ),
            )
            .to_owned()
        } else if first == 1 && last == p.tasks {
            w.pick("(最新的方案在前。)", "(Newest plans first.)")
                .to_owned()
        } else {
            w.pick(
                &format!(
                    "(列出第 {first}–{last} 项,共 {} 项,最新的方案在前。)",
                    p.tasks
                ),
                &format!("(Tasks {first}–{last} of {}, newest plans first.)", p.tasks),
            )
            .to_owned()
        });
    }
    if let Some(p) = &a.question.place {
        let p = if p == "全国" {
            w.pick("全国(国务院及其部门)", "national (State Council)")
        } else {
            p.as_str()
        };
        out.push(
            w.pick(
                &format!("(只查{p}的方案。)"),
                &format!("(Only plans of {p}.)"),
            )
            .to_owned(),
        );
    }
    if !a.untasked.is_empty() {
        // What could not be counted, named: a plan that yielded nothing must not look absent.
        const NAMED: usize = 5;
        let mut titles: Vec<String> = a.untasked.iter().take(NAMED).map(|p| w.plan(p)).collect();
        if a.untasked.len() > NAMED {
            titles.push(w.pick("等", "and others").to_owned());
        }
        let m = a.untasked.len();
        let within = match &a.question.place {
            Some(p) => w.pick(&format!("{p}另有"), &format!(" of {p}")).to_owned(),
            None => w.pick("另有", "").to_owned(),
        };
        out.push(
            w.pick(
                &format!(
                    "({within} {m} 个文件未读出任务,未计入本答案:{}。)",
                    w.list(&titles)
                ),
                &format!(
                    "({m} file{}{within} gave no task and {} not counted here: {}.)",
                    if m == 1 { "" } else { "s" },
                    if m == 1 { "is" } else { "are" },
                    w.list(&titles)
                ),
            )
            .to_owned(),
        );
    }
    if !a.question.ignored.is_empty() {
        let words = a.question.ignored.join(w.pick("、", ", "));
        out.push(
            w.pick(
                &format!("(问题中的“{words}”未能使用,答案未按它筛选。)"),
                &format!("(Not used from the question: “{words}”; the answer is not narrowed by it. Places are read in Chinese: 广州市哪些部门最核心.)"),
            )
            .to_owned(),
        );
    }
    out
}

/// How a line cites its task: what names it alone in its plan (`七.1` where numbering
/// restarts per section), else its number, else its position.
pub fn cited(t: &crate::TaskRef) -> String {
    if !t.cited.is_empty() {
        t.cited.clone()
    } else if !t.number.is_empty() {
        t.number.clone()
    } else {
        format!("#{}", t.ordinal)
    }
}

/// One line per correction by hand behind the lines (marked †): where it is written, who,
/// when, why, and what the parser had read.
pub fn correction_notes(lines: &[crate::Line], zh: bool) -> Vec<String> {
    let mut seen: Vec<&crate::CorrectionNote> = Vec::new();
    for l in lines {
        for c in &l.corrections {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
    }
    seen.iter()
        .map(|c| {
            if zh {
                let zh_fields = |s: &str| {
                    [
                        ("co_responsible:", "共同负责:"),
                        ("cooperate:", "配合:"),
                        ("lead:", "牵头:"),
                        ("supervisors:", "分管:"),
                        ("(none)", "(无)"),
                    ]
                    .iter()
                    .fold(s.to_owned(), |s, (en, zh)| s.replace(en, zh))
                };
                format!(
                    "† 人工更正({},{},{}):{};解析结果原为 {},更正为 {}",
                    c.source,
                    c.by,
                    c.date,
                    c.reason,
                    zh_fields(&c.parser_said),
                    zh_fields(&c.corrected_to)
                )
            } else {
                format!(
                    "† corrected by hand ({}, {}, {}): {}; the parser had read {}, corrected to {}",
                    c.source, c.by, c.date, c.reason, c.parser_said, c.corrected_to
                )
            }
        })
        .collect()
}

/// `data/lexicon/topics-en.tsv`: English topic words → the Chinese plans write.
const TOPICS_EN: &str = include_str!("../../../data/lexicon/topics-en.tsv");

/// Chinese topics for the English words of `topic`, longest phrases first.
fn english_topic_hints(topic: &str) -> Vec<String> {
    let topic = topic.to_lowercase();
    let mut pairs: Vec<(&str, &str)> = TOPICS_EN
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    pairs.sort_by_key(|(en, _)| std::cmp::Reverse(en.len()));
    let mut left = topic.clone();
    let mut out: Vec<String> = Vec::new();
    for (en, zh) in pairs {
        if left.contains(en) {
            left = left.replace(en, " ");
            if !out.iter().any(|o| o == zh) {
                out.push(zh.to_owned());
            }
        }
    }
    out.truncate(3);
    out
}

/// What to ask instead, in the question's language.
pub fn forms(language: Language) -> &'static str {
    match language {
        Language::Zh => {
            "可以这样问:\n  省政务服务数据管理局牵头哪些任务?\n  省工业和信息化厅配合哪些工作?\n  省财政厅负责什么? / 省财政厅的职责\n  谁牵头数据要素市场建设? / 数字乡村由谁牵头?\n  省发展改革委和省科技厅共同负责哪些任务?\n  哪些部门最核心? / 2024年哪些部门牵头最多?\n  冯玲分管哪些任务?"
        }
        Language::En => {
            "Questions fengong answers:\n  what does 省政务服务数据管理局 lead?\n  what does 省科技厅 cooperate on?\n  what is 省财政厅 responsible for?\n  who leads 数字乡村?\n  what do 省发展改革委 and 省科技厅 share?\n  which agencies are most central in 2024? / which agencies lead the most?\n  what does 冯玲 supervise?"
        }
    }
}

/// Why an answer could not be given, in the question's language: a kind for programs
/// (`unknown_agency`), the message, and names to try instead.
pub struct Refusal {
    pub kind: &'static str,
    pub message: String,
    pub suggestions: Vec<String>,
}

/// What to say when [`crate::ask`] (or [`crate::understand`]) refuses.
pub fn refusal(e: &AskError) -> Refusal {
    let zh = |l: &Language| *l == Language::Zh;
    let (kind, message, suggestions): (&'static str, String, Vec<String>) = match e {
        AskError::NotUnderstood { language } => (
            "not_understood",
            if zh(language) {
                format!("fengong 看不懂这个问题。{}", forms(*language))
            } else {
                format!(
                    "fengong does not understand the question. {}",
                    forms(*language)
                )
            },
            Vec::new(),
        ),
        AskError::UnknownAgency {
            name,
            suggestions,
            language,
        } => {
            let hint = if suggestions.is_empty() {
                if zh(language) {
                    ";`fengong agencies --search 关键词` 可列出知识库中的单位".to_owned()
                } else {
                    "; `fengong agencies --search TEXT` lists the agencies in the store".to_owned()
                }
            } else if zh(language) {
                format!(";您是不是要找:{}?", suggestions.join("、"))
            } else {
                format!("; did you mean: {}?", suggestions.join(", "))
            };
            let m = if zh(language) {
                format!("知识库中没有名为“{name}”的单位{hint}")
            } else {
                format!("no agency named {name} in the store{hint}")
            };
            ("unknown_agency", m, suggestions.clone())
        }
        AskError::UnknownPerson {
            name,
            suggestions,
            language,
        } => {
            let hint = match (suggestions.is_empty(), zh(language)) {
                (true, _) => String::new(),
                (false, true) => format!(";您是不是要找:{}?", suggestions.join("、")),
                (false, false) => format!("; did you mean: {}?", suggestions.join(", ")),
            };
            let m = if zh(language) {
                format!("知识库中没有分管任务的“{name}”{hint}")
            } else {
                format!("no official named {name} supervises a task in the store{hint}")
            };
            ("unknown_person", m, suggestions.clone())
        }
        AskError::Ambiguous {
            name,
            places,
            options,
            language,
        } => {
            let shown: Vec<String> = options.iter().take(8).cloned().collect();
            let m = if zh(language) {
                format!(
                    "“{name}”可指 {places} 个地方的单位,请写明地方,或用 --plan 指明方案:{}",
                    shown.join("、")
                )
            } else {
                format!(
                    "{name} names agencies of {places} places; write the place, or name the plan with --plan: {}",
                    shown.join(", ")
                )
            };
            ("ambiguous", m, options.clone())
        }
        AskError::NoPlan {
            plans,
            years,
            untasked,
            language,
        } => {
            let w = Words { zh: zh(language) };
            let mut what = w.list(plans);
            let span = w.years(*years);
            // Files there that gave no task: the place is not absent, its plans were not read.
            let titles: Vec<String> = untasked.iter().take(5).map(|p| w.plan(p)).collect();
            let m = if w.zh {
                let missed = if untasked.is_empty() {
                    String::new()
                } else {
                    format!("({} 个文件未读出任务:{})", untasked.len(), w.list(&titles))
                };
                format!("知识库中没有{span}{what}读出任务的方案{missed};`fengong query plans` 可列出所有方案")
            } else {
                if !what.is_empty() {
                    what = format!(" matching {what}");
                }
                let missed = if untasked.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({} gave no task: {})",
                        if untasked.len() == 1 {
                            "1 file".to_owned()
                        } else {
                            format!("{} files", untasked.len())
                        },
                        w.list(&titles)
                    )
                };
                format!("no plan{what}{span} with tasks in the store{missed}; `fengong query plans` lists the plans")
            };
            ("no_plan", m, Vec::new())
        }
        other => ("error", other.to_string(), Vec::new()),
    };
    Refusal {
        kind,
        message,
        suggestions,
    }
}

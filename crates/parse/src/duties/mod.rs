//! Stage 3: responsibility annotations → lead / cooperate / jointly responsible agencies
//! and supervising officials.
//!
//! An annotation (`(X牵头,Y、Z按职责分工负责)`, `牵头单位:…`, `(分管领导为…;部门分工:…)`)
//! is first *read* into marked names (what its words say), then the marks of all a task's
//! annotations are *resolved* into roles, which needs the whole task (is there a lead?) and
//! the document (is a first-listed-lead convention in force?).

pub mod convention;
pub mod locate;
pub mod names;
pub mod scan;
pub mod supervisor;

use names::{group_prefix, read_names, Leftovers, Name};
use scan::{trim_list, WordIndex};
pub use supervisor::{read_supervisors, Supervisor};

/// What the words next to a name say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// 牵头, 牵头单位.
    Lead,
    /// 配合, 参与, 协同, 配合单位.
    Cooperate,
    /// 按职责分工负责, 分别负责: shared responsibility.
    Shared,
    /// 负责, 责任单位: responsible, lead or not decided by the rest of the task.
    Responsible,
    /// No role word at all.
    Unmarked,
}

/// Role words that follow the names they mark. Longest match wins.
/// The role words (`data/lexicon/roles.tsv`, kind `marker`): words that follow the names they
/// mark. Longest match wins.
fn markers() -> &'static [(String, Mark)] {
    &roles().markers
}

/// What a labelled field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Supervisor,
    Deadline,
    Names(Mark),
    /// A field that names no responsible body (`项目责任人`, `联系人`, `适用范围`): it ends the
    /// field before it and is not read.
    Aside,
}

/// Field labels: `牵头单位:…`, `分管领导为…`. Longest match wins.
/// Field labels (`data/lexicon/roles.tsv`, kind `label`): `牵头单位:…`, `分管领导为…`.
/// Longest match wins.
pub fn labels() -> &'static [(String, Label)] {
    &roles().labels
}

const ROLES: &str = include_str!("../../../../data/lexicon/roles.tsv");

/// The role vocabulary, read once. A line that does not read is a curation error the tests
/// catch (`roles_file_reads_whole`), never a silent gap at run time: it is skipped here.
struct Roles {
    markers: Vec<(String, Mark)>,
    labels: Vec<(String, Label)>,
}

fn roles() -> &'static Roles {
    static ROLES_READ: std::sync::OnceLock<Roles> = std::sync::OnceLock::new();
    ROLES_READ.get_or_init(|| {
        let mut markers = Vec::new();
        let mut labels = Vec::new();
        for line in ROLES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let Some(entry) = role_line(line) else {
                continue;
            };
            match entry {
                RoleLine::Marker(w, m) => markers.push((w, m)),
                RoleLine::Label(w, l) => labels.push((w, l)),
            }
        }
        Roles { markers, labels }
    })
}

enum RoleLine {
    Marker(String, Mark),
    Label(String, Label),
}

fn role_line(line: &str) -> Option<RoleLine> {
    let mut cols = line.split('\t');
    let (kind, word, role) = (cols.next()?, cols.next()?.trim(), cols.next()?.trim());
    let mark = match role {
        "lead" => Some(Mark::Lead),
        "cooperate" => Some(Mark::Cooperate),
        "shared" => Some(Mark::Shared),
        "responsible" => Some(Mark::Responsible),
        _ => None,
    };
    match kind {
        "marker" => Some(RoleLine::Marker(word.to_owned(), mark?)),
        "label" => Some(RoleLine::Label(
            word.to_owned(),
            match role {
                "supervisor" => Label::Supervisor,
                "deadline" => Label::Deadline,
                "aside" => Label::Aside,
                _ => Label::Names(mark?),
            },
        )),
        _ => None,
    }
}

/// A name with the mark its annotation gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: Name,
    pub mark: Mark,
}

/// What one annotation says, before the task-level decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub entries: Vec<Entry>,
    pub supervisors: Vec<Supervisor>,
    pub leftovers: Leftovers,
    /// The annotation states the first-listed-lead convention (it then holds from here on).
    pub declares_convention: bool,
}

/// A label at `start..end` of `s`, followed by `为`, `:` or both; returns the value's start.
pub fn label_at(s: &str, start: usize, end: usize, label: Label) -> Option<usize> {
    let before = s[..start].chars().next_back();
    let boundary = before.is_none_or(|c| {
        c.is_whitespace() || matches!(c, ';' | ',' | '。' | '(' | '【' | '[' | ']' | '】' | ')')
    });
    if !boundary {
        return None;
    }
    let mut rest = &s[end..];
    rest = rest.trim_start_matches(['】', ']']);
    let with_wei = rest.strip_prefix('为');
    let after = with_wei.unwrap_or(rest).trim_start();
    match after.strip_prefix(':') {
        Some(v) => Some(s.len() - v.len()),
        None if with_wei.is_some() && label == Label::Supervisor => Some(s.len() - after.len()),
        None => None,
    }
}

/// Role words present in `s` at top level: `(start, end, index into markers())`.
fn find_markers(s: &str) -> Vec<(usize, usize, usize)> {
    static INDEX: std::sync::OnceLock<WordIndex> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| WordIndex::new(markers().iter().map(|(w, _)| w.as_str())))
        .find(s)
}

/// Labels present in `s` at top level: `(label start, value start, label)`.
pub fn find_labels(s: &str) -> Vec<(usize, usize, Label)> {
    static INDEX: std::sync::OnceLock<WordIndex> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| WordIndex::new(labels().iter().map(|(w, _)| w.as_str())))
        .find(s)
        .into_iter()
        .filter_map(|(start, end, k)| {
            let label = labels()[k].1;
            let ls = s[..start].strip_suffix(['【', '[']).map_or(start, str::len);
            label_at(s, ls, end, label).map(|v| (ls, v, label))
        })
        .collect()
}

/// Reads one annotation's text (without its brackets).
pub fn read_annotation(content: &str) -> Reading {
    let (content, declares_convention) = convention::strip_convention(content);
    // Most annotations hold no parenthesised role word: borrow them as they are.
    let content: std::borrow::Cow<str> = if content.contains("(牵头") || content.contains("(配合)")
    {
        content
            .replace("(牵头)", "牵头")
            .replace("(牵头单位)", "牵头")
            .replace("(配合)", "配合")
            .into()
    } else {
        std::borrow::Cow::Borrowed(content.as_str())
    };
    let mut reading = Reading {
        declares_convention,
        ..Reading::default()
    };
    let labels = find_labels(&content);
    let first = labels.first().map_or(content.len(), |l| l.0);
    if !trim_list(&content[..first]).is_empty() {
        read_list(&content[..first], Mark::Unmarked, &mut reading);
    }
    for (i, &(_, value_start, label)) in labels.iter().enumerate() {
        let value_end = labels.get(i + 1).map_or(content.len(), |l| l.0);
        read_value(&content[value_start..value_end], label, &mut reading);
    }
    reading
}

/// Reads the value of one field whose label is known (a labelled line, a table cell).
pub fn read_field(value: &str, label: Label) -> Reading {
    let mut reading = Reading::default();
    read_value(value, label, &mut reading);
    reading
}

fn read_value(value: &str, label: Label, reading: &mut Reading) {
    let value = trim_list(value);
    // Empty table cells are often written as a dash.
    if matches!(value, "" | "—" | "——" | "-" | "/" | "无" | "－") {
        return;
    }
    match label {
        // A person or a date ends at `;`; what follows is an unlabelled list
        // (`分管领导:常务副市长周建国;市发展改革委牵头,市财政局配合`).
        Label::Supervisor | Label::Deadline if value.contains(';') => {
            let (head, rest) = value.split_once(';').unwrap_or((value, ""));
            read_value(head, label, reading);
            read_value(rest, Label::Names(Mark::Unmarked), reading);
        }
        Label::Supervisor if padded_names(value).is_some() => {
            for name in padded_names(value).unwrap_or_default() {
                reading.supervisors.push(Supervisor {
                    name,
                    post: String::new(),
                });
            }
        }
        Label::Supervisor => {
            // Table cells pad names to a width (`王 五`).
            let squeezed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            let value = squeezed.as_str();
            let (mut found, mut unknown) = read_supervisors(value);
            // `按《市委工作要点》分工(蒋永根、俞福才)`: the names stand in the parenthesis.
            if found.is_empty() {
                if let Some(inner) = value
                    .strip_suffix(')')
                    .and_then(|v| v.rfind('(').map(|i| &v[i + 1..]))
                {
                    let (inside, rest) = read_supervisors(inner);
                    if !inside.is_empty() {
                        (found, unknown) = (inside, rest);
                    }
                }
            }
            reading.supervisors.extend(found);
            reading.leftovers.unknown.extend(unknown);
        }
        Label::Deadline => reading.leftovers.deadlines.push(value.to_owned()),
        Label::Names(mark) => read_list(value, mark, reading),
        Label::Aside => {}
    }
}

/// Two-character names padded with a space to the width of three (`俞 悦`), as table cells
/// align people's names, and several such glued where a cell's lines were joined (`陆 明俞 悦`
/// is 陆明 and 俞悦): the spaces say where each name is, which no list of surnames could.
fn padded_names(value: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let (first, rest) = parts.split_first()?;
    let (last, middle) = rest.split_last()?;
    let han = |s: &str, n: usize| s.chars().count() == n && s.chars().all(crate::text::is_han);
    if !han(first, 1) || !han(last, 1) || !middle.iter().all(|m| han(m, 2)) {
        return None;
    }
    let mut names = Vec::new();
    let mut carry = (*first).to_owned();
    for m in middle {
        let mut chars = m.chars();
        carry.extend(chars.next());
        names.push(std::mem::take(&mut carry));
        carry.extend(chars);
    }
    carry.push_str(last);
    names.push(carry);
    Some(names)
}

/// Role words that also occur inside names (`省政协办公厅`, `协同创新中心`) count only
/// where they close a run: at the end, or before punctuation.
fn closes_run(value: &str, end: usize, word: &str) -> bool {
    const INSIDE_NAMES: &[&str] = &["协办", "协同", "协助", "参与", "负责", "指导", "参加"];
    // A role word before 单位/部门 inside a list names a group (`各项目牵头单位`, `各配合部门`):
    // as a label it would have been read as one already, with its colon.
    if value[end..].starts_with("单位") || value[end..].starts_with("部门") {
        return false;
    }
    if !INSIDE_NAMES.contains(&word) {
        return true;
    }
    value[end..]
        .chars()
        .next()
        // `市教育局负责的事项`: a role word before 的 closes its names too.
        .is_none_or(|c| {
            c.is_whitespace() || matches!(c, ',' | ';' | '、' | '。' | ')' | ':' | '的')
        })
}

/// Reads a list of names with role words: `X牵头,Y、Z按职责分工负责`.
/// `base` is the mark for names after the last role word (from the field's label).
pub(crate) fn read_list(value: &str, base: Mark, reading: &mut Reading) {
    let mut prev = 0;
    let mut carry: Option<String> = None;
    let mut runs: Vec<(&str, Mark)> = Vec::new();
    for (start, end, k) in find_markers(value) {
        if !closes_run(value, end, &markers()[k].0) {
            continue;
        }
        let mark = match (markers()[k].1, base) {
            // `配合单位:A、B按职责分工负责`: the label says more than the closing words.
            (Mark::Shared | Mark::Responsible, Mark::Lead | Mark::Cooperate) => base,
            (m, _) => m,
        };
        runs.push((&value[prev..start], mark));
        prev = end;
    }
    runs.push((&value[prev..], base));
    for (run, mark) in runs {
        if trim_list(run).is_empty() {
            continue;
        }
        let names = read_names(run, carry.as_deref(), &mut reading.leftovers);
        reading
            .entries
            .extend(names.into_iter().map(|name| Entry { name, mark }));
        carry = group_prefix(run).or(carry);
    }
}

/// The roles of one task, decided from all its annotations.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Duties {
    pub lead: Vec<String>,
    pub cooperate: Vec<String>,
    pub co_responsible: Vec<String>,
    /// Names in the lists above that stand for groups of agencies.
    pub collective: Vec<String>,
    pub supervisors: Vec<Supervisor>,
    pub deadline: Option<String>,
}

/// Decides each name's role. With a lead, every other responsible name cooperates; under a
/// first-listed-lead convention the first undecided name leads; otherwise names that share
/// responsibility are jointly responsible, and a single name with no role word leads.
pub fn resolve<'a>(readings: impl IntoIterator<Item = &'a Reading>, convention: bool) -> Duties {
    let mut entries: Vec<&Entry> = Vec::new();
    let mut duties = Duties::default();
    let mut deadlines: Vec<&str> = Vec::new();
    for r in readings {
        entries.extend(&r.entries);
        duties.supervisors.extend(r.supervisors.iter().cloned());
        deadlines.extend(r.leftovers.deadlines.iter().map(String::as_str));
    }
    let has_lead = entries.iter().any(|e| e.mark == Mark::Lead);
    let undecided: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| matches!(e.mark, Mark::Shared | Mark::Responsible | Mark::Unmarked))
        .collect();
    let sole_lead =
        !has_lead && !convention && undecided.len() == 1 && undecided[0].mark != Mark::Shared;
    let mut first_undecided = true;
    for e in &entries {
        let list = match e.mark {
            Mark::Lead => &mut duties.lead,
            Mark::Cooperate => &mut duties.cooperate,
            _ if has_lead => &mut duties.cooperate,
            _ if convention && first_undecided => &mut duties.lead,
            _ if convention => &mut duties.cooperate,
            _ if sole_lead => &mut duties.lead,
            _ => &mut duties.co_responsible,
        };
        if !matches!(e.mark, Mark::Lead | Mark::Cooperate) {
            first_undecided = false;
        }
        if !list.contains(&e.name.name) {
            list.push(e.name.name.clone());
        }
        if e.name.collective && !duties.collective.contains(&e.name.name) {
            duties.collective.push(e.name.name.clone());
        }
    }
    // A name that leads does not also cooperate on the same task.
    let lead = duties.lead.clone();
    duties.cooperate.retain(|n| !lead.contains(n));
    duties.co_responsible.retain(|n| !lead.contains(n));
    duties.supervisors.dedup();
    if !deadlines.is_empty() {
        duties.deadline = Some(deadlines.join(";"));
    }
    duties
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(content: &str, convention: bool) -> (Vec<String>, Vec<String>, Vec<String>) {
        let d = resolve([&read_annotation(content)], convention);
        (d.lead, d.cooperate, d.co_responsible)
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn lead_and_shared_means_cooperate() {
        let (l, c, j) = roles(
            "省政务服务和数据管理局牵头,省财政厅、统计局按职责分工负责",
            false,
        );
        assert_eq!(l, v(&["省政务服务和数据管理局"]));
        assert_eq!(c, v(&["省财政厅", "省统计局"]));
        assert!(j.is_empty());
    }

    #[test]
    fn shared_without_lead_is_joint() {
        let (l, c, j) = roles("省发展改革委、科技厅、工业和信息化厅按职责分工负责", false);
        assert!(l.is_empty() && c.is_empty());
        assert_eq!(j, v(&["省发展改革委", "省科技厅", "省工业和信息化厅"]));
        // A single collective + 按职责分工负责 stays joint.
        let (l, _, j) = roles("各纵向帮扶单位按职责分工负责", false);
        assert!(l.is_empty());
        assert_eq!(j, v(&["各纵向帮扶单位"]));
    }

    #[test]
    fn convention_makes_the_first_lead() {
        let (l, c, _) = roles(
            "省发展改革委、省工业和信息化厅、省通信管理局按职责分工负责",
            true,
        );
        assert_eq!(l, v(&["省发展改革委"]));
        assert_eq!(c, v(&["省工业和信息化厅", "省通信管理局"]));
        let r = read_annotation("省通信管理局,省工业和信息化厅,第一个为牵头单位,下同");
        assert!(r.declares_convention);
    }

    #[test]
    fn single_unmarked_name_leads() {
        let (l, _, _) = roles("省政务服务数据管理局", false);
        assert_eq!(l, v(&["省政务服务数据管理局"]));
    }

    #[test]
    fn commas_before_one_lead_word_are_all_leads() {
        let (l, c, _) = roles("省委网信办,省农业农村厅、政务服务和数据管理局牵头,省工业和信息化厅、能源局,省供销合作联社按职责分工负责", false);
        assert_eq!(
            l,
            v(&["省委网信办", "省农业农村厅", "省政务服务和数据管理局"])
        );
        assert_eq!(c, v(&["省工业和信息化厅", "省能源局", "省供销合作联社"]));
    }

    #[test]
    fn labelled_fields_in_one_parenthesis() {
        let r = read_annotation("责任领导:王某某;牵头单位:市发改委;责任单位:市财政局、市统计局");
        let d = resolve([&r], false);
        assert_eq!(d.supervisors[0].name, "王某某");
        assert_eq!(d.lead, v(&["市发改委"]));
        assert_eq!(d.cooperate, v(&["市财政局", "市统计局"]));
    }

    #[test]
    fn supervisor_and_department_fields() {
        let r = read_annotation("分管领导为:广东省副省长、珠海市委书记吕玉印;部门分工:省工业和信息化厅牵头, 省委网信办, 省发展改革委、科技厅,省通信管理局等配合。");
        let d = resolve([&r], false);
        assert_eq!(
            d.supervisors,
            [Supervisor {
                name: "吕玉印".into(),
                post: "广东省副省长、珠海市委书记".into()
            }]
        );
        assert_eq!(d.lead, v(&["省工业和信息化厅"]));
        assert_eq!(
            d.cooperate,
            v(&["省委网信办", "省发展改革委", "省科技厅", "省通信管理局"])
        );
    }

    #[test]
    fn both_lead_and_participants() {
        let (l, _, _) = roles("市发改委、市科技局分别牵头", false);
        assert_eq!(l, v(&["市发改委", "市科技局"]));
        let (l, c, _) = roles("教育部牵头,人力资源社会保障部、财政部参与", false);
        assert_eq!(l, v(&["教育部"]));
        assert_eq!(c, v(&["人力资源社会保障部", "财政部"]));
    }

    #[test]
    fn deadline_inside_the_list() {
        let r = read_annotation("国家发展改革委、财政部等按职责分工负责,年内持续推进");
        let d = resolve([&r], false);
        assert_eq!(d.co_responsible, v(&["国家发展改革委", "财政部"]));
        assert_eq!(d.deadline.as_deref(), Some("年内持续推进"));
    }

    #[test]
    fn role_words_inside_names_are_names() {
        let (l, c, _) = roles(
            "省政务服务和数据管理局牵头,省人大常委会办公厅,省政协办公厅按职责分工负责",
            false,
        );
        assert_eq!(l, v(&["省政务服务和数据管理局"]));
        assert_eq!(c, v(&["省人大常委会办公厅", "省政协办公厅"]));
    }

    #[test]
    fn role_word_continues_the_group_prefix() {
        let (l, c, _) = roles("省发展改革委牵头、科技厅配合", false);
        assert_eq!(l, v(&["省发展改革委"]));
        assert_eq!(c, v(&["省科技厅"]));
    }
}

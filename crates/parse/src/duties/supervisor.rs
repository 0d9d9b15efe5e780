//! Supervising officials: `分管领导为广东省委常委、省政府副省长、党组成员王曦` →
//! name 王曦, post `广东省委常委、省政府副省长、党组成员`.

use super::scan::split_top;
use crate::text::is_han;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervisor {
    pub name: String,
    /// The post exactly as written before (or after) the name; empty when none is given.
    pub post: String,
}

/// Endings of posts. The name follows the last of them.
const TITLES: &[&str] = &[
    "书记",
    "省长",
    "市长",
    "区长",
    "县长",
    "州长",
    "盟长",
    "旗长",
    "镇长",
    "乡长",
    "主席",
    "主任",
    "秘书长",
    "常委",
    "委员",
    "成员",
    "部长",
    "厅长",
    "局长",
    "院长",
    "检察长",
    "组长",
    "政委",
    "司令员",
    "巡视员",
    "调研员",
    "总经理",
    "董事长",
    "校长",
    "行长",
    "署长",
    "处长",
    "领导",
    "党组书记",
    "督察长",
    "总监",
];

/// Characters that belong to bodies and places, never to a person's name.
const NOT_IN_NAMES: &[char] = &[
    '省', '市', '区', '县', '委', '府', '厅', '局', '部', '院', '政', '办',
];

fn looks_like_name(s: &str) -> bool {
    let n = s.chars().count();
    let ok_chars = s.chars().all(|c| is_han(c) || c == '·');
    (2..=4).contains(&n) && ok_chars && !s.contains(NOT_IN_NAMES)
        || (5..=12).contains(&n) && ok_chars && s.contains('·')
}

/// End of the last post title in `s`, if any.
fn last_title_end(s: &str) -> Option<usize> {
    TITLES
        .iter()
        .filter_map(|t| s.rfind(t).map(|i| i + t.len()))
        .max()
}

/// Reads the supervisors named in `value` (the text after `分管领导为` and the like).
pub fn read_supervisors(value: &str) -> (Vec<Supervisor>, Vec<String>) {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for (_, person_run) in split_top(value, &[',', ';', '，', '；']) {
        let mut post = String::new();
        for (_, part) in split_top(person_run, &['、']) {
            let part = part
                .trim()
                .trim_end_matches(['。', '.'])
                .trim_end_matches("同志")
                .trim();
            if part.is_empty() {
                continue;
            }
            let join = |post: &str, more: &str| {
                if post.is_empty() {
                    more.to_owned()
                } else {
                    format!("{post}、{more}")
                }
            };
            match last_title_end(part) {
                Some(end) if end < part.len() && looks_like_name(&part[end..]) => {
                    found.push(Supervisor {
                        name: part[end..].to_owned(),
                        post: join(&post, &part[..end]),
                    });
                    post.clear();
                }
                Some(end) if end == part.len() => {
                    // `王某副市长`: a name written before its title.
                    let title_start = TITLES
                        .iter()
                        .filter(|t| part.ends_with(**t))
                        .map(|t| part.len() - t.len())
                        .min()
                        .unwrap_or(part.len());
                    // `常务副市长`: qualifiers before a title belong to the post.
                    let mut title_start = title_start;
                    for q in ["副", "常务", "执行"] {
                        if part[..title_start].ends_with(q) {
                            title_start -= q.len();
                        }
                    }
                    let head = &part[..title_start];
                    if looks_like_name(head) {
                        found.push(Supervisor {
                            name: head.to_owned(),
                            post: join(&post, &part[title_start..]),
                        });
                    } else {
                        post = join(&post, part);
                    }
                }
                _ if looks_like_name(part) => {
                    found.push(Supervisor {
                        name: part.to_owned(),
                        post: std::mem::take(&mut post),
                    });
                }
                _ => unknown.push(part.to_owned()),
            }
        }
        if !post.is_empty() {
            unknown.push(post);
        }
    }
    (found, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(String, String)> {
        read_supervisors(s)
            .0
            .into_iter()
            .map(|s| (s.name, s.post))
            .collect()
    }

    #[test]
    fn post_then_name() {
        assert_eq!(
            read("广东省委常委、省政府副省长、党组成员王曦"),
            [("王曦".into(), "广东省委常委、省政府副省长、党组成员".into())]
        );
        assert_eq!(
            read("广东省副省长、珠海市委书记吕玉印"),
            [("吕玉印".into(), "广东省副省长、珠海市委书记".into())]
        );
    }

    #[test]
    fn several_people_and_bare_names() {
        assert_eq!(
            read("副市长张三,副市长李四"),
            [
                ("张三".into(), "副市长".into()),
                ("李四".into(), "副市长".into())
            ]
        );
        assert_eq!(
            read("李四、王五"),
            [
                ("李四".into(), String::new()),
                ("王五".into(), String::new())
            ]
        );
        assert_eq!(read("王某副市长"), [("王某".into(), "副市长".into())]);
    }
}

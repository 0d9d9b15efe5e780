//! Which tasks are about a topic (pure). Chinese has no spaces, so the topic is cut into
//! overlapping character pairs (`数字乡村` → 数字 字乡 乡村), the standard indexing unit of
//! Chinese retrieval that needs no dictionary; each pair weighs by how rare it is among all
//! the tasks (inverse document frequency), and a pair no task holds weighs as the rarest. So
//! the distinctive pairs decide: `数字货币` matches no task merely for holding 数字. A task
//! scores the share of the topic's weight its text holds; its section heading counts too, a
//! little less, since a heading is about all the tasks under it. Ties go to the task whose
//! title holds more of the topic.
//!
//! This is how `ask` answered topic questions before the index: every text held in memory and
//! scanned. It is kept as the reference the index is measured against (`benches/search.rs`).

/// One task to search: its title, its own text and the heading of its section.
#[derive(Debug, Clone, Copy)]
pub struct Searched<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub section: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index into the searched tasks.
    pub index: usize,
    /// 0–1: the share of the topic's weight found.
    pub score: f64,
    /// The share found in the title alone (breaks ties).
    pub title_score: f64,
}

/// A heading's match counts this much of a match in the task's own text.
const SECTION_WEIGHT: f64 = 0.8;
/// Below this share of the topic's weight a task is not about it.
const MIN_SCORE: f64 = 0.6;
/// Tasks far below the best match are left out when better ones exist.
const RELATIVE_TO_BEST: f64 = 0.7;

/// The terms of a topic: character pairs within each run of Han characters, single Han
/// characters standing alone, and Latin words and numbers whole (`5g`).
pub fn terms(topic: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    let mut han: Vec<char> = Vec::new();
    let mut latin = String::new();
    let flush_han = |han: &mut Vec<char>, push: &mut dyn FnMut(String)| {
        match han.len() {
            0 => {}
            1 => push(han[0].to_string()),
            _ => {
                for w in han.windows(2) {
                    push(w.iter().collect());
                }
            }
        }
        han.clear();
    };
    for c in topic.chars() {
        if fengong_parse::text::is_han(c) {
            if !latin.is_empty() {
                push(std::mem::take(&mut latin));
            }
            han.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_han(&mut han, &mut push);
            latin.push(c.to_ascii_lowercase());
        } else {
            flush_han(&mut han, &mut push);
            if !latin.is_empty() {
                push(std::mem::take(&mut latin));
            }
        }
    }
    flush_han(&mut han, &mut push);
    if !latin.is_empty() {
        push(latin);
    }
    out
}

use crate::forms::forms;

/// The tasks about `topic` written in any of its official forms, best first (ties in input
/// order): each task scores as its best form does.
pub fn search(topic: &str, tasks: &[Searched<'_>]) -> Vec<Hit> {
    let mut best: std::collections::HashMap<usize, Hit> = std::collections::HashMap::new();
    for form in forms(topic) {
        for h in scores(&form, tasks) {
            let slot = best.entry(h.index).or_insert(h);
            if (h.score, h.title_score) > (slot.score, slot.title_score) {
                *slot = h;
            }
        }
    }
    let mut hits: Vec<Hit> = best.into_values().collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.title_score.total_cmp(&a.title_score))
            .then(a.index.cmp(&b.index))
    });
    let top = hits.first().map_or(0.0, |h| h.score);
    hits.retain(|h| h.score >= top * RELATIVE_TO_BEST);
    hits
}

/// The tasks about `topic` as written, with their scores, in no order.
fn scores(topic: &str, tasks: &[Searched<'_>]) -> Vec<Hit> {
    let terms = terms(topic);
    if terms.is_empty() || tasks.is_empty() {
        return Vec::new();
    }
    // Latin terms are matched case-blind; task texts keep their case otherwise.
    let present: Vec<Vec<[bool; 3]>> = tasks
        .iter()
        .map(|t| {
            let lower = [
                t.text.to_lowercase(),
                t.section.to_lowercase(),
                t.title.to_lowercase(),
            ];
            terms
                .iter()
                .map(|term| lower.each_ref().map(|s| s.contains(term.as_str())))
                .collect()
        })
        .collect();
    let n = tasks.len() as f64;
    let weights: Vec<f64> = (0..terms.len())
        .map(|k| {
            let df = present.iter().filter(|p| p[k][0] || p[k][1]).count();
            ((n + 1.0) / df.max(1) as f64).ln()
        })
        .collect();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let hits: Vec<Hit> = present
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let share = |field: usize| -> f64 {
                p.iter()
                    .zip(&weights)
                    .filter(|(x, _)| x[field])
                    .map(|(_, w)| w)
                    .sum::<f64>()
                    / total
            };
            Hit {
                index,
                score: share(0).max(share(1) * SECTION_WEIGHT),
                title_score: share(2),
            }
        })
        .filter(|h| h.score >= MIN_SCORE)
        .collect();
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn searched(texts: &[&'static str]) -> Vec<Searched<'static>> {
        texts
            .iter()
            .map(|t| Searched {
                title: "",
                text: t,
                section: "",
            })
            .collect()
    }

    #[test]
    fn terms_are_pairs_within_han_runs_and_latin_words() {
        assert_eq!(terms("数字乡村"), ["数字", "字乡", "乡村"]);
        assert_eq!(terms("推进5G建设"), ["推进", "5g", "建设"]);
        assert_eq!(terms("“云”"), ["云"]);
    }

    #[test]
    fn rare_shared_pairs_outweigh_common_scattered_ones() {
        let tasks = searched(&[
            "加快数字政府建设,推进乡村振兴",
            "培育数据要素市场,加快数据要素市场化配置改革",
            "加强数据安全保障",
            "推进数字乡村建设,发展智慧农业",
            "完善市场监管,加强数据共享",
        ]);
        let hits = search("数字乡村", &tasks);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [3]);
        assert_eq!(hits[0].score, 1.0);
        // 场建 is in no task, yet the market task holds the distinctive pairs 据要 要素 素市.
        let hits = search("数据要素市场建设", &tasks);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [1]);
        // Holding only the common pair 数字 is not enough.
        assert!(search("数字货币", &tasks).is_empty());
    }

    #[test]
    fn a_heading_speaks_for_its_tasks() {
        let tasks = [
            Searched {
                title: "",
                text: "建设农业农村大数据平台",
                section: "四、加快数字乡村发展",
            },
            Searched {
                title: "",
                text: "建设政务云平台",
                section: "一、夯实数字政府底座",
            },
        ];
        let hits = search("数字乡村", &tasks);
        assert_eq!(hits.len(), 1);
        assert!((hits[0].score - SECTION_WEIGHT).abs() < 1e-12);
    }

    #[test]
    fn a_topic_is_found_in_its_official_short_form_and_back() {
        // 国发〔2018〕38号 is titled 自由贸易试验区 and writes 自贸试验区 in its tasks.
        let tasks = searched(&[
            "将建筑工程施工许可下放至自贸试验区",
            "支持综合保税区发展保税维修业务",
            "推进碳达峰碳中和,发展绿色建筑",
        ]);
        let found = |q: &str| {
            search(q, &tasks)
                .iter()
                .map(|h| h.index)
                .collect::<Vec<_>>()
        };
        assert_eq!(found("自由贸易"), [0]);
        assert_eq!(found("自由贸易试验区"), [0]);
        assert_eq!(found("自贸试验区"), [0]);
        assert_eq!(found("双碳"), [2]);
        assert_eq!(found("综保区"), [1]);
        assert!(forms("自由贸易").contains(&"自贸".to_owned()));
    }

    #[test]
    fn nothing_found_is_empty() {
        assert!(search("量子计算", &searched(&["建设政务云平台"])).is_empty());
        assert!(search("", &searched(&["建设政务云平台"])).is_empty());
    }
}

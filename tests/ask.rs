//! `fengong ask` on the seeds, through the binary: each form of question, in Chinese,
//! traditional Chinese and English, answered with exactly the tasks the gold files give, each
//! cited by plan, year and task number; unknown names and questions get help.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod support;
use support::{fengong, ok};

/// The seed corpus ingested once, by `fengong ingest`, for every test here.
fn store() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fengong-ask-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        ok(&fengong(&["ingest"], &dir));
        dir
    })
}

fn ask_json(question: &str, extra: &[&str]) -> Value {
    let mut args = vec!["ask", "--format", "json"];
    args.extend(extra);
    args.push(question);
    serde_json::from_str(&ok(&fengong(&args, store()))).expect("JSON answer")
}

/// A cited task: (plan year, plan title, task number).
type Cite = (i64, String, String);

fn cites(answer: &Value, role: Option<&str>) -> BTreeSet<Cite> {
    answer["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|l| role.is_none_or(|r| l["role"] == r))
        .map(|l| {
            (
                l["plan"]["year"]
                    .as_i64()
                    .expect("every line cites the plan's year"),
                l["plan"]["title"].as_str().expect("plan title").to_owned(),
                l["task"]["number"]
                    .as_str()
                    .expect("task number")
                    .to_owned(),
            )
        })
        .collect()
}

/// Gold tasks where `keep(task)` holds, cited as the answer cites them.
fn gold(keep: impl Fn(&Value) -> bool) -> BTreeSet<Cite> {
    let mut out = BTreeSet::new();
    for d in support::gold_documents() {
        let (year, title) = (
            d["document"]["year"].as_i64().unwrap(),
            d["document"]["title"].as_str().unwrap().to_owned(),
        );
        for t in d["tasks"].as_array().unwrap() {
            if keep(t) {
                out.insert((
                    year,
                    title.clone(),
                    t["number"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    out
}

fn names(task: &Value, role: &str) -> Vec<String> {
    task[role]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_owned())
        .collect()
}

fn has(task: &Value, role: &str, any_of: &[&str]) -> bool {
    names(task, role)
        .iter()
        .any(|n| any_of.contains(&n.as_str()))
}

fn in_any_role(task: &Value, any_of: &[&str]) -> bool {
    ["lead", "cooperate", "co_responsible"]
        .iter()
        .any(|r| has(task, r, any_of))
}

/// The names the gold files use for 广东省政务服务数据管理局 and, after its 2024 rename,
/// 广东省政务服务和数据管理局.
const DATA_BUREAU: [&str; 2] = ["省政务服务数据管理局", "省政务服务和数据管理局"];

#[test]
fn what_the_data_bureau_leads_in_three_scripts_and_two_languages() {
    let expected = gold(|t| has(t, "lead", &DATA_BUREAU));
    assert_eq!(
        expected.len(),
        26,
        "the gold files give it 26 tasks to lead"
    );
    for q in [
        "what does 省政务服务数据管理局 lead",
        "省政务服务数据管理局牵头哪些任务?",
        "省政務服務數據管理局牽頭哪些任務?",
        "省政数局牵头什么",
        "What tasks does 省政务服务和数据管理局 lead?",
        "哪些任务由省政务服务数据管理局牵头?",
        "省政务服务数据管理局是哪些任务的牵头单位",
        "省政务服务数据管理局有哪些牵头任务",
        "省政务服务数据管理局牵头何任务",
        "Does 省政务服务数据管理局 lead any tasks?",
    ] {
        let a = ask_json(q, &[]);
        assert_eq!(cites(&a, None), expected, "{q}");
        let lines = a["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 26, "{q}: one line per task");
        for l in lines {
            assert_eq!(l["role"], "lead", "{q}");
            // Each line says how the plan named the agency: its short form, old or new.
            let written = l["as_written"].as_str().expect("the plans use short forms");
            assert!(DATA_BUREAU.contains(&written), "{q}: {written}");
            let renamed = written == "省政务服务和数据管理局";
            assert_eq!(
                l["plan"]["year"] == 2024,
                renamed,
                "{q}: the rename is 2024's"
            );
        }
        let lineage = &a["subjects"][0]["lineage"];
        assert_eq!(lineage.as_array().map(Vec::len), Some(1), "{q}: {lineage}");
    }
    // Asked by its former name, the agency is named by its current one.
    let text = ok(&fengong(
        &["ask", "省政务服务数据管理局牵头哪些任务?"],
        store(),
    ));
    assert!(
        text.starts_with("广东省政务服务和数据管理局牵头 26 项任务"),
        "{text}"
    );
    // Asked in traditional characters, answered in them.
    let text = ok(&fengong(
        &["ask", "省政務服務數據管理局牽頭哪些任務?"],
        store(),
    ));
    assert!(
        text.starts_with("廣東省政務服務和數據管理局牽頭 26 項任務"),
        "{text}"
    );
    let zh = ask_json("省政务服务数据管理局牵头哪些任务?", &[]);
    assert_eq!(zh["question"]["language"], "zh");
    assert_eq!(
        ask_json("what does 省政务服务数据管理局 lead", &[])["question"]["language"],
        "en"
    );
}

#[test]
fn text_answers_cite_plan_year_and_task_in_the_questions_language() {
    let zh = ok(&fengong(&["ask", "省财政厅负责什么?"], store()));
    let en = ok(&fengong(
        &["ask", "what is 省财政厅 responsible for?"],
        store(),
    ));
    let plan = "2022年广东省数字经济工作要点";
    for (text, role, header) in [(&zh, "牵头", "方案(年份)"), (&en, "lead", "plan (year)")] {
        assert!(text.contains(header), "{text}");
        let line = text
            .lines()
            .find(|l| l.contains("强化资金支持"))
            .unwrap_or_else(|| panic!("the task it leads is cited:\n{text}"));
        for part in [role, plan, "2022", "(二十九)"] {
            assert!(line.contains(part), "{part} missing in {line}");
        }
    }
    assert!(
        zh.starts_with("广东省财政厅在 3 个方案的 4 项任务中"),
        "{zh}"
    );
    assert!(
        en.starts_with("广东省财政厅 has 4 duties in 4 tasks of 3 plans"),
        "{en}"
    );
}

#[test]
fn what_an_agency_cooperates_on_and_all_it_does() {
    let q = ask_json("省工业和信息化厅配合哪些工作?", &[]);
    assert_eq!(
        cites(&q, None),
        gold(|t| has(t, "cooperate", &["省工业和信息化厅"]))
    );
    let q = ask_json("what does 省科技厅 cooperate on?", &[]);
    assert_eq!(
        cites(&q, None),
        gold(|t| has(t, "cooperate", &["省科技厅"]))
    );

    for question in ["省财政厅负责什么?", "省财政厅的职责", "省财政厅"] {
        let a = ask_json(question, &[]);
        for role in ["lead", "cooperate", "co_responsible"] {
            assert_eq!(
                cites(&a, Some(role)),
                gold(|t| has(t, role, &["省财政厅"])),
                "{question}: {role}"
            );
        }
    }
}

/// Pages of an agency's duties, concatenated, give its whole answer once, newest plans
/// first and each plan's tasks in its order, while every page counts the whole.
#[test]
fn an_agencys_duties_come_in_pages_newest_plans_first() {
    let expected = gold(|t| has(t, "lead", &DATA_BUREAU));
    let plans: BTreeSet<&String> = expected.iter().map(|(_, title, _)| title).collect();
    let q = "省政务服务数据管理局牵头哪些任务?";
    let mut seen: Vec<Value> = Vec::new();
    for (page, size) in [("1", 10), ("2", 10), ("3", 6), ("4", 0)] {
        let a = ask_json(q, &["--page", page, "--per-page", "10"]);
        assert_eq!(a["page"]["tasks"], 26, "page {page}: {}", a["page"]);
        assert_eq!(a["page"]["plans"], plans.len(), "page {page}");
        assert_eq!(a["page"]["roles"]["lead"], 26, "page {page}");
        let lines = a["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), size, "page {page}");
        seen.extend(lines.iter().cloned());
        // The summary counts the whole answer, whichever page is shown.
        if size > 0 {
            let text = ok(&fengong(
                &["ask", "--page", page, "--per-page", "10", q],
                store(),
            ));
            assert!(
                text.starts_with("广东省政务服务和数据管理局牵头 26 项任务"),
                "{text}"
            );
        }
    }
    let all = serde_json::json!({ "lines": seen });
    assert_eq!(cites(&all, None), expected);
    assert_eq!(seen.len(), expected.len(), "no task on two pages");
    let key = |l: &Value| {
        (
            l["plan"]["year"].as_i64().unwrap_or(0),
            l["plan"]["iri"].as_str().unwrap_or("").to_owned(),
            l["task"]["ordinal"].as_u64().unwrap_or(0),
        )
    };
    for pair in seen.windows(2) {
        let (a, b) = (key(&pair[0]), key(&pair[1]));
        assert!(a.0 >= b.0, "newest plans first: {a:?} before {b:?}");
        if a.1 == b.1 {
            assert!(a.2 < b.2, "a plan's tasks in its order: {a:?} before {b:?}");
        }
    }
    let mut plan_runs: Vec<&str> = seen
        .iter()
        .map(|l| l["plan"]["iri"].as_str().unwrap_or(""))
        .collect();
    plan_runs.dedup();
    assert_eq!(plan_runs.len(), plans.len(), "each plan's tasks together");
    // --all is one page of everything; the text says what the next page is.
    assert_eq!(
        ask_json(q, &["--all"])["lines"].as_array().map(Vec::len),
        Some(26)
    );
    let text = ok(&fengong(&["ask", "--per-page", "10", q], store()));
    assert!(
        text.contains("(列出第 1–10 项,共 26 项,最新的方案在前。)"),
        "{text}"
    );
    assert!(text.contains("16 more: --page 2 --per-page 10"), "{text}");
    // `fengong agency` pages the same way, across its roles.
    let v: Value = serde_json::from_str(&ok(&fengong(
        &["agency", "--format", "json", "--per-page", "5", "省科技厅"],
        store(),
    )))
    .expect("JSON");
    let duties = gold(|t| in_any_role(t, &["省科技厅"]));
    assert_eq!(v["page"]["tasks"], duties.len());
    let tasks: BTreeSet<&str> = v["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["task"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(tasks.len(), 5);
}

#[test]
fn tasks_two_agencies_share() {
    let pair = ["省发展改革委", "省科技厅"];
    let expected = gold(|t| in_any_role(t, &pair[..1]) && in_any_role(t, &pair[1..]));
    assert!(!expected.is_empty());
    for q in [
        "省发展改革委和省科技厅共同负责哪些任务?",
        "what do 省发展改革委 and 省科技厅 share?",
    ] {
        let a = ask_json(q, &[]);
        assert_eq!(cites(&a, None), expected, "{q}");
        assert_eq!(a["subjects"].as_array().map(Vec::len), Some(2), "{q}");
        // Both agencies are cited on every task.
        for subject in [0, 1] {
            let mine: BTreeSet<Cite> = cites(&a, None)
                .into_iter()
                .filter(|c| {
                    a["lines"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|l| l["subject"] == subject && l["task"]["number"] == c.2.as_str())
                })
                .collect();
            assert_eq!(mine, expected, "{q}: subject {subject}");
        }
    }
    // 和 inside a name is not a conjunction: 工业和信息化厅 and 人力资源社会保障厅 both hold one.
    let a = ask_json(
        "省工业和信息化厅和省政务服务和数据管理局共同负责哪些任务",
        &[],
    );
    let labels: Vec<&str> = a["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["labels"][0].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["广东省工业和信息化厅", "广东省政务服务和数据管理局"]
    );
    assert_eq!(
        cites(&a, None),
        gold(|t| in_any_role(t, &["省工业和信息化厅"]) && in_any_role(t, &DATA_BUREAU))
    );
}

#[test]
fn who_leads_a_topic() {
    for (q, title_words) in [
        ("who leads 数字乡村?", vec!["数字乡村"]),
        ("谁牵头数字乡村?", vec!["数字乡村"]),
        ("谁牵头数据要素市场建设?", vec!["数据要素", "市场建设"]),
    ] {
        let a = ask_json(q, &[]);
        let found = cites(&a, None);
        // Every task whose title names the topic is found…
        let titled = gold(|t| {
            let title = t["title"].as_str().unwrap();
            title_words.iter().all(|w| title.contains(w))
        });
        assert!(!titled.is_empty(), "{q}");
        assert!(
            found.is_superset(&titled),
            "{q}: {found:?} lacks {titled:?}"
        );
        // …and for each task found, the agencies given are exactly the gold's leads.
        for d in support::gold_documents() {
            for t in d["tasks"].as_array().unwrap() {
                let cite = (
                    d["document"]["year"].as_i64().unwrap(),
                    d["document"]["title"].as_str().unwrap().to_owned(),
                    t["number"].as_str().unwrap().to_owned(),
                );
                if !found.contains(&cite) {
                    continue;
                }
                let given: BTreeSet<String> = a["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|l| {
                        l["task"]["number"] == cite.2.as_str()
                            && l["plan"]["title"] == cite.1.as_str()
                    })
                    .map(|l| {
                        l["as_written"]
                            .as_str()
                            .or(l["agency"].as_str())
                            .unwrap()
                            .to_owned()
                    })
                    .collect();
                let mut leads: BTreeSet<String> = names(t, "lead").into_iter().collect();
                if leads.is_empty() {
                    leads = names(t, "co_responsible").into_iter().collect();
                }
                assert_eq!(given, leads, "{q}: {cite:?}");
            }
        }
    }
    // Best match first: the task titled with the topic itself.
    let a = ask_json("who leads 数字乡村", &[]);
    assert_eq!(a["lines"][0]["task"]["title"], "推进数字乡村建设");
    // Sharing only the common pair 数字 is no match; nor is a plan that never names the topic.
    for q in ["who leads 数字货币?", "who leads 数字乡村 in 2022?"] {
        let a = ask_json(q, &[]);
        assert_eq!(a["lines"].as_array().map(Vec::len), Some(0), "{q}: {a}");
    }
    // 谁分管: the officials of the matching tasks, with their posts.
    let a = ask_json("谁分管文化数字化", &[]);
    let supervisors: BTreeSet<&str> = a["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(l["role"], "supervisor");
            l["agency"].as_str().unwrap()
        })
        .collect();
    assert!(supervisors.contains("冯玲"), "{a}");
}

#[test]
fn rankings_come_from_the_network() {
    let a = ask_json("哪些部门牵头最多?", &[]);
    let ranking = a["ranking"].as_array().expect("a ranking");
    assert_eq!(ranking[0]["agency"], "广东省政务服务和数据管理局");
    assert_eq!(ranking[0]["leads"], 26);
    assert_eq!(
        ranking[1]["leads"].as_u64(),
        Some(gold(|t| has(t, "lead", &["省工业和信息化厅"])).len() as u64)
    );
    let leads: Vec<u64> = ranking
        .iter()
        .map(|r| r["leads"].as_u64().unwrap())
        .collect();
    assert!(leads.windows(2).all(|w| w[0] >= w[1]), "{leads:?}");
    assert_eq!(ranking.len(), 10);

    // In 2024 the data bureau shares tasks with every other agency but the collective groups.
    let a = ask_json("which agencies are most central in 2024?", &[]);
    assert_eq!(a["years"], serde_json::json!([2024, 2024]));
    assert_eq!(a["plans"].as_array().map(Vec::len), Some(1));
    let top = &a["ranking"][0];
    assert_eq!(top["agency"], "广东省政务服务和数据管理局");
    let mut partners = BTreeSet::new();
    for d in support::gold_documents() {
        if d["document"]["year"] != 2024 {
            continue;
        }
        for t in d["tasks"].as_array().unwrap() {
            if !in_any_role(t, &DATA_BUREAU) {
                continue;
            }
            for role in ["lead", "cooperate", "co_responsible"] {
                partners.extend(names(t, role).into_iter().filter(|n| {
                    !DATA_BUREAU.contains(&n.as_str())
                        && !n.starts_with('各')
                        && !n.contains("各成员单位")
                }));
            }
        }
    }
    assert_eq!(top["partners"].as_u64(), Some(partners.len() as u64));
    let busiest = ask_json("哪个部门承担任务最多?", &[]);
    let first = &busiest["ranking"][0];
    assert_eq!(
        first["leads"].as_u64().unwrap()
            + first["cooperates"].as_u64().unwrap()
            + first["shares"].as_u64().unwrap(),
        gold(|t| in_any_role(t, &DATA_BUREAU)).len() as u64
    );
    let top5 = ask_json("2024年哪些部门最核心?前5", &[]);
    assert_eq!(top5["ranking"].as_array().map(Vec::len), Some(5));
}

#[test]
fn what_an_official_supervises() {
    let supervised = |t: &Value| {
        t["supervisors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "冯玲")
    };
    let expected = gold(supervised);
    assert_eq!(expected.len(), 3);
    for q in [
        "冯玲分管哪些任务?",
        "what does 冯玲 supervise?",
        "冯玲负责什么",
    ] {
        let a = ask_json(q, &[]);
        assert_eq!(cites(&a, Some("supervisor")), expected, "{q}");
        for l in a["lines"].as_array().unwrap() {
            assert_eq!(l["post"], "广东省政府副省长、党组成员", "{q}");
        }
    }
}

#[test]
fn years_and_plans_narrow_the_answer() {
    let in_2024 = gold(|t| has(t, "lead", &["省科技厅"]))
        .into_iter()
        .filter(|c| c.0 == 2024)
        .collect::<BTreeSet<_>>();
    assert!(!in_2024.is_empty());
    for (q, extra) in [
        ("省科技厅2024年牵头哪些任务", vec![]),
        ("what does 省科技厅 lead in 2024", vec![]),
        ("省科技厅牵头哪些任务", vec!["--year", "2024"]),
        (
            "省科技厅牵头哪些任务",
            vec!["--plan", "数字广东建设2024年工作要点"],
        ),
    ] {
        assert_eq!(cites(&ask_json(q, &extra), None), in_2024, "{q} {extra:?}");
    }
    let out = fengong(&["ask", "--year", "2030", "省科技厅牵头哪些任务"], store());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2030年"));
}

#[test]
fn renamed_and_merged_agencies_are_explained() {
    // Asked by a former name: the current name heads the answer, and the former is explained.
    let text = ok(&fengong(&["ask", "省经信委牵头哪些任务"], store()));
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("广东省工业和信息化厅牵头"), "{text}");
    assert!(text.contains("现名广东省工业和信息化厅"), "{text}");
    // Merged away before these plans: no tasks, and what it became.
    let a = ask_json("省文化厅牵头哪些任务", &[]);
    assert_eq!(a["lines"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        a["subjects"][0]["became"][0]["agency"],
        "广东省文化和旅游厅"
    );
    // Nothing in the role asked for, but duties in others: said so.
    let a = ask_json("省保密局配合哪些工作", &[]);
    let expected = gold(|t| in_any_role(t, &["省保密局"])).len();
    assert_eq!(a["other_duties"].as_u64(), Some(expected as u64));
    // The same agency named twice is one agency.
    let a = ask_json(
        "省政务服务数据管理局和省政务服务和数据管理局共同负责哪些任务",
        &[],
    );
    assert_eq!(a["subjects"].as_array().map(Vec::len), Some(1));
}

#[test]
fn unknown_agencies_get_suggestions() {
    let out = fengong(&["ask", "省政务数据局牵头哪些任务?"], store());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("省政务数据局") && err.contains("您是不是要找"),
        "{err}"
    );
    assert!(err.contains("省政务服务数据管理局"), "{err}");

    let out = fengong(
        &["ask", "--format", "json", "what does 省科学厅 lead"],
        store(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("a JSON error");
    assert_eq!(v["error"], "unknown_agency");
    let first = v["suggestions"][0].as_str().unwrap();
    assert!(first.contains("广东省科学技术厅"), "{v}");

    // One side of a pair unknown: that side is named.
    let out = fengong(&["ask", "省科技厅和省天气局共同负责哪些任务"], store());
    assert!(String::from_utf8_lossy(&out.stderr).contains("“省天气局”"));
}

#[test]
fn questions_of_no_known_form_get_the_list_of_forms() {
    for (q, words) in [
        ("天气怎么样?", "可以这样问"),
        ("how is the weather today?", "Questions fengong answers"),
    ] {
        let out = fengong(&["ask", q], store());
        assert_eq!(out.status.code(), Some(1), "{q}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{q}: {err}");
        assert!(err.contains("冯玲"), "{q}: the forms are listed: {err}");
    }
}

#[test]
fn explain_prints_the_sparql_run() {
    let text = ok(&fengong(
        &["ask", "--explain", "what does 省科技厅 lead?"],
        store(),
    ));
    // Name lookup, what became of the agency, its line of renames, its label; the page
    // itself, with the names the plans wrote, from the search index.
    assert!(text.contains("# SPARQL 4 of 4"), "{text}");
    assert!(text.contains("# Search index, read 1 of 1"), "{text}");
    assert!(
        text.contains("\"lead https://w3id.org/fengong/id/agency/广东省/广东省科学技术厅\""),
        "{text}"
    );
    assert!(text.contains("5 from 1; 5 in all."), "{text}");
    assert!(
        text.contains("(org:changedBy/org:resultingOrganization)*"),
        "{text}"
    );
    assert!(text.contains(
        "VALUES ?agency { <https://w3id.org/fengong/id/agency/广东省/广东省科学技术厅> }"
    ));
    assert!(text.contains(
        "VALUES ?member { <https://w3id.org/fengong/id/agency/广东省/广东省科学技术厅> }"
    ));
    let v = ask_json("what does 省科技厅 lead?", &["--explain"]);
    assert_eq!(v["sparql"].as_array().map(Vec::len), Some(4));
    assert_eq!(v["index"].as_array().map(Vec::len), Some(1));
    assert!(ask_json("what does 省科技厅 lead?", &[])
        .get("sparql")
        .is_none());
}

/// An answer line's plan title and task number.
fn plan_and_number(line: &Value) -> (String, String) {
    (
        line["plan"]["title"].as_str().unwrap().to_owned(),
        line["task"]["number"].as_str().unwrap().to_owned(),
    )
}

/// In a store of many places' plans, `市发改委` names one agency per city: ask asks which, and
/// answers `杭州市发改委`-style names with exactly that city's tasks, and `佳木斯市前进区国资办`-style
/// names with exactly that district's (checked against the generated corpus's own expected parse).
#[test]
fn names_shared_by_many_places_ask_for_the_place() {
    let dir = std::env::temp_dir().join(format!("fengong-ask-places-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = dir.join("corpus");
    let store = dir.join("store");
    ok(&fengong(
        &[
            "gen-corpus",
            "--docs",
            "60",
            "--seed",
            "5",
            "-o",
            corpus.to_str().unwrap(),
        ],
        &store,
    ));
    ok(&fengong(
        &["ingest", corpus.join("plans").to_str().unwrap()],
        &store,
    ));

    // Expected: per (place, name as written), the plans' lead tasks, from the gold files.
    let mut leads: std::collections::BTreeMap<(String, String), BTreeSet<(String, String)>> =
        Default::default();
    for entry in std::fs::read_dir(corpus.join("gold")).unwrap() {
        let d: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let place = d["document"]["jurisdiction"].as_str().unwrap().to_owned();
        for t in d["tasks"].as_array().unwrap() {
            for name in names(t, "lead") {
                leads.entry((place.clone(), name)).or_default().insert((
                    d["document"]["title"].as_str().unwrap().to_owned(),
                    t["number"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    // A city name written with 市 that several cities' plans use.
    let cities = |name: &str| {
        leads
            .keys()
            .filter(|(p, n)| n == name && p.ends_with('市'))
            .count()
    };
    let (place, name) = leads
        .keys()
        .find(|(p, n)| {
            p.ends_with('市') && n.starts_with('市') && !n.starts_with("市委") && cities(n) > 1
        })
        .cloned()
        .expect("a 市 name used in several cities");
    let out = fengong(
        &["ask", "--format", "json", &format!("{name}牵头哪些任务")],
        &store,
    );
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"], "ambiguous", "{v}");
    let qualified = format!("{place}{}", &name['市'.len_utf8()..]);
    assert!(
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == qualified.as_str()),
        "{qualified} in {v}"
    );

    let out = fengong(
        &[
            "ask",
            "--format",
            "json",
            &format!("{qualified}牵头哪些任务"),
        ],
        &store,
    );
    let a: Value = serde_json::from_str(&ok(&out)).unwrap();
    let cited: BTreeSet<(String, String)> = a["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(l["agency"], qualified.as_str());
            assert_eq!(l["as_written"], name.as_str());
            plan_and_number(l)
        })
        .collect();
    let norm = |s: &(String, String)| {
        (
            s.0.clone(),
            s.1.replace('（', "(").replace('）', ")").replace('．', "."),
        )
    };
    assert_eq!(
        cited.iter().map(norm).collect::<BTreeSet<_>>(),
        leads[&(place, name.clone())]
            .iter()
            .map(norm)
            .collect::<BTreeSet<_>>()
    );

    // `fengong agency` reads names as `ask` does: the bare name asks for the place, the
    // qualified one gives that city's agency with the same lead tasks.
    let out = fengong(&["agency", &name], &store);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{name} names agencies of")) && err.contains("write the place"),
        "{err}"
    );
    let one: Value = serde_json::from_str(&ok(&fengong(
        &["agency", &qualified, "--format", "json"],
        &store,
    )))
    .unwrap();
    let tasks: BTreeSet<(String, String)> = one["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["role"] == "lead")
        .map(|t| {
            (
                t["plan"].as_str().unwrap().to_owned(),
                t["number"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(tasks, cited);

    // A district's body asked with its city and district before the name its plans write
    // (`佳木斯市前进区国资办` for the 区国资办 of 前进区's plans), as the store names districts:
    // exactly the district's lead tasks, for every name of every district plan.
    let mut asked = 0;
    for ((place, name), want) in &leads {
        let Some(bare) = name.strip_prefix('区').filter(|_| place.ends_with('区')) else {
            continue;
        };
        let question = format!("{place}{bare}牵头哪些任务");
        let a: Value = serde_json::from_str(&ok(&fengong(
            &["ask", "--format", "json", &question],
            &store,
        )))
        .unwrap_or_else(|e| panic!("{question}: {e}"));
        let cited: BTreeSet<(String, String)> = a["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["role"] == "lead")
            .map(|l| norm(&plan_and_number(l)))
            .collect();
        assert_eq!(
            cited,
            want.iter().map(norm).collect::<BTreeSet<_>>(),
            "{question}"
        );
        asked += 1;
    }
    assert!(asked >= 20, "the corpus has district plans: {asked} names");
    let _ = std::fs::remove_dir_all(&dir);
}

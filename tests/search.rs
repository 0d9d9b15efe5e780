//! `fengong search`, `similar`, `reindex` and the search SERVICE, through the binary, on the
//! seeds and the shared real plans (tests/fixtures/real, real2). Expected tasks come from the
//! gold files and from pairs of tasks matched by hand (the same work in two years' plans).

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod support;
use support::{fengong, ok};

fn fixtures(dir: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .to_string_lossy()
        .into_owned()
}

/// The seeds and the real plans, ingested once by `fengong ingest`.
fn store() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fengong-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        ok(&fengong(&["ingest"], &dir));
        ok(&fengong(
            &["ingest", &fixtures("real/docs"), &fixtures("real2/docs")],
            &dir,
        ));
        dir
    })
}

fn search_in(store: &Path, args: &[&str]) -> Value {
    let mut all = vec!["search", "--format", "json"];
    all.extend(args);
    serde_json::from_str(&ok(&fengong(&all, store))).expect("JSON")
}

fn search(args: &[&str]) -> Value {
    search_in(store(), args)
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().expect("hits")
}

/// A task as gold cites it: (plan year, plan title, task number).
type Cite = (i64, String, String);

fn cite(h: &Value) -> Cite {
    (
        h["year"].as_i64().unwrap_or(0),
        h["plan_title"].as_str().unwrap_or("").to_owned(),
        h["number"].as_str().unwrap_or("").to_owned(),
    )
}

fn cites(v: &Value) -> Vec<Cite> {
    hits(v).iter().map(cite).collect()
}

/// Every gold task of the seeds, with its title and leads.
fn gold_tasks() -> Vec<(Cite, String, Vec<String>)> {
    let mut out = Vec::new();
    for d in support::gold_documents() {
        let year = d["document"]["year"].as_i64().expect("year");
        let title = d["document"]["title"].as_str().expect("title").to_owned();
        for t in d["tasks"].as_array().expect("tasks") {
            out.push((
                (
                    year,
                    title.clone(),
                    t["number"].as_str().expect("number").to_owned(),
                ),
                t["title"].as_str().expect("task title").to_owned(),
                t["lead"]
                    .as_array()
                    .expect("lead")
                    .iter()
                    .map(|l| l.as_str().unwrap_or("").to_owned())
                    .collect(),
            ));
        }
    }
    out
}

#[test]
fn every_seed_task_is_found_by_words_of_its_title_and_by_its_title_as_a_phrase() {
    let gold = gold_tasks();
    assert!(gold.len() > 50, "the seeds' gold holds their tasks");
    let mut missed = Vec::new();
    for (c, title, _) in &gold {
        let chars: Vec<char> = title
            .chars()
            .filter(|c| !c.is_ascii_punctuation())
            .collect();
        // Two words of the title: its first and its last four characters.
        let words = if chars.len() >= 10 {
            format!(
                "{} {}",
                chars[..4].iter().collect::<String>(),
                chars[chars.len() - 4..].iter().collect::<String>()
            )
        } else {
            chars.iter().collect()
        };
        let by_words = search(&["--top", "10", &words]);
        if !cites(&by_words).contains(c) {
            missed.push(format!("{c:?} by words {words}"));
        }
        let by_phrase = search(&["--phrase", "--top", "10", title]);
        if !cites(&by_phrase).contains(c) {
            missed.push(format!("{c:?} by phrase {title}"));
        }
    }
    assert!(missed.is_empty(), "not found:\n{}", missed.join("\n"));
}

#[test]
fn title_matches_rank_first_and_words_are_marked() {
    for q in ["数字乡村", "数据要素", "数字政府", "人才"] {
        let v = search(&["--top", "50", q]);
        let h = hits(&v);
        assert!(h.len() >= 2, "{q}: several tasks hold it");
        assert!(v["all_words"].as_bool().expect("all_words"));
        let in_title: Vec<bool> = h
            .iter()
            .map(|x| x["title"].as_str().unwrap_or("").contains(q))
            .collect();
        assert!(in_title[0], "{q}: the best hit has it in its title");
        // Once a hit without it in its title comes, none with it follows.
        let first_without = in_title.iter().position(|t| !t).unwrap_or(in_title.len());
        assert!(
            in_title[first_without..].iter().all(|t| !t),
            "{q}: a title match ranked below a text match: {in_title:?}"
        );
        // The snippet or the title marks the word (or its words) where it stands.
        for x in h {
            let marked = |text: &str, marks: &Value| {
                marks
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| {
                        let (a, b) = (
                            m[0].as_u64().unwrap() as usize,
                            m[1].as_u64().unwrap() as usize,
                        );
                        text[a..b].to_owned()
                    })
                    .collect::<Vec<_>>()
            };
            let mut all = marked(x["title"].as_str().unwrap(), &x["title_marks"]);
            all.extend(marked(
                x["snippet"]["text"].as_str().unwrap(),
                &x["snippet"]["marks"],
            ));
            // A hit found through its section heading or plan title marks nothing of its own.
            let heading = format!("{}{}", x["section"], x["plan_title"]);
            assert!(
                all.iter().all(|m| m.chars().all(|c| q.contains(c)))
                    && (!all.is_empty() || heading.contains(q)),
                "{q}: marks {all:?} in {x}"
            );
        }
    }
}

#[test]
fn filters_narrow_by_year_plan_place_agency_and_role() {
    // Year.
    let v = search(&["--year", "2024", "--top", "100", "数据"]);
    assert!(!hits(&v).is_empty());
    assert!(hits(&v).iter().all(|h| h["year"] == 2024));
    // Plan and agency in a role, against the gold: every task found in 数字广东建设2024年工作要点
    // that 省科技厅 leads is one the gold gives it.
    let gold_led: BTreeSet<Cite> = gold_tasks()
        .into_iter()
        .filter(|(_, _, lead)| lead.iter().any(|l| l == "省科技厅"))
        .map(|(c, _, _)| c)
        .collect();
    let v = search(&[
        "--plan",
        "数字广东",
        "--agency",
        "省科技厅",
        "--role",
        "lead",
        "--top",
        "100",
        "数字",
    ]);
    assert!(
        !hits(&v).is_empty(),
        "省科技厅 leads tasks of 数字广东 about 数字"
    );
    for h in hits(&v) {
        assert!(h["plan_title"].as_str().unwrap().contains("数字广东"));
        assert!(
            gold_led.contains(&cite(h)),
            "not led by 省科技厅 in the gold: {h}"
        );
    }
    // The same agency cooperating is another set of tasks.
    let c = search(&[
        "--plan",
        "数字广东",
        "--agency",
        "省科技厅",
        "--role",
        "cooperate",
        "--top",
        "100",
        "数字",
    ]);
    assert!(
        !hits(&c).is_empty(),
        "省科技厅 cooperates on tasks of 数字广东"
    );
    for h in hits(&c) {
        let agencies: Vec<&str> = c["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["iri"].as_str().unwrap())
            .collect();
        let duties = h["duties"].as_array().unwrap();
        assert!(
            duties
                .iter()
                .any(|d| d["role"] == "cooperate"
                    && agencies.contains(&d["agency"].as_str().unwrap()))
        );
    }
    // Place: only Guangzhou's plans (2006 and 2007, in traditional script in their files).
    let v = search(&["--place", "广州", "--top", "100", "会展中心"]);
    assert!(!hits(&v).is_empty());
    assert!(hits(&v)
        .iter()
        .all(|h| h["place"].as_str().unwrap_or("").contains("广州")));
}

#[test]
fn a_traditional_query_finds_simplified_text() {
    let simplified = search(&["--top", "100", "数据共享"]);
    let traditional = search(&["--top", "100", "數據共享"]);
    assert!(!hits(&simplified).is_empty());
    assert_eq!(cites(&simplified), cites(&traditional));
    // And the other way: Guangzhou's plans are written in traditional characters.
    let v = search(&["--top", "10", "会展中心二期"]);
    assert!(hits(&v)
        .iter()
        .any(|h| h["plan_title"].as_str().unwrap().contains("2007")));
}

#[test]
fn an_official_full_form_finds_its_short_form() {
    // 国发〔2019〕3号 writes 自贸试验区 in its tasks.
    let v = search(&["--top", "100", "自由贸易"]);
    let h = hits(&v);
    assert!(!h.is_empty(), "自由贸易 finds the 自贸试验区 tasks");
    let text = |x: &Value| format!("{}{}", x["title"], x["snippet"]["text"]);
    assert!(h
        .iter()
        .all(|x| text(x).contains("自贸") || text(x).contains("自由贸易")));
    assert!(h
        .iter()
        .any(|x| text(x).contains("自贸试验区") && !text(x).contains("自由贸易")));
    assert!(v["forms"].as_array().unwrap().iter().any(|f| f == "自贸"));
}

#[test]
fn words_no_task_holds_find_nothing_and_some_words_find_the_closest() {
    let v = search(&["量子计算"]);
    assert_eq!(v["total"], 0);
    // Two words no task holds together: the tasks holding one of them, said so.
    let v = search(&["数字乡村", "量子计算"]);
    assert_eq!(v["all_words"], false);
    assert!(!hits(&v).is_empty());
}

/// The task of a plan whose title holds `plan` and whose text holds `words`.
fn task_iri(plan: &str, words: &str) -> String {
    let v = search(&["--plan", plan, "--phrase", "--top", "1", words]);
    hits(&v)
        .first()
        .unwrap_or_else(|| panic!("no task of {plan} holds {words}"))["task"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn similar_finds_the_same_work_in_another_years_plan() {
    // Pairs matched by hand, reading both plans: Guangzhou's 2006 and 2007 lists of key work
    // (穗府办〔2006〕19号, 穗府〔2007〕7号) carry the same projects over; Guangdong's 2022 digital
    // economy points and its 2024 数字广东 points carry the data-market work over (the data
    // regulation, public data operation, data exchanges and brokers).
    let pairs = [
        (
            ("2006", "国际会展中心二期"),
            ("2007", "国际会展中心二期工程"),
        ),
        (("2006", "南沙临港石化基地"), ("2007", "南沙临港石化基地")),
        (("2006", "国际枢纽物流园区"), ("2007", "国际物流园区")),
        (
            ("数字经济工作要点", "研究制订《广东省数据条例》"),
            ("数字广东", "加快研究起草《广东省数据条例》"),
        ),
        (
            ("数字经济工作要点", "健全公共数据运营规则"),
            ("数字广东", "强化数据资源开发利用"),
        ),
        (
            ("数字经济工作要点", "推动数据经纪人试点"),
            ("数字广东", "推进数据要素流通市场建设"),
        ),
    ];
    for ((year_a, words_a), (year_b, words_b)) in pairs {
        let a = task_iri(year_a, words_a);
        let b = task_iri(year_b, words_b);
        for (from, to) in [(&a, &b), (&b, &a)] {
            let v: Value = serde_json::from_str(&ok(&fengong(
                &["similar", "--format", "json", "--top", "5", from],
                store(),
            )))
            .expect("JSON");
            let found: Vec<&str> = v["similar"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["task"].as_str().unwrap())
                .collect();
            assert!(
                found.contains(&to.as_str()),
                "{from}: {to} not among the five most similar: {found:?}"
            );
            // Never the task's own plan.
            let own = v["task"]["plan"].as_str().unwrap();
            assert!(v["similar"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h["plan"] != own));
        }
    }
}

#[test]
fn the_search_service_joins_hits_with_roles_in_sparql() {
    let query = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/search-leads.rq");
    let rows: Value = serde_json::from_str(&ok(&fengong(
        &[
            "query",
            "--format",
            "json",
            "--file",
            query.to_str().unwrap(),
        ],
        store(),
    )))
    .expect("JSON results");
    let from_sparql: BTreeSet<(String, String)> = rows["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            (
                b["planTitle"]["value"].as_str().unwrap().to_owned(),
                b["cited"]["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let v = search(&["--top", "100", "数据共享"]);
    let from_search: BTreeSet<(String, String)> = hits(&v)
        .iter()
        .map(|h| {
            (
                h["plan_title"].as_str().unwrap().to_owned(),
                h["cited"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(!from_search.is_empty());
    assert_eq!(from_sparql, from_search);
}

#[test]
fn an_index_deleted_or_left_behind_is_rebuilt_from_the_store() {
    let dir = std::env::temp_dir().join(format!("fengong-search-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    ok(&fengong(&["ingest"], &dir));
    let before = search_in(&dir, &["--top", "100", "数据共享"]);
    assert!(!hits(&before).is_empty());
    // Deleted: the next search builds it again, with the same answer.
    std::fs::remove_dir_all(dir.join("search")).expect("index folder");
    let again = search_in(&dir, &["--top", "100", "数据共享"]);
    assert_eq!(cites(&before), cites(&again));
    assert!(dir.join("search/meta.json").is_file());
    // Left behind, as by a crash between the store's commit and the index's: an index copied
    // before a new plan was ingested, put back after, with the mark the writer puts in the
    // index's folder before it writes the store and takes away once the index caught up.
    let saved = dir.with_extension("saved-index");
    let _ = std::fs::remove_dir_all(&saved);
    copy_dir(&dir.join("search"), &saved);
    let extra = Path::new(&fixtures("real/docs"))
        .join("012_guowuyuan-2019-zonghe-baoshuiqu-guofa3-fulltext.txt");
    ok(&fengong(&["ingest", extra.to_str().unwrap()], &dir));
    assert!(
        !dir.join("search/stale").exists(),
        "an ingest that ends leaves the index in step and unmarked"
    );
    std::fs::remove_dir_all(dir.join("search")).expect("index folder");
    copy_dir(&saved, &dir.join("search"));
    std::fs::write(dir.join("search/stale"), b"").expect("mark");
    let v = search_in(&dir, &["--top", "5", "综合保税区"]);
    assert!(
        hits(&v)
            .iter()
            .any(|h| h["plan_title"].as_str().unwrap().contains("综合保税区")),
        "the stale index caught up with the store"
    );
    assert!(!dir.join("search/stale").exists(), "and is unmarked");
    // `reindex` builds it from nothing.
    let out = ok(&fengong(&["reindex"], &dir));
    assert!(out.contains("indexed"), "{out}");
    assert_eq!(
        cites(&search_in(&dir, &["--top", "100", "数据共享"])),
        cites(&before)
    );
    let _ = std::fs::remove_dir_all(&saved);
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for e in std::fs::read_dir(from).expect("index folder") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn tables_and_csv_cite_plan_task_and_agencies() {
    let out = ok(&fengong(&["search", "--top", "3", "数据共享"], store()));
    assert!(out.contains("【"), "words marked: {out}");
    assert!(out.contains("牵头："), "roles named: {out}");
    let csv = ok(&fengong(
        &["search", "--format", "csv", "--top", "3", "数据共享"],
        store(),
    ));
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("rank,score,year,plan_title,cited"));
    assert_eq!(lines.count(), 3);
}

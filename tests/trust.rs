//! What users read: the CLI's queries, messages and numbers, on the seeds (expected values from
//! the gold files of tests/fixtures/gold or counted by hand, never from the code under test).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use support::ok;

/// The seeds ingested once into a store for the tests of this file.
fn seed_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fengong-trust-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        ok(&support::fengong(&["ingest"], &dir));
        dir
    })
}

/// `fengong ARGS` on the seed store, run from a folder that is not the source tree, as a user
/// who installed the binary would.
fn run(args: &[&str]) -> Output {
    let elsewhere = std::env::temp_dir();
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(elsewhere)
        .env("FENGONG_STORE", seed_store())
        .output()
        .expect("binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Gold tasks whose `role` list names `agency` as written.
fn gold_count(agency: &str, role: &str) -> usize {
    support::gold_documents()
        .iter()
        .flat_map(|d| d["tasks"].as_array().expect("tasks").clone())
        .filter(|t| {
            t[role]
                .as_array()
                .expect("role list")
                .iter()
                .any(|n| n == agency)
        })
        .count()
}

#[test]
fn queries_travel_with_the_binary() {
    // Listed by name with their parameters, from any folder.
    let list = ok(&run(&["query", "--list"]));
    let leads = list
        .lines()
        .find(|l| l.trim_start().starts_with("agency-leads "))
        .expect("agency-leads listed");
    assert!(
        leads.contains("agencyName=…") && leads.contains("What an agency leads"),
        "{leads}"
    );
    // Run by name: 省科技厅 leads 5 tasks of the seeds by the gold (002 (九), (十二), (十五);
    // 003 (八), (九)), under no other name.
    let want = gold_count("省科技厅", "lead");
    assert_eq!(want, 5, "the gold as read by hand");
    let out = ok(&run(&[
        "query",
        "agency-leads",
        "--bind",
        "agencyName=省科技厅",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("SPARQL JSON results");
    assert_eq!(
        v["results"]["bindings"].as_array().expect("rows").len(),
        want
    );
    // A required parameter left out: an error saying which --bind, not "(0 rows)".
    let out = run(&["query", "agency-leads"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--bind agencyName="),
        "{}",
        stderr(&out)
    );
    // A misspelled --bind is an error naming the query's parameters.
    let out = run(&["query", "agency-leads", "--bind", "agencyNmae=省科技厅"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no ?agencyNmae") && stderr(&out).contains("agencyName"),
        "{}",
        stderr(&out)
    );
    // A --bind on a column (not a parameter) would rewrite every row's value: refused.
    let out = run(&[
        "query",
        "agency-leads",
        "--bind",
        "agencyName=省科技厅",
        "--bind",
        "year=2024",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not a parameter"), "{}", stderr(&out));
    // A misspelled name suggests the right one.
    let out = run(&["query", "agency-lead"]);
    assert!(
        stderr(&out).contains("did you mean agency-leads"),
        "{}",
        stderr(&out)
    );
    // A syntax error shows where, with the line, and no character ranges.
    let out = run(&["query", "SELECT ?x WHERE { ?x a }"]);
    let e = stderr(&out);
    assert!(!out.status.success());
    assert!(
        e.contains("line 1, column") && e.contains("SELECT ?x WHERE { ?x a }") && e.contains('^'),
        "{e}"
    );
    assert!(!e.contains("\\u{"), "{e}");
    // Hints name commands that work anywhere, never a path in the source tree.
    let out = run(&["remove", "no-such-plan.txt"]);
    assert!(
        stderr(&out).contains("fengong query plans"),
        "{}",
        stderr(&out)
    );
    let plans = ok(&run(&["query", "plans"]));
    assert!(
        plans.contains("002_96cb3c14e2265961.txt"),
        "keys are listed: {plans}"
    );
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).expect("JSON")
}

#[test]
fn numbers_read_as_what_they_are() {
    // Counts are JSON integers: the top lead's count is the gold's (省政务服务(和)数据管理局,
    // merged across its rename: 26 lead tasks in the three gold plans).
    let v = json(&run(&[
        "rank", "--by", "leads", "--top", "0", "--format", "json",
    ]));
    let agencies = v["agencies"].as_array().expect("agencies");
    let top = &agencies[0];
    let gold =
        gold_count("省政务服务和数据管理局", "lead") + gold_count("省政务服务数据管理局", "lead");
    assert_eq!(gold, 26, "the gold, read by hand");
    assert_eq!(top["leads"], serde_json::json!(gold), "{top}");
    assert!(
        top["leads"].is_u64() && top["degree"].is_u64() && top["community"].is_u64(),
        "{top}"
    );
    // Asymmetry is undefined, null, for an agency that neither leads nor cooperates.
    let sharer = agencies
        .iter()
        .find(|a| a["leads"] == 0 && a["cooperates"] == 0)
        .expect("an agency that only shares");
    assert!(sharer["asymmetry"].is_null(), "{sharer}");
    // CSV: counts as integers, scores to six decimals, undefined values empty.
    let csv = ok(&run(&["rank", "--top", "0", "--format", "csv"]));
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().expect("header").split(',').collect();
    let at = |name: &str| head.iter().position(|h| *h == name).expect("column");
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let pr = cells[at("pagerank")];
        assert_eq!(pr.split('.').nth(1).map(str::len), Some(6), "{line}");
        assert!(cells[at("leads")].parse::<u64>().is_ok(), "{line}");
        let asym = cells[at("asymmetry")];
        assert!(
            asym.is_empty() || asym.split('.').nth(1).map(str::len) == Some(6),
            "{line}"
        );
    }
    // The table leaves an undefined value blank, never "+0.00" for "balanced".
    let table = ok(&run(&["rank", "--by", "asymmetry", "--top", "0"]));
    let label = sharer["agency"].as_str().expect("label");
    let row = table.lines().find(|l| l.contains(label)).expect("listed");
    assert!(!row.contains("+0.00"), "{row}");
}

#[test]
fn stats_and_agencies_count_the_same_agencies() {
    let stats = json(&run(&["stats", "--format", "json"]));
    let list = ok(&run(&["agencies", "--format", "json"]));
    let rows: Vec<serde_json::Value> = list
        .lines()
        .map(|l| serde_json::from_str(l).expect("row"))
        .collect();
    let groups = rows
        .iter()
        .filter(|r| r["kind"] == "collective group")
        .count() as u64;
    assert_eq!(stats["agencies"].as_u64(), Some(rows.len() as u64 - groups));
    assert_eq!(stats["collective_groups"].as_u64(), Some(groups));
    let table = ok(&run(&["agencies"]));
    let footer = table.lines().last().expect("footer");
    assert_eq!(
        footer,
        format!(
            "({} agencies and {} collective groups with a role in some task; `fengong stats` counts the same; each counted under the name it had then: `fengong agency NAME`, `rank` and `ask` count a renamed agency together with its former names)",
            rows.len() as u64 - groups,
            groups
        )
    );
}

#[test]
fn an_empty_filter_is_the_same_error_everywhere() {
    for args in [
        vec!["rank", "--year", "1999"],
        vec!["export-graph", "--year", "1999"],
        vec!["communities", "--year", "1999"],
    ] {
        let out = run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing written");
        assert!(
            stderr(&out).contains("no agency has a role in the plans kept"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn rank_reads_without_locking_and_saves_only_when_asked() {
    let dir = std::env::temp_dir().join(format!("fengong-trust-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    ok(&support::fengong(&["ingest"], &dir));
    let analyses = |dir: &Path| {
        ok(&support::fengong(
            &[
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a a fg:NetworkAnalysis }",
                "--format",
                "csv",
            ],
            dir,
        ))
        .lines()
        .nth(1)
        .map(str::to_owned)
    };
    ok(&support::fengong(&["rank"], &dir));
    ok(&support::fengong(&["communities"], &dir));
    assert_eq!(
        analyses(&dir).as_deref(),
        Some("0"),
        "nothing saved by default"
    );
    ok(&support::fengong(&["rank", "--save"], &dir));
    ok(&support::fengong(&["rank", "--save"], &dir));
    assert_eq!(
        analyses(&dir).as_deref(),
        Some("1"),
        "the same run replaces itself"
    );
}

#[test]
fn a_folder_ingest_says_what_it_did_not_read() {
    let store =
        std::env::temp_dir().join(format!("fengong-trust-skip-store-{}", std::process::id()));
    let dir = std::env::temp_dir().join(format!("fengong-trust-skip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = support::seed;
    // Upper-case extensions and Markdown are plans; the rest is said, with why.
    std::fs::write(dir.join("A.TXT"), seed("000_")).expect("write");
    std::fs::write(dir.join("b.md"), seed("003_")).expect("write");
    std::fs::write(dir.join("notes.json"), "{}").expect("write");
    std::fs::write(dir.join("README"), "x").expect("write");
    std::fs::write(dir.join("~$plan.docx"), "x").expect("write");
    let out = support::fengong(&["ingest", dir.to_str().expect("UTF-8")], &store);
    let text = ok(&out);
    // Seeds 000 and 003: 6 + 30 tasks by the gold.
    assert!(
        text.starts_with("2 documents (2 added, 0 replaced, 0 unchanged), 36 tasks"),
        "{text}"
    );
    let err = stderr(&out);
    assert!(
        err.contains("3 files in the folders given not read"),
        "{err}"
    );
    assert!(
        err.contains("notes.json: not a format fengong reads"),
        "{err}"
    );
    assert!(err.contains("README: no file extension"), "{err}");
    assert!(err.contains("~$plan.docx: an Office lock file"), "{err}");
    // One document is one, not "1 documents".
    let one = dir.join("A.TXT");
    let out = ok(&support::fengong(
        &["ingest", one.to_str().expect("UTF-8")],
        &store.join("one"),
    ));
    assert!(out.starts_with("1 document (1 added"), "{out}");
}

#[test]
fn a_traditional_answer_quotes_each_plan_as_written() {
    // Asked in traditional characters: the answer is in them, but the "as written" column
    // quotes each plan in its own script. By the gold: 省财政厅 cooperates on 000's 2) and
    // 6) (a simplified plan) and on 002's (二十), whose raw text is
    // (省政務服務和數據管理局牽頭,省財政廳、統計局按職責分工負責).
    let text = ok(&run(&["ask", "省財政廳配合哪些任務"]));
    assert!(text.contains("配合 3 項任務"), "{text}");
    let row = |number: &str| {
        text.lines()
            .find(|l| l.split_whitespace().nth(2) == Some(number))
            .unwrap_or_else(|| panic!("{number} cited: {text}"))
            .to_owned()
    };
    assert!(row("(二十)").ends_with("省財政廳"), "{}", row("(二十)"));
    assert!(row("2)").ends_with("省财政厅"), "{}", row("2)"));
    assert!(
        row("2)").contains("加強數字政府基礎能力建設"),
        "titles follow the question"
    );
    // A topic answer quotes the same way: 002's (二十二) is led by 省政務服務和數據管理局 as
    // written (gold raw of 002 (二十二)).
    let text = ok(&run(&["ask", "谁牵头数据要素市场建设?"]));
    let line = text
        .lines()
        .find(|l| l.contains("(二十二)"))
        .unwrap_or_else(|| panic!("(二十二) cited: {text}"));
    assert!(line.ends_with("省政務服務和數據管理局"), "{line}");
}

#[test]
fn citations_name_the_task_where_numbering_restarts() {
    // Real plan 009 restarts its numbers in each section (七、 八、 九、) and gives no title or
    // year (tests/fixtures/real/gold/009_…json). By hand from the gold: 市房管局 leads 七's 1、
    // 2、 and 4、 (numbers that recur under 八), and (1), (2), (4), which do not recur.
    let store = std::env::temp_dir().join(format!("fengong-trust-cite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/docs/009_unidentified-city-c2008-zerenbumen-page3.txt");
    ok(&support::fengong(
        &["ingest", file.to_str().expect("UTF-8")],
        &store,
    ));
    let v: serde_json::Value = serde_json::from_str(&ok(&support::fengong(
        &["ask", "市房管局牵头哪些任务", "--format", "json"],
        &store,
    )))
    .expect("JSON");
    let mut cited: Vec<String> = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| l["task"]["cited"].as_str().expect("cited").to_owned())
        .collect();
    cited.sort();
    let mut want = ["七.1", "七.2", "(1)", "(2)", "(4)", "七.4"]
        .map(String::from)
        .to_vec();
    want.sort();
    assert_eq!(cited, want);
    // No title and no year: the file's name stands in, and says so; never an empty column.
    let text = ok(&support::fengong(&["ask", "市房管局牵头哪些任务"], &store));
    assert!(
        text.contains("009_unidentified-city-c2008-zerenbumen-page3.txt (no title)(年份不详)"),
        "{text}"
    );
    // The citation is what `fengong correct` takes.
    let out = support::fengong(
        &[
            "correct",
            "009_unidentified-city-c2008-zerenbumen-page3.txt",
            "七.4",
            "--cooperate",
            "市财政局",
            "--reason",
            "test",
            "--by",
            "test",
        ],
        &store,
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("task 七.4 完善住房保障配套措施"),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
}

#[test]
fn rank_reads_at_a_glance() {
    let header = |args: &[&str]| -> Vec<String> {
        let text = ok(&run(args));
        text.lines()
            .find(|l| l.starts_with('#') && l.split_whitespace().nth(1) == Some("agency"))
            .unwrap_or_else(|| panic!("a table: {text}"))
            .split_whitespace()
            .skip(2)
            .map(String::from)
            .collect()
    };
    // The measure ranked by first, then the key columns; --all for every one, --columns to pick.
    assert_eq!(
        header(&["rank"]),
        [
            "degree",
            "leads",
            "cooperates",
            "shares",
            "pagerank",
            "betweenness",
            "community"
        ]
    );
    assert_eq!(header(&["rank", "--by", "hub"])[0], "hub");
    assert_eq!(header(&["rank", "--all"]).len(), 20, "every measure");
    assert_eq!(
        header(&["rank", "--by", "leads", "--columns", "hub,core"]),
        ["leads", "hub", "core"]
    );
    // --by takes the names the README and the columns use (and the hyphenated ones).
    assert_eq!(header(&["rank", "--by", "out_degree"])[0], "out_degree");
    assert_eq!(header(&["rank", "--by", "out-degree"])[0], "out_degree");
    // --by-year says its order.
    let text = ok(&run(&["rank", "--by", "leads", "--by-year"]));
    assert!(
        text.contains("in order of their highest leads in any one year"),
        "{text}"
    );
}

/// The 13 real plans in a store of their own, once.
fn real_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fengong-trust-real-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/docs");
        ok(&support::fengong(
            &["ingest", docs.to_str().expect("UTF-8")],
            &dir,
        ));
        dir
    })
}

/// Gold titles of the real plans of one jurisdiction (tests/fixtures/real/gold).
fn real_titles(jurisdiction: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/gold");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("gold") {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.expect("entry").path()).expect("read"))
                .expect("JSON");
        if v["document"]["jurisdiction"] == jurisdiction {
            out.push(
                v["document"]["title"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
    }
    out.sort();
    out
}

#[test]
fn ask_reads_places_and_says_what_it_did_not_use() {
    let ask = |q: &str| -> serde_json::Value {
        serde_json::from_str(&ok(&support::fengong(
            &["ask", q, "--format", "json"],
            real_store(),
        )))
        .expect("JSON")
    };
    let plans = |a: &serde_json::Value| -> Vec<String> {
        let mut p: Vec<String> = a["plans"]
            .as_array()
            .expect("plans")
            .iter()
            .map(|p| p["title"].as_str().expect("title").to_owned())
            .collect();
        p.sort();
        p
    };
    // A place before the question word scopes a ranking to that jurisdiction's plans; the
    // State Council's are the national ones (全国 in the gold).
    // A city's question covers its districts' plans; a province's every plan within it
    // (丽水市, its 莲都区 and 永康市 are in 浙江省: tests/fixtures/real/SOURCES.tsv).
    let within = |places: &[&str]| -> Vec<String> {
        let mut t: Vec<String> = places.iter().flat_map(|p| real_titles(p)).collect();
        t.sort();
        t
    };
    let a = ask("丽水市哪些部门牵头最多");
    assert_eq!(a["question"]["place"], "丽水市");
    assert_eq!(plans(&a), within(&["丽水市", "丽水市莲都区"]));
    assert_eq!(
        plans(&ask("浙江省哪些部门牵头最多")),
        within(&["丽水市", "丽水市莲都区", "永康市"])
    );
    let a = ask("国务院哪些部门牵头最多");
    assert_eq!(plans(&a), real_titles("全国"));
    assert_eq!(real_titles("全国").len(), 4);
    // An agency's name is not a place: 国务院办公厅 asks about that office.
    assert!(ask("国务院办公厅牵头哪些任务")["question"]["place"].is_null());
    // An English place is read as the Chinese one, national plans too.
    let a = ask("which agencies are most central in Lishui?");
    assert_eq!(a["question"]["place"], "丽水市");
    assert_eq!(plans(&a), within(&["丽水市", "丽水市莲都区"]));
    assert_eq!(
        plans(&ask("which agencies lead most in national plans?")),
        real_titles("全国")
    );
    // What is not read is said, never dropped in silence: Taizhou is 台州市 or 泰州市.
    let a = ask("which agencies are most central in Taizhou?");
    assert!(a["question"]["place"].is_null());
    assert_eq!(
        a["question"]["ignored"][0],
        "in Taizhou (泰州市 or 台州市?)"
    );
    let text = ok(&support::fengong(
        &["ask", "which agencies are most central in Taizhou?"],
        real_store(),
    ));
    assert!(
        text.contains("Not used from the question: “in Taizhou (泰州市 or 台州市?)”"),
        "{text}"
    );
    // An English topic matches nothing in Chinese plans: say so, and offer the Chinese.
    let text = ok(&support::fengong(
        &["ask", "who leads digital government?"],
        real_store(),
    ));
    assert!(
        text.contains("matched in the plans' Chinese text") && text.contains("数字政府"),
        "{text}"
    );
}

#[test]
fn ask_lists_tasks_without_a_lead_and_tasks_led_together() {
    let gold = support::gold_documents();
    let tasks: Vec<&serde_json::Value> = gold
        .iter()
        .flat_map(|d| d["tasks"].as_array().expect("tasks"))
        .collect();
    let leads = |t: &serde_json::Value| t["lead"].as_array().expect("lead").len();
    let count = |q: &str| -> usize {
        let a: serde_json::Value =
            serde_json::from_str(&ok(&run(&["ask", q, "--format", "json"]))).expect("JSON");
        let mut t: Vec<&str> = a["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .map(|l| l["task"]["iri"].as_str().expect("iri"))
            .collect();
        t.sort();
        t.dedup();
        t.len()
    };
    let unled = tasks.iter().filter(|t| leads(t) == 0).count();
    assert_eq!(unled, 19, "by the gold");
    assert_eq!(count("哪些任务没有牵头单位?"), unled);
    assert_eq!(count("which tasks have no lead?"), unled);
    assert_eq!(
        count("哪些任务由多个部门共同牵头?"),
        tasks.iter().filter(|t| leads(t) > 1).count()
    );
    // 共同牵头 is leading together, not any shared role: 002's (十二) and (十五) by the gold.
    let both = |t: &&&serde_json::Value| {
        let l = t["lead"].as_array().expect("lead");
        l.iter().any(|n| n == "省发展改革委") && l.iter().any(|n| n == "省科技厅")
    };
    let want = tasks.iter().filter(both).count();
    assert_eq!(want, 2);
    assert_eq!(count("省发展改革委和省科技厅共同牵头哪些任务"), want);
    assert!(count("省发展改革委和省科技厅共同负责哪些任务") >= want);
}

/// The node labels of a diagram drawn as DOT.
fn diagram_labels(store: &Path, args: &[&str]) -> Vec<String> {
    let out = std::env::temp_dir().join(format!(
        "fengong-trust-{}-{}.dot",
        std::process::id(),
        args.join("_").replace(['/', ' '], "_")
    ));
    let mut all = vec!["diagram", "-o", out.to_str().expect("UTF-8")];
    all.extend(args);
    ok(&support::fengong(&all, store));
    let dot = std::fs::read_to_string(&out).expect("dot written");
    let _ = std::fs::remove_file(&out);
    // Node statements only: `"IRI"[label="…", tooltip=…]` (the graph's own label is a title).
    dot.lines()
        .filter(|l| l.trim_start().starts_with('"'))
        .filter_map(|l| l.split_once("\"[label=\"").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once('"').map(|(label, _)| label.to_owned()))
        .collect()
}

/// The name a gold plan of `year` writes most for an agency whose name contains `part`.
fn gold_name(year: i64, part: &str) -> String {
    let mut count: std::collections::BTreeMap<String, usize> = Default::default();
    for d in support::gold_documents() {
        if d["document"]["year"] != year {
            continue;
        }
        for t in d["tasks"].as_array().expect("tasks") {
            for role in ["lead", "cooperate", "co_responsible"] {
                for n in t[role].as_array().expect("role list") {
                    let n = n.as_str().expect("name");
                    if n.contains(part) {
                        *count.entry(n.to_owned()).or_default() += 1;
                    }
                }
            }
        }
    }
    let best = count
        .iter()
        .max_by_key(|(_, n)| **n)
        .expect("named in the gold");
    best.0.clone()
}

#[test]
fn names_are_those_the_plans_of_the_time_used() {
    let centre = ["--agency", "省政务服务和数据管理局"];
    // 2022's network names the data bureau as the 2022 plan does; all years, by the latest.
    let then = gold_name(2022, "政务服务");
    let now = gold_name(2024, "政务服务");
    assert_eq!(
        (then.as_str(), now.as_str()),
        ("省政务服务数据管理局", "省政务服务和数据管理局")
    );
    let labels = diagram_labels(seed_store(), &[&centre[..], &["--year", "2022"]].concat());
    assert!(labels.contains(&then), "{labels:?}");
    assert!(!labels.contains(&now), "{labels:?}");
    let labels = diagram_labels(seed_store(), &centre);
    assert!(labels.contains(&now), "{labels:?}");
    // Short labels are names the plans wrote: never an abbreviation no plan used (省政数局), never
    // a second plate (省电影局 for 中共广东省委宣传部).
    let labels = diagram_labels(seed_store(), &[]);
    assert!(labels.contains(&gold_name(2022, "宣传部")), "{labels:?}");
    for never in ["省政数局", "省电影局"] {
        assert!(!labels.iter().any(|l| l == never), "{never} in {labels:?}");
    }

    // Two cities' 市财政局 are told apart by place (tests/fixtures/real/gold: 丽水市 and 广州市
    // plans both write 市财政局).
    let labels = diagram_labels(real_store(), &[]);
    let mut seen = std::collections::BTreeSet::new();
    for l in &labels {
        assert!(seen.insert(l), "two nodes labelled {l}");
    }
    for l in ["丽水市财政局", "广州市财政局"] {
        assert!(labels.iter().any(|x| x == l), "{l} not in {labels:?}");
    }

    // A merged agency is said in its latest form, not an intermediate one (the registry:
    // 扶贫办 → 乡村振兴局 in 2021 → merged into 农业农村厅 in 2024).
    let a = ok(&run(&["ask", "what does 省扶贫办 lead"]));
    assert!(a.contains("ask about 广东省农业农村厅 instead"), "{a}");
    let a = ok(&run(&["agency", "省扶贫办"]));
    assert!(a.contains("latest form: 广东省农业农村厅"), "{a}");
}

#[test]
fn a_search_by_short_form_finds_the_full_names() {
    // 市发改委 is what the 丽水市 (005) and 广州市 (004, 006) plans write (tests/fixtures/real/gold);
    // their agencies are labelled 发展和改革委员会, which does not contain 发改委.
    let out = ok(&support::fengong(
        &["agencies", "--search", "发改委", "--format", "json"],
        real_store(),
    ));
    let found: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["agency"].as_str().expect("agency").to_owned()
        })
        .collect();
    for want in ["丽水市发展和改革委员会", "广州市发展和改革委员会"] {
        assert!(found.iter().any(|f| f == want), "{want} not in {found:?}");
    }
    assert!(found.iter().all(|f| f.contains("发展和改革")), "{found:?}");
}

#[test]
fn hits_says_when_the_network_falls_apart() {
    // The real plans are of a dozen places that share no agency (tests/fixtures/real/gold): HITS
    // can only score one group of them, and says so; the Guangdong seeds are one network.
    let out = support::fengong(&["rank", "--by", "hub"], real_store());
    ok(&out);
    let said = stderr(&out);
    assert!(
        said.contains("hub and authority: the lead→cooperator arcs fall into"),
        "{said}"
    );
    let out = run(&["rank", "--by", "hub"]);
    ok(&out);
    assert!(!stderr(&out).contains("unconnected"), "{}", stderr(&out));
}

#[test]
fn ask_and_rank_break_ties_alike() {
    // By the gold, 省教育厅 and 省生态环境厅 both lead 3 tasks: ties go to more partners, in
    // `rank` as in `ask`, so the two orders are one.
    for (question, by) in [
        ("哪些部门牵头最多?前10", "leads"),
        ("哪些部门最核心?前10", "degree"),
    ] {
        let asked = json(&run(&["ask", question, "--format", "json"]));
        let ranked = json(&run(&[
            "rank", "--by", by, "--top", "10", "--format", "json",
        ]));
        let iris = |v: &serde_json::Value, key: &str| -> Vec<String> {
            v[key]
                .as_array()
                .expect("ranking")
                .iter()
                .map(|r| r["iri"].as_str().expect("iri").to_owned())
                .collect()
        };
        assert_eq!(
            iris(&asked, "ranking"),
            iris(&ranked, "agencies"),
            "{question}"
        );
    }
    assert_eq!(gold_count("省教育厅", "lead"), 3);
    assert_eq!(gold_count("省生态环境厅", "lead"), 3);
}

#[test]
fn a_diagram_of_a_name_many_places_write_asks_for_the_place() {
    // 丽水市 (005) and 广州市 (004, 006) plans all write 市发改委 (tests/fixtures/real/gold).
    let out = std::env::temp_dir().join(format!("fengong-trust-ego-{}.dot", std::process::id()));
    let o = out.to_str().expect("UTF-8");
    let shared = support::fengong(&["diagram", "--agency", "市发改委", "-o", o], real_store());
    assert!(!shared.status.success());
    let err = stderr(&shared);
    assert!(
        err.contains("several places")
            && err.contains("丽水市发改委")
            && err.contains("广州市发改委"),
        "{err}"
    );
    ok(&support::fengong(
        &["diagram", "--agency", "丽水市发改委", "-o", o],
        real_store(),
    ));
    let dot = std::fs::read_to_string(&out).expect("written");
    assert!(
        dot.contains("丽水市发展和改革委员会 的协作网络"),
        "{}",
        &dot[..300.min(dot.len())]
    );
    let _ = std::fs::remove_file(&out);
}

#[test]
fn a_plan_keeps_its_issuer() {
    // Gold 004: issued by 广州市人民政府办公厅 (a sub-provincial city's office is a 办公厅, not
    // the 办公室 other cities have).
    let out = ok(&support::fengong(
        &["query", "plans", "--format", "csv"],
        real_store(),
    ));
    let row = out
        .lines()
        .find(|l| l.starts_with("004_"))
        .unwrap_or_else(|| panic!("004 listed: {out}"));
    assert!(row.contains(",广州市人民政府办公厅,"), "{row}");
}

#[test]
fn who_supervises_a_topic_is_said_as_people() {
    // Gold 000: 2) 加强数字政府基础能力建设 is supervised by 王曦; the column is of officials, and
    // the lead sentence says the other tasks on the topic name no official.
    let text = ok(&run(&["ask", "谁分管数字政府"]));
    assert!(text.contains("写明分管领导"), "{text}");
    let head = text
        .lines()
        .find(|l| l.starts_with("角色"))
        .unwrap_or_else(|| panic!("a table: {text}"));
    assert!(head.split_whitespace().nth(1) == Some("分管领导"), "{head}");
    assert!(
        text.lines()
            .any(|l| l.contains("王曦") && l.contains(" 2) ")),
        "{text}"
    );
}

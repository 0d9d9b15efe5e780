//! Taking documents out and backing the store up, through the binary, on the seed corpus.

mod support;

use std::path::PathBuf;
use support::{fengong, ok};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-integrity-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The store's quads, sorted: two stores hold the same data when these are equal.
fn quads(store: &std::path::Path) -> Vec<String> {
    let mut lines: Vec<String> = ok(&fengong(&["export"], store))
        .lines()
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

fn tasks(store: &std::path::Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_str(&ok(&fengong(&["stats", "--format", "json"], store))).expect("json");
    v["tasks"].as_u64().expect("tasks")
}

#[test]
fn a_backup_is_a_store_with_the_same_quads() {
    let store = temp("store");
    ok(&fengong(&["ingest"], &store));
    let copy = temp("backup");
    ok(&fengong(&["backup", copy.to_str().expect("utf-8")], &store));
    assert_eq!(quads(&copy), quads(&store));
    // A second backup into the same folder is refused, and says why.
    let again = fengong(&["backup", copy.to_str().expect("utf-8")], &store);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn removing_takes_a_document_out_whole_or_nothing() {
    let store = temp("remove");
    ok(&fengong(&["ingest"], &store));
    let before = tasks(&store);
    let all = quads(&store);
    // A name that matches nothing: an error, and nothing goes, not even the one that matched.
    let out = fengong(
        &["remove", "002_96cb3c14e2265961.txt", "no-such-plan.txt"],
        &store,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-plan.txt"));
    assert_eq!(quads(&store), all);
    // Seed 002 has 55 tasks (tests/fixtures/gold/002_96cb3c14e2265961.json).
    ok(&fengong(&["remove", "002_96cb3c14e2265961.txt"], &store));
    assert_eq!(tasks(&store), before - 55);
    let left = ok(&fengong(
        &[
            "query",
            "ASK { GRAPH ?g { ?g fg:sourceKey \"002_96cb3c14e2265961.txt\" } }",
        ],
        &store,
    ));
    assert_eq!(left.trim(), "false");
}

#[test]
fn the_same_bytes_from_another_path_are_one_document() {
    let store = temp("copies");
    ok(&fengong(&["ingest"], &store));
    let before = tasks(&store);
    // Seed 002 under another name in another folder, twice in one ingest.
    let dir = temp("copies-files");
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = support::seed("002_");
    for name in ["plan-copy.txt", "again.txt"] {
        std::fs::write(dir.join(name), seed).expect("write");
    }
    let out = ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    assert!(out.contains("2 files holding plans already in"), "{out}");
    assert_eq!(tasks(&store), before, "no task counted twice");
    let seen = ok(&fengong(
        &[
            "query",
            "SELECT ?p WHERE { ?f fg:seenAt ?p } ORDER BY ?p",
            "--format",
            "csv",
        ],
        &store,
    ));
    assert!(
        seen.contains("again.txt") && seen.contains("plan-copy.txt"),
        "{seen}"
    );
    // Into a new store, the two copies in one ingest: one document, one copy.
    let fresh = temp("copies-fresh");
    let out = ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &fresh));
    assert!(
        out.contains("1 added") && out.contains("1 file holding plans already in"),
        "{out}"
    );
    assert_eq!(tasks(&fresh), 55);
}

#[test]
fn a_reader_and_a_writer_never_hold_the_store_at_once() {
    // Oxigraph's read-only mode is undefined while another process writes: whichever of a
    // reader and a writer comes second is refused, and told what to do.
    let store = temp("busy");
    ok(&fengong(&["ingest"], &store));
    let before = tasks(&store);
    let stderr = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();
    {
        // A writer holds the store, as an ingest does.
        let _writer = fengong_store::Store::open(&store).expect("writer opens");
        for args in [&["stats", "--format", "json"][..], &["rank", "--top", "3"]] {
            let out = fengong(args, &store);
            assert!(!out.status.success(), "{args:?} read beside a writer");
            assert!(
                stderr(&out).contains("another process is writing"),
                "{}",
                stderr(&out)
            );
        }
    }
    {
        // Readers hold it, as `fengong serve` does: they share it; a writer is refused and
        // pointed at the server's own ingest.
        let _reader = fengong_store::Store::open_read_only(&store).expect("reader opens");
        assert_eq!(tasks(&store), before);
        let out = fengong(&["ingest"], &store);
        assert!(!out.status.success());
        assert!(stderr(&out).contains("serve --watch"), "{}", stderr(&out));
        // rank --save answers all the same, and says it did not save.
        let out = fengong(&["rank", "--top", "3", "--save"], &store);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("not saved"), "{}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.starts_with("1 ")));
    }
    // Both gone: the writer may come in again.
    let out = fengong(&["rank", "--top", "3", "--save"], &store);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("not saved"), "{}", stderr(&out));
}

#[test]
fn prune_takes_out_the_documents_whose_files_are_gone() {
    let store = temp("prune-store");
    ok(&fengong(&["ingest"], &store));
    let dir = temp("prune-files");
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = support::seed;
    // Not the seeds' own plans (those would be other files of the embedded documents): one
    // task title changed in each, so each is a version of its own.
    let edited = |prefix: &str, from: &str, to: &str| {
        let text = String::from_utf8(seed(prefix).to_vec()).expect("UTF-8 seed");
        assert!(text.contains(from), "{prefix} holds {from}");
        text.replacen(from, to, 1)
    };
    std::fs::write(
        dir.join("a.txt"),
        edited("000_", "4)实施文化数字化战略", "4)实施文化数字化工程"),
    )
    .expect("write");
    std::fs::write(
        dir.join("b.txt"),
        edited(
            "003_",
            "全面实施广东省核心软件攻关工程",
            "全面实施核心软件攻关工程",
        ),
    )
    .expect("write");
    ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    let before = tasks(&store);
    std::fs::remove_file(dir.join("a.txt")).expect("rm");
    let out = ok(&fengong(&["prune"], &store));
    assert!(
        out.contains("removed a.txt") && out.contains("1 document removed"),
        "{out}"
    );
    // Seed 000 has 6 tasks (tests/fixtures/gold/000_300f91a4b6124a40.json); b.txt and the
    // embedded seeds stay.
    assert_eq!(tasks(&store), before - 6);
    let again = ok(&fengong(&["prune"], &store));
    assert!(again.contains("0 documents removed"), "{again}");
}

/// The lead and cooperating agencies of one task of the store, by plan key and ordinal.
fn roles(store: &std::path::Path, key: &str, ordinal: u32) -> (Vec<String>, Vec<String>) {
    let q = format!(
        "SELECT ?role ?name WHERE {{ GRAPH ?g {{ ?g fg:sourceKey \"{key}\" . ?t fg:ordinal {ordinal} ; a fg:Task . ?m org:organization ?t ; org:role ?r ; fg:nameAsWritten ?name ; fg:position ?k }} ?r skos:notation ?role }} ORDER BY ?role ?k"
    );
    let out = ok(&fengong(&["query", &q, "--format", "tsv"], store));
    let (mut lead, mut cooperate) = (Vec::new(), Vec::new());
    for line in out.lines().skip(1) {
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| {
                c.trim_matches('"')
                    .split("\"@")
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect();
        match cells[0].as_str() {
            "lead" => lead.push(cells[1].clone()),
            "cooperate" => cooperate.push(cells[1].clone()),
            _ => {}
        }
    }
    (lead, cooperate)
}

#[test]
fn a_correction_survives_reingest_and_is_cited() {
    let store = temp("correct-store");
    let dir = temp("correct-files");
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = support::seed("002_");
    let file = dir.join("002.txt");
    std::fs::write(&file, seed).expect("write");
    let folder = dir.to_str().expect("utf-8");
    ok(&fengong(&["ingest", folder], &store));
    // (二十), task 20 of seed 002, by the gold (tests/fixtures/gold/002_96cb3c14e2265961.json).
    let parsed = (
        vec!["省政务服务和数据管理局".to_owned()],
        vec!["省财政厅".to_owned(), "省统计局".to_owned()],
    );
    assert_eq!(roles(&store, "002.txt", 20), parsed);
    let fix = |extra: &[&str]| {
        let mut args = vec![
            "correct",
            "002.txt",
            "(二十)",
            "--lead",
            "省财政厅",
            "--cooperate",
            "省政务服务和数据管理局、省统计局",
            "--reason",
            "核对原文:由省财政厅牵头",
            "--by",
            "李明",
            "--date",
            "2026-12-03",
        ];
        args.extend(extra);
        fengong(&args, &store)
    };
    let out = ok(&fix(&[]));
    assert!(
        out.contains(
            "lead: 省政务服务和数据管理局; cooperate: 省财政厅、省统计局 → lead: 省财政厅"
        ),
        "{out}"
    );
    let corrected = (
        vec!["省财政厅".to_owned()],
        vec!["省政务服务和数据管理局".to_owned(), "省统计局".to_owned()],
    );
    assert_eq!(roles(&store, "002.txt", 20), corrected);
    let entry = std::fs::read_to_string(store.join("corrections.toml")).expect("written");
    assert!(
        entry.contains("task = \"(二十)\"") && entry.contains("by = \"李明\""),
        "{entry}"
    );
    // The same correction again changes nothing and writes nothing.
    let again = fix(&[]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already so"));
    assert_eq!(
        std::fs::read_to_string(store.join("corrections.toml")).expect("read"),
        entry
    );

    // A name no registry entry knows and the plan does not write is refused as a likely
    // typo, with what it may have meant; nothing is written.
    let typo = fengong(
        &[
            "correct",
            "002.txt",
            "(二十)",
            "--lead",
            "省财政庁",
            "--reason",
            "x",
            "--by",
            "李明",
        ],
        &store,
    );
    assert!(!typo.status.success());
    let err = String::from_utf8_lossy(&typo.stderr);
    assert!(
        err.contains("省财政庁: no registry entry") && err.contains("--new-agency"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(store.join("corrections.toml")).expect("read"),
        entry
    );

    // Answers cite it: who, when, why and what the parser had read.
    let answer = ok(&fengong(
        &["ask", "省财政厅牵头哪些任务", "--format", "json"],
        &store,
    ));
    let v: serde_json::Value = serde_json::from_str(&answer).expect("json");
    let line = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["task"]["number"] == "(二十)")
        .expect("(二十) is now led by 省财政厅");
    let c = &line["corrections"][0];
    assert_eq!(c["by"], "李明");
    assert_eq!(c["date"], "2026-12-03");
    assert_eq!(c["reason"], "核对原文:由省财政厅牵头");
    assert_eq!(
        c["parser_said"],
        "lead: 省政务服务和数据管理局; cooperate: 省财政厅、省统计局"
    );
    let table = ok(&fengong(&["agency", "省财政厅"], &store));
    assert!(
        table.contains("(二十) †") && table.contains("corrected by hand"),
        "{table}"
    );
    // PROV: the memberships it set were generated by it, and it is associated with its author.
    let prov = ok(&fengong(
        &["query", "ASK { ?m org:member/skos:prefLabel \"广东省财政厅\"@zh-hans ; org:role fg:LeadRole ; prov:wasGeneratedBy ?c . ?c a fg:Correction ; prov:wasAssociatedWith/foaf:name \"李明\" ; fg:parserSaid ?said }"],
        &store,
    ));
    assert_eq!(prov.trim(), "true");

    // A backup keeps the corrections: re-ingested, the restored store still reads (二十) fixed.
    let copy = temp("corrected-backup");
    ok(&fengong(&["backup", copy.to_str().expect("utf-8")], &store));
    assert_eq!(
        std::fs::read_to_string(copy.join("corrections.toml")).expect("backed up"),
        entry
    );
    ok(&fengong(&["ingest", folder], &copy));
    assert_eq!(roles(&copy, "002.txt", 20), corrected);

    // The file changes (a line added at the end): re-read, and the correction applied again.
    std::fs::write(&file, [seed, "\n附件略。\n".as_bytes()].concat()).expect("write");
    let out = ok(&fengong(&["ingest", folder], &store));
    assert!(
        out.contains("1 replaced") && out.contains("1 correction by hand applied"),
        "{out}"
    );
    assert_eq!(roles(&store, "002.txt", 20), corrected);

    // The task's words change: the entry no longer fits, is not applied, and says so.
    let text = String::from_utf8_lossy(seed).replace("完善數據要素法規制度體系", "健全数据制度");
    std::fs::write(&file, text).expect("write");
    let out = fengong(&["ingest", folder], &store);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("corrections.toml:") && err.contains("quote") && err.contains("not applied"),
        "{err}"
    );
    assert_eq!(roles(&store, "002.txt", 20), parsed);

    // A corrections file that does not read: an error naming file and line, nothing written.
    std::fs::write(&file, seed).expect("write");
    let all = quads(&store);
    let path = store.join("corrections.toml");
    std::fs::write(
        &path,
        format!("{entry}\n[[task]]\nplan = \"002.txt\"\ntask = \n"),
    )
    .expect("write");
    let out = fengong(&["ingest", folder], &store);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("corrections.toml:"), "{err}");
    assert_eq!(quads(&store), all);

    // Taken out of the file, the correction is gone from the store at the next ingest.
    std::fs::write(&path, "").expect("write");
    ok(&fengong(&["ingest", folder], &store));
    assert_eq!(roles(&store, "002.txt", 20), parsed);
    let left = ok(&fengong(&["query", "ASK { ?c a fg:Correction }"], &store));
    assert_eq!(left.trim(), "false");
}

#[test]
fn documents_of_an_earlier_version_are_said_and_brought_up_to_date() {
    let store = temp("old-version");
    let dir = temp("old-version-files");
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = support::seed("000_");
    std::fs::write(dir.join("a.txt"), [seed, b"\n"].concat()).expect("write");
    ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    let fresh = quads(&store);
    // As an earlier fengong would have left it: another version on the document's graph.
    {
        let s = fengong_store::Store::open(&store).expect("open");
        s.oxigraph()
            .expect("a store on disk")
            .update(
                "DELETE { GRAPH ?g { ?g <https://w3id.org/fengong/ns#fengongVersion> ?v } } \
                 INSERT { GRAPH ?g { ?g <https://w3id.org/fengong/ns#fengongVersion> \"0.0.1+model.1\" } } \
                 WHERE { GRAPH ?g { ?g <https://w3id.org/fengong/ns#fengongVersion> ?v } }",
            )
            .expect("update");
    }
    let out = fengong(&["stats"], &store);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 document in"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Any ingest (here of the embedded corpus) re-derives it from its stored parse, though its
    // file is gone.
    std::fs::remove_dir_all(&dir).expect("rm");
    let out = ok(&fengong(&["ingest"], &store));
    assert!(out.contains("1 other re-derived"), "{out}");
    let out = fengong(&["stats"], &store);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("earlier fengong"));
    // Its graph is as a fresh ingest wrote it (ingest times aside).
    let doc = |q: &[String]| -> Vec<String> {
        q.iter()
            .filter(|l| l.contains("graph/doc/a.txt") && !l.contains("generatedAtTime"))
            .cloned()
            .collect()
    };
    assert_eq!(doc(&quads(&store)), doc(&fresh));
}

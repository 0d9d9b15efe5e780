//! The store through the `fengong` binary: ingest, re-ingest, kill in the middle, stats, query,
//! export, and the errors people will meet.

use fengong_rdf::{self as rdf, IngestRecord, Source};
use fengong_store::Store;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod support;
use support::{fengong, ok};

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus")
}

/// `fengong stats --format json`, without the size on disk (RocksDB compacts as it likes).
fn stats(store: &Path) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_str(&ok(&fengong(&["stats", "--format", "json"], store))).unwrap();
    assert!(v["bytes_on_disk"].as_u64().unwrap() > 0);
    v.as_object_mut().unwrap().remove("bytes_on_disk");
    v
}

#[test]
fn ingest_the_seeds_then_again_changes_nothing() {
    let dir = scratch("reingest");
    let store = dir.join("store");
    let first = ok(&fengong(&["ingest", corpus().to_str().unwrap()], &store));
    assert!(
        first.starts_with("5 documents (5 added, 0 replaced, 0 unchanged; 2 files with no task)"),
        "{first}"
    );
    let s1 = stats(&store);
    assert_eq!(s1["tasks"], 91);
    assert_eq!(s1["lead"], 81);
    let dump1 = ok(&fengong(&["export", "--format", "nquads"], &store));

    // The embedded corpus has the same keys and bytes: nothing to do.
    let again = ok(&fengong(&["ingest"], &store));
    assert!(
        again.starts_with("5 documents (0 added, 0 replaced, 5 unchanged; 2 files with no task)"),
        "{again}"
    );
    let dump2 = ok(&fengong(&["export", "--format", "nquads"], &store));
    assert_eq!(dump1, dump2);
    assert_eq!(s1, stats(&store));

    // A first ingest compacts the store; writing nothing, or a little, does not rewrite it.
    assert!(first.contains("compacted in"), "{first}");
    assert!(!again.contains("compacted"), "{again}");
    let more = dir.join("more");
    std::fs::create_dir_all(&more).unwrap();
    // Not the seed's very bytes, which would be the seed seen at another path.
    let mut article = std::fs::read(corpus().join("001_d3db4741e30b74f2.txt")).unwrap();
    article.extend_from_slice("\n（转载）\n".as_bytes());
    std::fs::write(more.join("article.txt"), article).unwrap();
    let small = ok(&fengong(&["ingest", more.to_str().unwrap()], &store));
    assert!(
        small.starts_with("1 document (1 added, 0 replaced, 0 unchanged; 1 file with no task)"),
        "{small}"
    );
    assert!(!small.contains("compacted"), "{small}");
}

#[test]
fn the_same_file_gets_the_same_iris_in_any_store() {
    let dir = scratch("iris");
    let dumps: Vec<Vec<String>> = ["a", "b"]
        .iter()
        .map(|s| {
            let store = dir.join(s);
            ok(&fengong(&["ingest"], &store));
            let mut lines: Vec<String> = ok(&fengong(&["export"], &store))
                .lines()
                // The ingest time is the one thing that may differ.
                .filter(|l| !l.contains("generatedAtTime"))
                .map(str::to_owned)
                .collect();
            lines.sort();
            lines
        })
        .collect();
    assert!(dumps[0].len() > 1000);
    assert_eq!(dumps[0], dumps[1]);
}

#[test]
fn a_changed_file_replaces_its_document_only() {
    let dir = scratch("replace");
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("2022")).unwrap();
    let seed = std::fs::read(corpus().join("003_86a82796624c70d7.txt")).unwrap();
    std::fs::write(docs.join("2022/plan.txt"), &seed).unwrap();
    std::fs::copy(
        corpus().join("000_300f91a4b6124a40.txt"),
        docs.join("other.txt"),
    )
    .unwrap();
    let store = dir.join("store");
    ok(&fengong(&["ingest", docs.to_str().unwrap()], &store));
    let before = stats(&store);
    assert_eq!(before["tasks"], 30 + 6);

    // Drop the last task (the last numbered paragraph) from the 2022 plan.
    let text = String::from_utf8(seed).unwrap();
    let cut = text
        .rfind("（三十）")
        .or_else(|| text.rfind("(三十)"))
        .unwrap();
    std::fs::write(docs.join("2022/plan.txt"), &text[..cut]).unwrap();
    let out = ok(&fengong(&["ingest", "-v", docs.to_str().unwrap()], &store));
    assert!(
        out.starts_with("2 documents (0 added, 1 replaced, 1 unchanged)"),
        "{out}"
    );
    let after = stats(&store);
    assert_eq!(after["tasks"], 29 + 6);
    assert_eq!(after["plans"], 2);

    // Its key is its path under the folder given.
    let q = "SELECT ?k WHERE { ?g fg:sourceKey ?k } ORDER BY ?k";
    let keys = ok(&fengong(&["query", q, "--format", "csv"], &store));
    assert_eq!(keys.replace('\r', ""), "k\n2022/plan.txt\nother.txt\n");
}

#[test]
fn a_killed_ingest_leaves_each_document_whole_or_absent() {
    let dir = scratch("kill");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let seeds: Vec<(String, Vec<u8>)> = fengong_parse::input::DEFAULT
        .iter()
        .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
        .collect();
    let copies = 30;
    // Each copy different by a line, so that each is a document of its own (the same bytes
    // would be one document seen at many paths).
    let copy_of = |bytes: &[u8], k: usize| [bytes, format!("\n\n{k:03}\n").as_bytes()].concat();
    for k in 0..copies {
        for (name, bytes) in &seeds {
            std::fs::write(docs.join(format!("{k:03}-{name}")), copy_of(bytes, k)).unwrap();
        }
    }
    let total = copies * seeds.len();
    let store = dir.join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args([
            "ingest",
            "-v",
            // Small batches, so that the kill comes between them.
            "--batch-quads",
            "2000",
            "--store",
            store.to_str().unwrap(),
            docs.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = 0;
    while seen < 8 {
        let line = lines.next().expect("ingest reports progress").unwrap();
        if line.starts_with("added ") {
            seen += 1;
        }
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up.
    child.wait().unwrap();

    let s = Store::open(&store).expect("the store opens after a kill");
    let record = IngestRecord {
        time: String::new(),
        version: String::new(),
    };
    let registry = fengong_registry::Registry::embedded();
    let mut present = 0;
    for k in 0..copies {
        for (name, bytes) in &seeds {
            let key = format!("{k:03}-{name}");
            let graph = rdf::iri::document_graph(&key);
            let held = s.graph_len(graph.as_ref()).unwrap();
            if held == 0 {
                continue;
            }
            present += 1;
            let bytes = copy_of(bytes, k);
            let doc = fengong_parse::parse_bytes(&key, &bytes).unwrap();
            let source = Source::new(&key, &docs.join(&key).to_string_lossy(), &bytes);
            let want = rdf::document_quads(&doc, None, &source, &record, registry)
                .own
                .len();
            assert_eq!(held, want, "{key} is whole");
        }
    }
    assert!(
        present >= 8 && present < total,
        "{present} of {total} documents"
    );
    drop(s);

    // Ingesting again finishes the job and skips what is there.
    let out = ok(&fengong(&["ingest", docs.to_str().unwrap()], &store));
    assert!(
        out.contains(&format!(
            "{} added, 0 replaced, {present} unchanged",
            total - present
        )),
        "{out}"
    );
}

#[test]
fn exported_turtle_parses_back_to_the_same_triples() {
    let dir = scratch("export");
    let store = dir.join("store");
    ok(&fengong(&["ingest"], &store));
    let ttl = dir.join("all.ttl");
    ok(&fengong(
        &["export", "--format", "turtle", "-o", ttl.to_str().unwrap()],
        &store,
    ));
    let text = std::fs::read(&ttl).unwrap();
    assert!(!dir.join("all.ttl.partial").exists());
    let parsed: oxigraph::model::Graph =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(&text)
            .map(|q| oxigraph::model::Triple::from(q.expect("valid Turtle")))
            .collect();
    assert_eq!(
        parsed.len() as u64,
        stats(&store)["triples"].as_u64().unwrap()
    );

    let trig = ok(&fengong(&["export", "--format", "trig"], &store));
    let quads = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::TriG)
        .for_slice(trig.as_bytes())
        .count();
    assert_eq!(quads as u64, stats(&store)["triples"].as_u64().unwrap());
}

#[test]
fn query_formats_bindings_and_prefixes() {
    let dir = scratch("query");
    let store = dir.join("store");
    ok(&fengong(&["ingest"], &store));
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/agency-leads.rq");
    let args = |fmt: &str| {
        fengong(
            &[
                "query",
                "--file",
                file.to_str().unwrap(),
                "--bind",
                "agencyName=省科技厅",
                "--format",
                fmt,
            ],
            &store,
        )
    };
    let csv = ok(&args("csv"));
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    // The registry's official name, whatever form the plan used.
    assert!(
        rows.iter().all(|r| r.starts_with("广东省科学技术厅,")),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&args("json"))).unwrap();
    assert_eq!(
        json["results"]["bindings"].as_array().unwrap().len(),
        rows.len()
    );
    let table = ok(&args("table"));
    assert!(table.contains(&format!("({} rows)", rows.len())), "{table}");
    assert!(ok(&args("xml")).contains("<sparql"));
    assert!(ok(&args("tsv")).starts_with("?agency\t"));

    // CONSTRUCT gives Turtle with the project's prefixes.
    let ttl = ok(&fengong(
        &[
            "query",
            "CONSTRUCT { ?a fg:leads ?t } WHERE { ?a fg:leads ?t }",
            "--format",
            "turtle",
        ],
        &store,
    ));
    assert!(ttl.contains("fg:leads"), "{ttl}");
    let ask = ok(&fengong(&["query", "ASK { ?a fg:leads ?t }"], &store));
    assert_eq!(ask.trim(), "true");
    // Labels match as written in a query, whatever the case of the language tag.
    let q = "SELECT ?t WHERE { ?a skos:altLabel \"省科技厅\"@zh-Hans ; fg:leads ?t }";
    let csv = ok(&fengong(&["query", q, "--format", "csv"], &store));
    assert_eq!(csv.lines().count() - 1, rows.len(), "{csv}");
}

#[test]
fn errors_say_what_went_wrong() {
    let dir = scratch("errors");
    let store = dir.join("store");

    let missing = fengong(&["stats"], &store);
    // Ingest makes the store's parent folders (the default is under ~/.local/share).
    let nested = dir.join("a/b/store");
    ok(&fengong(&["ingest"], &nested));
    assert!(nested.join("CURRENT").is_file());
    assert!(!missing.status.success());
    let msg = String::from_utf8_lossy(&missing.stderr);
    assert!(
        msg.contains("no store here yet") && msg.contains("fengong ingest"),
        "{msg}"
    );

    ok(&fengong(&["ingest"], &store));
    let bad = dir.join("bad.rq");
    std::fs::write(&bad, "SELECT ?x WHERE { ?x fg:leads }").unwrap();
    let out = fengong(&["query", "--file", bad.to_str().unwrap()], &store);
    assert!(!out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("bad.rq") && msg.contains("syntax"), "{msg}");

    let out = fengong(
        &["query", "SELECT * WHERE { ?s ?p ?o }", "--bind", "x"],
        &store,
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("NAME=VALUE"));

    let out = fengong(
        &[
            "query",
            "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
            "--format",
            "turtle",
        ],
        &store,
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("SELECT query gives rows"));

    // One unreadable file among good ones: reported by name, the rest ingested, exit non-zero.
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    // Seed 003 with one task title changed: a version of its own, not another file of the seed.
    let good = std::fs::read_to_string(corpus().join("003_86a82796624c70d7.txt")).unwrap();
    let good = good.replacen(
        "全面实施广东省核心软件攻关工程",
        "全面实施核心软件攻关工程",
        1,
    );
    std::fs::write(docs.join("good.txt"), good).unwrap();
    std::fs::write(
        docs.join("broken.txt"),
        [0xFFu8, 0xFE, 0x00, 0x41, 0x00, 0x00],
    )
    .unwrap();
    let before = stats(&store)["triples"].as_u64().unwrap();
    let out = fengong(&["ingest", docs.to_str().unwrap()], &store);
    assert!(!out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("broken.txt"), "{msg}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("1 added") && summary.contains("1 failed"),
        "{summary}"
    );
    assert!(stats(&store)["triples"].as_u64().unwrap() > before);
}

/// Names of the people the store describes.
fn people(store: &Path) -> std::collections::BTreeSet<String> {
    ok(&fengong(
        &[
            "query",
            "SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n }",
            "--format",
            "csv",
        ],
        store,
    ))
    .lines()
    .skip(1)
    .map(str::to_owned)
    .collect()
}

/// The supervising officials of a seed's gold annotation.
fn gold_supervisors(stem: &str) -> std::collections::BTreeSet<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/gold/{stem}.json"));
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    gold["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["supervisors"].as_array().cloned().unwrap_or_default())
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn replacing_documents_drops_the_entities_no_document_names_any_more() {
    let dir = scratch("prune");
    let (docs, store) = (dir.join("docs"), dir.join("store"));
    std::fs::create_dir_all(&docs).unwrap();
    let seed = |stem: &str| std::fs::read(corpus().join(format!("{stem}.txt"))).unwrap();
    let digest = "000_300f91a4b6124a40"; // the only seed with supervising officials
    let economy = "003_86a82796624c70d7";
    for key in ["a.txt", "b.txt"] {
        std::fs::write(docs.join(key), seed(digest)).unwrap();
    }
    ok(&fengong(&["ingest", docs.to_str().unwrap()], &store));
    let officials = gold_supervisors(digest);
    assert_eq!(officials.len(), 4);
    assert_eq!(people(&store), officials);

    // a.txt becomes another plan: b.txt still names the officials, so they stay.
    std::fs::write(docs.join("a.txt"), seed(economy)).unwrap();
    let out = ok(&fengong(&["ingest", docs.to_str().unwrap()], &store));
    assert!(out.contains("1 replaced"), "{out}");
    assert_eq!(people(&store), officials);

    // Now no document names them.
    std::fs::write(docs.join("b.txt"), seed(economy)).unwrap();
    ok(&fengong(&["ingest", docs.to_str().unwrap()], &store));
    assert_eq!(people(&store), gold_supervisors(economy));
    let posts = ok(&fengong(&["query", "ASK { ?p a org:Post }"], &store));
    assert_eq!(posts.trim(), "false", "their posts went with them");
}

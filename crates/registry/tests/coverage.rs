//! The registry on the plans people bring: the seeds and the 28 real plans of
//! `tests/fixtures/real` and `tests/fixtures/real2`. Nearly every role assignment to an agency
//! (groups aside) reaches a registry entry or a function entity, every entity has a real place,
//! the national and local forms collapse, and the reform chains hold.

use fengong_registry::{Entity, Registry};
use std::path::Path;

fn registry() -> &'static Registry {
    static R: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    R.get_or_init(|| Registry::load(&[]).expect("data/registry loads"))
}

fn agency(name: &str, jurisdiction: &str) -> Entity {
    registry().agency(name, Some(jurisdiction), false)
}

#[test]
fn the_registry_data_passes_its_check() {
    let check = registry().check();
    assert!(check.problems.is_empty(), "{}", check.problems.join("\n"));
    // What rests on a cited source and what is still marked unverified, for the record.
    let v = check.verification;
    eprintln!("{v:?}");
    assert!(v.agencies_cited > 0 && v.functions_cited > 0, "{v:?}");
}

#[test]
fn national_bodies_are_found_by_their_english_names() {
    let r = registry();
    for (en, zh) in [
        ("the Ministry of Finance", "财政部"),
        (
            "National Development and Reform Commission",
            "国家发展和改革委员会",
        ),
        ("ministry of ecology and environment", "生态环境部"),
    ] {
        let found: Vec<&str> = r
            .by_english(en)
            .into_iter()
            .map(|k| r.agencies[k].name.as_str())
            .collect();
        assert_eq!(found, vec![zh], "{en}");
    }
    assert!(r.by_english("Ministry of Magic").is_empty());
}

#[test]
fn role_assignments_in_real_plans_resolve() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(root.join("real/docs"))
        .expect("real plans")
        .chain(std::fs::read_dir(root.join("real2/docs")).expect("real2 plans"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.extend(
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus"))
            .expect("seeds")
            .map(|e| e.expect("entry").path()),
    );
    files.sort();
    let (mut total, mut resolved) = (0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    for f in &files {
        let doc = fengong_parse::parse_file(f).expect("parses");
        let j = doc.document.jurisdiction.as_deref();
        for t in &doc.tasks {
            for name in t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible) {
                if t.collective.contains(name) {
                    continue;
                }
                let key = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let e = registry().agency_in(name, j, false, Some(key));
                total += 1;
                // A real place, or (for a plan that names none) the document itself.
                let scope = e.key.first().map(String::as_str).unwrap_or("");
                assert!(
                    e.jurisdiction.is_some() || (j.is_none() && scope.ends_with(key)),
                    "{}: {name} has no place: {:?}",
                    f.display(),
                    e.key
                );
                if e.provisional {
                    misses.push(format!("{name} ({})", j.unwrap_or("?")));
                } else {
                    resolved += 1;
                }
            }
        }
    }
    misses.sort();
    misses.dedup();
    let share = resolved as f64 / total as f64;
    eprintln!(
        "{resolved}/{total} = {share:.3}; unresolved: {}",
        misses.join(", ")
    );
    assert!(
        share >= 0.95,
        "{resolved}/{total} = {share:.3}; unresolved: {}",
        misses.join(", ")
    );
}

#[test]
fn national_bodies_resolve_from_any_plan() {
    let ndrc = agency("发展改革委", "全国");
    assert_eq!(ndrc.label, "国家发展和改革委员会");
    assert!(!ndrc.provisional);
    for form in ["国家发展改革委", "国家发展和改革委员会", "国家发改委"] {
        assert_eq!(agency(form, "全国").key, ndrc.key, "{form}");
    }
    // A ministry named in a provincial plan is the ministry.
    assert_eq!(agency("财政部", "广东省").key, agency("财政部", "全国").key);
    // A provincial plan's 有关部门 is its own group, not the State Council's.
    let group = registry().agency("有关部门", Some("浙江省"), true);
    assert_eq!(group.key.first().map(String::as_str), Some("浙江省"));
}

#[test]
fn any_citys_agencies_resolve_by_function_and_stay_apart() {
    let hz = agency("市发改委", "杭州市");
    let ls = agency("市发改委", "丽水市");
    assert!(!hz.provisional && !ls.provisional);
    assert_eq!(hz.label, "杭州市发展和改革委员会");
    assert_eq!(ls.label, "丽水市发展和改革委员会");
    assert_ne!(hz.key, ls.key);
    for form in ["杭州市发展改革委", "市发展和改革委员会", "杭州市发改委"] {
        assert_eq!(agency(form, "杭州市").key, hz.key, "{form}");
    }
    // 市 in a district plan is the district's city; 区 is the district.
    assert_eq!(agency("市发改委", "西湖区").key, hz.key);
    assert_eq!(
        agency("省发改委", "杭州市").key,
        agency("浙江省发展改革委", "浙江省").key
    );
    let county = agency("区财政局", "莲都区");
    assert_eq!(county.jurisdiction.as_deref(), Some("莲都区"));
    assert!(!county.provisional);
}

#[test]
fn reform_chains_reach_one_lineage() {
    let r = registry();
    // National: a 2016 plan's 卫生计生委 and a 2020 plan's 卫生健康委.
    let old = agency("卫生计生委", "全国");
    let new = agency("卫生健康委", "全国");
    assert!(!old.provisional && !new.provisional);
    assert_eq!(successors(&old.label), vec![new.label.clone()]);
    // 银监会 → 银保监会 → 金融监管总局; 扶贫办 → 乡村振兴局 → 农业农村部.
    let chain = successors(&agency("银监会", "全国").label);
    assert!(
        chain.contains(&agency("银保监会", "全国").label),
        "{chain:?}"
    );
    assert!(
        chain.contains(&agency("金融监管总局", "全国").label),
        "{chain:?}"
    );
    let chain = successors(&agency("扶贫办", "全国").label);
    assert!(
        chain.contains(&agency("农业农村部", "全国").label),
        "{chain:?}"
    );
    // 工商总局 went into 市场监管总局.
    let chain = successors(&agency("工商总局", "全国").label);
    assert!(
        chain.contains(&agency("市场监管总局", "全国").label),
        "{chain:?}"
    );
    // Local: a city's 卫计委 is succeeded by the same city's 卫健委.
    let old = agency("市卫计委", "杭州市");
    let (next, _, _) = r.successor(&old).expect("a successor");
    assert_eq!(next.key, agency("市卫健委", "杭州市").key);
}

/// Every entry a registry change leads to from `name`, transitively.
fn successors(name: &str) -> Vec<String> {
    let r = registry();
    let mut out: Vec<String> = Vec::new();
    let mut todo = vec![name.to_owned()];
    while let Some(n) = todo.pop() {
        for c in r.changes.iter().filter(|c| c.from.contains(&n)) {
            for t in &c.to {
                if !out.contains(t) {
                    out.push(t.clone());
                    todo.push(t.clone());
                }
            }
        }
    }
    out
}

#[test]
fn branches_townships_and_plans_without_a_place() {
    let b = agency("市生态环境局咸安分局", "咸宁市咸安区");
    assert_eq!(b.label, "咸宁市生态环境局咸安分局");
    assert_eq!(b.jurisdiction.as_deref(), Some("咸宁市咸安区"));
    let t = agency("东城街道", "永康市");
    assert!(!t.provisional);
    assert_eq!(t.jurisdiction.as_deref(), Some("永康市"));
    // A plan that names no place: its 市教育局 is its own, known by function.
    let r = registry();
    let a = r.agency_in("市教育局", None, false, Some("a.txt"));
    let b = r.agency_in("市教育局", None, false, Some("b.txt"));
    assert!(a.function.is_some() && !a.provisional);
    assert_ne!(a.key, b.key);
}

#[test]
fn an_unresolved_name_says_what_to_add() {
    let why = registry().why_unresolved("区商金中心", Some("丽水市莲都区"));
    assert!(
        why.contains("商金中心") && why.contains("functions.toml"),
        "{why}"
    );
    let why = registry().why_unresolved("发改局", None);
    assert!(why.contains("names no place"), "{why}");
}

//! The registry is read from its folders at run time: a file dropped beside `data/registry/*.toml`
//! counts without a rebuild, a folder of one's own adds to it, and a broken file is named.

use fengong_registry::{Registry, EMBEDDED};
use std::path::{Path, PathBuf};

/// `data/registry` as it is in the checkout.
fn data_registry() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/registry")
}

/// A fresh folder in the temp directory.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-registry-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// Hangzhou's development and reform commission, written as its plans write it (by hand from the
/// commission's own site: 杭州市发展和改革委员会, 市发改委).
const HANGZHOU: &str = r#"
[[agency]]
name = "杭州市发展和改革委员会"
jurisdiction = "杭州市"
kind = "government"
short = ["市发改委", "市发展改革委"]
source = "unverified"
"#;

#[test]
fn a_file_dropped_into_the_folder_is_read_without_a_rebuild() {
    let dir = temp("dropped");
    for entry in std::fs::read_dir(data_registry()).expect("data/registry") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("file name"))).expect("copy");
    }
    let before =
        Registry::from_dirs(std::slice::from_ref(&dir)).expect("a copy of data/registry loads");
    // Known by its function only, until the city has an entry of its own.
    assert!(before
        .agency("市发改委", Some("杭州市"), false)
        .entry
        .is_none());

    std::fs::write(dir.join("zhejiang-hangzhou.toml"), HANGZHOU).expect("write");
    let after = Registry::from_dirs(std::slice::from_ref(&dir)).expect("loads with the new file");
    let e = after.agency("市发改委", Some("杭州市"), false);
    assert!(e.entry.is_some());
    assert_eq!(e.label, "杭州市发展和改革委员会");
    // Other cities' 市发改委 stay their own.
    assert!(after
        .agency("市发改委", Some("丽水市"), false)
        .entry
        .is_none());
    // What was there before still resolves, and the fingerprint tells the two registries apart.
    assert!(
        !after
            .agency("省发展改革委", Some("广东省"), false)
            .provisional
    );
    assert_ne!(before.fingerprint(), after.fingerprint());
    assert_eq!(after.files.len(), before.files.len() + 1);
}

#[test]
fn extra_folders_come_after_the_default_one() {
    let extra = temp("extra");
    std::fs::write(extra.join("hangzhou.toml"), HANGZHOU).expect("write");
    let r = Registry::load(std::slice::from_ref(&extra)).expect("loads");
    assert!(r
        .agency("市发展改革委", Some("杭州市"), false)
        .entry
        .is_some());
    assert!(!r.agency("省科技厅", Some("广东省"), false).provisional);
    assert!(r.files.last().is_some_and(|f| f.ends_with("hangzhou.toml")));
}

#[test]
fn the_folder_and_its_embedded_copy_are_one_registry() {
    // Same files, same fingerprint: documents ingested by a binary that runs on its embedded copy
    // are not re-read by one that reads the folder, nor the other way round.
    let disk = Registry::from_dirs(&[data_registry()]).expect("data/registry loads");
    assert_eq!(disk.fingerprint(), Registry::embedded().fingerprint());
    assert_eq!(disk.files.len(), EMBEDDED.len());
}

#[test]
fn a_broken_or_clashing_file_is_named() {
    let dir = temp("broken");
    std::fs::write(dir.join("bad.toml"), "[[agency]]\nname = \"x\"\nkind = 3\n").expect("write");
    let e = Registry::from_dirs(std::slice::from_ref(&dir))
        .err()
        .expect("refused");
    assert!(e.to_string().contains("bad.toml"), "{e}");

    let dir = temp("twice");
    std::fs::write(dir.join("a.toml"), HANGZHOU).expect("write");
    std::fs::write(dir.join("b.toml"), HANGZHOU).expect("write");
    let e = Registry::from_dirs(std::slice::from_ref(&dir))
        .err()
        .expect("refused");
    let message = e.to_string();
    assert!(
        message.contains("b.toml")
            && message.contains("a.toml")
            && message.contains("listed twice"),
        "{message}"
    );

    let empty = temp("empty");
    let e = Registry::load(std::slice::from_ref(&empty))
        .err()
        .expect("refused");
    assert!(e.to_string().contains("no .toml"), "{e}");
}

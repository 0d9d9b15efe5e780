//! The four 直辖市 name their departments 局 or 委员会, not 厅, and not all alike: a plan's
//! short form must reach the body's real name. Expected names are hand work from each
//! municipality's list of government departments (after the 2018 and 2023–24 reforms).

use fengong_registry::Registry;

fn label(name: &str, jurisdiction: &str) -> String {
    Registry::embedded()
        .agency(name, Some(jurisdiction), false)
        .label
}

#[test]
fn municipal_departments_take_their_real_names() {
    let cases = [
        // (plan's place, name as written, the body)
        ("北京市", "市教委", "北京市教育委员会"),
        ("北京市", "市规划自然资源委", "北京市规划和自然资源委员会"),
        (
            "北京市",
            "市人力资源社会保障局",
            "北京市人力资源和社会保障局",
        ),
        ("北京市", "市住房城乡建设委", "北京市住房和城乡建设委员会"),
        ("北京市", "市交通委", "北京市交通委员会"),
        ("北京市", "市经济和信息化局", "北京市经济和信息化局"),
        ("北京市", "市农业农村局", "北京市农业农村局"),
        ("北京市", "市财政局", "北京市财政局"),
        ("天津市", "市公安局", "天津市公安局"),
        ("天津市", "市教委", "天津市教育委员会"),
        ("天津市", "市市场监管委", "天津市市场监督管理委员会"),
        ("天津市", "市农业农村委", "天津市农业农村委员会"),
        ("天津市", "市工业和信息化局", "天津市工业和信息化局"),
        ("天津市", "市规划资源局", "天津市规划和自然资源局"),
        ("上海市", "市经济信息化委", "上海市经济和信息化委员会"),
        ("上海市", "市商务委", "上海市商务委员会"),
        (
            "上海市",
            "市住房城乡建设管理委",
            "上海市住房和城乡建设管理委员会",
        ),
        ("上海市", "市科委", "上海市科学技术委员会"),
        ("上海市", "市民政局", "上海市民政局"),
        ("上海市", "市规划资源局", "上海市规划和自然资源局"),
        ("重庆市", "市教委", "重庆市教育委员会"),
        ("重庆市", "市商务委", "重庆市商务委员会"),
        ("重庆市", "市文化旅游委", "重庆市文化和旅游发展委员会"),
        ("重庆市", "市水利局", "重庆市水利局"),
        ("重庆市", "市科技局", "重庆市科学技术局"),
        ("重庆市", "市公安局", "重庆市公安局"),
        ("重庆市", "市司法局", "重庆市司法局"),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(place, written, want)| {
            let got = label(written, place);
            (got != *want).then(|| format!("{written} in a {place} plan: {got}, not {want}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_municipal_district_names_its_municipality_s_bodies_by_their_real_names() {
    // `市` in a district plan is its municipality.
    assert_eq!(label("市教委", "海淀区"), "北京市教育委员会");
    assert_eq!(label("市公安局", "沙坪坝区"), "重庆市公安局");
}

#[test]
fn provinces_keep_their_departments() {
    assert_eq!(label("省教育厅", "浙江省"), "浙江省教育厅");
    assert_eq!(label("省公安厅", "湖北省"), "湖北省公安厅");
}

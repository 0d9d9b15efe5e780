//! Kinds of local agency by function (`data/registry/functions.toml`): the name forms a
//! 发展和改革 or 卫生健康 body takes at province, city and county level, so that any place's
//! agency resolves to (place, function) with a canonical name, and the reforms that renamed
//! a function everywhere (卫生计生委 → 卫生健康委) link the two.

use crate::{AgencyKind, ChangeKind};
use fengong_parse::lexicon::PlaceLevel;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The three levels of local government whose agencies plans name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// 省, 自治区, 直辖市 (and 特别行政区).
    Province,
    /// 地级市, 自治州, 地区, 盟.
    City,
    /// 县, 县级市, 区, 旗.
    County,
}

impl Level {
    pub fn of(level: PlaceLevel) -> Level {
        match level {
            PlaceLevel::Province | PlaceLevel::Municipality | PlaceLevel::Sar => Level::Province,
            PlaceLevel::Prefecture => Level::City,
            PlaceLevel::County | PlaceLevel::District => Level::County,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionRecord {
    pub key: String,
    pub label: String,
    pub kind: AgencyKind,
    /// Name cores written after the place, official form first, by level.
    #[serde(default)]
    pub province: Vec<String>,
    #[serde(default)]
    pub city: Vec<String>,
    #[serde(default)]
    pub county: Vec<String>,
    /// The official core in the four 直辖市 where it is not the provincial one: they name most
    /// departments 局 or 委员会 (北京市教育委员会, 天津市公安局), and some differ between them.
    pub municipality: Option<MunicipalCore>,
    /// The canonical name when it is not place + first core (`国家税务总局{place}税务局`).
    pub template: Option<String>,
    /// For kinds of body known by how their names END rather than by a fixed core
    /// (`武汉地铁集团`, `市轨道交通工程建设指挥部`, `莲都经开区管委会`): a name of the place whose
    /// rest ends with one of these, after at least two characters of its own, is such a body.
    #[serde(default)]
    pub endings: Vec<String>,
    /// National bodies' short names written BEFORE the place (`人行郑州中心支行`,
    /// `人民银行长春中心支行`): the name is one of these, a place, and a core of this function.
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// The English name of the kind, `{place}` where the place's English name goes
    /// (`{place} Development and Reform Commission`).
    pub en: Option<String>,
    /// A former function: the year its name ended, what took over, and how.
    pub until: Option<String>,
    pub succeeded_by: Option<String>,
    pub change: Option<ChangeKind>,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// A function's core in the 直辖市: one for all four, or one per municipality named.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum MunicipalCore {
    All(String),
    Each(BTreeMap<String, String>),
}

impl MunicipalCore {
    fn of(&self, place: &str) -> Option<&str> {
        match self {
            MunicipalCore::All(c) => Some(c),
            MunicipalCore::Each(m) => m.get(place).map(String::as_str),
        }
    }

    fn cores(&self) -> Vec<&str> {
        match self {
            MunicipalCore::All(c) => vec![c.as_str()],
            MunicipalCore::Each(m) => m.values().map(String::as_str).collect(),
        }
    }
}

/// The 直辖市 by full name (北京市, 天津市, 上海市, 重庆市), from `data/places.tsv`.
fn is_municipality(place: &str) -> bool {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            fengong_parse::lexicon::lexicon()
                .places
                .iter()
                .filter(|p| p.level == PlaceLevel::Municipality)
                .map(|p| p.name.clone())
                .collect()
        })
        .iter()
        .any(|n| n == place)
}

impl FunctionRecord {
    /// The cores a name may end with at `level`: the level's list, and at province level the
    /// 直辖市 forms too.
    fn indexed_cores(&self, level: Level) -> Vec<&str> {
        let mut all: Vec<&str> = self.cores(level).iter().map(String::as_str).collect();
        if level == Level::Province {
            for c in self.municipality.iter().flat_map(MunicipalCore::cores) {
                if !all.contains(&c) {
                    all.push(c);
                }
            }
        }
        all
    }

    pub fn cores(&self, level: Level) -> &[String] {
        match level {
            Level::Province => &self.province,
            Level::City => &self.city,
            Level::County => &self.county,
        }
    }

    /// The canonical name of this function's body in `place` (of `level`).
    pub fn canonical(&self, place: &str, level: Level) -> Option<String> {
        if let Some(t) = &self.template {
            return Some(
                t.replace("{place}", place)
                    .replace("{short}", &short(place)),
            );
        }
        if level == Level::Province && is_municipality(place) {
            if let Some(core) = self.municipality.as_ref().and_then(|m| m.of(place)) {
                return Some(format!("{place}{core}"));
            }
        }
        let core = self
            .cores(level)
            .first()
            .or_else(|| self.city.first())
            .or_else(|| self.province.first())
            .or_else(|| self.county.first())?;
        Some(format!("{place}{core}"))
    }
}

/// The short form branches of national bodies are named with (`河南` for 河南省, `汉中` for
/// 汉中市: 中国银行保险监督管理委员会河南监管局): the first short form of two or more
/// characters, else the name without its level word.
fn short(place: &str) -> String {
    let lex = fengong_parse::lexicon::lexicon();
    lex.find_place(place)
        .and_then(|p| p.short.iter().find(|s| s.chars().count() >= 2).cloned())
        .unwrap_or_else(|| {
            let mut s = place.to_owned();
            for end in ["自治区", "省", "市", "区", "县"] {
                if let Some(t) = place.strip_suffix(end).filter(|t| t.chars().count() >= 2) {
                    s = t.to_owned();
                    break;
                }
            }
            s
        })
}

/// Cores by level, and by any level for places that name a body as another level does.
#[derive(Debug, Default)]
pub(crate) struct Index {
    by_level: HashMap<(Level, String), usize>,
    any: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, usize>,
    /// Cores by level with 和 left out: several functions there means no match.
    without_he: HashMap<(Level, String), Vec<usize>>,
    /// Functions known by name endings, in file order.
    pub(crate) with_endings: Vec<usize>,
    /// (prefix, function) for functions named prefix-first, longest prefix first.
    pub(crate) prefixes: Vec<(String, usize)>,
}

impl Index {
    /// Indexes the functions; an error is (function, message) for a duplicate key, a core two
    /// functions share at one level, or a successor that is not there.
    pub(crate) fn new(functions: &[FunctionRecord]) -> Result<Index, (usize, String)> {
        let mut ix = Index::default();
        for (k, f) in functions.iter().enumerate() {
            if ix.by_key.insert(f.key.clone(), k).is_some() {
                return Err((k, format!("function {} is listed twice", f.key)));
            }
            if !f.endings.is_empty() {
                ix.with_endings.push(k);
            }
            for p in &f.prefixes {
                ix.prefixes.push((p.clone(), k));
            }
            if let Some(MunicipalCore::Each(m)) = &f.municipality {
                if let Some(p) = m.keys().find(|p| !is_municipality(p)) {
                    return Err((k, format!("{}: {p} is not a 直辖市", f.key)));
                }
            }
            for level in [Level::Province, Level::City, Level::County] {
                for core in f.indexed_cores(level) {
                    let core = core.to_owned();
                    if let Some(&other) = ix.by_level.get(&(level, core.clone())) {
                        if other != k {
                            return Err((
                                k,
                                format!(
                                    "{core} names both {} and {} at {level:?} level",
                                    functions[other].key, f.key
                                ),
                            ));
                        }
                    }
                    ix.by_level.insert((level, core.clone()), k);
                    let plain = ix
                        .without_he
                        .entry((level, core.replace('和', "")))
                        .or_default();
                    if !plain.contains(&k) {
                        plain.push(k);
                    }
                    let slot = ix.any.entry(core.clone()).or_default();
                    if !slot.contains(&k) {
                        slot.push(k);
                    }
                }
            }
        }
        ix.prefixes
            .sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        for (k, f) in functions.iter().enumerate() {
            if let Some(s) = &f.succeeded_by {
                if !ix.by_key.contains_key(s) {
                    return Err((
                        k,
                        format!("{} is succeeded by {s}, which is not a function", f.key),
                    ));
                }
            }
        }
        Ok(ix)
    }

    /// The function whose core `core` is at `level`, else the one function any level gives it;
    /// then the same with 和 left out on both sides, as names of merged bureaus are written
    /// with it or without it (`文化和广电旅游体育局`, `文化广电旅游体育局`).
    pub(crate) fn find(&self, level: Level, core: &str) -> Option<usize> {
        let exact = |core: &str| {
            self.by_level
                .get(&(level, core.to_owned()))
                .copied()
                .or_else(|| match self.any.get(core).map(Vec::as_slice) {
                    Some([k]) => Some(*k),
                    _ => None,
                })
        };
        exact(core).or_else(|| {
            let plain = core.replace('和', "");
            match self.without_he.get(&(level, plain)).map(Vec::as_slice) {
                Some([k]) => Some(*k),
                _ => None,
            }
        })
    }

    pub(crate) fn by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }
}

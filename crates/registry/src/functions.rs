//! Kinds of local agency by function (`data/registry/functions.toml`): the name forms a
//! 发展和改革 or 卫生健康 body takes at province, city and county level, so that any place's
//! agency resolves to (place, function) with a canonical name, and the reforms that renamed
//! a function everywhere (卫生计生委 → 卫生健康委) link the two.

use crate::{AgencyKind, ChangeKind};
use fengong_parse::lexicon::PlaceLevel;
use serde::Deserialize;
use std::collections::HashMap;

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
    /// The canonical name when it is not place + first core (`国家税务总局{place}税务局`).
    pub template: Option<String>,
    /// A former function: the year its name ended, what took over, and how.
    pub until: Option<String>,
    pub succeeded_by: Option<String>,
    pub change: Option<ChangeKind>,
    pub note: Option<String>,
    pub source: Option<String>,
}

impl FunctionRecord {
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
            return Some(t.replace("{place}", place));
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

/// Cores by level, and by any level for places that name a body as another level does.
#[derive(Debug, Default)]
pub(crate) struct Index {
    by_level: HashMap<(Level, String), usize>,
    any: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, usize>,
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
            for level in [Level::Province, Level::City, Level::County] {
                for core in f.cores(level) {
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
                    let slot = ix.any.entry(core.clone()).or_default();
                    if !slot.contains(&k) {
                        slot.push(k);
                    }
                }
            }
        }
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

    /// The function whose core `core` is at `level`, else the one function any level gives it.
    pub(crate) fn find(&self, level: Level, core: &str) -> Option<usize> {
        self.by_level
            .get(&(level, core.to_owned()))
            .copied()
            .or_else(|| match self.any.get(core).map(Vec::as_slice) {
                Some([k]) => Some(*k),
                _ => None,
            })
    }

    pub(crate) fn by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }
}

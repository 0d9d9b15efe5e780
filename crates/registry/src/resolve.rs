//! Names as written → agency entities. A name is read in its document's jurisdiction (`省` in a
//! Guangdong plan is 广东省, `市发改委` in two cities' plans are two agencies), then matched in the
//! curated registry (`data/registry/`) by official name, by short form, then by normalised form.
//! A name that matches nothing becomes a provisional entity of its jurisdiction — flagged, and
//! never merged with a look-alike.

use crate::functions::Level;
use crate::{AgencyKind, Match, Registry};
use fengong_parse::lexicon::{lexicon, Place, PlaceLevel};

/// One agency, person or group as the knowledge graph names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Path segments under the agency namespace: jurisdiction, then name.
    pub key: Vec<String>,
    /// The preferred label: the official name for registry entries, else the name as written.
    pub label: String,
    pub jurisdiction: Option<String>,
    /// Stands for several agencies (`各地级以上市人民政府`).
    pub collective: bool,
    /// Matched no registry entry.
    pub provisional: bool,
    /// The registry entry, and how the name matched it.
    pub entry: Option<(usize, Match)>,
    pub kind: Option<AgencyKind>,
    /// The function (`functions.toml`) a local agency was recognised by, when no entry of
    /// its own matched: `杭州市发改委` is 杭州市's 发展和改革 body.
    pub function: Option<usize>,
}

/// The jurisdiction of national bodies (`data/registry/national.toml`).
pub const NATIONAL: &str = "全国";

/// The segment used for names read outside any known jurisdiction.
const NO_JURISDICTION: &str = "_";

/// Where a name may belong, most specific first: the place it starts with (and that place's
/// province), then the document's jurisdiction (or, for `省…` in a city plan, its province).
fn scopes(name: &str, jurisdiction: Option<&str>) -> Vec<String> {
    let lex = lexicon();
    let province_of = |place: &str| -> Option<String> {
        let p = lex.find_place(place)?;
        match p.level {
            PlaceLevel::Province | PlaceLevel::Municipality | PlaceLevel::Sar => {
                Some(p.name.clone())
            }
            _ => {
                let parent = lex.find_place(p.parent.as_deref()?)?;
                match parent.level {
                    PlaceLevel::Province | PlaceLevel::Municipality => Some(parent.name.clone()),
                    _ => parent.parent.clone(),
                }
            }
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: Option<String>| {
        if let Some(s) = s {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    };
    if let Some(prefix) = lex.place_prefix(name) {
        if let Some(p) = lex.find_place(prefix) {
            push(Some(p.name.clone()));
            push(province_of(&p.name));
        }
    }
    if let Some(j) = jurisdiction {
        if name.starts_with('省') {
            push(province_of(j));
        }
        push(Some(j.to_owned()));
        // A district cited with its city (`鞍山市立山区`) is also the registry's `立山区`.
        push(lex.find_place(j).map(|p| p.name.clone()));
    }
    // National bodies are named the same in every plan: 财政部 in a provincial plan is the
    // ministry, not a provincial body.
    push(Some(NATIONAL.to_owned()));
    out
}

/// The place a local agency's name belongs to, that place's level, and the rest of the name:
/// `杭州市发改委` → (杭州市, city, 发改委); `市发改委` in a 西湖区 plan → (杭州市, city, 发改委);
/// `省委组织部` in a city plan → (its province, province, 委组织部); `财政局` in a county plan
/// → (that county, county, 财政局).
fn local_parts<'a>(name: &'a str, jurisdiction: Option<&str>) -> Option<(String, Level, &'a str)> {
    let lex = lexicon();
    let name = name.strip_prefix("中共").unwrap_or(name);
    if let Some(prefix) = lex.place_prefix(name) {
        let p = lex.find_place(prefix)?;
        let mut rest = &name[prefix.len()..];
        // `杭州` + `市发改委`: the short form, then the level word.
        if prefix != p.name {
            if let Some(tail) = p.name.strip_prefix(prefix) {
                rest = rest.strip_prefix(tail).unwrap_or(rest);
            }
        }
        let place = if Some(prefix) == jurisdiction {
            prefix.to_owned()
        } else {
            full_place(p)
        };
        return (!rest.is_empty()).then(|| (place, Level::of(p.level), rest));
    }
    let given = jurisdiction?;
    let here = lex.find_place(given)?;
    // The place as the document gives it (`鞍山市立山区`) when it is this place.
    let keyed = |p: &Place| {
        if std::ptr::eq(p, here) && given.ends_with(p.name.as_str()) {
            given.to_owned()
        } else {
            full_place(p)
        }
    };
    let levels: [(&str, &[PlaceLevel]); 8] = [
        ("自治区", &[PlaceLevel::Province]),
        ("省", &[PlaceLevel::Province]),
        (
            "市",
            &[
                PlaceLevel::Prefecture,
                PlaceLevel::Municipality,
                PlaceLevel::County,
            ],
        ),
        ("州", &[PlaceLevel::Prefecture]),
        ("盟", &[PlaceLevel::Prefecture]),
        ("县", &[PlaceLevel::County]),
        ("区", &[PlaceLevel::District, PlaceLevel::County]),
        ("旗", &[PlaceLevel::County]),
    ];
    for (word, kinds) in levels {
        if let Some(rest) = name.strip_prefix(word) {
            let p = ancestor(here, |p| kinds.contains(&p.level) && p.name.ends_with(word))?;
            return (!rest.is_empty()).then(|| (keyed(p), Level::of(p.level), rest));
        }
    }
    Some((keyed(here), Level::of(here.level), name))
}

/// [`local_parts`], and the whole name in the document's own place when its first character
/// only looks like a level word (`市场监管局` is 市场 + 监管局, not 市 + 场监管局).
fn local_readings<'a>(name: &'a str, jurisdiction: Option<&str>) -> Vec<(String, Level, &'a str)> {
    let mut out: Vec<(String, Level, &'a str)> =
        local_parts(name, jurisdiction).into_iter().collect();
    if let Some(j) = jurisdiction {
        if let Some(here) = lexicon().find_place(j) {
            let place = if j.ends_with(here.name.as_str()) {
                j.to_owned()
            } else {
                full_place(here)
            };
            // Plans write their own place's short form before a body's name (`莲都经开区管委会`
            // in 莲都区, `立山经济开发区` in 立山区, `丽水开发区` in 丽水市): so do their parents'.
            let mut at = Some(here);
            let mut first = true;
            while let Some(p) = at {
                for short in shorts(p) {
                    if let Some(rest) = name.strip_prefix(short.as_str()) {
                        let keyed = if first { place.clone() } else { full_place(p) };
                        let reading = (keyed, Level::of(p.level), rest);
                        if !rest.is_empty() && !out.contains(&reading) {
                            out.push(reading);
                        }
                    }
                }
                first = false;
                at = p.parent.as_deref().and_then(|n| lexicon().find_place(n));
            }
            let whole = (place, Level::of(here.level), name);
            if !out.contains(&whole) {
                out.push(whole);
            }
        }
    }
    out
}

/// The forms of a place's name without its level word (`莲都` for 莲都区, `丽水` for 丽水市),
/// two characters or more, longest first.
fn shorts(p: &Place) -> Vec<String> {
    let mut out: Vec<String> = p
        .short
        .iter()
        .filter(|s| s.chars().count() >= 2)
        .cloned()
        .collect();
    for end in ["自治区", "省", "市", "区", "县", "旗", "州", "盟"] {
        if let Some(t) = p.name.strip_suffix(end) {
            if t.chars().count() >= 2 && !out.iter().any(|s| s == t) {
                out.push(t.to_owned());
            }
            break;
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

/// The Communist Youth League's committees are written with the level word inside
/// (`团市委`, `团省委`) or in full (`共青团广州市委`, `共青团广州市委员会`): read as the
/// place's `团委`, a core like any other.
fn youth_league_form(name: &str) -> Option<String> {
    if let Some(rest) = name.strip_prefix('团') {
        let mut cs = rest.chars();
        let (level, wei) = (cs.next()?, cs.next()?);
        if "省市县区州旗".contains(level) && wei == '委' {
            return Some(format!("{level}团委{}", cs.as_str()));
        }
        return None;
    }
    let rest = name.strip_prefix("共青团")?;
    let place = rest
        .strip_suffix("委员会")
        .or_else(|| rest.strip_suffix('委'))?;
    (!place.is_empty()).then(|| format!("{place}团委"))
}

/// Words that make a name a group of bodies, not one body, when they open it.
const GROUP_OPENINGS: [&str; 9] = [
    "各", "有关", "相关", "其他", "其它", "所属", "全", "成员", "责任",
];

/// A place as an entity is keyed: districts, whose names repeat from city to city (鼓楼区),
/// with their city when the name is unique in the lexicon; other places by their name.
fn full_place(p: &Place) -> String {
    let lex = lexicon();
    if p.level != PlaceLevel::District {
        return p.name.clone();
    }
    let same = lex.places_named(&p.name).count();
    match p.parent.as_deref() {
        Some(city) if same == 1 && !city.is_empty() => format!("{city}{}", p.name),
        _ => p.name.clone(),
    }
}

/// A township or street office a county plan names (`东城街道`, `邹区镇`, `五星街道办事处`):
/// its own entity in the county, not provisional.
fn township(name: &str, jurisdiction: Option<&str>) -> Option<Entity> {
    street_core(name)?;
    let j = jurisdiction?;
    let here = lexicon().find_place(j)?;
    if !matches!(here.level, PlaceLevel::County | PlaceLevel::District) {
        return None;
    }
    let place = if j.ends_with(here.name.as_str()) {
        j.to_owned()
    } else {
        full_place(here)
    };
    Some(Entity {
        key: vec![place.clone(), name.to_owned()],
        label: name.to_owned(),
        jurisdiction: Some(place),
        collective: false,
        provisional: false,
        entry: None,
        kind: Some(AgencyKind::Government),
        function: None,
    })
}

/// A body the registry knows by its kind, not by an entry: its place, its name there, its
/// kind and function.
fn known(
    place: String,
    label: String,
    kind: Option<AgencyKind>,
    function: Option<usize>,
) -> Entity {
    Entity {
        key: vec![place.clone(), label.clone()],
        label,
        jurisdiction: Some(place),
        collective: false,
        provisional: false,
        entry: None,
        kind,
        function,
    }
}

/// A body of a known kind in a document that names no place: keyed to the document, so two
/// such plans' `市教育局` or `五星街道` never merge.
fn unplaced(
    document: Option<&str>,
    label: String,
    kind: AgencyKind,
    function: Option<usize>,
) -> Entity {
    Entity {
        key: vec![
            format!("{NO_JURISDICTION}{}", document.unwrap_or("")),
            label.clone(),
        ],
        label,
        jurisdiction: None,
        collective: false,
        provisional: false,
        entry: None,
        kind: Some(kind),
        function,
    }
}

/// The own name of a township or street office (`五星` of `五星街道`), two to four characters
/// and no group word (`各街道`, `相关镇`).
fn street_core(name: &str) -> Option<&str> {
    ["街道办事处", "街道", "镇人民政府", "乡人民政府", "镇", "乡"]
        .iter()
        .find_map(|e| name.strip_suffix(e))
        .filter(|core| {
            (2..=4).contains(&core.chars().count()) && !core.starts_with(['各', '有', '相', '其'])
        })
}

/// `place` or the nearest of its parents that `pick` accepts.
fn ancestor(place: &Place, pick: impl Fn(&Place) -> bool) -> Option<&Place> {
    let lex = lexicon();
    let mut at = Some(place);
    for _ in 0..4 {
        let p = at?;
        if pick(p) {
            return Some(p);
        }
        at = p.parent.as_deref().and_then(|n| lex.find_place(n));
    }
    None
}

impl Registry {
    /// The entity an agency name denotes in a document of `jurisdiction`.
    pub fn agency(&self, name: &str, jurisdiction: Option<&str>, collective: bool) -> Entity {
        self.agency_in(name, jurisdiction, collective, None)
    }

    /// As [`Registry::agency`], for a name in document `document`: a name that matches
    /// nothing in a document of unknown jurisdiction is that document's own entity, never
    /// merged with the same words in another document.
    pub fn agency_in(
        &self,
        name: &str,
        jurisdiction: Option<&str>,
        collective: bool,
        document: Option<&str>,
    ) -> Entity {
        let league = youth_league_form(name);
        let written = name;
        let name = league.as_deref().unwrap_or(name);
        let scopes = scopes(name, jurisdiction);
        let reg = self;
        // Looked up once, when first needed: the national check and the fallback both ask.
        let by_function = std::cell::OnceCell::new();
        let by_function = || {
            by_function
                .get_or_init(|| self.by_function(name, jurisdiction))
                .clone()
        };
        for scope in &scopes {
            if let Some((k, how)) = reg.find(scope, name) {
                let a = &reg.agencies[k];
                // `有关部门` of a provincial plan is that province's group, not the State
                // Council's: national groups count in national plans only.
                if scope == NATIONAL
                    && jurisdiction != Some(NATIONAL)
                    && (a.kind == AgencyKind::Collective
                        // A bare `统计局` or `发改委` in a local plan is the local body.
                        || by_function().is_some())
                {
                    continue;
                }
                return Entity {
                    key: vec![a.jurisdiction.clone(), a.name.clone()],
                    label: a.name.clone(),
                    jurisdiction: Some(a.jurisdiction.clone()),
                    collective: a.kind == AgencyKind::Collective,
                    provisional: false,
                    entry: Some((k, how)),
                    kind: Some(a.kind),
                    function: None,
                };
            }
        }
        if !collective {
            if let Some(e) = by_function()
                .or_else(|| self.branch(name, jurisdiction))
                .or_else(|| township(name, jurisdiction))
                .or_else(|| self.by_ending(name, jurisdiction))
                .or_else(|| self.unplaced_function(name, jurisdiction, document))
            {
                return e;
            }
        }
        let name = written;
        // The most specific real place, not the national fallback.
        let scope = scopes
            .into_iter()
            .find(|s| s != NATIONAL || jurisdiction == Some(NATIONAL));
        let first = match (&scope, document) {
            (Some(s), _) => s.clone(),
            (None, Some(d)) => format!("{NO_JURISDICTION}{d}"),
            (None, None) => NO_JURISDICTION.to_owned(),
        };
        Entity {
            key: vec![first, name.to_owned()],
            label: name.to_owned(),
            jurisdiction: scope,
            collective,
            provisional: true,
            entry: None,
            kind: collective.then_some(AgencyKind::Collective),
            function: None,
        }
    }

    /// A local agency recognised by its function: (place, function) with the canonical name.
    fn by_function(&self, name: &str, jurisdiction: Option<&str>) -> Option<Entity> {
        let lex = lexicon();
        // A place named as a party to a task (`越秀区`, `南沙区` in a city's list) is its
        // government.
        if let Some(p) = lex.find_place(name).filter(|p| p.name == name) {
            let k = self.function_index.by_key("people_government")?;
            return self.function_entity(k, full_place(p), Level::of(p.level));
        }
        // `人行郑州中心支行`: a national body's short name, then the place, then the core.
        for (prefix, k) in &self.function_index.prefixes {
            let Some(rest) = name.strip_prefix(prefix.as_str()) else {
                continue;
            };
            let Some(at) = lex.place_prefix(rest) else {
                continue;
            };
            let Some(p) = lex.find_place(at) else {
                continue;
            };
            let mut core = &rest[at.len()..];
            if let Some(tail) = p.name.strip_prefix(at) {
                core = core.strip_prefix(tail).unwrap_or(core);
            }
            let level = Level::of(p.level);
            if self.functions[*k].cores(level).iter().any(|c| c == core) {
                return self.function_entity(*k, full_place(p), level);
            }
        }
        let (place, level, k) =
            local_readings(name, jurisdiction)
                .into_iter()
                .find_map(|(place, level, core)| {
                    self.function_index
                        .find(level, core)
                        .map(|k| (place, level, k))
                })?;
        self.function_entity(k, place, level)
    }

    /// Function `k`'s body in `place`, by its canonical name.
    fn function_entity(&self, k: usize, place: String, level: Level) -> Option<Entity> {
        let f = &self.functions[k];
        let label = f.canonical(&place, level)?;
        Some(known(place, label, Some(f.kind), Some(k)))
    }

    /// A body of a kind known by its name's ending (`武汉地铁集团`, `区经发集团`,
    /// `市轨道交通工程建设指挥部`, `东湖高新区管委会`): that place's body of that name, not
    /// provisional, with the kind's class. The name keeps its own words: it is not a function
    /// every place has.
    fn by_ending(&self, name: &str, jurisdiction: Option<&str>) -> Option<Entity> {
        for (place, _, core) in local_readings(name, jurisdiction) {
            for &k in &self.function_index.with_endings {
                let f = &self.functions[k];
                let Some(end) = f.endings.iter().find(|e| core.ends_with(e.as_str())) else {
                    continue;
                };
                let head = &core[..core.len() - end.len()];
                if head.chars().count() < 2
                    || GROUP_OPENINGS.iter().any(|g| head.starts_with(g))
                    || head
                        .chars()
                        .any(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
                {
                    continue;
                }
                let label = format!("{place}{core}");
                return Some(known(place, label, Some(f.kind), Some(k)));
            }
        }
        None
    }

    /// A city bureau's branch in a district (`市生态环境局咸安分局`): the bureau known by its
    /// function, the branch its own entity in the district it is named after.
    fn branch(&self, name: &str, jurisdiction: Option<&str>) -> Option<Entity> {
        let body = name.strip_suffix("分局")?;
        let Some(cut) = body.rfind('局').map(|i| i + '局'.len_utf8()) else {
            return self.district_branch(name, jurisdiction);
        };
        let (bureau, district) = body.split_at(cut);
        let place = lexicon().find_place(district)?;
        if !matches!(place.level, PlaceLevel::County | PlaceLevel::District) {
            return None;
        }
        let parent = self.by_function(bureau, jurisdiction)?;
        let label = format!("{}{}分局", parent.label, district);
        let j = full_place(place);
        Some(known(j, label, parent.kind, parent.function))
    }

    /// A district's branch written from the district (`区规划分局`, `区国土分局` in a district's
    /// plan): the branch of its city's bureau of that function (规划局, 国土局), in the district.
    fn district_branch(&self, name: &str, jurisdiction: Option<&str>) -> Option<Entity> {
        let (place, level, core) = local_parts(name, jurisdiction)?;
        if level != Level::County {
            return None;
        }
        let bureau = format!("{}局", core.strip_suffix("分局")?);
        let lex = lexicon();
        let district = lex.find_place(&place)?;
        let city = lex
            .find_place(district.parent.as_deref()?)
            .filter(|c| c.level == PlaceLevel::Prefecture)?;
        let k = self.function_index.find(Level::City, &bureau)?;
        let parent = self.function_entity(k, city.name.clone(), Level::City)?;
        let label = format!("{}{}分局", parent.label, district.name);
        Some(known(place, label, parent.kind, parent.function))
    }

    /// A function recognised in a plan that names no place (`市教育局` in a plan whose city is
    /// unknown), else a body of a kind ([`Registry::unplaced_kind`]): that document's body,
    /// kept apart from every other plan's.
    fn unplaced_function(
        &self,
        name: &str,
        jurisdiction: Option<&str>,
        document: Option<&str>,
    ) -> Option<Entity> {
        if jurisdiction.is_some() {
            return None;
        }
        let (level, word, core) = [
            ("省", Level::Province),
            ("市", Level::City),
            ("区", Level::County),
            ("县", Level::County),
        ]
        .iter()
        .find_map(|(w, l)| name.strip_prefix(w).map(|c| (*l, *w, c)))
        .unwrap_or((Level::County, "", name));
        if let Some(k) = self.function_index.find(level, core) {
            let f = &self.functions[k];
            let canonical_core = f.cores(level).first().or_else(|| f.city.first())?;
            let label = format!("{word}{canonical_core}");
            return Some(unplaced(document, label, f.kind, Some(k)));
        }
        self.unplaced_kind(name, document)
    }

    /// A street office or a body of a kind known by its name's ending in a plan that names no
    /// place (`五星街道`, `轨道公司`): that document's body, kept apart from every other plan's.
    fn unplaced_kind(&self, name: &str, document: Option<&str>) -> Option<Entity> {
        let rest = name.strip_prefix(['市', '区', '县']).unwrap_or(name);
        let (kind, function) = if street_core(rest).is_some() {
            (AgencyKind::Government, None)
        } else {
            let k = self
                .function_index
                .with_endings
                .iter()
                .copied()
                .find(|&k| {
                    self.functions[k].endings.iter().any(|e| {
                        rest.strip_suffix(e.as_str()).is_some_and(|head| {
                            head.chars().count() >= 2
                                && !GROUP_OPENINGS.iter().any(|g| head.starts_with(g))
                        })
                    })
                })?;
            (self.functions[k].kind, Some(k))
        };
        Some(unplaced(document, name.to_owned(), kind, function))
    }

    /// The body that took over a former function's work in the same place (卫生计生委 →
    /// 卫生健康委), with the change's kind and year.
    pub fn successor(&self, e: &Entity) -> Option<(Entity, crate::ChangeKind, Option<String>)> {
        let f = &self.functions[e.function?];
        let next = self.function_index.by_key(f.succeeded_by.as_deref()?)?;
        let place = e.jurisdiction.clone()?;
        let level = Level::of(lexicon().find_place(&place)?.level);
        Some((
            self.function_entity(next, place, level)?,
            f.change.unwrap_or(crate::ChangeKind::Succession),
            f.until.clone(),
        ))
    }
}

/// The entity an official's name denotes: people are told apart by jurisdiction and name.
pub fn person(name: &str, jurisdiction: Option<&str>) -> Entity {
    Entity {
        key: vec![
            jurisdiction.unwrap_or(NO_JURISDICTION).to_owned(),
            name.to_owned(),
        ],
        label: name.to_owned(),
        jurisdiction: jurisdiction.map(str::to_owned),
        collective: false,
        provisional: true,
        entry: None,
        kind: None,
        function: None,
    }
}

impl Registry {
    /// The registry agencies `name` can denote in any jurisdiction the registry covers, by
    /// official name (a name with no place in it is tried in each jurisdiction).
    pub fn registered(&self, name: &str) -> Vec<String> {
        let reg = self;
        let mut jurisdictions: Vec<&str> = reg
            .agencies
            .iter()
            .map(|a| a.jurisdiction.as_str())
            .collect();
        jurisdictions.sort_unstable();
        jurisdictions.dedup();
        let mut found: Vec<String> = jurisdictions
            .iter()
            .map(|j| reg.agency(name, Some(j), false))
            .filter(|e| !e.provisional)
            .map(|e| e.label)
            .collect();
        found.dedup();
        found
    }

    /// Why `name` (read in `jurisdiction`) reached no entry and no function, for
    /// `fengong agencies --unresolved`: what was looked for, so a curator knows what to add.
    pub fn why_unresolved(&self, name: &str, jurisdiction: Option<&str>) -> String {
        let Some(j) = jurisdiction.filter(|j| !j.is_empty()) else {
            return "the plan names no place, so only national entries could match; \
                    give its jurisdiction (an issuer or a document number) or add an entry"
                .into();
        };
        match local_parts(name, Some(j)) {
            Some((place, level, core)) => format!(
                "no entry for {place}, and no function in functions.toml has the {} form {core}; \
                 add the form to a function or an [[agency]] entry",
                match level {
                    Level::Province => "province",
                    Level::City => "city",
                    Level::County => "county",
                }
            ),
            None if j != NATIONAL && lexicon().find_place(j).is_none() => {
                format!("{j} is not a place in data/places.tsv, and no entry has this name")
            }
            None => format!(
                "no entry of {j} has this name, and it is not an agency name a function \
                 covers (a fragment, a company or a group?)"
            ),
        }
    }

    /// What a search for `query` should find in agency names: the query itself, the full name
    /// of every entry with a name or short form containing it (发改委 → 广东省发展和改革委员会),
    /// and the official core of every function with a form containing it (发改委 → 发展和改革委员会),
    /// so that a short form finds the agencies whose labels spell it out.
    pub fn search_terms(&self, query: &str) -> Vec<String> {
        let mut out = vec![query.to_owned()];
        if query.chars().count() < 2 {
            return out;
        }
        for a in &self.agencies {
            if a.name.contains(query) || a.short.iter().any(|s| s.contains(query)) {
                out.push(a.name.clone());
            }
        }
        for f in &self.functions {
            for level in [Level::Province, Level::City, Level::County] {
                let cores = f.cores(level);
                if cores.iter().any(|c| c.contains(query)) {
                    out.extend(cores.first().cloned());
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Registry names closest to `query` (shared characters, in order), for "did you mean".
    pub fn suggest(&self, query: &str, n: usize) -> Vec<String> {
        closest(
            query,
            self.forms()
                .map(|(form, k)| (form.to_owned(), self.agencies[k].name.clone())),
            n,
        )
    }
}

/// The `n` candidates closest to `query`, each a (form, preferred name) pair; one suggestion per
/// preferred name, written `form (name)` where they differ.
pub fn closest(
    query: &str,
    candidates: impl IntoIterator<Item = (String, String)>,
    n: usize,
) -> Vec<String> {
    let q: Vec<char> = fengong_parse::text::script::to_simplified(query)
        .text
        .chars()
        .collect();
    let score = |form: &str| -> usize {
        // Longest common subsequence: forgiving of dropped or extra characters.
        let f: Vec<char> = form.chars().collect();
        let mut prev = vec![0usize; f.len() + 1];
        for &a in &q {
            let mut cur = vec![0usize; f.len() + 1];
            for (j, &b) in f.iter().enumerate() {
                cur[j + 1] = if a == b {
                    prev[j] + 1
                } else {
                    cur[j].max(prev[j + 1])
                };
            }
            prev = cur;
        }
        prev[f.len()]
    };
    let mut scored: Vec<(usize, String, String)> = candidates
        .into_iter()
        .map(|(form, name)| (score(&form), form, name))
        .filter(|(s, _, _)| *s * 2 >= q.len().max(2))
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.len().cmp(&b.1.len()))
            .then(a.1.cmp(&b.1))
    });
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (_, form, name) in scored {
        if seen.contains(&name) {
            continue;
        }
        out.push(if form == name {
            form
        } else {
            format!("{form} ({name})")
        });
        seen.push(name);
        if out.len() == n {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(name: &str, jurisdiction: Option<&str>, collective: bool) -> Entity {
        Registry::embedded().agency(name, jurisdiction, collective)
    }

    fn suggest(query: &str, n: usize) -> Vec<String> {
        Registry::embedded().suggest(query, n)
    }

    #[test]
    fn the_same_short_name_in_two_cities_is_two_agencies() {
        let a = agency("市发改委", Some("丽水市"), false);
        let b = agency("市发改委", Some("广州市"), false);
        assert_ne!(a.key, b.key);
        // Known by function, each in its own city.
        assert!(a.function.is_some() && b.function.is_some());
        assert_eq!(a.jurisdiction.as_deref(), Some("丽水市"));
        assert_eq!(a, agency("市发改委", Some("丽水市"), false));
    }

    #[test]
    fn short_full_and_prefixed_forms_reach_one_entry() {
        let full = agency("广东省发展和改革委员会", Some("广东省"), false);
        assert!(!full.provisional);
        for form in ["省发展改革委", "广东省发展改革委"] {
            assert_eq!(agency(form, Some("广东省"), false).key, full.key, "{form}");
        }
        // 省 in a city plan is the city's province.
        assert_eq!(agency("省发展改革委", Some("广州市"), false).key, full.key);
    }

    /// Bodies real plans outside Guangdong name, each with the entity a reader expects (hand
    /// work: the body's usual full name, or the name as written in its place).
    #[test]
    fn organ_kinds_beyond_departments_resolve_in_their_place() {
        let cases: [(&str, &str, &str, AgencyKind); 14] = [
            // Youth League, with the level word inside the name.
            (
                "团市委",
                "广州市",
                "共青团广州市委员会",
                AgencyKind::MassOrganization,
            ),
            (
                "共青团广州市委",
                "广州市",
                "共青团广州市委员会",
                AgencyKind::MassOrganization,
            ),
            // National regulators' branches, named with the place's short form.
            (
                "人行郑州中心支行",
                "河南省",
                "中国人民银行郑州市分行",
                AgencyKind::Vertical,
            ),
            (
                "河南银保监局",
                "河南省",
                "中国银行保险监督管理委员会河南监管局",
                AgencyKind::Vertical,
            ),
            (
                "汉中银监局",
                "汉中市",
                "中国银行业监督管理委员会汉中监管分局",
                AgencyKind::Vertical,
            ),
            (
                "福建出入境检验检疫局",
                "福建省",
                "福建出入境检验检疫局",
                AgencyKind::Vertical,
            ),
            // The plan's own place in short form before a zone's committee.
            (
                "莲都经开区管委会",
                "丽水市莲都区",
                "丽水市莲都区经济开发区管理委员会",
                AgencyKind::Government,
            ),
            (
                "东湖高新区管委会",
                "武汉市",
                "武汉市东湖高新区管委会",
                AgencyKind::Government,
            ),
            // State companies, task forces and institutions, by how their names end.
            (
                "武汉地铁集团",
                "武汉市",
                "武汉市地铁集团",
                AgencyKind::Enterprise,
            ),
            (
                "区经发集团",
                "咸宁市咸安区",
                "咸宁市咸安区经发集团",
                AgencyKind::Enterprise,
            ),
            (
                "市轨道交通工程建设指挥部",
                "宁波市",
                "宁波市轨道交通工程建设指挥部",
                AgencyKind::Government,
            ),
            ("区创文办", "下陆区", "下陆区创文办", AgencyKind::Government),
            (
                "区商金中心",
                "丽水市莲都区",
                "丽水市莲都区商金中心",
                AgencyKind::PublicInstitution,
            ),
            // A district named as a party to a task is its government.
            (
                "越秀区",
                "广州市",
                "广州市越秀区人民政府",
                AgencyKind::Government,
            ),
        ];
        for (name, place, label, kind) in cases {
            let e = agency(name, Some(place), false);
            assert!(!e.provisional, "{name}");
            assert_eq!((e.label.as_str(), e.kind), (label, Some(kind)), "{name}");
        }
        // Groups are never read as one body of such a kind.
        assert!(agency("各有关集团", Some("武汉市"), false).provisional);
        assert!(agency("相关指挥部", Some("武汉市"), false).provisional);
    }

    /// Merged bureaus of counties and districts, written with 和 or without, and a district's
    /// branch of its city's bureau, as plans of four provinces write them (hand work: the
    /// bureau's usual full name).
    #[test]
    fn merged_bureaus_and_district_branches_resolve() {
        let cases: [(&str, &str, &str); 6] = [
            (
                "区文化和广电旅游体育局",
                "杭州市上城区",
                "杭州市上城区文化广电旅游局",
            ),
            (
                "区发改经信局",
                "杭州市上城区",
                "杭州市上城区发展改革和经济信息化局",
            ),
            ("县教科局", "大竹县", "大竹县教育和科学技术局"),
            ("区科技和经信局", "汉阳区", "汉阳区科学技术和经济信息化局"),
            ("区规划分局", "官渡区", "昆明市城乡规划局官渡区分局"),
            ("区国土分局", "官渡区", "昆明市国土资源局官渡区分局"),
        ];
        for (name, place, label) in cases {
            let e = agency(name, Some(place), false);
            assert!(!e.provisional, "{name}");
            assert_eq!(e.label, label, "{name}");
        }
        // A former combined bureau leads to today's.
        let reg = Registry::embedded();
        let old = agency("县文体广新局", Some("大竹县"), false);
        let (next, _, _) = reg.successor(&old).expect("a successor");
        assert_eq!(next.label, "大竹县文化广电旅游局");
    }

    #[test]
    fn a_plan_with_no_place_keeps_its_streets_and_companies_as_its_own() {
        let reg = Registry::embedded();
        for (name, kind) in [
            ("五星街道", AgencyKind::Government),
            ("轨道公司", AgencyKind::Enterprise),
            (
                "市行政审批制度改革工作领导小组办公室",
                AgencyKind::Government,
            ),
        ] {
            let a = reg.agency_in(name, None, false, Some("a.txt"));
            let b = reg.agency_in(name, None, false, Some("b.txt"));
            assert!(!a.provisional && a.jurisdiction.is_none(), "{name}");
            assert_eq!(a.kind, Some(kind), "{name}");
            // Two plans of unknown places never share one.
            assert_ne!(a.key, b.key, "{name}");
        }
        assert!(
            reg.agency_in("各街道", None, false, Some("a.txt"))
                .provisional
        );
    }

    #[test]
    fn a_city_transport_commission_is_the_former_name_of_its_transport_bureau() {
        let reg = Registry::embedded();
        let old = agency("市交委", Some("广州市"), false);
        assert_eq!(old.label, "广州市交通委员会");
        let (next, kind, year) = reg.successor(&old).expect("a successor");
        assert_eq!(next.label, "广州市交通运输局");
        assert_eq!(
            (kind, year.as_deref()),
            (crate::ChangeKind::Rename, Some("2019"))
        );
    }

    #[test]
    fn unknown_names_are_provisional_with_suggestions() {
        // An association is no kind the registry knows.
        let e = agency("省数字化转型促进会", Some("广东省"), false);
        assert!(e.provisional);
        assert_eq!(
            e.key,
            vec!["广东省".to_owned(), "省数字化转型促进会".to_owned()]
        );
        let s = suggest("省政数局长", 3);
        assert!(
            s.iter().any(|x| x.contains("政务服务和数据管理局")),
            "{s:?}"
        );
    }
}

//! Curated word lists from `data/`, compiled into the binary and loaded once.
//!
//! The files are for people to review and extend; each one says in its header what it is for.

use std::sync::OnceLock;

/// Every line of every plan is looked up in these sets many times over: a fast
/// non-cryptographic hash (the keys are our own data, not an attacker's).
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

const AGENCY_SUFFIXES: &str = include_str!("../../../data/lexicon/agency-suffixes.txt");
const PARTY_ORGANS: &str = include_str!("../../../data/lexicon/party-organs.txt");
const NO_PREFIX: &str = include_str!("../../../data/lexicon/no-prefix.txt");
const FILLERS: &str = include_str!("../../../data/lexicon/fillers.txt");
const PLACES: &str = include_str!("../../../data/places.tsv");
const SURNAMES: &str = include_str!("../../../data/lexicon/surnames.txt");
const AGENCY_CORES: &str = include_str!("../../../data/lexicon/agency-cores.txt");
const NUMBER_PREFIXES: &str = include_str!("../../../data/lexicon/number-prefixes.tsv");
const ACTION_VERBS: &str = include_str!("../../../data/lexicon/action-verbs.txt");
const HOSTS: &str = include_str!("../../../data/lexicon/hosts.tsv");
const PLACES_EN: &str = include_str!("../../../data/lexicon/places-en.tsv");

/// Administrative level of a place in `data/places.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceLevel {
    Province,
    Municipality,
    Sar,
    Prefecture,
    County,
    District,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub short: Vec<String>,
    pub level: PlaceLevel,
    pub parent: Option<String>,
}

/// The level word a place's name ends with (广东省 → 省, 杭州市 → 市), which its own plans
/// write in place of the name (`省发展改革委` in a Guangdong plan).
pub fn level_char(place: &str) -> Option<char> {
    place.chars().last()
}

pub struct Lexicon {
    pub agency_suffixes: Vec<String>,
    pub party_organs: HashSet<String>,
    pub no_prefix: Vec<String>,
    /// Endings stripped from names, longest first.
    pub filler_endings: Vec<String>,
    /// Items that are fillers on their own.
    pub filler_items: HashSet<String>,
    pub places: Vec<Place>,
    surnames: HashSet<String>,
    agency_cores: HashSet<String>,
    /// Full and short place names, for prefix tests.
    place_names: HashSet<String>,
    /// Names safe to look for anywhere inside a name (full names, province and city short
    /// forms), as one automaton: a name is searched once, not once per place.
    place_infixes: aho_corasick::AhoCorasick,
    /// Places by full name and by short form: indices into `places`.
    places_by_name: HashMap<String, Vec<usize>>,
    places_by_short: HashMap<String, Vec<usize>>,
    /// Short forms of counties and districts (`莲都`), with the level words of their places.
    local_shorts: HashMap<String, Vec<char>>,
    max_place_chars: usize,
    /// Document-number prefixes and the places they stand for, longest first.
    number_prefixes: Vec<(String, String)>,
    /// Verbs that open a task (`data/lexicon/action-verbs.txt`).
    action_verbs: Vec<String>,
    /// Their first two characters, sorted: most names are ruled out by one binary search.
    verb_heads: Vec<(char, char)>,
    /// The agency endings by their last character, sorted: a name is tested against the few
    /// endings its own last character allows, not all of them (every list item comes here).
    suffixes_by_last: Vec<(char, Vec<String>)>,
}

fn entries(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn load() -> Lexicon {
    let mut agency_suffixes: Vec<String> = entries(AGENCY_SUFFIXES).map(String::from).collect();
    agency_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut filler_endings = Vec::new();
    let mut filler_items = HashSet::default();
    for e in entries(FILLERS) {
        match e.strip_prefix('=') {
            Some(item) => {
                filler_items.insert(item.to_owned());
            }
            None => filler_endings.push(e.to_owned()),
        }
    }
    filler_endings.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut places = Vec::new();
    for line in entries(PLACES).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let level = match cols[2].trim() {
            "province" => PlaceLevel::Province,
            "municipality" => PlaceLevel::Municipality,
            "sar" => PlaceLevel::Sar,
            "prefecture" => PlaceLevel::Prefecture,
            "county" => PlaceLevel::County,
            "district" => PlaceLevel::District,
            _ => continue,
        };
        places.push(Place {
            name: cols[0].trim().to_owned(),
            short: cols[1]
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            level,
            parent: cols
                .get(3)
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(String::from),
        });
    }
    let mut place_names = HashSet::default();
    let mut local_shorts: HashMap<String, Vec<char>> = HashMap::default();
    let mut place_infixes = HashSet::default();
    let mut places_by_name: HashMap<String, Vec<usize>> = HashMap::default();
    let mut places_by_short: HashMap<String, Vec<usize>> = HashMap::default();
    for (k, p) in places.iter().enumerate() {
        places_by_name.entry(p.name.clone()).or_default().push(k);
        for s in &p.short {
            places_by_short.entry(s.clone()).or_default().push(k);
        }
        place_names.insert(p.name.clone());
        place_infixes.insert(p.name.clone());
        let local = matches!(p.level, PlaceLevel::District | PlaceLevel::County);
        for s in &p.short {
            if s.chars().count() < 2 {
                continue;
            }
            if local {
                // Short forms of counties and districts are also common words (`资源`
                // of 资源县 in `资源规划局`): kept apart, see `local_short`.
                let levels = local_shorts.entry(s.clone()).or_default();
                levels.extend(level_char(&p.name));
            } else {
                place_names.insert(s.clone());
                place_infixes.insert(s.clone());
            }
        }
    }
    let max_place_chars = place_names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0);
    let suffixes_by_last = {
        let mut by: Vec<(char, Vec<String>)> = Vec::new();
        for suffix in &agency_suffixes {
            let Some(last) = suffix.chars().next_back() else {
                continue;
            };
            match by.iter_mut().find(|(c, _)| *c == last) {
                Some((_, v)) => v.push(suffix.clone()),
                None => by.push((last, vec![suffix.clone()])),
            }
        }
        by.sort_by_key(|(c, _)| *c);
        by
    };
    Lexicon {
        suffixes_by_last,
        agency_suffixes,
        party_organs: entries(PARTY_ORGANS).map(String::from).collect(),
        no_prefix: entries(NO_PREFIX).map(String::from).collect(),
        filler_endings,
        filler_items,
        places,
        surnames: entries(SURNAMES).map(String::from).collect(),
        agency_cores: entries(AGENCY_CORES).map(String::from).collect(),
        verb_heads: {
            let mut v: Vec<(char, char)> = entries(ACTION_VERBS)
                .filter_map(|w| {
                    let mut c = w.chars();
                    Some((c.next()?, c.next()?))
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        },
        action_verbs: entries(ACTION_VERBS).map(String::from).collect(),
        number_prefixes: {
            let mut v: Vec<(String, String)> = entries(NUMBER_PREFIXES)
                .filter_map(|l| l.split_once('\t'))
                .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
                .collect();
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            v
        },
        place_names,
        place_infixes: {
            let mut infixes: Vec<String> = place_infixes.into_iter().collect();
            infixes.sort();
            aho_corasick::AhoCorasick::new(infixes).expect("place names make an automaton")
        },
        places_by_name,
        places_by_short,
        local_shorts,
        max_place_chars,
    }
}

impl Lexicon {
    /// The places whose full name or a short form is `s`, each once, in file order.
    pub fn places_called(&self, s: &str) -> Vec<&Place> {
        let mut ks: Vec<usize> = [self.places_by_name.get(s), self.places_by_short.get(s)]
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
        ks.sort_unstable();
        ks.dedup();
        ks.into_iter().map(|k| &self.places[k]).collect()
    }

    /// The places whose full name is `name` (districts repeat from city to city: 鼓楼区).
    pub fn places_named(&self, name: &str) -> impl Iterator<Item = &Place> {
        self.places_by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&k| &self.places[k])
    }

    /// The place a document number's prefix names: `穗府办〔2024〕3号` → 广州市,
    /// `浙政发〔2024〕1号` → 浙江省, `国办发…` → 全国.
    pub fn place_of_number(&self, number: &str) -> Option<String> {
        if let Some((_, place)) = self
            .number_prefixes
            .iter()
            .find(|(p, _)| number.starts_with(p.as_str()))
        {
            return Some(place.clone());
        }
        let mut chars = number.chars();
        let (first, second) = (chars.next()?, chars.next()?);
        if !matches!(second, '政' | '府' | '委' | '办' | '发') {
            return None;
        }
        let first = first.to_string();
        self.places
            .iter()
            .find(|p| {
                matches!(p.level, PlaceLevel::Province | PlaceLevel::Municipality)
                    && p.short.contains(&first)
            })
            .map(|p| p.name.clone())
    }
}

impl Lexicon {
    /// The place a government web site serves, from a link's host (`www.wuhan.gov.cn` →
    /// 武汉市, `www.gov.cn` → 全国), by `data/lexicon/hosts.tsv`, then by the English names of
    /// `data/lexicon/places-en.tsv` when one place alone has that name. Other hosts say nothing.
    pub fn place_of_link(&self, link: &str) -> Option<String> {
        let rest = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"))?;
        let host = rest
            .split(['/', ':', '?', '#'])
            .next()?
            .to_ascii_lowercase();
        let labels: Vec<&str> = host.strip_suffix(".gov.cn")?.split('.').collect();
        // `www.gov.cn` names the State Council; otherwise the label before .gov.cn.
        let label = match labels.as_slice() {
            ["www"] => "www",
            [.., l] => l,
            [] => return None,
        };
        let lookup = |table: &str| -> Vec<String> {
            entries(table)
                .filter_map(|l| l.split_once('\t'))
                .filter(|(k, _)| k.trim() == label)
                .flat_map(|(_, v)| {
                    v.split(',')
                        .map(|s| s.trim().to_owned())
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let mut found = lookup(HOSTS);
        if found.is_empty() {
            found = lookup(PLACES_EN);
        }
        match found.as_slice() {
            [one] if one == "全国" || self.find_place(one).is_some() => Some(one.clone()),
            _ => None,
        }
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(load)
}

impl Lexicon {
    /// Whether `name` ends like the name of an agency or a group of agencies.
    pub fn is_agency_like(&self, name: &str) -> bool {
        // `各乡镇(街道)`: judge the name before a closing parenthetical.
        let name = match name.strip_suffix([')', '）']) {
            Some(inner) => inner.rfind(['(', '（']).map_or(name, |i| &inner[..i]),
            None => name,
        };
        let Some(last) = name.chars().next_back() else {
            return false;
        };
        self.suffixes_by_last
            .binary_search_by_key(&last, |(c, _)| *c)
            .is_ok_and(|i| {
                self.suffixes_by_last[i]
                    .1
                    .iter()
                    .any(|s| name.ends_with(s.as_str()))
            })
    }

    /// The grammar of organ names, for strings that no list vouches for: an organ-like ending
    /// ([`Self::is_agency_like`]), no sentence punctuation or role word inside (`市交通局。建设
    /// 进度…`, `园区管委会落实`), no digits (`19项`), and not a task's words (`新建公办幼儿园`:
    /// an action verb with an object, unless a known agency core such as `建设局` stands there).
    pub fn looks_like_organ(&self, name: &str) -> bool {
        // Role words that no organ's name holds anywhere, and those that end a clause
        // (`省发改委主办`) but may stand inside a name (`省政协办公厅`).
        const ANYWHERE: &[&str] = &["牵头", "负责", "配合", "单位:"];
        const AT_END: &[&str] = &["主办", "协办", "承办", "落实", "参与", "指导", "参加"];
        let n = name.chars().count();
        // One pass over the name for punctuation, digits and role words inside it.
        let inside = name.char_indices().any(|(i, c)| {
            matches!(c, '。' | ',' | ';' | ':' | '，' | '；' | '：')
                || c.is_ascii_digit()
                // The particle 的 joins a clause's words (`未开工建设的县区为舒城县`); organs'
                // names are noun compounds without it.
                || c == '的'
                || (matches!(c, '牵' | '负' | '配' | '单')
                    && ANYWHERE.iter().any(|w| name[i..].starts_with(w)))
        });
        if !(2..=40).contains(&n)
            || inside
            || AT_END.iter().any(|w| name.ends_with(w))
            // The party's and its mass organisations' central organs (`共青团中央`) end in
            // 中央, which is no organ ending elsewhere (`中央和国家机关工委` is one name).
            || !(self.is_agency_like(name) || (n >= 3 && name.ends_with("中央")))
        {
            return false;
        }
        // A verb with an object after it (more than one character), unless a known core.
        let mut head = name.chars();
        let head = (head.next(), head.next());
        let (Some(a), Some(b)) = head else {
            return true;
        };
        if self.verb_heads.binary_search(&(a, b)).is_err() {
            return true;
        }
        let verb_led = self
            .action_verbs
            .iter()
            .any(|v| name.starts_with(v.as_str()) && n > v.chars().count() + 1);
        !verb_led || self.known_core(name)
    }

    /// The longest place name (full or short form) that `s` starts with.
    pub fn place_prefix<'a>(&self, s: &'a str) -> Option<&'a str> {
        // Called for every list item: walk the prefixes without allocating, keep the longest.
        s.char_indices()
            .take(self.max_place_chars)
            .map(|(i, c)| &s[..i + c.len_utf8()])
            .filter(|p| self.place_names.contains(*p))
            .last()
    }

    /// Whether `name` is a known agency core after at most a short place or level word
    /// (`市委组织部`, `教育局`; see `data/lexicon/agency-cores.txt`).
    pub fn known_core(&self, name: &str) -> bool {
        name.char_indices()
            .take(4)
            .any(|(i, _)| self.agency_cores.contains(&name[i..]))
    }

    /// Whether `name` is itself a known agency core (`教育局`, not `平教育局`).
    pub fn known_core_exactly(&self, name: &str) -> bool {
        self.agency_cores.contains(name)
    }

    /// Byte length of the surname `s` starts with (compound surnames first), if any.
    pub fn surname_len(&self, s: &str) -> Option<usize> {
        let mut ends = s.char_indices().map(|(i, c)| i + c.len_utf8());
        let one = ends.next()?;
        let known = |e: &usize| self.surnames.contains(&s[..*e]);
        ends.next().filter(known).or(Some(one).filter(known))
    }

    /// Whether `s` is exactly a place name.
    pub fn is_place(&self, s: &str) -> bool {
        self.place_names.contains(s) || self.local_shorts.contains_key(s)
    }

    /// Whether `name` starts with the short form of a county or district whose level word
    /// is `level` (`莲都邮政管理局` and 区 for 莲都区). Only then does the short form say
    /// where the name belongs: `资源规划局` after `市…、` is the city's, not 资源县's.
    pub fn local_short(&self, name: &str, level: char) -> bool {
        name.char_indices().skip(2).take(4).any(|(i, _)| {
            self.local_shorts
                .get(&name[..i])
                .is_some_and(|l| l.contains(&level))
        })
    }

    /// Whether a place name stands anywhere in `s` (`人民银行广州分行`).
    pub fn mentions_place(&self, s: &str) -> bool {
        self.place_infixes.is_match(s)
    }

    /// Whether `place` (a plan's jurisdiction: 丽水市莲都区, 永康市) lies in `region` (浙江省,
    /// 丽水市) or is it: a plan of a district is a plan of its city and its province.
    pub fn within(&self, place: &str, region: &str) -> bool {
        if place == region || place.starts_with(region) {
            return true;
        }
        let mut starts = vec![place];
        // 丽水市莲都区: the city it is written under.
        starts.extend(self.place_prefix(place).filter(|p| *p != place));
        for start in starts {
            let mut at = self.find_place(start);
            for _ in 0..4 {
                let Some(p) = at else { break };
                if p.name == region {
                    return true;
                }
                at = p.parent.as_deref().and_then(|q| self.find_place(q));
            }
        }
        false
    }

    /// The place whose full name or short form is `s`, or the district `s` names with its
    /// city, as document metadata cites districts (`鞍山市立山区`).
    pub fn find_place(&self, s: &str) -> Option<&Place> {
        let first =
            |ks: Option<&Vec<usize>>| ks.and_then(|ks| ks.first()).map(|&k| &self.places[k]);
        first(self.places_by_name.get(s))
            .or_else(|| first(self.places_by_short.get(s)))
            .or_else(|| {
                // `鞍山市立山区`: a district's name after its city's.
                s.char_indices().skip(1).find_map(|(i, _)| {
                    let (city, district) = s.split_at(i);
                    self.places_by_name
                        .get(district)?
                        .iter()
                        .map(|&k| &self.places[k])
                        .find(|p| {
                            p.level == PlaceLevel::District && p.parent.as_deref() == Some(city)
                        })
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_joined_by_de_is_no_organ() {
        let l = lexicon();
        // From a progress bulletin's sentences that end in a county's name.
        assert!(!l.looks_like_organ("全市未开工建设的县区为舒城县"));
        assert!(!l.looks_like_organ("中小学教师培训进度较慢的为叶集区"));
        assert!(l.looks_like_organ("舒城县"));
        assert!(l.looks_like_organ("市住建委"));
        // Where links point: a host names its place, other hosts nothing.
        assert_eq!(
            l.place_of_link("https://www.wuhan.gov.cn/a/b.html")
                .as_deref(),
            Some("武汉市")
        );
        assert_eq!(
            l.place_of_link("http://www.gov.cn/zhengce/x.htm")
                .as_deref(),
            Some("全国")
        );
        assert_eq!(l.place_of_link("https://example.com/x.html"), None);
    }

    #[test]
    fn data_files_load() {
        let l = lexicon();
        assert!(l.is_agency_like("省财政厅"));
        assert!(l.is_agency_like("中国人民银行广东省分行"));
        assert!(!l.is_agency_like("4K/8K"));
        assert!(l.party_organs.contains("网信办"));
        assert!(l.filler_items.contains("各成员单位"));
        assert!(l.filler_endings.iter().any(|e| e == "等有关单位"));
        assert_eq!(l.place_prefix("广州出入境边防检查总站"), Some("广州"));
        assert_eq!(l.place_prefix("广东省发展改革委"), Some("广东省"));
        assert!(l.mentions_place("人民银行广州分行"));
        assert_eq!(l.find_place("粤").map(|p| p.name.as_str()), Some("广东省"));
        assert_eq!(
            l.find_place("鞍山市立山区").map(|p| p.name.as_str()),
            Some("立山区")
        );
    }
}

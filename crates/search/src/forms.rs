//! Official short forms of topics and their full forms (`data/lexicon/abbreviations.tsv`):
//! plans name a topic one way in a title and the other in their tasks, and people search by
//! either. Shared by the index (user words, query forms) and `ask`.

/// The lexicon, embedded: it is data of the parser's kind, curated with the code that reads it.
const ABBREVIATIONS: &str = include_str!("../../../data/lexicon/abbreviations.tsv");

/// (short, full) pairs, longest first so that 自贸试验区 is replaced before 自贸.
pub fn abbreviations() -> &'static [(String, String)] {
    static PAIRS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs: Vec<(String, String)> = ABBREVIATIONS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                Some((
                    cols.next()?.trim().to_owned(),
                    cols.next()?.trim().to_owned(),
                ))
            })
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .collect();
        pairs.sort_by_key(|(a, b)| std::cmp::Reverse(a.chars().count().max(b.chars().count())));
        pairs
    })
}

/// The ways a topic may be written: as asked, and with one official form in it replaced by
/// the other (自由贸易 → 自贸; 双碳 → 碳达峰碳中和). Latin forms compare case-blind.
pub fn forms(topic: &str) -> Vec<String> {
    let mut out = vec![topic.to_owned()];
    let lower = topic.to_lowercase();
    for (short, full) in abbreviations() {
        for (from, to) in [(full, short), (short, full)] {
            let from = from.to_lowercase();
            if let Some(at) = lower.find(&from) {
                let v = format!("{}{to}{}", &lower[..at], &lower[at + from.len()..]);
                if !out.iter().any(|o| o.to_lowercase() == v) {
                    out.push(v);
                }
            }
        }
    }
    out
}

/// A query as the index reads it: simplified script (the store holds plans in simplified
/// characters, whatever script their files used), full-width letters and digits narrowed.
pub fn normalise(query: &str) -> String {
    let narrowed: String = query
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    fengong_parse::text::script::to_simplified(&narrowed).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_of_a_topic() {
        assert!(forms("自由贸易").contains(&"自贸".to_owned()));
        assert!(forms("双碳").contains(&"碳达峰碳中和".to_owned()));
        assert_eq!(forms("数据共享"), ["数据共享"]);
    }

    #[test]
    fn traditional_queries_read_as_simplified() {
        assert_eq!(normalise("數據共享"), "数据共享");
        assert_eq!(normalise("５Ｇ"), "5G");
    }
}

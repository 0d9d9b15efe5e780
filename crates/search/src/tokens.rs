//! How texts become index terms. Chinese is written without spaces, so two tokenizers index
//! every text: jieba's words (`zh`), with the registry's agency names and the lexicon's
//! official forms as user words so that 省政务服务数据管理局 or 放管服 stay whole words, and
//! overlapping character pairs (`zh2`), the standard unit of Chinese retrieval, which needs no
//! dictionary and finds phrases and words the dictionary does not know.

use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The words a segmenter knows beyond jieba's own dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub words: Vec<String>,
}

impl Vocabulary {
    /// The lexicon's official short and full forms, with `extra` words (agency names).
    pub fn with(extra: impl IntoIterator<Item = String>) -> Vocabulary {
        let mut words: Vec<String> = crate::forms::abbreviations()
            .iter()
            .flat_map(|(a, b)| [a.clone(), b.clone()])
            .chain(extra)
            .filter(|w| w.chars().count() >= 2)
            .collect();
        words.sort();
        words.dedup();
        Vocabulary { words }
    }

    /// Identifies the segmentation: an index built with other words must be built again, or
    /// queries would be cut differently from the texts they search.
    pub fn fingerprint(&self) -> String {
        fengong_parse::sha256(self.words.join("\n").as_bytes())
    }
}

/// A segmenter (jieba's dictionary plus the vocabulary); cheap to clone. The dictionary is
/// loaded when a text is first cut: reading an index by its keys alone (an agency's page of
/// duties) needs no words, and loading them is a tenth of a second.
#[derive(Clone)]
pub struct Segmenter(Arc<Loaded>);

struct Loaded {
    words: Vec<String>,
    jieba: std::sync::OnceLock<Jieba>,
}

impl Segmenter {
    pub fn new(vocabulary: &Vocabulary) -> Segmenter {
        Segmenter(Arc::new(Loaded {
            words: vocabulary.words.clone(),
            jieba: std::sync::OnceLock::new(),
        }))
    }

    fn jieba(&self) -> &Jieba {
        self.0.jieba.get_or_init(|| {
            let mut jieba = Jieba::new();
            for w in &self.0.words {
                // A user word must win over the dictionary's split of it.
                jieba.add_word(w, Some(jieba.suggest_freq(w).max(1000)), None);
            }
            jieba
        })
    }

    /// Words for searching: every dictionary word and the dictionary words inside longer ones
    /// (`自贸试验区` → 自贸 试验 试验区 自贸试验区), lower-cased, punctuation and spaces left out.
    /// No HMM guessing of unknown words: the same text must always give the same words.
    pub fn words(&self, text: &str) -> Vec<(usize, usize, String)> {
        self.jieba()
            .cut_for_search(text, false)
            .into_iter()
            .filter(|t| t.word.chars().any(char::is_alphanumeric))
            .map(|t| (t.byte_start, t.byte_end, t.word.to_lowercase()))
            .collect()
    }

    /// The words a query asks for: the longest dictionary words, as a reader would cut it.
    pub fn query_words(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self.jieba().cut(text, false) {
            let w = t.word.to_lowercase();
            if w.chars().any(char::is_alphanumeric) && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }
}

/// Character pairs within each run of Han characters (a lone character stands for itself),
/// and Latin words and numbers whole and lower-cased, with consecutive positions: a phrase is
/// its pairs at consecutive positions. Pairs never span punctuation.
pub fn pairs(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut han: Vec<(usize, char)> = Vec::new();
    let mut latin: Option<usize> = None;
    let flush_han = |han: &mut Vec<(usize, char)>, out: &mut Vec<(usize, usize, String)>| {
        match han.len() {
            0 => {}
            1 => {
                let (at, c) = han[0];
                out.push((at, at + c.len_utf8(), c.to_string()));
            }
            _ => {
                for w in han.windows(2) {
                    let (at, a) = w[0];
                    let (bt, b) = w[1];
                    out.push((at, bt + b.len_utf8(), format!("{a}{b}")));
                }
            }
        }
        han.clear();
    };
    let flush_latin = |latin: &mut Option<usize>, end: usize, out: &mut Vec<_>| {
        if let Some(start) = latin.take() {
            out.push((start, end, text[start..end].to_lowercase()));
        }
    };
    for (at, c) in text.char_indices() {
        if fengong_parse::text::is_han(c) {
            flush_latin(&mut latin, at, &mut out);
            han.push((at, c));
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut out);
            latin.get_or_insert(at);
        } else {
            flush_han(&mut han, &mut out);
            flush_latin(&mut latin, at, &mut out);
        }
    }
    flush_han(&mut han, &mut out);
    flush_latin(&mut latin, text.len(), &mut out);
    out
}

/// A token stream over tokens computed at once (texts are a paragraph, not a book).
pub struct Tokens {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokens {
    fn new(found: Vec<(usize, usize, String)>) -> Tokens {
        let tokens = found
            .into_iter()
            .enumerate()
            .map(|(position, (offset_from, offset_to, text))| Token {
                offset_from,
                offset_to,
                position,
                text,
                position_length: 1,
            })
            .collect();
        Tokens { tokens, at: 0 }
    }
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

/// The `zh` tokenizer: jieba's words.
#[derive(Clone)]
pub struct WordTokenizer(pub Segmenter);

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens::new(self.0.words(text))
    }
}

/// The `zh2` tokenizer: character pairs.
#[derive(Clone)]
pub struct PairTokenizer;

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens::new(pairs(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_stay_within_runs() {
        let p: Vec<String> = pairs("推进5G网络,建设").into_iter().map(|t| t.2).collect();
        assert_eq!(p, ["推进", "5g", "网络", "建设"]);
        let p: Vec<String> = pairs("数据共享平台").into_iter().map(|t| t.2).collect();
        assert_eq!(p, ["数据", "据共", "共享", "享平", "平台"]);
        assert_eq!(pairs("云")[0], (0, 3, "云".to_owned()));
    }

    #[test]
    fn user_words_stay_whole() {
        let v = Vocabulary::with(["省政务服务数据管理局".to_owned()]);
        let s = Segmenter::new(&v);
        let words: Vec<String> = s
            .query_words("省政务服务数据管理局牵头")
            .into_iter()
            .collect();
        assert_eq!(words[0], "省政务服务数据管理局");
        // Search mode also gives the words inside it, so 数据 finds it.
        assert!(s
            .words("省政务服务数据管理局")
            .iter()
            .any(|(_, _, w)| w == "数据"));
    }
}

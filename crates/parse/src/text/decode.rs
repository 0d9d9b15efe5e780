//! Bytes → Unicode text: UTF-8 (with or without BOM) or GB18030/GBK, detected, never guessed silently.

use super::offsets::{MapBuilder, OffsetMap};
use std::fmt;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    #[serde(rename = "UTF-8")]
    Utf8,
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    #[serde(rename = "GB18030")]
    Gb18030,
    /// Traditional-script web pages from Taiwan or Hong Kong mirrors.
    #[serde(rename = "Big5")]
    Big5,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
        })
    }
}

/// Why a file could not be read as text. Offsets are bytes into the file; lines are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is binary, not text (byte {offset}, line {line}); give a .txt export of the plan"
    )]
    Binary { offset: usize, line: usize },
    #[error("the file is UTF-16; save it as UTF-8 and try again")]
    Utf16,
    #[error("the file is cut off in the middle of a character at byte {offset} (line {line}); it looks truncated")]
    Truncated { offset: usize, line: usize },
    #[error("the text is neither UTF-8 nor GB18030/GBK (first bad byte {offset}, line {line}); convert it to UTF-8, e.g. with iconv")]
    Unrecognised { offset: usize, line: usize },
    #[error("the {format} holds no plan: no task and no responsible agency in its {chars} characters of text (an index or list page?)")]
    NotAPlan { format: &'static str, chars: usize },
    /// A web page, Word, Excel or PDF file that could not be read into text.
    #[error(transparent)]
    Extract(#[from] fengong_extract::ExtractError),
}

/// A decoded file: its text, the encoding used, and where each text byte came from.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub map: OffsetMap,
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Control bytes that never occur in a text export of a plan.
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let (body, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(i) = body.iter().position(|&b| is_binary_byte(b)) {
        let offset = i + bom;
        return Err(DecodeError::Binary {
            offset,
            line: line_of(bytes, offset),
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: if bom > 0 {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
            map: OffsetMap::shifted(bom),
        }),
        Err(e) if e.error_len().is_none() && bom > 0 => {
            let offset = e.valid_up_to() + bom;
            Err(DecodeError::Truncated {
                offset,
                line: line_of(bytes, offset),
            })
        }
        Err(e) => {
            // A UTF-8 file cut inside its last character: not GBK, just truncated.
            if e.error_len().is_none() && e.valid_up_to() > 0 && looks_like_utf8(body) {
                let offset = e.valid_up_to();
                return Err(DecodeError::Truncated {
                    offset,
                    line: line_of(bytes, offset),
                });
            }
            decode_gb18030(body).map_err(|offset| DecodeError::Unrecognised {
                offset,
                line: line_of(bytes, offset),
            })
        }
    }
}

/// True when the bytes before the cut are valid UTF-8 with real multi-byte text in them.
fn looks_like_utf8(body: &[u8]) -> bool {
    let valid = match std::str::from_utf8(body) {
        Ok(s) => s,
        Err(e) => match std::str::from_utf8(&body[..e.valid_up_to()]) {
            Ok(s) => s,
            Err(_) => return false,
        },
    };
    !valid.is_ascii()
}

/// Decodes GB18030, mapping offsets; on failure returns the offset of the first bad byte.
/// Text that decodes but is mostly rare characters (Big5 read as GBK, say) is refused too.
fn decode_gb18030(body: &[u8]) -> Result<Decoded, usize> {
    let text = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| first_bad_gb_byte(body))?
        .into_owned();
    let mut builder = MapBuilder::new();
    let (mut src, mut common, mut multi) = (0usize, 0usize, 0usize);
    for (out, _) in text.char_indices() {
        builder.mark(out, src);
        let len = gb_char_len(body, src);
        if len == 2 {
            multi += 1;
            let (lead, trail) = (body[src], body[src + 1]);
            if (0xA1..=0xF7).contains(&lead) && trail >= 0xA1 {
                common += 1;
            }
        } else if len == 4 {
            multi += 1;
        }
        src += len;
    }
    // GB2312's repertoire covers nearly all characters of real simplified-Chinese text.
    if multi > 0 && common * 2 < multi {
        return Err(0);
    }
    Ok(Decoded {
        text,
        encoding: Encoding::Gb18030,
        map: builder.finish(),
    })
}

fn gb_char_len(body: &[u8], i: usize) -> usize {
    let b = body[i];
    if b <= 0x80 || b == 0xFF {
        1
    } else if body.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
        4
    } else {
        2
    }
}

fn first_bad_gb_byte(body: &[u8]) -> usize {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_shifts_offsets() {
        let d = decode("\u{feff}省财政厅".as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "省财政厅");
        assert_eq!(d.map.to_source(3), 6);
    }

    #[test]
    fn gbk_is_detected_and_mapped() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("(省财政厅牵头)");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, "(省财政厅牵头)");
        // '(' is 1 byte in both; '省' is 3 bytes of UTF-8 and 2 of GBK.
        assert_eq!(d.map.to_source(1), 1);
        assert_eq!(d.map.to_source(4), 3);
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"ab\ncd\x00ef").unwrap_err(),
            DecodeError::Binary { offset: 5, line: 2 }
        ));
        let mut cut = "省财政厅".as_bytes().to_vec();
        cut.pop();
        assert!(matches!(
            decode(&cut).unwrap_err(),
            DecodeError::Truncated { offset: 9, .. }
        ));
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x41, 0]).unwrap_err(),
            DecodeError::Utf16
        );
    }

    #[test]
    fn big5_is_not_taken_for_gbk() {
        let (bytes, _, _) =
            encoding_rs::BIG5.encode("省政務服務和數據管理局牽頭,省財政廳、統計局按職責分工負責");
        assert!(matches!(
            decode(&bytes).unwrap_err(),
            DecodeError::Unrecognised { .. }
        ));
    }
}

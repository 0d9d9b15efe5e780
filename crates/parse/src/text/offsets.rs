//! Byte-offset maps from a derived text back to the text it was made from.
//!
//! Every normalisation step (decoding, noise removal, script conversion) changes byte
//! lengths in a few places only, so a map is a sparse list of anchors: between two
//! anchors the derived text and its source advance in step.

/// Maps byte offsets of a derived text to byte offsets of its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(derived, source)` pairs, sorted by `derived`; the first is always `(0, s0)`.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// A map from `(derived, source)` anchors sorted by `derived`, as a file reader wrote
    /// them.
    pub fn from_anchors(mut anchors: Vec<(usize, usize)>) -> Self {
        if anchors.first().is_none_or(|&(d, _)| d != 0) {
            let first = anchors.first().map_or(0, |&(d, s)| s.saturating_sub(d));
            anchors.insert(0, (0, first));
        }
        OffsetMap { anchors }
    }

    /// A map where derived offset `d` is source offset `d + shift`.
    pub fn shifted(shift: usize) -> Self {
        OffsetMap {
            anchors: vec![(0, shift)],
        }
    }

    /// Source offset of derived offset `d`.
    pub fn to_source(&self, d: usize) -> usize {
        let i = self.anchors.partition_point(|&(ad, _)| ad <= d);
        if i == 0 {
            return d;
        }
        let (ad, asrc) = self.anchors[i - 1];
        let s = asrc + (d - ad);
        // Inside a replacement whose output is longer than its input, stay within it.
        match self.anchors.get(i) {
            Some(&(_, next_src)) => s.min(next_src),
            None => s,
        }
    }
}

/// Builds an [`OffsetMap`] while a derived text is written left to right.
#[derive(Debug, Default)]
pub struct MapBuilder {
    anchors: Vec<(usize, usize)>,
}

impl MapBuilder {
    pub fn new() -> Self {
        MapBuilder::default()
    }

    /// Records that derived offset `out` starts at source offset `src`.
    /// Anchors that the running offset already implies are not stored.
    pub fn mark(&mut self, out: usize, src: usize) {
        if let Some(&(ad, asrc)) = self.anchors.last() {
            if out >= ad && asrc + (out - ad) == src {
                return;
            }
            if ad == out {
                self.anchors.pop();
            }
        }
        self.anchors.push((out, src));
    }

    pub fn finish(mut self) -> OffsetMap {
        if self.anchors.first().is_none_or(|&(d, _)| d != 0) {
            self.anchors.insert(0, (0, 0));
        }
        OffsetMap {
            anchors: self.anchors,
        }
    }
}

/// A chain of maps, newest last: resolves an offset in the final text to the original file.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    maps: Vec<OffsetMap>,
}

impl Provenance {
    pub fn push(&mut self, map: OffsetMap) {
        self.maps.push(map);
    }

    /// Offset in the original file of offset `d` in the final text.
    pub fn to_source(&self, d: usize) -> usize {
        self.maps.iter().rev().fold(d, |off, m| m.to_source(off))
    }

    /// Offset in the decoded (Unicode) text, before any normalisation, of offset `d`.
    pub fn to_decoded(&self, d: usize) -> usize {
        self.maps
            .iter()
            .skip(1)
            .rev()
            .fold(d, |off, m| m.to_source(off))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_runs_need_no_anchor() {
        let mut b = MapBuilder::new();
        b.mark(0, 0);
        b.mark(3, 3);
        b.mark(6, 6);
        let m = b.finish();
        assert_eq!(m.anchors.len(), 1);
        assert_eq!(m.to_source(5), 5);
    }

    #[test]
    fn shrinking_replacement_maps_following_text() {
        // "（a" (3 + 1 bytes) became "(a" (1 + 1 bytes).
        let mut b = MapBuilder::new();
        b.mark(0, 0);
        b.mark(1, 3);
        let m = b.finish();
        assert_eq!(m.to_source(0), 0);
        assert_eq!(m.to_source(1), 3);
        assert_eq!(m.to_source(2), 4);
    }

    #[test]
    fn chain_composes_newest_first() {
        let mut p = Provenance::default();
        p.push(OffsetMap::shifted(3)); // BOM
        let mut b = MapBuilder::new();
        b.mark(0, 0);
        b.mark(1, 3);
        p.push(b.finish());
        assert_eq!(p.to_source(1), 6);
        assert_eq!(p.to_decoded(1), 3);
    }
}

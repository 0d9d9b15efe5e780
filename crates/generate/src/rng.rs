//! A small deterministic random generator (SplitMix64): the corpus must be the same for a seed
//! on every machine and in every fengong version, which a library's generator does not promise.

pub struct Rng(u64);

impl Rng {
    /// The stream for item `index` of a corpus made with `seed`.
    pub fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// Index in 0..n, item k drawn with weight 1/(k+1) (Zipf, exponent 1).
    pub fn zipf(&mut self, n: usize) -> usize {
        let total: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut x = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        for k in 0..n {
            x -= 1.0 / (k + 1) as f64;
            if x <= 0.0 {
                return k;
            }
        }
        n - 1
    }

    /// `count` distinct items, each drawn with its weight.
    pub fn weighted_distinct<'a>(
        &mut self,
        items: &'a [(String, u32)],
        count: usize,
    ) -> Vec<&'a str> {
        let mut left: Vec<usize> = (0..items.len()).collect();
        let mut out = Vec::new();
        while out.len() < count && !left.is_empty() {
            let total: u64 = left.iter().map(|&i| u64::from(items[i].1)).sum();
            let mut x = self.next() % total.max(1);
            let mut chosen = 0;
            for (k, &i) in left.iter().enumerate() {
                let w = u64::from(items[i].1);
                if x < w {
                    chosen = k;
                    break;
                }
                x -= w;
            }
            out.push(items[left.remove(chosen)].0.as_str());
        }
        out
    }
}

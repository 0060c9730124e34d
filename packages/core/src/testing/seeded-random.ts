/**
 * A seeded source of numbers uniform on [0, 1) (mulberry32): small, fast, and the same
 * sequence for the same seed, so that simulations and generated data repeat from run to run.
 * Not for anything secret.
 *
 * @example
 * const random = createSeededRandom(7);
 * const failed = random() < 0.01;
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A draw from Binomial(`n`, `p`) with `random`: exact by inversion while (1 − p)^n is a normal
 * double, else a rounded normal approximation (for very large `n`). For simulations.
 *
 * @example
 * const failures = sampleBinomial(1_000, 0.01, createSeededRandom(7));
 */
export function sampleBinomial(n: number, p: number, random: () => number): number {
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, random);
  if (-n * Math.log1p(-p) < 700) {
    let chance = Math.pow(1 - p, n);
    let u = random();
    let k = 0;
    while (u > chance && k < n) {
      u -= chance;
      k += 1;
      chance *= ((n - k + 1) / k) * (p / (1 - p));
    }
    return k;
  }
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(n, Math.max(0, Math.round(n * p + normal * Math.sqrt(n * p * (1 - p)))));
}

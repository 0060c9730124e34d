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

// Seeds derived from a round's seed: the start point and each step's minibatch. Every walker in a
// room meets the same minibatch at the same step number, so a race is fair.

/** Mixes integers into a 31-bit seed (a murmur-style finaliser: small input changes scatter). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9 | 0;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h & 0x7fffffff;
}

/** The minibatch options for a step (undefined batch = full batch). */
export function batchOpts(batch: number, roundSeed: number, step: number): { batch?: number; seed?: number } {
  return batch > 0 ? { batch, seed: mixSeed(roundSeed, step) } : {};
}

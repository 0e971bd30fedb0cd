// Seeded chance for the training core. Every random draw in lib/ comes from here, so a recipe
// and a seed give the same bits on every run (xoshiro128** by Blackman and Vigna, seeded through
// splitmix32 so that nearby seeds give unrelated streams). All arithmetic is 32-bit integer
// (Math.imul, >>> 0): no platform-dependent floating point touches the state.

/** The four 32-bit words of a generator's state; plain data, so it can live in a game state. */
export type RngState = [number, number, number, number];

/** splitmix32 step: expands one 32-bit seed into well-mixed words. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A xoshiro128** generator whose whole state is four uint32 words (see state()/fromState()). */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** Seeds the generator from a 32-bit integer (other numbers are truncated by >>> 0). */
  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Rebuilds the generator from a seed in place; lets hot paths reuse one object. */
  reseed(seed: number): void {
    const next = splitmix32(seed);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // xoshiro must not start from the all-zero state; splitmix32 never yields four zeros, but be sure.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniform uint32. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c = (this.c ^ this.a) >>> 0;
    this.d = (this.d ^ this.b) >>> 0;
    this.b = (this.b ^ this.c) >>> 0;
    this.a = (this.a ^ this.d) >>> 0;
    this.c = (this.c ^ t) >>> 0;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits (two draws). */
  next(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n) for 1 <= n <= 2^32 (multiply-shift; bias < n/2^53, negligible). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal draw (Box–Muller; no cached spare, so the state stays four words). */
  gaussian(): number {
    const u1 = 1 - this.next(); // (0, 1]: log is finite
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The current state, to store in plain data. */
  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  /** A generator that continues from a stored state. */
  static fromState(s: RngState): Rng {
    const r = new Rng(0);
    r.a = s[0] >>> 0;
    r.b = s[1] >>> 0;
    r.c = s[2] >>> 0;
    r.d = s[3] >>> 0;
    if ((r.a | r.b | r.c | r.d) === 0) r.a = 1;
    return r;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A new generator from a seed; shorthand for new Rng(seed). */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/** A standard normal draw from rng. */
export function gaussian(rng: Rng): number {
  return rng.gaussian();
}

/** Shuffles arr in place (Fisher–Yates) and returns it. */
export function shuffle<T extends { length: number; [i: number]: unknown }>(arr: T, rng: Rng): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}

/**
 * Draws k distinct indices of [0, n) into perm[0..k) by a partial Fisher–Yates over perm, which
 * must hold a permutation of [0, n) on entry (the identity, typically). It stays a permutation,
 * so a caller can keep one buffer and draw again without allocating.
 */
export function sampleIndicesInto(perm: Int32Array, n: number, k: number, rng: Rng): void {
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
}

/** k distinct indices of [0, n), in draw order; the same draws sampleIndicesInto makes from the identity. */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng): Int32Array {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`cannot draw ${k} of ${n} without replacement`);
  }
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  sampleIndicesInto(perm, n, k, rng);
  return perm.slice(0, k);
}

/**
 * Mixes integers into a 31-bit seed, without allocating (a murmur-style finaliser: small input
 * changes scatter). Step k of a round draws its minibatch with mixSeed(roundSeed, k), for every
 * walker: players and ghosts meet the same samples at the same step number.
 */
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

/**
 * A 32-bit seed derived from any parts (FNV-1a over their text, then murmur3's finaliser), so
 * that sub-seeds like hashSeed(seed, "init") are independent and stable across runs.
 */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.map((p) => (typeof p === "number" ? `n${p}` : `s${p}`)).join("\u0000");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

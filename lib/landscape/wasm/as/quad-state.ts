// The quadratic row kernel's state in linear memory (AssemblyScript): the header the JS side
// writes (wasm-kernels.ts lays the buffers out), read once by quadInit into globals.

/** Points between exact re-anchorings of the exp recurrence (error ≲ ANCHOR²/2 ulp). */
export const ANCHOR = 16;
/** Largest move of a logit within a block that the recurrence may follow: e^−600 relative to the sum is far below its last bit; e^−708 underflows. */
export const REACH: f64 = 600;
/** Samples between renormalisations of the running products (16 factors of at most 2^60 each). */
export const RENORM = 16;
export const LN2: f64 = 0.6931471805599453;
/** The logit of a padding lane (classes are padded to whole f64x2): e^(PAD − m) = 0 and its step is 0. */
export const PAD: f64 = -1e308;

/** Header fields (i32 index), in the order wasm-kernels.ts writes them. */
export const Q_HIDDEN = 0, Q_C = 1, Q_CP = 2, Q_LOSS = 3, Q_N = 4, Q_RELU = 5, Q_PRE = 6, Q_LABELS = 7,
  Q_W2 = 8, Q_A = 9, Q_B = 10, Q_BA = 11, Q_BB = 12, Q_Q0 = 13, Q_Q1 = 14, Q_Q2 = 15, Q_E = 16, Q_R = 17,
  Q_S = 18, Q_UNITC = 19, Q_UNITV = 20, Q_FLIP = 21, Q_ORDER = 22, Q_XS = 23, Q_ROW = 24, Q_PROD = 25, Q_EXPO = 26;

/** Hidden units (0: a single linear layer), classes, classes padded to even, loss, samples, relu or linear hidden layer. */
export let hidden: i32 = 0, C: i32 = 0, CP: i32 = 0, softmax: bool = true, N: i32 = 0, relu: bool = true;
/**
 * Byte offsets: first-layer products (n, 3, units); labels (n) or padded targets (n, CP); layer 2
 * of θ0, δ1, δ2; A, B (hidden, CP); bA, bB, q0, q1, q2, E, R, S (CP); per unit c, v, switch index,
 * switch order; the row's x and losses; per point the running product and its exponent.
 */
export let pre: usize = 0, labels: usize = 0, w2: usize = 0, A: usize = 0, B: usize = 0, bA: usize = 0, bB: usize = 0;
export let q0: usize = 0, q1: usize = 0, q2: usize = 0, E: usize = 0, R: usize = 0, S: usize = 0;
export let unitC: usize = 0, unitV: usize = 0, flip: usize = 0, order: usize = 0, xsP: usize = 0, rowP: usize = 0;
export let prod: usize = 0, expo: usize = 0;

/** Reads the header at h (once, after the JS side wrote the data). */
export function quadInit(h: usize): void {
  hidden = load<i32>(h + Q_HIDDEN * 4); C = load<i32>(h + Q_C * 4); CP = load<i32>(h + Q_CP * 4);
  softmax = load<i32>(h + Q_LOSS * 4) == 0; N = load<i32>(h + Q_N * 4); relu = load<i32>(h + Q_RELU * 4) != 0;
  pre = load<i32>(h + Q_PRE * 4); labels = load<i32>(h + Q_LABELS * 4); w2 = load<i32>(h + Q_W2 * 4);
  A = load<i32>(h + Q_A * 4); B = load<i32>(h + Q_B * 4); bA = load<i32>(h + Q_BA * 4); bB = load<i32>(h + Q_BB * 4);
  q0 = load<i32>(h + Q_Q0 * 4); q1 = load<i32>(h + Q_Q1 * 4); q2 = load<i32>(h + Q_Q2 * 4);
  E = load<i32>(h + Q_E * 4); R = load<i32>(h + Q_R * 4); S = load<i32>(h + Q_S * 4);
  unitC = load<i32>(h + Q_UNITC * 4); unitV = load<i32>(h + Q_UNITV * 4); flip = load<i32>(h + Q_FLIP * 4);
  order = load<i32>(h + Q_ORDER * 4); xsP = load<i32>(h + Q_XS * 4); rowP = load<i32>(h + Q_ROW * 4);
  prod = load<i32>(h + Q_PROD * 4); expo = load<i32>(h + Q_EXPO * 4);
}

/** The f64 at index i of the buffer at p. */
// @ts-ignore: decorator
@inline export function f(p: usize, i: i32): f64 {
  return load<f64>(p + <usize>i * 8);
}

/** The sum of both lanes. */
// @ts-ignore: decorator
@inline export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}


// The slice kernel's state in linear memory (AssemblyScript): the header the JS side writes
// (wasm-kernels.ts lays the buffers out), read once by mlpInit into globals, and what every pass
// needs from it: the layer table, θ at the current point, and pairs of samples side by side.

/** Header fields (i32 index into the header), in the order wasm-kernels.ts writes them. */
export const H_L = 0, H_H = 1, H_C = 2, H_LOSS = 3, H_N = 4, H_P = 5, H_LATER = 6, H_PRE = 7, H_PREPAIR = 8,
  H_LABELS = 9, H_LABELPAIR = 10, H_CENTER = 11, H_D1 = 12, H_D2 = 13, H_THETA_S = 14, H_THETA_T = 15,
  H_GACC = 16, H_Z = 17, H_A = 18, H_DELTA = 19, H_TABLE = 20, H_SCRATCH = 21, H_OUT = 22, H_IDX = 23,
  H_XS = 24, H_ROW = 25;
/** Layer table: six i32 per layer (inputs, outputs, activation, W and b offsets into θ, first unit in z/a/δ). */
export const T_IN = 0, T_OUT = 1, T_ACT = 2, T_W = 3, T_B = 4, T_UNIT = 5;
/** Activation codes (activations.ts' ACT_CODE). */
export const LINEAR = 0, RELU = 1, TANH = 2, SIGMOID = 3;

/** Layers, first-layer units, outputs, loss, samples, parameters, and the first parameter of layer 1. */
export let L: i32 = 0, H: i32 = 0, C: i32 = 0, softmax: bool = true, N: i32 = 0, P: i32 = 0, LATER: i32 = 0;
/**
 * Byte offsets: first-layer products (n, 3, H) f64 and the same paired (n/2, 3, H) f64x2; labels
 * (n) or targets (n, C) f64 and paired; θ0, δ1, δ2 (P) f64; θ splatted (P) in (in, out) and
 * (out, in) order, G (P) f64x2; z, a, δ (all units) f64x2; the layer table; a gathered pair;
 * [loss, ∂x, ∂y]; minibatch indices (n) i32; a grid row's x (in) and losses (out).
 */
export let pre: usize = 0, prePair: usize = 0, labels: usize = 0, labelPair: usize = 0;
export let center: usize = 0, dir1: usize = 0, dir2: usize = 0, thetaS: usize = 0, thetaT: usize = 0, gacc: usize = 0;
export let zs: usize = 0, as_: usize = 0, ds: usize = 0, table: usize = 0, scratch: usize = 0, out: usize = 0, idx: usize = 0;
export let xsP: usize = 0, rowP: usize = 0;
export let labW: i32 = 1; // v128 per pair of labels: 1 (class indices) or C (mse targets)

/** Reads the header at `h` and lays the full batch out in pairs; call once after the JS side wrote the data. */
export function mlpInit(h: usize): void {
  L = load<i32>(h + H_L * 4); H = load<i32>(h + H_H * 4); C = load<i32>(h + H_C * 4);
  softmax = load<i32>(h + H_LOSS * 4) == 0; N = load<i32>(h + H_N * 4); P = load<i32>(h + H_P * 4);
  LATER = load<i32>(h + H_LATER * 4);
  pre = load<i32>(h + H_PRE * 4); prePair = load<i32>(h + H_PREPAIR * 4);
  labels = load<i32>(h + H_LABELS * 4); labelPair = load<i32>(h + H_LABELPAIR * 4);
  center = load<i32>(h + H_CENTER * 4); dir1 = load<i32>(h + H_D1 * 4); dir2 = load<i32>(h + H_D2 * 4);
  thetaS = load<i32>(h + H_THETA_S * 4); thetaT = load<i32>(h + H_THETA_T * 4); gacc = load<i32>(h + H_GACC * 4);
  zs = load<i32>(h + H_Z * 4); as_ = load<i32>(h + H_A * 4); ds = load<i32>(h + H_DELTA * 4);
  table = load<i32>(h + H_TABLE * 4); scratch = load<i32>(h + H_SCRATCH * 4); out = load<i32>(h + H_OUT * 4);
  idx = load<i32>(h + H_IDX * 4); xsP = load<i32>(h + H_XS * 4); rowP = load<i32>(h + H_ROW * 4);
  labW = softmax ? 1 : C;
  const pairs = (N + 1) >> 1;
  for (let p = 0; p < pairs; p++) {
    const s0 = 2 * p;
    const s1 = s0 + 1 < N ? s0 + 1 : s0;
    gatherPair(s0, s1, prePair + <usize>(p * 3 * H) * 16, labelPair + <usize>(p * labW) * 16);
  }
}

/** Interleaves samples s0 and s1: their first-layer products (3·H pairs) at dst and their labels or targets at lab. */
// @ts-ignore: decorator
@inline export function gatherPair(s0: i32, s1: i32, dst: usize, lab: usize): void {
  const w = 3 * H;
  const a = pre + <usize>(s0 * w) * 8, b = pre + <usize>(s1 * w) * 8;
  for (let q = 0; q < w; q++) v128.store(dst + <usize>q * 16, f64x2(load<f64>(a + <usize>q * 8), load<f64>(b + <usize>q * 8)));
  if (softmax) v128.store(lab, f64x2(load<f64>(labels + <usize>s0 * 8), load<f64>(labels + <usize>s1 * 8)));
  else for (let k = 0; k < C; k++) v128.store(lab + <usize>k * 16, f64x2(load<f64>(labels + <usize>(s0 * C + k) * 8), load<f64>(labels + <usize>(s1 * C + k) * 8)));
}

/** Field f of layer k in the layer table. */
// @ts-ignore: decorator
@inline export function tab(k: i32, f: i32): i32 {
  return load<i32>(table + <usize>(k * 6 + f) * 4);
}

/** θ for layers ≥ 1 at (x, y), splatted, in both layouts. */
export function setTheta(x: f64, y: f64): void {
  for (let k = 1; k < L; k++) {
    const nin = tab(k, T_IN), nout = tab(k, T_OUT), w = tab(k, T_W), b = tab(k, T_B);
    for (let i = 0; i < nin; i++) {
      for (let j = 0; j < nout; j++) {
        const p = <usize>(w + i * nout + j);
        const t = f64x2.splat(load<f64>(center + p * 8) + x * load<f64>(dir1 + p * 8) + y * load<f64>(dir2 + p * 8));
        v128.store(thetaS + p * 16, t);
        v128.store(thetaT + <usize>(w + j * nin + i) * 16, t);
      }
    }
    for (let j = 0; j < nout; j++) {
      const p = <usize>(b + j);
      v128.store(thetaS + p * 16, f64x2.splat(load<f64>(center + p * 8) + x * load<f64>(dir1 + p * 8) + y * load<f64>(dir2 + p * 8)));
    }
  }
}


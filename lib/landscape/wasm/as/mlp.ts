// The slice kernel in WebAssembly (AssemblyScript): loss and exact slope of θ(x, y) = θ0 + x·δ1
// + y·δ2, two samples at a time, one per lane of an f64x2. The algorithm is slice-kernel.ts's
// (affine first layer from per-sample products, backprop stopped short of layer 1, the later
// layers' share contracted with δ1, δ2 once at the end); only the arithmetic is laid out for SIMD:
// every value of a unit is a pair (sample a, sample b), so every operation is lane-wise and the
// weights are stored "splatted" (the same double in both lanes) in two layouts, (in, out) for the
// backward pass and (out, in) for the forward pass, each read contiguously.
//
// Memory is laid out by the JS side (wasm-slice-kernel.ts) and described by a header of i32
// fields (the H_* indices below); mlpInit reads it once. A pair whose second lane has no sample
// (an odd count) repeats the first sample and masks its lane out of every sum.
import { vexp, vlog, vsigmoid, vtanh } from "./simd-math";

// Header fields (i32 index into the header).
const H_L = 0, H_H = 1, H_C = 2, H_LOSS = 3, H_N = 4, H_P = 5, H_LATER = 6, H_PRE = 7, H_PREPAIR = 8,
  H_LABELS = 9, H_LABELPAIR = 10, H_CENTER = 11, H_D1 = 12, H_D2 = 13, H_THETA_S = 14, H_THETA_T = 15,
  H_GACC = 16, H_Z = 17, H_A = 18, H_DELTA = 19, H_TABLE = 20, H_SCRATCH = 21, H_OUT = 22, H_IDX = 23,
  H_XS = 24, H_ROW = 25;
// Layer table: six i32 per layer.
const T_IN = 0, T_OUT = 1, T_ACT = 2, T_W = 3, T_B = 4, T_UNIT = 5;
// Activation codes (activations.ts' ACT_CODE).
const LINEAR = 0, RELU = 1, TANH = 2, SIGMOID = 3;

let L: i32 = 0, H: i32 = 0, C: i32 = 0, softmax: bool = true, N: i32 = 0, P: i32 = 0, LATER: i32 = 0;
let pre: usize = 0, prePair: usize = 0, labels: usize = 0, labelPair: usize = 0;
let center: usize = 0, dir1: usize = 0, dir2: usize = 0, thetaS: usize = 0, thetaT: usize = 0, gacc: usize = 0;
let zs: usize = 0, as_: usize = 0, ds: usize = 0, table: usize = 0, scratch: usize = 0, out: usize = 0, idx: usize = 0;
let xsP: usize = 0, rowP: usize = 0;
let labW: i32 = 1; // v128 per pair of labels: 1 (class indices) or C (mse targets)

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
@inline function gatherPair(s0: i32, s1: i32, dst: usize, lab: usize): void {
  const w = 3 * H;
  const a = pre + <usize>(s0 * w) * 8, b = pre + <usize>(s1 * w) * 8;
  for (let q = 0; q < w; q++) v128.store(dst + <usize>q * 16, f64x2(load<f64>(a + <usize>q * 8), load<f64>(b + <usize>q * 8)));
  if (softmax) v128.store(lab, f64x2(load<f64>(labels + <usize>s0 * 8), load<f64>(labels + <usize>s1 * 8)));
  else for (let k = 0; k < C; k++) v128.store(lab + <usize>k * 16, f64x2(load<f64>(labels + <usize>(s0 * C + k) * 8), load<f64>(labels + <usize>(s1 * C + k) * 8)));
}

// @ts-ignore: decorator
@inline function tab(k: i32, f: i32): i32 {
  return load<i32>(table + <usize>(k * 6 + f) * 4);
}

/** θ for layers ≥ 1 at (x, y), splatted, in both layouts. */
function setTheta(x: f64, y: f64): void {
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

/** a = f(z) over len units, the activation chosen once per layer so the loop is straight SIMD. */
function activate(act: i32, z: usize, a: usize, len: i32): void {
  const zero = f64x2.splat(0.0);
  if (act == RELU) for (let j = 0; j < len; j++) { const v = v128.load(z + <usize>j * 16); v128.store(a + <usize>j * 16, v128.and(v, f64x2.gt(v, zero))); }
  else if (act == TANH) {
    // two units per iteration: the polynomial's constants are materialised once for both
    let j = 0;
    for (; j + 4 <= len; j += 4) {
      const o = <usize>j * 16;
      const t0 = vtanh(v128.load(z + o)), t1 = vtanh(v128.load(z + o, 16)), t2 = vtanh(v128.load(z + o, 32)), t3 = vtanh(v128.load(z + o, 48));
      v128.store(a + o, t0);
      v128.store(a + o, t1, 16);
      v128.store(a + o, t2, 32);
      v128.store(a + o, t3, 48);
    }
    for (; j + 2 <= len; j += 2) {
      const o = <usize>j * 16;
      const t0 = vtanh(v128.load(z + o)), t1 = vtanh(v128.load(z + o, 16));
      v128.store(a + o, t0);
      v128.store(a + o, t1, 16);
    }
    if (j < len) v128.store(a + <usize>j * 16, vtanh(v128.load(z + <usize>j * 16)));
  }
  else if (act == SIGMOID) for (let j = 0; j < len; j++) v128.store(a + <usize>j * 16, vsigmoid(v128.load(z + <usize>j * 16)));
  else if (a != z) for (let j = 0; j < len; j++) v128.store(a + <usize>j * 16, v128.load(z + <usize>j * 16));
}

/** g·f'(z) through a = f(z) (tanh: 1 − a², sigmoid: a(1 − a), relu: 0 where z ≤ 0). */
// @ts-ignore: decorator
@inline function derive(act: i32, g: v128, z: v128, a: v128): v128 {
  if (act == RELU) return v128.and(g, f64x2.gt(z, f64x2.splat(0.0)));
  if (act == TANH) return f64x2.mul(g, f64x2.sub(f64x2.splat(1.0), f64x2.mul(a, a)));
  if (act == SIGMOID) return f64x2.mul(g, f64x2.mul(a, f64x2.sub(f64x2.splat(1.0), a)));
  return g;
}

/**
 * Forward pass of one pair at (x, y) from its first-layer products pp and labels lab; returns the
 * two losses (masked lanes zero) and, if wantGrad, leaves ∂ℓ/∂z of the output layer in its delta.
 */
function pairForward(pp: usize, lab: usize, x: f64, y: f64, mask: v128, wantGrad: bool): v128 {
  const xv = f64x2.splat(x), yv = f64x2.splat(y);
  const h16 = <usize>H * 16;
  for (let j = 0; j < H; j++) {
    const o = <usize>j * 16;
    v128.store(zs + o, f64x2.add(v128.load(pp + o), f64x2.add(f64x2.mul(xv, v128.load(pp + h16 + o)), f64x2.mul(yv, v128.load(pp + 2 * h16 + o)))));
  }
  activate(tab(0, T_ACT), zs, as_, H);
  for (let k = 1; k < L; k++) {
    const nin = tab(k, T_IN), nout = tab(k, T_OUT), w = tab(k, T_W), b = tab(k, T_B), u = tab(k, T_UNIT);
    const prev = as_ + <usize>tab(k - 1, T_UNIT) * 16;
    const zk = zs + <usize>u * 16;
    // z_j = b_j + Σ_i a_i·W_ij, summed in the order of the JS reference; four outputs at a time,
    // so that four independent sums hide the latency of the additions and a_i is loaded once
    const stride = <usize>nin * 16;
    let j = 0;
    for (; j + 4 <= nout; j += 4) {
      const bj = thetaS + <usize>(b + j) * 16;
      let s0 = v128.load(bj), s1 = v128.load(bj, 16), s2 = v128.load(bj, 32), s3 = v128.load(bj, 48);
      const r0 = thetaT + <usize>(w + j * nin) * 16;
      for (let i = 0; i < nin; i++) {
        const ai = v128.load(prev + <usize>i * 16);
        const wi = r0 + <usize>i * 16;
        s0 = f64x2.add(s0, f64x2.mul(ai, v128.load(wi)));
        s1 = f64x2.add(s1, f64x2.mul(ai, v128.load(wi + stride)));
        s2 = f64x2.add(s2, f64x2.mul(ai, v128.load(wi + 2 * stride)));
        s3 = f64x2.add(s3, f64x2.mul(ai, v128.load(wi + 3 * stride)));
      }
      const zj = zk + <usize>j * 16;
      v128.store(zj, s0);
      v128.store(zj, s1, 16);
      v128.store(zj, s2, 32);
      v128.store(zj, s3, 48);
    }
    for (; j + 2 <= nout; j += 2) {
      const bj = thetaS + <usize>(b + j) * 16;
      let s0 = v128.load(bj), s1 = v128.load(bj, 16);
      const r0 = thetaT + <usize>(w + j * nin) * 16;
      for (let i = 0; i < nin; i++) {
        const ai = v128.load(prev + <usize>i * 16);
        const wi = r0 + <usize>i * 16;
        s0 = f64x2.add(s0, f64x2.mul(ai, v128.load(wi)));
        s1 = f64x2.add(s1, f64x2.mul(ai, v128.load(wi + stride)));
      }
      v128.store(zk + <usize>j * 16, s0);
      v128.store(zk + <usize>j * 16, s1, 16);
    }
    if (j < nout) {
      let s0 = v128.load(thetaS + <usize>(b + j) * 16);
      const r0 = thetaT + <usize>(w + j * nin) * 16;
      for (let i = 0; i < nin; i++) s0 = f64x2.add(s0, f64x2.mul(v128.load(prev + <usize>i * 16), v128.load(r0 + <usize>i * 16)));
      v128.store(zk + <usize>j * 16, s0);
    }
    activate(tab(k, T_ACT), zk, as_ + <usize>u * 16, nout);
  }
  const uo = <usize>tab(L - 1, T_UNIT) * 16;
  const zo = zs + uo, o = as_ + uo, d = ds + uo;
  const act = tab(L - 1, T_ACT);
  let loss: v128;
  if (softmax) {
    // log-sum-exp shifted by the larger logit (pmax keeps the JS reference's comparison semantics)
    let mx = f64x2.splat(-Infinity);
    for (let k = 0; k < C; k++) mx = f64x2.pmax(mx, v128.load(o + <usize>k * 16));
    let sum = f64x2.splat(0.0);
    let picked = f64x2.splat(0.0);
    const label = v128.load(lab);
    for (let k = 0; k < C; k++) {
      const ok = v128.load(o + <usize>k * 16);
      const e = vexp(f64x2.sub(ok, mx));
      v128.store(d + <usize>k * 16, e);
      sum = f64x2.add(sum, e);
      picked = f64x2.add(picked, v128.and(ok, f64x2.eq(label, f64x2.splat(<f64>k))));
    }
    loss = f64x2.sub(f64x2.add(mx, vlog(sum)), picked);
    if (wantGrad) {
      const inv = f64x2.div(f64x2.splat(1.0), sum);
      for (let k = 0; k < C; k++) {
        const pk = <usize>k * 16;
        const onehot = v128.and(f64x2.eq(label, f64x2.splat(<f64>k)), f64x2.splat(1.0));
        const g = f64x2.sub(f64x2.mul(v128.load(d + pk), inv), onehot);
        v128.store(d + pk, v128.and(derive(act, g, v128.load(zo + pk), v128.load(o + pk)), mask));
      }
    }
  } else {
    loss = f64x2.splat(0.0);
    for (let k = 0; k < C; k++) {
      const pk = <usize>k * 16;
      const e = f64x2.sub(v128.load(o + pk), v128.load(lab + pk));
      loss = f64x2.add(loss, f64x2.mul(e, e));
      // ∂(Σ e²)/∂z; the 1/(batch·outputs) is applied once at the end
      if (wantGrad) v128.store(d + pk, v128.and(derive(act, f64x2.add(e, e), v128.load(zo + pk), v128.load(o + pk)), mask));
    }
  }
  return v128.and(loss, mask);
}

let slopeX: v128 = f64x2.splat(0.0);
let slopeY: v128 = f64x2.splat(0.0);

/** Backward pass of the pair just forwarded: accumulates G for layers ≥ 1 and the first layer's share of the slope. */
function pairBackward(pp: usize): void {
  const h16 = <usize>H * 16;
  let sx = slopeX, sy = slopeY;
  for (let k = L - 1; k >= 1; k--) {
    const nin = tab(k, T_IN), nout = tab(k, T_OUT), w = tab(k, T_W), b = tab(k, T_B);
    const dk = ds + <usize>tab(k, T_UNIT) * 16;
    const up = <usize>tab(k - 1, T_UNIT) * 16;
    const prevA = as_ + up, prevZ = zs + up, dPrev = ds + up;
    const cp = tab(k - 1, T_ACT);
    for (let j = 0; j < nout; j++) {
      const g = gacc + <usize>(b + j) * 16;
      v128.store(g, f64x2.add(v128.load(g), v128.load(dk + <usize>j * 16)));
    }
    let i = 0;
    if (cp != RELU) {
      // two rows at a time (no unit is ever off here): two independent sums, δ_k loaded once
      for (; i + 2 <= nin; i += 2) {
        const oi = <usize>i * 16;
        const a0 = v128.load(prevA + oi), a1 = v128.load(prevA + oi, 16);
        const row0 = <usize>(w + i * nout) * 16, row1 = row0 + <usize>nout * 16;
        let back0 = f64x2.splat(0.0), back1 = f64x2.splat(0.0);
        for (let j = 0; j < nout; j++) {
          const oj = <usize>j * 16;
          const dj = v128.load(dk + oj);
          const g0 = gacc + row0 + oj, g1 = gacc + row1 + oj;
          v128.store(g0, f64x2.add(v128.load(g0), f64x2.mul(a0, dj)));
          v128.store(g1, f64x2.add(v128.load(g1), f64x2.mul(a1, dj)));
          back0 = f64x2.add(back0, f64x2.mul(v128.load(thetaS + row0 + oj), dj));
          back1 = f64x2.add(back1, f64x2.mul(v128.load(thetaS + row1 + oj), dj));
        }
        const gi0 = derive(cp, back0, v128.load(prevZ + oi), a0);
        const gi1 = derive(cp, back1, v128.load(prevZ + oi, 16), a1);
        if (k == 1) {
          sx = f64x2.add(f64x2.add(sx, f64x2.mul(gi0, v128.load(pp + h16 + oi))), f64x2.mul(gi1, v128.load(pp + h16 + oi, 16)));
          sy = f64x2.add(f64x2.add(sy, f64x2.mul(gi0, v128.load(pp + 2 * h16 + oi))), f64x2.mul(gi1, v128.load(pp + 2 * h16 + oi, 16)));
        } else {
          v128.store(dPrev + oi, gi0);
          v128.store(dPrev + oi, gi1, 16);
        }
      }
    }
    for (; i < nin; i++) {
      const oi = <usize>i * 16;
      const zi = v128.load(prevZ + oi);
      if (cp == RELU && !v128.any_true(f64x2.gt(zi, f64x2.splat(0.0)))) {
        v128.store(dPrev + oi, f64x2.splat(0.0)); // both samples' unit is off: it passes nothing
        continue;
      }
      const ai = v128.load(prevA + oi);
      const row = <usize>(w + i * nout);
      let back = f64x2.splat(0.0);
      for (let j = 0; j < nout; j++) {
        const dj = v128.load(dk + <usize>j * 16);
        const g = gacc + (row + j) * 16;
        v128.store(g, f64x2.add(v128.load(g), f64x2.mul(ai, dj)));
        back = f64x2.add(back, f64x2.mul(v128.load(thetaS + (row + j) * 16), dj));
      }
      const gi = derive(cp, back, zi, ai);
      if (k == 1) {
        // the first layer's share: ∂ℓ/∂z1 against the exact tangents P1, P2
        sx = f64x2.add(sx, f64x2.mul(gi, v128.load(pp + h16 + oi)));
        sy = f64x2.add(sy, f64x2.mul(gi, v128.load(pp + 2 * h16 + oi)));
      } else v128.store(dPrev + oi, gi);
    }
  }
  if (L == 1) {
    for (let j = 0; j < H; j++) {
      const oj = <usize>j * 16;
      const dj = v128.load(ds + oj);
      sx = f64x2.add(sx, f64x2.mul(dj, v128.load(pp + h16 + oj)));
      sy = f64x2.add(sy, f64x2.mul(dj, v128.load(pp + 2 * h16 + oj)));
    }
  }
  slopeX = sx;
  slopeY = sy;
}

// @ts-ignore: decorator
@inline function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * [mean loss, ∂L/∂x, ∂L/∂y] at (x, y) into out, over the first `count` sample indices at idx
 * (useIdx) or the whole set in order; the slope only if wantGrad.
 */
export function mlpEvaluate(x: f64, y: f64, count: i32, useIdx: bool, wantGrad: bool): void {
  setTheta(x, y);
  const zero = f64x2.splat(0.0);
  if (wantGrad) for (let p = LATER; p < P; p++) v128.store(gacc + <usize>p * 16, zero);
  slopeX = zero;
  slopeY = zero;
  const both = i64x2.splat(-1), first = i64x2(-1, 0);
  let total = zero;
  const w3 = <usize>(3 * H) * 16, lw = <usize>labW * 16;
  if (!useIdx) {
    const pairs = (count + 1) >> 1;
    for (let p = 0; p < pairs; p++) {
      const pp = prePair + <usize>p * w3;
      const mask = 2 * p + 1 < count ? both : first;
      total = f64x2.add(total, pairForward(pp, labelPair + <usize>p * lw, x, y, mask, wantGrad));
      if (wantGrad) pairBackward(pp);
    }
  } else {
    const pp = scratch, lab = scratch + w3;
    for (let t = 0; t < count; t += 2) {
      const s0 = load<i32>(idx + <usize>t * 4);
      const s1 = t + 1 < count ? load<i32>(idx + <usize>(t + 1) * 4) : s0;
      gatherPair(s0, s1, pp, lab);
      total = f64x2.add(total, pairForward(pp, lab, x, y, t + 1 < count ? both : first, wantGrad));
      if (wantGrad) pairBackward(pp);
    }
  }
  let sx = lanes(slopeX), sy = lanes(slopeY);
  if (wantGrad) {
    for (let p = LATER; p < P; p++) {
      const g = lanes(v128.load(gacc + <usize>p * 16));
      sx += g * load<f64>(dir1 + <usize>p * 8);
      sy += g * load<f64>(dir2 + <usize>p * 8);
    }
  }
  const inv = softmax ? 1.0 / <f64>count : 1.0 / (<f64>count * <f64>C);
  store<f64>(out, lanes(total) * inv);
  store<f64>(out + 8, sx * inv);
  store<f64>(out + 16, sy * inv);
}

/** Full-batch mean loss at (xs[i], y) into row[i] for i < size: one grid row in one call. */
export function mlpRow(y: f64, size: i32): void {
  const both = i64x2.splat(-1), first = i64x2(-1, 0);
  const w3 = <usize>(3 * H) * 16, lw = <usize>labW * 16;
  const pairs = (N + 1) >> 1;
  const inv = softmax ? 1.0 / <f64>N : 1.0 / (<f64>N * <f64>C);
  for (let i = 0; i < size; i++) {
    const x = load<f64>(xsP + <usize>i * 8);
    setTheta(x, y);
    let total = f64x2.splat(0.0);
    for (let p = 0; p < pairs; p++) {
      total = f64x2.add(total, pairForward(prePair + <usize>p * w3, labelPair + <usize>p * lw, x, y, 2 * p + 1 < N ? both : first, false));
    }
    store<f64>(rowP + <usize>i * 8, lanes(total) * inv);
  }
}

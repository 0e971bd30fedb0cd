// The reveal grid's row kernel in WebAssembly (AssemblyScript) for networks whose outputs are
// piecewise quadratic along a row: two layers with a relu or linear hidden layer and a linear
// output, and (degenerately, affine) a single linear layer. grid-kernel.ts explains the idea: for
// one sample and one row (y fixed), hidden unit j is the line z_j(x) = c_j + x·v_j and switches at
// most once, so between switches every output is a quadratic q0 + x·q1 + x²·q2.
//
// What this kernel adds over the JS one:
// - the quadratics are updated incrementally at each switch (± that unit's three terms) instead of
//   rebuilt from all active units;
// - softmax's exp follows a recurrence along the row. On a uniform row x_i = x0 + i·dx the step of
//   a quadratic, Δ_i = q(x_{i+1}) − q(x_i) = dx·(q1 + q2·(2x_i + dx)), grows by 2·q2·dx² per step,
//   so with E = e^(q − m), R = e^Δ and S = e^(2·q2·dx²): E ← E·R, R ← R·S — two multiplications
//   per class and point instead of an exp. Each multiplication adds half an ulp of relative error
//   (about i²/2 ulp after i steps), so the recurrence is re-anchored with exact exps every ANCHOR
//   points, at every switch, and whenever the sum leaves [2^−60, 2^60] (then at that very point);
//   where a logit can move by more than REACH within ANCHOR points (a class whose e^(q − m)
//   underflowed could come to matter), every point is an anchor. The loss stays within ~1e−13 of
//   the direct computation;
// - no log per sample and point: a point's loss over the samples is Σ (m − l_label) + ln Π sum,
//   so the sums are multiplied into a running product per point, whose binary exponent is moved
//   out exactly every RENORM samples (each factor is within 2^±60, so it never overflows), and
//   one log per point is taken at the end of the row;
// - classes sit in the lanes of f64x2, padded to an even count with a logit of −1e308 (e^… = 0,
//   step 0, so padding never changes a sum).
//
// Memory is laid out by the JS side (wasm-kernels.ts) and described by a header of i32 fields.

import { vexp, vlog } from "./simd-math";

const ANCHOR = 16;
const REACH: f64 = 600; // e^−600 relative to the sum is far below its last bit; e^−708 underflows
const RENORM = 16;
const LN2: f64 = 0.6931471805599453;
const PAD: f64 = -1e308;

// Header fields (i32 index).
const Q_HIDDEN = 0, Q_C = 1, Q_CP = 2, Q_LOSS = 3, Q_N = 4, Q_RELU = 5, Q_PRE = 6, Q_LABELS = 7,
  Q_W2 = 8, Q_A = 9, Q_B = 10, Q_BA = 11, Q_BB = 12, Q_Q0 = 13, Q_Q1 = 14, Q_Q2 = 15, Q_E = 16, Q_R = 17,
  Q_S = 18, Q_UNITC = 19, Q_UNITV = 20, Q_FLIP = 21, Q_ORDER = 22, Q_XS = 23, Q_ROW = 24, Q_PROD = 25, Q_EXPO = 26;

let hidden: i32 = 0, C: i32 = 0, CP: i32 = 0, softmax: bool = true, N: i32 = 0, relu: bool = true;
let pre: usize = 0, labels: usize = 0, w2: usize = 0, A: usize = 0, B: usize = 0, bA: usize = 0, bB: usize = 0;
let q0: usize = 0, q1: usize = 0, q2: usize = 0, E: usize = 0, R: usize = 0, S: usize = 0;
let unitC: usize = 0, unitV: usize = 0, flip: usize = 0, order: usize = 0, xsP: usize = 0, rowP: usize = 0;
let prod: usize = 0, expo: usize = 0;
let span: i32 = ANCHOR; // points the current anchor may serve

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

// @ts-ignore: decorator
@inline function f(p: usize, i: i32): f64 {
  return load<f64>(p + <usize>i * 8);
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** q += sign·(unit j's terms): (c·A_j, c·B_j + v·A_j, v·B_j) over the class lanes. */
function addUnit(j: i32, sign: f64): void {
  const c = f64x2.splat(sign * f(unitC, j)), v = f64x2.splat(sign * f(unitV, j));
  const row = <usize>(j * CP) * 8;
  for (let k = 0; k < CP; k += 2) {
    const o = <usize>k * 8;
    const a = v128.load(A + row + o), b = v128.load(B + row + o);
    v128.store(q0 + o, f64x2.add(v128.load(q0 + o), f64x2.mul(c, a)));
    v128.store(q1 + o, f64x2.add(v128.load(q1 + o), f64x2.add(f64x2.mul(c, b), f64x2.mul(v, a))));
    v128.store(q2 + o, f64x2.add(v128.load(q2 + o), f64x2.mul(v, b)));
  }
}

/** The largest logit at x and E = e^(q(x) − max), R = e^Δ (the step to x + dx); returns the max. */
function anchor(x: f64, dx: f64): f64 {
  const xv = f64x2.splat(x);
  let mx = f64x2.splat(-Infinity);
  for (let k = 0; k < CP; k += 2) {
    const o = <usize>k * 8;
    const l = f64x2.add(v128.load(q0 + o), f64x2.mul(xv, f64x2.add(v128.load(q1 + o), f64x2.mul(xv, v128.load(q2 + o)))));
    v128.store(E + o, l);
    mx = f64x2.pmax(mx, l);
  }
  const m0 = f64x2.extract_lane(mx, 0), m1 = f64x2.extract_lane(mx, 1);
  const m = m1 > m0 ? m1 : m0;
  const mv = f64x2.splat(m), dxv = f64x2.splat(dx), step = f64x2.splat(2 * x + dx);
  const k1 = f64x2.splat(<f64>ANCHOR), k2 = f64x2.splat(<f64>(ANCHOR * ANCHOR) * dx * dx);
  let reach = f64x2.splat(0.0);
  for (let k = 0; k < CP; k += 2) {
    const o = <usize>k * 8;
    v128.store(E + o, vexp(f64x2.sub(v128.load(E + o), mv)));
    const q2k = v128.load(q2 + o);
    const delta = f64x2.mul(dxv, f64x2.add(v128.load(q1 + o), f64x2.mul(q2k, step)));
    v128.store(R + o, vexp(delta));
    reach = f64x2.pmax(reach, f64x2.add(f64x2.mul(k1, f64x2.abs(delta)), f64x2.mul(k2, f64x2.abs(q2k))));
  }
  // A logit that can move by more than REACH within the block could rise from below the
  // underflow of e^(q − m) to matter: there the exps are taken at every point instead.
  span = f64x2.extract_lane(reach, 0) > REACH || f64x2.extract_lane(reach, 1) > REACH ? 1 : ANCHOR;
  return m;
}

/** Softmax cross-entropy of one sample over points [i0, i1) of the row, added into row[i]. */
function softmaxSegment(i0: i32, i1: i32, dx: f64, label: i32): void {
  const s2 = f64x2.splat(2 * dx * dx);
  for (let k = 0; k < CP; k += 2) v128.store(S + <usize>k * 8, vexp(f64x2.mul(s2, v128.load(q2 + <usize>k * 8))));
  const l0 = f(q0, label), l1 = f(q1, label), l2 = f(q2, label);
  let m: f64 = 0;
  let since = ANCHOR; // anchor at the first point
  for (let i = i0; i < i1; i++) {
    const x = f(xsP, i);
    let sum: f64;
    if (since >= span) {
      m = anchor(x, dx);
      since = 0;
      sum = sumE();
    } else {
      let acc = f64x2.splat(0.0);
      for (let k = 0; k < CP; k += 2) {
        const o = <usize>k * 8;
        const r = v128.load(R + o);
        const e = f64x2.mul(v128.load(E + o), r);
        v128.store(E + o, e);
        v128.store(R + o, f64x2.mul(r, v128.load(S + o)));
        acc = f64x2.add(acc, e);
      }
      sum = hsum(acc);
      if (!(sum >= 8.673617379884035e-19 && sum <= 1.152921504606847e18)) { // 2^∓60
        m = anchor(x, dx); // drifted far (or overflowed): start again from the exact values here
        since = 0;
        sum = sumE();
      }
    }
    since++;
    const p = rowP + <usize>i * 8, q = prod + <usize>i * 8;
    store<f64>(p, load<f64>(p) + (m - (l0 + x * (l1 + x * l2))));
    store<f64>(q, load<f64>(q) * sum);
  }
}

// @ts-ignore: decorator
@inline function sumE(): f64 {
  let acc = f64x2.splat(0.0);
  for (let k = 0; k < CP; k += 2) acc = f64x2.add(acc, v128.load(E + <usize>k * 8));
  return hsum(acc);
}

/** Moves the binary exponent of every point's product into expo (exactly), leaving the product in [1, 2). */
function renormalize(size: i32): void {
  const mant = i64x2.splat(0x000fffffffffffff), one = i64x2.splat(0x3ff0000000000000);
  for (let i = 0; i < size; i += 2) {
    const o = <usize>i * 8;
    const v = v128.load(prod + o);
    // the biased exponent minus 1023, as a double through the 1.5·2^52 trick (|e| < 2^11)
    const e = i64x2.sub(i64x2.shr_u(v, 52), i64x2.splat(1023));
    const ef = f64x2.sub(i64x2.add(e, i64x2.splat(0x4338000000000000)), f64x2.splat(6755399441055744.0));
    v128.store(expo + o, f64x2.add(v128.load(expo + o), ef));
    v128.store(prod + o, v128.or(v128.and(v, mant), one));
  }
}

/** Squared error of one sample (targets at t) over points [i0, i1), added into row[i]. */
function mseSegment(i0: i32, i1: i32, t: usize): void {
  for (let i = i0; i < i1; i++) {
    const xv = f64x2.splat(f(xsP, i));
    let acc = f64x2.splat(0.0);
    for (let k = 0; k < CP; k += 2) {
      const o = <usize>k * 8;
      const e = f64x2.add(f64x2.sub(v128.load(q0 + o), v128.load(t + o)), f64x2.mul(xv, f64x2.add(v128.load(q1 + o), f64x2.mul(xv, v128.load(q2 + o)))));
      acc = f64x2.add(acc, f64x2.mul(e, e));
    }
    const p = rowP + <usize>i * 8;
    store<f64>(p, load<f64>(p) + hsum(acc));
  }
}

/**
 * Mean loss at (xs[i], y) into row[i] for i < size. dx is the row's step (x_{i+1} − x_i up to
 * rounding); the points themselves are read from xs. For mse the targets must be padded to CP per sample.
 */
export function quadRow(y: f64, size: i32, dx: f64): void {
  const x0 = f(xsP, 0);
  const h = hidden;
  const w = hidden > 0 ? hidden : C; // units per sample in pre
  const padQ0 = softmax ? PAD : 0.0;
  if (h > 0) {
    // layer 2 at this row's y: A = W2(θ0) + y·W2(δ2), B = W2(δ1); w2 holds center, d1, d2 layer-2 blocks
    const blk = h * C + C;
    for (let j = 0; j < h; j++) {
      for (let k = 0; k < CP; k++) {
        const o = <usize>(j * CP + k) * 8;
        if (k < C) {
          const s = j * C + k;
          store<f64>(A + o, f(w2, s) + y * f(w2, 2 * blk + s));
          store<f64>(B + o, f(w2, blk + s));
        } else {
          store<f64>(A + o, 0);
          store<f64>(B + o, 0);
        }
      }
    }
    for (let k = 0; k < CP; k++) {
      const s = h * C + k;
      store<f64>(bA + <usize>k * 8, k < C ? f(w2, s) + y * f(w2, 2 * blk + s) : padQ0);
      store<f64>(bB + <usize>k * 8, k < C ? f(w2, blk + s) : 0);
    }
  }
  for (let i = 0; i < size; i++) {
    store<f64>(rowP + <usize>i * 8, 0);
    store<f64>(prod + <usize>i * 8, 1);
    store<f64>(expo + <usize>i * 8, 0);
  }
  for (let s = 0; s < N; s++) {
    if (softmax && s % RENORM == 0) renormalize(size);
    const base = pre + <usize>(s * 3 * w) * 8;
    let events = 0;
    if (h > 0) {
      for (let k = 0; k < CP; k++) {
        const o = <usize>k * 8;
        store<f64>(q0 + o, load<f64>(bA + o));
        store<f64>(q1 + o, load<f64>(bB + o));
        store<f64>(q2 + o, 0);
      }
      for (let j = 0; j < h; j++) {
        const c = f(base, j) + y * f(base, 2 * w + j);
        const v = f(base, w + j);
        store<f64>(unitC + <usize>j * 8, c);
        store<f64>(unitV + <usize>j * 8, v);
        let on = true;
        let at = size;
        if (relu) {
          on = c + x0 * v > 0;
          // first index whose state differs from index 0: from the root, then checked against the
          // exact test of the forward pass so rounding cannot misplace it (as in grid-kernel.ts)
          if (v != 0) {
            const root = (-c / v - x0) / dx;
            if (root >= 0 && root < <f64>size) {
              let i = <i32>Math.max(1, Math.floor(root));
              while (i < size && (c + f(xsP, i) * v > 0) == on) i++;
              while (i > 1 && (c + f(xsP, i - 1) * v > 0) != on) i--;
              at = i;
            }
          }
        }
        if (on) addUnit(j, 1.0);
        if (at < size) {
          store<i32>(flip + <usize>j * 4, on ? at : -at); // the sign says which way it switches
          // insertion into the events list, ordered by index
          let e = events++;
          while (e > 0) {
            const prev = load<i32>(order + <usize>(e - 1) * 4);
            if (abs<i32>(load<i32>(flip + <usize>prev * 4)) <= at) break;
            store<i32>(order + <usize>e * 4, prev);
            e--;
          }
          store<i32>(order + <usize>e * 4, j);
        }
      }
    } else {
      for (let k = 0; k < CP; k++) {
        const o = <usize>k * 8;
        store<f64>(q0 + o, k < C ? f(base, k) + y * f(base, 2 * w + k) : padQ0);
        store<f64>(q1 + o, k < C ? f(base, w + k) : 0);
        store<f64>(q2 + o, 0);
      }
    }
    const label = softmax ? <i32>f(labels, s) : 0;
    const t = labels + <usize>(s * CP) * 8;
    let i = 0;
    let e = 0;
    while (i < size) {
      const end = e < events ? abs<i32>(load<i32>(flip + <usize>load<i32>(order + <usize>e * 4) * 4)) : size;
      if (end > i) {
        if (softmax) softmaxSegment(i, end, dx, label);
        else mseSegment(i, end, t);
      }
      i = end;
      // every unit switching at this index
      while (e < events) {
        const j = load<i32>(order + <usize>e * 4);
        const fj = load<i32>(flip + <usize>j * 4);
        if (abs<i32>(fj) != end) break;
        addUnit(j, fj > 0 ? -1.0 : 1.0); // was on at index 0: switches off
        e++;
      }
    }
  }
  const scale = softmax ? 1.0 / <f64>N : 1.0 / (<f64>N * <f64>C);
  if (softmax) {
    // ln Π sum = expo·ln2 + ln(product), two points per vector log
    renormalize(size);
    for (let i = 0; i < size; i += 2) {
      const o = <usize>i * 8;
      const logs = f64x2.add(f64x2.mul(v128.load(expo + o), f64x2.splat(LN2)), vlog(v128.load(prod + o)));
      v128.store(rowP + o, f64x2.add(v128.load(rowP + o), logs));
    }
  }
  for (let i = 0; i < size; i++) store<f64>(rowP + <usize>i * 8, f(rowP, i) * scale);
}

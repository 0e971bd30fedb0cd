// A faster reveal grid for networks whose outputs are piecewise quadratic along a grid row: two
// layers with a relu or linear hidden layer and a linear output, and (degenerately, affine) a
// single linear layer. Along one row y is fixed, so for each sample
//   hidden unit j:  z1_j(x) = c_j + x·v_j              (affine in x: the first layer's structure)
//   output k:       z2_k(x) = Σ_{j active} z1_j(x)·(A_jk + x·B_jk) + bA_k + x·bB_k
// is a quadratic q0 + x·q1 + x²·q2 for as long as the set of active relu units stays the same,
// and that set changes at most once per unit along the row (z1_j is a line). So per sample and row
// we find where each unit switches and sweep the row:
// - at a switch the quadratic changes by that unit's three terms (±(c·A_j, c·B_j + v·A_j, v·B_j)),
//   an incremental update instead of a rebuild from every active unit;
// - softmax's exp follows a recurrence: on a uniform row the step of a quadratic,
//   Δ_i = q(x_{i+1}) − q(x_i) = dx·(q1 + q2·(2x_i + dx)), grows by 2·q2·dx² per step, so with
//   E = e^(q − m), R = e^Δ, S = e^(2·q2·dx²): E ← E·R, R ← R·S, two multiplications per class and
//   point instead of an exp. Rounding grows by about i²/2 ulp after i steps, so the recurrence is
//   re-anchored with exact exps every ANCHOR points, at every switch, and whenever the sum of E
//   leaves [2^−60, 2^60] (then at that very point); where a logit can move by more than REACH
//   within ANCHOR points (a class whose e^(q − m) underflowed could come to matter), every point
//   is an anchor;
// - no log per sample and point: over the samples a point's loss is Σ (m − l_label) + ln Π sum,
//   so each sum is multiplied into a running product per point, whose binary exponent is moved
//   out exactly every RENORM samples (the factors are within 2^±60: it never overflows).
// The numbers are the forward pass's up to rounding: the catalog's 256-point rows stay within
// 3e−12 of it (two-valleys; the quadratics reassociate the sums), and the tests hold them to 1e−9.
// wasm/as/quad-row.ts is the same algorithm with the classes in f64x2 lanes; this JS version is
// the fallback where WebAssembly is missing, and measured 3.4× faster than rebuilding each
// segment's quadratic and calling exp and log at every point (two-valleys, one 256-point row).
import { layerOffsets } from "./mlp";
import { precomputeFirstLayer, type FirstLayer } from "./slice-kernel";
import type { Dataset, MlpSpec } from "./types";

/** Fills out[i] with the mean loss at (xs[i], y) for one grid row (xs uniformly spaced). */
export type RowKernel = (y: number, xs: readonly number[], out: Float64Array) => void;

/** Points between exact re-anchorings of the exp recurrence (error ≲ ANCHOR²/2 ulp). */
const ANCHOR = 16;
/** Samples between renormalisations of the running products (16 factors of at most 2^60 each). */
const RENORM = 16;
const TWO_60 = 2 ** 60;
/** Largest move of a logit within a block that the recurrence may follow (e^−708 underflows; e^−600 is below any sum's last bit). */
const REACH = 600;

/** Whether a network's outputs are piecewise quadratic along a grid row (the row kernels apply). */
export function hasQuadraticRows(spec: MlpSpec): boolean {
  const ls = spec.layers;
  if (ls.length === 1) return ls[0]!.activation === "linear";
  return ls.length === 2 && (ls[0]!.activation === "relu" || ls[0]!.activation === "linear") && ls[1]!.activation === "linear";
}

/**
 * The row kernel for a network it applies to, else null (the caller uses the general kernel).
 * `pre` is the slice's first-layer products when the caller has them (computed here otherwise).
 */
export function createRowKernel(spec: MlpSpec, center: Float64Array, d1: Float64Array, d2: Float64Array, ds: Dataset, pre?: FirstLayer): RowKernel | null {
  if (!hasQuadraticRows(spec)) return null;
  const layers = spec.layers;
  const hidden = layers.length === 2 ? layers[0]!.out : 0; // 0: a single linear layer
  const relu = hidden > 0 && layers[0]!.activation === "relu";
  const C = layers[layers.length - 1]!.out;
  const width = hidden > 0 ? hidden : C; // units per sample in pre
  const p = pre ?? precomputeFirstLayer(spec, center, d1, d2, ds);
  const n = ds.n;
  const softmax = spec.loss === "softmax_cross_entropy";
  const ys = ds.y;
  const w = hidden > 0 ? layerOffsets(spec)[1]!.w : 0;
  const b = hidden > 0 ? layerOffsets(spec)[1]!.b : 0;
  const A = new Float64Array(hidden * C); // (hidden, C): layer-2 weights at this row's y
  const B = new Float64Array(hidden * C); // (hidden, C): their x slope, δ1's layer-2 weights
  const bA = new Float64Array(C), bB = new Float64Array(C);
  const q0 = new Float64Array(C), q1 = new Float64Array(C), q2 = new Float64Array(C); // the current quadratic per output
  const E = new Float64Array(C), R = new Float64Array(C), S = new Float64Array(C); // the exp recurrence per class
  const unitC = new Float64Array(hidden), unitV = new Float64Array(hidden); // z1_j = c + x·v
  const flip = new Int32Array(hidden); // ± the index where unit j switches (+: it was on)
  const order = new Int32Array(hidden); // switching units by index
  let prod = new Float64Array(0), expo = new Float64Array(0); // per point: Π sum = prod·2^expo
  let span = ANCHOR; // points the current anchor may serve

  /** q += sign·(unit j's terms). */
  function addUnit(j: number, sign: number): void {
    const c = sign * unitC[j]!, v = sign * unitV[j]!;
    for (let k = 0; k < C; k++) {
      const a = A[j * C + k]!, bb = B[j * C + k]!;
      q0[k] = q0[k]! + c * a;
      q1[k] = q1[k]! + (c * bb + v * a);
      q2[k] = q2[k]! + v * bb;
    }
  }

  /** Exact E = e^(q(x) − max) and R = e^Δ at x; returns the max. */
  function anchor(x: number, dx: number): number {
    let m = -Infinity;
    for (let k = 0; k < C; k++) {
      const l = q0[k]! + x * (q1[k]! + x * q2[k]!);
      E[k] = l;
      if (l > m) m = l;
    }
    const step = 2 * x + dx;
    let reach = 0;
    for (let k = 0; k < C; k++) {
      const delta = dx * (q1[k]! + q2[k]! * step);
      E[k] = Math.exp(E[k]! - m);
      R[k] = Math.exp(delta);
      reach = Math.max(reach, ANCHOR * Math.abs(delta) + ANCHOR * ANCHOR * dx * dx * Math.abs(q2[k]!));
    }
    // A logit that can move by more than REACH within the block could rise from below the
    // underflow of e^(q − m) to matter: there the exps are taken at every point instead.
    span = reach > REACH ? 1 : ANCHOR;
    return m;
  }

  /** Σ E. */
  function sumE(): number {
    let sum = 0;
    for (let k = 0; k < C; k++) sum += E[k]!;
    return sum;
  }

  /** One sample's softmax loss over points [i0, i1): the linear part into out, the sums into prod. */
  function softmaxSegment(xs: readonly number[], i0: number, i1: number, dx: number, label: number, out: Float64Array): void {
    for (let k = 0; k < C; k++) S[k] = Math.exp(2 * dx * dx * q2[k]!);
    const l0 = q0[label]!, l1 = q1[label]!, l2 = q2[label]!;
    let m = 0;
    let since = ANCHOR;
    for (let i = i0; i < i1; i++) {
      const x = xs[i]!;
      let sum: number;
      if (since >= span) {
        m = anchor(x, dx);
        since = 0;
        sum = sumE();
      } else {
        sum = 0;
        for (let k = 0; k < C; k++) {
          const r = R[k]!;
          const e = E[k]! * r;
          E[k] = e;
          R[k] = r * S[k]!;
          sum += e;
        }
        if (!(sum >= 1 / TWO_60 && sum <= TWO_60)) {
          m = anchor(x, dx); // drifted far (or overflowed): start again from the exact values here
          since = 0;
          sum = sumE();
        }
      }
      since++;
      out[i] = out[i]! + (m - (l0 + x * (l1 + x * l2)));
      prod[i] = prod[i]! * sum;
    }
  }

  /** One sample's squared error (targets from t) over points [i0, i1), into out. */
  function mseSegment(xs: readonly number[], i0: number, i1: number, t: number, out: Float64Array): void {
    for (let i = i0; i < i1; i++) {
      const x = xs[i]!;
      let e2 = 0;
      for (let k = 0; k < C; k++) {
        const e = q0[k]! - ys[t + k]! + x * (q1[k]! + x * q2[k]!);
        e2 += e * e;
      }
      out[i] = out[i]! + e2;
    }
  }

  /** Moves each product's binary exponent into expo (exactly: a power of two), leaving it in [1, 2). */
  function renormalize(size: number): void {
    for (let i = 0; i < size; i++) {
      const e = Math.floor(Math.log2(prod[i]!));
      expo[i] = expo[i]! + e;
      prod[i] = prod[i]! / 2 ** e;
    }
  }

  return (y, xs, out) => {
    const size = xs.length;
    const x0 = xs[0]!, dx = size > 1 ? (xs[size - 1]! - x0) / (size - 1) : 1;
    if (prod.length < size) {
      prod = new Float64Array(size);
      expo = new Float64Array(size);
    }
    for (let t = 0; t < hidden * C; t++) {
      A[t] = center[w + t]! + y * d2[w + t]!;
      B[t] = d1[w + t]!;
    }
    for (let k = 0; k < C && hidden > 0; k++) {
      bA[k] = center[b + k]! + y * d2[b + k]!;
      bB[k] = d1[b + k]!;
    }
    out.fill(0, 0, size);
    prod.fill(1, 0, size);
    expo.fill(0, 0, size);
    for (let s = 0; s < n; s++) {
      if (softmax && s % RENORM === 0) renormalize(size);
      const base = s * 3 * width;
      let events = 0;
      if (hidden > 0) {
        q0.set(bA);
        q1.set(bB);
        q2.fill(0);
        for (let j = 0; j < hidden; j++) {
          const c = p[base + j]! + y * p[base + 2 * width + j]!;
          const v = p[base + width + j]!;
          unitC[j] = c;
          unitV[j] = v;
          const on = !relu || c + x0 * v > 0;
          const at = relu ? switchIndex(c, v, xs, on, dx) : size;
          if (on) addUnit(j, 1);
          if (at < size) {
            flip[j] = on ? at : -at;
            let e = events++; // insertion by index: a handful of units switch inside a row
            while (e > 0 && Math.abs(flip[order[e - 1]!]!) > at) {
              order[e] = order[e - 1]!;
              e--;
            }
            order[e] = j;
          }
        }
      } else {
        for (let k = 0; k < C; k++) {
          q0[k] = p[base + k]! + y * p[base + 2 * C + k]!;
          q1[k] = p[base + C + k]!;
          q2[k] = 0;
        }
      }
      const label = softmax ? ys[s]! : 0;
      let i = 0;
      let e = 0;
      while (i < size) {
        const end = e < events ? Math.abs(flip[order[e]!]!) : size;
        if (end > i) {
          if (softmax) softmaxSegment(xs, i, end, dx, label, out);
          else mseSegment(xs, i, end, s * C, out);
        }
        i = end;
        for (; e < events; e++) {
          const j = order[e]!;
          if (Math.abs(flip[j]!) !== end) break;
          addUnit(j, flip[j]! > 0 ? -1 : 1); // on at index 0: switches off here
        }
      }
    }
    if (softmax) {
      renormalize(size);
      for (let i = 0; i < size; i++) out[i] = out[i]! + (expo[i]! * Math.LN2 + Math.log(prod[i]!));
    }
    const scale = softmax ? 1 / n : 1 / (n * C);
    for (let i = 0; i < size; i++) out[i] = out[i]! * scale;
  };
}

/**
 * The first grid index whose relu state differs from index 0's (xs.length if none): from the root
 * of c + x·v, then checked against the exact test of the forward pass, so rounding cannot misplace it.
 */
function switchIndex(c: number, v: number, xs: readonly number[], on: boolean, dx: number): number {
  const size = xs.length;
  if (v === 0) return size;
  const root = (-c / v - xs[0]!) / dx;
  if (!(root >= 0 && root < size)) return size;
  let i = Math.max(1, Math.floor(root));
  while (i < size && c + xs[i]! * v > 0 === on) i++;
  while (i > 1 && c + xs[i - 1]! * v > 0 !== on) i--;
  return i;
}

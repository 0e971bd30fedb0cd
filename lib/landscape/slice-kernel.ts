// The numeric kernel of a slice evaluator: loss and exact slope of θ(x, y) = θ0 + x·δ1 + y·δ2.
//
// Two facts make a point cheap (DESIGN.md, "The math"):
// 1. The first layer's pre-activations are affine in (x, y): z1 = X·W1(x,y) + b1(x,y)
//    = P0 + x·P1 + y·P2 with P0 = X·W1_0 + b1_0, Pk = X·Dk_W1 + Dk_b1. These three products are
//    computed once per sample at creation, so a point costs 3·H per sample for layer 1 instead
//    of d·H (for the digits MLP that was most of the work). They are also the exact tangents
//    ∂z1/∂x = P1 and ∂z1/∂y = P2: forward-mode differentiation of layer 1 comes for free.
// 2. The slope needs two directional derivatives, never ∇θL. The first layer's share is
//    Σ_s ⟨∂ℓ_s/∂z1, Pk⟩ (the free tangents, contracted with the signal backpropagated to z1);
//    the later layers' share is ⟨G_l, Dk_l⟩ with G_l = Σ_s a_{l-1}ᵀ·δ_l accumulated over the batch
//    and contracted with δ1, δ2 once at the end. It is backprop stopped short of layer 1: the
//    d·H first-layer gradient is never formed. Per later layer and sample this costs three
//    matrix-vector passes (forward, back, accumulate); pushing tangents forward through the later
//    layers instead costs five (forward, then ȧ·W + a·Dk for each direction), and a mixed variant
//    with four passes measured slower in a micro-benchmark. Either way the slope is exact: the
//    tests check it against full backprop + dot products to 1e-10.
// Inactive relu units are skipped in every pass (their a and δ are exactly zero), through a
// per-sample list of active units.
//
// The working buffers here are plain JS arrays of doubles, not typed arrays, on purpose: once any
// ArrayBuffer in the process has been detached (a transfer to another thread, TF.js in the
// benchmark and the tests), V8 drops its "no detached buffers" assumption and every typed-array
// access pays a check; that cost this loop ~20 %. Packed double arrays hold the same unboxed
// float64 values without it. (The training workers reply by copy for the same reason.)
import { ACT_CODE } from "./activations";
import { layerOffsets } from "./mlp";
import type { Dataset, MlpSpec } from "./types";

/**
 * Evaluates one point over a set of samples; results land in `out` = [mean loss, ∂L/∂x, ∂L/∂y,
 * samples classified right]. The count comes from the same forward pass as the loss (a sample is
 * right when predictedClass of its outputs is its label), so accuracy costs C comparisons a
 * sample; it is −1 for an mse loss, which has no classes.
 */
export interface SliceKernel {
  readonly out: Float64Array;
  /** Over samples idx[0..count) (or 0..count-1 when idx is null); the slope only if wantGrad. */
  evaluate(x: number, y: number, idx: Int32Array | null, count: number, wantGrad: boolean): void;
  /**
   * The network's answer for every sample at (x, y), forward only: out[2s] = predictedClass of
   * sample s's outputs, out[2s + 1] = that class's softmax probability (out holds 2n values).
   */
  predict(x: number, y: number, out: Float64Array): void;
}

/**
 * The predicted class of one sample: the index of the first largest of its C outputs (o[0..C)),
 * compared as mx < o[k] from −∞, so a NaN output never wins and all-NaN outputs give class 0. The
 * wasm kernel (wasm/as/mlp-predict.ts) makes the same comparisons.
 */
export function predictedClass(o: ArrayLike<number>, C: number): number {
  let mx = -Infinity;
  let arg = 0;
  for (let k = 0; k < C; k++) {
    const v = o[k]!;
    if (mx < v) { mx = v; arg = k; }
  }
  return arg;
}

/** The softmax probability of class k of outputs o[0..C): 1 / Σ_j exp(o_j − o_k). */
export function classProbability(o: ArrayLike<number>, C: number, k: number): number {
  const top = o[k]!;
  let sum = 0;
  for (let j = 0; j < C; j++) sum += Math.exp(o[j]! - top);
  return 1 / sum;
}

/**
 * The first layer's products, (n, 3, H) flat: per sample P0 = x·W1_0 + b1_0, P1 = x·D1_W1 + D1_b1,
 * P2 = x·D2_W1 + D2_b1. Computed once per evaluator (precomputeFirstLayer) and shared, read-only,
 * by the slice kernel and the grid's row kernel.
 */
export type FirstLayer = readonly number[];

/** Builds the kernel over the first-layer products `pre` of this slice and dataset. Inputs are assumed validated. */
export function createSliceKernel(spec: MlpSpec, center: Float64Array, d1: Float64Array, d2: Float64Array, dataset: Dataset, pre: FirstLayer): SliceKernel {
  const L = spec.layers.length;
  const P = center.length;
  const offs = layerOffsets(spec);
  const nOut = spec.layers.map((l) => l.out);
  const wOff = offs.map((o) => o.w);
  const bOff = offs.map((o) => o.b);
  const code = spec.layers.map((l) => ACT_CODE[l.activation]);
  const H = nOut[0]!;
  const H3 = 3 * H;
  const C = nOut[L - 1]!;
  const softmax = spec.loss === "softmax_cross_entropy";
  const ys = Array.from(dataset.y);
  const theta = zeros(P); // layers ≥ 1 at the current (x, y)
  const gacc = zeros(P); // Σ_s a_{l-1}ᵀ·δ_l for layers ≥ 1, unscaled
  const z = spec.layers.map((l) => zeros(l.out)); // one sample at a time: (out)
  const a = spec.layers.map((l, k) => (l.activation === "linear" ? z[k]! : zeros(l.out))); // linear: a is z
  const delta = spec.layers.map((l) => zeros(l.out)); // ∂ℓ/∂z
  // Indices of the units that pass a signal: rewritten per sample for relu, all units otherwise.
  const active = spec.layers.map((l) => Array.from({ length: l.out }, (_, i) => i));
  const nActive = spec.layers.map((l) => l.out);
  const later = L > 1 ? wOff[1]! : P; // layers ≥ 1 occupy [later, P)
  const out = new Float64Array(4); // read once per call, so a typed array is fine

  /** a = f(z) for layer k; for relu also the list of active units. */
  function activate(k: number): void {
    const zk = z[k]!;
    const ak = a[k]!;
    const len = nOut[k]!;
    const c = code[k]!;
    if (c === 1) {
      const act = active[k]!;
      let m = 0;
      for (let i = 0; i < len; i++) {
        const v = zk[i]!;
        if (v > 0) { ak[i] = v; act[m++] = i; } else ak[i] = 0;
      }
      nActive[k] = m;
    } else if (c === 2) for (let i = 0; i < len; i++) ak[i] = Math.tanh(zk[i]!);
    else if (c === 3) for (let i = 0; i < len; i++) { const v = zk[i]!; ak[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)); }
  }

  /** f'(z_k[i]) through a = f(z) (tanh: 1 − a², sigmoid: a(1 − a)); 1 for relu's active units and linear. */
  function slopeOf(c: number, ai: number): number {
    return c === 2 ? 1 - ai * ai : c === 3 ? ai * (1 - ai) : 1;
  }

  /** Forward pass of sample s at (x, y); returns its loss and, if wantGrad, leaves ∂ℓ/∂z_L in delta[L-1]. */
  function sampleForward(s: number, x: number, y: number, wantGrad: boolean): number {
    const base = s * H3;
    const z0 = z[0]!;
    if (code[0] === 1) {
      // the hot case, fused: affine first layer, relu and the active list in one pass
      const a0 = a[0]!;
      const act0 = active[0]!;
      let m = 0;
      for (let j = 0; j < H; j++) {
        const v = pre[base + j]! + x * pre[base + H + j]! + y * pre[base + H + j + H]!;
        z0[j] = v;
        if (v > 0) { a0[j] = v; act0[m++] = j; } else a0[j] = 0;
      }
      nActive[0] = m;
    } else {
      for (let j = 0; j < H; j++) z0[j] = pre[base + j]! + x * pre[base + H + j]! + y * pre[base + H + j + H]!;
      activate(0);
    }
    for (let k = 1; k < L; k++) {
      const no = nOut[k]!;
      const w = wOff[k]!;
      const b = bOff[k]!;
      const zk = z[k]!; // (out)
      const prev = a[k - 1]!; // (in)
      const act = active[k - 1]!;
      const m = nActive[k - 1]!;
      for (let j = 0; j < no; j++) zk[j] = theta[b + j]!;
      for (let t = 0; t < m; t++) {
        const i = act[t]!;
        const ai = prev[i]!;
        const row = w + i * no;
        for (let j = 0; j < no; j++) zk[j] = zk[j]! + ai * theta[row + j]!;
      }
      activate(k);
    }
    const o = a[L - 1]!;
    const dOut = delta[L - 1]!;
    const cl = code[L - 1]!;
    if (softmax) {
      // log-sum-exp shifted by the row maximum: no logit overflows exp
      let mx = -Infinity;
      for (let j = 0; j < C; j++) if (o[j]! > mx) mx = o[j]!;
      let sum = 0;
      for (let j = 0; j < C; j++) {
        const e = Math.exp(o[j]! - mx);
        dOut[j] = e;
        sum += e;
      }
      const label = ys[s]!;
      if (wantGrad) {
        const inv = 1 / sum;
        for (let j = 0; j < C; j++) dOut[j] = dOut[j]! * inv;
        dOut[label] = dOut[label]! - 1;
        if (cl !== 0) for (let j = 0; j < C; j++) dOut[j] = cl === 1 && !(z[L - 1]![j]! > 0) ? 0 : dOut[j]! * slopeOf(cl, o[j]!);
      }
      return mx + Math.log(sum) - o[label]!;
    }
    let e2 = 0;
    for (let j = 0; j < C; j++) {
      const e = o[j]! - ys[s * C + j]!;
      e2 += e * e;
      // ∂(Σ e²)/∂z; the 1/(batch·outputs) is applied once at the end
      dOut[j] = cl === 1 && !(z[L - 1]![j]! > 0) ? 0 : 2 * e * slopeOf(cl, o[j]!);
    }
    return e2;
  }

  /**
   * Backward pass of the sample just forwarded: accumulates G for layers ≥ 1, returns the x part
   * of this sample's first-layer share of the slope and leaves the y part in slopeY (a second
   * return value without allocating).
   */
  let slopeY = 0;
  function sampleBackward(s: number): number {
    const base = s * H3;
    let sx = 0;
    let sy = 0;
    for (let k = L - 1; k >= 1; k--) {
      const no = nOut[k]!;
      const w = wOff[k]!;
      const b = bOff[k]!;
      const dk = delta[k]!; // ∂ℓ/∂z_k, (out)
      const prev = a[k - 1]!; // (in)
      const dPrev = delta[k - 1]!; // ∂ℓ/∂z_{k-1}, (in)
      const act = active[k - 1]!;
      const m = nActive[k - 1]!;
      const cp = code[k - 1]!;
      for (let j = 0; j < no; j++) gacc[b + j] = gacc[b + j]! + dk[j]!;
      // Inactive relu units pass nothing back. Layer 1's signal is only contracted with P1, P2
      // below (over the active units), so its buffer needs no clearing.
      if (k > 1 && m < nOut[k - 1]!) for (let i = 0; i < nOut[k - 1]!; i++) dPrev[i] = 0;
      for (let t = 0; t < m; t++) {
        const i = act[t]!;
        const ai = prev[i]!;
        const row = w + i * no;
        let back = 0;
        for (let j = 0; j < no; j++) {
          const dj = dk[j]!;
          gacc[row + j] = gacc[row + j]! + ai * dj;
          back += theta[row + j]! * dj;
        }
        const g = cp === 1 || cp === 0 ? back : back * slopeOf(cp, ai);
        if (k === 1) {
          // the first layer's share: ∂ℓ/∂z1 against the exact tangents P1, P2
          sx += g * pre[base + H + i]!;
          sy += g * pre[base + H + H + i]!;
        } else dPrev[i] = g;
      }
    }
    if (L === 1) {
      const d0 = delta[0]!;
      for (let j = 0; j < H; j++) {
        sx += d0[j]! * pre[base + H + j]!;
        sy += d0[j]! * pre[base + H + H + j]!;
      }
    }
    slopeY = sy;
    return sx;
  }

  function evaluate(x: number, y: number, idx: Int32Array | null, count: number, wantGrad: boolean): void {
    for (let i = later; i < P; i++) theta[i] = center[i]! + x * d1[i]! + y * d2[i]!;
    if (wantGrad) for (let i = later; i < P; i++) gacc[i] = 0;
    let total = 0;
    let sx = 0;
    let sy = 0;
    let right = 0;
    const outputs = a[L - 1]!;
    for (let t = 0; t < count; t++) {
      const s = idx ? idx[t]! : t;
      total += sampleForward(s, x, y, wantGrad);
      if (softmax && predictedClass(outputs, C) === ys[s]) right++;
      if (!wantGrad) continue;
      sx += sampleBackward(s);
      sy += slopeY;
    }
    if (wantGrad) {
      for (let i = later; i < P; i++) {
        const g = gacc[i]!;
        sx += g * d1[i]!;
        sy += g * d2[i]!;
      }
    }
    const inv = softmax ? 1 / count : 1 / (count * C);
    out[0] = total * inv;
    out[1] = sx * inv;
    out[2] = sy * inv;
    out[3] = softmax ? right : -1;
  }

  function predict(x: number, y: number, res: Float64Array): void {
    for (let i = later; i < P; i++) theta[i] = center[i]! + x * d1[i]! + y * d2[i]!;
    const outputs = a[L - 1]!;
    for (let s = 0; s < dataset.n; s++) {
      sampleForward(s, x, y, false);
      const k = predictedClass(outputs, C);
      res[2 * s] = k;
      res[2 * s + 1] = classProbability(outputs, C, k);
    }
  }

  return { out, evaluate, predict };
}

/** The first-layer products of a slice over a dataset (see FirstLayer); costs 3·n·d·H. */
export function precomputeFirstLayer(spec: MlpSpec, c: Float64Array, d1: Float64Array, d2: Float64Array, ds: Dataset): FirstLayer {
  const { w, b } = layerOffsets(spec)[0]!;
  const H = spec.layers[0]!.out;
  const { n, d, x } = ds;
  const pre = zeros(n * 3 * H);
  for (let s = 0; s < n; s++) {
    const o = s * 3 * H;
    for (let j = 0; j < H; j++) {
      pre[o + j] = c[b + j]!;
      pre[o + H + j] = d1[b + j]!;
      pre[o + 2 * H + j] = d2[b + j]!;
    }
    for (let i = 0; i < d; i++) {
      const xi = x[s * d + i]!;
      if (xi === 0) continue;
      const row = w + i * H;
      for (let j = 0; j < H; j++) {
        pre[o + j] = pre[o + j]! + xi * c[row + j]!;
        pre[o + H + j] = pre[o + H + j]! + xi * d1[row + j]!;
        pre[o + 2 * H + j] = pre[o + 2 * H + j]! + xi * d2[row + j]!;
      }
    }
  }
  return pre;
}

/** n zeros in a packed-double JS array (filled with a double first, so V8 never picks small-integer storage). */
function zeros(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0.5);
  for (let i = 0; i < n; i++) a[i] = 0;
  return a;
}

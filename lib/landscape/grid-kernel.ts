// A faster reveal grid for the common two-layer shape (relu or linear hidden layer, linear output):
// along one grid row y is fixed, so for each sample
//   hidden unit j:  z1_j(x) = c_j + x·v_j              (affine in x: the first layer's structure)
//   output k:       z2_k(x) = Σ_{j active} z1_j(x)·(A_jk + x·B_jk) + bA_k + x·bB_k
// is a quadratic in x for as long as the set of active relu units stays the same, and that set
// changes at most once per unit along the row (z1_j is a line). So per sample and row we find
// where each unit switches, rebuild the quadratic's coefficients at each switch (≤ H + 1 times),
// and evaluating a point costs 3 multiply-adds per output plus the loss, instead of a full
// forward pass. The numbers are those of the forward pass up to floating-point reassociation.
// A single-layer network (softmax or linear regression) is the degenerate case: its outputs are
// affine in x along a row.
import { ACT_CODE } from "./activations";
import { layerOffsets } from "./mlp";
import { precomputeFirstLayer, type FirstLayer } from "./slice-kernel";
import type { Dataset, MlpSpec } from "./types";

/** Fills out[i] with the mean loss at (xs[i], y) for one grid row. */
export type RowKernel = (y: number, xs: readonly number[], out: Float64Array) => void;

/**
 * The row kernel for a network it applies to, else null (the caller uses the general kernel).
 * `pre` is the slice's first-layer products when the caller has them (computed here otherwise).
 */
export function createRowKernel(spec: MlpSpec, center: Float64Array, d1: Float64Array, d2: Float64Array, ds: Dataset, pre?: FirstLayer): RowKernel | null {
  const layers = spec.layers;
  if (layers.length === 1) return createLinearRowKernel(spec, center, d1, d2, ds, pre);
  if (layers.length !== 2) return null;
  const c0 = ACT_CODE[layers[0]!.activation];
  if ((c0 !== ACT_CODE.relu && c0 !== ACT_CODE.linear) || ACT_CODE[layers[1]!.activation] !== ACT_CODE.linear) return null;
  const relu = c0 === ACT_CODE.relu;
  const H = layers[0]!.out;
  const C = layers[1]!.out;
  const offs = layerOffsets(spec);
  const p = pre ?? precomputeFirstLayer(spec, center, d1, d2, ds);
  const n = ds.n;
  const softmax = spec.loss === "softmax_cross_entropy";
  const ys = ds.y;
  const w = offs[1]!.w;
  const b = offs[1]!.b;
  const A = new Float64Array(H * C); // layer-2 weights at this row's y, the x-independent part
  const B = new Float64Array(H * C); // their x slope: δ1's layer-2 weights
  const bA = new Float64Array(C);
  const bB = new Float64Array(C);
  const q0 = new Float64Array(C), q1 = new Float64Array(C), q2 = new Float64Array(C);
  const cj = new Float64Array(H), vj = new Float64Array(H);
  const on = new Uint8Array(H);
  const flip = new Int32Array(H); // grid index where unit j switches state (size: never)
  const logits = new Float64Array(C);

  return (y, xs, out) => {
    const size = xs.length;
    for (let t = 0; t < H * C; t++) {
      A[t] = center[w + t]! + y * d2[w + t]!;
      B[t] = d1[w + t]!;
    }
    for (let k = 0; k < C; k++) {
      bA[k] = center[b + k]! + y * d2[b + k]!;
      bB[k] = d1[b + k]!;
    }
    out.fill(0, 0, size);
    const x0 = xs[0]!, dx = size > 1 ? xs[1]! - x0 : 1;
    for (let s = 0; s < n; s++) {
      const base = s * 3 * H;
      // Each unit's line along the row, its state at the first point and where it switches.
      for (let j = 0; j < H; j++) {
        const c = p[base + j]! + y * p[base + 2 * H + j]!;
        const v = p[base + H + j]!;
        cj[j] = c;
        vj[j] = v;
        if (!relu) { on[j] = 1; flip[j] = size; continue; }
        on[j] = c + x0 * v > 0 ? 1 : 0;
        // First grid index i whose state differs from i = 0 (found from the root, then checked
        // against the exact test used at the points, so rounding cannot misplace it).
        let i = size;
        if (v !== 0) {
          const root = (-c / v - x0) / dx;
          if (root >= 0 && root < size) {
            i = Math.max(1, Math.floor(root));
            while (i < size && (c + xs[i]! * v > 0 ? 1 : 0) === on[j]) i++;
            while (i > 1 && (c + xs[i - 1]! * v > 0 ? 1 : 0) !== on[j]) i--;
          }
        }
        flip[j] = i;
      }
      let next = 0; // the grid index where the quadratic must be rebuilt
      for (let i = 0; i < size; i++) {
        if (i === next) {
          next = size;
          q0.set(bA); q1.set(bB); q2.fill(0);
          for (let j = 0; j < H; j++) {
            const f = flip[j]!;
            const active = i < f ? on[j] === 1 : on[j] === 0;
            if (f > i && f < next) next = f;
            if (!active) continue;
            const c = cj[j]!, v = vj[j]!, row = j * C;
            for (let k = 0; k < C; k++) {
              const a = A[row + k]!, bb = B[row + k]!;
              q0[k] = q0[k]! + c * a;
              q1[k] = q1[k]! + c * bb + v * a;
              q2[k] = q2[k]! + v * bb;
            }
          }
        }
        const x = xs[i]!;
        let loss: number;
        if (softmax) {
          for (let k = 0; k < C; k++) logits[k] = q0[k]! + x * (q1[k]! + x * q2[k]!);
          loss = crossEntropy(logits, C, ys[s]!);
        } else {
          loss = 0;
          for (let k = 0; k < C; k++) {
            const e = q0[k]! + x * (q1[k]! + x * q2[k]!) - ys[s * C + k]!;
            loss += e * e;
          }
        }
        out[i] = out[i]! + loss;
      }
    }
    const scale = softmax ? 1 / n : 1 / (n * C);
    for (let i = 0; i < size; i++) out[i] = out[i]! * scale;
  };
}

/** Softmax cross-entropy of one sample's logits (log-sum-exp shifted by the maximum; 2 classes: a softplus). */
function crossEntropy(logits: Float64Array, C: number, label: number): number {
  if (C === 2) {
    const d = logits[1 - label]! - logits[label]!;
    return d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
  }
  let mx = -Infinity;
  for (let k = 0; k < C; k++) if (logits[k]! > mx) mx = logits[k]!;
  let sum = 0;
  for (let k = 0; k < C; k++) sum += Math.exp(logits[k]! - mx);
  return mx + Math.log(sum) - logits[label]!;
}

/** Rows of a single linear layer: each output is c + x·v along the row. */
function createLinearRowKernel(spec: MlpSpec, center: Float64Array, d1: Float64Array, d2: Float64Array, ds: Dataset, pre?: FirstLayer): RowKernel | null {
  const layer = spec.layers[0]!;
  if (ACT_CODE[layer.activation] !== ACT_CODE.linear) return null;
  const C = layer.out;
  const p = pre ?? precomputeFirstLayer(spec, center, d1, d2, ds);
  const n = ds.n;
  const softmax = spec.loss === "softmax_cross_entropy";
  const ys = ds.y;
  const c = new Float64Array(C), v = new Float64Array(C), logits = new Float64Array(C);
  return (y, xs, out) => {
    const size = xs.length;
    out.fill(0, 0, size);
    for (let s = 0; s < n; s++) {
      const base = s * 3 * C;
      for (let k = 0; k < C; k++) {
        c[k] = p[base + k]! + y * p[base + 2 * C + k]!;
        v[k] = p[base + C + k]!;
      }
      if (softmax) {
        const label = ys[s]!;
        for (let i = 0; i < size; i++) {
          const x = xs[i]!;
          for (let k = 0; k < C; k++) logits[k] = c[k]! + x * v[k]!;
          out[i] = out[i]! + crossEntropy(logits, C, label);
        }
      } else {
        for (let i = 0; i < size; i++) {
          const x = xs[i]!;
          let e2 = 0;
          for (let k = 0; k < C; k++) {
            const e = c[k]! + x * v[k]! - ys[s * C + k]!;
            e2 += e * e;
          }
          out[i] = out[i]! + e2;
        }
      }
    }
    const scale = softmax ? 1 / n : 1 / (n * C);
    for (let i = 0; i < size; i++) out[i] = out[i]! * scale;
  };
}

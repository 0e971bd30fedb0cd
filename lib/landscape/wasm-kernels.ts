// The WebAssembly kernels of one slice evaluator (sources in wasm/as, AssemblyScript with f64x2
// SIMD): the same arithmetic as the JS kernels (slice-kernel.ts, grid-kernel.ts), which stay as the
// reference the tests hold these to. Why wasm: measured side by side on the catalog, one thread
// (server/bench/kernels.ts), these are 3–6× faster than the JS kernels on probes and 2.5–7.5× on
// grid rows, though the JS row kernel runs the same algorithm. Two samples (or two classes) share
// every f64x2 instruction, and exp, log and tanh are two-lane polynomials (wasm/as/simd-math.ts,
// ~2.7 ns per value) where JS pays ~9 ns per Math.exp or Math.tanh call.
//
// One module instance per evaluator, over one memory laid out here: the first-layer products,
// labels, θ0, δ1, δ2 and every working buffer of both kernels. The kernels read it through a
// header of i32 offsets (the field order is the one in mlp-state.ts and quad-row.ts).
import { ACT_CODE } from "./activations";
import { MAX_GRID_SIZE } from "./grid";
import { hasQuadraticRows, type RowKernel } from "./grid-kernel";
import { layerOffsets } from "./mlp";
import type { FirstLayer, SliceKernel } from "./slice-kernel";
import type { Dataset, MlpSpec } from "./types";
import { instantiateKernels, Layout } from "./wasm/module";

/** The kernels of one evaluator: loss and slope at a point, and whole grid rows. */
export interface WasmKernels {
  readonly kernel: SliceKernel;
  /** One grid row: the quadratic row kernel for two-layer relu/linear nets and single linear layers, full forward passes otherwise. */
  readonly row: RowKernel;
}

/** Builds the kernels over the first-layer products `pre`; null where WebAssembly is unavailable. Inputs are assumed validated. */
export function createWasmKernels(spec: MlpSpec, center: Float64Array, d1: Float64Array, d2: Float64Array, ds: Dataset, pre: FirstLayer): WasmKernels | null {
  const layers = spec.layers;
  const L = layers.length;
  const P = center.length;
  const n = ds.n;
  const H = layers[0]!.out;
  const C = layers[L - 1]!.out;
  const softmax = spec.loss === "softmax_cross_entropy";
  const offs = layerOffsets(spec);
  const later = L > 1 ? offs[1]!.w : P;
  const units = layers.reduce((s, l) => s + l.out, 0);
  const pairs = (n + 1) >> 1;
  const labW = softmax ? 1 : C;
  const quad = hasQuadraticRows(spec);
  const hidden = L === 2 ? H : 0;
  const CP = C + (C % 2); // classes padded to whole f64x2 lanes

  // Every buffer of both kernels, in bytes from the layout's start.
  const m = new Layout();
  const at = {
    pre: m.take(n * 3 * H, 8), prePair: m.take(pairs * 3 * H, 16), labels: m.take(n * labW, 8), labelPair: m.take(pairs * labW, 16),
    center: m.take(P, 8), d1: m.take(P, 8), d2: m.take(P, 8), thetaS: m.take(P, 16), thetaT: m.take(P, 16), gacc: m.take(P, 16),
    z: m.take(units, 16), a: m.take(units, 16), delta: m.take(units, 16), table: m.take(6 * L, 4), scratch: m.take(3 * H + labW, 16),
    out: m.take(4, 8), idx: m.take(n, 4), xs: m.take(MAX_GRID_SIZE, 8), row: m.take(MAX_GRID_SIZE, 8), header: m.take(26, 4),
    pred: m.take(2 * n, 8),
  };
  const q = quad
    ? {
      labels: m.take(softmax ? n : n * CP, 8), w2: m.take(3 * (hidden * C + C), 8), A: m.take(hidden * CP, 8), B: m.take(hidden * CP, 8),
      bA: m.take(CP, 8), bB: m.take(CP, 8), q0: m.take(CP, 8), q1: m.take(CP, 8), q2: m.take(CP, 8), E: m.take(CP, 8), R: m.take(CP, 8),
      S: m.take(CP, 8), unitC: m.take(hidden, 8), unitV: m.take(hidden, 8), flip: m.take(hidden, 4), order: m.take(hidden, 4),
      prod: m.take(MAX_GRID_SIZE, 8), expo: m.take(MAX_GRID_SIZE, 8), header: m.take(27, 4),
    }
    : null;
  const inst = instantiateKernels(m);
  if (!inst) return null;
  const { exports: k, f64, i32 } = inst;
  const F = (byte: number) => byte >> 3;
  const I = (byte: number) => byte >> 2;

  for (let i = 0; i < pre.length; i++) f64[F(at.pre) + i] = pre[i]!;
  f64.set(ds.y.subarray(0, n * labW), F(at.labels));
  f64.set(center, F(at.center));
  f64.set(d1, F(at.d1));
  f64.set(d2, F(at.d2));
  let unit = 0;
  layers.forEach((l, li) => {
    i32.set([l.in, l.out, ACT_CODE[l.activation], offs[li]!.w, offs[li]!.b, unit], I(at.table) + 6 * li);
    unit += l.out;
  });
  i32.set([L, H, C, softmax ? 0 : 1, n, P, later, at.pre, at.prePair, at.labels, at.labelPair, at.center, at.d1, at.d2, at.thetaS,
    at.thetaT, at.gacc, at.z, at.a, at.delta, at.table, at.scratch, at.out, at.idx, at.xs, at.row], I(at.header));
  k.mlpInit(at.header);

  if (q) {
    if (softmax) f64.set(ds.y.subarray(0, n), F(q.labels));
    else for (let s = 0; s < n; s++) for (let c = 0; c < C; c++) f64[F(q.labels) + s * CP + c] = ds.y[s * C + c]!;
    if (hidden > 0) {
      const from = offs[1]!.w;
      const len = hidden * C + C; // layer 2's W then b, contiguous in the flat parameters
      f64.set(center.subarray(from, from + len), F(q.w2));
      f64.set(d1.subarray(from, from + len), F(q.w2) + len);
      f64.set(d2.subarray(from, from + len), F(q.w2) + 2 * len);
    }
    i32.set([hidden, C, CP, softmax ? 0 : 1, n, layers[0]!.activation === "relu" && hidden > 0 ? 1 : 0, at.pre, q.labels, q.w2, q.A, q.B,
      q.bA, q.bB, q.q0, q.q1, q.q2, q.E, q.R, q.S, q.unitC, q.unitV, q.flip, q.order, at.xs, at.row, q.prod, q.expo], I(q.header));
    k.quadInit(q.header);
  }

  const out = new Float64Array(4);
  const idx0 = I(at.idx), out0 = F(at.out), xs0 = F(at.xs), row0 = F(at.row), pred0 = F(at.pred);
  const kernel: SliceKernel = {
    out,
    evaluate(x, y, idx, count, wantGrad) {
      if (idx) for (let t = 0; t < count; t++) i32[idx0 + t] = idx[t]!;
      k.mlpEvaluate(x, y, count, idx ? 1 : 0, wantGrad ? 1 : 0);
      out[0] = f64[out0]!;
      out[1] = f64[out0 + 1]!;
      out[2] = f64[out0 + 2]!;
      out[3] = f64[out0 + 3]!;
    },
    predict(x, y, res) {
      k.mlpPredict(x, y, at.pred);
      for (let i = 0; i < 2 * n; i++) res[i] = f64[pred0 + i]!;
    },
  };
  const row: RowKernel = (y, xs, values) => {
    const size = xs.length;
    for (let i = 0; i < size; i++) f64[xs0 + i] = xs[i]!;
    if (q) k.quadRow(y, size, size > 1 ? (xs[size - 1]! - xs[0]!) / (size - 1) : 1);
    else k.mlpRow(y, size);
    for (let i = 0; i < size; i++) values[i] = f64[row0 + i]!;
  };
  return { kernel, row };
}

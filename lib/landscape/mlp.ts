// The dense network over one flat parameter block, forward and backward writing into buffers the
// caller owns (llm.c style): per layer W [in, out] row-major (W[i*out + j] joins input i to
// neuron j) then b [out]. This is the full-dimensional path (training, reference gradients);
// the slice evaluator in slice.ts is the fast path for a walker on a 2-D slice.
import { ACT_CODE, activateRow, scaleByDerivative } from "./activations";
import { outputLossAndDelta } from "./losses";
import type { Rng } from "./prng";
import { LandscapeError, type MlpSpec } from "./types";

/** Where one layer's weights and biases start in the flat parameter block. */
export interface LayerOffset {
  /** Offset of W (in·out entries). */
  w: number;
  /** Offset of b (out entries). */
  b: number;
}

/** Number of weights and biases of the network. */
export function paramCount(spec: MlpSpec): number {
  let n = 0;
  for (const l of spec.layers) n += l.in * l.out + l.out;
  return n;
}

/** Offsets of every layer's W and b in the flat block, in layer order. */
export function layerOffsets(spec: MlpSpec): LayerOffset[] {
  const out: LayerOffset[] = [];
  let off = 0;
  for (const l of spec.layers) {
    out.push({ w: off, b: off + l.in * l.out });
    off += l.in * l.out + l.out;
  }
  return out;
}

/** Throws LandscapeError("bad_argument") unless layers chain (out of one = in of the next) and sizes are positive integers. */
export function validateSpec(spec: MlpSpec): void {
  if (spec.layers.length === 0) throw new LandscapeError("bad_argument", "A network needs at least one layer.");
  spec.layers.forEach((l, k) => {
    if (!Number.isInteger(l.in) || !Number.isInteger(l.out) || l.in < 1 || l.out < 1) {
      throw new LandscapeError("bad_argument", `Layer ${k} has sizes ${l.in} → ${l.out}; both must be positive integers.`);
    }
    const prev = spec.layers[k - 1];
    if (prev && prev.out !== l.in) {
      throw new LandscapeError("bad_argument", `Layer ${k} takes ${l.in} inputs but layer ${k - 1} gives ${prev.out}.`);
    }
  });
}

/**
 * Fresh parameters: He normal (std √(2/in)) for relu layers, Glorot normal (std √(2/(in+out)))
 * for the others, biases zero — the usual choices that keep activations from vanishing or
 * exploding at the start (He et al. 2015, Glorot & Bengio 2010).
 */
export function initParams(spec: MlpSpec, rng: Rng): Float64Array {
  validateSpec(spec);
  const p = new Float64Array(paramCount(spec));
  const offs = layerOffsets(spec);
  spec.layers.forEach((l, k) => {
    const std = l.activation === "relu" ? Math.sqrt(2 / l.in) : Math.sqrt(2 / (l.in + l.out));
    const w = offs[k]!.w;
    for (let i = 0; i < l.in * l.out; i++) p[w + i] = std * rng.gaussian();
  });
  return p;
}

/** Buffers for forward and backward over up to maxBatch samples; allocate once, reuse every step. */
export interface Workspace {
  maxBatch: number;
  /** layerOffsets(spec), computed once: forward and backward read it every step. */
  offsets: readonly LayerOffset[];
  /** Gathered minibatch inputs, (maxBatch, in0). */
  input: Float64Array;
  /** Per layer pre-activations, (maxBatch, out). */
  z: Float64Array[];
  /** Per layer activations, (maxBatch, out). */
  a: Float64Array[];
  /** Per layer ∂L/∂z, (maxBatch, out). */
  delta: Float64Array[];
}

/** Allocates a workspace for spec and batches of up to maxBatch samples. */
export function createWorkspace(spec: MlpSpec, maxBatch: number): Workspace {
  validateSpec(spec);
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new LandscapeError("bad_batch", `A workspace needs a batch of at least 1, not ${maxBatch}.`);
  return {
    maxBatch,
    offsets: layerOffsets(spec),
    input: new Float64Array(maxBatch * spec.layers[0]!.in),
    z: spec.layers.map((l) => new Float64Array(maxBatch * l.out)),
    a: spec.layers.map((l) => new Float64Array(maxBatch * l.out)),
    delta: spec.layers.map((l) => new Float64Array(maxBatch * l.out)),
  };
}

/** The inputs of this batch: x itself for the full set, else rows gathered into ws.input. */
function batchInput(spec: MlpSpec, x: Float64Array, indices: Int32Array | null, ws: Workspace): { input: Float64Array; batch: number } {
  const d = spec.layers[0]!.in;
  const batch = indices ? indices.length : x.length / d;
  if (!Number.isInteger(batch) || batch < 1 || batch > ws.maxBatch) {
    throw new LandscapeError("bad_batch", `A batch of ${batch} samples does not fit a workspace of ${ws.maxBatch}.`);
  }
  if (!indices) return { input: x, batch };
  for (let s = 0; s < batch; s++) {
    const src = indices[s]! * d;
    ws.input.set(x.subarray(src, src + d), s * d);
  }
  return { input: ws.input, batch };
}

/**
 * Forward pass over the rows `indices` of x (all rows if null). Fills ws.z and ws.a and returns
 * the output activations buffer, valid for its first batch·out entries.
 */
export function forward(spec: MlpSpec, params: Float64Array, x: Float64Array, indices: Int32Array | null, ws: Workspace): Float64Array {
  const { input, batch } = batchInput(spec, x, indices, ws);
  forwardRows(spec, params, input, batch, ws);
  return ws.a[spec.layers.length - 1]!;
}

function forwardRows(spec: MlpSpec, params: Float64Array, input: Float64Array, batch: number, ws: Workspace): void {
  let prev = input; // (batch, in)
  for (let k = 0; k < spec.layers.length; k++) {
    const l = spec.layers[k]!;
    const { w, b } = ws.offsets[k]!;
    const z = ws.z[k]!; // (batch, out)
    const a = ws.a[k]!; // (batch, out)
    const nIn = l.in;
    const nOut = l.out;
    for (let s = 0; s < batch; s++) {
      const zo = s * nOut;
      for (let j = 0; j < nOut; j++) z[zo + j] = params[b + j]!;
      const po = s * nIn;
      for (let i = 0; i < nIn; i++) {
        const ai = prev[po + i]!;
        if (ai === 0) continue; // relu zeros and blank pixels cost nothing
        const wr = w + i * nOut;
        for (let j = 0; j < nOut; j++) z[zo + j] = z[zo + j]! + ai * params[wr + j]!;
      }
      activateRow(ACT_CODE[l.activation], z, a, zo, nOut);
    }
    prev = a;
  }
}

/**
 * Mean loss over the batch and its exact gradient by backpropagation, written into gradOut
 * (length paramCount, overwritten). y holds class indices (softmax_cross_entropy) or targets
 * (mse; (n, out) row-major, i.e. length n when there is one output), indexed by dataset row.
 */
export function lossAndGrad(
  spec: MlpSpec,
  params: Float64Array,
  x: Float64Array,
  y: Float64Array,
  indices: Int32Array | null,
  ws: Workspace,
  gradOut: Float64Array,
): number {
  const { input, batch } = batchInput(spec, x, indices, ws);
  forwardRows(spec, params, input, batch, ws);
  const L = spec.layers.length;
  const last = spec.layers[L - 1]!;
  const loss = outputLossAndDelta(spec.loss, ws.a[L - 1]!, y, indices, batch, last.out, ws.delta[L - 1]!);
  gradOut.fill(0);
  for (let k = L - 1; k >= 0; k--) {
    const l = spec.layers[k]!;
    const { w, b } = ws.offsets[k]!;
    const nIn = l.in;
    const nOut = l.out;
    const delta = ws.delta[k]!; // (batch, out): ∂L/∂a on entry, ∂L/∂z after the next line
    scaleByDerivative(ACT_CODE[l.activation], ws.z[k]!, ws.a[k]!, delta, 0, batch * nOut);
    const prev = k > 0 ? ws.a[k - 1]! : input; // (batch, in)
    const dPrev = k > 0 ? ws.delta[k - 1]! : null; // (batch, in)
    for (let s = 0; s < batch; s++) {
      const dOff = s * nOut;
      const pOff = s * nIn;
      for (let j = 0; j < nOut; j++) gradOut[b + j] = gradOut[b + j]! + delta[dOff + j]!;
      for (let i = 0; i < nIn; i++) {
        const ai = prev[pOff + i]!;
        const wr = w + i * nOut;
        if (ai !== 0) for (let j = 0; j < nOut; j++) gradOut[wr + j] = gradOut[wr + j]! + ai * delta[dOff + j]!;
        if (!dPrev) continue; // the inputs need no gradient
        let back = 0;
        for (let j = 0; j < nOut; j++) back += params[wr + j]! * delta[dOff + j]!;
        dPrev[pOff + i] = back;
      }
    }
  }
  return loss;
}

// The walker's view of a slice θ(x, y) = θ0 + x·δ1 + y·δ2: what is felt at a point (full batch or
// a seeded minibatch), the full-batch loss, and rows of the reveal grid. Validation and sampling
// live here; the arithmetic (affine first layer, truncated backprop) is in the kernels: WebAssembly
// (wasm-kernels.ts) wherever it runs, the JS ones (slice-kernel.ts, grid-kernel.ts) as the
// reference and the fallback.
import { gridCoordinate, MAX_GRID_SIZE } from "./grid";
import { paramCount, validateSpec } from "./mlp";
import { createRowKernel, type RowKernel } from "./grid-kernel";
import { createSliceKernel, precomputeFirstLayer } from "./slice-kernel";
import { createWasmKernels } from "./wasm-kernels";
import { Rng, sampleIndicesInto } from "./prng";
import { LandscapeError, type Dataset, type Extent, type Felt, type Slice } from "./types";

export type { Slice };

/** Options of a felt evaluation: a minibatch of `batch` samples drawn by `seed` (full batch if absent). */
export interface FeltOptions {
  batch?: number;
  seed?: number;
}

/** How an evaluator computes: "wasm" (the default; the JS kernels where WebAssembly is unavailable) or "js" (the reference kernels). */
export interface EvaluatorOptions {
  kernels?: "wasm" | "js";
}

/** Evaluates the loss and slope of one slice of one dataset, with all buffers allocated once. */
export interface SliceEvaluator {
  /** Number of samples in the dataset. */
  readonly n: number;
  /** Which kernels compute: "wasm", or "js" when asked for or where WebAssembly is unavailable. */
  readonly kernels: "wasm" | "js";
  /**
   * What a walker feels at (x, y), with the accuracy on the same samples for a classification
   * loss. The minibatch is sampleWithoutReplacement(n, batch, new Rng(seed ?? 0)).
   */
  felt(x: number, y: number, opts?: FeltOptions): Felt;
  /**
   * Like felt, allocation-free: writes [loss, ∂L/∂x, ∂L/∂y] into out, and when out has a fourth
   * entry the number of samples classified right there (−1 for an mse loss).
   */
  feltInto(x: number, y: number, out: Float64Array, opts?: FeltOptions): void;
  /**
   * The network's answer for every sample at (x, y), forward only: out[2s] = sample s's predicted
   * class, out[2s + 1] = that class's softmax probability; out holds at least 2n values.
   */
  predictInto(x: number, y: number, out: Float64Array): void;
  /** Full-batch loss at (x, y). */
  lossAt(x: number, y: number): number;
  /** Loss at the grid points of rows [row0, row1) into out[(j − row0)·size + i]; non-finite → Infinity. */
  gridRows(size: number, extent: Extent, row0: number, row1: number, out: Float32Array): void;
}

/** Builds the evaluator; costs 3·n·d·H once for the first-layer products, which both kernels share. */
export function createSliceEvaluator(slice: Slice, dataset: Dataset, opts: EvaluatorOptions = {}): SliceEvaluator {
  const { spec, center, d1, d2 } = slice;
  validateSpec(spec);
  const P = paramCount(spec);
  if (center.length !== P || d1.length !== P || d2.length !== P) {
    throw new LandscapeError("bad_argument", `The slice vectors must have ${P} entries, one per parameter.`);
  }
  const layers = spec.layers;
  const L = layers.length;
  const n = dataset.n;
  const d = dataset.d;
  if (layers[0]!.in !== d) throw new LandscapeError("bad_argument", `The network takes ${layers[0]!.in} inputs but ${dataset.name} has ${d} features.`);
  const isSoftmax = spec.loss === "softmax_cross_entropy";
  const nOutLast = layers[L - 1]!.out;
  if (isSoftmax && dataset.classes > nOutLast) throw new LandscapeError("bad_argument", `${dataset.classes} classes need at least as many outputs.`);
  if (!isSoftmax && dataset.y.length !== n * nOutLast) throw new LandscapeError("bad_argument", "The mse targets must be (n, outputs).");

  const pre = precomputeFirstLayer(spec, center, d1, d2, dataset); // shared by both kernels
  const wasm = opts.kernels === "js" ? null : createWasmKernels(spec, center, d1, d2, dataset, pre);
  const kernel = wasm?.kernel ?? createSliceKernel(spec, center, d1, d2, dataset, pre);
  // Grids go row by row: in wasm always (quadratics where they apply, forward passes otherwise);
  // in JS through quadratics for two-layer relu/linear networks (grid-kernel.ts), a kernel built on
  // the first gridRows (undefined until then, null if it does not apply), else point by point.
  let rowKernel: RowKernel | null | undefined = wasm?.row;
  const evaluate = kernel.evaluate;
  const out3 = kernel.out; // [loss, ∂L/∂x, ∂L/∂y, right]
  const perm = new Int32Array(n); // the identity between calls
  for (let i = 0; i < n; i++) perm[i] = i;
  const rng = new Rng(0);

  function feltInto(x: number, y: number, out: Float64Array, opts?: FeltOptions): void {
    checkPoint(x, y);
    checkBatch(opts?.batch, n);
    checkSeed(opts?.seed);
    const batch = opts?.batch ?? n;
    const seed = opts?.seed ?? 0;
    if (batch === n) {
      evaluate(x, y, null, n, true); // the whole set, in order: a permutation would only reorder the sum
    } else {
      // The draw of sampleWithoutReplacement, made in place from the identity and then undone,
      // so every call starts from the identity: the same seed always picks the same samples,
      // with no allocation.
      rng.reseed(seed);
      sampleIndicesInto(perm, n, batch, rng);
      evaluate(x, y, perm, batch, true);
      restoreIdentity(perm, batch);
    }
    out[0] = out3[0]!;
    out[1] = out3[1]!;
    out[2] = out3[2]!;
    if (out.length > 3) out[3] = out3[3]!;
  }

  return {
    n,
    kernels: wasm ? "wasm" : "js",
    feltInto,
    felt(x, y, opts) {
      feltInto(x, y, out3, opts);
      const felt: Felt = { loss: out3[0]!, grad: [out3[1]!, out3[2]!] };
      if (isSoftmax) felt.accuracy = { correct: out3[3]!, of: opts?.batch ?? n };
      return felt;
    },
    predictInto(x, y, out) {
      checkPoint(x, y);
      if (out.length < 2 * n) throw new LandscapeError("bad_argument", `The output holds ${out.length} values; ${2 * n} are needed.`);
      kernel.predict(x, y, out);
    },
    lossAt(x, y) {
      checkPoint(x, y);
      evaluate(x, y, null, n, false);
      return out3[0]!;
    },
    gridRows(size, extent, row0, row1, out) {
      checkGridRequest(size, extent, row0, row1, out);
      if (rowKernel === undefined) rowKernel = createRowKernel(spec, center, d1, d2, dataset, pre);
      const [x0, x1] = extent.x;
      const [y0, y1] = extent.y;
      if (rowKernel) {
        const xs = Array.from({ length: size }, (_, i) => gridCoordinate(x0, x1, size, i));
        const row = new Float64Array(size);
        for (let j = row0; j < row1; j++) {
          rowKernel(gridCoordinate(y0, y1, size, j), xs, row);
          for (let i = 0; i < size; i++) {
            const v = row[i]!;
            out[(j - row0) * size + i] = Number.isFinite(v) ? v : Infinity;
          }
        }
        return;
      }
      for (let j = row0; j < row1; j++) {
        const yj = gridCoordinate(y0, y1, size, j);
        for (let i = 0; i < size; i++) {
          const xi = gridCoordinate(x0, x1, size, i);
          evaluate(xi, yj, null, n, false);
          const v = out3[0]!;
          out[(j - row0) * size + i] = Number.isFinite(v) ? v : Infinity;
        }
      }
    },
  };
}

/**
 * Puts perm back to the identity after sampleIndicesInto(perm, n, k, ·) drew from it, in O(k):
 * only positions below k and the positions whose own value was drawn into them were touched
 * (a value drawn to position i < k stays there), so those values name every moved slot.
 */
function restoreIdentity(perm: Int32Array, k: number): void {
  for (let i = 0; i < k; i++) {
    const v = perm[i]!;
    if (v >= k) perm[v] = v;
  }
  for (let i = 0; i < k; i++) perm[i] = i;
}

// The argument checks of the training core, shared by the evaluator and the server (which runs
// them before queuing a task): each throws a LandscapeError with a human sentence.

/** Throws bad_coordinates unless x and y are finite numbers. */
export function checkPoint(x: unknown, y: unknown): asserts x is number {
  if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new LandscapeError("bad_coordinates", `The point (${String(x)}, ${String(y)}) is not a pair of finite numbers.`);
  }
}

/** Throws bad_batch unless batch is absent or a whole number from 1 to n; `of` names the landscape in the sentence. */
export function checkBatch(batch: unknown, n: number, of?: string): void {
  if (batch === undefined) return;
  if (typeof batch !== "number" || !Number.isInteger(batch) || batch < 1 || batch > n) {
    const where = of === undefined ? "" : ` of "${of}"`;
    throw new LandscapeError("bad_batch", `A minibatch${where} must hold a whole number of samples from 1 to ${n}, not ${String(batch)}.`);
  }
}

/** Throws bad_argument unless seed is absent or a finite number. */
export function checkSeed(seed: unknown): void {
  if (seed !== undefined && (typeof seed !== "number" || !Number.isFinite(seed))) {
    throw new LandscapeError("bad_argument", `The minibatch seed must be a finite number, not ${String(seed)}.`);
  }
}

/** Throws bad_grid_size unless size is a whole number from 2 to MAX_GRID_SIZE. */
export function checkGridSize(size: unknown): asserts size is number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 2 || size > MAX_GRID_SIZE) {
    throw new LandscapeError("bad_grid_size", `A grid needs a whole number of points a side from 2 to ${MAX_GRID_SIZE}, not ${String(size)}.`);
  }
}

/** Throws the right LandscapeError for a malformed grid request. */
export function checkGridRequest(size: number, extent: Extent, row0: number, row1: number, out: Float32Array): void {
  checkGridSize(size);
  const [x0, x1] = extent.x;
  const [y0, y1] = extent.y;
  if (![x0, x1, y0, y1].every(Number.isFinite) || !(x1 > x0) || !(y1 > y0)) throw new LandscapeError("bad_argument", "A grid extent needs finite bounds with x0 < x1 and y0 < y1.");
  if (!Number.isInteger(row0) || !Number.isInteger(row1) || row0 < 0 || row1 > size || row0 > row1) {
    throw new LandscapeError("bad_argument", `Rows [${row0}, ${row1}) are not within a grid of ${size}.`);
  }
  if (out.length < (row1 - row0) * size) throw new LandscapeError("bad_argument", `The output holds ${out.length} values; ${(row1 - row0) * size} are needed.`);
}

// Shared test fixtures for the training core: dataset loading (tests may read files; lib may not),
// small random problems, and tolerant comparisons.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  createRng,
  initParams,
  resolveDataset,
  trainSlice,
  type Activation,
  type Dataset,
  type LossKind,
  type MlpSpec,
  type Recipe,
  type TrainedSlice,
} from "../../../lib/landscape";

const DATA_DIR = path.resolve(import.meta.dirname, "../../../public/datasets");

/** Reads a dataset file from public/datasets. */
export function readCsv(file: string): string {
  return readFileSync(path.join(DATA_DIR, file), "utf8");
}

/** The dataset a recipe names. */
export function datasetFor(recipe: Recipe): Dataset {
  return resolveDataset(recipe.dataset, readCsv);
}

/** Builds a recipe's slice (real training). */
export function build(recipe: Recipe): { slice: TrainedSlice; dataset: Dataset } {
  const dataset = datasetFor(recipe);
  return { slice: trainSlice(recipe, dataset), dataset };
}

/** A random regression/classification problem of n samples for spec (targets per its loss). */
export function randomProblem(spec: MlpSpec, n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const d = spec.layers[0]!.in;
  const out = spec.layers[spec.layers.length - 1]!.out;
  const x = new Float64Array(n * d).map(() => rng.gaussian());
  const classification = spec.loss === "softmax_cross_entropy";
  const y = classification ? new Float64Array(n).map(() => rng.int(out)) : new Float64Array(n * out).map(() => rng.gaussian());
  return { name: "random", credit: "test", n, d, x, y, classes: classification ? out : 0 };
}

/** A network d → h (act) → h (act) → out with the given loss. */
export function mlpSpec(d: number, h: number, out: number, act: Activation, loss: LossKind, outAct: Activation = "linear"): MlpSpec {
  return {
    layers: [
      { in: d, out: h, activation: act },
      { in: h, out: h, activation: act },
      { in: h, out, activation: outAct },
    ],
    loss,
  };
}

/** Random parameters for spec, with random (non-zero) biases so every path is exercised. */
export function randomParams(spec: MlpSpec, seed: number): Float64Array {
  const rng = createRng(seed);
  const p = initParams(spec, rng);
  for (let i = 0; i < p.length; i++) if (p[i] === 0) p[i] = 0.3 * rng.gaussian();
  return p;
}

/** max |a − b| / (atol + rtol·max|b|) ≤ 1 element-wise; returns the worst ratio for messages. */
export function worstError(a: ArrayLike<number>, b: ArrayLike<number>, atol: number, rtol: number): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (atol + rtol * scale));
  return worst;
}

/** The bytes of a typed array, for bit-exact comparisons. */
export function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

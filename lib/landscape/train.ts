// Real training of a network on a dataset: seeded initialisation, seeded minibatch order, one of
// the optimizers in optimizers.ts. Same spec, dataset and options give the same bits.
import { createWorkspace, initParams, lossAndGrad, paramCount, validateSpec } from "./mlp";
import { createOptimizer, scheduledLr, type LrSchedule, type OptimizerKind } from "./optimizers";
import { hashSeed, Rng, shuffle } from "./prng";
import { LandscapeError, type Dataset, type MlpSpec } from "./types";

/** How to train. Give either epochs (passes over the shuffled data) or steps (minibatch updates). */
export interface TrainOptions {
  optimizer: OptimizerKind;
  lr: number;
  epochs?: number;
  steps?: number;
  /** Minibatch size; clamped to the dataset size. */
  batch: number;
  schedule?: LrSchedule;
  /** Seeds the initialisation and the minibatch order. */
  seed: number;
  /** Start from these parameters instead of a fresh initialisation (copied, never modified). */
  init?: Float64Array;
}

/** Progress callback: fraction done in [0, 1] and the latest minibatch loss. */
export type TrainProgress = (fraction: number, loss: number) => void;

/** Trains spec on dataset and returns the final parameters (a new buffer). Deterministic. */
export function trainNetwork(spec: MlpSpec, dataset: Dataset, opts: TrainOptions, onProgress?: TrainProgress): Float64Array {
  validateSpec(spec);
  if (spec.layers[0]!.in !== dataset.d) {
    throw new LandscapeError("bad_argument", `The network takes ${spec.layers[0]!.in} inputs but ${dataset.name} has ${dataset.d} features.`);
  }
  if (!(opts.lr > 0) || !Number.isFinite(opts.lr)) throw new LandscapeError("bad_argument", `Learning rate ${opts.lr} must be a positive number.`);
  if (!Number.isInteger(opts.batch) || opts.batch < 1) throw new LandscapeError("bad_batch", `Batch ${opts.batch} must be a positive integer.`);
  const n = dataset.n;
  const batch = Math.min(opts.batch, n);
  const perEpoch = Math.ceil(n / batch);
  const total = opts.steps ?? (opts.epochs ?? 1) * perEpoch;
  const params = opts.init ? Float64Array.from(opts.init) : initParams(spec, new Rng(hashSeed(opts.seed, "init")));
  if (params.length !== paramCount(spec)) throw new LandscapeError("bad_argument", "The initial parameters do not fit the network.");
  const grad = new Float64Array(params.length);
  const ws = createWorkspace(spec, batch);
  const opt = createOptimizer(opts.optimizer, params.length);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = new Rng(hashSeed(opts.seed, "batches"));
  const reportEvery = Math.max(1, Math.floor(total / 50));
  for (let t = 0; t < total; t++) {
    const k = t % perEpoch;
    if (k === 0) shuffle(order, rng); // a fresh pass over the data in a new order
    const idx = order.subarray(k * batch, Math.min(n, (k + 1) * batch));
    const loss = lossAndGrad(spec, params, dataset.x, dataset.y, idx, ws, grad);
    opt.step(params, grad, scheduledLr(opts.lr, opts.schedule, t, total));
    if (onProgress && ((t + 1) % reportEvery === 0 || t + 1 === total)) onProgress((t + 1) / total, loss);
  }
  return params;
}

/** Mean loss of params over the whole dataset (a convenience for tests and reports). */
export function datasetLoss(spec: MlpSpec, params: Float64Array, dataset: Dataset): number {
  const ws = createWorkspace(spec, dataset.n);
  return lossAndGrad(spec, params, dataset.x, dataset.y, null, ws, new Float64Array(params.length));
}

// From a recipe to a landscape: real (seeded) training, then θ0, δ1, δ2 as the recipe's plan
// says. The reveal grid is computed separately (the server spreads it over workers) and
// finishLandscape reads the minimum from it.
import { DATASETS, makeSynthetic, parseDatasetCsv, SYNTHETIC_TITLES } from "./datasets";
import { directionBetween, filterNormalizedDirection, layerPart, orthogonalizeAgainst } from "./directions";
import { dot } from "./vec";
import { denseHessian, symmetricEigen } from "./hessian";
import { chanceLoss } from "./losses";
import { createWorkspace, layerOffsets, lossAndGrad, paramCount } from "./mlp";
import { computeGrid, fieldOf } from "./grid";
import { hashSeed, Rng } from "./prng";
import { recipeHash, type DatasetRef, type Recipe } from "./recipe";
import { createSliceEvaluator } from "./slice";
import { trainNetwork } from "./train";
import { LandscapeError, type BuiltLandscape, type Dataset, type LandscapeInfo, type LossGrid, type MlpSpec } from "./types";

/** A landscape before its reveal grid: everything but the minimum. */
export type TrainedSlice = Omit<BuiltLandscape, "minimum">;

/** Build progress: fraction done in [0, 1] and what is happening, e.g. "training solution A". */
export type BuildProgress = (fraction: number, label: string) => void;

/** The dataset a recipe names: synthetic ones are generated, real ones parsed from readCsv(file) (the caller does the I/O). */
export function resolveDataset(ref: DatasetRef, readCsv: (file: string) => string): Dataset {
  if (ref.kind === "synthetic") return makeSynthetic(ref.shape, ref.n, ref.seed, ref.noise);
  return parseDatasetCsv(ref.name, readCsv(DATASETS[ref.name].file));
}

/** Human architecture line, e.g. "64 → 16 relu → 10 softmax". */
export function architectureLine(spec: MlpSpec): string {
  const parts = [String(spec.layers[0]!.in)];
  spec.layers.forEach((l, k) => {
    const last = k === spec.layers.length - 1;
    const act = last && spec.loss === "softmax_cross_entropy" && l.activation === "linear" ? "softmax" : l.activation;
    parts.push(`${l.out} ${act}`);
  });
  // Runs of three or more identical layers read as "7 × (8 tanh)".
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let j = i;
    while (j < parts.length && parts[j] === parts[i]) j++;
    out.push(j - i >= 3 ? `${j - i} × (${parts[i]})` : parts.slice(i, j).join(" → "));
    i = j;
  }
  return out.join(" → ");
}

/** The public info of a recipe built on dataset (nothing that rebuilds the map). */
export function landscapeInfo(recipe: Recipe, dataset: Dataset): LandscapeInfo {
  const ref = recipe.dataset;
  const title = ref.kind === "real" ? DATASETS[ref.name].title : SYNTHETIC_TITLES[ref.shape];
  return {
    id: recipe.id,
    name: recipe.name,
    lesson: recipe.lesson,
    difficulty: recipe.difficulty,
    dataset: { name: dataset.name, title, credit: dataset.credit, samples: dataset.n, features: dataset.d },
    architecture: architectureLine(recipe.spec),
    params: paramCount(recipe.spec),
    chance: chanceLoss(recipe.spec.loss, dataset.y, dataset.n, recipe.spec.layers[recipe.spec.layers.length - 1]!.out),
    extent: { x: [...recipe.extent.x], y: [...recipe.extent.y] },
    starts: recipe.starts.map(([x, y]) => [x, y]),
    lr: { ...recipe.lr },
    defaultBudget: recipe.defaultBudget,
    shift: recipe.shift,
  };
}

/** Throws unless dataset is the one the recipe names (a cache must never pair them wrongly). */
function checkDataset(recipe: Recipe, dataset: Dataset): void {
  const ref = recipe.dataset;
  const ok = ref.kind === "real" ? dataset.name === ref.name : dataset.name === ref.shape && dataset.n === ref.n;
  if (!ok) throw new LandscapeError("bad_argument", `Landscape "${recipe.id}" is built on ${ref.kind === "real" ? ref.name : ref.shape}, not on ${dataset.name}.`);
}

/** Trains what the recipe says and makes θ0, δ1, δ2. Deterministic to the bit; takes seconds. */
export function trainSlice(recipe: Recipe, dataset: Dataset, onProgress?: BuildProgress): TrainedSlice {
  checkDataset(recipe, dataset);
  const { spec, build } = recipe;
  const report = (from: number, to: number, label: string) => (f: number) => onProgress?.(from + (to - from) * f, label);
  const dirRng = (name: string) => new Rng(hashSeed(recipe.seed, name));
  let center: Float64Array;
  let d1: Float64Array;
  let d2: Float64Array;
  if (build.kind === "trained") {
    center = trainNetwork(spec, dataset, build.train, report(0, 0.95, "training"));
    d1 = filterNormalizedDirection(spec, center, dirRng("d1"));
    d2 = orthogonalKeepingNorm(filterNormalizedDirection(spec, center, dirRng("d2")), d1);
  } else if (build.kind === "two-solutions") {
    const a = trainNetwork(spec, dataset, { ...build.train, seed: build.seeds[0] }, report(0, 0.48, "training solution A"));
    const b = trainNetwork(spec, dataset, { ...build.train, seed: build.seeds[1] }, report(0.48, 0.96, "training solution B"));
    const between = directionBetween(a, b);
    center = between.center;
    d1 = between.direction;
    d2 = orthogonalKeepingNorm(filterNormalizedDirection(spec, center, dirRng("d2")), d1);
  } else if (build.kind === "saddle") {
    const solution = trainNetwork(spec, dataset, build.train, report(0, 0.95, "training"));
    center = new Float64Array(solution.length);
    d1 = layerPart(spec, solution, 0, 1);
    d2 = layerPart(spec, solution, 1, spec.layers.length);
  } else {
    center = trainNetwork(spec, dataset, build.train, report(0, 0.6, "training"));
    onProgress?.(0.6, "measuring curvature");
    ({ d1, d2 } = ravineDirections(spec, center, dataset, build.rise));
  }
  onProgress?.(1, "done");
  return { info: landscapeInfo(recipe, dataset), spec, center, d1, d2, recipeHash: recipeHash(recipe) };
}

/**
 * The Hessian's top eigen-direction and its least-curved one outside the exact symmetries of a
 * softmax output (adding one vector to every class's weights changes nothing: zero curvature
 * that no step can use), each scaled to its target rise.
 */
function ravineDirections(spec: MlpSpec, center: Float64Array, dataset: Dataset, rise: [number, number]): { d1: Float64Array; d2: Float64Array } {
  const P = center.length;
  const H = denseHessian(spec, center, dataset);
  const top = symmetricEigen(H, P);
  const lambdaTop = top.values[0]!;
  if (!(lambdaTop > 0)) throw new LandscapeError("bad_argument", "The trained centre has no positive curvature to make a ravine of.");
  const shifted = Float64Array.from(H);
  if (spec.loss === "softmax_cross_entropy") addSoftmaxShiftPenalty(spec, shifted, 2 * lambdaTop);
  const bottom = symmetricEigen(shifted, P);
  const lossOf = lossAlong(spec, center, dataset);
  // The two eigenvectors come from different matrices (H, and H with the symmetries penalised),
  // so they need not be orthogonal: one Gram–Schmidt step makes the map's axes truly independent.
  const d1 = scaleToRise(top.vectors[0]!, rise[0], lossOf);
  return { d1, d2: scaleToRise(orthogonalizeAgainst(Float64Array.from(bottom.vectors[P - 1]!), d1), rise[1], lossOf) };
}

/**
 * v made orthogonal to u (one Gram–Schmidt step) and rescaled to its own former length. Two
 * filter-normalised Gaussian directions of a small network can be far from orthogonal (the bowl's
 * 12 weights drew a cosine of 0.68), which shears the map; the rescale keeps x = 1 and y = 1 the
 * same size of perturbation, as filter normalisation intended.
 */
export function orthogonalKeepingNorm(v: Float64Array, u: Float64Array): Float64Array {
  const before = Math.sqrt(dot(v, v));
  orthogonalizeAgainst(v, u);
  const after = Math.sqrt(dot(v, v));
  if (after > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i]! * before) / after;
  return v;
}

/** L(θ0 + v) over the whole dataset, as a function of v. */
function lossAlong(spec: MlpSpec, center: Float64Array, dataset: Dataset): (v: Float64Array) => number {
  const ws = createWorkspace(spec, dataset.n);
  const grad = new Float64Array(center.length);
  const theta = new Float64Array(center.length);
  return (v) => {
    for (let i = 0; i < theta.length; i++) theta[i] = center[i]! + v[i]!;
    return lossAndGrad(spec, theta, dataset.x, dataset.y, null, ws, grad);
  };
}

/**
 * s·v with s > 0 such that the mean of L(θ0 + s·v) and L(θ0 − s·v) is L(θ0) + rise. Along a line
 * through a minimum of a convex loss that mean grows with s, so bisection on log s finds it.
 */
function scaleToRise(v: Float64Array, rise: number, lossOf: (v: Float64Array) => number): Float64Array {
  const base = lossOf(new Float64Array(v.length));
  const meanRise = (s: number) => 0.5 * (lossOf(v.map((e) => s * e)) + lossOf(v.map((e) => -s * e))) - base;
  let lo = 1e-6;
  let hi = 1;
  while (meanRise(hi) < rise && hi < 1e6) hi *= 2;
  for (let k = 0; k < 60; k++) {
    const mid = Math.sqrt(lo * hi);
    if (meanRise(mid) < rise) lo = mid;
    else hi = mid;
  }
  const s = Math.sqrt(lo * hi);
  return v.map((e) => s * e);
}

/** H += μ·Π, Π the projector on the last layer's class-shift directions (same change for every class). */
function addSoftmaxShiftPenalty(spec: MlpSpec, H: Float64Array, mu: number): void {
  const P = Math.sqrt(H.length);
  const last = spec.layers[spec.layers.length - 1]!;
  const { w, b } = layerOffsets(spec)[spec.layers.length - 1]!;
  const C = last.out;
  // One shift direction per input row of W and one for b: entries 1/√C on that row's C classes.
  const rows: number[] = [];
  for (let i = 0; i < last.in; i++) rows.push(w + i * C);
  rows.push(b);
  for (const r of rows) {
    for (let p = 0; p < C; p++) {
      for (let q = 0; q < C; q++) H[(r + p) * P + (r + q)] = H[(r + p) * P + (r + q)]! + mu / C;
    }
  }
}

/**
 * The whole build on one thread: train, then map the field (the map plus the margin a round may
 * shift its window by) at the standard lattice spacing, and read the minimum. For the CLI and tests.
 */
export function buildLandscape(recipe: Recipe, dataset: Dataset, onProgress?: BuildProgress): { landscape: BuiltLandscape; field: LossGrid } {
  const trained = trainSlice(recipe, dataset, onProgress && ((f, label) => onProgress(0.5 * f, label)));
  onProgress?.(0.5, "mapping the landscape");
  const f = fieldOf(trained.info);
  const field = computeGrid(createSliceEvaluator(trained, dataset), f.size, f.extent);
  onProgress?.(1, "done");
  return { landscape: finishLandscape(trained, field), field };
}

/** Completes a trained slice with the minimum read from its field grid (fieldOf). */
export function finishLandscape(trained: TrainedSlice, grid: LossGrid): BuiltLandscape {
  return { ...trained, minimum: { ...grid.min } };
}

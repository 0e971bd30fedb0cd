// The catalog: each landscape makes a player feel one idea of gradient descent. Learning rates
// are in slice coordinates (a step is Δ = −lr·slope), and each `suggested` rate was tuned by
// running the plain-GD ghost from every start (tests/unit/landscape/catalog.test.ts checks it).
// `shift` is how far (a share of the half-width) a round may move its window over the landscape,
// so that a map learned from one reveal does not say where the valley is in the next round; it
// is as large as the lesson allows (the landscape's minimum stays inside the window, checked by
// catalog.test.ts).
import { LandscapeError, type MlpSpec } from "./types";
import type { Recipe } from "./recipe";

const softmaxRegression = (inputs: number, classes: number): MlpSpec => ({
  layers: [{ in: inputs, out: classes, activation: "linear" }],
  loss: "softmax_cross_entropy",
});

// Seven tanh layers of eight units (2 → 8, then six 8 → 8) and a linear output: eight weight
// layers, 474 weights, no skip connections. Deep and narrow enough for chaotic terrain (Li et al.
// 2018 found it in ResNets stripped of their shortcuts).
const deepNarrow: MlpSpec = {
  layers: [
    { in: 2, out: 8, activation: "tanh" },
    ...Array.from({ length: 6 }, () => ({ in: 8, out: 8, activation: "tanh" as const })),
    { in: 8, out: 2, activation: "linear" },
  ],
  loss: "softmax_cross_entropy",
};

/** Every landscape recipe, in the order a newcomer should meet them. */
export const CATALOG: readonly Recipe[] = [
  {
    id: "bowl",
    name: "The Bowl",
    lesson: "Downhill always leads to the bottom here: follow the slope and you arrive.",
    difficulty: 1,
    dataset: { kind: "real", name: "iris" },
    spec: softmaxRegression(4, 3),
    build: { kind: "trained", train: { optimizer: "adam", lr: 0.05, epochs: 300, batch: 150, seed: 11 } },
    seed: 101,
    extent: { x: [-2, 2], y: [-2, 2] },
    starts: [[-1.7, 1.6], [1.8, 1.5], [1.6, -1.8], [-1.8, -1.2]],
    lr: { min: 0.01, max: 5, suggested: 0.3 },
    defaultBudget: 30,
    // the bottom sits at the centre of the slice: a round's window may move it half-way to an edge
    shift: 0.5,
  },
  {
    id: "ravine",
    name: "The Ravine",
    lesson: "In a narrow valley big steps bounce from wall to wall and small steps crawl along the floor.",
    difficulty: 2,
    dataset: { kind: "real", name: "breast_cancer" },
    spec: softmaxRegression(30, 2),
    build: { kind: "hessian", train: { optimizer: "adam", lr: 0.01, epochs: 400, batch: 569, seed: 12 }, rise: [4, 0.15] },
    seed: 102,
    extent: { x: [-3, 3], y: [-3, 3] },
    starts: [[1.0, 2.6], [-1.2, 2.2], [0.9, -2.7], [-1.0, -2.4]],
    lr: { min: 0.003, max: 1, suggested: 0.1 },
    defaultBudget: 40,
    shift: 0.5,
  },
  {
    id: "saddle",
    name: "The Saddle",
    lesson: "Where the slope fades to nothing you may be on a saddle, not at the bottom: keep walking.",
    difficulty: 2,
    // 1.2× the usual jitter: the four clusters overlap a little, so no weights fit every point and
    // the trained minimum near (1, 1) is a real bottom inside the map, not a slope that goes on
    // falling as the weights grow (with separable clusters the map's lowest point was a corner).
    dataset: { kind: "synthetic", shape: "xor", n: 200, seed: 7, noise: 1.2 },
    spec: {
      layers: [{ in: 2, out: 2, activation: "tanh" }, { in: 2, out: 2, activation: "linear" }],
      loss: "softmax_cross_entropy",
    },
    build: { kind: "saddle", train: { optimizer: "adam", lr: 0.05, epochs: 300, batch: 50, seed: 13 } },
    seed: 103,
    extent: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
    starts: [[-0.4, 0.8], [0.6, -1.0], [0.4, -0.6], [-0.6, 1.4]],
    lr: { min: 0.005, max: 5, suggested: 0.05 },
    defaultBudget: 40,
    // the valley near (1, 1) stays a quarter of a unit inside the map
    shift: 0.1,
  },
  {
    id: "two-valleys",
    name: "Two Valleys",
    lesson: "Two trainings, two different valleys, both as good: a different minimum is not a worse one.",
    difficulty: 2,
    dataset: { kind: "real", name: "digits" },
    spec: {
      layers: [{ in: 64, out: 16, activation: "relu" }, { in: 16, out: 10, activation: "linear" }],
      loss: "softmax_cross_entropy",
    },
    build: { kind: "two-solutions", train: { optimizer: "adam", lr: 0.01, epochs: 30, batch: 64, seed: 0 }, seeds: [21, 22] },
    seed: 104,
    extent: { x: [-1.6, 1.6], y: [-1.6, 1.6] },
    starts: [[0, 1.0], [0.1, -1.0], [-0.5, 0.9], [0.6, -0.8]],
    lr: { min: 0.003, max: 3, suggested: 0.1 },
    defaultBudget: 30,
    // both valleys (x = ±1.1) stay a third of a unit inside the map
    shift: 0.125,
  },
  {
    id: "chaos",
    name: "The Badlands",
    lesson: "A deep net without shortcuts makes broken ground: the slope here says little about ten steps away.",
    difficulty: 3,
    dataset: { kind: "synthetic", shape: "spiral", n: 300, seed: 9 },
    spec: deepNarrow,
    build: {
      kind: "trained",
      train: { optimizer: "adam", lr: 0.01, epochs: 1500, batch: 30, seed: 15, schedule: { kind: "cosine", floor: 0.05 } },
    },
    seed: 105,
    extent: { x: [-0.6, 0.6], y: [-0.6, 0.6] },
    starts: [[-0.2, -0.33], [-0.47, -0.07], [0.33, -0.2], [-0.07, 0.47], [-0.47, 0.47]],
    lr: { min: 0.0003, max: 0.3, suggested: 0.004 },
    defaultBudget: 40,
    shift: 0.5,
  },
  {
    id: "cliff",
    name: "Cliffs and Plains",
    lesson: "Steep cliffs beside gentle plains: the step size that crosses a plain in a few strides flings you off a cliff.",
    difficulty: 3,
    dataset: { kind: "synthetic", shape: "moons", n: 200, seed: 5 },
    spec: {
      layers: [{ in: 2, out: 8, activation: "tanh" }, { in: 8, out: 2, activation: "linear" }],
      loss: "softmax_cross_entropy",
    },
    build: { kind: "trained", train: { optimizer: "adam", lr: 0.03, epochs: 300, batch: 40, seed: 16 } },
    seed: 106,
    extent: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
    starts: [[-1.2, -1.2], [1.2, 1.2], [-1.15, 0.85], [-0.2, 1.2]],
    lr: { min: 0.003, max: 3, suggested: 0.05 },
    defaultBudget: 30,
    shift: 0.5,
  },
];

/** The recipe with this id; throws LandscapeError("unknown_landscape") naming the valid ones. */
export function getRecipe(id: string): Recipe {
  const found = CATALOG.find((r) => r.id === id);
  if (!found) {
    throw new LandscapeError("unknown_landscape", `No landscape called "${id}". Try: ${CATALOG.map((r) => r.id).join(", ")}.`);
  }
  return found;
}

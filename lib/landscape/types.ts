// The contract of the training core: what a landscape is, what a walker feels, what can go wrong.
// Pure types (no I/O). Shared by lib/landscape (the math), server/training (workers, cache),
// server/rooms (the game) and the CLI.

/** Activation of a dense layer; each has a paired derivative in activations.ts. */
export type Activation = "relu" | "tanh" | "sigmoid" | "linear";

/** Loss of the network's output: softmax cross-entropy on integer labels, or mean squared error. */
export type LossKind = "softmax_cross_entropy" | "mse";

/** One dense layer: y = act(x·W + b), W of shape [in, out] row-major, b of length out. */
export interface LayerSpec {
  in: number;
  out: number;
  activation: Activation;
}

/** A dense MLP. Its parameters live in one flat buffer in layer order: W (in·out) then b (out). */
export interface MlpSpec {
  layers: LayerSpec[];
  loss: LossKind;
}

/** A dataset exactly as the network sees it (already standardised). */
export interface Dataset {
  /** Short id, e.g. "digits", "iris", "spiral". */
  name: string;
  /** Human credit line (creators, origin, licence), shown wherever the game names the dataset. */
  credit: string;
  /** Number of samples. */
  n: number;
  /** Number of input features. */
  d: number;
  /** Inputs, shape (n, d), row-major, standardised. */
  x: Float64Array;
  /** Targets, length n: class index for softmax_cross_entropy, target value for mse. */
  y: Float64Array;
  /** Number of classes (0 for a regression target). */
  classes: number;
}

/** The rectangle of slice coordinates a landscape is played on. */
export interface Extent {
  x: [number, number];
  y: [number, number];
}

/** What the catalog tells anyone (players included) about a landscape: nothing that rebuilds the map. */
export interface LandscapeInfo {
  id: string;
  /** Display name, e.g. "The Bowl". */
  name: string;
  /** One-line lesson: the idea of gradient descent this landscape makes a player feel. */
  lesson: string;
  /** 1 easy .. 3 hard. */
  difficulty: 1 | 2 | 3;
  dataset: { name: string; title: string; credit: string; samples: number; features: number };
  /** Human architecture line, e.g. "64 → 16 relu → 10 softmax". */
  architecture: string;
  /** Number of weights and biases: the map is a 2-D slice through this many dimensions. */
  params: number;
  /**
   * Chance level: the loss of a network that ignores its input and always predicts the same
   * (ln C on C balanced classes). Public: it belongs to the dataset, not to the map.
   */
  chance: number;
  extent: Extent;
  /** A few high start positions inside the extent. */
  starts: [number, number][];
  /** Learning-rate (step-size) range for the slider, and a sensible value (the ghost's). */
  lr: { min: number; max: number; suggested: number };
  /** A sensible step budget for a round. */
  defaultBudget: number;
  /**
   * How far a round may shift its window on the landscape, as a share of the map's half-width: the
   * landscape is mapped over a field that much wider on every side, and each round shows a window
   * of it (lib/game/transform.ts). Not public: only the server needs it.
   */
  shift: number;
}

/** A slice θ(x, y) = θ0 + x·δ1 + y·δ2 of a network's parameters. */
export interface Slice {
  spec: MlpSpec;
  /** θ0, flat parameters (length = paramCount(spec)). */
  center: Float64Array;
  /** δ1 and δ2, flat, same layout as center. */
  d1: Float64Array;
  d2: Float64Array;
}

/** A built landscape: the info plus the secret (its slice). Never sent to a player before reveal. */
export interface BuiltLandscape extends Slice {
  info: LandscapeInfo;
  /** Lowest altitude found on the reveal grid at the standard size, and where. */
  minimum: { x: number; y: number; loss: number };
  /** Hash of the recipe (and code version) it was built from; the cache key. */
  recipeHash: string;
}

/**
 * What the network at one spot gets right: `correct` of the `of` samples it was evaluated on (the
 * dataset, or the minibatch) have their label as the network's predicted class (the first largest
 * output). Defined wherever θ is finite, on the map or off it.
 */
export interface Accuracy {
  correct: number;
  of: number;
}

/** What a blindfolded walker feels at one spot: the altitude and the slope in slice coordinates. */
export interface Felt {
  /** Mean loss over the dataset (or the minibatch). */
  loss: number;
  /** (∂L/∂x, ∂L/∂y) = (⟨∇θL, δ1⟩, ⟨∇θL, δ2⟩). */
  grad: [number, number];
  /** Classified right on the same samples, from the same forward pass (classification losses only). */
  accuracy?: Accuracy;
}

/** A loss grid over the extent: row-major, values[j*size + i] is at x_i, y_j (y grows with j). */
export interface LossGrid {
  size: number;
  extent: Extent;
  /** Non-finite losses are stored as Infinity. */
  values: Float32Array;
  min: { x: number; y: number; loss: number };
  max: number;
}

/** Error codes of the training core. */
export type LandscapeErrorCode =
  | "unknown_landscape"
  | "bad_coordinates"
  | "bad_batch"
  | "bad_grid_size"
  | "bad_argument"
  | "worker_failed";

/** A typed error of the training core with a human sentence. */
export class LandscapeError extends Error {
  /** Machine-readable code. */
  readonly code: LandscapeErrorCode;
  constructor(code: LandscapeErrorCode, message: string) {
    super(message);
    this.name = "LandscapeError";
    this.code = code;
  }
}

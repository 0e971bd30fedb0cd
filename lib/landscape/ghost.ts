// The ghost: a classic optimizer walking the same slice as the players, in slice coordinates, so
// a round can show what plain gradient descent (or momentum, or Adam) does with the same budget.
// With optimizer "gd" a step is exactly the player's "follow the slope": Δ = −lr·∇L(x, y).
import { createOptimizer, type OptimizerKind } from "./optimizers";
import { insideExtent } from "./grid";
import { mixSeed } from "./prng";
import type { FeltOptions, SliceEvaluator } from "./slice";
import { LandscapeError, type Extent } from "./types";

/** How a ghost walks. */
export interface GhostOptions {
  optimizer: "gd" | "momentum" | "adam";
  lr: number;
  steps: number;
  /** Minibatch size per step (full batch if absent); step k draws its batch with mixSeed(seed, k),
   *  as a player's step k does in a round whose seed is `seed`. */
  batch?: number;
  seed?: number;
  extent: Extent;
}

/** One footprint of a ghost. `end` marks the last one when the walk stopped early. */
export interface GhostPoint {
  x: number;
  y: number;
  loss: number;
  gx: number;
  gy: number;
  /** "outside": this step left the extent; "non_finite": the loss or slope here is not finite. */
  end?: "outside" | "non_finite";
}

/**
 * Runs the ghost from start for up to opts.steps steps. Returns the start and one point per step;
 * the walk stops at (and includes) the first point outside the extent or with a non-finite loss.
 */
export function runGhost(evaluator: SliceEvaluator, start: [number, number], opts: GhostOptions): GhostPoint[] {
  if (!(opts.lr > 0) || !Number.isFinite(opts.lr)) throw new LandscapeError("bad_argument", `A ghost needs a positive learning rate, not ${opts.lr}.`);
  if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new LandscapeError("bad_argument", `A ghost needs a whole number of steps, not ${opts.steps}.`);
  const kind: OptimizerKind = opts.optimizer === "gd" ? "sgd" : opts.optimizer;
  const opt = createOptimizer(kind, 2);
  const pos = Float64Array.of(start[0], start[1]);
  const grad = new Float64Array(2);
  const f = new Float64Array(3);
  const seed = opts.seed ?? 0;
  const feel = (k: number): GhostPoint => {
    const o: FeltOptions | undefined = opts.batch === undefined ? undefined : { batch: opts.batch, seed: mixSeed(seed, k) };
    evaluator.feltInto(pos[0]!, pos[1]!, f, o);
    return { x: pos[0]!, y: pos[1]!, loss: f[0]!, gx: f[1]!, gy: f[2]! };
  };
  const path: GhostPoint[] = [];
  for (let k = 0; k <= opts.steps; k++) {
    if (!Number.isFinite(pos[0]!) || !Number.isFinite(pos[1]!)) {
      path.push({ x: pos[0]!, y: pos[1]!, loss: Infinity, gx: NaN, gy: NaN, end: "non_finite" });
      break;
    }
    const p = feel(k);
    path.push(p);
    if (!Number.isFinite(p.loss) || !Number.isFinite(p.gx) || !Number.isFinite(p.gy)) {
      p.end = "non_finite";
      break;
    }
    if (k > 0 && !insideExtent(opts.extent, p.x, p.y)) {
      p.end = "outside";
      break;
    }
    if (k === opts.steps) break;
    grad[0] = p.gx;
    grad[1] = p.gy;
    opt.step(pos, grad, opts.lr);
  }
  return path;
}

// One walker's round as plain data, and the rules that move it. The server proposes a target with
// proposeStep, asks the training core what is felt there, then records it with recordStep.
// Nothing here does I/O, so a walk can be replayed, persisted or tested bit for bit. Recording
// appends to the walk in place (a 500-step walk is not copied 500 times); the room's state owns
// its walks (room/apply.ts).
import type { Footprint, WalkStatus } from "../protocol/common";
import { insideExtent } from "../landscape/grid";
import type { TrueValue } from "./analysis";

/** A walker's state in one round. path[0] is the start; every later entry is one step. */
export interface Walk {
  path: Footprint[];
  /**
   * The full-batch loss and slope at each footprint, when known (equal to what was felt in a
   * full-batch round; measured beside the minibatch where a race or a projector needs it; null
   * until the reveal otherwise). Never sent to the walker before the reveal.
   */
  truth: (TrueValue | null)[];
  /** The learning rate of each step (lrs[k] produced path[k+1]). */
  lrs: number[];
  /** The momentum β of each step, aligned with lrs; absent while every step had none. */
  betas?: number[];
  status: WalkStatus;
  budget: number;
}

/** The direction of a step intent: follow the slope, or a vector the player aimed. */
export type StepDir = "downhill" | readonly [number, number];

/** Starts a walk at a felt start point (and its true value, when known). */
export function startWalk(start: Footprint, budget: number, truth: TrueValue | null = null): Walk {
  return { path: [start], truth: [truth], lrs: [], status: "walking", budget };
}

/** Steps taken so far. */
export function stepsTaken(walk: Walk): number {
  return walk.path.length - 1;
}

/** Steps left in the budget. */
export function stepsLeft(walk: Walk): number {
  return Math.max(0, walk.budget - stepsTaken(walk));
}

/** Where the walker stands now. */
export function here(walk: Walk): Footprint {
  const at = walk.path[walk.path.length - 1];
  if (!at) throw new Error("a walk always has its start footprint");
  return at;
}

/**
 * The target of a step. "downhill" is plain gradient descent, Δ = −lr·∇L. An aimed vector u
 * moves the same distance a gradient step would (lr·|∇L|) along u/|u|: the learning rate keeps
 * its meaning whichever way the player points, and a flat spot shortens every step, as in SGD.
 */
export function proposeStep(at: Footprint, dir: StepDir, lr: number): [number, number] {
  const [gx, gy] = at.grad;
  if (dir === "downhill") return [at.x - lr * gx, at.y - lr * gy];
  const [ux, uy] = dir;
  const un = Math.hypot(ux, uy);
  const len = lr * Math.hypot(gx, gy);
  return [at.x + (len * ux) / un, at.y + (len * uy) / un];
}

/** The most momentum a walker may keep (β < 1: a velocity that never fades would never stop). */
export const MAX_BETA = 0.99;

/**
 * The target of a step with momentum β (heavy ball, the convention of lib/game/optimizer.ts and
 * PyTorch: v ← βv + g, Δ = −lr·v). The walker's push g is what proposeStep says (the slope, or
 * the aimed direction at the slope's length), and the velocity is the last step's, v = −Δ/lr, so it
 * lives in the path itself and a replay of the log finds it again. β = 0 is proposeStep.
 */
export function momentumStep(walk: Walk, dir: StepDir, lr: number, beta: number): [number, number] {
  const at = here(walk);
  const proposed = proposeStep(at, dir, lr);
  const k = walk.path.length;
  if (beta <= 0 || k < 2) return proposed;
  const prev = walk.path[k - 2]!;
  const lastLr = walk.lrs[k - 2]!;
  const carry = (beta * lr) / lastLr;
  return [proposed[0] + carry * (at.x - prev.x), proposed[1] + carry * (at.y - prev.y)];
}

/** Whether a point lies inside the landscape's extent (the training core's own test). */
export { insideExtent };

/** What the server measured where a step landed. */
export interface Landing {
  /** What the walker felt there (minibatch or full batch); null if nothing finite could be measured. */
  felt: { loss: number; grad: [number, number] } | null;
  /** The full-batch value there, when measured. */
  truth: TrueValue | null;
  /** Whether the target is on the map. */
  inside: boolean;
  /** A loss above this (or not finite) off the map counts as exploded: diverged. */
  explodesAbove: number;
}

/**
 * Records a step on the walk, in place, and returns it. Off the map the walk ends as "left", or as
 * "diverged" when the loss measured there exploded (not finite, or above explodesAbove); a
 * non-finite loss on the map diverges too. Spending the budget ends it as "spent".
 */
export function recordStep(walk: Walk, target: readonly [number, number], lr: number, landing: Landing, beta = 0): Walk {
  const felt = landing.felt;
  const ok = felt !== null && Number.isFinite(felt.loss) && Number.isFinite(felt.grad[0]) && Number.isFinite(felt.grad[1]);
  const footprint: Footprint = ok
    ? { x: finiteOr(target[0]), y: finiteOr(target[1]), loss: felt.loss, grad: [felt.grad[0], felt.grad[1]] }
    : { x: finiteOr(target[0]), y: finiteOr(target[1]), loss: null, grad: [0, 0] };
  const truth = landing.truth && Number.isFinite(landing.truth.loss) ? landing.truth : null;
  let status: WalkStatus = walk.status;
  if (!landing.inside) status = ok && felt.loss <= landing.explodesAbove ? "left" : "diverged";
  else if (!ok) status = "diverged";
  else if (walk.path.length >= walk.budget) status = "spent";
  walk.path.push(footprint);
  walk.truth.push(truth);
  if (beta > 0 && !walk.betas) walk.betas = walk.lrs.map(() => 0);
  walk.lrs.push(lr);
  walk.betas?.push(beta);
  walk.status = status;
  return walk;
}

/** Ends a walk at the player's request ("I'm done"), in place; an ended walk stays as it is. */
export function finishWalk(walk: Walk): Walk {
  if (walk.status === "walking") walk.status = "done";
  return walk;
}

/** Whether the walk can take another step. */
export function canStep(walk: Walk): boolean {
  return walk.status === "walking" && stepsLeft(walk) > 0;
}

/** Clamps a non-finite coordinate so a diverged footprint can still be drawn at the map's edge. */
function finiteOr(v: number): number {
  if (Number.isFinite(v)) return v;
  return v > 0 ? 1e9 : -1e9;
}

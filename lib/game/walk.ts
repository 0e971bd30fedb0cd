// One walker's round as plain data, and the pure rules that move it. The server proposes a
// target with proposeStep, asks the training core what is felt there, then records it with
// recordFelt. Nothing here does I/O, so a walk can be replayed, persisted or tested bit for bit.
import type { Footprint, WalkStatus } from "../protocol/common";
import { insideExtent } from "../landscape/grid";

/** A walker's state in one round. path[0] is the start; every later entry is one step. */
export interface Walk {
  path: Footprint[];
  /** The learning rate of each step (lrs[k] produced path[k+1]). */
  lrs: number[];
  status: WalkStatus;
  budget: number;
}

/** The direction of a step intent: follow the slope, or a vector the player aimed. */
export type StepDir = "downhill" | readonly [number, number];

/** Starts a walk at a felt start point. */
export function startWalk(start: Footprint, budget: number): Walk {
  return { path: [start], lrs: [], status: "walking", budget };
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

/** Whether a point lies inside the landscape's extent (the training core's own test). */
export { insideExtent };

/**
 * Records what was felt at a target (or that the target was off the map / non-finite: felt
 * null) and returns the next walk. Leaving the map or a non-finite loss ends the walk as
 * "diverged": the steps were too big. Spending the budget ends it as "spent".
 */
export function recordStep(walk: Walk, target: [number, number], lr: number, felt: { loss: number; grad: [number, number] } | null): Walk {
  const ok = felt !== null && Number.isFinite(felt.loss) && Number.isFinite(felt.grad[0]) && Number.isFinite(felt.grad[1]);
  const footprint: Footprint = ok
    ? { x: target[0], y: target[1], loss: felt.loss, grad: [felt.grad[0], felt.grad[1]] }
    : { x: finiteOr(target[0]), y: finiteOr(target[1]), loss: null, grad: [0, 0] };
  const path = [...walk.path, footprint];
  const lrs = [...walk.lrs, lr];
  let status: WalkStatus = walk.status;
  if (!ok) status = "diverged";
  else if (path.length - 1 >= walk.budget) status = "spent";
  return { ...walk, path, lrs, status };
}

/** Ends a walk at the player's request ("I'm done"); an ended walk stays as it is. */
export function finishWalk(walk: Walk): Walk {
  return walk.status === "walking" ? { ...walk, status: "done" } : walk;
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

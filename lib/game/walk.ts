// One walker's round as plain data, and the rules that move it. The server proposes a target with
// proposeStep, asks the training core what is felt there, then records it with recordStep.
// Nothing here does I/O, so a walk can be replayed, persisted or tested bit for bit. Recording
// appends to the walk in place (a 500-step walk is not copied 500 times); the room's state owns
// its walks (room/apply.ts).
import type { Footprint, WalkStatus } from "../protocol/common";
import { insideExtent } from "../landscape/grid";
import type { TurnSpec } from "../landscape/reslice";
import type { TrueValue } from "./analysis";

/** Steps of the budget a turn of the map costs (the walker stops to take new bearings). */
export const TURN_COST = 3;

/** Most turns of the map a walk may take in one round: every slice visited is a reveal grid (the protocol's cap too). */
export const MAX_TURNS = 3;

/** Landscapes whose own (ranked) rules let walkers turn the map, and how often: The Badlands, where dead ends abound. */
const TURN_PRESETS: Readonly<Record<string, number>> = { chaos: MAX_TURNS };

/** How many turns of the map a landscape's own rules allow (0: none). */
export function turnPreset(landscapeId: string): number {
  return TURN_PRESETS[landscapeId] ?? 0;
}

/**
 * A turn of the map (lib/landscape/reslice.ts): the walker, standing at path[index], went on along
 * a fresh slice through the same weights. Footprints after index are in the new slice's coordinates.
 */
export interface WalkTurn {
  /** The footprint turned at: the last one on the old slice. */
  index: number;
  /** The turn as the training core takes it (the point and heading in the old slice's own coordinates). */
  spec: TurnSpec;
  /** Where the walker stands after it: the new slice's origin, what was felt there (the same loss; a new slope). */
  origin: Footprint;
  /** The full-batch value there, when measured. */
  truth: TrueValue | null;
}

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
  /**
   * Feelings around without backprop (a round whose slope is not given): where (the footprint's
   * index), which way (a unit vector) and the loss found a short distance that way. Each costs one
   * forward pass from the budget, as a step does.
   */
  probes?: Probe[];
  status: WalkStatus;
  budget: number;
  /** The turns of the map taken so far, in order; absent while none. */
  turns?: WalkTurn[];
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

/** One feeling around: at footprint `at`, along the unit vector `dir`, the loss a short way off. */
export interface Probe {
  at: number;
  dir: [number, number];
  loss: number;
  /** Turns of the map taken when it was felt (absent: none), so a probe after a turn belongs to the new slice. */
  turns?: number;
}

/** What is left of the budget: steps, less the feelings around (each a forward pass, as a step is) and the turns of the map (TURN_COST each). */
export function stepsLeft(walk: Walk): number {
  return Math.max(0, walk.budget - stepsTaken(walk) - (walk.probes?.length ?? 0) - TURN_COST * (walk.turns?.length ?? 0));
}

/** How far a feeling around reaches: 1 % of the map's width (close enough to read the slope). */
export const PROBE_SHARE = 0.01;

/** The point a feeling around measures: h from the walker along the unit vector of dir. */
export function probePoint(at: Footprint, dir: readonly [number, number], h: number): { to: [number, number]; unit: [number, number]; h: number } {
  const n = Math.hypot(dir[0], dir[1]);
  const unit: [number, number] = [dir[0] / n, dir[1] / n];
  return { to: [at.x + h * unit[0], at.y + h * unit[1]], unit, h };
}

/**
 * The slope a walker can estimate from its feelings around one footprint: the least-squares g
 * with g·uᵢ = (Lᵢ − L)/h for each probe i. Two directions that are not parallel pin it down, as
 * finite differences do; feelings along one line only (one probe, or a direction and its
 * opposite) give the slope along that line and nothing across it. Null without any probe.
 */
export function estimateSlope(here: number, probes: readonly { dir: readonly [number, number]; loss: number }[], h: number): [number, number] | null {
  if (probes.length === 0) return null;
  let a = 0, b = 0, c = 0, p = 0, q = 0;
  for (const pr of probes) {
    const [u, v] = pr.dir;
    const s = (pr.loss - here) / h;
    a += u * u; b += u * v; c += v * v; p += u * s; q += v * s;
  }
  const det = a * c - b * b;
  if (Math.abs(det) > 1e-9 * (a + c) * (a + c)) return [(c * p - b * q) / det, (a * q - b * p) / det];
  // One line only: the minimum-norm solution, the slope along the line (a, b, c span u⊗u).
  const t = a + c;
  return [p / t, q / t];
}

/** The feelings around the walker's current footprint (after a turn of the map, only those on the new slice). */
export function probesHere(walk: Walk): Probe[] {
  const k = walk.path.length - 1;
  const since = justTurned(walk) ? (walk.turns?.length ?? 0) : 0;
  return (walk.probes ?? []).filter((p) => p.at === k && (p.turns ?? 0) >= since);
}

/** The slope the walker has estimated where it stands (null before feeling around here). */
export function slopeHere(walk: Walk, h: number): [number, number] | null {
  const loss = here(walk).loss;
  return loss === null ? null : estimateSlope(loss, probesHere(walk), h);
}

/** Records a feeling around at the walker's footprint, in place; spending the budget ends the walk. */
export function recordProbe(walk: Walk, dir: readonly [number, number], loss: number): Walk {
  const turns = walk.turns?.length ?? 0;
  (walk.probes ??= []).push({ at: walk.path.length - 1, dir: [dir[0], dir[1]], loss, ...(turns ? { turns } : {}) });
  if (walk.status === "walking" && stepsLeft(walk) === 0) walk.status = "spent";
  return walk;
}

/** The turn the walker has just taken, standing where they turned (no step since), or null. */
export function justTurned(walk: Walk): WalkTurn | null {
  const last = walk.turns?.[walk.turns.length - 1];
  return last && last.index === walk.path.length - 1 ? last : null;
}

/** Where the walker stands now (after a turn: the new slice's origin). */
export function here(walk: Walk): Footprint {
  const turned = justTurned(walk);
  if (turned) return turned.origin;
  const at = walk.path[walk.path.length - 1];
  if (!at) throw new Error("a walk always has its start footprint");
  return at;
}

/** Which slice footprint i stands on: 0 for the landscape's own, k after the k-th turn. */
export function sliceOf(walk: Walk, i: number): number {
  let s = 0;
  for (const t of walk.turns ?? []) if (t.index < i) s++;
  return s;
}

/** The footprints walked on slice s (after a turn: its origin first), with their path indices (−1 for the origin). */
export function footprintsOn(walk: Walk, s: number): { footprints: Footprint[]; indices: number[] } {
  const turns = walk.turns ?? [];
  const from = s === 0 ? 0 : turns[s - 1]!.index + 1;
  const to = s < turns.length ? turns[s]!.index + 1 : walk.path.length;
  const footprints = walk.path.slice(from, to);
  const indices = footprints.map((_, k) => from + k);
  if (s > 0) {
    footprints.unshift(turns[s - 1]!.origin);
    indices.unshift(-1);
  }
  return { footprints, indices };
}

/**
 * The heading a turn of the map keeps as the new slice's x axis, in the walker's map coordinates:
 * the aim the walker chose; else the last step's direction; else downhill; else east.
 */
export function turnHeading(walk: Walk, aim: readonly [number, number] | null): [number, number] {
  if (aim && Math.hypot(aim[0], aim[1]) > 0) return [aim[0], aim[1]];
  const at = here(walk);
  const k = walk.path.length;
  if (k >= 2 && !justTurned(walk)) {
    const prev = walk.turns?.find((t) => t.index === k - 2)?.origin ?? walk.path[k - 2]!;
    const d: [number, number] = [at.x - prev.x, at.y - prev.y];
    if (Math.hypot(d[0], d[1]) > 0 && d.every(Number.isFinite)) return d;
  }
  if (Math.hypot(at.grad[0], at.grad[1]) > 0) return [-at.grad[0], -at.grad[1]];
  return [1, 0];
}

/** Records a turn of the map on the walk, in place, and returns it. */
export function recordTurn(walk: Walk, turn: WalkTurn): Walk {
  (walk.turns ??= []).push(structuredClone(turn));
  return walk;
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
 * lives in the path itself and a replay of the log finds it again. β = 0 is proposeStep. `slope`
 * replaces the footprint's where the walker was not given it (no backprop: its own estimate).
 */
export function momentumStep(walk: Walk, dir: StepDir, lr: number, beta: number, slope?: readonly [number, number]): [number, number] {
  const at = here(walk);
  const proposed = proposeStep(slope ? { ...at, grad: [slope[0], slope[1]] } : at, dir, lr);
  const k = walk.path.length;
  // A turn of the map stops the walker: the velocity of the old slice means nothing on the new one.
  if (beta <= 0 || k < 2 || justTurned(walk)) return proposed;
  // The last step started from a turn's origin when it was the first on a new slice.
  const prev = walk.turns?.find((t) => t.index === k - 2)?.origin ?? walk.path[k - 2]!;
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
  else if (walk.path.length + (walk.probes?.length ?? 0) + TURN_COST * (walk.turns?.length ?? 0) >= walk.budget) status = "spent";
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

// What happened on one walk, measured on the true (full-batch) landscape: where it stalled and on
// what ground, whether a step overshot the valley, how noisy its minibatch slopes were, whether it
// left the map, whether it crawled, and how it ended. Pure; the debrief turns it into sentences.
//
// Two passes, because naming the ground needs measurements only the server can make:
//   1. ringRequests(walk): the points to measure (a ring around each stall);
//   2. analyseWalk(walk, rings): the verdicts.
import type { Footprint, GhostKind, Outcome, WalkStatus } from "../protocol/common";
import type { Extent } from "../landscape/types";
import { inValley, valleyTolerance, type AltitudeScale } from "./altitude";
import { readShape, ringPoints, ringRadius, type ShapeReading } from "./terrain";
import { insideExtent } from "../landscape/grid";
import { estimateSlope, type Probe } from "./walk";

/** The full-batch loss and slope at one footprint (player coordinates). */
export interface TrueValue {
  loss: number;
  grad: [number, number];
}

/** A finished walk as the analysis needs it. */
export interface WalkRecord {
  playerId: string;
  nickname: string;
  ghost: GhostKind | null;
  /** What was felt, start first (player coordinates). */
  footprints: Footprint[];
  /** The true values at each footprint; null where there is none (not finite). */
  truth: (TrueValue | null)[];
  /** The step size of each step. */
  lrs: number[];
  /** The momentum β of each step (absent: none). */
  betas?: number[];
  /** A round without backprop: the walker's feelings around, and how far each reached (absent: the slope was given). */
  probes?: Probe[];
  probeH?: number;
  status: WalkStatus;
  /**
   * The footprints where the walker turned the map (lib/landscape/reslice.ts): the step after one
   * starts on another slice, so no pair of footprints across it is compared (overshoot, noise).
   */
  turnedAt?: number[];
}

/** What the analysis needs to know about the round's landscape and rules. */
export interface LandFacts {
  scale: AltitudeScale;
  extent: Extent;
  suggestedLr: number;
  /** Minibatch size of the round (0: the full dataset). */
  batch: number;
  /** Samples in the dataset. */
  samples: number;
  budget: number;
}

/** Fewest level steps in a row that make a stall. */
export const STALL_MIN_STEPS = 3;
/** A step is level when the true loss changes by less than this share of the valley's tolerance. */
export const STALL_SHARE = 0.05;
/** At most this many stalls per walk are measured and named (the longest). */
export const MAX_STALLS = 3;
/** A median step size below suggested/CRAWL_FACTOR is a crawl (the projector and the debrief agree). */
export const CRAWL_FACTOR = 4;
/** Fewest steps before a walk can be called a crawl. */
export const CRAWL_MIN_STEPS = 3;
/** A step size that changed this many times over a walk is a learning-rate schedule. */
export const SCHEDULE_FACTOR = 4;
/** Fewest steps before a change of step size can be called a schedule. */
export const SCHEDULE_MIN_STEPS = 4;

/**
 * Whether the step sizes followed a schedule: the median of the walk's last quarter against its
 * first quarter's, SCHEDULE_FACTOR× apart or more (shrinking, as schedules do, or growing).
 */
export function scheduleOf(lrs: readonly number[]): WalkAnalysis["schedule"] {
  if (lrs.length < SCHEDULE_MIN_STEPS) return null;
  const q = Math.max(1, Math.floor(lrs.length / 4));
  const from = median(lrs.slice(0, q)), to = median(lrs.slice(-q));
  const factor = Math.max(from, to) / Math.max(1e-300, Math.min(from, to));
  return factor >= SCHEDULE_FACTOR ? { from, to, factor } : null;
}

/** Momentum used on a walk: how many steps kept some, and the most kept; null for none. */
export function momentumOf(betas: readonly number[] | undefined): WalkAnalysis["momentum"] {
  const used = (betas ?? []).filter((b) => b > 0);
  return used.length ? { steps: used.length, maxBeta: Math.max(...used) } : null;
}

/** A run of level steps: footprints from..to (indices), read at `at`. */
export interface Stall {
  from: number;
  to: number;
  at: number;
  loss: number;
}

/** A stall with the ground named. */
export interface NamedStall extends Stall {
  ground: ShapeReading;
  /** The walk went on and ended clearly lower. */
  escaped: boolean;
  /** The loss there was chance level (within 1 %): the network answered every input alike. */
  atChance: boolean;
}

/** Everything the debrief says about one walk. */
export interface WalkAnalysis {
  playerId: string;
  nickname: string;
  ghost: GhostKind | null;
  outcome: Outcome;
  steps: number;
  /** Where the walk ended (player coordinates). */
  end: [number, number];
  /** True loss where the walk ended (null if it left the map where no loss could be measured, or diverged). */
  finalLoss: number | null;
  /** The first step that reached the valley, if any. */
  valleyStep: number | null;
  stalls: NamedStall[];
  /**
   * The biggest step that crossed the valley floor and landed higher on the map, how many did, and
   * how many times steeper the felt slope was than the true one where it started (1 on the full batch).
   */
  overshoot: { step: number; from: number; to: number; count: number; steeper: number } | null;
  /** Minibatch noise: mean angle (degrees) between the felt and the true slope, and steps it sent uphill. */
  noise: { batch: number; meanAngle: number; uphill: number } | null;
  /** The step that left the map, the loss measured there (null: not finite), and the loss before it. */
  leftMap: { step: number; loss: number | null; before: number | null } | null;
  /** A crawl: the median step size and how many times smaller than the suggested one. */
  crawl: { medianLr: number; factor: number } | null;
  /** The step size shrank (or grew) SCHEDULE_FACTOR× or more from the walk's first quarter to its last: a schedule, by hand or by the control. */
  schedule: { from: number; to: number; factor: number } | null;
  /** Steps taken with momentum, and the most kept. */
  momentum: { steps: number; maxBeta: number } | null;
  /**
   * A round without backprop: the feelings around (forward passes), the steps, and how far the
   * walker's estimates were from the true slope where it stepped (mean angle, degrees; null if never measured).
   */
  probing: { probes: number; steps: number; meanAngle: number | null } | null;
  status: WalkStatus;
}

/** The median of some numbers (0 for none). */
export function median(v: readonly number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The step sizes a walk effectively took: with momentum β a steady push moves lr/(1 − β) per unit
 * of slope, so a small step size with momentum is not a crawl.
 */
export function effectiveLrs(lrs: readonly number[], betas?: readonly number[]): number[] {
  return betas ? lrs.map((lr, i) => lr / (1 - (betas[i] ?? 0))) : [...lrs];
}

/** Whether steps of these sizes crawl: at least CRAWL_MIN_STEPS, median (momentum counted) under suggested/CRAWL_FACTOR. */
export function isCrawl(lrs: readonly number[], suggestedLr: number, betas?: readonly number[]): boolean {
  return lrs.length >= CRAWL_MIN_STEPS && median(effectiveLrs(lrs, betas)) < suggestedLr / CRAWL_FACTOR;
}

/** Runs of level steps along the walk's true losses, longest first, at most MAX_STALLS, in walk order. */
export function findStalls(walk: WalkRecord, scale: AltitudeScale): Stall[] {
  const level = STALL_SHARE * valleyTolerance(scale);
  const runs: Stall[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start >= STALL_MIN_STEPS) {
      const at = Math.floor((start + end) / 2);
      runs.push({ from: start, to: end, at, loss: walk.truth[at]!.loss });
    }
    start = -1;
  };
  for (let i = 1; i < walk.truth.length; i++) {
    const a = walk.truth[i - 1], b = walk.truth[i];
    const flat = !!a && !!b && Math.abs(b.loss - a.loss) < level;
    if (flat && start < 0) start = i - 1;
    if (!flat) close(i - 1);
  }
  close(walk.truth.length - 1);
  return runs.sort((p, q) => q.to - q.from - (p.to - p.from)).slice(0, MAX_STALLS).sort((p, q) => p.from - q.from);
}

/** The ring points to measure for each stall of the walk (true full-batch losses, player coordinates). */
export function ringRequests(walk: WalkRecord, land: Pick<LandFacts, "scale" | "extent">): { at: number; points: [number, number][] }[] {
  const r = ringRadius(land.extent);
  return findStalls(walk, land.scale).map((s) => {
    const f = walk.footprints[s.at]!;
    return { at: s.at, points: ringPoints(f.x, f.y, r) };
  });
}

/** The walk's verdicts; `rings` holds the measured ring losses by footprint index (from ringRequests). */
export function analyseWalk(walk: WalkRecord, rings: ReadonlyMap<number, readonly number[]>, land: LandFacts): WalkAnalysis {
  const steps = walk.footprints.length - 1;
  const last = walk.footprints[steps]!;
  const lastTruth = walk.truth[steps] ?? null;
  const tol = valleyTolerance(land.scale);
  const level = STALL_SHARE * tol;
  const off = !insideExtent(land.extent, last.x, last.y);
  const ended = walk.status === "left" || walk.status === "diverged";
  const finalLoss = ended ? null : lastTruth?.loss ?? null;

  let valleyStep: number | null = null;
  for (let i = 1; i <= steps && valleyStep === null; i++) {
    const t = walk.truth[i];
    if (t && insideExtent(land.extent, walk.footprints[i]!.x, walk.footprints[i]!.y) && inValley(land.scale, t.loss)) valleyStep = i;
  }

  const r = ringRadius(land.extent);
  const stalls: NamedStall[] = [];
  for (const s of findStalls(walk, land.scale)) {
    const ring = rings.get(s.at);
    const t = walk.truth[s.at];
    if (!ring || !t) continue;
    stalls.push({
      ...s,
      ground: readShape(land.scale, t.loss, t.grad, ring, r),
      escaped: s.to < steps && finalLoss !== null && finalLoss < s.loss - tol,
      atChance: Math.abs(s.loss - land.scale.chance) <= 0.01 * land.scale.chance,
    });
  }

  const leftMap = off && steps > 0 ? { step: steps, loss: lastTruth?.loss ?? (last.loss !== null && Number.isFinite(last.loss) ? last.loss : null), before: walk.truth[steps - 1]?.loss ?? null } : null;
  const eff = median(effectiveLrs(walk.lrs, walk.betas));
  const crawl = isCrawl(walk.lrs, land.suggestedLr, walk.betas) ? { medianLr: eff, factor: land.suggestedLr / Math.max(1e-300, eff) } : null;

  const startLoss = walk.truth[0]?.loss ?? Infinity;
  const outcome = outcomeOf({ steps, status: walk.status, startLoss, finalLoss, stalls, crawl: crawl !== null, scale: land.scale });
  return {
    playerId: walk.playerId, nickname: walk.nickname, ghost: walk.ghost, outcome, steps, end: [last.x, last.y], finalLoss, valleyStep, stalls,
    overshoot: biggestOvershoot(walk, level, land.extent),
    // Without backprop the walker never saw the felt slope: its noise is the estimate's (probing).
    noise: land.batch > 0 && !walk.probes ? noiseOf(walk, land.batch) : null,
    leftMap, crawl, schedule: scheduleOf(walk.lrs), momentum: momentumOf(walk.betas), status: walk.status,
    probing: walk.probes ? probingOf(walk, walk.probes, walk.probeH ?? 1) : null,
  };
}

/** The one-word verdict: the end of the walk decides. */
function outcomeOf(a: { steps: number; status: WalkStatus; startLoss: number; finalLoss: number | null; stalls: NamedStall[]; crawl: boolean; scale: AltitudeScale }): Outcome {
  if (a.steps === 0) return "idle";
  if (a.status === "diverged") return "diverged";
  if (a.status === "left") return "left_map";
  if (inValley(a.scale, a.finalLoss)) return "valley";
  const end = a.stalls.find((s) => s.to === a.steps);
  if (end?.ground.shape === "saddle") return "saddle";
  if (end?.ground.shape === "minimum") return "local_minimum";
  if (end?.ground.shape === "plateau") return "plateau";
  if (a.finalLoss !== null && a.finalLoss > a.startLoss) return "climbed";
  if (a.crawl) return "crawled";
  return "descended";
}

/**
 * Steps that crossed the valley floor and landed higher, judged on the true loss: the step's
 * direction d went downhill where it started (⟨∇L, d⟩ < 0) and uphill where it landed
 * (⟨∇L, d⟩ > 0), and the loss rose. A deliberate uphill aim, or a rise that only the minibatch
 * felt, is not an overshoot.
 */
function biggestOvershoot(walk: WalkRecord, level: number, extent: Extent): WalkAnalysis["overshoot"] {
  let best: WalkAnalysis["overshoot"] = null;
  let count = 0;
  for (let i = 1; i < walk.footprints.length; i++) {
    const a = walk.truth[i - 1], b = walk.truth[i];
    // A step that left the map is named as such, not as an overshoot; one after a turn of the map is on another slice.
    if (!a || !b || !insideExtent(extent, walk.footprints[i]!.x, walk.footprints[i]!.y) || walk.turnedAt?.includes(i - 1)) continue;
    const dx = walk.footprints[i]!.x - walk.footprints[i - 1]!.x, dy = walk.footprints[i]!.y - walk.footprints[i - 1]!.y;
    const before = a.grad[0] * dx + a.grad[1] * dy;
    const after = b.grad[0] * dx + b.grad[1] * dy;
    if (before < 0 && after > 0 && b.loss > a.loss + level) {
      count++;
      if (!best || b.loss - a.loss > best.to - best.from) {
        const felt = walk.footprints[i - 1]!.grad;
        const steeper = Math.hypot(felt[0], felt[1]) / Math.max(1e-300, Math.hypot(a.grad[0], a.grad[1]));
        best = { step: i, from: a.loss, to: b.loss, count: 0, steeper };
      }
    }
  }
  return best ? { ...best, count } : null;
}

/** A walk without backprop: its feelings around, and how far its estimates were from the true slope where it stepped. */
function probingOf(walk: WalkRecord, probes: readonly Probe[], h: number): NonNullable<WalkAnalysis["probing"]> {
  const angles: number[] = [];
  for (let i = 0; i + 1 < walk.footprints.length; i++) {
    const fp = walk.footprints[i]!, t = walk.truth[i];
    if (!t || fp.loss === null) continue;
    // After a turn of the map, the feelings there belong to the new slice; the truth here is the old one's.
    const turns = walk.turnedAt?.filter((k) => k < i).length ?? 0;
    const est = estimateSlope(fp.loss, probes.filter((p) => p.at === i && (p.turns ?? 0) === turns), h);
    if (!est) continue;
    const ne = Math.hypot(est[0], est[1]), nt = Math.hypot(t.grad[0], t.grad[1]);
    if (ne > 0 && nt > 0) angles.push((Math.acos(Math.max(-1, Math.min(1, (est[0] * t.grad[0] + est[1] * t.grad[1]) / (ne * nt)))) * 180) / Math.PI);
  }
  return { probes: probes.length, steps: walk.footprints.length - 1, meanAngle: angles.length ? angles.reduce((s, a) => s + a, 0) / angles.length : null };
}

/** How far the felt (minibatch) slopes were from the true ones, and how often they led uphill. */
function noiseOf(walk: WalkRecord, batch: number): WalkAnalysis["noise"] {
  const angles: number[] = [];
  let uphill = 0;
  for (let i = 0; i < walk.footprints.length; i++) {
    const felt = walk.footprints[i]!.grad, t = walk.truth[i];
    if (!t || walk.footprints[i]!.loss === null) continue;
    const nf = Math.hypot(felt[0], felt[1]), nt = Math.hypot(t.grad[0], t.grad[1]);
    if (nf > 0 && nt > 0) angles.push((Math.acos(Math.max(-1, Math.min(1, (felt[0] * t.grad[0] + felt[1] * t.grad[1]) / (nf * nt)))) * 180) / Math.PI);
    // The step taken from here: downhill by what was felt, uphill by the truth.
    const next = walk.footprints[i + 1];
    if (next && next.loss !== null && !walk.turnedAt?.includes(i)) {
      const dx = next.x - walk.footprints[i]!.x, dy = next.y - walk.footprints[i]!.y;
      if (felt[0] * dx + felt[1] * dy < 0 && t.grad[0] * dx + t.grad[1] * dy > 0) uphill++;
    }
  }
  if (angles.length === 0) return null;
  return { batch, meanAngle: angles.reduce((s, a) => s + a, 0) / angles.length, uphill };
}

// The debrief: names what happened on each path (the seed's lessons: overshoot and divergence,
// a crawl, a stall near a saddle or on a plateau, the valley found) and draws class-wide notes
// from everybody's paths. Pure: paths in, verdicts and sentences out.
import type { DebriefNote } from "../protocol/server";
import type { Footprint, GhostKind, Outcome } from "../protocol/common";
import type { Extent } from "../landscape/types";
import { progress } from "./score";

/** A finished path as the debrief sees it. */
export interface DebriefPath {
  playerId: string;
  nickname: string;
  ghost: GhostKind | null;
  footprints: Footprint[];
  lrs: number[];
  diverged: boolean;
  /** Full-batch loss at the start and at the end (null if diverged). */
  startLoss: number;
  finalLoss: number | null;
}

/** What the debrief needs to know about the landscape. */
export interface DebriefLandscape {
  extent: Extent;
  minLoss: number;
  suggestedLr: number;
}

/** A path is "in the valley" when it closed 90 % of the gap from start to the lowest altitude. */
export const VALLEY_PROGRESS = 0.9;

/** Whether a walker at `loss` is in the valley (the projector, a race's finish and the debrief agree on it). */
export function reachedValley(startLoss: number, loss: number, minLoss: number): boolean {
  return progress(startLoss, loss, minLoss) >= VALLEY_PROGRESS;
}

/** Mean step length, in slice units. */
export function meanStep(f: Footprint[]): number {
  if (f.length < 2) return 0;
  let sum = 0;
  for (let i = 1; i < f.length; i++) {
    const a = f[i - 1]!, b = f[i]!;
    sum += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return sum / (f.length - 1);
}

/** The steepest slope felt along a path, and the flattest after the start. */
function slopeRange(f: Footprint[]): { max: number; minAfterStart: number; last: number } {
  let max = 0, min = Infinity;
  f.forEach((p, i) => {
    const s = Math.hypot(p.grad[0], p.grad[1]);
    if (p.loss === null) return;
    max = Math.max(max, s);
    if (i > 0) min = Math.min(min, s);
  });
  const lastFinite = [...f].reverse().find((p) => p.loss !== null);
  const last = lastFinite ? Math.hypot(lastFinite.grad[0], lastFinite.grad[1]) : 0;
  return { max, minAfterStart: min, last };
}

/** The median of an array of numbers (0 for none). */
function median(v: number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * One path's verdict. Diverged beats everything; then the valley; then a stall (the slope
 * faded to a tenth of its peak without reaching the valley: a plateau or a saddle); then a
 * crawl (steps far smaller than a sensible learning rate would take); else "descended".
 */
export function classifyPath(p: DebriefPath, land: DebriefLandscape): Outcome {
  if (p.diverged || p.finalLoss === null) return "diverged";
  if (p.footprints.length < 2) return "idle";
  if (reachedValley(p.startLoss, p.finalLoss, land.minLoss)) return "valley";
  const slopes = slopeRange(p.footprints);
  if (slopes.max > 0 && slopes.last < 0.1 * slopes.max) return "stalled";
  if (median(p.lrs) < land.suggestedLr / 4) return "crawled";
  return "descended";
}

/** The single biggest uphill jump along a path (an overshoot), if any. */
export function biggestOvershoot(f: Footprint[]): { step: number; from: number; to: number } | null {
  let best: { step: number; from: number; to: number } | null = null;
  for (let i = 1; i < f.length; i++) {
    const a = f[i - 1]!.loss, b = f[i]!.loss;
    if (a === null || b === null || b <= a) continue;
    if (!best || b - a > best.to - best.from) best = { step: i, from: a, to: b };
  }
  return best;
}

/** Formats a loss for a sentence. */
export function fmtLoss(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

/** Notes for a set of finished paths (a solo round is the player plus a ghost). */
export function debriefNotes(paths: DebriefPath[], land: DebriefLandscape): DebriefNote[] {
  const notes: DebriefNote[] = [];
  const people = paths.filter((p) => p.ghost === null);
  const verdicts = new Map(paths.map((p) => [p.playerId, classifyPath(p, land)]));
  const you = people.length === 1 ? people[0] : undefined;
  const name = (p: DebriefPath) => (you && p === you ? "You" : p.nickname);

  const ended = people.filter((p) => p.finalLoss !== null && p.footprints.length > 1);
  if (ended.length) {
    const gains = ended.map((p) => Math.max(0, progress(p.startLoss, p.finalLoss!, land.minLoss)));
    const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
    const steps = Math.round(ended.reduce((a, p) => a + p.footprints.length - 1, 0) / ended.length);
    notes.push({ kind: "summary", playerId: you?.playerId ?? null,
      text: you
        ? `You closed ${(100 * mean).toFixed(0)} % of the way from the start down to the lowest point of the map, in ${steps} step${steps === 1 ? "" : "s"}.`
        : `${ended.length} walker${ended.length === 1 ? "" : "s"} closed on average ${(100 * mean).toFixed(0)} % of the way from the start down to the lowest point of the map, in about ${steps} step${steps === 1 ? "" : "s"} each.` });
  }
  const diverged = people.filter((p) => verdicts.get(p.playerId) === "diverged");
  if (diverged.length) {
    const who = diverged.length === 1 ? `${name(diverged[0]!)} ran` : `${diverged.length} walkers ran`;
    notes.push({ kind: "diverged", playerId: diverged[0]!.playerId,
      text: `${who} off the map: steps too big fly over the valley and the loss explodes. That is what "training diverged" means.` });
  }
  const overs = people
    .map((p) => ({ p, o: biggestOvershoot(p.footprints) }))
    .filter((x): x is { p: DebriefPath; o: NonNullable<ReturnType<typeof biggestOvershoot>> } => x.o !== null)
    .sort((a, b) => (b.o.to - b.o.from) - (a.o.to - a.o.from));
  const top = overs[0];
  if (top && top.o.to - top.o.from > 0.02 * Math.max(1e-9, top.p.startLoss - land.minLoss)) {
    notes.push({ kind: "overshoot", playerId: top.p.playerId,
      text: `Biggest overshoot: ${name(top.p)} on step ${top.o.step}, the loss jumped from ${fmtLoss(top.o.from)} to ${fmtLoss(top.o.to)}. The step landed on the far side of the valley.` });
  }
  const crawlers = people.filter((p) => verdicts.get(p.playerId) === "crawled").sort((a, b) => meanStep(a.footprints) - meanStep(b.footprints));
  if (crawlers[0]) {
    notes.push({ kind: "crawl", playerId: crawlers[0].playerId,
      text: `Slowest crawl: ${name(crawlers[0])}, with a typical step size of ${median(crawlers[0].lrs).toPrecision(2)} (about ${(land.suggestedLr / Math.max(1e-12, median(crawlers[0].lrs))).toFixed(0)}× smaller than a sensible one). Safe, but the budget ran out long before the valley.` });
  }
  const stalled = people.filter((p) => verdicts.get(p.playerId) === "stalled");
  if (stalled[0]) {
    notes.push({ kind: "saddle", playerId: stalled[0].playerId,
      text: `${name(stalled[0])} stalled where the ground went flat: the slope faded to almost nothing. That is a plateau or a saddle, not the bottom; a bigger step would have kept going.` });
  }
  // Only paths that reached a valley count: stopping halfway down a slope is not a minimum.
  const valleys = distinctValleys(people.filter((p) => verdicts.get(p.playerId) === "valley"), land);
  if (valleys.length >= 2) {
    notes.push({ kind: "valleys", playerId: null,
      text: `Walkers ended in ${valleys.length} different low spots, with losses ${valleys.map((v) => fmtLoss(v)).join(", ")}. Different valleys, nearly as good as each other: local minima are mostly fine.` });
  }
  const reached = people.filter((p) => verdicts.get(p.playerId) === "valley");
  if (reached.length) {
    const best = [...reached].sort((a, b) => a.footprints.length - b.footprints.length)[0]!;
    notes.push({ kind: "valley", playerId: best.playerId,
      text: reached.length === 1 && you
        ? `${name(best)} reached the valley in ${best.footprints.length - 1} steps.`
        : `${reached.length} walker${reached.length > 1 ? "s" : ""} reached the valley; the fastest, ${best.nickname}, in ${best.footprints.length - 1} steps.` });
  }
  for (const g of paths.filter((p) => p.ghost !== null)) {
    const final = g.finalLoss === null ? "ran off the map" : `ended at loss ${fmtLoss(g.finalLoss)}`;
    notes.push({ kind: "ghost", playerId: g.playerId,
      text: `${g.nickname} (${g.ghost === "gd" ? "plain gradient descent" : g.ghost}, step size ${(g.lrs[0] ?? 0).toPrecision(2)}) ${final} after ${g.footprints.length - 1} steps from the same start.` });
  }
  return notes;
}

/** Final losses of the distinct places where paths ended (clustered by 15 % of the map's size). */
export function distinctValleys(paths: DebriefPath[], land: DebriefLandscape): number[] {
  const radius = 0.15 * Math.hypot(land.extent.x[1] - land.extent.x[0], land.extent.y[1] - land.extent.y[0]);
  const centres: { x: number; y: number; loss: number }[] = [];
  for (const p of paths) {
    const end = p.footprints[p.footprints.length - 1];
    if (!end || p.finalLoss === null) continue;
    const near = centres.find((c) => Math.hypot(c.x - end.x, c.y - end.y) < radius);
    if (near) near.loss = Math.min(near.loss, p.finalLoss);
    else centres.push({ x: end.x, y: end.y, loss: p.finalLoss });
  }
  return centres.map((c) => c.loss).sort((a, b) => a - b);
}

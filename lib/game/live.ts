// What the projector says about each walker while a round runs, and a histogram of altitudes.
// Pure, and computed on the server: the same valley (altitude.ts) and crawl (analysis.ts) rules as
// the race's finish and the debrief, so the live panel and the reveal never disagree.
import { inValley, type AltitudeScale } from "./altitude";
import { isCrawl } from "./analysis";
import type { Walk } from "./walk";

/** A walker's state on the projector. */
export type LiveState = "waiting" | "walking" | "crawling" | "valley" | "left" | "diverged" | "done";

/** The walker's current true (full-batch) loss: measured, or what was felt in a full-batch round; null when unknown. */
export function currentTrueLoss(walk: Walk): number | null {
  return walk.truth[walk.truth.length - 1]?.loss ?? null;
}

/** A walk's state on the projector (undefined: the seat does not walk this round). */
export function liveState(walk: Walk | undefined, scale: AltitudeScale, suggestedLr: number): LiveState {
  if (!walk || walk.path.length < 2) return "waiting";
  if (walk.status === "diverged") return "diverged";
  if (walk.status === "left") return "left";
  if (inValley(scale, currentTrueLoss(walk))) return "valley";
  if (isCrawl(walk.lrs, suggestedLr, walk.betas)) return "crawling";
  return walk.status === "walking" ? "walking" : "done";
}

/** Counts of current altitudes in `bins` log-spaced bins between the map's lowest and the start. */
export function altitudeHistogram(losses: number[], minLoss: number, startLoss: number, bins: number): { edges: number[]; counts: number[] } {
  const lo = Math.max(1e-9, minLoss), hi = Math.max(lo * 1.0001, startLoss);
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo * Math.pow(hi / lo, i / bins));
  const counts = new Array<number>(bins).fill(0);
  for (const l of losses) {
    if (!Number.isFinite(l)) continue;
    const t = Math.log(Math.max(lo, l) / lo) / Math.log(hi / lo);
    counts[Math.min(bins - 1, Math.max(0, Math.floor(t * bins)))]! += 1;
  }
  return { edges, counts };
}

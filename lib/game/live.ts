// What the projector says about each walker while a class round runs: who has diverged, who is
// crawling, who has reached the valley, and a histogram of altitudes. Pure.
import type { Footprint } from "../protocol/common";
import { meanStep, reachedValley } from "./debrief";

export type LiveState = "valley" | "diverged" | "crawling" | "walking" | "waiting";

/** A path's state on the projector. Crawling: three or more steps averaging under 1 % of the map's width. */
export function liveState(path: Footprint[], startLoss: number, minLoss: number, mapWidth: number): LiveState {
  const last = path[path.length - 1];
  if (!last || path.length < 2) return "waiting";
  if (last.loss === null) return "diverged";
  if (reachedValley(startLoss, last.loss, minLoss)) return "valley";
  if (path.length >= 4 && meanStep(path) < 0.01 * mapWidth) return "crawling";
  return "walking";
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

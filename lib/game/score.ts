// Scoring: how far below chance the walk ended, on the landscape's log scale (altitude.ts): 1000 at
// the map's lowest point, 0 at or above chance. It is a function of the final full-batch loss
// alone, so a walk that ends lower never scores less, and stopping early never beats walking on to
// a lower place; the budget makes speed matter by itself (a crawler ends higher). Starts lie above
// chance, so standing still is worth nothing; a walk that took no step, left the map or diverged
// scores 0: points are earned only by walking, and a blown-up network is worth nothing.
import { learnedScore, type AltitudeScale } from "./altitude";

/** Highest possible score. */
export const MAX_SCORE = 1000;

/** The inputs of a score. */
export interface ScoreInput {
  scale: AltitudeScale;
  /** Full-batch loss where the walk ended; null if it left the map or diverged. */
  finalLoss: number | null;
  steps: number;
}

/** 0..1000: MAX_SCORE·learnedScore(final loss); 0 for no step or no finite final loss. */
export function scoreWalk(s: ScoreInput): number {
  if (s.steps < 1 || s.finalLoss === null || !Number.isFinite(s.finalLoss)) return 0;
  return Math.round(MAX_SCORE * learnedScore(s.scale, s.finalLoss));
}

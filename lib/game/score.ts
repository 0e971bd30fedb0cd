// Scoring: how far down the walker got, relative to where it started and to the landscape's
// lowest altitude, with fewer steps better. Losses here are always full-batch (the true
// altitude), even when the walker felt noisy minibatch slopes.

/** Highest possible score. */
export const MAX_SCORE = 1000;

/** The inputs of a score. */
export interface ScoreInput {
  startLoss: number;
  /** Full-batch loss where the walk ended; null if it diverged. */
  finalLoss: number | null;
  minLoss: number;
  steps: number;
  budget: number;
  diverged: boolean;
}

/** Fraction of the way from the start altitude down to the lowest altitude, clamped to [0, 1]. */
export function progress(startLoss: number, finalLoss: number, minLoss: number): number {
  const drop = startLoss - minLoss;
  if (!(drop > 0)) return 0;
  return Math.min(1, Math.max(0, (startLoss - finalLoss) / drop));
}

/**
 * 0..1000. A diverged walk scores 0 (the loss exploded: nothing to ship). Otherwise 1000 ×
 * progress × (1 − 0.3 × steps/budget): reaching the valley in a third of the budget beats
 * reaching it on the last step, but never beats getting lower.
 */
export function scoreWalk(s: ScoreInput): number {
  if (s.diverged || s.finalLoss === null || !Number.isFinite(s.finalLoss)) return 0;
  const p = progress(s.startLoss, s.finalLoss, s.minLoss);
  const efficiency = 1 - 0.3 * Math.min(1, s.steps / Math.max(1, s.budget));
  return Math.round(MAX_SCORE * p * efficiency);
}

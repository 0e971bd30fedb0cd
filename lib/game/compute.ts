// Compute pricing: a round's budget in passes over the dataset, where a step costs the samples it
// reads. Pure; the server derives a round's step budget with it and the page shows the same.
import { MAX_BUDGET, MIN_BUDGET } from "../protocol/common";

/** Samples a step reads: its batch, or the whole dataset (batch 0). */
export function samplesPerStep(batch: number, samples: number): number {
  return batch > 0 ? Math.min(batch, samples) : samples;
}

/** The steps a compute budget buys: passes × N / b, within the step budget's limits. */
export function computeSteps(passes: number, batch: number, samples: number): number {
  return Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, Math.floor((passes * samples) / samplesPerStep(batch, samples))));
}

/** The passes over the data `steps` steps read. */
export function passesRead(steps: number, batch: number, samples: number): number {
  return (steps * samplesPerStep(batch, samples)) / samples;
}

/**
 * What one slope costs by backprop, in forward passes: the forward pass, and a backward pass of
 * about twice its work, whatever the number of weights (the usual rule of thumb).
 */
export const BACKPROP_PASSES = 3;

/** What one slope costs by finite differences in n weights: the altitude and one pass per weight. */
export function finiteDifferencePasses(weights: number): number {
  return weights + 1;
}

/**
 * A ghost's budget in a round whose walkers pay in forward passes (no backprop): the ghost has
 * backprop, so the same compute buys it a third as many steps. Other rounds: the round's budget.
 */
export function ghostBudget(budget: number, slope: "backprop" | "probe" | undefined): number {
  return slope === "probe" ? Math.max(1, Math.floor(budget / BACKPROP_PASSES)) : budget;
}

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

// Seeds derived from a round's seed: the start point and each step's minibatch. Every walker in a
// room, ghosts included, meets the same minibatch at the same step number, so a race is fair.
import { mixSeed } from "../../lib/landscape/prng";

/** The minibatch options for a step (undefined batch = full batch). */
export function batchOpts(batch: number, roundSeed: number, step: number): { batch?: number; seed?: number } {
  return batch > 0 ? { batch, seed: mixSeed(roundSeed, step) } : {};
}

/** A ghost's minibatch options: it draws step k's batch with mixSeed(roundSeed, k), as batchOpts does. */
export function ghostBatchOpts(batch: number, roundSeed: number): { batch?: number; seed?: number } {
  return batch > 0 ? { batch, seed: roundSeed } : {};
}

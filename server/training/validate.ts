// Argument checks of the training core, done on the main thread before any task is queued: a bad
// request throws a LandscapeError with a human sentence and never reaches a worker or the cache.
import { LandscapeError, type Extent, type LandscapeInfo } from "../../lib/landscape/index";

/** Largest reveal grid side the core computes (1024² points is about a million evaluations). */
export const MAX_GRID_SIZE = 1024;

/** Most steps a ghost may take in one request. */
export const MAX_GHOST_STEPS = 10_000;

/** Whether (x, y) lies in the extent, edges included (the game's own rule, lib/game/walk.ts). */
export function inExtent(extent: Extent, x: number, y: number): boolean {
  return x >= extent.x[0] && x <= extent.x[1] && y >= extent.y[0] && y <= extent.y[1];
}

/** Throws bad_coordinates unless x, y are finite (and inside the extent unless allowOutside). */
export function checkPoint(info: LandscapeInfo, x: unknown, y: unknown, allowOutside = false): asserts x is number {
  if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new LandscapeError("bad_coordinates", `The point (${String(x)}, ${String(y)}) is not a pair of finite numbers.`);
  }
  if (!allowOutside && !inExtent(info.extent, x, y)) {
    const { x: [x0, x1], y: [y0, y1] } = info.extent;
    throw new LandscapeError("bad_coordinates", `The point (${x}, ${y}) is off the map of "${info.id}", which spans x ${x0}..${x1} and y ${y0}..${y1}.`);
  }
}

/** Throws bad_batch unless batch is absent or a whole number from 1 to the dataset's size. */
export function checkBatch(info: LandscapeInfo, batch: unknown): void {
  if (batch === undefined) return;
  const n = info.dataset.samples;
  if (typeof batch !== "number" || !Number.isInteger(batch) || batch < 1 || batch > n) {
    throw new LandscapeError("bad_batch", `A minibatch of "${info.id}" must hold a whole number of samples from 1 to ${n}, not ${String(batch)}.`);
  }
}

/** Throws bad_argument unless seed is absent or a finite number. */
export function checkSeed(seed: unknown): void {
  if (seed !== undefined && (typeof seed !== "number" || !Number.isFinite(seed))) {
    throw new LandscapeError("bad_argument", `The minibatch seed must be a finite number, not ${String(seed)}.`);
  }
}

/** Throws bad_grid_size unless size is a whole number from 2 to MAX_GRID_SIZE. */
export function checkGridSize(size: unknown): asserts size is number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 2 || size > MAX_GRID_SIZE) {
    throw new LandscapeError("bad_grid_size", `A grid needs a whole number of points a side from 2 to ${MAX_GRID_SIZE}, not ${String(size)}.`);
  }
}

/** How a ghost walks, as callers give it (the extent comes from the landscape). */
export interface GhostRequest {
  optimizer: "gd" | "momentum" | "adam";
  lr: number;
  steps: number;
  batch?: number;
  seed?: number;
}

/** Throws the right LandscapeError for a malformed ghost request. */
export function checkGhost(info: LandscapeInfo, start: unknown, opts: GhostRequest): void {
  if (!Array.isArray(start) || start.length !== 2) throw new LandscapeError("bad_coordinates", "A ghost starts from a pair [x, y].");
  checkPoint(info, start[0], start[1]);
  if (!["gd", "momentum", "adam"].includes(opts.optimizer)) {
    throw new LandscapeError("bad_argument", `A ghost walks with gd, momentum or adam, not ${String(opts.optimizer)}.`);
  }
  if (typeof opts.lr !== "number" || !Number.isFinite(opts.lr) || !(opts.lr > 0)) {
    throw new LandscapeError("bad_argument", `A ghost needs a positive finite learning rate, not ${String(opts.lr)}.`);
  }
  if (typeof opts.steps !== "number" || !Number.isInteger(opts.steps) || opts.steps < 0 || opts.steps > MAX_GHOST_STEPS) {
    throw new LandscapeError("bad_argument", `A ghost takes a whole number of steps from 0 to ${MAX_GHOST_STEPS}, not ${String(opts.steps)}.`);
  }
  checkBatch(info, opts.batch);
  checkSeed(opts.seed);
}

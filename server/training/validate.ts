// Argument checks of the training core, done on the main thread before any task is queued: a bad
// request throws a LandscapeError with a human sentence and never reaches a worker or the cache.
// The generic checks (finite point, batch, seed, grid size) are lib/landscape's own; these add
// what only a catalog landscape knows: its extent, its dataset's size, a ghost's limits.
import { checkBatch as checkBatchOf, checkPoint as checkFinite, checkSeed, fieldOf, insideExtent, LandscapeError, type Extent, type GhostOptions, type LandscapeInfo } from "../../lib/landscape/index";

/** Most steps a ghost may take in one request. */
export const MAX_GHOST_STEPS = 10_000;

/**
 * Throws bad_coordinates unless x, y are finite and inside the landscape's field (its map plus the
 * margin a round's window may shift by; edges included).
 */
export function checkPoint(info: LandscapeInfo, x: unknown, y: unknown): asserts x is number {
  checkFinite(x, y);
  const field = fieldOf(info).extent;
  if (!insideExtent(field, x, y as number)) {
    const { x: [x0, x1], y: [y0, y1] } = field;
    throw new LandscapeError("bad_coordinates", `The point (${x}, ${String(y)}) is off the map of "${info.id}", which spans x ${x0}..${x1} and y ${y0}..${y1}.`);
  }
}

/** Throws bad_coordinates unless a window lies inside the landscape's field. */
function checkWindow(info: LandscapeInfo, w: Extent): void {
  const field = fieldOf(info).extent;
  const ok = [w.x[0], w.x[1], w.y[0], w.y[1]].every(Number.isFinite) && w.x[0] < w.x[1] && w.y[0] < w.y[1]
    && insideExtent(field, w.x[0], w.y[0]) && insideExtent(field, w.x[1], w.y[1]);
  if (!ok) throw new LandscapeError("bad_coordinates", `A ghost's window must lie inside the field of "${info.id}".`);
}

/** Throws bad_batch unless batch is absent or a whole number from 1 to the dataset's size. */
export function checkBatch(info: LandscapeInfo, batch: unknown): void {
  checkBatchOf(batch, info.dataset.samples, info.id);
}

/** How a ghost walks, as callers give it: the window it must stay in defaults to the landscape's map. */
export type GhostRequest = Omit<GhostOptions, "extent"> & { window?: Extent; lane?: "interactive" | "bulk" };

/** Throws the right LandscapeError for a malformed ghost request. */
export function checkGhost(info: LandscapeInfo, start: unknown, opts: GhostRequest): void {
  if (!Array.isArray(start) || start.length !== 2) throw new LandscapeError("bad_coordinates", "A ghost starts from a pair [x, y].");
  checkPoint(info, start[0], start[1]);
  if (opts.window) checkWindow(info, opts.window);
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

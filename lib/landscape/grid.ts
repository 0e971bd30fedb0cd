// The reveal map: the full-batch loss on a size×size lattice over the extent. The server splits
// the rows across workers with SliceEvaluator.gridRows and joins them with assembleGrid; computeGrid
// is the same thing on one thread.
import type { SliceEvaluator } from "./slice";
import type { Extent, LossGrid } from "./types";

/** Side of the standard reveal grid (the one finishLandscape reads the minimum from). */
export const GRID_STANDARD_SIZE = 128;

/**
 * The field a landscape is mapped over: its map widened on every side by `margin` cells of the
 * standard grid's spacing, margin = round(shift·(size − 1)/2), so that a round's window, shifted
 * by a whole number of cells up to the margin, is exactly a size×size crop of the field's lattice.
 */
export function fieldOf(info: { extent: Extent; shift: number }, size: number = GRID_STANDARD_SIZE): { size: number; extent: Extent; margin: number; spacing: number } {
  const { x: [x0, x1], y: [y0, y1] } = info.extent;
  const spacing = (x1 - x0) / (size - 1);
  const margin = Math.round((info.shift * (size - 1)) / 2);
  const pad = margin * spacing;
  return { size: size + 2 * margin, extent: { x: [x0 - pad, x1 + pad], y: [y0 - pad, y1 + pad] }, margin, spacing };
}

/** Largest grid side anyone may ask for (1024² points is about a million evaluations). */
export const MAX_GRID_SIZE = 1024;

/** Whether (x, y) lies in the extent, edges included (false for NaN): the map's one border rule. */
export function insideExtent(extent: Extent, x: number, y: number): boolean {
  return x >= extent.x[0] && x <= extent.x[1] && y >= extent.y[0] && y <= extent.y[1];
}

/** x_i (or y_j) of a grid of `size` points from lo to hi inclusive. */
export function gridCoordinate(lo: number, hi: number, size: number, i: number): number {
  return lo + (i * (hi - lo)) / (size - 1);
}

/** A LossGrid from its values: the lowest finite loss and where, and the highest finite loss. */
export function assembleGrid(values: Float32Array, size: number, extent: Extent): LossGrid {
  let best = -1;
  let max = -Infinity;
  for (let k = 0; k < size * size; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) continue;
    if (best < 0 || v < values[best]!) best = k;
    if (v > max) max = v;
  }
  const i = best < 0 ? (size - 1) / 2 : best % size;
  const j = best < 0 ? (size - 1) / 2 : Math.floor(best / size);
  return {
    size,
    extent,
    values,
    min: {
      x: gridCoordinate(extent.x[0], extent.x[1], size, i),
      y: gridCoordinate(extent.y[0], extent.y[1], size, j),
      loss: best < 0 ? Infinity : values[best]!,
    },
    max: best < 0 ? Infinity : max,
  };
}

/** The whole grid on this thread (tests, the CLI, small landscapes). */
export function computeGrid(evaluator: SliceEvaluator, size: number, extent: Extent): LossGrid {
  const values = new Float32Array(size * size);
  evaluator.gridRows(size, extent, 0, size, values);
  return assembleGrid(values, size, extent);
}

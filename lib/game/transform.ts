// Each round shows its own window on the landscape, turned: the window is shifted by a whole number
// of grid cells within the landscape's field (lib/landscape/grid.ts fieldOf), then turned by one of
// the eight symmetries of the square (quarter turns, with or without a mirror). Both come from the
// round's seed and are shared by everyone in the room. A map learned from one reveal then does not
// say where the valley is in the next round: turning alone would not do it, since four of the six
// landscapes are built around a trained minimum at the centre of their slice. Pure.
//
// Everything a player sends or receives is in the round's player coordinates p, always on the
// standard map [x0, x1] × [y0, y1] with centre c; the training core works in slice coordinates q.
// With s the window's shift and R the turn's 2×2 matrix (entries 0 and ±1, orthogonal):
//   p = c + R·(q − c − s),   q = c + s + Rᵀ·(p − c),   ∇_p L = R·∇_q L (the slope is a vector).
// Because the shift is whole cells and R maps the square lattice onto itself, the round's grid is a
// crop of the field grid with its cells permuted: no point is ever computed twice.
import { mixSeed } from "../landscape/prng";
import { assembleGrid } from "../landscape/grid";
import type { Extent, LossGrid } from "../landscape/types";

/** One of the eight symmetries of the square: index 0 is the identity. */
export type MapTurn = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A round's window on the landscape: its turn, its shift in whole cells, and the map it is shown as. */
export interface RoundMap {
  turn: MapTurn;
  /** Shift of the window in cells of the standard grid, each within ±margin. */
  cells: [number, number];
  /** The standard grid's spacing (slice units per cell). */
  spacing: number;
  /** The standard map: the player's extent, and the window's before its shift. */
  extent: Extent;
}

/** The matrix [a, b, c, d] = [[a, b], [c, d]] of a turn: k quarter turns counter-clockwise, after a mirror in x for 4..7. */
export function turnMatrix(t: MapTurn): [number, number, number, number] {
  const k = t & 3;
  const cos = [1, 0, -1, 0][k]!;
  const sin = [0, 1, 0, -1][k]!;
  const m = t >= 4 ? -1 : 1; // mirror x first: diag(−1, 1)
  return [cos * m, -sin, sin * m, cos];
}

/** The turn a mixed seed picks (any integer). */
export function turnOfSeed(mixed: number): MapTurn {
  return (((mixed % 8) + 8) % 8) as MapTurn;
}

/** The window a round's seed picks: its turn and its shift within ±margin cells. */
export function roundMapOf(seed: number, extent: Extent, margin: number, spacing: number): RoundMap {
  const cell = (k: number) => (((mixSeed(seed, k) % (2 * margin + 1)) + 2 * margin + 1) % (2 * margin + 1)) - margin;
  return { turn: turnOfSeed(mixSeed(seed, 2)), cells: margin > 0 ? [cell(3), cell(4)] : [0, 0], spacing, extent };
}

/** The map's centre. */
function centre(e: Extent): [number, number] {
  return [(e.x[0] + e.x[1]) / 2, (e.y[0] + e.y[1]) / 2];
}

/** The window's shift in slice units. */
export function shiftOf(m: RoundMap): [number, number] {
  return [m.cells[0] * m.spacing, m.cells[1] * m.spacing];
}

/** The window in slice coordinates: where on the landscape the round's map lies. */
export function windowOf(m: RoundMap): Extent {
  const [sx, sy] = shiftOf(m);
  return { x: [m.extent.x[0] + sx, m.extent.x[1] + sx], y: [m.extent.y[0] + sy, m.extent.y[1] + sy] };
}

/** Slice coordinates → the round's player coordinates. */
export function toPlayer(m: RoundMap, q: readonly [number, number]): [number, number] {
  const [a, b, c, d] = turnMatrix(m.turn);
  const [cx, cy] = centre(m.extent);
  const [sx, sy] = shiftOf(m);
  const u = q[0] - cx - sx, v = q[1] - cy - sy;
  return [cx + a * u + b * v, cy + c * u + d * v];
}

/** The round's player coordinates → slice coordinates. */
export function toSlice(m: RoundMap, p: readonly [number, number]): [number, number] {
  const [a, b, c, d] = turnMatrix(m.turn);
  const [cx, cy] = centre(m.extent);
  const [sx, sy] = shiftOf(m);
  const u = p[0] - cx, v = p[1] - cy;
  return [cx + sx + a * u + c * v, cy + sy + b * u + d * v]; // Rᵀ
}

/** A slope felt in slice coordinates, as the player feels it: R·g. */
export function slopeToPlayer(t: MapTurn, g: readonly [number, number]): [number, number] {
  const [a, b, c, d] = turnMatrix(t);
  return [a * g[0] + b * g[1], c * g[0] + d * g[1]];
}

/** A direction in player coordinates as a slice direction: Rᵀ·u. */
export function directionToSlice(t: MapTurn, u: readonly [number, number]): [number, number] {
  const [a, b, c, d] = turnMatrix(t);
  return [a * u[0] + c * u[1], b * u[0] + d * u[1]];
}

/**
 * The round's grid in player coordinates: the window's size×size crop of the field grid (whose
 * lattice is the map's, widened by `margin` cells on every side), turned like the round. Its min
 * and max are the window's.
 */
export function roundGrid(m: RoundMap, field: Pick<LossGrid, "values" | "size">, margin: number): LossGrid {
  const size = field.size - 2 * margin;
  const [a, b, c, d] = turnMatrix(m.turn);
  const out = new Float32Array(size * size);
  const h = size - 1; // twice the centre index, so index arithmetic stays in integers
  const i0 = margin + m.cells[0], j0 = margin + m.cells[1];
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const u = 2 * i - h, v = 2 * j - h; // player offsets from the centre, in half cells
      const su = (a * u + c * v + h) / 2, sv = (b * u + d * v + h) / 2; // Rᵀ, back to cell indices
      out[j * size + i] = field.values[(j0 + sv) * field.size + i0 + su]!;
    }
  }
  return assembleGrid(out, size, { x: [m.extent.x[0], m.extent.x[1]], y: [m.extent.y[0], m.extent.y[1]] });
}

/** A start must stand at least this many times chance high (a real walk; standing still scores 0). */
export const START_ABOVE_CHANCE = 1.5;

/**
 * Which of the landscape's listed starts a round uses, given their true losses in the round's
 * window: the first, in an order the seed rotates, that stands at least START_ABOVE_CHANCE × chance
 * high (a shifted window can bring the valley close to a listed start), else the highest.
 */
export function pickStart(seedIndex: number, losses: readonly number[], chance: number): number {
  const n = losses.length;
  for (let k = 0; k < n; k++) {
    const i = (seedIndex + k) % n;
    if (losses[i]! >= START_ABOVE_CHANCE * chance) return i;
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (losses[i]! > losses[best]!) best = i;
  return best;
}

// Turning the map: a fresh 2-D slice through the point where the walker stands. The map is only two
// of the network's many directions (Li et al. 2018 draw them at random), so a dead end of one slice
// (a ridge across the way, a flat shelf) may open up along another. Turning at slice point
// (x, y) with heading h (a direction in slice coordinates):
//   θ0' = θ0 + x·δ1 + y·δ2                          the same weights: the walker stands at (0, 0)
//   δ1' = (h_x·δ1 + h_y·δ2) / |h|                   the heading is kept as the new x axis
//   δ2' = a fresh filter-normalised direction at θ0', orthogonal to the old plane (so it is new),
//         rescaled to |δ1'| (one unit means as much along both axes)
// Deterministic in the turn's seed, so a room's log replays it exactly. Pure.
import { filterNormalizedDirection, orthogonalizeAgainst } from "./directions";
import { Rng } from "./prng";
import { norm, slicePoint } from "./vec";
import { LandscapeError, type MlpSpec, type Slice } from "./types";

/** One turn of the map: where (slice coordinates of the slice turned), which heading is kept, and the seed of the fresh direction. */
export interface TurnSpec {
  at: [number, number];
  heading: [number, number];
  seed: number;
}

/** The slice after one turn of `from` (see the file's comment). */
export function turnSlice(spec: MlpSpec, from: Pick<Slice, "center" | "d1" | "d2">, turn: TurnSpec): Pick<Slice, "center" | "d1" | "d2"> {
  const [x, y] = turn.at;
  const [hx, hy] = turn.heading;
  const hn = Math.hypot(hx, hy);
  if (![x, y, hx, hy, turn.seed].every(Number.isFinite) || hn === 0) {
    throw new LandscapeError("bad_argument", "A turn needs a finite point, a non-zero heading and a finite seed.");
  }
  const { center, d1, d2 } = from;
  const P = center.length;
  const c = slicePoint(center, d1, d2, x, y);
  const a = new Float64Array(P);
  const e = new Float64Array(P); // the old plane's other direction, across the heading
  for (let i = 0; i < P; i++) {
    a[i] = (hx * d1[i]! + hy * d2[i]!) / hn;
    e[i] = (-hy * d1[i]! + hx * d2[i]!) / hn;
  }
  orthogonalizeAgainst(e, a);
  const b = filterNormalizedDirection(spec, c, new Rng(turn.seed));
  orthogonalizeAgainst(b, a);
  orthogonalizeAgainst(b, e);
  const na = norm(a), nb = norm(b);
  if (!(na > 0) || !(nb > 0)) throw new LandscapeError("bad_argument", "This slice has no direction to turn along.");
  const s = na / nb;
  for (let i = 0; i < P; i++) b[i] = b[i]! * s;
  return { center: c, d1: a, d2: b };
}

/** The slice after a chain of turns from a base slice (none: the base itself). */
export function turnedSlice(base: Slice, turns: readonly TurnSpec[]): Slice {
  let s: Pick<Slice, "center" | "d1" | "d2"> = base;
  for (const t of turns) s = turnSlice(base.spec, s, t);
  return { spec: base.spec, center: s.center, d1: s.d1, d2: s.d2 };
}

/** A key naming a chain of turns exactly (the worker's cache and the probe batcher group by it). */
export function turnsKey(turns: readonly TurnSpec[]): string {
  return turns.map((t) => `${t.at[0]},${t.at[1]},${t.heading[0]},${t.heading[1]},${t.seed}`).join(";");
}

// Reading the shape of the ground where a walker stalled, from the true (full-batch) loss on a ring
// of eight points around it, a step-sized radius away. Pure: the server measures the ring, this
// names what it is.
//
// Why a ring and not the Hessian: the landscapes' stalls are rarely quadratic. The Saddle's
// centre is flat along one axis and only falls away (to one side) a step away; the Hessian there
// has eigenvalues −0.035 and +17, which reads as "flat" or "a valley floor" depending on a
// threshold. On the ring the way down shows. Each ring value is split into the slope's share
// r·⟨∇L, u⟩ (first order, known exactly from the gradient) and the rest, the curvature's share:
//   - the rest negative somewhere and positive elsewhere: a saddle (curving up one way, down another);
//   - the rest ≥ 0 all round (convex): a minimum when nothing around is lower, else the floor of a
//     valley or ravine sloping gently along it;
//   - the slope's share larger than the curvature's: an ordinary slope (the stall was the steps' fault);
//   - everything within the tolerance: a plateau.
import { valleyTolerance, type AltitudeScale } from "./altitude";
import type { Extent } from "../landscape/types";

/** Compass directions in player coordinates (east = +x, north = +y), counter-clockwise from east. */
export const COMPASS = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"] as const;
/** A compass direction. */
export type Compass = (typeof COMPASS)[number];

/** The ring's radius as a share of the map's width: about one sensible step. */
export const RING_SHARE = 0.06;
/** Altitude differences below this share of the valley's tolerance count as level. */
export const LEVEL_SHARE = 0.1;

/** What the ground is like at a point. */
export type Shape = "minimum" | "saddle" | "floor" | "plateau" | "slope" | "peak";

/** A reading of the ground: its shape, which ways it rises and falls (by a tolerance), and the steepest of each. */
export interface ShapeReading {
  shape: Shape;
  rises: Compass[];
  falls: Compass[];
  /** The direction of the highest ring point, and of the lowest (null when level that way). */
  steepestRise: Compass | null;
  steepestFall: Compass | null;
}

/** The ring's radius on a map. */
export function ringRadius(extent: Extent): number {
  return RING_SHARE * Math.min(extent.x[1] - extent.x[0], extent.y[1] - extent.y[0]);
}

/** The eight ring points around (x, y), in COMPASS order. */
export function ringPoints(x: number, y: number, r: number): [number, number][] {
  return COMPASS.map((_, k) => {
    const a = (k * Math.PI) / 4;
    return [x + r * Math.cos(a), y + r * Math.sin(a)];
  });
}

/**
 * Names the ground at a point from its true loss l0 and slope g there and the true losses on the
 * ring of radius r (COMPASS order). Non-finite ring values count as very high ground.
 */
export function readShape(scale: AltitudeScale, l0: number, g: readonly [number, number], ring: readonly number[], r: number): ShapeReading {
  const level = LEVEL_SHARE * valleyTolerance(scale);
  const rises: Compass[] = [];
  const falls: Compass[] = [];
  let curvUp = 0, curvDown = 0, slopeShare = 0;
  let hi = 0, lo = 0, hiAt = -1, loAt = -1;
  ring.forEach((raw, k) => {
    const l = Number.isFinite(raw) ? raw : Number.MAX_VALUE;
    const a = (k * Math.PI) / 4;
    const lin = r * (g[0] * Math.cos(a) + g[1] * Math.sin(a));
    const curv = l - l0 - lin;
    curvUp = Math.max(curvUp, curv);
    curvDown = Math.max(curvDown, -curv);
    slopeShare = Math.max(slopeShare, Math.abs(lin));
    if (l - l0 > level) rises.push(COMPASS[k]!);
    else if (l - l0 < -level) falls.push(COMPASS[k]!);
    if (l - l0 > hi) [hi, hiAt] = [l - l0, k];
    if (l - l0 < lo) [lo, loAt] = [l - l0, k];
  });
  const curvature = Math.max(curvUp, curvDown);
  let shape: Shape;
  if (curvature <= level && slopeShare <= level) shape = "plateau";
  else if (slopeShare > curvature) shape = "slope";
  else if (curvDown > level && curvUp > level) shape = "saddle";
  else if (curvDown > level) shape = "peak";
  else shape = falls.length === 0 ? "minimum" : "floor";
  return {
    shape, rises, falls,
    steepestRise: hi > level ? COMPASS[hiAt]! : null,
    steepestFall: lo < -level ? COMPASS[loAt]! : null,
  };
}

/** The opposite compass direction. */
export function opposite(c: Compass): Compass {
  return COMPASS[(COMPASS.indexOf(c) + 4) % 8]!;
}

/** "north and south", "north, east and west": a list of directions for a sentence. */
export function compassList(dirs: readonly Compass[]): string {
  if (dirs.length <= 1) return dirs[0] ?? "";
  return `${dirs.slice(0, -1).join(", ")} and ${dirs[dirs.length - 1]}`;
}

/** The compass direction closest to a vector (player coordinates). */
export function compassOf(v: readonly [number, number]): Compass {
  const k = Math.round(Math.atan2(v[1], v[0]) / (Math.PI / 4));
  return COMPASS[((k % 8) + 8) % 8]!;
}

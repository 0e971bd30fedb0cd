// Where the map sits on the canvas and how map units become pixels: one square frame, centred,
// whatever the canvas's shape, so a map is never stretched.
import type { Footprint } from "@/lib/protocol/common";

/** A map's extent in its own units. */
export interface Extent { x: [number, number]; y: [number, number] }

/** The square the map is drawn in, in CSS pixels. */
export interface Frame { ox: number; oy: number; size: number }

/** Room left around the map for the frame's line and edge labels, px. */
const PAD = 14;

/** The largest centred square that fits the canvas. */
export function frameOf(width: number, height: number): Frame {
  const size = Math.max(50, Math.min(width, height) - 2 * PAD);
  return { ox: (width - size) / 2, oy: (height - size) / 2, size };
}

/** Map units → canvas pixels (y grows upwards on the map, downwards on the screen). */
export interface Projection { sx(x: number): number; sy(y: number): number }

/** The projection of an extent onto a frame. */
export function projection(f: Frame, e: Extent): Projection {
  const [x0, x1] = e.x, [y0, y1] = e.y;
  return {
    sx: (x) => f.ox + ((x - x0) / (x1 - x0)) * f.size,
    sy: (y) => f.oy + (1 - (y - y0) / (y1 - y0)) * f.size,
  };
}

/** Canvas pixels → map units (the inverse of `projection`). */
export function toMap(f: Frame, e: Extent, px: number, py: number): [number, number] {
  return [e.x[0] + ((px - f.ox) / f.size) * (e.x[1] - e.x[0]), e.y[0] + (1 - (py - f.oy) / f.size) * (e.y[1] - e.y[0])];
}

/** Where a path's label goes, in map units: its end, or if that is off the map, where the path last leaves the map. */
export function labelAnchor(fps: readonly Footprint[], e: Extent): { x: number; y: number } {
  const inside = (q: Footprint) => q.x >= e.x[0] && q.x <= e.x[1] && q.y >= e.y[0] && q.y <= e.y[1];
  const end = fps[fps.length - 1]!;
  let k = fps.length - 1;
  while (k >= 0 && !inside(fps[k]!)) k--;
  if (k === fps.length - 1) return end;
  if (k < 0) return { x: Math.min(e.x[1], Math.max(e.x[0], end.x)), y: Math.min(e.y[1], Math.max(e.y[0], end.y)) };
  // The last step out: from a (on the map) towards b (off it), as far as the map's edge.
  const a = fps[k]!, b = fps[k + 1]!;
  let t = 1;
  if (b.x > e.x[1]) t = Math.min(t, (e.x[1] - a.x) / (b.x - a.x));
  if (b.x < e.x[0]) t = Math.min(t, (e.x[0] - a.x) / (b.x - a.x));
  if (b.y > e.y[1]) t = Math.min(t, (e.y[1] - a.y) / (b.y - a.y));
  if (b.y < e.y[0]) t = Math.min(t, (e.y[0] - a.y) / (b.y - a.y));
  return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
}

/** Whether two footprint lists draw the same (callers may rebuild equal lists on every render). */
export function sameFootprints(a: readonly Footprint[], b: readonly Footprint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameFootprint(a[i]!, b[i]!)) return false;
  return true;
}

/** Whether `longer` is `shorter` with footprints added at the end (a live path that grew). */
export function extendsFootprints(shorter: readonly Footprint[], longer: readonly Footprint[]): boolean {
  if (longer.length < shorter.length) return false;
  for (let i = 0; i < shorter.length; i++) if (!sameFootprint(shorter[i]!, longer[i]!)) return false;
  return true;
}

function sameFootprint(u: Footprint, v: Footprint): boolean {
  return u === v || (u.x === v.x && u.y === v.y && u.loss === v.loss && u.grad[0] === v.grad[0] && u.grad[1] === v.grad[1]);
}

// Contour lines of the revealed loss grid by marching squares: for each level, the line segments
// where the interpolated surface crosses it. Pure; coordinates are returned in grid units
// (column, row), which the renderer maps to the screen.

/** A segment [x1, y1, x2, y2] in grid units. */
export type Segment = [number, number, number, number];

/** Contour levels spaced on a log scale between the grid's lowest and highest finite values. */
export function contourLevels(values: Float32Array, count: number): number[] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo) || count < 1) return [];
  const floor = Math.max(1e-6, (hi - lo) * 1e-3);
  const levels: number[] = [];
  for (let i = 1; i <= count; i++) {
    const t = i / (count + 1);
    levels.push(lo + Math.exp(Math.log(floor) + t * (Math.log(hi - lo + floor) - Math.log(floor))) - floor);
  }
  return levels;
}

/** Segments of the level's contour over a size×size row-major grid (row = y index). */
export function contourSegments(values: Float32Array, size: number, level: number): Segment[] {
  const out: Segment[] = [];
  const at = (c: number, r: number) => values[r * size + c]!;
  const lerp = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r + 1 < size; r++) {
    for (let c = 0; c + 1 < size; c++) {
      const v0 = at(c, r), v1 = at(c + 1, r), v2 = at(c + 1, r + 1), v3 = at(c, r + 1);
      if (!Number.isFinite(v0) || !Number.isFinite(v1) || !Number.isFinite(v2) || !Number.isFinite(v3)) continue;
      const idx = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (idx === 0 || idx === 15) continue;
      // Crossing points on the four edges: bottom (0-1), right (1-2), top (3-2), left (0-3).
      const bottom = (): [number, number] => [c + lerp(v0, v1), r];
      const right = (): [number, number] => [c + 1, r + lerp(v1, v2)];
      const top = (): [number, number] => [c + lerp(v3, v2), r + 1];
      const left = (): [number, number] => [c, r + lerp(v0, v3)];
      const seg = (a: [number, number], b: [number, number]) => out.push([a[0], a[1], b[0], b[1]]);
      switch (idx) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(right(), top()); break;
        case 6: case 9: seg(bottom(), top()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: case 10: {
          // Saddle cell: resolve by the centre value.
          const centre = (v0 + v1 + v2 + v3) / 4;
          if ((centre > level) === (idx === 5)) { seg(left(), top()); seg(bottom(), right()); }
          else { seg(left(), bottom()); seg(right(), top()); }
          break;
        }
      }
    }
  }
  return out;
}

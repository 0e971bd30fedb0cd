// The reveal map as a PNG: log-scaled loss in viridis, with contour lines drawn where the colour
// crosses one of `levels` evenly spaced log-loss levels (the edges of iso-bands), and the grid's
// minimum marked with a ring. y grows upwards, as on the game's map.
import { PNG } from "pngjs";
import type { LossGrid } from "../../lib/landscape/index";
import { rampInto } from "../../lib/game/colormap";

/** Options of renderHeatmap. */
export interface HeatmapOptions {
  /** Image side in pixels is size × scale; default: enough for about 512 pixels. */
  scale?: number;
  /** Number of contour levels between the lowest and highest log-loss (0: none). */
  levels?: number;
  /** Marks the grid's minimum (default true). */
  markMinimum?: boolean;
}

/** Encodes the grid as a PNG image (RGBA). Non-finite losses are drawn dark red. */
export function renderHeatmap(grid: LossGrid, opts: HeatmapOptions = {}): Buffer {
  const { size, values } = grid;
  const scale = opts.scale ?? Math.max(1, Math.ceil(512 / size));
  const levels = opts.levels ?? 12;
  const side = size * scale;
  // Log scale: losses span decades between a valley floor and a cliff top.
  const logs = new Float64Array(size * size);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < logs.length; k++) {
    const v = values[k]!;
    const l = Number.isFinite(v) ? Math.log(Math.max(v, 1e-12)) : NaN;
    logs[k] = l;
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  const span = hi > lo ? hi - lo : 1;
  // t ∈ [0, 1] per pixel by bilinear interpolation of the log-loss; NaN where a corner is not finite.
  const t = new Float64Array(side * side);
  for (let py = 0; py < side; py++) {
    const gy = clamp((side - 1 - py + 0.5) / scale - 0.5, 0, size - 1); // row 0 of the image is the top (max y)
    const j0 = Math.min(size - 2, Math.floor(gy));
    const fy = gy - j0;
    for (let px = 0; px < side; px++) {
      const gx = clamp((px + 0.5) / scale - 0.5, 0, size - 1);
      const i0 = Math.min(size - 2, Math.floor(gx));
      const fx = gx - i0;
      const a = logs[j0 * size + i0]!;
      const b = logs[j0 * size + i0 + 1]!;
      const c = logs[(j0 + 1) * size + i0]!;
      const d = logs[(j0 + 1) * size + i0 + 1]!;
      const l = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
      t[py * side + px] = (l - lo) / span;
    }
  }
  const png = new PNG({ width: side, height: side });
  const band = (v: number) => (Number.isNaN(v) ? -1 : Math.min(levels - 1, Math.floor(v * levels)));
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const k = py * side + px;
      const at = 4 * k;
      const v = t[k]!;
      if (Number.isNaN(v)) {
        png.data[at] = 110;
        png.data[at + 1] = 0;
        png.data[at + 2] = 20;
      } else {
        rampInto(v, png.data, at);
        const edge = levels > 0 && ((px + 1 < side && band(t[k + 1]!) !== band(v)) || (py + 1 < side && band(t[k + side]!) !== band(v)));
        if (edge) for (let c = 0; c < 3; c++) png.data[at + c] = Math.round(png.data[at + c]! * 0.35);
      }
      png.data[at + 3] = 255;
    }
  }
  if (opts.markMinimum !== false && Number.isFinite(grid.min.loss)) markPoint(png, grid, grid.min.x, grid.min.y, scale);
  return PNG.sync.write(png);
}

/** A white ring with a dark outline around slice point (x, y). */
function markPoint(png: PNG, grid: LossGrid, x: number, y: number, scale: number): void {
  const side = png.width;
  const { x: [x0, x1], y: [y0, y1] } = grid.extent;
  const cx = ((x - x0) / (x1 - x0)) * (grid.size - 1) * scale + scale / 2;
  const cy = side - 1 - (((y - y0) / (y1 - y0)) * (grid.size - 1) * scale + scale / 2);
  const r = Math.max(4, side / 80);
  for (let py = Math.floor(cy - r - 3); py <= cy + r + 3; py++) {
    for (let px = Math.floor(cx - r - 3); px <= cx + r + 3; px++) {
      if (px < 0 || py < 0 || px >= side || py >= side) continue;
      const dist = Math.abs(Math.hypot(px - cx, py - cy) - r);
      const shade = dist < 1 ? 255 : dist < 2.2 ? 20 : -1;
      if (shade < 0) continue;
      const at = 4 * (py * side + px);
      png.data[at] = png.data[at + 1] = png.data[at + 2] = shade;
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

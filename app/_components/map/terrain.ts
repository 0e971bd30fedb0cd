// The revealed map as one cached texture: the heatmap, the contours, the two altitudes the game
// judges by (the valley's edge in cyan, chance in orange) and the lowest point. It is composed once
// per grid and canvas size; every later frame draws it as a single sprite.
import type { Graphics, Texture } from "pixi.js";
import { logT, rampInto } from "@/lib/game/colormap";
import { contourLevels, contourSegments } from "@/lib/game/contours";
import { altitudeT, valleyLevel } from "@/lib/game/altitude";
import { projection, type Frame } from "./geometry";
import type { DecodedGrid, MapSnapshot, Scene, TerrainData } from "./scene";

/** Colours of the two judged altitudes, shared with the legend: the valley's edge cyan, chance orange. */
export const VALLEY_LINE = 0x4cc9f0;
/** See VALLEY_LINE. */
export const CHANCE_LINE = 0xff9f1c;

/** Brings the terrain sprite up to date with the snapshot and frame; true if it changed. */
export function drawTerrain(s: Scene, p: MapSnapshot, f: Frame, width: number, height: number): boolean {
  const data = terrainData(s, p);
  const key = data ? `${width}x${height}@${s.app.renderer.resolution}` : "";
  if (data === s.terrainData && key === s.terrainKey) return false;
  if (data !== s.terrainData) {
    s.terrainData?.heat.destroy(true);
    s.terrainData = data;
  }
  s.terrainKey = key;
  s.terrainTex?.destroy(true);
  s.terrainTex = null;
  s.terrain.visible = !!data;
  if (!data) return true;

  const { pixi } = s;
  const layer = new pixi.Container();
  const heat = new pixi.Sprite(data.heat);
  heat.position.set(f.ox, f.oy);
  heat.width = f.size;
  heat.height = f.size;
  const lines = new pixi.Graphics();
  layer.addChild(heat, lines);
  const cell = f.size / (data.grid.size - 1);
  const segments = (segs: Float32Array) => {
    for (let k = 0; k < segs.length; k += 4) {
      lines.moveTo(f.ox + segs[k]! * cell, f.oy + f.size - segs[k + 1]! * cell).lineTo(f.ox + segs[k + 2]! * cell, f.oy + f.size - segs[k + 3]! * cell);
    }
  };
  segments(data.contours);
  lines.stroke({ width: 1, color: 0xffffff, alpha: 0.28 });
  segments(data.chance);
  lines.stroke({ width: 2, color: CHANCE_LINE, alpha: 0.85 });
  segments(data.valley);
  lines.stroke({ width: 2.5, color: VALLEY_LINE, alpha: 0.95 });
  const { sx, sy } = projection(f, p.extent);
  star(lines, sx(data.grid.min.x), sy(data.grid.min.y));
  lines.rect(f.ox, f.oy, f.size, f.size).stroke({ width: 2, color: 0xff5d6c, alpha: 0.5 });

  const tex = pixi.RenderTexture.create({ width, height, resolution: s.app.renderer.resolution, antialias: true });
  s.app.renderer.render({ container: layer, target: tex, clear: true, clearColor: [0, 0, 0, 0] });
  layer.destroy({ children: true });
  s.terrainTex = tex;
  s.terrain.texture = tex;
  return true;
}

/** The lowest point of the map. */
function star(g: Graphics, x: number, y: number): void {
  g.star(x, y, 5, 11, 5).fill({ color: 0xffffff }).stroke({ width: 2, color: 0x0b0f17 });
}

/** The per-grid data, recomputed only when the grid or its scale changes. */
function terrainData(s: Scene, p: MapSnapshot): TerrainData | null {
  const grid = p.grid, scale = p.scale ?? null;
  if (!grid) return null;
  const had = s.terrainData;
  if (had && had.grid === grid && had.scale === scale) return had;
  const [lo, hi] = p.range;
  return {
    grid, scale,
    heat: heatTexture(s.pixi, grid, scale ? (v) => altitudeT(scale, v) : (v) => logT(v, lo, hi)),
    contours: contourSegmentsOf(grid),
    valley: scale ? levelSegments(grid, valleyLevel(scale)) : new Float32Array(0),
    chance: scale ? levelSegments(grid, scale.chance) : new Float32Array(0),
  };
}

/** The contour of one level, flattened (x1, y1, x2, y2 in grid units). */
function levelSegments(g: DecodedGrid, level: number): Float32Array {
  return Float32Array.from(contourSegments(g.values, g.size, level).flat());
}

/** Every contour segment of the grid at 12 levels, flattened (x1, y1, x2, y2 in grid units). */
function contourSegmentsOf(g: DecodedGrid): Float32Array {
  const all: number[] = [];
  for (const level of contourLevels(g.values, 12)) {
    for (const seg of contourSegments(g.values, g.size, level)) all.push(seg[0], seg[1], seg[2], seg[3]);
  }
  return Float32Array.from(all);
}

function heatTexture(pixi: typeof import("./pixi"), g: DecodedGrid, tOf: (loss: number | null) => number): Texture {
  const canvas = document.createElement("canvas");
  canvas.width = g.size;
  canvas.height = g.size;
  const ctx = canvas.getContext("2d")!;
  const img = ctx.createImageData(g.size, g.size);
  for (let r = 0; r < g.size; r++) {
    for (let c = 0; c < g.size; c++) {
      const v = g.values[r * g.size + c]!;
      const o = ((g.size - 1 - r) * g.size + c) * 4; // row 0 is the bottom of the map
      rampInto(tOf(Number.isFinite(v) ? v : null), img.data, o);
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  const tex = pixi.Texture.from(canvas);
  tex.source.scaleMode = "linear";
  return tex;
}

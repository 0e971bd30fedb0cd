"use client";
// The landscape on a Pixi canvas. Before the reveal it is fog: darkness, the edge of the map, and
// only what was felt (footprints coloured by altitude, a soft glow where the ground is known, the
// slope arrow under the walker's feet and the planned step). After the reveal (or on the
// projector) the loss grid becomes a heatmap with contours, and every path is drawn on it.
import { useEffect, useRef } from "react";
import type { Application, Container, Graphics, Sprite, Text, Texture } from "pixi.js";
import type { Footprint } from "@/lib/protocol/common";
import { logT, rampColor, rampInto } from "@/lib/game/colormap";
import { contourLevels, contourSegments } from "@/lib/game/contours";
import { altitudeT, valleyLevel, type AltitudeScale } from "@/lib/game/altitude";

export interface Extent { x: [number, number]; y: [number, number] }

/** A decoded loss grid (row-major, row 0 at the bottom of the map). */
export interface DecodedGrid { size: number; values: Float32Array; min: { x: number; y: number; loss: number }; max: number }

/** Someone else's path (or, after the reveal, everyone's). */
export interface MapPath { id: string; label: string; color: number; footprints: Footprint[]; ghost?: boolean; highlight?: boolean }

export interface LandscapeViewProps {
  extent: Extent;
  grid: DecodedGrid | null;
  /** The landscape's altitude scale, with the grid: the heatmap is coloured on it, and the valley's edge and chance are drawn as lines. */
  scale?: AltitudeScale | null;
  paths: MapPath[];
  /** The player's own walk: footprints, where they aim and how long the planned step is (map units). */
  walker: { footprints: Footprint[]; aim: [number, number] | null; plannedLength: number | null } | null;
  /** Altitudes mapped to colours: [valley, high ground]. */
  range: [number, number];
  /** Pointer or touch drag sets the aim: a direction in map units from the walker. */
  onAim?: (dir: [number, number]) => void;
  caption?: string;
  label?: string;
}

interface Scene {
  app: Application;
  heat: Sprite;
  heatTex: Texture | null;
  heatFor: DecodedGrid | null;
  heatScale: AltitudeScale | null;
  /** The grid's contour segments (x1, y1, x2, y2 in grid units), computed once per grid. */
  contourSegs: Float32Array;
  /** The valley's edge and the chance level as contour segments (empty without a scale). */
  valleySegs: Float32Array;
  chanceSegs: Float32Array;
  contours: Graphics;
  fog: Graphics;
  paths: Graphics;
  walker: Graphics;
  labels: Container;
  /** Path labels by path id, kept and updated rather than rebuilt. */
  labelTexts: Map<string, Text>;
  /** What the layers were last drawn from: each layer is redrawn only when its inputs change. */
  drawn: { geometry: string; props: LandscapeViewProps } | null;
  pixi: typeof import("pixi.js");
}

const PAD = 14;

function frame(width: number, height: number) {
  const size = Math.max(50, Math.min(width, height) - 2 * PAD);
  return { ox: (width - size) / 2, oy: (height - size) / 2, size };
}

export function LandscapeView(props: LandscapeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const scene = useRef<Scene | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let cancelled = false;
    let made: Scene | null = null;
    (async () => {
      // Pixi compiles its uniform uploads with `new Function` unless its eval-free variant is
      // installed first; the page's Content-Security-Policy allows no eval.
      const [pixi] = await Promise.all([import("pixi.js"), import("pixi.js/unsafe-eval")]);
      const app = new pixi.Application();
      await app.init({ background: 0x05070c, resizeTo: host.current!, antialias: true, autoDensity: true, resolution: Math.min(2, window.devicePixelRatio || 1) });
      if (cancelled) {
        app.destroy(true, { children: true });
        return;
      }
      app.canvas.setAttribute("aria-hidden", "true");
      host.current!.appendChild(app.canvas);
      const heat = new pixi.Sprite();
      const contours = new pixi.Graphics();
      const fog = new pixi.Graphics();
      const paths = new pixi.Graphics();
      const walker = new pixi.Graphics();
      const labels = new pixi.Container();
      app.stage.addChild(heat, contours, fog, paths, walker, labels);
      made = { app, heat, heatTex: null, heatFor: null, heatScale: null, contourSegs: new Float32Array(0), valleySegs: new Float32Array(0), chanceSegs: new Float32Array(0), contours, fog, paths, walker, labels, labelTexts: new Map(), drawn: null, pixi };
      scene.current = made;
      app.renderer.on("resize", () => draw(made!, latest.current)); // the frame changes: draw() sees it
      draw(made, latest.current);
    })().catch((e) => console.error("canvas failed", e));
    return () => {
      cancelled = true;
      if (made) {
        made.heatTex?.destroy(true);
        made.app.destroy(true, { children: true });
      }
      scene.current = null;
    };
  }, []);

  useEffect(() => {
    if (scene.current) draw(scene.current, props);
  });

  // Pointer and touch: aim from the walker towards the pointer while a button or finger is down.
  function aimAt(e: React.PointerEvent<HTMLDivElement>) {
    const p = latest.current;
    const w = p.walker?.footprints.at(-1);
    if (!p.onAim || !w || !host.current) return;
    const rect = host.current.getBoundingClientRect();
    const f = frame(rect.width, rect.height);
    const mx = p.extent.x[0] + ((e.clientX - rect.left - f.ox) / f.size) * (p.extent.x[1] - p.extent.x[0]);
    const my = p.extent.y[0] + (1 - (e.clientY - rect.top - f.oy) / f.size) * (p.extent.y[1] - p.extent.y[0]);
    const dx = mx - w.x, dy = my - w.y;
    if (Math.hypot(dx, dy) > 1e-9) p.onAim([dx, dy]);
  }

  return (
    <div
      ref={host}
      className="stage"
      data-testid="landscape"
      role="img"
      aria-label={props.label ?? "The landscape"}
      onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); aimAt(e); }}
      onPointerMove={(e) => { if (e.buttons) aimAt(e); }}
    >
      {props.caption ? <div className="stage-caption">{props.caption}</div> : null}
    </div>
  );
}

function draw(s: Scene, p: LandscapeViewProps): void {
  const { width, height } = s.app.renderer.screen;
  const f = frame(width, height);
  const [x0, x1] = p.extent.x, [y0, y1] = p.extent.y;
  const sx = (x: number) => f.ox + ((x - x0) / (x1 - x0)) * f.size;
  const sy = (y: number) => f.oy + (1 - (y - y0) / (y1 - y0)) * f.size;
  const [lo, hi] = p.range;
  const colour = (loss: number | null) => rampColor(logT(loss, lo, hi));

  // Which layers need drawing: the parent re-renders often (the projector several times a
  // second), but each layer depends on only some of the props.
  const geometry = `${width} ${height} ${x0} ${x1} ${y0} ${y1}`;
  const was = s.drawn?.geometry === geometry ? s.drawn.props : null; // null: draw everything
  const gridChanged = !was || was.grid !== p.grid || was.scale !== p.scale;
  const rangeChanged = !was || was.range[0] !== lo || was.range[1] !== hi;
  const walkerFps = p.walker?.footprints ?? [];
  const walkerMoved = !was || !sameFootprints(was.walker?.footprints ?? [], walkerFps);
  const pathsChanged = !was || !samePaths(was.paths, p.paths);
  const aimChanged = !was || !sameAim(was.walker, p.walker);
  s.drawn = { geometry, props: p };

  // The revealed map: heatmap texture and contour segments, computed only when the grid changes.
  if (p.grid !== s.heatFor || (p.scale ?? null) !== s.heatScale) {
    s.heatTex?.destroy(true);
    s.heatTex = null;
    s.heatFor = p.grid;
    s.heatScale = p.scale ?? null;
    s.contourSegs = p.grid ? contourSegmentsOf(p.grid) : new Float32Array(0);
    s.valleySegs = p.grid && p.scale ? levelSegments(p.grid, valleyLevel(p.scale)) : new Float32Array(0);
    s.chanceSegs = p.grid && p.scale ? levelSegments(p.grid, p.scale.chance) : new Float32Array(0);
    const scale = p.scale;
    if (p.grid) s.heatTex = heatTexture(s.pixi, p.grid, scale ? (v) => altitudeT(scale, v) : (v) => logT(v, lo, hi));
    s.heat.texture = s.heatTex ?? s.pixi.Texture.EMPTY;
  }
  s.heat.visible = !!p.grid;
  s.heat.position.set(f.ox, f.oy);
  s.heat.width = f.size;
  s.heat.height = f.size;
  if (gridChanged) {
    s.contours.clear();
    if (p.grid) {
      const g = p.grid, cell = f.size / (g.size - 1);
      const lines = (segs: Float32Array) => {
        for (let k = 0; k < segs.length; k += 4) {
          s.contours.moveTo(f.ox + segs[k]! * cell, f.oy + f.size - segs[k + 1]! * cell).lineTo(f.ox + segs[k + 2]! * cell, f.oy + f.size - segs[k + 3]! * cell);
        }
      };
      lines(s.contourSegs);
      s.contours.stroke({ width: 1, color: 0xffffff, alpha: 0.28 });
      // Chance (a network that guesses) and the valley's edge: the two altitudes the game judges by.
      lines(s.chanceSegs);
      s.contours.stroke({ width: 2, color: 0xff9f1c, alpha: 0.85 });
      lines(s.valleySegs);
      s.contours.stroke({ width: 2.5, color: 0x4cc9f0, alpha: 0.95 });
      // The lowest valley of the map.
      const mx = sx(g.min.x), my = sy(g.min.y);
      s.contours.star(mx, my, 5, 11, 5).fill({ color: 0xffffff }).stroke({ width: 2, color: 0x0b0f17 });
    }
  }

  // Fog: the map's frame, a faint graticule, and a glow where the ground has been felt.
  if (gridChanged || rangeChanged || walkerMoved || pathsChanged) {
    s.fog.clear();
    s.fog.rect(f.ox, f.oy, f.size, f.size).stroke({ width: 2, color: 0xff5d6c, alpha: p.grid ? 0.5 : 0.8 });
    if (!p.grid) {
      for (let i = 1; i < 8; i++) {
        const t = f.ox + (i / 8) * f.size, u = f.oy + (i / 8) * f.size;
        s.fog.moveTo(t, f.oy).lineTo(t, f.oy + f.size).moveTo(f.ox, u).lineTo(f.ox + f.size, u);
      }
      s.fog.stroke({ width: 1, color: 0x2a3550, alpha: 0.5 });
      const glow = f.size * 0.05;
      for (const fp of walkerFps) s.fog.circle(sx(fp.x), sy(fp.y), glow).fill({ color: colour(fp.loss), alpha: 0.16 });
      for (const path of p.paths) for (const fp of path.footprints) s.fog.circle(sx(fp.x), sy(fp.y), glow * 0.6).fill({ color: colour(fp.loss), alpha: 0.08 });
    }
  }

  // Other paths (and, revealed, everyone's), with their labels.
  if (gridChanged || pathsChanged) {
    s.paths.clear();
    const labelled = new Set<string>();
    for (const path of p.paths) {
      const fps = path.footprints;
      if (!fps.length) continue;
      const w = path.highlight ? 4 : path.ghost ? 2 : 2.5;
      s.paths.moveTo(sx(fps[0]!.x), sy(fps[0]!.y));
      for (let i = 1; i < fps.length; i++) s.paths.lineTo(sx(fps[i]!.x), sy(fps[i]!.y));
      s.paths.stroke({ width: w + 2, color: 0x05070c, alpha: 0.6 });
      s.paths.moveTo(sx(fps[0]!.x), sy(fps[0]!.y));
      for (let i = 1; i < fps.length; i++) s.paths.lineTo(sx(fps[i]!.x), sy(fps[i]!.y));
      s.paths.stroke({ width: w, color: path.color, alpha: path.ghost ? 0.8 : 1 });
      for (const fp of fps) s.paths.circle(sx(fp.x), sy(fp.y), path.highlight ? 3.5 : 2.5).fill({ color: path.color });
      const end = fps[fps.length - 1]!;
      if (end.loss === null) s.paths.circle(sx(end.x), sy(end.y), 7).stroke({ width: 2, color: 0xff5d6c });
      if (p.grid || path.highlight) {
        let t = s.labelTexts.get(path.id);
        if (!t) {
          t = new s.pixi.Text({ text: path.label, style: { fill: path.color, fontSize: 12, fontWeight: "600", stroke: { color: 0x05070c, width: 3 } } });
          s.labelTexts.set(path.id, t);
          s.labels.addChild(t);
        }
        if (t.text !== path.label) t.text = path.label;
        if (t.style.fill !== path.color) t.style.fill = path.color;
        // Beside the path's end, or where it leaves the map (a diverged walk ends far off it).
        const at = labelAnchor(fps, p.extent);
        t.position.set(Math.max(0, Math.min(width - 80, sx(at.x) + 6)), Math.max(0, Math.min(height - 16, sy(at.y) - 16)));
        labelled.add(path.id);
      }
    }
    for (const [id, t] of s.labelTexts) {
      if (labelled.has(id)) continue;
      s.labelTexts.delete(id);
      t.destroy();
    }
  }

  // The walker: footprints coloured by altitude, the slope arrow, the planned step.
  if (rangeChanged || walkerMoved || aimChanged) {
    s.walker.clear();
    const fps = walkerFps;
    if (fps.length) {
      s.walker.moveTo(sx(fps[0]!.x), sy(fps[0]!.y));
      for (let i = 1; i < fps.length; i++) s.walker.lineTo(sx(fps[i]!.x), sy(fps[i]!.y));
      s.walker.stroke({ width: 1.5, color: 0xffffff, alpha: 0.35 });
      fps.forEach((fp, i) => {
        const last = i === fps.length - 1;
        s.walker.circle(sx(fp.x), sy(fp.y), last ? 8 : 5).fill({ color: colour(fp.loss) }).stroke({ width: last ? 2.5 : 1, color: 0xffffff, alpha: last ? 1 : 0.6 });
      });
      const here = fps[fps.length - 1]!;
      const hx = sx(here.x), hy = sy(here.y);
      const [gx, gy] = here.grad;
      const steep = Math.hypot(gx, gy);
      if (here.loss !== null && steep > 0) {
        // Downhill arrow: direction −∇L, length grows with steepness (log scale).
        const len = Math.min(f.size * 0.2, 18 + 22 * Math.log1p(steep));
        const ux = -gx / steep, uy = gy / steep; // screen y is flipped
        arrow(s.walker, hx, hy, hx + ux * len, hy + uy * len, 0xffffff, 3);
      }
      const aim = p.walker?.aim;
      if (aim && p.walker?.plannedLength && here.loss !== null) {
        const n = Math.hypot(aim[0], aim[1]);
        const tx = here.x + (aim[0] / n) * p.walker.plannedLength, ty = here.y + (aim[1] / n) * p.walker.plannedLength;
        dashed(s.walker, hx, hy, sx(tx), sy(ty), 0x4cc9f0);
        s.walker.circle(sx(tx), sy(ty), 6).stroke({ width: 2, color: 0x4cc9f0 });
      }
    }
  }
}

/** Whether two footprint lists draw the same (callers may rebuild equal lists on every render). */
function sameFootprints(a: readonly Footprint[], b: readonly Footprint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!, v = b[i]!;
    if (u !== v && (u.x !== v.x || u.y !== v.y || u.loss !== v.loss || u.grad[0] !== v.grad[0] || u.grad[1] !== v.grad[1])) return false;
  }
  return true;
}

function samePaths(a: readonly MapPath[], b: readonly MapPath[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!, v = b[i]!;
    if (u.id !== v.id || u.label !== v.label || u.color !== v.color || !!u.ghost !== !!v.ghost || !!u.highlight !== !!v.highlight) return false;
    if (!sameFootprints(u.footprints, v.footprints)) return false;
  }
  return true;
}

function sameAim(a: LandscapeViewProps["walker"], b: LandscapeViewProps["walker"]): boolean {
  const p = a?.aim ?? null, q = b?.aim ?? null;
  const aimSame = p === q || (p !== null && q !== null && p[0] === q[0] && p[1] === q[1]);
  return aimSame && (a?.plannedLength ?? null) === (b?.plannedLength ?? null);
}

/** Where a path's label goes, in map units: its end, or if that is off the map, where the path last leaves the map. */
function labelAnchor(fps: readonly Footprint[], e: Extent): { x: number; y: number } {
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

function arrow(g: Graphics, x0: number, y0: number, x1: number, y1: number, color: number, width: number) {
  const a = Math.atan2(y1 - y0, x1 - x0), h = 10;
  g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width, color });
  g.poly([x1, y1, x1 - h * Math.cos(a - 0.45), y1 - h * Math.sin(a - 0.45), x1 - h * Math.cos(a + 0.45), y1 - h * Math.sin(a + 0.45)]).fill({ color });
}

function dashed(g: Graphics, x0: number, y0: number, x1: number, y1: number, color: number) {
  const len = Math.hypot(x1 - x0, y1 - y0);
  const n = Math.max(1, Math.floor(len / 8));
  for (let i = 0; i < n; i += 2) {
    const a = i / n, b = Math.min(1, (i + 1) / n);
    g.moveTo(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a).lineTo(x0 + (x1 - x0) * b, y0 + (y1 - y0) * b);
  }
  g.stroke({ width: 2, color, alpha: 0.9 });
}

function heatTexture(pixi: typeof import("pixi.js"), g: DecodedGrid, tOf: (loss: number | null) => number): Texture {
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

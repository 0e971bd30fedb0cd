// Before the reveal: the fog (the map's frame, a faint graticule and a glow where the ground has
// been felt) and the walker (footprints coloured by altitude, the downhill arrow, the planned step).
import type { Graphics } from "pixi.js";
import { logT, rampColor } from "@/lib/game/colormap";
import { projection, type Frame } from "./geometry";
import type { MapSnapshot, Scene } from "./scene";

/** Aim marks are cyan, the downhill arrow white. */
const AIM = 0x4cc9f0;
/** The walker's disc, px; a planned step shorter than this would hide under it. */
const WALKER_R = 8;

/** Redraws the fog (only without a grid: a revealed map has no fog). */
export function drawFog(s: Scene, p: MapSnapshot, f: Frame): void {
  s.fog.clear();
  if (p.grid) return;
  const { sx, sy } = projection(f, p.extent);
  const [lo, hi] = p.range;
  s.fog.rect(f.ox, f.oy, f.size, f.size).stroke({ width: 2, color: 0xff5d6c, alpha: 0.8 });
  for (let i = 1; i < 8; i++) {
    const t = f.ox + (i / 8) * f.size, u = f.oy + (i / 8) * f.size;
    s.fog.moveTo(t, f.oy).lineTo(t, f.oy + f.size).moveTo(f.ox, u).lineTo(f.ox + f.size, u);
  }
  s.fog.stroke({ width: 1, color: 0x2a3550, alpha: 0.5 });
  const glow = f.size * 0.05;
  for (const fp of p.walker?.footprints ?? []) s.fog.circle(sx(fp.x), sy(fp.y), glow).fill({ color: rampColor(logT(fp.loss, lo, hi)), alpha: 0.16 });
  for (const path of p.paths) for (const fp of path.footprints) s.fog.circle(sx(fp.x), sy(fp.y), glow * 0.6).fill({ color: rampColor(logT(fp.loss, lo, hi)), alpha: 0.08 });
}

/** Redraws the walker: footprints, the downhill arrow, and the planned step on top of it all. */
export function drawWalker(s: Scene, p: MapSnapshot, f: Frame): void {
  const g = s.walker;
  g.clear();
  const fps = p.walker?.footprints ?? [];
  if (!fps.length) return;
  const { sx, sy } = projection(f, p.extent);
  const [lo, hi] = p.range;
  g.moveTo(sx(fps[0]!.x), sy(fps[0]!.y));
  for (let i = 1; i < fps.length; i++) g.lineTo(sx(fps[i]!.x), sy(fps[i]!.y));
  g.stroke({ width: 1.5, color: 0xffffff, alpha: 0.35 });
  fps.forEach((fp, i) => {
    const last = i === fps.length - 1;
    g.circle(sx(fp.x), sy(fp.y), last ? WALKER_R : 5).fill({ color: rampColor(logT(fp.loss, lo, hi)) }).stroke({ width: last ? 2.5 : 1, color: 0xffffff, alpha: last ? 1 : 0.6 });
  });
  const here = fps[fps.length - 1]!;
  const hx = sx(here.x), hy = sy(here.y);
  const [gx, gy] = here.grad;
  const steep = Math.hypot(gx, gy);
  if (here.loss !== null && steep > 0) {
    // Downhill arrow: direction −∇L, length grows with steepness (log scale).
    const len = Math.min(f.size * 0.2, 18 + 22 * Math.log1p(steep));
    arrow(g, hx, hy, hx - (gx / steep) * len, hy + (gy / steep) * len, 0xffffff, 3); // screen y is flipped
  }
  const aim = p.walker?.aim;
  const planned = p.walker?.plannedLength;
  if (!aim || !planned || here.loss === null) return;
  const n = Math.hypot(aim[0], aim[1]);
  const ux = aim[0] / n, uy = -aim[1] / n; // screen direction of the aim
  const tx = sx(here.x + (aim[0] / n) * planned), ty = sy(here.y + (aim[1] / n) * planned);
  const px = Math.hypot(tx - hx, ty - hy);
  if (px > WALKER_R + 6) {
    dashed(g, hx + ux * WALKER_R, hy + uy * WALKER_R, tx, ty, AIM);
    g.circle(tx, ty, 6).stroke({ width: 2, color: AIM });
  } else {
    // A step shorter than the walker's disc: a pointer outside the disc says where it goes, and
    // the landing spot is marked on top of the disc.
    g.moveTo(hx + ux * (WALKER_R + 3), hy + uy * (WALKER_R + 3)).lineTo(hx + ux * (WALKER_R + 16), hy + uy * (WALKER_R + 16)).stroke({ width: 3, color: AIM });
    g.circle(tx, ty, 3).fill({ color: AIM }).stroke({ width: 1, color: 0x05070c });
  }
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

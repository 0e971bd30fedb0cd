// Everyone's paths, one Graphics each: a path is re-tessellated only when it changed (a live path
// grew by a step, a highlight moved), so a flush of a few new footprints in a class of sixty costs
// a few small paths, not the whole layer. Labels are placed so that close paths stay readable.
import type { Text } from "pixi.js";
import { labelAnchor, projection, sameFootprints, type Frame } from "./geometry";
import { placeLabels, type LabelRequest } from "./labels";
import type { MapPath, MapSnapshot, Scene } from "./scene";

/** Brings the paths layer and its labels up to date; true if anything changed. */
export function drawPaths(s: Scene, p: MapSnapshot, f: Frame, width: number, height: number, geometry: string): boolean {
  const proj = projection(f, p.extent);
  let changed = false;
  const seen = new Set<string>();
  for (const path of p.paths) {
    seen.add(path.id);
    const key = `${geometry}|${path.color}|${path.ghost ? 1 : 0}|${path.highlight ? 1 : 0}|${path.spokes?.length ?? 0}`;
    let view = s.pathViews.get(path.id);
    if (view && view.key === key && sameFootprints(view.drawn.footprints, path.footprints)) {
      view.drawn = path;
      continue;
    }
    if (!view) {
      view = { g: new s.pixi.Graphics(), drawn: path, key: "" };
      s.pathViews.set(path.id, view);
      s.paths.addChild(view.g);
    }
    view.g.clear();
    tracePath(view.g, path, proj);
    view.g.zIndex = path.highlight ? 2 : path.ghost ? 0 : 1;
    view.drawn = path;
    view.key = key;
    changed = true;
  }
  for (const [id, view] of s.pathViews) {
    if (seen.has(id)) continue;
    view.g.destroy();
    s.pathViews.delete(id);
    changed = true;
  }
  return drawLabels(s, p, proj, width, height, geometry) || changed;
}

function tracePath(g: import("pixi.js").Graphics, path: MapPath, { sx, sy }: ReturnType<typeof projection>): void {
  const fps = path.footprints;
  if (!fps.length) return;
  const w = path.highlight ? 4 : path.ghost ? 2 : 2.5;
  // A team's proposals first, thin and faint under its path: the scatter its average smoothed.
  if (path.spokes?.length) {
    for (const [a, b] of path.spokes) g.moveTo(sx(a[0]), sy(a[1])).lineTo(sx(b[0]), sy(b[1]));
    g.stroke({ width: 1.25, color: path.color, alpha: 0.55 });
    for (const [, b] of path.spokes) g.circle(sx(b[0]), sy(b[1]), 1.75).fill({ color: path.color, alpha: 0.7 });
  }
  const line = () => {
    g.moveTo(sx(fps[0]!.x), sy(fps[0]!.y));
    for (let i = 1; i < fps.length; i++) g.lineTo(sx(fps[i]!.x), sy(fps[i]!.y));
  };
  line();
  g.stroke({ width: w + 2, color: 0x05070c, alpha: 0.6 });
  line();
  g.stroke({ width: w, color: path.color, alpha: path.ghost ? 0.8 : 1 });
  for (const fp of fps) g.circle(sx(fp.x), sy(fp.y), path.highlight ? 3.5 : 2.5).fill({ color: path.color });
  const end = fps[fps.length - 1]!;
  if (end.loss === null) g.circle(sx(end.x), sy(end.y), 7).stroke({ width: 2, color: 0xff5d6c });
}

/** Labels beside each path's end (on the revealed map and the projector, every path; before the reveal, only highlighted ones). */
function drawLabels(s: Scene, p: MapSnapshot, proj: ReturnType<typeof projection>, width: number, height: number, geometry: string): boolean {
  const shown = p.paths.filter((path) => path.footprints.length && (p.grid || path.highlight));
  const key = geometry + "|" + shown.map((path) => {
    const end = path.footprints[path.footprints.length - 1]!;
    return `${path.id}:${path.label}:${path.color}:${end.x}:${end.y}:${path.footprints.length}`;
  }).join(";");
  if (key === s.labelKey) return false;
  s.labelKey = key;

  const requests: LabelRequest[] = [];
  const texts = new Map<string, Text>();
  // The highlighted path (you, or the teacher's focus) gets the best spot, then ghosts last.
  const order = [...shown].sort((a, b) => Number(!!b.highlight) - Number(!!a.highlight) || Number(!!a.ghost) - Number(!!b.ghost));
  for (const path of order) {
    let t = s.labelTexts.get(path.id);
    if (!t) {
      t = new s.pixi.Text({ text: path.label, style: { fill: path.color, fontSize: 12, fontWeight: "600", stroke: { color: 0x05070c, width: 3 } } });
      s.labelTexts.set(path.id, t);
      s.labels.addChild(t);
    }
    if (t.text !== path.label) t.text = path.label;
    if (t.style.fill !== path.color) t.style.fill = path.color;
    const at = labelAnchor(path.footprints, p.extent);
    requests.push({ id: path.id, ax: proj.sx(at.x), ay: proj.sy(at.y), w: t.width, h: t.height });
    texts.set(path.id, t);
  }
  const spots = placeLabels(requests, width, height);
  s.links.clear();
  for (const r of requests) {
    const spot = spots.get(r.id)!;
    const t = texts.get(r.id)!;
    t.position.set(spot.x, spot.y);
    if (spot.displaced) {
      // A thin line from the path's end to its label, in the path's colour.
      const lx = spot.x + r.w / 2 < r.ax ? spot.x + r.w : spot.x;
      s.links.moveTo(r.ax, r.ay).lineTo(lx, spot.y + r.h / 2).stroke({ width: 1, color: t.style.fill as number, alpha: 0.7 });
    }
  }
  for (const [id, t] of s.labelTexts) {
    if (texts.has(id)) continue;
    s.labelTexts.delete(id);
    t.destroy();
  }
  return true;
}

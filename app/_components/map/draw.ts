// One picture of the map from one snapshot: each layer is brought up to date only when its own
// inputs changed, and a frame is rendered only when some layer did.
import { frameOf, sameFootprints } from "./geometry";
import { requestRender, type MapPath, type MapSnapshot, type MapWalker, type Scene } from "./scene";
import { drawTerrain } from "./terrain";
import { drawPaths } from "./paths";
import { drawFog, drawWalker } from "./walker";

/** Draws the snapshot (the canvas size is the renderer's); renders at the next frame if anything changed. */
export function draw(s: Scene, p: MapSnapshot): void {
  const { width, height } = s.app.renderer.screen;
  const f = frameOf(width, height);
  const geometry = `${width} ${height} ${p.extent.x.join(" ")} ${p.extent.y.join(" ")}`;
  const was = s.drawn?.geometry === geometry ? s.drawn.snap : null; // null: draw everything
  s.drawn = { geometry, snap: p };

  let changed = drawTerrain(s, p, f, width, height);
  const rangeChanged = !was || was.range[0] !== p.range[0] || was.range[1] !== p.range[1];
  const walkerMoved = !was || !sameFootprints(was.walker?.footprints ?? [], p.walker?.footprints ?? []);
  if (!was || was.grid !== p.grid || rangeChanged || walkerMoved || (!p.grid && !sameTrails(was.paths, p.paths))) {
    drawFog(s, p, f);
    changed = true;
  }
  if (rangeChanged || walkerMoved || !sameAim(was?.walker ?? null, p.walker)) {
    drawWalker(s, p, f);
    changed = true;
  }
  changed = drawPaths(s, p, f, width, height, geometry) || changed;
  if (changed) requestRender(s);
}

/** Whether the paths' footprints are the same (what the fog's glow is drawn from). */
function sameTrails(a: readonly MapPath[], b: readonly MapPath[]): boolean {
  return a.length === b.length && a.every((u, i) => u.id === b[i]!.id && sameFootprints(u.footprints, b[i]!.footprints));
}

function sameAim(a: MapWalker | null, b: MapWalker | null): boolean {
  const p = a?.aim ?? null, q = b?.aim ?? null;
  const aimSame = p === q || (p !== null && q !== null && p[0] === q[0] && p[1] === q[1]);
  return aimSame && (a?.plannedLength ?? null) === (b?.plannedLength ?? null);
}

// The Pixi scene of one map and how it is rendered: on demand, never by a running ticker. The
// parent re-renders often (the projector several times a second) but the picture changes only when
// a layer's inputs change, so a frame costs nothing while nothing happens; in software rendering a
// full frame of the projector took ~70 ms, and the always-on ticker held the page at 10–14 fps.
import type { Container, Graphics, RenderTexture, Sprite, Text, Texture, WebGLRenderer } from "pixi.js";
import type { Footprint } from "@/lib/protocol/common";
import type { AltitudeScale } from "@/lib/game/altitude";
import type { Extent } from "./geometry";

/** A decoded loss grid (row-major, row 0 at the bottom of the map). */
export interface DecodedGrid { size: number; values: Float32Array; min: { x: number; y: number; loss: number }; max: number }

/** Someone's path (before the reveal: others', shown by the room's rules; after: everyone's). */
export interface MapPath {
  id: string; label: string; color: number; footprints: Footprint[]; ghost?: boolean; highlight?: boolean;
  /** A team's proposals at the reveal: from where the team stood to where each member alone would have stepped (the noise its mean smoothed). */
  spokes?: readonly (readonly [readonly [number, number], readonly [number, number]])[];
}

/** The player's own walk: footprints, where they aim and how long the planned step is (map units). */
export interface MapWalker { footprints: Footprint[]; aim: [number, number] | null; plannedLength: number | null }

/** What one picture of the map is drawn from. */
export interface MapSnapshot {
  extent: Extent;
  grid: DecodedGrid | null;
  /** The landscape's altitude scale, with the grid: the heatmap is coloured on it, and the valley's edge and chance are drawn as lines. */
  scale?: AltitudeScale | null;
  paths: MapPath[];
  walker: MapWalker | null;
  /** Altitudes mapped to colours before the reveal: [valley, high ground]. */
  range: [number, number];
}

/** One path's Graphics and what it was last drawn from. */
export interface PathView { g: Graphics; drawn: MapPath; key: string }

/** The revealed map's per-grid work: the heatmap texture and the contour segments (grid units). */
export interface TerrainData { grid: DecodedGrid; scale: AltitudeScale | null; heat: Texture; contours: Float32Array; valley: Float32Array; chance: Float32Array }

/** The scene: layers bottom to top, with what each was drawn from. */
export interface Scene {
  app: MapApp;
  pixi: typeof import("./pixi");
  /** The revealed map (heatmap, contours, the valley's edge, chance, the lowest point) cached as one texture. */
  terrain: Sprite;
  terrainTex: RenderTexture | null;
  terrainData: TerrainData | null;
  terrainKey: string;
  fog: Graphics;
  paths: Container;
  pathViews: Map<string, PathView>;
  /** Thin lines from a path's end to its label when the label had to move away. */
  links: Graphics;
  labels: Container;
  labelTexts: Map<string, Text>;
  labelKey: string;
  walker: Graphics;
  drawn: { geometry: string; snap: MapSnapshot } | null;
  frameRequest: number | null;
}

/**
 * What the scene renders with: the WebGL renderer, the stage and its canvas (what pixi's
 * Application holds, without its ticker and without choosing a renderer at run time).
 */
export interface MapApp {
  renderer: WebGLRenderer;
  stage: Container;
  canvas: HTMLCanvasElement;
  render(): void;
  /** Fits the canvas to its box at the next frame (the window or the box changed size). */
  queueResize(): void;
  destroy(): void;
}

/** Makes the scene inside `host` (null if the component went away meanwhile). */
export async function createScene(host: HTMLElement, gone: () => boolean): Promise<Scene | null> {
  const pixi = await import("./pixi");
  const renderer = new pixi.WebGLRenderer();
  await renderer.init({
    background: 0x05070c, width: host.clientWidth, height: host.clientHeight, antialias: true, autoDensity: true,
    resolution: Math.min(2, window.devicePixelRatio || 1), skipExtensionImports: true,
  });
  const app = mapApp(renderer, new pixi.Container(), host);
  if (gone()) {
    app.destroy();
    return null;
  }
  app.canvas.setAttribute("aria-hidden", "true");
  host.appendChild(app.canvas);
  const terrain = new pixi.Sprite();
  const fog = new pixi.Graphics();
  const paths = new pixi.Container({ sortableChildren: true });
  const links = new pixi.Graphics();
  const labels = new pixi.Container();
  const walker = new pixi.Graphics();
  app.stage.addChild(terrain, fog, paths, links, labels, walker);
  return {
    app, pixi, terrain, terrainTex: null, terrainData: null, terrainKey: "", fog, paths, pathViews: new Map(), links, labels,
    labelTexts: new Map(), labelKey: "", walker, drawn: null, frameRequest: null,
  };
}

/** Renders once at the next animation frame, however many changes arrive before it. */
export function requestRender(s: Scene): void {
  if (s.frameRequest !== null) return;
  s.frameRequest = requestAnimationFrame(() => {
    s.frameRequest = null;
    s.app.render();
  });
}

/** Frees the scene's GPU resources. */
export function destroyScene(s: Scene): void {
  if (s.frameRequest !== null) cancelAnimationFrame(s.frameRequest);
  s.terrainTex?.destroy(true);
  s.terrainData?.heat.destroy(true);
  s.app.destroy();
}

/** The renderer and stage, sized to `host` as the window resizes (as Application's resizeTo did). */
function mapApp(renderer: WebGLRenderer, stage: Container, host: HTMLElement): MapApp {
  let frame: number | null = null;
  const render = () => renderer.render({ container: stage });
  const resize = () => {
    frame = null;
    renderer.resize(host.clientWidth, host.clientHeight);
    render();
  };
  const queueResize = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = requestAnimationFrame(resize);
  };
  globalThis.addEventListener("resize", queueResize);
  return {
    renderer, stage, canvas: renderer.canvas, render, queueResize,
    destroy: () => {
      globalThis.removeEventListener("resize", queueResize);
      if (frame !== null) cancelAnimationFrame(frame);
      stage.destroy({ children: true });
      renderer.destroy(true);
    },
  };
}

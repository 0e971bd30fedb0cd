"use client";
// The landscape on a Pixi canvas. Before the reveal it is fog: darkness, the edge of the map, and
// only what was felt (footprints coloured by altitude, a soft glow where the ground is known, the
// slope arrow under the walker's feet and the planned step). After the reveal (or on the
// projector) the loss grid becomes a heatmap with contours, and every path is drawn on it. The
// drawing lives in ./map; this component owns the scene's lifetime, the pointer and the words
// around the picture (caption, legend, and the paths as a list for screen readers).
import { useEffect, useRef } from "react";
import { fmtLoss } from "@/lib/game/debrief";
import { createScene, destroyScene, type MapSnapshot, type Scene } from "./map/scene";
import { draw } from "./map/draw";
import { frameOf, toMap } from "./map/geometry";
import { MapLegend } from "./map/MapLegend";

export type { DecodedGrid, MapPath } from "./map/scene";
export type { Extent } from "./map/geometry";

/** A map: the snapshot to draw and what surrounds it. */
export interface LandscapeViewProps extends MapSnapshot {
  /** Pointer or touch drag sets the aim: a direction in map units from the walker. */
  onAim?: (dir: [number, number]) => void;
  caption?: string;
  /** What the picture shows, for screen readers. */
  label: string;
  /** The walk's map: focusable, keys go to the game (focus it when the walk starts). */
  interactive?: boolean;
  autoFocus?: boolean;
  /** Lists the paths (name, steps, where they ended) for screen readers. */
  describePaths?: boolean;
  /** Drawn over the map (notices such as the countdown). */
  children?: React.ReactNode;
}

/** The map of a walk, a reveal or the projector. */
export function LandscapeView(props: LandscapeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const scene = useRef<Scene | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let gone = false;
    let made: Scene | null = null;
    const el = host.current!;
    // The canvas follows its box, not only the window: the box changes with the page's layout.
    const resized = new ResizeObserver(() => made?.app.queueResize());
    resized.observe(el);
    void createScene(el, () => gone).then((s) => {
      if (!s) return;
      made = s;
      scene.current = s;
      s.app.renderer.on("resize", () => draw(s, latest.current));
      draw(s, latest.current);
    }).catch((e) => console.error("canvas failed", e));
    return () => {
      gone = true;
      resized.disconnect();
      if (made) destroyScene(made);
      scene.current = null;
    };
  }, []);

  useEffect(() => {
    if (scene.current) draw(scene.current, props);
  });

  const { autoFocus } = props;
  useEffect(() => {
    if (autoFocus) host.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  // Pointer and touch: aim from the walker towards the pointer while a button or finger is down.
  function aimAt(e: React.PointerEvent<HTMLDivElement>) {
    const p = latest.current;
    const w = p.walker?.footprints.at(-1);
    if (!p.onAim || !w || !host.current) return;
    const rect = host.current.getBoundingClientRect();
    const [mx, my] = toMap(frameOf(rect.width, rect.height), p.extent, e.clientX - rect.left, e.clientY - rect.top);
    const dx = mx - w.x, dy = my - w.y;
    if (Math.hypot(dx, dy) > 1e-9) p.onAim([dx, dy]);
  }

  const revealed = !!props.grid;
  return (
    <div className="stage" data-testid="landscape">
      <div
        ref={host}
        className="stage-canvas"
        data-testid="map"
        tabIndex={props.interactive ? 0 : undefined}
        role={props.interactive ? "application" : "img"}
        aria-roledescription="map"
        aria-label={props.label}
        onPointerDown={(e) => { if (!latest.current.onAim) return; e.currentTarget.setPointerCapture(e.pointerId); aimAt(e); }}
        onPointerMove={(e) => { if (e.buttons) aimAt(e); }}
      />
      {props.caption ? <div className="stage-caption">{props.caption}</div> : null}
      {props.children}
      <MapLegend scale={props.scale} revealed={revealed} />
      {props.describePaths ? (
        <ul className="sr-only" data-testid="map-paths" aria-label="Paths on the map">
          {props.paths.map((p) => {
            const end = p.footprints[p.footprints.length - 1];
            return (
              <li key={p.id} data-path={p.id} data-footprints={p.footprints.length}>
                {p.label}: {Math.max(0, p.footprints.length - 1)} steps{end ? `, ${end.loss === null ? "off the map" : `altitude ${fmtLoss(end.loss)}`}` : ""}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

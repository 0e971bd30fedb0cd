"use client";
// The walk's keys: arrows or WASD aim (hold two for a diagonal), Q/E turn, F follows the slope,
// + and − change the step size, Space steps, G feels the aimed way (no backprop), R turns the map (where allowed), M toggles the slope's sound. Keys that a focused
// control needs for itself (arrows on the step-size slider, Space and Enter on a button or a
// checkbox) are left to that control.
import { useEffect, useLayoutEffect, useRef } from "react";

/** Compass directions of the arrow keys and WASD. */
const KEY_DIRS: Record<string, [number, number]> = {
  ArrowUp: [0, 1], KeyW: [0, 1], ArrowDown: [0, -1], KeyS: [0, -1],
  ArrowLeft: [-1, 0], KeyA: [-1, 0], ArrowRight: [1, 0], KeyD: [1, 0],
};

/** Keys a range input handles natively. */
const SLIDER_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/** What the keys do (read at each key press, so they may change every render). */
export interface WalkKeyActions {
  step(): void;
  aimAt(dir: [number, number]): void;
  follow(): void;
  turn(by: 1 | -1): void;
  stepSize(by: 1 | -1): void;
  toggleSound(): void;
  /** A round without backprop: feel the altitude the aimed way. */
  feel?(): void;
  /** Turns the map (a fresh slice through where the walker stands), where the rules allow it. */
  turnMap?(): void;
}

/** Listens on the window for the walk's keys while the component is mounted. */
export function useWalkKeys(actions: WalkKeyActions): void {
  const latest = useRef(actions);
  useLayoutEffect(() => { latest.current = actions; });
  const held = useRef(new Set<string>());

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      const tag = t?.tagName;
      if (t?.isContentEditable || tag === "TEXTAREA" || tag === "SELECT") return;
      const type = tag === "INPUT" ? (t as HTMLInputElement).type : null;
      if (type !== null && type !== "range" && type !== "checkbox") return; // typing in a field
      if (type === "range" && SLIDER_KEYS.has(e.code)) return; // the slider moves itself
      if ((tag === "BUTTON" || tag === "A" || type === "checkbox") && (e.code === "Space" || e.code === "Enter")) return;
      const a = latest.current;
      if (KEY_DIRS[e.code]) {
        e.preventDefault();
        held.current.add(e.code);
        let x = 0, y = 0;
        for (const k of held.current) { x += KEY_DIRS[k]?.[0] ?? 0; y += KEY_DIRS[k]?.[1] ?? 0; }
        if (x !== 0 || y !== 0) a.aimAt([x, y]);
      } else if (e.code === "Space") {
        e.preventDefault();
        if (!e.repeat) a.step();
      } else if (e.code === "KeyF") a.follow();
      else if (e.code === "KeyQ") a.turn(1);
      else if (e.code === "KeyE") a.turn(-1);
      else if (e.key === "+" || e.key === "=" || e.code === "PageUp") { e.preventDefault(); a.stepSize(1); }
      else if (e.key === "-" || e.key === "_" || e.code === "PageDown") { e.preventDefault(); a.stepSize(-1); }
      else if (e.code === "KeyM") a.toggleSound();
      else if (e.code === "KeyG" && !e.repeat) a.feel?.();
      else if (e.code === "KeyR" && !e.repeat) a.turnMap?.();
    };
    const up = (e: KeyboardEvent) => { held.current.delete(e.code); };
    const blur = () => held.current.clear();
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    window.addEventListener("blur", blur);
    return () => { window.removeEventListener("keydown", down); window.removeEventListener("keyup", up); window.removeEventListener("blur", blur); };
  }, []);
}

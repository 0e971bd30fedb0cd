// Where the walker aims: along the slope (plain gradient descent, possibly turned by a fixed angle
// with Q/E, so the aim keeps following the slope after every step) or a fixed compass heading
// (arrow keys, WASD, dragging on the map). Pure.
import { compass } from "./compass";

/** Follow the slope turned by `turn` radians (positive = to the left), or hold a fixed heading. */
export type Aim = { kind: "follow"; turn: number } | { kind: "heading"; dir: [number, number] };

/** Plain gradient descent. */
export const FOLLOW: Aim = { kind: "follow", turn: 0 };

/** One press of Q or E turns the aim by 15°. */
export const TURN_STEP = Math.PI / 12;

/** The aim as a direction on the map under a slope (null: following a slope that is flat). */
export function aimVector(aim: Aim, grad: readonly [number, number]): [number, number] | null {
  if (aim.kind === "heading") return aim.dir;
  const steep = Math.hypot(grad[0], grad[1]);
  if (!(steep > 0)) return null;
  const c = Math.cos(aim.turn), s = Math.sin(aim.turn);
  const dx = -grad[0] / steep, dy = -grad[1] / steep;
  return [c * dx - s * dy, s * dx + c * dy];
}

/** The step message's direction: "downhill" for plain descent, else a vector (same length rule on the server). */
export function stepDirection(aim: Aim, grad: readonly [number, number]): "downhill" | [number, number] {
  if (aim.kind === "follow" && aim.turn === 0) return "downhill";
  return aimVector(aim, grad) ?? "downhill";
}

/** Q (+1) or E (−1): a followed slope turns relative to itself, a heading turns in place. */
export function turnAim(aim: Aim, by: 1 | -1): Aim {
  if (aim.kind === "follow") {
    const deg = Math.round(((aim.turn + by * TURN_STEP) * 180) / Math.PI);
    const wrapped = ((deg + 540) % 360) - 180; // −180 … 179
    return { kind: "follow", turn: (wrapped * Math.PI) / 180 };
  }
  const a = Math.atan2(aim.dir[1], aim.dir[0]) + by * TURN_STEP;
  return { kind: "heading", dir: [Math.cos(a), Math.sin(a)] };
}

/** The aim in words, e.g. "follow the slope, turned 30° left" or "north-west (135°)". */
export function describeAim(aim: Aim): string {
  if (aim.kind === "heading") return compass(aim.dir);
  const deg = Math.round((aim.turn * 180) / Math.PI);
  if (deg === 0) return "follow the slope";
  if (Math.abs(deg) === 180) return "straight up the slope (turned 180°)";
  return `follow the slope, turned ${Math.abs(deg)}° ${deg > 0 ? "left" : "right"}`;
}

// Colours of altitude, shared by the fog view, the reveal heatmap, the projector and the CLI's PNG
// heatmap: viridis, from deep valley (dark purple) through teal and green to high ground (yellow),
// on a log scale so that the detail near the bottom of a loss landscape stays visible. Pure.

// Viridis (van der Walt and Smith, matplotlib 2015): perceptually uniform and readable in grey
// and by most colour-blind players. Eleven samples at t = 0, 0.1, ..., 1, [r, g, b] in 0..255,
// interpolated linearly.
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84], [72, 36, 117], [65, 68, 135], [53, 95, 141], [42, 120, 142], [33, 145, 140],
  [34, 168, 132], [68, 191, 112], [122, 209, 81], [189, 223, 38], [253, 231, 37],
];

/** RGB of the ramp at t in [0, 1] (clamped; not finite counts as 1), written into out[at..at+2]. */
export function rampInto(t: number, out: { [i: number]: number }, at: number): void {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 1)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - k;
  const a = VIRIDIS[k]!;
  const b = VIRIDIS[k + 1]!;
  out[at] = Math.round(a[0] + (b[0] - a[0]) * f);
  out[at + 1] = Math.round(a[1] + (b[1] - a[1]) * f);
  out[at + 2] = Math.round(a[2] + (b[2] - a[2]) * f);
}

/** The colour at t in [0, 1] (clamped) as 0xRRGGBB. */
export function rampColor(t: number): number {
  const [r, g, b] = rampRgb(t);
  return (r << 16) | (g << 8) | b;
}

/** The colour at t in [0, 1] (clamped) as [r, g, b]. */
export function rampRgb(t: number): [number, number, number] {
  const rgb: [number, number, number] = [0, 0, 0];
  rampInto(t, rgb, 0);
  return rgb;
}

/**
 * Maps a loss to [0, 1] on a log scale between lo and hi (lo maps to 0, hi to 1), for a range the
 * viewer knows by itself (the fog: the walker's own footprints). A revealed map is coloured on the
 * landscape's own scale instead (altitude.ts), so its colour is the score.
 */
export function logT(loss: number | null, lo: number, hi: number): number {
  if (loss === null || !Number.isFinite(loss)) return 1;
  const floor = Math.max(1e-6, lo * 0.5, hi * 1e-4);
  const l = Math.log(Math.max(loss - lo, 0) + floor);
  const l0 = Math.log(floor);
  const l1 = Math.log(Math.max(hi - lo, 0) + floor);
  return l1 > l0 ? (l - l0) / (l1 - l0) : 0;
}

/** Distinct colours for players' paths (by place in the room's join order). */
export const PATH_COLORS = [
  0xff5d8f, 0x4cc9f0, 0xffd166, 0x06d6a0, 0xf78c6b, 0xb388eb, 0x8ac926, 0xff9f1c,
  0x00bbf9, 0xf15bb5, 0xfee440, 0x00f5d4, 0x9b5de5, 0xe76f51, 0x2ec4b6, 0xffafcc,
];

/** The grey of optimizer ghosts' paths. */
export const GHOST_COLOR = 0xb0b8c8;

/** A roster row as far as colours need it (RosterEntry fits). */
export interface ColorSeat { playerId: string; ghost: string | null }

/**
 * A player's path colour, the same on the projector, on every phone and in the reveal: the player's
 * place among the room's non-ghost seats in the roster, which the server sends to every recipient in
 * join order, so a colour does not change as standings or reveal order do. Ghosts (by the roster, or
 * `ghost` when the caller knows) are grey. A player no longer in the roster (left before the reveal)
 * gets a colour from a hash of the id.
 */
export function pathColor(playerId: string, roster: readonly ColorSeat[], ghost = false): number {
  if (ghost) return GHOST_COLOR;
  let place = 0;
  for (const r of roster) {
    if (r.playerId === playerId) return r.ghost !== null ? GHOST_COLOR : PATH_COLORS[place % PATH_COLORS.length]!;
    if (r.ghost === null) place++;
  }
  // FNV-1a of the id: stable across sessions and devices.
  let h = 0x811c9dc5;
  for (let i = 0; i < playerId.length; i++) h = Math.imul(h ^ playerId.charCodeAt(i), 0x01000193);
  return PATH_COLORS[(h >>> 0) % PATH_COLORS.length]!;
}

/** Formats 0xRRGGBB as a CSS colour. */
export function cssColor(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}

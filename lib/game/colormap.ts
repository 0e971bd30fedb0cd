// Colours of altitude, shared by the fog view, the reveal heatmap and the projector: a perceptual
// ramp from deep valley (dark blue) through green to high ground (warm yellow), on a log scale so
// that the detail near the bottom of a loss landscape stays visible. Pure.

// Stops of a viridis-like ramp, [r, g, b] in 0..255.
const STOPS: [number, number, number][] = [
  [13, 8, 135], [72, 40, 160], [40, 95, 175], [33, 145, 140], [53, 183, 121],
  [144, 215, 67], [223, 227, 24], [253, 190, 60], [250, 130, 80],
];

/** The colour at t in [0, 1] (clamped) as 0xRRGGBB. */
export function rampColor(t: number): number {
  const [r, g, b] = rampRgb(t);
  return (r << 16) | (g << 8) | b;
}

/** The colour at t in [0, 1] (clamped) as [r, g, b]. */
export function rampRgb(t: number): [number, number, number] {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 1;
  const f = u * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(f));
  const k = f - i;
  const a = STOPS[i]!, c = STOPS[i + 1]!;
  return [Math.round(a[0] + (c[0] - a[0]) * k), Math.round(a[1] + (c[1] - a[1]) * k), Math.round(a[2] + (c[2] - a[2]) * k)];
}

/** Maps a loss to [0, 1] on a log scale between lo and hi (lo maps to 0, hi to 1). */
export function altitudeT(loss: number | null, lo: number, hi: number): number {
  if (loss === null || !Number.isFinite(loss)) return 1;
  const floor = Math.max(1e-6, lo * 0.5, hi * 1e-4);
  const l = Math.log(Math.max(loss - lo, 0) + floor);
  const l0 = Math.log(floor);
  const l1 = Math.log(Math.max(hi - lo, 0) + floor);
  return l1 > l0 ? (l - l0) / (l1 - l0) : 0;
}

/** Distinct colours for players' paths on the revealed map (by index). */
export const PATH_COLORS = [
  0xff5d8f, 0x4cc9f0, 0xffd166, 0x06d6a0, 0xf78c6b, 0xb388eb, 0x8ac926, 0xff9f1c,
  0x00bbf9, 0xf15bb5, 0xfee440, 0x00f5d4, 0x9b5de5, 0xe76f51, 0x2ec4b6, 0xffafcc,
];

/** Formats 0xRRGGBB as a CSS colour. */
export function cssColor(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}

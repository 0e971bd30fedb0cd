// Viridis (van der Walt and Smith, matplotlib 2015): perceptually uniform and readable in grey
// and by most colour-blind players. Eleven samples at t = 0, 0.1, ..., 1, interpolated linearly.
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84], [72, 36, 117], [65, 68, 135], [53, 95, 141], [42, 120, 142], [33, 145, 140],
  [34, 168, 132], [68, 191, 112], [122, 209, 81], [189, 223, 38], [253, 231, 37],
];

/** RGB of viridis at t ∈ [0, 1] (clamped), written into out[at..at+2]. */
export function viridisInto(t: number, out: Uint8Array | Buffer, at: number): void {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 1)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - k;
  const a = VIRIDIS[k]!;
  const b = VIRIDIS[k + 1]!;
  out[at] = Math.round(a[0] + (b[0] - a[0]) * f);
  out[at + 1] = Math.round(a[1] + (b[1] - a[1]) * f);
  out[at + 2] = Math.round(a[2] + (b[2] - a[2]) * f);
}

// The moments of a walk the reveal shows the network at: where it started, where it stalled worst,
// and where it ended. The worst stall is the longest run of level steps (analysis.ts findStalls:
// the true loss changed by less than a twentieth of the valley's tolerance at each step), the
// earliest of equally long ones; it is a moment of its own only when it is neither start nor end.

/** A run of level steps (footprint indices from..to, read at `at`), as the analysis names it. */
export interface StallSpan {
  from: number;
  to: number;
  at: number;
}

/** A moment to show: its kind, its footprint's index, and for a stall where it ran to. */
export interface MomentStep {
  kind: "start" | "stall" | "end";
  step: number;
  /** A stall's first and last footprints. */
  from?: number;
  to?: number;
}

/** The worst stall: the longest, the first of equally long ones; null for none. */
export function worstStall(stalls: readonly StallSpan[]): StallSpan | null {
  let worst: StallSpan | null = null;
  for (const s of stalls) if (!worst || s.to - s.from > worst.to - worst.from) worst = s;
  return worst;
}

/**
 * The moments of a walk of `footprints` footprints (the start included): the start, the worst
 * stall (read at its middle) and the end, each once; a walk that never stepped has only its start.
 */
export function momentSteps(footprints: number, stalls: readonly StallSpan[]): MomentStep[] {
  if (footprints < 1) return [];
  const end = footprints - 1;
  const out: MomentStep[] = [{ kind: "start", step: 0 }];
  const w = worstStall(stalls);
  if (w && w.at > 0 && w.at < end) out.push({ kind: "stall", step: w.at, from: w.from, to: w.to });
  if (end > 0) out.push({ kind: "end", step: end });
  return out;
}

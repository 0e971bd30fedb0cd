// Turning the map in the debrief: whether a turn opened a dead end. A turn keeps the weights (the
// loss is continuous at it), so the walk's true losses read straight across it: the loss fell
// faster on the new slice than just before on the old one, or it did not. Pure.
import type { DebriefNote } from "../protocol/server";
import { fmtLoss } from "./debrief";

/** Steps either side of a turn that say how fast the loss was falling. */
export const TURN_WINDOW = 3;
/** The new slice opened a dead end when the loss fell at least this many times faster after the turn. */
export const OPENED_FACTOR = 2;

/** What a turn did: the mean fall of the true loss per step just before and just after it. */
export interface TurnEffect {
  /** The footprint turned at (= steps taken before the turn). */
  at: number;
  loss: number;
  /** Mean fall per step over up to TURN_WINDOW steps before (null: no step before on that slice). */
  before: number | null;
  /** Mean fall per step over up to TURN_WINDOW steps after (null: no step after). */
  after: number | null;
  opened: boolean;
}

/**
 * The effect of each turn from the walk's true losses (null where not finite) and the footprints
 * turned at. Before a turn the window stops at the previous turn; after it, at the next.
 */
export function turnEffects(losses: readonly (number | null)[], turnsAt: readonly number[], landTolerance: number): TurnEffect[] {
  return turnsAt.map((k, i) => {
    const prev = i > 0 ? turnsAt[i - 1]! : 0;
    const next = i + 1 < turnsAt.length ? turnsAt[i + 1]! : losses.length - 1;
    const lk = losses[k];
    const rate = (from: number, to: number) => {
      const a = losses[from], b = losses[to];
      return to > from && a != null && b != null ? (a - b) / (to - from) : null;
    };
    const before = rate(Math.max(prev, k - TURN_WINDOW), k);
    const after = rate(k, Math.min(next, k + TURN_WINDOW));
    // Opened: it falls clearly (more than a twentieth of the valley's tolerance per step), and at
    // least OPENED_FACTOR times as fast as before (or it was not falling at all before).
    const opened = after !== null && after > 0.05 * landTolerance && (before === null || before <= 0 || after >= OPENED_FACTOR * before);
    return { at: k, loss: lk ?? NaN, before, after, opened };
  });
}

/** The debrief's sentences about a walker's turns of the map ("You", or their nickname). */
export function turnNotes(effects: readonly TurnEffect[], who: { playerId: string; nickname: string; you: boolean }, params: number): DebriefNote[] {
  const name = who.you ? "You" : who.nickname;
  return effects.map((e, i) => {
    const where = `${name} turned the map at step ${e.at}${Number.isFinite(e.loss) ? ` (altitude ${fmtLoss(e.loss)})` : ""}`;
    const per = (v: number) => `${fmtLoss(Math.abs(v))} a step`;
    const before = e.before === null ? "" : e.before > 0 ? ` against ${per(e.before)} just before` : ` where it had ${e.before < 0 ? "been rising" : "stopped falling"} just before`;
    let text: string;
    if (e.after === null) text = `${where}, and took no step on slice ${i + 2}.`;
    else if (e.opened) {
      text = `${where}: on slice ${i + 2} the loss fell ${per(e.after)}${before}. The turn opened a dead end: the map is only 2 of the network's ${params.toLocaleString("en")} directions, and what blocks the way in two of them may not block it in another.`;
    } else if (e.after > 0) text = `${where}: on slice ${i + 2} the loss fell ${per(e.after)}${before}, no faster: the old slice was not a dead end there.`;
    else text = `${where}: on slice ${i + 2} the loss did not fall (${e.after < 0 ? `it rose ${per(e.after)}` : "level"})${before}.`;
    return { kind: "turn" as const, text, playerId: who.playerId };
  });
}

/**
 * The room's sentence about turns of the map (a race's or a class's debrief), or null when nobody
 * turned: how many walkers turned, and for how many a turn opened a dead end (pointing at the one
 * whose turn fell fastest).
 */
export function roomTurnNote(byWalker: readonly { playerId: string; nickname: string; effects: readonly TurnEffect[] }[]): DebriefNote | null {
  const turned = byWalker.filter((w) => w.effects.length > 0);
  if (!turned.length) return null;
  const turns = turned.reduce((n, w) => n + w.effects.length, 0);
  const opened = turned.filter((w) => w.effects.some((e) => e.opened));
  const best = opened.map((w) => ({ w, after: Math.max(...w.effects.filter((e) => e.opened).map((e) => e.after ?? 0)) })).sort((a, b) => b.after - a.after)[0];
  const who = turned.length === 1 ? `${turned[0]!.nickname} turned` : `${turned.length} walkers turned`;
  const what = opened.length === 0
    ? " No turn opened a dead end: the new slices fell no faster than the old ones."
    : ` For ${opened.length === turned.length && turned.length > 1 ? "all of them" : `${opened.length} of them`} a turn opened a dead end (the loss fell at least ${OPENED_FACTOR}× as fast on the new slice): ${best!.w.nickname}'s most of all.`;
  const times = turns === 1 ? "once, onto" : turns === 2 ? "twice, each time onto" : `${turns} times, each time onto`;
  return { kind: "turn", text: `${who} the map ${times} a fresh 2-D slice through where they stood.${what}`, playerId: best?.w.playerId ?? turned[0]!.playerId };
}

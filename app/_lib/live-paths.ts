// The projector's live paths, folded from `live` messages. During a round the server sends the
// footprints that landed since its last flush; when a host (re)claims the class it sends every
// path whole, from the round's start. A refresh can bring both at once (a flush that was pending
// when the whole paths went out repeats their last footprints), so folding must be idempotent:
// a whole path replaces what we have, and footprints we already hold are never appended twice.
import type { Footprint } from "@/lib/protocol/common";

/** Live paths by player id, start first when known. */
export type LivePaths = Record<string, Footprint[]>;

/** Whether two footprints are the same felt point. */
function same(a: Footprint, b: Footprint): boolean {
  return a.x === b.x && a.y === b.y && a.loss === b.loss && a.grad[0] === b.grad[0] && a.grad[1] === b.grad[1];
}

/** How many of `incoming`'s first footprints are already `have`'s last ones. */
function overlap(have: readonly Footprint[], incoming: readonly Footprint[]): number {
  for (let k = Math.min(have.length, incoming.length); k > 0; k--) {
    let all = true;
    for (let i = 0; i < k && all; i++) all = same(have[have.length - k + i]!, incoming[i]!);
    if (all) return k;
  }
  return 0;
}

/**
 * Folds one `live` message into the paths. `start` is the round's start point: a list that begins
 * there is a whole path (only a resend starts at the start; a step never lands back on it unless
 * the ground is flat, where replacing draws the same picture).
 */
export function mergeLive(live: LivePaths, incoming: Readonly<Record<string, readonly Footprint[]>>, start: readonly [number, number] | null): LivePaths {
  const next = { ...live };
  for (const [id, fps] of Object.entries(incoming)) {
    const first = fps[0];
    if (!first) continue;
    if (start && first.x === start[0] && first.y === start[1]) {
      next[id] = [...fps];
      continue;
    }
    const have = next[id] ?? [];
    const k = overlap(have, fps);
    if (k < fps.length) next[id] = [...have, ...fps.slice(k)];
  }
  return next;
}

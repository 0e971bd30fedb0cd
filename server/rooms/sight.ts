// What the network does where a walker stands: the accuracy felt with the altitude (the count of
// samples it gets right comes from the probe's own forward pass) and, on a 2-D dataset, a picture
// of its decision regions there. Both are local like the altitude: a function of the walker's own
// point only, asked for nowhere else, so they show nothing of the map. At the reveal the same
// sight, measured on the whole dataset, shows the walk's start, its worst stall and its end.
import type { Accuracy } from "../../lib/landscape/types";
import { momentSteps } from "../../lib/game/moments";
import type { TrueValue, WalkAnalysis } from "../../lib/game/analysis";
import { sliceOf, type Walk } from "../../lib/game/walk";
import { toSlice } from "../../lib/game/transform";
import { encodeBytes } from "../../lib/protocol/grid-codec";
import type { Moment, Sight } from "../../lib/protocol/common";
import type { Landscapes, WorkLane } from "./deps";
import { feelAt, sliceFrame, type Frame } from "./measure";

/** Options of a sight: the step's minibatch (none: the whole dataset), off the map allowed, the lane. */
export interface SightOptions {
  batch?: number;
  seed?: number;
  offMap?: boolean;
  lane?: WorkLane;
}

/**
 * The sight at a player-coordinate point. `known` brings the accuracy the step's own probe counted
 * (the picture is computed meanwhile); where it brings none (off the map) a probe with the same
 * minibatch counts it. Null for a landscape whose loss has no classes (nothing to get right).
 */
export async function sightAt(core: Landscapes, f: Frame, p: readonly [number, number], opts: SightOptions = {}, known?: Promise<Accuracy | null>): Promise<Sight | null> {
  const q = toSlice(f.map, p);
  const count = async () => (await known) ?? (await feelAt(core, f, p, opts)).accuracy ?? null;
  const [accuracy, cells] = await Promise.all([count(), core.regions(f.landscapeId, q[0], q[1], { offMap: opts.offMap, lane: opts.lane, ...(f.turns?.length ? { turns: f.turns } : {}) })]);
  if (!accuracy) return null;
  const facts = core.sightFacts(f.landscapeId);
  const pic = facts.picture;
  return {
    correct: accuracy.correct,
    of: accuracy.of,
    chance: facts.chance,
    regions: pic && cells ? { size: pic.size, classes: pic.classes, cells: encodeBytes(cells), points: encodeBytes(pic.points) } : null,
  };
}

/**
 * The walk's moments for the reveal: the network at the start, at the worst stall (the longest run
 * of level steps the analysis found) and at the end, each measured on the whole dataset.
 */
export async function momentsOf(core: Landscapes, f: Frame, walk: Walk, analysis: WalkAnalysis, truth: readonly (TrueValue | null)[] = walk.truth): Promise<Moment[]> {
  const picks = momentSteps(walk.path.length, analysis.stalls);
  const out = await Promise.all(picks.map(async (m): Promise<Moment | null> => {
    const fp = walk.path[m.step]!;
    // A footprint after a turn of the map is on the walker's own slice.
    const sight = await sightAt(core, sliceFrame(f, walk, sliceOf(walk, m.step)), [fp.x, fp.y], { offMap: true, lane: "bulk" });
    if (!sight) return null;
    // The full-batch loss (measured at the reveal where a minibatch was felt), never the minibatch's.
    const t = truth[m.step];
    const loss = t && Number.isFinite(t.loss) ? t.loss : null;
    return { ...m, loss: loss !== null && Number.isFinite(loss) ? loss : null, sight };
  }));
  return out.filter((m): m is Moment => m !== null);
}

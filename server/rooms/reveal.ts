// The reveal: true (full-batch) final altitudes, verdicts, scores, the debrief and the map.
// Everything a round's end shows is computed here from the room's state, in one place.
import { classifyPath, debriefNotes, type DebriefLandscape, type DebriefPath } from "../../lib/game/debrief";
import { scoreWalk } from "../../lib/game/score";
import { canStep, finishWalk, here, insideExtent, recordStep, startWalk, stepsTaken, type Walk } from "../../lib/game/walk";
import { encodeGridValues } from "../../lib/protocol/grid-codec";
import type { Footprint } from "../../lib/protocol/common";
import type { DebriefNote, RevealedPath, WireGrid } from "../../lib/protocol/server";
import type { Extent, LossGrid } from "../../lib/landscape/types";
import type { GhostPoint, RoomDeps } from "./deps";
import { ghostLr } from "./round-setup";
import { ghostBatchOpts } from "./seeds";
import { seatList, type RoomState, type RoundResult } from "./state";

/** Everything the reveal sends and stores. */
export interface RevealData {
  grid: WireGrid;
  paths: RevealedPath[];
  notes: DebriefNote[];
  results: RoundResult[];
  /** Per seat: its start and final full-batch losses. */
  losses: Record<string, { start: number; final: number | null }>;
}

/** A ghost's planned path as footprints. */
export function ghostFootprints(points: GhostPoint[]): Footprint[] {
  return points.map((p) => ({ x: p.x, y: p.y, loss: Number.isFinite(p.loss) ? p.loss : null, grad: [p.gx, p.gy] }));
}

/**
 * Records a ghost's next planned point as one step of its walk, by the players' rules: off the map
 * or a non-finite loss ends the walk as diverged. The live ghost of a race and the solo reveal's
 * ghost both walk through here.
 */
export function ghostStep(walk: Walk, next: GhostPoint, extent: Extent, lr: number): Walk {
  const fp = ghostFootprints([next])[0]!;
  const felt = insideExtent(extent, next.x, next.y) && fp.loss !== null ? { loss: fp.loss, grad: fp.grad } : null;
  return recordStep(walk, [next.x, next.y], lr, felt);
}

/** A ghost's whole planned path as a walk: from its first point, one step per later point. */
export function ghostWalk(points: GhostPoint[], extent: Extent, lr: number, budget: number): Walk {
  const [first, ...rest] = points;
  if (!first) throw new Error("a ghost's path has at least its start");
  let walk = startWalk(ghostFootprints([first])[0]!, budget);
  for (const p of rest) {
    if (!canStep(walk)) break;
    walk = ghostStep(walk, p, extent, lr);
  }
  return finishWalk(walk);
}

/** Converts a loss grid to its wire form. */
export function wireGrid(grid: LossGrid): WireGrid {
  return { size: grid.size, extent: grid.extent, values: encodeGridValues(grid.values), min: grid.min, max: grid.max };
}

/** Computes the reveal of the room's current round. */
export async function computeReveal(deps: RoomDeps, state: RoomState): Promise<RevealData> {
  const round = state.round;
  if (!round) throw new Error("reveal without a round");
  const id = round.landscape.id;
  const land: DebriefLandscape = { extent: round.landscape.extent, minLoss: round.minLoss, suggestedLr: round.landscape.lr.suggested };
  const walkers: { playerId: string; nickname: string; ghost: DebriefPath["ghost"]; walk: Walk }[] = [];
  for (const seat of seatList(state)) {
    const walk = round.walks[seat.id];
    if (walk) walkers.push({ playerId: seat.id, nickname: seat.nickname, ghost: seat.ghost, walk });
  }
  // A solo walker is compared with plain gradient descent from the same start and budget.
  if (state.kind === "solo") {
    const lr = ghostLr("gd", round.landscape);
    const pts = await deps.landscapes.ghost(id, round.start, { optimizer: "gd", lr, steps: round.rules.budget, ...ghostBatchOpts(round.rules.batch, round.rules.seed) });
    walkers.push({ playerId: "ghost-gd", nickname: "Ghost", ghost: "gd", walk: ghostWalk(pts, round.landscape.extent, lr, round.rules.budget) });
  }
  // The true (full-batch) final altitude of every walk that did not diverge, asked all at once.
  const finals = await Promise.all(walkers.map(async ({ walk }) => {
    if (walk.status === "diverged") return null;
    const end = here(walk);
    return round.rules.batch === 0 ? end.loss : (await deps.landscapes.probe(id, end.x, end.y)).loss;
  }));
  const losses: RevealData["losses"] = {};
  const paths: DebriefPath[] = walkers.map((w, i) => {
    const final = finals[i] ?? null;
    if (state.seats[w.playerId]) losses[w.playerId] = { start: round.startLossFull, final };
    return { playerId: w.playerId, nickname: w.nickname, ghost: w.ghost, footprints: w.walk.path, lrs: w.walk.lrs, diverged: w.walk.status === "diverged", startLoss: round.startLossFull, finalLoss: final };
  });
  const revealed: RevealedPath[] = paths.map((p) => {
    const outcome = classifyPath(p, land);
    const score = scoreWalk({ startLoss: p.startLoss, finalLoss: p.finalLoss, minLoss: round.minLoss, steps: p.footprints.length - 1, budget: round.rules.budget, diverged: outcome === "diverged" });
    return { playerId: p.playerId, nickname: p.nickname, ghost: p.ghost, footprints: p.footprints, outcome, score, finalLoss: p.finalLoss };
  });
  const results: RoundResult[] = revealed
    .filter((r) => state.seats[r.playerId])
    .map((r) => ({
      roundNo: round.no,
      landscapeId: id,
      seatId: r.playerId,
      nickname: r.nickname,
      score: r.score,
      finalLoss: r.finalLoss,
      steps: stepsTaken(round.walks[r.playerId]!),
      outcome: r.outcome,
    }));
  const grid = wireGrid(await deps.landscapes.grid(id));
  return { grid, paths: revealed, notes: debriefNotes(paths, land), results, losses };
}

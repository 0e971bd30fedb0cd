// The reveal: true (full-batch) final altitudes, verdicts, scores, the debrief and the map.
// Everything a round's end shows is computed here from the room's state, in one place.
import { classifyPath, debriefNotes, type DebriefLandscape, type DebriefPath } from "../../lib/game/debrief";
import { scoreWalk } from "../../lib/game/score";
import { here, stepsTaken } from "../../lib/game/walk";
import { encodeGridValues } from "../../lib/protocol/grid-codec";
import type { Footprint } from "../../lib/protocol/common";
import type { DebriefNote, RevealedPath, WireGrid } from "../../lib/protocol/server";
import type { LossGrid } from "../../lib/landscape/types";
import type { GhostPoint, RoomDeps } from "./deps";
import { ghostLr } from "./round-setup";
import { batchOpts } from "./seeds";
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
  const paths: DebriefPath[] = [];
  const losses: RevealData["losses"] = {};
  for (const seat of seatList(state)) {
    const walk = round.walks[seat.id];
    if (!walk) continue;
    const end = here(walk);
    const diverged = walk.status === "diverged";
    let final: number | null = null;
    if (!diverged) final = round.rules.batch === 0 ? end.loss : (await deps.landscapes.probe(id, end.x, end.y)).loss;
    losses[seat.id] = { start: round.startLossFull, final };
    paths.push({ playerId: seat.id, nickname: seat.nickname, ghost: seat.ghost, footprints: walk.path, lrs: walk.lrs, diverged, startLoss: round.startLossFull, finalLoss: final });
  }
  // A solo walker is compared with plain gradient descent from the same start and budget.
  if (state.kind === "solo") {
    const lr = ghostLr("gd", round.landscape);
    const pts = await deps.landscapes.ghost(id, round.start, { optimizer: "gd", lr, steps: round.rules.budget, ...batchOpts(round.rules.batch, round.rules.seed, 0) });
    const fp = ghostFootprints(pts);
    const last = fp[fp.length - 1];
    const diverged = pts.length <= round.rules.budget && (last?.loss === null || pts.some((p) => !Number.isFinite(p.loss)));
    const final = !last || last.loss === null ? null : round.rules.batch === 0 ? last.loss : (await deps.landscapes.probe(id, last.x, last.y)).loss;
    paths.push({ playerId: "ghost-gd", nickname: "Ghost", ghost: "gd", footprints: fp, lrs: fp.slice(1).map(() => lr), diverged: diverged && final === null, startLoss: round.startLossFull, finalLoss: final });
  }
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

// The reveal: the true (full-batch) values along every path, the ground where each walk stalled,
// verdicts, scores, the debrief and the map, all in the round's player coordinates. The measuring
// is done here (I/O); every judgement is a pure function of lib/game.
import { analyseWalk, ringRequests, type LandFacts, type TrueValue, type WalkAnalysis, type WalkRecord } from "../../lib/game/analysis";
import { ghostNote, roomNotes, walkNotes, type DebriefLand } from "../../lib/game/debrief";
import { scoreWalk } from "../../lib/game/score";
import { ghostBudget } from "../../lib/game/compute";
import { roundGrid } from "../../lib/game/transform";
import { fieldOf } from "../../lib/landscape/grid";
import { canStep, finishWalk, footprintsOn, insideExtent, recordStep, sliceOf, startWalk, stepsTaken, type Walk } from "../../lib/game/walk";
import { roomTurnNote, turnEffects, turnNotes } from "../../lib/game/turns";
import { valleyTolerance } from "../../lib/game/altitude";
import { encodeGridValues } from "../../lib/protocol/grid-codec";
import type { Footprint, Moment, RoundEnd } from "../../lib/protocol/common";
import type { DebriefNote, RevealedPath, RevealedTeam, VisitedSlice, WireGrid } from "../../lib/protocol/server";
import { teamNoise, teamNoteText, teamWalk, type Team } from "../../lib/game/teams";
import { publicTeam } from "./views";
import type { AltitudeScale } from "../../lib/game/altitude";
import type { Extent, LandscapeInfo, LossGrid } from "../../lib/landscape/types";
import type { GhostPoint, RoomDeps } from "./deps";
import { frameOf, ghostLr, planGhost } from "./round-setup";
import { sliceFrame, truthAt, type Frame } from "./measure";
import { probeReach } from "../../lib/game/room/rules";
import { momentsOf } from "./sight";
import { seatList, type RoomState, type RoundResult, type RoundState } from "../../lib/game/room/state";

/** Everything the reveal sends and stores. */
export interface RevealData {
  grid: WireGrid;
  scale: AltitudeScale;
  ended: RoundEnd;
  paths: RevealedPath[];
  /** Notes for the room (solo: the walker's own notes and the ghost's). */
  notes: DebriefNote[];
  /** Each human seat's notes about its own walk. */
  personal: Record<string, DebriefNote[]>;
  results: RoundResult[];
  /** Each human seat's moments: the network at its walk's start, worst stall and end. */
  moments: Record<string, Moment[]>;
  /** Each human seat's slices visited after turning the map, revealed (only to that seat). */
  slices: Record<string, VisitedSlice[]>;
  /** A team round's teams: every tick's proposals against the averaged move, and the noise it cut. */
  teams?: RevealedTeam[];
}

/** Most points a side of a turned slice's reveal grid: odd, so the walker's origin (the centre) is a grid point. */
export const TURNED_GRID_SIZE = 129;
/** Fewest points a side of a turned slice's grid, however many slices a room visited. */
export const TURNED_GRID_MIN = 33;
/**
 * Points of all turned slices' grids in one reveal: a class where everyone turned three times gets
 * coarser maps of their slices, not a reveal that waits minutes. Measured on one core (wasm): a
 * 129² grid of The Badlands takes 1.1 s, of Two Valleys 0.9 s; this budget is about 9 of them.
 */
export const TURNED_POINTS_BUDGET = 150_000;

/** The side of each turned slice's grid when a reveal maps `slices` of them: odd, within [TURNED_GRID_MIN, TURNED_GRID_SIZE]. */
export function turnedGridSize(slices: number): number {
  const side = Math.floor(Math.sqrt(TURNED_POINTS_BUDGET / Math.max(1, slices)));
  const odd = side % 2 === 1 ? side : side - 1;
  return Math.max(TURNED_GRID_MIN, Math.min(TURNED_GRID_SIZE, odd));
}

/** A ghost's planned point as a footprint. */
export function ghostFootprint(p: GhostPoint): Footprint {
  return { x: p.x, y: p.y, loss: Number.isFinite(p.loss) ? p.loss : null, grad: Number.isFinite(p.gx) && Number.isFinite(p.gy) ? [p.gx, p.gy] : [0, 0] };
}

/**
 * Records a ghost's next planned point as one step of its walk, by the players' rules (off the map
 * ends it as left or diverged). In a full-batch round what it felt is the truth. The live ghost of a
 * race and the solo reveal's ghost both walk through here.
 */
export function ghostStep(walk: Walk, next: GhostPoint, extent: Extent, lr: number, fullBatch: boolean, explodesAbove: number): Walk {
  const fp = ghostFootprint(next);
  const felt = fp.loss !== null ? { loss: fp.loss, grad: fp.grad } : null;
  return recordStep(walk, [next.x, next.y], lr, { felt, truth: fullBatch ? felt : null, inside: insideExtent(extent, next.x, next.y), explodesAbove });
}

/** A ghost's whole planned path as a walk: from its first point, one step per later point. */
export function ghostWalk(points: GhostPoint[], extent: Extent, lr: number, budget: number, fullBatch: boolean, explodesAbove: number): Walk {
  const [first, ...rest] = points;
  if (!first) throw new Error("a ghost's path has at least its start");
  const start = ghostFootprint(first);
  let walk = startWalk(start, budget, fullBatch && start.loss !== null ? { loss: start.loss, grad: start.grad } : null);
  for (const p of rest) {
    if (!canStep(walk)) break;
    walk = ghostStep(walk, p, extent, lr, fullBatch, explodesAbove);
  }
  return finishWalk(walk);
}

/** A loss above this, off the map, counts as exploded. */
export function explosionLevel(scale: AltitudeScale): number {
  return 10 * Math.max(scale.max, scale.chance);
}

/** The round's grid as its players see it: the window cropped from the field grid and turned like the round. */
export function wireGrid(field: LossGrid, info: LandscapeInfo, f: Frame): WireGrid {
  const g = roundGrid(f.map, field, fieldOf(info).margin);
  return { size: g.size, extent: g.extent, values: encodeGridValues(g.values), min: g.min, max: g.max };
}

/** Fills the true values a walk does not know yet (minibatch footprints), measured on the full batch (each on its own slice). */
async function withTruth(deps: RoomDeps, f: Frame, walk: Walk): Promise<(TrueValue | null)[]> {
  return Promise.all(walk.path.map(async (p, i) => {
    const known = walk.truth[i];
    if (known !== undefined && known !== null) return known;
    if (p.loss === null) return null; // nothing finite was felt there: the walk diverged
    const t = await truthAt(deps.landscapes, sliceFrame(f, walk, sliceOf(walk, i)), [p.x, p.y], "bulk");
    return Number.isFinite(t.loss) ? t : null;
  }));
}

/** The losses on the rings around each stall of a walk, by footprint index. */
async function ringsOf(deps: RoomDeps, f: Frame, record: WalkRecord, land: LandFacts, walk: Walk): Promise<Map<number, number[]>> {
  const rings = new Map<number, number[]>();
  for (const req of ringRequests(record, land)) {
    const on = sliceFrame(f, walk, sliceOf(walk, req.at));
    rings.set(req.at, await Promise.all(req.points.map(async (p) => (await truthAt(deps.landscapes, on, p, "bulk")).loss)));
  }
  return rings;
}

/** The walks of the round: every seat's, and in a solo round plain gradient descent's from the same start. */
async function walkersOf(deps: RoomDeps, state: RoomState, round: RoundState): Promise<{ playerId: string; nickname: string; ghost: WalkRecord["ghost"]; walk: Walk }[]> {
  const walkers = seatList(state).filter((s) => round.walks[s.id]).map((s) => ({ playerId: s.id, nickname: s.nickname, ghost: s.ghost, walk: round.walks[s.id]! }));
  if (state.kind === "solo") {
    // Plain gradient descent from the same start, for as many steps as the walker took, and at
    // least the landscape's usual budget: never much more work than the walker's own walk.
    const taken = Math.max(0, ...walkers.map((w) => stepsTaken(w.walk)));
    const budget = ghostBudget(round.rules.budget, round.rules.slope);
    const steps = Math.min(budget, Math.max(taken, round.landscape.defaultBudget));
    const pts = await planGhost(deps, frameOf(round), "gd", round.rules, round.start, steps);
    const lr = ghostLr("gd", round.landscape);
    walkers.push({ playerId: "ghost-gd", nickname: "Ghost", ghost: "gd", walk: ghostWalk(pts, round.landscape.extent, lr, budget, round.rules.batch === 0, explosionLevel(round.scale)) });
  }
  return walkers;
}

/** Computes the reveal of the room's current round, ended by `end` (`slices: false`: without the maps of the slices walkers turned onto). */
export async function computeReveal(deps: RoomDeps, state: RoomState, end: RoundEnd, opts: { slices?: boolean } = {}): Promise<RevealData> {
  const round = state.round;
  if (!round) throw new Error("reveal without a round");
  const f = frameOf(round);
  const info = round.landscape;
  const land: LandFacts & DebriefLand = {
    room: state.kind, scale: round.scale, extent: info.extent, suggestedLr: info.lr.suggested, batch: round.rules.batch,
    samples: info.dataset.samples, budget: round.rules.budget, params: info.params, ...(round.rules.passes ? { passes: round.rules.passes } : {}),
  };
  const probing = round.rules.slope === "probe" ? { probeH: probeReach(round) } : null;
  const walkers = await walkersOf(deps, state, round);
  const truths: (TrueValue | null)[][] = [];
  const analyses: WalkAnalysis[] = await Promise.all(walkers.map(async (w, i) => {
    const record: WalkRecord = { playerId: w.playerId, nickname: w.nickname, ghost: w.ghost, footprints: w.walk.path, truth: await withTruth(deps, f, w.walk), lrs: w.walk.lrs, betas: w.walk.betas, status: w.walk.status, ...(probing && w.ghost === null ? { probes: w.walk.probes ?? [], ...probing } : {}), ...(w.walk.turns?.length ? { turnedAt: w.walk.turns.map((t) => t.index) } : {}) };
    truths[i] = record.truth;
    return analyseWalk(record, await ringsOf(deps, f, record, land, w.walk), land);
  }));
  // Each slice a walker turned onto: its map, computed now (bulk lane), and the footprints on it.
  const slices: Record<string, VisitedSlice[]> = {};
  const turnedNotes: Record<string, DebriefNote[]> = {};
  const turnedBy: Parameters<typeof roomTurnNote>[0][number][] = [];
  const gridSize = turnedGridSize(walkers.reduce((n, w) => n + (w.ghost === null && state.seats[w.playerId] ? w.walk.turns?.length ?? 0 : 0), 0));
  await Promise.all(walkers.map(async (w, i) => {
    const turns = w.walk.turns ?? [];
    if (!turns.length || w.ghost !== null || !state.seats[w.playerId]) return;
    // The slices' maps go to their walkers with their result; a homework's results page draws none.
    if (opts.slices !== false) slices[w.playerId] = await Promise.all(turns.map(async (t, k) => {
      const g = await deps.landscapes.turnedGrid(info.id, sliceFrame(f, w.walk, k + 1).turns!, gridSize, info.extent);
      const grid: WireGrid = { size: g.size, extent: g.extent, values: encodeGridValues(g.values), min: g.min, max: g.max };
      return { no: k + 2, fromStep: t.index, grid, footprints: footprintsOn(w.walk, k + 1).footprints };
    }));
    const effects = turnEffects(truths[i]!.map((t) => t?.loss ?? null), turns.map((t) => t.index), valleyTolerance(round.scale));
    turnedNotes[w.playerId] = turnNotes(effects, { playerId: w.playerId, nickname: w.nickname, you: true }, info.params);
    turnedBy.push({ playerId: w.playerId, nickname: w.nickname, effects });
  }));
  const teams = round.teams?.map((t) => revealTeam(t, round, walkers.map((w) => w.walk), truths));
  const size = info.extent.x[1] - info.extent.x[0];
  const paths: RevealedPath[] = walkers.map((w, i) => {
    const a = analyses[i]!;
    // The map revealed is the round's own slice: a walk that turned shows the part walked on it.
    const turns = w.walk.turns?.length ?? 0;
    return {
      playerId: w.playerId, nickname: w.nickname, ghost: w.ghost, footprints: turns ? footprintsOn(w.walk, 0).footprints : w.walk.path, outcome: a.outcome,
      score: scoreWalk({ scale: round.scale, finalLoss: a.finalLoss, steps: a.steps }), finalLoss: a.finalLoss, ...(turns ? { turns } : {}),
    };
  });
  const personal: Record<string, DebriefNote[]> = {};
  analyses.forEach((a) => { if (a.ghost === null && state.seats[a.playerId]) personal[a.playerId] = [...walkNotes(a, land, end), ...(turnedNotes[a.playerId] ?? [])]; });
  const ghostNotes = analyses.filter((a) => a.ghost !== null).map((a) => ghostNote(a, ghostLr(a.ghost!, info)));
  const humans = analyses.filter((a) => a.ghost === null);
  const turnNote = roomTurnNote(turnedBy);
  // Each team's note goes to the room and to each of its members.
  const teamNotes: DebriefNote[] = (teams ?? []).map((t, i) => {
    const note: DebriefNote = { kind: "team", text: teamNoteText(round.teams![i]!, t.noise, round.rules.batch), playerId: t.members.find((m) => m.playerId)?.playerId ?? null };
    for (const m of t.members) if (m.playerId) personal[m.playerId]?.push(note);
    return note;
  });
  const notes = state.kind === "solo" ? [...(humans[0] ? personal[humans[0].playerId] ?? [] : []), ...ghostNotes] : [...roomNotes(analyses, land, end, size), ...(turnNote ? [turnNote] : []), ...teamNotes, ...ghostNotes];
  const moments: Record<string, Moment[]> = {};
  await Promise.all(analyses.map(async (a, i) => {
    if (a.ghost === null && state.seats[a.playerId]) moments[a.playerId] = await momentsOf(deps.landscapes, f, walkers[i]!.walk, a, truths[i]!);
  }));
  const results: RoundResult[] = paths
    .filter((p) => state.seats[p.playerId])
    .map((p) => ({ roundNo: round.no, landscapeId: info.id, seatId: p.playerId, nickname: p.nickname, score: p.score, finalLoss: p.finalLoss, steps: stepsTaken(round.walks[p.playerId]!), outcome: p.outcome }));
  return { grid: wireGrid(await deps.landscapes.field(info.id), info, f), scale: round.scale, ended: end, paths, notes, personal, results, moments, slices, ...(teams ? { teams } : {}) };
}

/**
 * A team at the reveal: each tick's proposals as where each member alone would have stepped, the
 * averaged move, and the noise averaging cut, measured against the full-batch slope along the
 * team's path (the truth of its longest member walk).
 */
function revealTeam(team: Team, round: RoundState, walks: Walk[], truths: (TrueValue | null)[][]): RevealedTeam {
  const tw = teamWalk(team, round.walks);
  const truth = tw ? truths[walks.indexOf(tw)] : undefined;
  const noise = teamNoise(team, (k) => truth?.[k - 1]?.grad ?? null);
  const ticks = team.ticks.map((t) => ({
    k: t.k,
    from: t.from,
    proposals: Object.entries(t.proposals).map(([key, p]) => ({ key, to: [t.from[0] + p.delta[0], t.from[1] + p.delta[1]] as [number, number] })),
    to: [t.from[0] + t.move[0], t.from[1] + t.move[1]] as [number, number],
  }));
  return { ...publicTeam(team), ticks, noise };
}

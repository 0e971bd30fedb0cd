// Preparing a round: check the rules (ranked rounds get the landscape's fixed ones), build (or
// load) the landscape, read its altitude scale, pick the start and the map's turn from the seed,
// feel the start, and plan the ghosts. Everyone in the room starts from the same point.
import type { GhostKind, RoundRules } from "../../lib/protocol/common";
import { computeSteps } from "../../lib/game/compute";
import type { Play } from "../../lib/protocol/client";
import type { LandscapeInfo } from "../../lib/landscape/types";
import { gameError, type GameError } from "../../lib/protocol/errors";
import { startWalk, turnPreset } from "../../lib/game/walk";
import { pickStart, roundGrid, roundMapOf, toPlayer, toSlice, windowOf } from "../../lib/game/transform";
import { mixSeed } from "../../lib/landscape/prng";
import { fieldOf } from "../../lib/landscape/grid";
import type { GhostPoint, RoomDeps } from "./deps";
import { startOptimizer } from "../../lib/game/optimizer";
import type { ResolvedRules, RoundState, Seat } from "../../lib/game/room/state";
import { batchOpts, ghostBatchOpts } from "./seeds";
import { ghostBudget } from "../../lib/game/compute";
import { feelAt, ghostToPlayer, truthAt, type Frame } from "./measure";
import { formTeams, type Team } from "../../lib/game/teams";
import type { Footprint } from "../../lib/protocol/common";

/**
 * A landscape's ranked rules: its default budget, the full batch (the true slope), no clock, and the
 * turns of the map its preset allows (The Badlands).
 * Fixed per landscape, so a chosen budget or batch cannot buy points.
 */
export function rankedRules(info: LandscapeInfo): RoundRules {
  const turns = turnPreset(info.id);
  return { landscapeId: info.id, budget: info.defaultBudget, batch: 0, timeLimitSec: 0, showOthers: false, ...(turns ? { turns } : {}) };
}

/** The landscape of an id, or the error that names the valid ones. */
function landscapeOf(deps: RoomDeps, id: string): LandscapeInfo | GameError {
  const info = deps.landscapes.catalog().find((l) => l.id === id);
  if (info) return info;
  const ids = deps.landscapes.catalog().map((l) => l.id).join(", ");
  return gameError("unknown_landscape", `There is no landscape called "${id}". Try one of: ${ids}.`);
}

/** Checks custom rules against the catalog (landscape exists, batch fits the dataset); resolves the seed. Never ranked. */
export function resolveRules(deps: RoomDeps, rules: RoundRules): ResolvedRules | GameError {
  const info = landscapeOf(deps, rules.landscapeId);
  if ("code" in info) return info;
  if (rules.batch > info.dataset.samples) {
    return gameError("bad_rules", `A batch of ${rules.batch} is larger than the ${info.dataset.samples} samples of ${info.dataset.title}; use 0 for the full batch.`);
  }
  if (rules.passes && rules.slope === "probe") {
    return gameError("bad_rules", "A round without backprop already counts forward passes: give it a budget of passes, not passes over the data.");
  }
  if (rules.teamSize && rules.slope === "probe") {
    return gameError("bad_rules", "Teams average the slopes their members feel; a round without backprop gives nobody a slope to average. Choose teams or no backprop, not both.");
  }
  if (rules.teamSize && rules.turns) {
    return gameError("bad_rules", "A team shares one position on one map; turning the map would put a member on a slice of their own. Choose teams or turns of the map, not both.");
  }
  return { ...rules, budget: rules.passes ? computeSteps(rules.passes, rules.batch, info.dataset.samples) : rules.budget, seed: rules.seed ?? deps.chance.seed(), ranked: false };
}

/** The rules of a solo round or race: ranked ones are the landscape's own, with a seed the server draws. */
export function resolvePlay(deps: RoomDeps, play: Play): ResolvedRules | GameError {
  if (play.mode === "custom") return resolveRules(deps, play.rules);
  const info = landscapeOf(deps, play.landscapeId);
  if ("code" in info) return info;
  return { ...rankedRules(info), seed: deps.chance.seed(), ranked: true };
}

/** The seed of round `no` under these rules: ranked rounds draw a fresh one, custom ones count up from the chosen seed. */
export function roundSeed(deps: RoomDeps, rules: ResolvedRules, no: number): number {
  if (rules.ranked) return no === 1 ? rules.seed : deps.chance.seed();
  return no === 1 ? rules.seed : (rules.seed + no - 1) % 2_147_483_647;
}

/**
 * Builds the round: its window (shift and turn, from the seed), the altitude scale of that window,
 * the start, the felt start, a walk per seat (ghost seats walk their planned path).
 */
export async function prepareRound(deps: RoomDeps, no: number, rules: ResolvedRules, ghosts: GhostKind[], seats: Seat[], onProgress?: (fraction: number, label: string) => void): Promise<RoundState> {
  const built = await deps.landscapes.ensure(rules.landscapeId, onProgress);
  const field = await deps.landscapes.field(rules.landscapeId);
  const info = built.info;
  const f = fieldOf(info);
  const map = roundMapOf(rules.seed, info.extent, f.margin, f.spacing);
  const frame: Frame = { landscapeId: info.id, map };
  const window = roundGrid(map, field, f.margin);
  // A listed start keeps its place on the map whatever the window (turned with it, not shifted),
  // so the landscape under it moves: take the first one, in the seed's order, that stands high.
  const places = info.starts.map((s) => toPlayer({ ...map, cells: [0, 0] }, s));
  const heights = await Promise.all(places.map(async (p) => (await truthAt(deps.landscapes, frame, p)).loss));
  const start = places[pickStart(mixSeed(rules.seed, 1) % places.length, heights, info.chance)]!;
  const felt = await feelAt(deps.landscapes, frame, start, batchOpts(rules.batch, rules.seed, 0));
  const truth = rules.batch > 0 ? await truthAt(deps.landscapes, frame, start) : { loss: felt.loss, grad: felt.grad };
  const footprint = { x: start[0], y: start[1], loss: felt.loss, grad: felt.grad };
  const walks: RoundState["walks"] = {};
  const ghostStates: RoundState["ghostStates"] = {};
  for (const seat of seats) {
    // A ghost has backprop: where walkers pay in forward passes, the same compute buys it fewer steps.
    walks[seat.id] = startWalk(footprint, seat.ghost ? ghostBudget(rules.budget, rules.slope) : rules.budget, truth);
    if (seat.ghost) ghostStates[seat.id] = startOptimizer(seat.ghost);
  }
  const teams = rules.teamSize ? await startTeams(deps, frame, rules, seats.filter((s) => !s.ghost), start, walks, footprint) : undefined;
  return {
    no,
    rules,
    ranked: rules.ranked,
    landscape: info,
    scale: { min: window.min.loss, chance: info.chance, max: window.max },
    map,
    start: [start[0], start[1]],
    startLossFull: truth.loss,
    startsAt: null,
    endsAt: null,
    walks,
    ghosts,
    ghostStates,
    ended: null,
    pausedRemainingMs: null,
    ...(teams ? { teams } : {}),
  };
}

/**
 * Forms the round's teams (lib/game/teams.ts) and feels the start on each member's own minibatch:
 * a member's walk starts with their own slope, a ghost teammate's is kept on the team.
 */
async function startTeams(deps: RoomDeps, frame: Frame, rules: ResolvedRules, people: Seat[], start: [number, number], walks: RoundState["walks"], shared: Footprint): Promise<Team[]> {
  const teams = formTeams(people.map((s) => s.id), Object.fromEntries(people.map((s) => [s.id, s.nickname])), rules.teamSize!, rules.seed);
  await Promise.all(teams.flatMap((team) => team.members.map(async (m) => {
    const own = rules.batch > 0 ? await feelAt(deps.landscapes, frame, start, batchOpts(rules.batch, m.batchSeed, 0)) : { loss: shared.loss ?? 0, grad: shared.grad };
    if (m.seatId === null) team.mateGrads[m.key] = [own.grad[0], own.grad[1]];
    else walks[m.seatId]!.path[0] = { x: start[0], y: start[1], loss: own.loss, grad: [own.grad[0], own.grad[1]] };
  })));
  return teams;
}

/**
 * An optimizer's walk of `steps` steps from a start, computed by the core in one bulk task within
 * the round's window, in player coordinates (the solo reveal's comparison).
 */
export async function planGhost(deps: RoomDeps, frame: Frame, kind: GhostKind, rules: ResolvedRules, start: readonly [number, number], steps: number): Promise<GhostPoint[]> {
  const q = toSlice(frame.map, start);
  const planned = await deps.landscapes.ghost(frame.landscapeId, [q[0], q[1]], {
    optimizer: kind,
    lr: ghostLr(kind, (await deps.landscapes.ensure(frame.landscapeId)).info),
    steps,
    window: windowOf(frame.map),
    lane: "bulk",
    ...ghostBatchOpts(rules.batch, rules.seed),
  });
  return ghostToPlayer(frame, planned);
}

/** The frame a round measures in. */
export function frameOf(round: RoundState): Frame {
  return { landscapeId: round.landscape.id, map: round.map };
}

/** Each optimizer at a sensible step size for this landscape. */
export function ghostLr(kind: GhostKind, info: LandscapeInfo): number {
  // Momentum's steady-state step is lr/(1−β) times the slope: a fifth of plain GD's lr keeps it stable.
  if (kind === "momentum") return info.lr.suggested / 5;
  // Adam's step is about lr in slice units whatever the slope's scale: 2 % of the map's width.
  if (kind === "adam") return 0.02 * (info.extent.x[1] - info.extent.x[0]);
  return info.lr.suggested;
}

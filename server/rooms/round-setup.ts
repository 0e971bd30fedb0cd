// Preparing a round: build (or load) the landscape, pick the start from the seed, feel it, and
// plan the ghosts. Everyone in the room starts from the same point.
import type { GhostKind } from "../../lib/protocol/common";
import type { LandscapeInfo } from "../../lib/landscape/types";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { RoundRules } from "../../lib/protocol/common";
import { startWalk } from "../../lib/game/walk";
import type { RoomDeps } from "./deps";
import type { ResolvedRules, RoundState, Seat } from "./state";
import { mixSeed } from "../../lib/landscape/prng";
import { batchOpts, ghostBatchOpts } from "./seeds";

/** Checks rules against the catalog (landscape exists, batch fits the dataset); resolves the seed. */
export function resolveRules(deps: RoomDeps, rules: RoundRules): ResolvedRules | GameError {
  const info = deps.landscapes.catalog().find((l) => l.id === rules.landscapeId);
  if (!info) {
    const ids = deps.landscapes.catalog().map((l) => l.id).join(", ");
    return gameError("unknown_landscape", `There is no landscape called "${rules.landscapeId}". Try one of: ${ids}.`);
  }
  if (rules.batch > info.dataset.samples) {
    return gameError("bad_rules", `A batch of ${rules.batch} is larger than the ${info.dataset.samples} samples of ${info.dataset.title}; use 0 for the full batch.`);
  }
  return { ...rules, seed: rules.seed ?? deps.chance.seed() };
}

/** Builds the round: start point, felt start, a walk per seat (ghost seats walk their planned path). */
export async function prepareRound(deps: RoomDeps, no: number, rules: ResolvedRules, ghosts: GhostKind[], seats: Seat[]): Promise<RoundState> {
  const built = await deps.landscapes.ensure(rules.landscapeId);
  const info = built.info;
  const starts = info.starts;
  const start = starts[mixSeed(rules.seed, 1) % starts.length] ?? starts[0] ?? [0, 0];
  const id = info.id;
  const felt = await deps.landscapes.probe(id, start[0], start[1], batchOpts(rules.batch, rules.seed, 0));
  const full = rules.batch > 0 ? await deps.landscapes.probe(id, start[0], start[1]) : felt;
  const footprint = { x: start[0], y: start[1], loss: felt.loss, grad: felt.grad };
  const walks: RoundState["walks"] = {};
  const trueLoss: RoundState["trueLoss"] = {};
  const ghostPaths: RoundState["ghostPaths"] = {};
  for (const seat of seats) {
    walks[seat.id] = startWalk(footprint, rules.budget);
    trueLoss[seat.id] = full.loss;
    if (seat.ghost) {
      ghostPaths[seat.id] = await deps.landscapes.ghost(id, [start[0], start[1]], {
        optimizer: seat.ghost,
        lr: ghostLr(seat.ghost, info),
        steps: rules.budget,
        ...ghostBatchOpts(rules.batch, rules.seed),
      });
    }
  }
  return {
    no,
    rules,
    landscape: info,
    minLoss: built.minimum.loss,
    start: [start[0], start[1]],
    startLossFull: full.loss,
    startsAt: null,
    endsAt: null,
    walks,
    trueLoss,
    ghosts,
    ghostPaths,
  };
}

/** Each optimizer at a sensible step size for this landscape. */
export function ghostLr(kind: GhostKind, info: LandscapeInfo): number {
  // Momentum's steady-state step is lr/(1−β) times the slope: a fifth of plain GD's lr keeps it stable.
  if (kind === "momentum") return info.lr.suggested / 5;
  // Adam's step is about lr in slice units whatever the slope's scale: 2 % of the map's width.
  if (kind === "adam") return 0.02 * (info.extent.x[1] - info.extent.x[0]);
  return info.lr.suggested;
}

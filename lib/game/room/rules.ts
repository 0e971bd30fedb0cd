// A room's rules as pure functions of its state: who may do what, and which events an accepted
// intent becomes. The server asks these, appends the events to the room's log, applies them
// (apply.ts), and keeps only what is not a rule: timers, sockets, measurements. An error is a
// value with a human sentence, and changes nothing.
import { gameError, type GameError } from "../../protocol/errors";
import type { GhostKind, RoundEnd } from "../../protocol/common";
import { inValley } from "../altitude";
import { currentTrueLoss } from "../live";
import { optimizerStep, type OptimizerState } from "../optimizer";
import { nextPhase, isGameError } from "../phase";
import { canStep, here, justTurned, PROBE_SHARE, slopeHere, stepsLeft, stepsTaken, TURN_COST, type StepDir, type Walk } from "../walk";
import { mixSeed } from "../../landscape/prng";
import type { RoundState } from "./state";
import { proposalOf, teamOf, type Team } from "../teams";
import type { RoomEvent } from "./events";
import { POLICY } from "./policy";
import { seatList, type ResolvedRules, type RoomState, type Seat } from "./state";

/** Largest roster of a room (ghosts included). */
export const MAX_SEATS = 100;

/** Display names of the ghosts. */
export const GHOST_NAMES: Record<GhostKind, string> = { gd: "Ghost GD", momentum: "Ghost Momentum", adam: "Ghost Adam" };

/** What a new seat gets that only the server can make: an id, a reconnection token, a time. */
export interface Fresh {
  id: string;
  token: string;
  at: number;
}

/** Whether a person is barred from the room: their seat token, browser id or address belongs to a removed seat. */
export function isBarred(state: RoomState, who: { token?: string; device: string | null; address: string }): boolean {
  return state.removed.some((r) => (who.token !== undefined && r.token === who.token) || (who.device !== null && r.device === who.device) || (r.address !== "" && r.address === who.address));
}

/** The error for a nickname someone else here already has, or null. */
export function nameTaken(state: RoomState, nickname: string, except: string | null): GameError | null {
  const key = nickname.trim().toLowerCase();
  return seatList(state).some((s) => s.id !== except && s.nickname.toLowerCase() === key)
    ? gameError("nickname_taken", `Someone here is already called "${nickname.trim()}". Pick another name.`)
    : null;
}

/** Renaming a seat: the event, none when the name is unchanged, or why not. */
export function rename(state: RoomState, seatId: string, nickname: string, at: number): RoomEvent[] | GameError {
  const seat = state.seats[seatId];
  if (!seat || seat.ghost) return gameError("bad_message", "There is no such player in this room.");
  if (seat.nickname === nickname.trim()) return [];
  return nameTaken(state, nickname, seatId) ?? [{ at, type: "renamed", seatId, nickname: nickname.trim() }];
}

/**
 * A person joins. One person, one seat: a browser id that already holds a seat here (or, for a
 * client that sends none, the same address) gets that seat back, renamed if asked, so the room's
 * cap is reached only by distinct people. Resolves to the seat and the events, or why not.
 */
export function join(state: RoomState, who: { nickname: string; device: string | null; address: string; ghost?: GhostKind | null; owner?: boolean }, fresh: Fresh): { seatId: string; events: RoomEvent[] } | GameError {
  const ghost = who.ghost ?? null;
  if (state.phase === "ended") return gameError("wrong_phase", "This session has ended.");
  if (ghost === null && isBarred(state, who)) return gameError("kicked", "The host removed you from this room.");
  const seats = seatList(state);
  const mine = ghost === null ? seats.find((s) => s.ghost === null && (who.device ? s.device === who.device : s.device === null && s.address === who.address)) : undefined;
  if (mine) {
    const renamed = rename(state, mine.id, who.nickname, fresh.at);
    return isGameError(renamed) ? renamed : { seatId: mine.id, events: renamed };
  }
  if (seats.length >= MAX_SEATS) return gameError("room_full", `This room is full (${MAX_SEATS} players).`);
  const taken = nameTaken(state, who.nickname, null);
  if (taken) return taken;
  const seat: Seat = {
    id: fresh.id, nickname: who.nickname.trim(), token: fresh.token, device: who.device, address: who.address,
    ghost, total: 0, joinedAt: fresh.at + seats.length * 1e-3,
  };
  return { seatId: seat.id, events: [{ at: fresh.at, type: "joined", seat, owner: who.owner ?? false }] };
}

/** The host removes a student: the event, or why not. */
export function removeSeat(state: RoomState, seatId: string, at: number): RoomEvent[] | GameError {
  const seat = state.seats[seatId];
  if (!seat || seat.ghost) return gameError("bad_message", "There is no such player in this room.");
  if (seatId === state.ownerSeat) return gameError("bad_message", "The host cannot remove themselves.");
  return [{ at, type: "removed", seatId }];
}

/** The host lets a removed student back in: the event, or why not. */
export function readmit(state: RoomState, removedId: string, at: number): RoomEvent[] | GameError {
  return state.removed.some((r) => r.id === removedId) ? [{ at, type: "readmitted", removedId }] : gameError("bad_message", "Nobody with that id was removed from this room.");
}

/**
 * The next round's rules and ghosts: the events (the rules, then one ghost seat per chosen
 * optimizer, and none for the others), or why not. `fresh` makes a new ghost seat's id and token.
 */
export function configure(state: RoomState, rules: ResolvedRules, ghosts: GhostKind[], fresh: (k: number) => Fresh): RoomEvent[] | GameError {
  const phase = nextPhase(state.phase, "setup");
  if (isGameError(phase)) return phase;
  const chosen = [...new Set(ghosts)];
  const at = fresh(0).at;
  const events: RoomEvent[] = [{ at, type: "configured", rules, ghosts: chosen }];
  for (const seat of seatList(state)) if (seat.ghost && !chosen.includes(seat.ghost)) events.push({ at, type: "left", seatId: seat.id });
  let k = 0;
  for (const g of chosen) {
    if (seatList(state).some((s) => s.ghost === g)) continue;
    const f = fresh(++k);
    const seat: Seat = { id: f.id, nickname: GHOST_NAMES[g], token: f.token, device: null, address: "", ghost: g, total: 0, joinedAt: f.at + k * 1e-3 + seatList(state).length * 1e-3 };
    events.push({ at, type: "joined", seat, owner: false });
  }
  return events;
}

/** Whether a round may start, and who walks in it: every ghost and every connected person. */
export function startCheck(state: RoomState, connected: (seatId: string) => boolean): { rules: ResolvedRules; walkers: Seat[] } | GameError {
  const rules = state.nextRules;
  if (!rules) return gameError("wrong_phase", "Choose a landscape and rules before starting a round.");
  if (state.phase !== "lobby" && state.phase !== "revealed") return gameError("wrong_phase", "A round can start only from the lobby or after a reveal.");
  const walkers = seatList(state).filter((x) => x.ghost || connected(x.id));
  if (!walkers.some((x) => !x.ghost)) return gameError("wrong_phase", "Nobody has joined yet: a round needs at least one player.");
  return { rules, walkers };
}

/**
 * What every walker's intent needs (a step, a feeling around, a turn): a running round, a walk of
 * one's own, budget left (unless `spendable` is false) and a walk that has not ended.
 */
function walkingWalk(state: RoomState, seatId: string, spendable = true): Walk | GameError {
  const round = state.round;
  if (state.phase === "countdown") return gameError("wrong_phase", "The round has not started yet: wait for the countdown.");
  if (state.phase === "paused") return gameError("wrong_phase", "The round is paused.");
  const walk = round?.walks[seatId];
  if (!round || state.phase !== "running") return gameError("round_over", "There is no round running: this round is over.");
  if (!walk) return gameError("wrong_phase", "You joined during this round: you will walk from the next one.");
  if (spendable && (walk.status === "spent" || (walk.status === "walking" && stepsLeft(walk) === 0))) return gameError("budget_spent", `You have used all ${walk.budget} ${round.rules.slope === "probe" ? "forward passes" : "steps"}.`);
  if (!canStep(walk)) return gameError("round_over", "Your walk in this round has ended.");
  return walk;
}

/** A step intent's admission (phase, a walk of one's own, the budget, the order, the landscape's step-size range): the walk, or why not. */
export function stepCheck(state: RoomState, seatId: string, seq: number, lr: number): Walk | GameError {
  const walk = walkingWalk(state, seatId);
  if (isGameError(walk)) return walk;
  const round = state.round!;
  const expected = stepsTaken(walk) + 1;
  if (seq !== expected) return gameError("out_of_order", `That was step ${seq}, but your next step is number ${expected}.`);
  const range = round.landscape.lr;
  // The slider's log scale can land a hair outside the range through rounding: allow 1e-9.
  if (!(lr >= range.min * (1 - 1e-9) && lr <= range.max * (1 + 1e-9))) {
    return gameError("bad_step", `On ${round.landscape.name} the step size goes from ${range.min} to ${range.max}; ${lr.toPrecision(3)} is outside that range.`);
  }
  return walk;
}

/** A feeling around (a round without backprop): the walk, or why not. */
export function probeCheck(state: RoomState, seatId: string): Walk | GameError {
  if (state.round && state.round.rules.slope !== "probe") return gameError("wrong_phase", "This round gives you the slope at every step: there is nothing to feel around for.");
  return walkingWalk(state, seatId);
}

/** How far a feeling around reaches in this round (1 % of the map's width). */
export function probeReach(round: RoundState): number {
  return PROBE_SHARE * (round.map.extent.x[1] - round.map.extent.x[0]);
}

/**
 * The slope a step of this walk follows: the one felt by backprop, or, in a round without
 * backprop, the walker's own estimate from its feelings around where it stands (none yet: why not).
 */
export function stepSlope(round: RoundState, walk: Walk): [number, number] | GameError {
  if (round.rules.slope !== "probe") return here(walk).grad;
  return slopeHere(walk, probeReach(round)) ?? gameError("bad_step", "Without backprop you only know the slope you have felt: feel around first (each feeling costs one forward pass), then step.");
}

/** Turns of the map a round's walkers may take: its rules' (0 where they allow none). */
export function turnsAllowed(rules: { turns?: number }): number {
  return rules.turns ?? 0;
}

/**
 * A turn intent's admission: the round runs, the rules allow another turn, the walker has not just
 * turned, and more steps are left than a turn costs (a turn must leave a step to take): the walk, or why not.
 */
export function turnCheck(state: RoomState, seatId: string): Walk | GameError {
  const walk = walkingWalk(state, seatId, false);
  if (isGameError(walk)) return walk;
  const round = state.round!;
  if (teamOf(round.teams, seatId)) return gameError("bad_step", "Your team shares one map: it cannot turn under one member.");
  const allowed = turnsAllowed(round.rules);
  const taken = walk.turns?.length ?? 0;
  if (allowed === 0) return gameError("bad_step", "This round's map does not turn.");
  if (taken >= allowed) return gameError("bad_step", `You have turned the map ${allowed} time${allowed === 1 ? "" : "s"}: that is all this round allows.`);
  if (justTurned(walk)) return gameError("bad_step", "You have just turned the map: take a step on this slice first.");
  if (stepsLeft(walk) <= TURN_COST) return gameError("budget_spent", `Turning the map costs ${TURN_COST} steps and must leave one to take; you have ${stepsLeft(walk)} left.`);
  return walk;
}

/** The seed of the fresh direction of a round's k-th turn (0-based): from the round's seed, so a replayed log turns the same way. */
export function turnSeed(roundSeed: number, k: number): number {
  return mixSeed(roundSeed, 0x7e5, k);
}

/**
 * A team member's step intent: admitted like a step (stepCheck), then once per tick. Resolves to
 * the member's walk and team, or why not.
 */
export function proposeCheck(state: RoomState, seatId: string, seq: number, lr: number): { walk: Walk; team: Team } | GameError {
  const walk = stepCheck(state, seatId, seq, lr);
  if (isGameError(walk)) return walk;
  const team = teamOf(state.round?.teams, seatId);
  if (!team) return gameError("bad_message", "You are not in a team this round.");
  if (team.pending[seatId]) return gameError("step_in_flight", `You have proposed your step ${seq}: team ${team.name} moves when every teammate has proposed, or in a few seconds.`);
  return { walk, team };
}

/** A member's proposal: the event, or why not. */
export function propose(state: RoomState, seatId: string, seq: number, dir: StepDir, lr: number, beta: number, at: number): RoomEvent[] | GameError {
  const ok = proposeCheck(state, seatId, seq, lr);
  if (isGameError(ok)) return ok;
  return [{ at, type: "proposed", seatId, teamId: ok.team.id, k: seq, proposal: proposalOf(ok.walk, dir, lr, beta) }];
}

/** "I'm done": the event, or why not. */
export function finish(state: RoomState, seatId: string, at: number): RoomEvent[] | GameError {
  const walk = state.round?.walks[seatId];
  if (!walk || (state.phase !== "running" && state.phase !== "paused")) return gameError("round_over", "There is no walk of yours to finish.");
  return walk.status === "walking" ? [{ at, type: "finished", seatId }] : [];
}

/** A ghost's next step: where its optimizer goes from what it felt, and its state after. */
export function ghostIntent(state: RoomState, seatId: string, lr: number): { target: [number, number]; optimizer: OptimizerState } | null {
  const round = state.round;
  const walk = round?.walks[seatId];
  const opt = round?.ghostStates[seatId];
  if (!walk || !opt || !canStep(walk)) return null;
  const at = here(walk);
  const { to, state: optimizer } = optimizerStep(opt, [at.x, at.y], at.grad, lr);
  return { target: to, optimizer };
}

/**
 * Whether a player's step just won the race: the first *person* in the valley (on the true
 * altitude) ends a race; a ghost getting there first ends nothing, or racing the algorithms
 * would be over in one step.
 */
export function raceWinner(state: RoomState, seatId: string): RoundEnd | null {
  const round = state.round;
  const seat = state.seats[seatId];
  const walk = round?.walks[seatId];
  if (!POLICY[state.kind].firstToValleyWins || !round || !seat || seat.ghost || !walk) return null;
  if (walk.status === "left" || walk.status === "diverged") return null;
  const team = teamOf(round.teams, seatId);
  const nickname = team ? `Team ${team.name}` : seat.nickname;
  return inValley(round.scale, currentTrueLoss(walk)) ? { by: "winner", playerId: seatId, nickname, steps: stepsTaken(walk) } : null;
}

/** Whether every person's walk has ended, in a room whose rules then reveal. */
export function allWalksEnded(state: RoomState): boolean {
  const round = state.round;
  if (!round || state.phase !== "running" || !POLICY[state.kind].revealWhenAllEnded) return false;
  const humans = seatList(state).filter((x) => !x.ghost && round.walks[x.id]);
  return humans.length > 0 && humans.every((x) => !canStep(round.walks[x.id]!));
}

/** The host pauses: the event (with the clock's remaining time), or why not. */
export function pause(state: RoomState, now: number): RoomEvent[] | GameError {
  const phase = nextPhase(state.phase, "pause");
  if (isGameError(phase)) return phase;
  const endsAt = state.round?.endsAt ?? null;
  return [{ at: now, type: "paused", remainingMs: endsAt === null ? null : Math.max(0, endsAt - now) }];
}

/** The host resumes: the event (the clock goes on from where it stopped), or why not. */
export function resume(state: RoomState, now: number): RoomEvent[] | GameError {
  const phase = nextPhase(state.phase, "resume");
  if (isGameError(phase)) return phase;
  const left = state.round?.pausedRemainingMs ?? null;
  return [{ at: now, type: "resumed", endsAt: left === null ? null : now + left }];
}

/** The host ends the session: the event, or why not. */
export function end(state: RoomState, now: number): RoomEvent[] | GameError {
  const phase = nextPhase(state.phase, "end");
  return isGameError(phase) ? phase : [{ at: now, type: "ended" }];
}

/**
 * What a room restored after its server stopped needs so that nobody loses time: a running round
 * (or one in its countdown) is paused with the time its clock had left when the last event was
 * written. A single server's restart leaves it paused for the teacher (a restart may take minutes).
 * In a cluster another node takes the room over within seconds and its pages reconnect by
 * themselves (`goOn`): the round goes on at once, its clock extended by the outage.
 */
export function afterRestart(state: RoomState, now: number, goOn = false): RoomEvent[] {
  const round = state.round;
  if (!round) return [];
  let remainingMs: number | null;
  const events: RoomEvent[] = [];
  if (state.phase === "countdown") {
    remainingMs = round.rules.timeLimitSec > 0 ? round.rules.timeLimitSec * 1000 : null;
    events.push({ at: now, type: "roundRunning", endsAt: remainingMs === null ? null : now + remainingMs });
  } else if (state.phase === "running") {
    remainingMs = round.endsAt === null ? null : Math.max(0, round.endsAt - state.lastActivityAt);
  } else {
    return [];
  }
  events.push({ at: now, type: "paused", remainingMs });
  if (goOn) events.push({ at: now, type: "resumed", endsAt: remainingMs === null ? null : now + remainingMs });
  return events;
}

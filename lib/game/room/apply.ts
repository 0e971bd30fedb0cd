// Folding events into a room's state: the one place a room's state changes. Deterministic: the
// same events from the same start always give the same state, so a room is restored by replaying
// its log, and replay is the test (tests/unit/game/room/replay.test.ts). For speed it updates the
// state it is given in place (a step appends one footprint, it does not copy the walk) and returns
// it: the caller owns the state, and clones it (structuredClone) if it needs the old one.
import { nextPhase, isGameError } from "../phase";
import { finishWalk, recordProbe, recordStep, recordTurn } from "../walk";
import { teamWalk } from "../teams";
import type { RoomEvent } from "./events";
import type { RoomState } from "./state";

/** A state the log cannot reach: a broken or foreign log, never a player's mistake. */
export class BadLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadLogError";
  }
}

/** The state after an event (the state given, changed in place; a new one for "created"). */
export function applyEvent(state: RoomState | null, e: RoomEvent): RoomState {
  if (e.type === "created") {
    if (state) throw new BadLogError("A room is created only once.");
    return {
      id: e.id, kind: e.kind, code: e.code, phase: "lobby", hostSecret: e.hostSecret, ownerSeat: null, seats: {}, removed: [],
      nextRules: null, nextGhosts: [], round: null, roundsPlayed: 0, results: [], createdAt: e.at, lastActivityAt: e.at,
      homework: e.homework ?? null,
    };
  }
  if (!state) throw new BadLogError(`A room's log starts with "created", not "${e.type}".`);
  state.lastActivityAt = e.at;
  const round = state.round;
  const to = (event: Parameters<typeof nextPhase>[1]) => {
    const next = nextPhase(state.phase, event);
    if (isGameError(next)) throw new BadLogError(`"${e.type}" in phase ${state.phase}: ${next.message}`);
    state.phase = next;
  };
  const walkOf = (seatId: string) => {
    const walk = round?.walks[seatId];
    if (!walk) throw new BadLogError(`"${e.type}" for a seat that does not walk this round.`);
    return walk;
  };
  const teamById = (teamId: string) => {
    const team = round?.teams?.find((t) => t.id === teamId);
    if (!team) throw new BadLogError(`"${e.type}" for a team that does not walk this round.`);
    return team;
  };
  switch (e.type) {
    case "joined":
      state.seats[e.seat.id] = { ...e.seat };
      if (e.owner) state.ownerSeat = e.seat.id;
      break;
    case "renamed": {
      const seat = state.seats[e.seatId];
      if (seat) seat.nickname = e.nickname;
      break;
    }
    case "left":
      dropSeat(state, e.seatId);
      break;
    case "removed": {
      const seat = state.seats[e.seatId];
      if (!seat) throw new BadLogError("Removing a seat that is not there.");
      state.removed.push({ id: seat.id, nickname: seat.nickname, token: seat.token, device: seat.device, address: seat.address });
      dropSeat(state, e.seatId);
      break;
    }
    case "readmitted":
      state.removed = state.removed.filter((r) => r.id !== e.removedId);
      break;
    case "configured":
      to("setup");
      state.nextRules = { ...e.rules };
      state.nextGhosts = [...e.ghosts];
      break;
    case "roundStarted":
      to("start");
      // A copy: the round's walks grow in place, and the event must stay as it was logged.
      state.round = structuredClone(e.round);
      state.roundsPlayed = e.round.no;
      break;
    case "roundRunning":
      to("go");
      round!.endsAt = e.endsAt;
      break;
    case "stepped": {
      const walk = walkOf(e.seatId);
      if (walk.path.length !== e.seq) throw new BadLogError(`Step ${e.seq} of a walk that has taken ${walk.path.length - 1}.`);
      recordStep(walk, e.target, e.lr, e.landing, e.beta ?? 0);
      break;
    }
    case "probed":
      recordProbe(walkOf(e.seatId), e.dir, e.loss);
      break;
    case "ghostStepped":
      recordStep(walkOf(e.seatId), e.target, e.lr, e.landing);
      round!.ghostStates[e.seatId] = structuredClone(e.optimizer);
      break;
    case "turned": {
      const walk = walkOf(e.seatId);
      if (e.turn.index !== walk.path.length - 1) throw new BadLogError(`A turn at footprint ${e.turn.index} of a walk that stands at ${walk.path.length - 1}.`);
      recordTurn(walk, e.turn);
      break;
    }
    case "proposed": {
      const team = teamById(e.teamId);
      if (team.ticks.length + 1 !== e.k || walkOf(e.seatId).path.length !== e.k) throw new BadLogError(`A proposal for tick ${e.k} of a team at tick ${team.ticks.length + 1}.`);
      team.pending[e.seatId] = structuredClone(e.proposal);
      break;
    }
    case "teamStepped": {
      const team = teamById(e.teamId);
      if (team.ticks.length + 1 !== e.k) throw new BadLogError(`Tick ${e.k} of a team that has made ${team.ticks.length}.`);
      const from = teamWalk(team, round!.walks);
      if (!from) throw new BadLogError("A tick of a team with no walk.");
      const at = from.path[from.path.length - 1]!;
      team.ticks.push({ k: e.k, from: [at.x, at.y], proposals: structuredClone(e.proposals), move: [e.target[0] - at.x, e.target[1] - at.y] });
      team.pending = {};
      for (const m of team.members) {
        const landing = e.landings[m.key];
        if (!landing) continue;
        if (m.seatId === null) {
          if (landing.felt) team.mateGrads[m.key] = [landing.felt.grad[0], landing.felt.grad[1]];
          else delete team.mateGrads[m.key];
          continue;
        }
        const walk = round!.walks[m.seatId];
        if (walk && walk.path.length === e.k) recordStep(walk, e.target, e.lr, landing);
      }
      break;
    }
    case "finished":
      finishWalk(walkOf(e.seatId));
      break;
    case "paused":
      to("pause");
      round!.pausedRemainingMs = e.remainingMs;
      break;
    case "resumed":
      to("resume");
      round!.endsAt = e.endsAt;
      round!.pausedRemainingMs = null;
      break;
    case "revealed":
      to("reveal");
      round!.ended = e.end;
      for (const r of e.results) {
        const seat = state.seats[r.seatId];
        if (seat) seat.total += r.score;
      }
      state.results.push(...e.results.map((r) => ({ ...r })));
      break;
    case "ended":
      to("end");
      break;
  }
  return state;
}

/** A seat leaves the roster and, if it walks this round, the round. */
function dropSeat(state: RoomState, seatId: string): void {
  delete state.seats[seatId];
  if (state.round) {
    delete state.round.walks[seatId];
    delete state.round.ghostStates[seatId];
    for (const team of state.round.teams ?? []) delete team.pending[seatId];
  }
}

/** The state a log gives (a snapshot's state, then the events after it). */
export function replay(events: readonly RoomEvent[], from: RoomState | null = null): RoomState {
  let state = from;
  for (const e of events) state = applyEvent(state, e);
  if (!state) throw new BadLogError("An empty log is no room.");
  return state;
}

// What each recipient may see of a room. Players get their own walk and the roster; classmates'
// positions only when the rules show others; the map never (it travels only in `map` to a
// class host and in `reveal`).
import type { LandscapeInfo } from "../../lib/landscape/types";
import type { Footprint } from "../../lib/protocol/common";
import type { LandscapePublic, RoomView, RosterEntry, TeamPublic } from "../../lib/protocol/server";
import type { Team } from "../../lib/game/teams";
import { here, stepsLeft, stepsTaken } from "../../lib/game/walk";
import { liveState } from "../../lib/game/live";
import { seatList, type ResolvedRules, type RoomState, type Seat } from "../../lib/game/room/state";
import type { RoundRules } from "../../lib/protocol/common";

/** The public face of a landscape: the catalog info minus the start positions and the window's shift (chosen per round). */
export function publicLandscape(info: LandscapeInfo): LandscapePublic {
  const { starts: _starts, shift: _shift, ...rest } = info;
  return rest;
}

/** The rules as the protocol carries them: exactly RoundRules (rankedness travels as round.ranked). */
export function publicRules(r: ResolvedRules): RoundRules {
  return { landscapeId: r.landscapeId, budget: r.budget, batch: r.batch, timeLimitSec: r.timeLimitSec, showOthers: r.showOthers, seed: r.seed, ...(r.passes ? { passes: r.passes } : {}), ...(r.slope ? { slope: r.slope } : {}), ...(r.turns ? { turns: r.turns } : {}), ...(r.teamSize ? { teamSize: r.teamSize } : {}) };
}

/**
 * A round without backprop keeps the slope from the walkers until the reveal: what they feel is
 * the altitude only (the slope is theirs to estimate). The footprints they are shown carry none.
 */
export function slopeHidden(state: RoomState): boolean {
  return state.round?.rules.slope === "probe" && state.phase !== "revealed";
}

/** A footprint as a walker may see it: without its slope where the round hides it. */
export function shownFootprint(state: RoomState, fp: Footprint): Footprint {
  return slopeHidden(state) ? { ...fp, grad: [0, 0] } : fp;
}

/** A team as anyone may see it: name, colour, members (never what they felt or proposed). */
export function publicTeam(t: Team): TeamPublic {
  return { id: t.id, name: t.name, color: t.color, members: t.members.map((m) => ({ key: m.key, playerId: m.seatId, nickname: m.name })) };
}

/** Whether a seat has a socket connected right now (the room's presence, which is not durable state). */
export type Connected = (seatId: string) => boolean;

/** One roster row: the seat and, if it walks this round, its progress (and for the host, its live verdict). */
export function rosterEntry(state: RoomState, seat: Seat, withLoss: boolean, connected: Connected, forHost = false): RosterEntry {
  const round = state.round;
  const walk = round?.walks[seat.id];
  const live = forHost && round && (state.phase === "running" || state.phase === "paused") ? liveState(walk, round.scale, round.landscape.lr.suggested) : null;
  return {
    playerId: seat.id,
    nickname: seat.nickname,
    connected: seat.ghost !== null || connected(seat.id),
    ghost: seat.ghost,
    status: walk ? walk.status : "waiting",
    steps: walk ? stepsTaken(walk) : 0,
    loss: walk && withLoss ? here(walk).loss : null,
    total: seat.total,
    live,
  };
}

/** Whether a recipient sees others' altitudes: the host always, racers always (standings by altitude), classmates only if shown. */
function seesLosses(state: RoomState, role: "host" | "player"): boolean {
  if (role === "host" || state.kind === "race") return true;
  return state.round?.rules.showOthers ?? false;
}

/** Rosters for the views of one broadcast: built at most three times (players without and with altitudes, the host), not once per recipient. */
export function rosterCache(state: RoomState, connected: Connected): (withLoss: boolean, forHost?: boolean) => RosterEntry[] {
  const seats = seatList(state);
  const built: [RosterEntry[]?, RosterEntry[]?, RosterEntry[]?] = [];
  return (withLoss, forHost = false) => (built[forHost ? 2 : withLoss ? 1 : 0] ??= seats.map((s) => rosterEntry(state, s, withLoss || forHost, connected, forHost)));
}

/** The room as one recipient sees it (pass one rosterCache to share rosters across a broadcast). */
export function roomView(state: RoomState, seatId: string | null, role: "host" | "player", now: number, rosters: ReturnType<typeof rosterCache>): RoomView {
  const seat = seatId ? state.seats[seatId] : undefined;
  const round = state.round;
  const walk = round && seatId ? round.walks[seatId] : undefined;
  const start = walk?.path[0];
  const withLoss = seesLosses(state, role);
  return {
    roomId: state.id,
    kind: state.kind,
    code: state.code,
    phase: state.phase,
    serverNow: now,
    you: {
      playerId: seat?.id ?? null,
      nickname: seat?.nickname ?? null,
      role,
      // A seat's token brings the seat back (a race's owner regains host rights with it);
      // a class host has no seat and keeps the host secret instead.
      token: seat ? seat.token : role === "host" ? state.hostSecret : "",
    },
    round: round
      ? {
          no: round.no,
          rules: publicRules(round.rules),
          landscape: publicLandscape(round.landscape),
          start: round.start,
          startLoss: start?.loss ?? round.startLossFull,
          startGrad: slopeHidden(state) ? [0, 0] : (start?.grad ?? [0, 0]),
          startsAt: round.startsAt,
          endsAt: round.endsAt,
          remainingMs: state.phase === "paused" ? round.pausedRemainingMs : null,
          ghosts: round.ghosts,
          ranked: round.ranked,
          ...(round.teams ? { teams: round.teams.map(publicTeam) } : {}),
        }
      : null,
    walk: walk ? {
      status: walk.status, path: slopeHidden(state) ? walk.path.map((fp) => shownFootprint(state, fp)) : walk.path, stepsLeft: stepsLeft(walk), ...(walk.probes?.length ? { probes: walk.probes } : {}),
      ...(walk.turns?.length ? { turns: walk.turns.map((t) => ({ index: t.index, at: shownFootprint(state, t.origin) })) } : {}),
    } : null,
    roster: rosters(withLoss, role === "host" && state.kind === "class"),
    removed: role === "host" ? state.removed.map((r) => ({ playerId: r.id, nickname: r.nickname })) : [],
    roundsPlayed: state.roundsPlayed,
  };
}

/** Race standings: lowest altitude first; positions only if the rules show footprints. */
export function standings(state: RoomState, connected: Connected): (RosterEntry & { at: Footprint | null })[] {
  const round = state.round;
  const show = round?.rules.showOthers ?? false;
  return seatList(state)
    .filter((s) => round?.walks[s.id])
    .map((s) => {
      const walk = round!.walks[s.id]!;
      // A walker who turned the map stands on a slice of their own: their place means nothing on anyone else's map.
      return { ...rosterEntry(state, s, true, connected), at: show && !walk.turns?.length ? shownFootprint(state, here(walk)) : null };
    })
    .sort((a, b) => rank(a) - rank(b));
}

/** Sort key: diverged walkers last, then by altitude. */
function rank(r: RosterEntry): number {
  if (r.status === "diverged" || r.loss === null) return Number.POSITIVE_INFINITY;
  return r.loss;
}

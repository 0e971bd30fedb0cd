// A room's state as plain, serialisable data: everything that lasts (seats, removals, rules, the
// round with every walk, results), and nothing that does not (who is connected right now, timers,
// steps in flight: the server keeps those). It changes only by events (events.ts, apply.ts), so it
// is rebuilt exactly by replaying a room's log.
import type { LandscapeInfo } from "../../landscape/types";
import type { GhostKind, Outcome, RoundEnd, RoundRules } from "../../protocol/common";
import type { Phase } from "../../protocol/server";
import type { Walk } from "../walk";
import type { AltitudeScale } from "../altitude";
import type { RoundMap } from "../transform";
import type { OptimizerState } from "../optimizer";
import type { Team } from "../teams";

/** The kinds of room: one mechanism, three sets of rules. */
export type RoomKind = "solo" | "race" | "class";

/** A seat: a player (or a ghost) with its reconnection token and cumulative score. */
export interface Seat {
  id: string;
  nickname: string;
  /** Reconnection token: survives refreshes and dropped sockets (not the socket id). */
  token: string;
  /** Optional browser id, so a removed student stays out after a refresh (and a leaderboard entry is one per browser). */
  device: string | null;
  /** The network address it joined from (rate limits and kicks are per person, not per socket). */
  address: string;
  ghost: GhostKind | null;
  /** Cumulative score over the session's rounds. */
  total: number;
  /** Order of arrival, for a stable roster. */
  joinedAt: number;
}

/** A seat the host removed, and what bars its person from coming back. */
export interface RemovedSeat {
  id: string;
  nickname: string;
  token: string;
  device: string | null;
  address: string;
}

/** Rules with the seed decided, and whether they are the landscape's ranked ones. */
export type ResolvedRules = RoundRules & { seed: number; ranked: boolean };

/** One round in progress (or revealed). Positions are in the round's player coordinates (turned). */
export interface RoundState {
  no: number;
  rules: ResolvedRules;
  /** Ranked: the landscape's fixed rules and a server-drawn seed (results go to the leaderboard). */
  ranked: boolean;
  landscape: LandscapeInfo;
  /** The landscape's altitude scale: the valley, the score and the map's colours. Secret until the reveal. */
  scale: AltitudeScale;
  /** This round's window on the landscape: its shift and turn (from the seed). Secret until the reveal. */
  map: RoundMap;
  start: [number, number];
  /** Full-batch loss at the start (the true altitude). */
  startLossFull: number;
  startsAt: number | null;
  endsAt: number | null;
  walks: Record<string, Walk>;
  ghosts: GhostKind[];
  /** Each ghost seat's optimizer state: ghosts step live, one step per tick, like a player. */
  ghostStates: Record<string, OptimizerState>;
  /** Who ended the round (set at the reveal). */
  ended: RoundEnd | null;
  /** While paused: how much of the clock was left, ms (null when running or without a clock). */
  pausedRemainingMs: number | null;
  /** The round's teams (rules.teamSize): each moves by the mean of its members' proposals. Absent: everyone walks alone. */
  teams?: Team[];
}

/** A stored result of one seat in one round, for the podium and the CSV export. */
export interface RoundResult {
  roundNo: number;
  landscapeId: string;
  seatId: string;
  nickname: string;
  score: number;
  finalLoss: number | null;
  steps: number;
  outcome: Outcome;
}

/** Everything a room knows. */
export interface RoomState {
  id: string;
  kind: RoomKind;
  code: string;
  phase: Phase;
  hostSecret: string;
  /** The seat that created a race (it is a racer and the host); null for class and solo. */
  ownerSeat: string | null;
  seats: Record<string, Seat>;
  /** Seats the host removed: their token, browser id and address stay barred until the host lets them back. */
  removed: RemovedSeat[];
  nextRules: ResolvedRules | null;
  nextGhosts: GhostKind[];
  round: RoundState | null;
  roundsPlayed: number;
  results: RoundResult[];
  createdAt: number;
  lastActivityAt: number;
  /** A solo room that plays a class's homework: the homework's id (its walk is handed in when it ends). */
  homework: string | null;
}

/** Seats in arrival order. */
export function seatList(state: RoomState): Seat[] {
  return Object.values(state.seats).sort((a, b) => a.joinedAt - b.joinedAt);
}

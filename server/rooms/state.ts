// A room's state as plain, serialisable data: it could be persisted, restored after a crash, or
// shared between server nodes without a rewrite. The Room class owns one and mutates it only
// through the pure rules in lib/game.
import type { LandscapeInfo } from "../../lib/landscape/types";
import type { GhostKind, Outcome, RoundRules } from "../../lib/protocol/common";
import type { Phase } from "../../lib/protocol/server";
import type { Walk } from "../../lib/game/walk";
import type { GhostPoint } from "./deps";

/** The kinds of room: one mechanism, three sets of rules. */
export type RoomKind = "solo" | "race" | "class";

/** A seat: a player (or a ghost) with its reconnection token and cumulative score. */
export interface Seat {
  id: string;
  nickname: string;
  /** Reconnection token: survives refreshes and dropped sockets (not the socket id). */
  token: string;
  /** Optional browser id, so a removed student stays out after a refresh. */
  device: string | null;
  connected: boolean;
  ghost: GhostKind | null;
  /** Cumulative score over the session's rounds. */
  total: number;
  /** Order of arrival, for a stable roster. */
  joinedAt: number;
}

/** Rules with the seed decided. */
export type ResolvedRules = RoundRules & { seed: number };

/** One round in progress (or revealed). */
export interface RoundState {
  no: number;
  rules: ResolvedRules;
  landscape: LandscapeInfo;
  minLoss: number;
  start: [number, number];
  /** Full-batch loss at the start (the true altitude, for scoring). */
  startLossFull: number;
  startsAt: number | null;
  endsAt: number | null;
  walks: Record<string, Walk>;
  /** Races: the full-batch loss of each player's latest footprint, to judge who reached the valley first. */
  trueLoss: Record<string, number | null>;
  ghosts: GhostKind[];
  ghostPaths: Record<string, GhostPoint[]>;
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
  code: string | null;
  phase: Phase;
  hostSecret: string;
  /** The seat that created a race (it is a racer and the host); null for class and solo. */
  ownerSeat: string | null;
  seats: Record<string, Seat>;
  kickedTokens: string[];
  kickedDevices: string[];
  nextRules: ResolvedRules | null;
  nextGhosts: GhostKind[];
  round: RoundState | null;
  roundsPlayed: number;
  results: RoundResult[];
  createdAt: number;
  lastActivityAt: number;
}

/** Seats in arrival order. */
export function seatList(state: RoomState): Seat[] {
  return Object.values(state.seats).sort((a, b) => a.joinedAt - b.joinedAt);
}

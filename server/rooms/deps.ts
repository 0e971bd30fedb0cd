// What a room needs from the outside world, as narrow interfaces: the training core, the
// database, a clock and an outbox. Rooms never touch sockets, files or timers directly, so the
// integration tests can drive them with the real core and database, and a fake clock if needed.
import type { Extent, Felt, LandscapeInfo, LossGrid } from "../../lib/landscape/types";
import type { TurnSpec } from "../../lib/landscape/reslice";
import type { GhostPoint } from "../../lib/landscape/ghost";
import type { GhostKind, Outcome } from "../../lib/protocol/common";
import type { ServerMessage } from "../../lib/protocol/server";
import type { Journal } from "./journal";
import type { ResolvedRules } from "../../lib/game/room/state";
import type { Walk } from "../../lib/game/walk";

export type { GhostPoint };

/**
 * Which lane of the worker pool a task waits in: interactive (a step, what a waiting player needs
 * next) or bulk (builds, reveals), which can never hold every worker.
 */
export type WorkLane = "interactive" | "bulk";

/** The training core as rooms use it. */
export interface Landscapes {
  /** The catalog's public info, cheap. */
  catalog(): LandscapeInfo[];
  /** Builds (or loads) a landscape; resolves with its lowest altitude; onProgress hears how far a build is (0…1). */
  ensure(id: string, onProgress?: (fraction: number, label: string) => void): Promise<{ info: LandscapeInfo; minimum: { x: number; y: number; loss: number } }>;
  /** What is felt at (x, y): full batch, or a seeded minibatch; offMap allows points beyond the map; interactive lane unless told. */
  probe(id: string, x: number, y: number, opts?: { batch?: number; seed?: number; offMap?: boolean; lane?: WorkLane; turns?: TurnSpec[] }): Promise<Felt>;
  /** What every picture of a landscape's network shares: chance accuracy, and the 2-D data points. */
  sightFacts(id: string): { chance: number; picture: { size: number; classes: number; points: Uint8Array } | null };
  /** The decision-regions cells of the network at slice point (x, y); null where the dataset is not 2-D. */
  regions(id: string, x: number, y: number, opts?: { offMap?: boolean; lane?: WorkLane; turns?: TurnSpec[] }): Promise<Uint8Array | null>;
  /** The loss grid of the slice a walker's turns of the map lead to, over extent (bulk lane: reveals only). */
  turnedGrid(id: string, turns: TurnSpec[], size: number, extent: Extent): Promise<LossGrid>;
  /** The field grid: the map plus the margin a round's window may shift by (rounds crop it). */
  field(id: string): Promise<LossGrid>;
  /** An optimizer's path in the slice from a start, within a window (default: the map). */
  ghost(id: string, start: [number, number], opts: { optimizer: GhostKind; lr: number; steps: number; batch?: number; seed?: number; window?: Extent; lane?: WorkLane }): Promise<GhostPoint[]>;
}

/** One round result to store. */
export interface ResultRow {
  mode: "solo" | "race" | "classroom";
  roomId: string;
  roomCode: string | null;
  roundNo: number;
  landscapeId: string;
  playerId: string;
  nickname: string;
  score: number;
  startLoss: number;
  finalLoss: number | null;
  minLoss: number;
  steps: number;
  budget: number;
  batch: number;
  seed: number;
  outcome: Outcome;
}

/** A ranked result for the leaderboard: a row and whose it is. */
export interface ScoreRow extends ResultRow {
  /** A hash of the player's browser id (or of their address without one): one best per key per board. */
  playerKey: string;
}

/** The database as rooms use it. */
export interface ResultStore {
  /** Keeps the player's best ranked round (solo and race); resolves with that entry's id and rank, and whether this round set it. */
  saveScore(row: ScoreRow): Promise<{ id: string; rank: number; of: number; best: boolean }>;
  /** Stores classroom rows of one round. */
  saveSessionRound(rows: ResultRow[]): Promise<void>;
}

/** A class round set as homework. */
export interface Homework {
  id: string;
  classId: string;
  classCode: string;
  /** The round's rules, with its seed: the same start and map for every student. */
  rules: ResolvedRules;
  /** Epoch ms after which no new walk may start. */
  deadline: number;
  createdAt: number;
}

/** A student's handed-in homework walk. */
export interface HomeworkWalkRow {
  homeworkId: string;
  /** Who (playerKey: a hash of the browser id, or of the address without one). */
  playerKey: string;
  nickname: string;
  walk: Walk;
  score: number;
  finalLoss: number | null;
  steps: number;
  outcome: string;
  finishedAt: number;
}

/** Homework as rooms use it (server/db/homework.ts). */
export interface HomeworkStore {
  create(h: Omit<Homework, "createdAt">): Promise<void>;
  get(id: string): Promise<Homework | null>;
  /** A class's homework, oldest first, with how many walks each has. */
  ofClass(classId: string): Promise<(Homework & { walks: number })[]>;
  /** Hands a walk in; false if this person had handed one in already (the first counts). */
  handIn(row: Omit<HomeworkWalkRow, "finishedAt">): Promise<boolean>;
  handedIn(homeworkId: string, playerKey: string): Promise<HomeworkWalkRow | null>;
  walks(homeworkId: string): Promise<HomeworkWalkRow[]>;
}

/** Time, injected so tests can drive it. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where a room's messages go: the gateway maps seats and the host to sockets. */
export interface Outbox {
  toSeat(roomId: string, seatId: string, msg: ServerMessage): void;
  toHost(roomId: string, msg: ServerMessage): void;
  /** One message to many seats (and the host, if withHost), encoded once for all of them (a reveal is ~200 KB of JSON). */
  toSeats(roomId: string, seatIds: readonly string[], msg: ServerMessage, withHost: boolean): void;
  /** A kicked seat's sockets are told and detached. */
  detachSeat(roomId: string, seatId: string, msg: ServerMessage): void;
  /** Tells every socket in the room (seats and host) msg, then drops their connections: the pages reconnect by themselves. */
  evict(roomId: string, msg: ServerMessage): void;
  /** To a room's host wherever its socket is connected (in a cluster, through the adapter: homework handed in on another node). */
  toHostAnywhere(roomId: string, msg: ServerMessage): void;
  /** Whether any socket is still in the room: in one of these seats, or as its host. */
  occupied(roomId: string, seatIds: readonly string[]): boolean;
}

/** Random secrets and uniform numbers (crypto on the server). */
export interface Chance {
  secret(): string;
  uniform(): number;
  seed(): number;
}

/** Limits on what one person may cost the server (rate-limiter-flexible, server/sockets/limits.ts). */
export interface Admission {
  /** Takes one ranked write from this player's and this address's allowance; false when either is spent. */
  rankedWrite(who: { device: string | null; address: string }): Promise<boolean>;
}

/** Everything a room depends on. */
export interface RoomDeps {
  landscapes: Landscapes;
  results: ResultStore;
  admission: Admission;
  /** Where rooms' events last (server/db/room-journal.ts; a MemoryJournal in unit tests). */
  journal: Journal;
  /** Homework assignments and the walks handed in. */
  homework: HomeworkStore;
  clock: Clock;
  outbox: Outbox;
  chance: Chance;
  log: { info(o: object, msg?: string): void; warn(o: object, msg?: string): void; error(o: object, msg?: string): void };
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

// Every accepted change to a room, as plain data: what the server appends to the room's durable
// log before it tells anyone, and what apply.ts folds into the room's state. An event carries
// what was measured (a step's landing: felt and true values), so replaying a log needs no
// training core, no clock and no chance: the same events always give the same state.
import type { GhostKind, RoundEnd } from "../../protocol/common";
import type { OptimizerState } from "../optimizer";
import type { Landing, WalkTurn } from "../walk";
import type { Proposal } from "../teams";
import type { ResolvedRules, RoomKind, RoundResult, RoundState, Seat } from "./state";

/** Bump when an event's meaning changes: a node refuses to replay a log of another version. */
export const LOG_VERSION = 1;

/** The events, each with the server's time (epoch ms) when it was accepted. */
export type RoomEvent = { at: number } & (
  /** The room exists: the first event of every log. */
  | { type: "created"; id: string; kind: RoomKind; code: string; hostSecret: string; homework?: string }
  /** A seat (a person or a ghost) joined; the race's creator is its owner (and host). */
  | { type: "joined"; seat: Seat; owner: boolean }
  | { type: "renamed"; seatId: string; nickname: string }
  /** A ghost's seat went (the host chose other ghosts). */
  | { type: "left"; seatId: string }
  /** The host removed a student: their seat goes and their person is barred. */
  | { type: "removed"; seatId: string }
  | { type: "readmitted"; removedId: string }
  /** The next round's rules and ghosts (also: back to the lobby after a reveal). */
  | { type: "configured"; rules: ResolvedRules; ghosts: GhostKind[] }
  /** A round was prepared (start, window, scale, a walk per walker) and its countdown began. */
  | { type: "roundStarted"; round: RoundState }
  /** The countdown ended: walking starts; endsAt is when the clock runs out (null: no clock). */
  | { type: "roundRunning"; endsAt: number | null }
  /** A walker's step number seq landed where it landed (what was measured there). */
  | { type: "stepped"; seatId: string; seq: number; target: [number, number]; lr: number; landing: Landing; beta?: number }
  /** A walker felt around (no backprop): which way, and the loss found there. */
  | { type: "probed"; seatId: string; dir: [number, number]; loss: number }
  /** A ghost's step, with its optimizer's state after it. */
  | { type: "ghostStepped"; seatId: string; target: [number, number]; lr: number; landing: Landing; optimizer: OptimizerState }
  /** A walker turned the map (what was felt at the new slice's origin is in the turn). */
  | { type: "turned"; seatId: string; turn: WalkTurn }
  /** A team member proposed their step for their team's open tick (k = the step number it will be). */
  | { type: "proposed"; seatId: string; teamId: string; k: number; proposal: Proposal }
  /**
   * A team's tick: it moved from where it stood to target, the mean of `proposals` (ghost teammates'
   * included); each member still walking felt the landing on their own minibatch (`landings`, by key).
   */
  | { type: "teamStepped"; teamId: string; k: number; target: [number, number]; lr: number; proposals: Record<string, Proposal>; landings: Record<string, Landing> }
  /** A walker said "I'm done". */
  | { type: "finished"; seatId: string }
  | { type: "paused"; remainingMs: number | null }
  | { type: "resumed"; endsAt: number | null }
  /** The round's end, with each walker's result (scores add to the totals). */
  | { type: "revealed"; end: RoundEnd; results: RoundResult[] }
  /** The session is over (the podium). */
  | { type: "ended" }
);

/** The name of an event type. */
export type RoomEventType = RoomEvent["type"];

/** Every event type, for checking what a log holds. */
export const EVENT_TYPES: readonly RoomEventType[] = [
  "created", "joined", "renamed", "left", "removed", "readmitted", "configured", "roundStarted", "roundRunning",
  "stepped", "probed", "ghostStepped", "turned", "proposed", "teamStepped", "finished", "paused", "resumed", "revealed", "ended",
];

// A room: one class owns one plain RoomState and its lifecycle (create → join → run → reveal →
// dispose). Solo, race and classroom are the same mechanism with different rules (see policy.ts).
// Every intent returns null or a GameError; an error changes nothing.
import type { ClientMsgOf } from "../../lib/protocol/client";
import type { GhostKind } from "../../lib/protocol/common";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { ServerMessage } from "../../lib/protocol/server";
import { isGameError, nextPhase, type PhaseEvent } from "../../lib/game/phase";
import type { RoomDeps } from "./deps";
import { seatList, type ResolvedRules, type RoomKind, type RoomState, type Seat } from "./state";
import { roomView, rosterCache } from "./views";
import { RoundRunner } from "./round-runner";

/** Largest roster of a room (ghosts included). */
export const MAX_SEATS = 100;
/** How long presence changes wait to be sent together, ms. */
export const BROADCAST_COALESCE_MS = 100;

/** A room with its roster, rules, round state machine and clock. */
export class Room {
  readonly state: RoomState;
  readonly runner: RoundRunner;

  constructor(readonly deps: RoomDeps, init: { id: string; kind: RoomKind; code: string | null }) {
    const now = deps.clock.now();
    this.state = {
      id: init.id, kind: init.kind, code: init.code, phase: "lobby", hostSecret: deps.chance.secret(),
      ownerSeat: null, seats: {}, kickedTokens: [], kickedDevices: [], nextRules: null, nextGhosts: [],
      round: null, roundsPlayed: 0, results: [], createdAt: now, lastActivityAt: now,
    };
    this.runner = new RoundRunner(this);
  }

  /** Adds a seat, or says why not (name taken, room full, removed from this room). */
  join(nickname: string, device: string | null, address: string, ghost: GhostKind | null = null): Seat | GameError {
    if (this.state.phase === "ended") return gameError("wrong_phase", "This session has ended.");
    if (device && this.state.kickedDevices.includes(device)) return gameError("kicked", "The host removed you from this room.");
    const seats = seatList(this.state);
    if (seats.length >= MAX_SEATS) return gameError("room_full", `This room is full (${MAX_SEATS} players).`);
    const key = nickname.trim().toLowerCase();
    if (seats.some((s) => s.nickname.toLowerCase() === key)) return gameError("nickname_taken", `Someone here is already called "${nickname}". Pick another name.`);
    const seat: Seat = {
      id: `p_${this.deps.chance.secret().slice(0, 10)}`, nickname: nickname.trim(), token: this.deps.chance.secret(), device, address,
      connected: ghost === null, ghost, total: 0, joinedAt: this.deps.clock.now() + seats.length * 1e-3,
    };
    this.state.seats[seat.id] = seat;
    this.touch();
    return seat;
  }

  /** Finds the seat of a reconnection token. */
  resume(token: string): Seat | GameError {
    if (this.state.kickedTokens.includes(token)) return gameError("kicked", "The host removed you from this room.");
    const seat = seatList(this.state).find((s) => s.token === token);
    return seat ?? gameError("room_not_found", "That seat is gone; join again with a nickname.");
  }

  /** Marks a seat's socket presence. */
  setConnected(seatId: string, connected: boolean): void {
    const seat = this.state.seats[seatId];
    if (!seat || seat.connected === connected) return;
    seat.connected = connected;
    this.touch();
    this.broadcastSoon();
  }

  /** Host: removes a student; they stay out after a refresh (token and device are barred). */
  kick(seatId: string): GameError | null {
    const seat = this.state.seats[seatId];
    if (!seat) return gameError("bad_message", "There is no such player in this room.");
    if (seatId === this.state.ownerSeat) return gameError("bad_message", "The host cannot remove themselves.");
    this.state.kickedTokens.push(seat.token);
    if (seat.device) this.state.kickedDevices.push(seat.device);
    delete this.state.seats[seatId];
    if (this.state.round) delete this.state.round.walks[seatId];
    this.deps.outbox.detachSeat(this.state.id, seatId, { type: "kicked", message: "The host removed you from this room." });
    this.touch();
    this.broadcast();
    this.runner.checkAllEnded();
    return null;
  }

  /** Host: chooses the next round's rules (checked and resolved by round-setup) and ghosts. */
  configure(resolved: ResolvedRules, ghosts: GhostKind[]): GameError | null {
    const phase = nextPhase(this.state.phase, "setup");
    if (isGameError(phase)) return phase;
    this.state.phase = phase;
    this.state.nextRules = resolved;
    this.state.nextGhosts = [...new Set(ghosts)];
    this.syncGhostSeats();
    this.touch();
    this.broadcast();
    return null;
  }

  /** Keeps one ghost seat per chosen optimizer. */
  private syncGhostSeats(): void {
    for (const seat of seatList(this.state)) {
      if (seat.ghost && !this.state.nextGhosts.includes(seat.ghost)) delete this.state.seats[seat.id];
    }
    for (const g of this.state.nextGhosts) {
      if (!seatList(this.state).some((s) => s.ghost === g)) this.join(GHOST_NAMES[g], null, "", g);
    }
  }

  /** Moves the state machine, or returns why it cannot. */
  transition(event: PhaseEvent): GameError | null {
    const phase = nextPhase(this.state.phase, event);
    if (isGameError(phase)) return phase;
    this.state.phase = phase;
    this.touch();
    return null;
  }

  /** Host: ends the session (podium); a race or class keeps its results for the export. */
  end(): GameError | null {
    if (this.runner.busy) return gameError("wrong_phase", "Wait a moment: the round is being prepared or revealed.");
    const err = this.transition("end");
    if (err) return err;
    this.runner.cancelTimers();
    this.broadcast();
    return null;
  }

  /** Sends each seat (and the host) its own view of the room. */
  broadcast(): void {
    const now = this.deps.clock.now();
    const rosters = rosterCache(this.state);
    for (const seat of seatList(this.state)) {
      if (!seat.ghost) this.deps.outbox.toSeat(this.state.id, seat.id, { type: "room", view: roomView(this.state, seat.id, this.roleOf(seat.id), now, rosters) });
    }
    this.sendHostView(rosters);
  }

  /** Sends one seat its own view now (a socket that just took the seat). */
  sendSeatView(seatId: string): void {
    this.deps.outbox.toSeat(this.state.id, seatId, { type: "room", view: roomView(this.state, seatId, this.roleOf(seatId), this.deps.clock.now()) });
  }

  /** The class host's view of the room (roster altitudes and states change with every step). */
  hostView(rosters = rosterCache(this.state)): ServerMessage {
    return { type: "room", view: roomView(this.state, null, "host", this.deps.clock.now(), rosters) };
  }

  /** Sends the class host its view alone. */
  sendHostView(rosters?: ReturnType<typeof rosterCache>): void {
    if (this.state.kind === "class") this.deps.outbox.toHost(this.state.id, this.hostView(rosters));
  }

  /**
   * A broadcast soon, coalesced: a burst of presence changes (a class joining at once, or every
   * phone dropping when the Wi-Fi blinks) costs one round of views, not one per change.
   */
  broadcastSoon(): void {
    if (this.pendingBroadcast !== null) return;
    this.pendingBroadcast = this.deps.clock.setTimeout(() => {
      this.pendingBroadcast = null;
      this.broadcast();
    }, BROADCAST_COALESCE_MS);
  }
  private pendingBroadcast: unknown = null;

  /** Sends one message to every human seat. */
  toAll(msg: ServerMessage): void {
    for (const seat of seatList(this.state)) if (!seat.ghost) this.deps.outbox.toSeat(this.state.id, seat.id, msg);
  }

  /** The role a seat plays (a race's creator is its host). */
  roleOf(seatId: string | null): "host" | "player" {
    return seatId !== null && seatId === this.state.ownerSeat ? "host" : "player";
  }

  /** Records activity (idle rooms are disposed by the registry). */
  touch(): void {
    this.state.lastActivityAt = this.deps.clock.now();
  }

  /** Stops timers; the room is forgotten after this. */
  dispose(): void {
    this.runner.cancelTimers();
    if (this.pendingBroadcast !== null) this.deps.clock.clearTimeout(this.pendingBroadcast);
    this.pendingBroadcast = null;
  }
}

/** Display names of the ghosts. */
export const GHOST_NAMES: Record<GhostKind, string> = { gd: "Ghost GD", momentum: "Ghost Momentum", adam: "Ghost Adam" };

/** Re-exported so handlers can name the step message type. */
export type StepIntent = ClientMsgOf<"step">;

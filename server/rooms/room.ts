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
      ownerSeat: null, seats: {}, removed: [], nextRules: null, nextGhosts: [],
      round: null, roundsPlayed: 0, results: [], createdAt: now, lastActivityAt: now,
    };
    this.runner = new RoundRunner(this);
  }

  /**
   * Adds a seat, or says why not (name taken, room full, removed from this room). One person, one
   * seat: a browser id that already holds a seat here (or an address, for clients that send no
   * browser id) gets that seat back, renamed if asked, so the room's cap is reached only by
   * distinct people.
   */
  join(nickname: string, device: string | null, address: string, ghost: GhostKind | null = null): Seat | GameError {
    if (this.state.phase === "ended") return gameError("wrong_phase", "This session has ended.");
    if (ghost === null && this.isBarred({ device, address })) return gameError("kicked", "The host removed you from this room.");
    const seats = seatList(this.state);
    // The same person: the same browser id, or, for a client that sends none, the same address.
    const mine = ghost === null ? seats.find((s) => s.ghost === null && (device ? s.device === device : s.device === null && s.address === address)) : undefined;
    if (mine) {
      const renamed = this.rename(mine.id, nickname);
      return renamed ?? mine;
    }
    if (seats.length >= MAX_SEATS) return gameError("room_full", `This room is full (${MAX_SEATS} players).`);
    const taken = this.nameTaken(nickname, null);
    if (taken) return taken;
    const seat: Seat = {
      id: `p_${this.deps.chance.secret().slice(0, 10)}`, nickname: nickname.trim(), token: this.deps.chance.secret(), device, address,
      connected: ghost === null, ghost, total: 0, joinedAt: this.deps.clock.now() + seats.length * 1e-3,
    };
    this.state.seats[seat.id] = seat;
    this.touch();
    return seat;
  }

  /** The error for a nickname someone else here already has, or null. */
  private nameTaken(nickname: string, except: string | null): GameError | null {
    const key = nickname.trim().toLowerCase();
    return seatList(this.state).some((s) => s.id !== except && s.nickname.toLowerCase() === key)
      ? gameError("nickname_taken", `Someone here is already called "${nickname.trim()}". Pick another name.`)
      : null;
  }

  /** Gives a seat another nickname (the host's rename, or a player joining again under a new name). */
  rename(seatId: string, nickname: string): GameError | null {
    const seat = this.state.seats[seatId];
    if (!seat || seat.ghost) return gameError("bad_message", "There is no such player in this room.");
    if (seat.nickname === nickname.trim()) return null;
    const taken = this.nameTaken(nickname, seatId);
    if (taken) return taken;
    seat.nickname = nickname.trim();
    this.touch();
    this.broadcastSoon();
    return null;
  }

  /** Whether a person is barred from this room: their seat token, browser id or address belongs to a removed seat. */
  isBarred(who: { token?: string; device: string | null; address: string }): boolean {
    return this.state.removed.some((r) => (who.token !== undefined && r.token === who.token) || (who.device !== null && r.device === who.device) || (r.address !== "" && r.address === who.address));
  }

  /** Finds the seat of a reconnection token. */
  resume(token: string): Seat | GameError {
    if (this.state.removed.some((r) => r.token === token)) return gameError("kicked", "The host removed you from this room.");
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

  /**
   * Host: removes a student. Their seat token, browser id and network address are barred from this
   * room until the host lets them back (a new socket, a new browser id or no id gets nobody back in);
   * a step of theirs still in flight is dropped when it lands.
   */
  kick(seatId: string): GameError | null {
    const seat = this.state.seats[seatId];
    if (!seat || seat.ghost) return gameError("bad_message", "There is no such player in this room.");
    if (seatId === this.state.ownerSeat) return gameError("bad_message", "The host cannot remove themselves.");
    this.state.removed.push({ id: seat.id, nickname: seat.nickname, token: seat.token, device: seat.device, address: seat.address });
    delete this.state.seats[seatId];
    if (this.state.round) delete this.state.round.walks[seatId];
    this.runner.forget(seatId);
    this.deps.outbox.detachSeat(this.state.id, seatId, { type: "kicked", message: "The host removed you from this room." });
    this.touch();
    this.broadcast();
    this.runner.checkAllEnded();
    return null;
  }

  /** Host: lets a removed student back in (they join again as a new seat). */
  readmit(removedId: string): GameError | null {
    const before = this.state.removed.length;
    this.state.removed = this.state.removed.filter((r) => r.id !== removedId);
    if (this.state.removed.length === before) return gameError("bad_message", "Nobody with that id was removed from this room.");
    this.touch();
    this.sendHostView();
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

// A room on this node: one class owns its state, its log position, its presence and its
// lifecycle (create → join → run → reveal → dispose). Every change is an event: decided by the
// pure rules of lib/game/room, appended to the journal (durable before anyone is told), then
// applied. Solo, race and classroom are one mechanism (lib/game/room/policy.ts says what differs).
import type { ClientMsgOf } from "../../lib/protocol/client";
import type { GhostKind } from "../../lib/protocol/common";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { ServerMessage } from "../../lib/protocol/server";
import { isGameError } from "../../lib/game/phase";
import { applyEvent, replay } from "../../lib/game/room/apply";
import type { RoomEvent } from "../../lib/game/room/events";
import * as rules from "../../lib/game/room/rules";
import { seatList, type ResolvedRules, type RoomKind, type RoomState, type Seat } from "../../lib/game/room/state";
import type { RoomDeps } from "./deps";
import { StaleOwnerError, type JournalRoom } from "./journal";
import { RoomElsewhereError } from "../cluster/ownership";
import { roomView, rosterCache } from "./views";
import { RoundRunner } from "./round-runner";

export { MAX_SEATS, GHOST_NAMES } from "../../lib/game/room/rules";

/** How long presence changes wait to be sent together, ms. */
export const BROADCAST_COALESCE_MS = 100;

/** A room with its roster, rules, round state machine and clock. */
export class Room {
  readonly runner: RoundRunner;
  /** Seats with a socket connected right now (runtime: nobody is connected after a restart). */
  readonly presence = new Set<string>();
  private seq: number;
  private lock: Promise<unknown> = Promise.resolve();
  private pendingBroadcast: unknown = null;
  /** Set when this node stops running the room (moved, put away): nothing more is committed. */
  private closed = false;
  /** Called when the journal refuses a write because another node claimed the room. */
  onStale: () => void = () => undefined;

  private constructor(readonly deps: RoomDeps, public state: RoomState, seq: number, private epoch: number) {
    this.seq = seq;
    this.runner = new RoundRunner(this);
  }

  /** A new room: its "created" event appended (the room's record made, epoch 1), then applied. */
  static async create(deps: RoomDeps, init: { id: string; kind: RoomKind; code: string; homework?: string }): Promise<Room> {
    const created: RoomEvent = { at: deps.clock.now(), type: "created", id: init.id, kind: init.kind, code: init.code, hostSecret: deps.chance.secret(), ...(init.homework ? { homework: init.homework } : {}) };
    await deps.journal.append(init.id, 1, [created], 1);
    return new Room(deps, applyEvent(null, created), 1, 1);
  }

  /**
   * A room rebuilt from its journal on this node under the claim `epoch` (Journal.claim, taken
   * before `from` was read: an earlier owner's writes are refused from then on), replayed, and a
   * running round paused with its clock's time left, or (goOn: a cluster's takeover) going on.
   */
  static async restore(deps: RoomDeps, from: JournalRoom, epoch: number, goOn = false): Promise<Room> {
    const state = replay(from.events, from.snapshot);
    const room = new Room(deps, state, from.lastSeq, epoch);
    await room.commit(rules.afterRestart(state, deps.clock.now(), goOn));
    room.runner.carryOn();
    return room;
  }

  /**
   * Runs fn alone: intents of one room are decided and committed one at a time, so a decision is
   * never made on a state that another commit is about to change. (Measuring a step happens
   * outside, so steps of different walkers still overlap.)
   */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies events now and starts appending them to the journal; the promise resolves once they
   * are durable. Call inside exclusive() and tell nobody before the promise resolves: the next
   * intent is decided on the new state at once (the room's lock is not held while the database
   * writes, so a class's steps go into one group commit instead of queueing one write each), and a
   * player hears of an event only once it is in the log. If the append fails, the state holds
   * events the log does not: this node stops running the room (its pages reconnect and get it back
   * from the log, without those events, which nobody was told of).
   */
  stage(events: RoomEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (this.closed) throw new RoomElsewhereError(this.state.code);
    const first = this.seq + 1;
    this.seq += events.length;
    for (const e of events) this.state = applyEvent(this.state, e);
    return this.deps.journal.append(this.state.id, first, events, this.epoch).catch((e: unknown) => {
      if (!this.closed) {
        this.closed = true;
        if (!(e instanceof StaleOwnerError)) this.deps.log.error({ room: this.state.id, err: String(e) }, "journal append failed: the room is put away and restored from its log");
        this.onStale();
      }
      throw e;
    });
  }

  /** Stages events and waits until they are durable (for rare events, inside exclusive()). */
  async commit(events: RoomEvent[]): Promise<void> {
    await this.stage(events);
  }

  /** Decides with a rule, stages what it returns, and resolves once durable: the rule's error, or null. */
  async decide(rule: (s: RoomState) => RoomEvent[] | GameError): Promise<GameError | null> {
    const r = await this.exclusive(() => {
      const events = rule(this.state);
      return isGameError(events) ? { err: events, durable: null } : { err: null, durable: this.stage(events) };
    });
    if (r.err) return r.err;
    await r.durable;
    return null;
  }

  /** The log position (for snapshots). */
  get logSeq(): number {
    return this.seq;
  }

  /** What the server makes for a new seat: an id, a token, the time. */
  fresh(): rules.Fresh {
    return { id: `p_${this.deps.chance.secret().slice(0, 10)}`, token: this.deps.chance.secret(), at: this.deps.clock.now() };
  }

  /** A person joins (or gets their seat back) from a connected socket; resolves with the seat or why not. */
  async join(nickname: string, device: string | null, address: string, owner = false): Promise<Seat | GameError> {
    const r = await this.exclusive(() => {
      const j = rules.join(this.state, { nickname, device, address, owner }, this.fresh());
      if (isGameError(j)) return { err: j, seatId: "", durable: null };
      const durable = this.stage(j.events);
      this.presence.add(j.seatId);
      return { err: null, seatId: j.seatId, durable };
    });
    if (r.err) return r.err;
    await r.durable;
    this.broadcastSoon();
    return this.state.seats[r.seatId]!;
  }

  /** Renames a seat (the host's rename, or a player joining again under a new name). */
  async rename(seatId: string, nickname: string): Promise<GameError | null> {
    const err = await this.decide((s) => rules.rename(s, seatId, nickname, this.deps.clock.now()));
    if (!err) this.broadcastSoon();
    return err;
  }

  /** Whether a person is barred from this room. */
  isBarred(who: { token?: string; device: string | null; address: string }): boolean {
    return rules.isBarred(this.state, who);
  }

  /** Finds the seat of a reconnection token. */
  resume(token: string): Seat | GameError {
    if (this.state.removed.some((r) => r.token === token)) return gameError("kicked", "The host removed you from this room.");
    const seat = seatList(this.state).find((s) => s.token === token);
    return seat ?? gameError("room_not_found", "That seat is gone; join again with a nickname.");
  }

  /** Marks a seat's socket presence. */
  setConnected(seatId: string, connected: boolean): void {
    if (!this.state.seats[seatId] || this.presence.has(seatId) === connected) return;
    if (connected) this.presence.add(seatId);
    else this.presence.delete(seatId);
    this.broadcastSoon();
  }

  /**
   * Host: removes a student. Their seat token, browser id and network address are barred from this
   * room until the host lets them back (a new socket, a new browser id or no id gets nobody back in);
   * a step of theirs still in flight is dropped when it lands.
   */
  async kick(seatId: string): Promise<GameError | null> {
    const err = await this.decide((s) => rules.removeSeat(s, seatId, this.deps.clock.now()));
    if (err) return err;
    this.presence.delete(seatId);
    this.runner.forget(seatId);
    this.deps.outbox.detachSeat(this.state.id, seatId, { type: "kicked", message: "The host removed you from this room." });
    this.broadcast();
    await this.runner.checkAllEnded();
    return null;
  }

  /** Host: lets a removed student back in (they join again as a new seat). */
  async readmit(removedId: string): Promise<GameError | null> {
    const err = await this.decide((s) => rules.readmit(s, removedId, this.deps.clock.now()));
    if (!err) this.sendHostView();
    return err;
  }

  /** Host: chooses the next round's rules (checked and resolved by round-setup) and ghosts. */
  async configure(resolved: ResolvedRules, ghosts: GhostKind[]): Promise<GameError | null> {
    const err = await this.decide((s) => rules.configure(s, resolved, ghosts, () => this.fresh()));
    if (!err) this.broadcast();
    return err;
  }

  /** Host: ends the session (podium); a race or class keeps its results for the export. */
  async end(): Promise<GameError | null> {
    if (this.runner.busy) return gameError("wrong_phase", "Wait a moment: the round is being prepared or revealed.");
    const err = await this.decide((s) => rules.end(s, this.deps.clock.now()));
    if (err) return err;
    this.runner.cancelTimers();
    void this.deps.journal.snapshot(this.state.id, this.seq, this.state).catch((e: unknown) => this.deps.log.warn({ room: this.state.id, err: String(e) }, "snapshot failed"));
    this.broadcast();
    return null;
  }

  /** Whether a seat has a socket connected. */
  connected = (seatId: string): boolean => this.presence.has(seatId);

  /** Sends each seat (and the host) its own view of the room. */
  broadcast(): void {
    const now = this.deps.clock.now();
    const rosters = rosterCache(this.state, this.connected);
    for (const seat of seatList(this.state)) {
      if (!seat.ghost) this.deps.outbox.toSeat(this.state.id, seat.id, { type: "room", view: roomView(this.state, seat.id, this.roleOf(seat.id), now, rosters) });
    }
    this.sendHostView(rosters);
  }

  /** Sends one seat its own view now (a socket that just took the seat). */
  sendSeatView(seatId: string): void {
    this.deps.outbox.toSeat(this.state.id, seatId, { type: "room", view: roomView(this.state, seatId, this.roleOf(seatId), this.deps.clock.now(), rosterCache(this.state, this.connected)) });
  }

  /** The class host's view of the room (roster altitudes and states change with every step). */
  hostView(rosters = rosterCache(this.state, this.connected)): ServerMessage {
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

  /** Sends one message to every human seat (and the host, if withHost), encoded once for them all. */
  toAll(msg: ServerMessage, withHost = false): void {
    const seats = seatList(this.state).filter((seat) => !seat.ghost).map((seat) => seat.id);
    this.deps.outbox.toSeats(this.state.id, seats, msg, withHost);
  }

  /** The role a seat plays (a race's creator is its host). */
  roleOf(seatId: string | null): "host" | "player" {
    return seatId !== null && seatId === this.state.ownerSeat ? "host" : "player";
  }

  /** Commits nothing more from now on (this node is letting the room go). */
  close(): void {
    this.closed = true;
  }

  /** Stops timers; the room is forgotten after this (its journal keeps it). */
  dispose(): void {
    this.closed = true;
    this.runner.cancelTimers();
    if (this.pendingBroadcast !== null) this.deps.clock.clearTimeout(this.pendingBroadcast);
    this.pendingBroadcast = null;
  }
}

/** Re-exported so handlers can name the step message type. */
export type StepIntent = ClientMsgOf<"step">;

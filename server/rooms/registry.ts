// The rooms this node holds, by id and by join code. A room not in memory is looked up in the
// journal and rebuilt by replaying its log (after a restart, after it was put away, or on the node
// that takes it over), so putting a room away loses nothing. Idle and abandoned rooms are put away
// so memory stays bounded (a busy server would otherwise carry every finished class, and its
// garbage collector with it).
import { makeJoinCode } from "../../lib/game/phase";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { RoomKind } from "../../lib/game/room/state";
import type { RoomDeps } from "./deps";
import { Room } from "./room";
import { RoomElsewhereError, soleOwnership, type Ownership } from "../cluster/ownership";

/** A race or class with no activity for this long is put away (ms). */
export const ROOM_IDLE_MS = 60 * 60_000;
/** A solo room with no activity for this long is put away (ms). */
export const SOLO_IDLE_MS = 10 * 60_000;
/** A room nobody is connected to (no player, no host) is put away after this long (ms). */
export const EMPTY_ROOM_MS = 10 * 60_000;
/** How often rooms are checked (ms). */
export const SWEEP_MS = 60_000;

/** Holds the node's rooms. */
export class RoomRegistry {
  private readonly byId = new Map<string, Room>();
  private readonly byCode = new Map<string, Room>();
  /** Rooms being rebuilt from the journal, so two requests for one room rebuild it once. */
  private readonly loading = new Map<string, Promise<Room | undefined>>();
  private sweepTimer: unknown = null;
  /** When each room was first seen with nobody connected. */
  private readonly emptySince = new Map<Room, number>();

  /**
   * @param ownership which rooms this node may run (the cluster's leases; by default, all of them).
   * A room this node loses (another node asked for it, or its lease ran out) is put away at once
   * and its pages are sent off to reconnect, which brings them to the new owner.
   */
  constructor(readonly deps: RoomDeps, readonly ownership: Ownership = soleOwnership()) {
    ownership.onLost(async (code) => {
      const room = this.byCode.get(code);
      if (room) await this.evict(room, "moved to another node");
    });
  }

  /**
   * Creates a room under the code its page proposes (so the load balancer, which routes by that
   * code, brings every page of the room to this node), or a fresh code. A code any room has used
   * is refused (code_taken): the page picks another.
   */
  async create(kind: RoomKind, proposed?: string, homework?: string): Promise<Room | GameError> {
    let code = proposed?.toUpperCase();
    if (code) {
      if (this.byCode.has(code) || (await this.deps.journal.find(code)) !== null) return gameError("code_taken", `The code ${code} is taken: the page will pick another.`);
    } else {
      do code = makeJoinCode(() => this.deps.chance.uniform());
      while (this.byCode.has(code) || (await this.deps.journal.find(code)) !== null);
    }
    if (!(await this.ownership.acquire(code))) return gameError("code_taken", `The code ${code} is in use on another server: the page will pick another.`);
    const id = `${kind}_${this.deps.chance.secret().slice(0, 12)}`;
    let room: Room;
    try {
      room = await Room.create(this.deps, { id, kind, code, homework });
    } catch (e) {
      await this.ownership.release(code);
      throw e;
    }
    this.register(room);
    this.deps.log.info({ room: id, kind, code }, "room created");
    return room;
  }

  private register(room: Room): void {
    this.byId.set(room.state.id, room);
    this.byCode.set(room.state.code, room);
    room.onStale = () => void this.evict(room, "another node claimed it");
  }

  /** The room with an id, if this node holds it. */
  get(id: string): Room | undefined {
    return this.byId.get(id);
  }

  /**
   * The room with a join code: in memory, or rebuilt from the journal (undefined if there is none).
   * Rebuilding takes the room's lease first (another node hands it over) and claims it in the
   * journal before reading it, so the log read is complete: the old owner can append nothing after
   * the claim. Rejects with RoomElsewhereError if another node keeps the room.
   */
  async byJoinCode(code: string): Promise<Room | undefined> {
    const key = code.toUpperCase();
    const held = this.byCode.get(key);
    if (held) return held;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.restore(key).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async restore(code: string): Promise<Room | undefined> {
    if (!(await this.deps.journal.find(code))) return undefined;
    if (!(await this.ownership.acquire(code))) throw new RoomElsewhereError(code);
    try {
      const first = (await this.deps.journal.find(code))!;
      const epoch = await this.deps.journal.claim(first.roomId);
      const found = (await this.deps.journal.find(code))!;
      const room = await Room.restore(this.deps, found, epoch, this.ownership.shared);
      this.register(room);
      this.deps.log.info({ room: room.state.id, code, phase: room.state.phase, events: found.lastSeq, epoch, node: this.ownership.nodeId }, "room restored from its log");
      return room;
    } catch (e) {
      await this.ownership.release(code);
      throw e;
    }
  }

  /**
   * Forgets a room and stops its timers (its journal keeps it); its lease goes too, unless the
   * code is about to carry a new room here (release: false).
   */
  dispose(room: Room, reason = "closed", release = true): void {
    if (reason !== "closed") this.deps.log.info({ room: room.state.id, reason }, "room put away");
    room.dispose();
    this.emptySince.delete(room);
    if (this.byId.get(room.state.id) === room) this.byId.delete(room.state.id);
    if (this.byCode.get(room.state.code) === room) {
      this.byCode.delete(room.state.code);
      if (release) void this.ownership.release(room.state.code);
    }
  }

  /**
   * This node stops running a room: the intents under way finish (or are refused), the room is put
   * away, and its pages hear that it moves and reconnect (the balancer brings them to its owner).
   */
  async evict(room: Room, reason: string): Promise<void> {
    room.close();
    await room.exclusive(() => undefined);
    this.dispose(room, reason, false);
    this.deps.outbox.evict(room.state.id, { type: "notice", kind: "moving", message: "This room is moving to another server. The page reconnects by itself in a moment; nothing you did is lost." });
  }

  /** Number of rooms in memory. */
  get size(): number {
    return this.byId.size;
  }

  /** Puts away idle rooms, and rooms nobody has been connected to for EMPTY_ROOM_MS. */
  sweep(): void {
    const now = this.deps.clock.now();
    for (const room of [...this.byId.values()]) {
      const idle = now - room.state.lastActivityAt;
      if (idle > (room.state.kind === "solo" ? SOLO_IDLE_MS : ROOM_IDLE_MS)) {
        this.dispose(room, "idle");
      } else if (this.deps.outbox.occupied(room.state.id, Object.keys(room.state.seats))) {
        this.emptySince.delete(room);
      } else {
        const since = this.emptySince.get(room) ?? now;
        this.emptySince.set(room, since);
        if (now - since >= EMPTY_ROOM_MS) this.dispose(room, "empty");
      }
    }
  }

  /** Sweeps every SWEEP_MS. */
  startSweeping(): void {
    const tick = () => {
      this.sweep();
      this.sweepTimer = this.deps.clock.setTimeout(tick, SWEEP_MS);
    };
    this.sweepTimer = this.deps.clock.setTimeout(tick, SWEEP_MS);
  }

  /** Stops sweeping, puts every room away and lets their leases go. */
  async close(): Promise<void> {
    if (this.sweepTimer !== null) this.deps.clock.clearTimeout(this.sweepTimer);
    for (const room of [...this.byId.values()]) {
      room.close();
      await room.exclusive(() => undefined);
      this.dispose(room, "closed", false);
    }
    await this.ownership.close();
  }
}

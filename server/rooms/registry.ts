// All live rooms, by id and by join code. Idle and abandoned rooms are disposed so memory stays
// bounded (a busy server would otherwise carry every finished class, and its garbage collector
// with it); a seat survives a dropped socket for as long as its room lives (at least EMPTY_ROOM_MS).
import { makeJoinCode } from "../../lib/game/phase";
import type { RoomDeps } from "./deps";
import { Room } from "./room";
import type { RoomKind } from "./state";

/** A race or class with no activity for this long is disposed (ms). */
export const ROOM_IDLE_MS = 60 * 60_000;
/** A solo room with no activity for this long is disposed (ms). */
export const SOLO_IDLE_MS = 10 * 60_000;
/** A room nobody is connected to (no player, no host) is disposed after this long (ms). */
export const EMPTY_ROOM_MS = 10 * 60_000;
/** How often rooms are checked (ms). */
export const SWEEP_MS = 60_000;

/** Holds the server's rooms. */
export class RoomRegistry {
  private readonly byId = new Map<string, Room>();
  private readonly byCode = new Map<string, Room>();
  private sweepTimer: unknown = null;
  /** When each room was first seen with nobody connected. */
  private readonly emptySince = new Map<Room, number>();

  constructor(readonly deps: RoomDeps) {}

  /** Creates a room; races and classes get a fresh join code. */
  create(kind: RoomKind): Room {
    let code: string | null = null;
    if (kind !== "solo") {
      do code = makeJoinCode(() => this.deps.chance.uniform());
      while (this.byCode.has(code));
    }
    const id = `${kind}_${this.deps.chance.secret().slice(0, 12)}`;
    const room = new Room(this.deps, { id, kind, code });
    this.byId.set(id, room);
    if (code) this.byCode.set(code, room);
    this.deps.log.info({ room: id, kind, code }, "room created");
    return room;
  }

  /** The room with an id. */
  get(id: string): Room | undefined {
    return this.byId.get(id);
  }

  /** The room with a join code. */
  byJoinCode(code: string): Room | undefined {
    return this.byCode.get(code.toUpperCase());
  }

  /** Forgets a room and stops its timers. */
  dispose(room: Room, reason = "closed"): void {
    if (reason !== "closed") this.deps.log.info({ room: room.state.id, reason }, "room disposed");
    room.dispose();
    this.emptySince.delete(room);
    this.byId.delete(room.state.id);
    if (room.state.code) this.byCode.delete(room.state.code);
  }

  /** Number of live rooms. */
  get size(): number {
    return this.byId.size;
  }

  /** Disposes idle rooms, and rooms nobody has been connected to for EMPTY_ROOM_MS. */
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

  /** Stops sweeping and disposes every room. */
  close(): void {
    if (this.sweepTimer !== null) this.deps.clock.clearTimeout(this.sweepTimer);
    for (const room of [...this.byId.values()]) this.dispose(room);
  }
}

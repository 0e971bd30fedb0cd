// Where a room's events last: the journal. Every accepted change is appended before anyone is
// told (Room.commit), and a room is rebuilt from its last snapshot plus the events after it. The
// database journal (server/db/room-journal.ts) is the real one; the memory journal here serves the
// unit tests and shows the contract in a few lines.
import type { RoomEvent } from "../../lib/game/room/events";
import type { RoomState } from "../../lib/game/room/state";

/** A room as its journal holds it: the last snapshot (if any) and every event after it. */
export interface JournalRoom {
  roomId: string;
  /** The state as of seq `snapshotSeq` (null: replay from the first event). */
  snapshot: RoomState | null;
  snapshotSeq: number;
  events: RoomEvent[];
  /** The seq of the last event (events are numbered from 1). */
  lastSeq: number;
}

/** Thrown by append when another node (or a later start of this one) owns the room now. */
export class StaleOwnerError extends Error {
  constructor(roomId: string) {
    super(`Room ${roomId} is owned by a newer claim: this node's writes are refused.`);
    this.name = "StaleOwnerError";
  }
}

/** A room's durable log. */
export interface Journal {
  /**
   * Appends events numbered from `first` (the room's last seq + 1) under this node's claim `epoch`;
   * resolves once they are durable. A "created" event creates the room's record (epoch 1).
   * Rejects with StaleOwnerError if a newer claim exists, or if seqs do not follow on.
   */
  append(roomId: string, first: number, events: RoomEvent[], epoch: number): Promise<void>;
  /** Saves the state as of seq (best effort: the events are what count). */
  snapshot(roomId: string, seq: number, state: RoomState): Promise<void>;
  /** The latest room with this code (solo rooms reuse their page's code), or null. */
  find(code: string): Promise<JournalRoom | null>;
  /** Claims a room for this node: a new epoch, higher than any before; earlier claims' appends are refused from now on. */
  claim(roomId: string): Promise<number>;
}

/** A journal in memory: the contract, for tests and tools (nothing survives the process). */
export class MemoryJournal implements Journal {
  private readonly rooms = new Map<string, { code: string; epoch: number; events: RoomEvent[]; snapshot: { seq: number; state: RoomState } | null; created: number }>();

  async append(roomId: string, first: number, events: RoomEvent[], epoch: number): Promise<void> {
    let r = this.rooms.get(roomId);
    const created = events[0]?.type === "created" ? events[0] : null;
    if (!r && created) {
      r = { code: created.code, epoch: 1, events: [], snapshot: null, created: this.rooms.size };
      this.rooms.set(roomId, r);
    }
    if (!r || r.epoch !== epoch || first !== r.events.length + 1) throw new StaleOwnerError(roomId);
    r.events.push(...structuredClone(events));
  }

  async snapshot(roomId: string, seq: number, state: RoomState): Promise<void> {
    const r = this.rooms.get(roomId);
    if (r) r.snapshot = { seq, state: structuredClone(state) };
  }

  async find(code: string): Promise<JournalRoom | null> {
    let best: [string, typeof this.rooms extends Map<string, infer V> ? V : never] | null = null;
    for (const [id, r] of this.rooms) if (r.code === code && (!best || r.created > best[1].created)) best = [id, r];
    if (!best) return null;
    const [roomId, r] = best;
    const from = r.snapshot?.seq ?? 0;
    return { roomId, snapshot: r.snapshot ? structuredClone(r.snapshot.state) : null, snapshotSeq: from, events: structuredClone(r.events.slice(from)), lastSeq: r.events.length };
  }

  async claim(roomId: string): Promise<number> {
    const r = this.rooms.get(roomId);
    if (!r) throw new Error(`no room ${roomId}`);
    return ++r.epoch;
  }

  /** Every event of a room, snapshots or not (tests compare replays from the start). */
  all(roomId: string): RoomEvent[] {
    return structuredClone(this.rooms.get(roomId)?.events ?? []);
  }
}

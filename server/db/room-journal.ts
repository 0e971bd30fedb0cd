// Rooms' events in the database (PGlite embedded, or PostgreSQL): the journal rooms append to
// before they tell anyone (server/rooms/journal.ts has the contract).
//
// Group commit: appends that arrive while a write is under way wait for the next one, and each
// write is one transaction for every room it carries: a fenced update of each room's record (the
// claim's epoch must still be the room's, and the seqs must follow on, or that room's appends are
// refused: a stale owner cannot write), then one insert of all their events. A class of thirty
// stepping at once costs a few transactions a second, not thirty, and an append is durable when
// its promise resolves (the transaction has committed).
import type { RoomEvent } from "../../lib/game/room/events";
import { EVENT_TYPES } from "../../lib/game/room/events";
import type { RoomState } from "../../lib/game/room/state";
import { StaleOwnerError, type Journal, type JournalRoom } from "../rooms/journal";
import type { PrismaClient } from "./generated/client";

interface Pending {
  roomId: string;
  first: number;
  events: RoomEvent[];
  epoch: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The database journal; close() waits for the writes under way. */
export class DbJournal implements Journal {
  private pending: Pending[] = [];
  private writing: Promise<void> | null = null;
  /** Transactions written and events in them (for the health endpoint and the figures). */
  readonly stats = { writes: 0, events: 0 };

  constructor(private readonly prisma: PrismaClient, private readonly log: { warn(o: object, m?: string): void }) {}

  append(roomId: string, first: number, events: RoomEvent[], epoch: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ roomId, first, events, epoch, resolve, reject });
      if (!this.writing) this.writing = this.drain();
    });
  }

  /** Writes batches until nothing waits. */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length) await this.write(this.pending.splice(0));
    } finally {
      this.writing = null;
    }
  }

  /** One transaction for a batch: fence and advance each room, then insert every admitted event. */
  private async write(batch: Pending[]): Promise<void> {
    const rooms = new Map<string, Pending[]>();
    for (const p of batch) (rooms.get(p.roomId) ?? rooms.set(p.roomId, []).get(p.roomId)!).push(p);
    let refused: Set<string>;
    try {
      refused = await this.prisma.$transaction(async (tx) => {
        const stale = new Set<string>();
        const rows: { roomId: string; seq: number; type: string; data: object; at: Date }[] = [];
        for (const [roomId, items] of rooms) {
          const first = items[0]!.first;
          const epoch = items[0]!.epoch;
          let seq = first;
          const ok = items.every((p) => p.epoch === epoch && p.first === seq && (seq += p.events.length) > 0);
          const last = seq - 1;
          const created = items[0]!.events[0]?.type === "created" ? items[0]!.events[0] : null;
          if (!ok) { stale.add(roomId); continue; }
          if (created && first === 1) {
            await tx.room.create({ data: { id: roomId, code: created.code, kind: created.kind, epoch, lastSeq: last } });
          } else {
            const n = await tx.$executeRaw`UPDATE "Room" SET "lastSeq" = ${last}, "updatedAt" = now() WHERE "id" = ${roomId} AND "epoch" = ${epoch} AND "lastSeq" = ${first - 1}`;
            if (n !== 1) { stale.add(roomId); continue; }
          }
          let k = first;
          for (const p of items) for (const e of p.events) rows.push({ roomId, seq: k++, type: e.type, data: e, at: new Date(e.at) });
        }
        if (rows.length) await tx.roomEvent.createMany({ data: rows });
        return stale;
      });
    } catch (e) {
      this.log.warn({ err: String(e), rooms: rooms.size }, "journal write failed");
      for (const p of batch) p.reject(e);
      return;
    }
    this.stats.writes++;
    for (const p of batch) {
      if (refused.has(p.roomId)) p.reject(new StaleOwnerError(p.roomId));
      else {
        this.stats.events += p.events.length;
        p.resolve();
      }
    }
  }

  async snapshot(roomId: string, seq: number, state: RoomState): Promise<void> {
    await this.prisma.roomSnapshot.upsert({ where: { roomId_seq: { roomId, seq } }, create: { roomId, seq, state: state as object }, update: {} });
    await this.prisma.roomSnapshot.deleteMany({ where: { roomId, seq: { lt: seq } } });
  }

  async find(code: string): Promise<JournalRoom | null> {
    await this.writing; // a room being written is read after its writes
    const room = await this.prisma.room.findFirst({ where: { code }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    if (!room) return null;
    const snap = await this.prisma.roomSnapshot.findFirst({ where: { roomId: room.id, seq: { lte: room.lastSeq } }, orderBy: { seq: "desc" } });
    const from = snap?.seq ?? 0;
    const rows = await this.prisma.roomEvent.findMany({ where: { roomId: room.id, seq: { gt: from } }, orderBy: { seq: "asc" } });
    const events = rows.map((r) => {
      if (!EVENT_TYPES.includes(r.type as RoomEvent["type"])) throw new Error(`Room ${room.id} holds an event of unknown type "${r.type}": a newer version wrote it.`);
      return r.data as unknown as RoomEvent;
    });
    return { roomId: room.id, snapshot: (snap?.state as unknown as RoomState) ?? null, snapshotSeq: from, events, lastSeq: room.lastSeq };
  }

  async claim(roomId: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ epoch: number }[]>`UPDATE "Room" SET "epoch" = "epoch" + 1, "updatedAt" = now() WHERE "id" = ${roomId} RETURNING "epoch"`;
    const epoch = rows[0]?.epoch;
    if (epoch === undefined) throw new Error(`There is no room ${roomId} to claim.`);
    return Number(epoch);
  }

  /** Waits for the writes under way (shutdown). */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
  }
}

// Rooms' events in the database (PGlite embedded, or PostgreSQL): the journal rooms append to
// before they tell anyone (server/rooms/journal.ts has the contract).
//
// Group commit: appends that arrive while a write is under way wait for the next one, and each
// write is one transaction for every room it carries: a fenced update of each room's record (the
// claim's epoch must still be the room's, and the seqs must follow on, or that room's appends are
// refused: a stale owner cannot write), then one insert of all their events. An append is durable
// when its promise resolves (the transaction has committed).
//
// Writes start at most every GROUP_COMMIT_MS: a write costs the embedded database (PGlite, in this
// thread) ~1.1 ms of CPU however little it carries, plus ~10 µs an event, so under load the
// appends of a few milliseconds go together (1,000 steps a second: ~8 events a write instead of 1–2,
// and a quarter of the CPU). A lone append after a quiet spell is written at once.
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

/** Least time between the starts of two writes, ms (see above): the most a write waits for company. */
export const GROUP_COMMIT_MS = 8;

/** The database journal; close() waits for the writes under way. */
export class DbJournal implements Journal {
  private pending: Pending[] = [];
  private writing: Promise<void> | null = null;
  private lastStart = -Infinity;
  /** Ends the current wait for the window early (close). */
  private wake: (() => void) | null = null;
  private closing = false;
  /** Transactions written and events in them (for the health endpoint and the figures). */
  readonly stats = { writes: 0, events: 0 };

  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: { warn(o: object, m?: string): void },
    private readonly windowMs = GROUP_COMMIT_MS,
  ) {}

  append(roomId: string, first: number, events: RoomEvent[], epoch: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ roomId, first, events, epoch, resolve, reject });
      if (!this.writing) this.writing = this.drain();
    });
  }

  /**
   * Writes batches until nothing waits, each at least windowMs after the last one started. It
   * yields to the event loop before every write, even after a quiet spell, so that the appends of
   * the same turn (and of the socket reads just before it) go in together.
   */
  private async drain(): Promise<void> {
    try {
      for (;;) {
        const wait = this.closing ? 0 : this.lastStart + this.windowMs - performance.now();
        await new Promise<void>((resolve) => {
          const timer = wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve);
          this.wake = () => {
            if (wait > 0) clearTimeout(timer as ReturnType<typeof setTimeout>);
            else clearImmediate(timer as ReturnType<typeof setImmediate>);
            resolve();
          };
        });
        this.wake = null;
        if (!this.pending.length) break;
        this.lastStart = performance.now();
        await this.write(this.pending.splice(0));
      }
    } finally {
      this.writing = null;
    }
  }

  /**
   * One write for a batch: fence and advance each room, then insert every admitted event. The
   * usual batch (steps of rooms that exist) is one SQL statement, atomic by itself: the rooms'
   * records are advanced where their epoch and last seq still match, and only those rooms' events
   * are inserted. A batch that creates rooms is one transaction of several statements.
   */
  private async write(batch: Pending[]): Promise<void> {
    const rooms = new Map<string, Pending[]>();
    for (const p of batch) (rooms.get(p.roomId) ?? rooms.set(p.roomId, []).get(p.roomId)!).push(p);
    const refused = new Set<string>();
    const plans: { roomId: string; epoch: number; first: number; last: number; created: Extract<RoomEvent, { type: "created" }> | null; items: Pending[] }[] = [];
    for (const [roomId, items] of rooms) {
      const first = items[0]!.first;
      const epoch = items[0]!.epoch;
      let seq = first;
      const follows = items.every((p) => p.epoch === epoch && p.first === seq && (seq += p.events.length) > 0);
      const head = items[0]!.events[0];
      if (!follows) refused.add(roomId);
      else plans.push({ roomId, epoch, first, last: seq - 1, created: head?.type === "created" && first === 1 ? head : null, items });
    }
    try {
      if (plans.some((p) => p.created)) await this.writeWithCreations(plans, refused);
      else if (plans.length) await this.writeSteps(plans, refused);
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

  /** The batch's events as parallel arrays (one per column). */
  private static columns(plans: { roomId: string; first: number; items: Pending[] }[]) {
    const cols = { roomId: [] as string[], seq: [] as number[], type: [] as string[], data: [] as string[], at: [] as number[] };
    for (const plan of plans) {
      let k = plan.first;
      for (const p of plan.items) {
        for (const e of p.events) {
          cols.roomId.push(plan.roomId);
          cols.seq.push(k++);
          cols.type.push(e.type);
          cols.data.push(JSON.stringify(e));
          cols.at.push(e.at);
        }
      }
    }
    return cols;
  }

  /** Rooms that exist: one statement advances the fenced records and inserts the events of those advanced. */
  private async writeSteps(plans: { roomId: string; epoch: number; first: number; last: number; items: Pending[] }[], refused: Set<string>): Promise<void> {
    const c = DbJournal.columns(plans);
    const advanced = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH v AS (
        SELECT * FROM unnest(${plans.map((p) => p.roomId)}::text[], ${plans.map((p) => p.epoch)}::int[], ${plans.map((p) => p.first - 1)}::int[], ${plans.map((p) => p.last)}::int[]) AS v("id", "epoch", "prev", "last")
      ), adv AS (
        UPDATE "Room" AS r SET "lastSeq" = v."last", "updatedAt" = now() FROM v
        WHERE r."id" = v."id" AND r."epoch" = v."epoch" AND r."lastSeq" = v."prev"
        RETURNING r."id"
      ), ins AS (
        INSERT INTO "RoomEvent" ("roomId", "seq", "type", "data", "at")
        SELECT e."roomId", e."seq", e."type", e."data"::jsonb, timestamp '1970-01-01' + e."at" * interval '1 millisecond'
        FROM unnest(${c.roomId}::text[], ${c.seq}::int[], ${c.type}::text[], ${c.data}::text[], ${c.at}::float8[]) AS e("roomId", "seq", "type", "data", "at")
        WHERE e."roomId" IN (SELECT "id" FROM adv)
        RETURNING 1
      )
      SELECT "id" FROM adv`;
    const ok = new Set(advanced.map((r) => r.id));
    for (const p of plans) if (!ok.has(p.roomId)) refused.add(p.roomId);
  }

  /** A batch that creates rooms: one transaction (create or fence each record, then insert the events). */
  private async writeWithCreations(plans: { roomId: string; epoch: number; first: number; last: number; created: Extract<RoomEvent, { type: "created" }> | null; items: Pending[] }[], refused: Set<string>): Promise<void> {
    const stale = await this.prisma.$transaction(async (tx) => {
      const stale = new Set<string>();
      for (const p of plans) {
        if (p.created) {
          await tx.room.create({ data: { id: p.roomId, code: p.created.code, kind: p.created.kind, epoch: p.epoch, lastSeq: p.last } });
        } else {
          const n = await tx.$executeRaw`UPDATE "Room" SET "lastSeq" = ${p.last}, "updatedAt" = now() WHERE "id" = ${p.roomId} AND "epoch" = ${p.epoch} AND "lastSeq" = ${p.first - 1}`;
          if (n !== 1) stale.add(p.roomId);
        }
      }
      const c = DbJournal.columns(plans.filter((p) => !stale.has(p.roomId)));
      if (c.roomId.length) await tx.roomEvent.createMany({ data: c.roomId.map((roomId, i) => ({ roomId, seq: c.seq[i]!, type: c.type[i]!, data: JSON.parse(c.data[i]!) as object, at: new Date(c.at[i]!) })) });
      return stale;
    });
    for (const id of stale) refused.add(id);
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

  /** Writes what waits without waiting for the window, and waits for the writes under way (shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    while (this.writing) await this.writing;
  }
}

// The journal's fence, on every journal the server runs on (memory, the embedded database, and
// PostgreSQL when TEST_DATABASE_URL is set): appends must follow on, and once a room is claimed
// again (a new owner, a new epoch) the old owner's appends are refused, whole, with nothing written.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/database";
import { DbJournal } from "../../server/db/room-journal";
import { MemoryJournal, StaleOwnerError, type Journal } from "../../server/rooms/journal";
import type { RoomEvent } from "../../lib/game/room/events";

const pg = process.env.TEST_DATABASE_URL;
const quiet = { warn: () => undefined };
const closers: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of closers) await c(); });

async function dbJournal(databaseUrl?: string): Promise<Journal> {
  const dataDir = mkdtempSync(join(tmpdir(), "downhill-journal-"));
  const db = await openDatabase({ dataDir, databaseUrl });
  const journal = new DbJournal(db.prisma, quiet);
  closers.push(async () => { await journal.close(); await db.close(); rmSync(dataDir, { recursive: true, force: true }); });
  return journal;
}

const journals: [string, () => Promise<Journal>][] = [
  ["memory", async () => new MemoryJournal()],
  ["embedded database", () => dbJournal()],
  ...(pg ? [["PostgreSQL", () => dbJournal(pg)] as [string, () => Promise<Journal>]] : []),
];

let n = 0;
function room(): { id: string; code: string; created: RoomEvent; renamed: (k: number) => RoomEvent } {
  const id = `class_fence${++n}${Date.now()}`;
  const code = `F${String(n).padStart(5, "0")}`.slice(0, 6);
  return {
    id, code,
    created: { at: 1, type: "created", id, kind: "class", code, hostSecret: "s".repeat(16) },
    renamed: (k) => ({ at: 1 + k, type: "configured", rules: null, ghosts: [] }) as unknown as RoomEvent,
  };
}

describe.each(journals)("the journal's fence: %s", (_name, open) => {
  it("refuses a stale owner's appends after a new claim, and appends that do not follow on", async () => {
    const j = await open();
    const r = room();
    await j.append(r.id, 1, [r.created], 1);
    await j.append(r.id, 2, [r.renamed(2)], 1);
    // A gap or a repeat is refused.
    await expect(j.append(r.id, 4, [r.renamed(4)], 1)).rejects.toBeInstanceOf(StaleOwnerError);
    await expect(j.append(r.id, 2, [r.renamed(2)], 1)).rejects.toBeInstanceOf(StaleOwnerError);
    // Another node claims the room: epoch 2. The first owner's next append is refused.
    const epoch = await j.claim(r.id);
    expect(epoch).toBe(2);
    await expect(j.append(r.id, 3, [r.renamed(3)], 1)).rejects.toBeInstanceOf(StaleOwnerError);
    // The new owner appends where the log stands.
    await j.append(r.id, 3, [r.renamed(3), r.renamed(4)], epoch);
    // And a third claim fences the second owner in turn.
    expect(await j.claim(r.id)).toBe(3);
    await expect(j.append(r.id, 5, [r.renamed(5)], epoch)).rejects.toBeInstanceOf(StaleOwnerError);
    const found = await j.find(r.code);
    expect(found?.roomId).toBe(r.id);
    expect(found?.lastSeq).toBe(4);
    expect(found?.events.map((e) => e.at)).toEqual([1, 3, 4, 5]);
  });

  it("refuses one room's stale append without failing another room written in the same batch", async () => {
    const j = await open();
    const a = room(), b = room();
    await Promise.all([j.append(a.id, 1, [a.created], 1), j.append(b.id, 1, [b.created], 1)]);
    await j.claim(a.id);
    const [stale, fine] = await Promise.allSettled([j.append(a.id, 2, [a.renamed(2)], 1), j.append(b.id, 2, [b.renamed(2)], 1)]);
    expect(stale.status).toBe("rejected");
    expect(fine.status).toBe("fulfilled");
    expect((await j.find(a.code))?.lastSeq).toBe(1);
    expect((await j.find(b.code))?.lastSeq).toBe(2);
  });
});

describe("the embedded database's group commit", () => {
  it("writes the appends of one window together: a write at most every windowMs, a lone append at once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "downhill-journal-"));
    const db = await openDatabase({ dataDir });
    // A window far longer than anything below takes, so the test does not depend on the machine's speed.
    const j = new DbJournal(db.prisma, quiet, 60_000);
    closers.push(async () => { await db.close(); rmSync(dataDir, { recursive: true, force: true }); });
    const r = room();
    // After a quiet spell the first append is written at once, alone.
    await j.append(r.id, 1, [r.created], 1);
    expect(j.stats).toEqual({ writes: 1, events: 1 });
    // The next appends arrive one by one, each after the last was handed over (a turn of the event
    // loop apart, where the journal without a window wrote each alone): they wait for the window and
    // go in one write.
    const appended: Promise<void>[] = [];
    for (let k = 2; k <= 6; k++) {
      appended.push(j.append(r.id, k, [r.renamed(k)], 1));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(j.stats.writes).toBe(1);
    // Closing does not wait for the window: it writes what waits at once.
    await j.close();
    await Promise.all(appended);
    expect(j.stats).toEqual({ writes: 2, events: 6 });
    expect((await j.find(r.code))?.lastSeq).toBe(6);
  });
});

// The same schema and migrations on a real PostgreSQL server through @prisma/adapter-pg.
// `npm test` starts a throwaway PostgreSQL on loopback and sets TEST_DATABASE_URL (scripts/test.sh);
// without one (a machine where it cannot be installed) this file is skipped and says so.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/database";
import { createResults } from "../../server/db/results";
import type { ScoreRow } from "../../server/rooms/deps";

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn("TEST_DATABASE_URL is not set: the PostgreSQL test is skipped.");

const row = (nickname: string, score: number, playerKey = nickname): ScoreRow => ({
  mode: "solo", roomId: "r1", roomCode: null, roundNo: 1, landscapeId: "bowl", playerId: "p", nickname, score,
  startLoss: 2, finalLoss: 0.3, minLoss: 0.05, steps: 9, budget: 30, batch: 0, seed: 1, outcome: "descended", playerKey,
});

describe.skipIf(!url)("PostgreSQL through DATABASE_URL", () => {
  it("migrates once, stores scores with ranks, and keeps them across a reconnect", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "downhill-pg-"));
    const landscape = `pg-${process.pid}-${Date.now() % 100000}`;
    let db = await openDatabase({ dataDir, databaseUrl: url });
    expect(db.kind).toBe("postgresql");
    const { results } = createResults(db.prisma);
    const a = await results.saveScore({ ...row("Ada", 500), landscapeId: landscape });
    const b = await results.saveScore({ ...row("Bea", 900), landscapeId: landscape });
    expect([a.rank, a.of, b.rank, b.of]).toEqual([1, 1, 1, 2]);
    // One best per player: Bea's worse round leaves her entry as it was.
    const worse = await results.saveScore({ ...row("Bea", 100), landscapeId: landscape });
    expect([worse.id, worse.best, worse.of]).toEqual([b.id, false, 2]);
    await db.close();

    db = await openDatabase({ dataDir, databaseUrl: url });
    expect(db.applied).toEqual([]); // already migrated
    const { board } = createResults(db.prisma);
    const top = await board.top(landscape, 20);
    expect(top.map((r) => [r.rank, r.nickname, r.score])).toEqual([[1, "Bea", 900], [2, "Ada", 500]]);
    expect((await board.entry(a.id))?.rank).toBe(2);
    await db.prisma.score.deleteMany({ where: { landscapeId: landscape } });
    await db.close();
  });
});

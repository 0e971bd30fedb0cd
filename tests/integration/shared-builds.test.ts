// Builds shared by the nodes of a cluster: two training cores with caches of their own, one
// database and one Redis. Asked for the same landscape at once, one trains it and the other waits
// and fetches its files; a third node later fetches them too. Nobody trains twice.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import type { RedisClientType } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, redisLeaseStore } from "../../server/cluster/cluster";
import { openDatabase, type Database } from "../../server/db/database";
import { TrainingCore } from "../../server/training/core";
import { sharedBuilds } from "../../server/training/shared";
import { redisUnavailable, startTestRedis, type TestRedis } from "./support/redis";

const why = redisUnavailable();
if (why) console.log(`Skipping the shared-builds test: ${why}`);

/** A logger that counts the builds it reports. */
function counting(): { log: Logger; builds: string[] } {
  const builds: string[] = [];
  const log: Logger = pino({ level: "info" }, { write: (line: string) => { const o = JSON.parse(line) as { msg: string; landscape?: string }; if (o.msg === "building landscape") builds.push(o.landscape!); } });
  return { log, builds };
}

describe.skipIf(why !== null)("landscapes built once for a whole cluster", () => {
  let redis: TestRedis;
  let client: RedisClientType;
  let db: Database;
  const cores: TrainingCore[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    client = await connectRedis(redis.url, { warn: () => undefined });
    db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), "downhill-shared-db-")) });
  }, 60_000);
  afterAll(async () => {
    for (const c of cores) await c.close();
    await db?.close();
    await client?.close();
    await redis?.stop();
  });

  async function node(): Promise<{ core: TrainingCore; builds: string[]; dataDir: string }> {
    const { log, builds } = counting();
    const dataDir = mkdtempSync(join(tmpdir(), "downhill-shared-node-"));
    const core = await TrainingCore.create({ dataDir, threads: 1, logger: log, shared: sharedBuilds(db.prisma, redisLeaseStore(client), log) });
    cores.push(core);
    return { core, builds, dataDir };
  }

  it("trains once when two nodes ask at once, and a later node fetches the files", async () => {
    const [a, b] = await Promise.all([node(), node()]);
    const [ra, rb] = await Promise.all([a.core.ensure("ravine"), b.core.ensure("ravine")]);
    expect([...a.builds, ...b.builds]).toEqual(["ravine"]); // one of them trained
    expect(ra.minimum).toEqual(rb.minimum);
    const c = await node();
    const rc = await c.core.ensure("ravine");
    expect(c.builds).toEqual([]);
    expect(rc.minimum).toEqual(ra.minimum);
    // The fetched files are the cache's own: the field grid is there, and probes agree everywhere.
    expect(readdirSync(join(c.dataDir, "landscapes")).some((f) => f.startsWith("ravine.") && f.includes(".field"))).toBe(true);
    const here = await c.core.probe("ravine", 0.3, -0.2);
    const there = await a.core.probe("ravine", 0.3, -0.2);
    expect(here.loss).toBe(there.loss);
  }, 180_000);
});

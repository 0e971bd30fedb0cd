// The long-lived services the server composes: the training core (worker pool) and the database.
// Opened once at start, closed in reverse order at shutdown.
import type { Logger } from "pino";
import { TrainingCore } from "./training/core";
import { openDatabase } from "./db/database";
import { createResults, type Board } from "./db/results";
import type { HomeworkStore, Landscapes, ResultStore } from "./rooms/deps";
import { createHomeworkStore } from "./db/homework";
import type { Journal } from "./rooms/journal";
import { DbJournal } from "./db/room-journal";
import type { RedisClientType } from "redis";
import { sharedBuilds } from "./training/shared";
import { redisLeaseStore } from "./cluster/cluster";

/** What server/main.ts and the integration tests get. */
export interface Services {
  landscapes: Landscapes;
  results: ResultStore;
  board: Board;
  /** Rooms' durable logs. */
  journal: Journal;
  /** Homework assignments and walks. */
  homework: HomeworkStore;
  health(): object;
  /** Builds every catalog landscape in the background (cached on disk), so first rounds start fast. */
  prebuild(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database (migrating it) and starts the training core. */
export async function openServices(opts: { dataDir: string; databaseUrl?: string; threads?: number; log: Logger; redis?: RedisClientType }): Promise<Services> {
  const db = await openDatabase({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  if (db.applied.length > 0) opts.log.info({ migrations: db.applied }, "database migrated");
  let core: TrainingCore;
  try {
    // A cluster node (Redis and a shared PostgreSQL) trains a landscape only if no node has.
    const shared = opts.redis && db.kind === "postgresql" ? sharedBuilds(db.prisma, redisLeaseStore(opts.redis), opts.log) : undefined;
    core = await TrainingCore.create({ dataDir: opts.dataDir, threads: opts.threads, logger: opts.log, shared });
  } catch (e) {
    await db.close();
    throw e;
  }
  const { results, board } = createResults(db.prisma);
  const journal = new DbJournal(db.prisma, opts.log);
  return {
    landscapes: core,
    results,
    board,
    journal,
    homework: createHomeworkStore(db.prisma),
    health: () => ({ database: db.kind, training: core.health(), journal: journal.stats }),
    async prebuild() {
      for (const info of core.catalog()) {
        try {
          const t = Date.now();
          await core.ensure(info.id);
          opts.log.info({ landscape: info.id, ms: Date.now() - t }, "landscape ready");
        } catch (e) {
          opts.log.warn({ landscape: info.id, err: String(e) }, "prebuild failed");
        }
      }
    },
    async close() {
      await journal.close();
      await core.close();
      await db.close();
    },
  };
}

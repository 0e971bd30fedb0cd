// The database: Prisma 7 on a driver adapter. Embedded by default (PGlite, PostgreSQL compiled to
// WASM, files under DATA_DIR/db, nothing to start), or a PostgreSQL server when DATABASE_URL is
// set. Either way the migrations in prisma/migrations are applied before the first query.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { applyMigrations, migrationNames } from "./migrate";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Whether every migration in the folder is recorded as applied: then the schema engine (slow to
 * start, and holding an advisory lock the other nodes of a cluster wait on) is not needed.
 */
async function upToDate(prisma: PrismaClient): Promise<boolean> {
  try {
    const rows = await prisma.$queryRaw<{ migration_name: string }[]>`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    return migrationNames().every((n) => applied.has(n));
  } catch {
    return false; // a new database: no migrations table yet
  }
}

/** Applies what is missing. Nodes of a cluster starting together wait for each other's migration (the engine's advisory lock): a timeout there is tried again. */
async function migrate(prisma: PrismaClient, factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    if (await upToDate(prisma)) return [];
    try {
      return await applyMigrations(factory);
    } catch (e) {
      const lockTimeout = (e as { code?: unknown }).code === "P1002";
      if (!lockTimeout || attempt >= 5) throw e;
    }
  }
}

/** An open database. */
export interface Database {
  prisma: PrismaClient;
  kind: "embedded" | "postgresql";
  /** Migrations applied by this start (empty when the database was up to date). */
  applied: string[];
  close(): Promise<void>;
}

/** Opens (and migrates) the embedded database under dataDir, or PostgreSQL at databaseUrl. */
export async function openDatabase(opts: { dataDir: string; databaseUrl?: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const factory = new PrismaPg(opts.databaseUrl);
    const prisma = new PrismaClient({ adapter: factory });
    try {
      const applied = await migrate(prisma, factory);
      return { prisma, kind: "postgresql", applied, close: () => prisma.$disconnect() };
    } catch (e) {
      await prisma.$disconnect();
      throw e;
    }
  }
  const dir = join(opts.dataDir, "db");
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir);
  try {
    const factory = new PrismaPGlite(pg);
    const prisma = new PrismaClient({ adapter: factory });
    const applied = await migrate(prisma, factory);
    return {
      prisma,
      kind: "embedded",
      applied,
      close: async () => {
        await prisma.$disconnect();
        await pg.close();
      },
    };
  } catch (e) {
    await pg.close();
    throw e;
  }
}

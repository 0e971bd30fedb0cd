// The database: Prisma 7 on a driver adapter. Embedded by default (PGlite, PostgreSQL compiled to
// WASM, files under DATA_DIR/db, nothing to start), or a PostgreSQL server when DATABASE_URL is
// set. Either way the migrations in prisma/migrations are applied before the first query.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";

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
    const applied = await applyMigrations(factory);
    const prisma = new PrismaClient({ adapter: factory });
    return { prisma, kind: "postgresql", applied, close: () => prisma.$disconnect() };
  }
  const dir = join(opts.dataDir, "db");
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir);
  try {
    const factory = new PrismaPGlite(pg);
    const applied = await applyMigrations(factory);
    const prisma = new PrismaClient({ adapter: factory });
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

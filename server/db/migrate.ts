// Migrations at start, through Prisma's own schema engine compiled to WASM (no native engine, no
// network): the same `prisma/migrations` folder and `_prisma_migrations` table as `prisma migrate
// deploy` would use, on PGlite or on PostgreSQL.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_PATH = join(root, "prisma/schema.prisma");
export const MIGRATIONS_DIR = join(root, "prisma/migrations");

type Bindings = typeof import("@prisma/schema-engine-wasm");
let bindings: Promise<Bindings> | null = null;

// Node 20 cannot import a .wasm file as an ES module without a flag, so the glue module is loaded
// on its own and handed an instance we compile here (what the package's entry point does).
async function loadEngine(): Promise<Bindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import(join(dir, "schema_engine_bg.js"))) as Bindings & { __wbg_set_wasm(w: unknown): void };
    const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, "schema_engine_bg.wasm")), { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

/** The names of the migrations in the folder, in order. */
export function migrationNames(dir = MIGRATIONS_DIR): string[] {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

/** The migrations folder as the engine wants it. */
function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const names = migrationNames(dir);
  const lock = join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lock) ? readFileSync(lock, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: readFileSync(join(dir, name, "migration.sql"), "utf8") } },
    })),
  };
}

/** Opens the schema engine on a driver adapter factory; free() it when done. */
export async function openEngine(factory: SqlMigrationAwareDriverAdapterFactory, log: (msg: string) => void = () => {}): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadEngine();
  return SchemaEngine.new({ datamodels: [[SCHEMA_PATH, readFileSync(SCHEMA_PATH, "utf8")]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
}

/** Applies every migration the database has not seen; resolves with the names applied now. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openEngine(factory);
  try {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters: { externalTables: [], externalEnums: [] } });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

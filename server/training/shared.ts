// Builds shared by the nodes of a cluster: a landscape is trained by one node, and every other
// node fetches its cache files from the database instead of training it again.
//
//   a node misses a landscape in its own cache → fetches its files from the database (another
//   node built it) → none there: takes the landscape's build lock (Redis, renewed while it
//   trains; the others wait on it, then fetch) → trains, saves locally, publishes the files.
//
// A single process has no shared builds: its DATA_DIR is its cache.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db/generated/client";
import type { LeaseStore } from "../cluster/leases";

/** How builds are shared (the training core's view). */
export interface SharedBuilds {
  /** Copies files another node published into dir; true if every one was there. */
  fetch(dir: string, names: string[]): Promise<boolean>;
  /** Publishes this node's files from dir. */
  publish(dir: string, names: string[]): Promise<void>;
  /** Runs build as the only builder of key in the cluster; others wait until it ends (or its lock lapses). */
  alone<T>(key: string, build: () => Promise<T>): Promise<T>;
}

/** Lock lifetime and renewal, ms: a node that dies mid-build frees its landscape within the lifetime. */
export const BUILD_LOCK_MS = 15_000;
const RENEW_MS = 5_000;
const POLL_MS = 250;

/** Shared builds: the files in PostgreSQL (LandscapeFile), the lock in Redis. */
export function sharedBuilds(prisma: PrismaClient, locks: LeaseStore, log: { warn(o: object, m?: string): void }): SharedBuilds {
  return {
    async fetch(dir, names) {
      const rows = await prisma.landscapeFile.findMany({ where: { name: { in: names } } });
      if (rows.length !== names.length) return false;
      mkdirSync(dir, { recursive: true });
      for (const r of rows) {
        // Atomically, as the cache writes its own files: a reader never sees half a file.
        const tmp = join(dir, `${r.name}.${randomUUID()}.tmp`);
        writeFileSync(tmp, r.bytes);
        renameSync(tmp, join(dir, r.name));
      }
      return true;
    },
    async publish(dir, names) {
      for (const name of names) {
        const bytes = readFileSync(join(dir, name));
        await prisma.landscapeFile.upsert({ where: { name }, create: { name, bytes }, update: { bytes } });
      }
    },
    async alone(key, build) {
      const lock = `downhill:build:${key}`;
      const token = randomUUID();
      while (!(await locks.setIfAbsent(lock, token, BUILD_LOCK_MS))) await new Promise((r) => setTimeout(r, POLL_MS));
      const renew = setInterval(() => {
        locks.renewIfHeld([{ key: lock, value: token }], BUILD_LOCK_MS).catch((e: unknown) => log.warn({ key, err: String(e) }, "build lock renewal failed"));
      }, RENEW_MS);
      try {
        return await build();
      } finally {
        clearInterval(renew);
        await locks.deleteIfHeld(lock, token).catch(() => undefined);
      }
    },
  };
}

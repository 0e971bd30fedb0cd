// Shared helpers of the training-core tests: temporary data directories and a logger whose
// lines the test can read (to see whether a landscape was built or loaded from the cache).
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino, type Logger } from "pino";

/** A fresh data directory under the OS temp folder. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "downhill-core-test-"));
}

/** Removes a data directory made by tempDataDir. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A pino logger that keeps every line (parsed) in `lines`. */
export function recordingLogger(): { logger: Logger; lines: { msg: string; landscape?: string; level: number }[] } {
  const lines: { msg: string; landscape?: string; level: number }[] = [];
  const logger = pino({ level: "debug" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

/** Name, size and mtime of every file under dir/landscapes: equal snapshots mean nothing changed. */
export function cacheSnapshot(dataDir: string): string[] {
  const dir = join(dataDir, "landscapes");
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.sort().map((n) => {
    const s = statSync(join(dir, n));
    return `${n} ${s.size} ${s.mtimeMs}`;
  });
}

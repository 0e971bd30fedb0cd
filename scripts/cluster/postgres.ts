// The cluster's PostgreSQL: a data directory of its own (D/postgres, kept between `up`s, so a
// class survives a restart of the whole cluster), trust authentication, listening on 127.0.0.1
// only and on no Unix socket (a long D would overflow a socket path). PostgreSQL refuses to run
// as root, so as root its tools run as Debian's `postgres` user; any other user runs them as
// itself, which needs no sudo and leaves D/postgres owned by whoever owns D.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ClusterError } from "./errors";
import type { Layout } from "./layout";
import { isRunning, startTime, stopProcess, type ProcessRef } from "./processes";

/** The role and database the game uses. */
const ROLE = "downhill";
const DATABASE = "downhill";

/** Who runs PostgreSQL's tools: null for this process's own user. */
type Owner = { uid: number; gid: number } | null;

/** Debian's postgres user when this process is root, else null. */
function owner(): Owner {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) throw new ClusterError("There is no postgres user (Debian's postgresql package creates it); PostgreSQL cannot run as root.");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a PostgreSQL tool as its owner, in its data directory. */
function run(who: Owner, cwd: string, cmd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, HOME: cwd }, ...(who ?? {}) });
}

/** The last non-empty line of a tool's output, for an error line. */
function lastLine(r: SpawnSyncReturns<string>): string {
  return (`${r.stdout ?? ""}\n${r.stderr ?? ""}`.trim().split("\n").filter(Boolean).pop() ?? r.error?.message ?? `exit code ${r.status}`).trim();
}

/** Whether `who` may write the data directory and the log file (a folder above may be closed to it). */
function reachable(who: Owner, paths: string[]): boolean {
  const r = spawnSync("/bin/sh", ["-c", 'for p; do test -w "$p" || exit 1; done', "sh", ...paths], who ?? {});
  return r.status === 0;
}

/** Makes D/postgres and its log ready for their owner (as root: the postgres user). */
function prepare(who: Owner, layout: Layout, say: (line: string) => void): void {
  mkdirSync(layout.postgres, { recursive: true, mode: 0o700 });
  closeSync(openSync(layout.log("postgres"), "w")); // this run's log only, as every other process's
  if (who === null) return;
  chownSync(layout.postgres, who.uid, who.gid);
  chownSync(layout.log("postgres"), who.uid, who.gid);
  const paths = [layout.postgres, layout.log("postgres")];
  if (reachable(who, paths)) return;
  // A private D (mktemp makes 0700 folders): let other users pass through it, not list it.
  const mode = statSync(layout.dir).mode & 0o777;
  if ((mode & 0o001) === 0) {
    chmodSync(layout.dir, mode | 0o001);
    say(`Made ${layout.dir} passable for the postgres user (mode ${(mode | 0o001).toString(8)}).`);
  }
  if (!reachable(who, paths)) throw new ClusterError(`The postgres user cannot reach ${layout.postgres}: a folder above it is closed to other users; use a --dir it can reach (e.g. under /tmp).`);
}

/** The postmaster running on a data directory (the first line of its postmaster.pid), or null. */
function postmaster(dataDir: string): ProcessRef | null {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const ref: ProcessRef = { pid, since: startTime(pid), group: false };
    return Number.isInteger(pid) && pid > 1 && isRunning(ref) ? ref : null;
  } catch {
    return null;
  }
}

/** The running PostgreSQL of a cluster. */
export interface RunningPostgres {
  ref: ProcessRef;
  databaseUrl: string;
}

/**
 * Initialises D/postgres when it is new, starts PostgreSQL on 127.0.0.1:port (`onStart` hears of
 * it at once, so it is recorded even if the next step fails) and makes sure the game's database exists.
 */
export function startPostgres(bin: string, layout: Layout, port: number, opts: { say: (line: string) => void; onStart: (ref: ProcessRef) => void }): RunningPostgres {
  const who = owner();
  prepare(who, layout, opts.say);
  if (!existsSync(join(layout.postgres, "PG_VERSION"))) {
    const r = run(who, layout.postgres, join(bin, "initdb"), ["-D", layout.postgres, "-A", "trust", "-U", ROLE, "-E", "UTF8", "--locale=C", "--no-instructions"]);
    if (r.status !== 0) throw new ClusterError(`initdb failed: ${lastLine(r)}.`);
  }
  // pg_ctl hands -o to /bin/sh, hence the quoted empty list of socket directories.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const r = run(who, layout.postgres, join(bin, "pg_ctl"), ["-D", layout.postgres, "-l", layout.log("postgres"), "-o", options, "-w", "-t", "60", "start"]);
  const ref = postmaster(layout.postgres);
  if (ref) opts.onStart(ref); // even when pg_ctl gave up waiting: a postmaster still starting must be stopped too
  if (r.status !== 0 || !ref) throw new ClusterError(`PostgreSQL did not start: ${lastLine(r)} (see ${layout.log("postgres")}).`);
  const c = run(who, layout.postgres, join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", ROLE, DATABASE]);
  if (c.status !== 0 && !/already exists/.test(c.stderr)) throw new ClusterError(`createdb failed: ${lastLine(c)}.`);
  return { ref, databaseUrl: `postgresql://${ROLE}@127.0.0.1:${port}/${DATABASE}` };
}

/** Stops the recorded PostgreSQL with `pg_ctl stop -m fast`; by signal when pg_ctl cannot (its data directory gone). */
export async function stopPostgres(bin: string | null, dataDir: string, ref: ProcessRef): Promise<"gone" | "stopped"> {
  if (!isRunning(ref)) return "gone";
  if (bin !== null && existsSync(join(dataDir, "PG_VERSION"))) {
    run(owner(), dataDir, join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]);
    if (!isRunning(ref)) return "stopped";
  }
  // SIGINT is the postmaster's fast shutdown (SIGTERM would wait for every client to leave).
  return stopProcess("postgres", ref, { graceMs: 15_000, first: "SIGINT" });
}

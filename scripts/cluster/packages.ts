// The Debian packages a cluster runs on (postgresql, redis-server, haproxy), installed with
// apt-get when missing, as `npm test` installs Chromium (sudo when not root). Their binaries are
// found by absolute path: /usr/sbin, where haproxy lives, is not on every user's PATH.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ClusterError } from "./errors";

/** The programs a cluster runs, by absolute path. */
export interface Binaries {
  redisServer: string;
  haproxy: string;
  /** PostgreSQL's bin directory (initdb, pg_ctl, createdb), the newest version installed. */
  postgresBin: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of a program on PATH or in the system's sbin/bin folders, or null. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
  for (const d of dirs) if (d && executable(join(d, name))) return join(d, name);
  return null;
}

/** Debian's PostgreSQL bin directory of the newest installed version, or null. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v) && executable(join(root, v, "bin", "initdb")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], "bin");
}

/** The binaries found now, and the Debian packages of those that are missing. */
function look(): { found: Partial<Binaries>; missing: string[] } {
  const found = { redisServer: findBinary("redis-server") ?? undefined, haproxy: findBinary("haproxy") ?? undefined, postgresBin: postgresBinDir() ?? undefined };
  const missing = [found.postgresBin ? null : "postgresql", found.redisServer ? null : "redis-server", found.haproxy ? null : "haproxy"].filter((p): p is string => p !== null);
  return { found, missing };
}

/**
 * The cluster's binaries, installing the missing packages with apt-get first (apt's output goes
 * to stderr through `say`, which may drop it). A ClusterError line says why when that is
 * impossible: not root and no password-less sudo, no apt-get, or apt-get failing.
 */
export function ensurePackages(say: (line: string) => void = () => undefined): Binaries {
  let { found, missing } = look();
  if (missing.length > 0) {
    const root = process.getuid?.() === 0;
    const sudo = root ? null : findBinary("sudo");
    const aptGet = findBinary("apt-get");
    const how = `install them with: apt-get install -y ${missing.join(" ")}`;
    if (!aptGet) throw new ClusterError(`The cluster needs ${missing.join(", ")} and there is no apt-get here; ${how} (or your system's equivalent).`);
    if (!root && !sudo) throw new ClusterError(`The cluster needs ${missing.join(", ")}: not root and no sudo to install them; ${how}.`);
    say(`Installing Debian's ${missing.join(", ")}…`);
    // sudo -n: fail at once instead of waiting for a password nobody will type.
    const run = (args: string[]) => {
      const [cmd, argv] = root ? [aptGet, args] : [sudo!, ["-n", aptGet, ...args]];
      return spawnSync(cmd, argv, { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, encoding: "utf8" });
    };
    const install = ["install", "-y", "-qq", "--no-install-recommends", ...missing];
    let r = run(install);
    if (r.status !== 0) {
      run(["update", "-qq"]); // a fresh machine has no package lists yet
      r = run(install);
    }
    if (r.status !== 0) {
      const why = (r.stderr || r.stdout || r.error?.message || "").trim().split("\n").filter(Boolean).pop() ?? `exit code ${r.status}`;
      throw new ClusterError(`Could not install ${missing.join(", ")} (${why}); ${how}.`);
    }
    ({ found, missing } = look());
    if (missing.length > 0) throw new ClusterError(`apt-get installed ${missing.join(", ")} but its programs are still missing; ${how}.`);
  }
  return found as Binaries;
}

// Processes the cluster starts, and stopping them by the pid it recorded, never by name. A pid is
// only trusted together with the kernel's start time of that process (/proc/PID/stat), so a pid
// that the system handed to someone else after a crash or a reboot is never signalled.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { ClusterError } from "./errors";

/** A recorded process: its pid, its start time in clock ticks after boot (null without /proc), and whether it leads its own process group (then the whole group is signalled). */
export interface ProcessRef {
  pid: number;
  since: number | null;
  group: boolean;
}

const HAS_PROC = existsSync("/proc/self/stat");

interface ProcStat {
  state: string;
  pgrp: number;
  since: number;
}

/** Fields of /proc/PID/stat that matter here; null when there is no such process (or no /proc). */
function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2, the command name, may hold spaces and parentheses: count the rest after its last ")".
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: rest[0]!, pgrp: Number(rest[2]), since: Number(rest[19]) }; // fields 3, 5 and 22
  } catch {
    return null;
  }
}

/** The kernel's start time of a process (clock ticks after boot), null without /proc or process. */
export function startTime(pid: number): number | null {
  return procStat(pid)?.since ?? null;
}

/** Pids of the live (not zombie) members of a process group, read from /proc. */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = procStat(Number(name));
    if (s && s.pgrp === pgid && s.state !== "Z") out.push(Number(name));
  }
  return out;
}

/**
 * Whether the recorded process is still running: the same pid with the same start time (a zombie
 * counts as gone: its parent, init here, reaps it later). For a group leader, members it left
 * behind count too, e.g. the server under a `node scripts/start.mjs` that was killed with SIGKILL.
 */
export function isRunning(ref: ProcessRef): boolean {
  if (!Number.isInteger(ref.pid) || ref.pid <= 1) return false; // never 0, 1 or a group id by mistake
  if (!HAS_PROC) return signal(ref, 0);
  const s = procStat(ref.pid);
  if (s && s.state !== "Z") {
    if (ref.since !== null && s.since !== ref.since) return false; // the pid now names another process
    return true;
  }
  return ref.group && groupMembers(ref.pid).length > 0;
}

/** Sends a signal to the process (or its group); false when there was nobody to receive it. */
function signal(ref: ProcessRef, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(ref.group ? -ref.pid : ref.pid, sig);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Resolves when `done()` holds, polling every 100 ms; false after `ms`. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Stops a recorded process: `first` (SIGTERM unless told), then SIGKILL after `graceMs`.
 * Resolves "gone" when it was not running, "stopped" when it stopped; throws when even SIGKILL
 * did not end it within 5 s.
 */
export async function stopProcess(name: string, ref: ProcessRef, opts: { graceMs: number; first?: NodeJS.Signals }): Promise<"gone" | "stopped"> {
  if (!isRunning(ref)) return "gone";
  signal(ref, opts.first ?? "SIGTERM");
  if (await until(() => !isRunning(ref), opts.graceMs)) return "stopped";
  signal(ref, "SIGKILL");
  if (await until(() => !isRunning(ref), 5000)) return "stopped";
  throw new ClusterError(`${name} (pid ${ref.pid}) is still running after SIGKILL.`);
}

/** A process started in the background: its record, and a promise that settles with its exit. */
export interface Started {
  ref: ProcessRef;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a command in its own process group (so a terminal's Ctrl-C does not reach it and `down`
 * can signal everything it spawns), stdout and stderr in `logFile`, which starts empty (a log
 * holds the latest run, so its last line is this run's). Resolves once the process exists; the
 * caller may exit while it runs.
 */
export async function startDetached(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<Started> {
  const fd = openSync(opts.logFile, "w");
  try {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ["ignore", fd, fd] });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (e) => reject(new ClusterError(`Cannot start ${command}: ${e.message}.`)));
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once("exit", (code, sig) => resolve({ code, signal: sig }));
    });
    child.unref();
    const pid = child.pid!;
    return { ref: { pid, since: startTime(pid), group: true }, exited };
  } finally {
    closeSync(fd); // the child holds its own copy
  }
}

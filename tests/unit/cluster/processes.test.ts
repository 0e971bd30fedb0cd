// Stopping by recorded pid: a pid counts only with its recorded start time, SIGKILL follows a
// SIGTERM that is ignored, and a process group's members left behind by their leader still count
// and are stopped with it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isRunning, startDetached, stopProcess, type ProcessRef } from "../../../scripts/cluster/processes";

const dir = mkdtempSync(join(tmpdir(), "downhill-procs-"));
const started: ProcessRef[] = [];
afterAll(async () => {
  for (const ref of started) await stopProcess("leftover", ref, { graceMs: 100 });
  rmSync(dir, { recursive: true, force: true });
});

/** A shell script in its own process group, its output in the temp folder. */
async function sh(script: string) {
  const s = await startDetached("/bin/sh", ["-c", script], { cwd: dir, env: process.env, logFile: join(dir, "sh.log") });
  started.push(s.ref);
  return s;
}

/** Resolves once `cond` holds (a child's trap or its own child takes a moment to be set up). */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe("isRunning and stopProcess", () => {
  it("trust a pid only with its start time, and never 0 or 1", async () => {
    const s = await sh("exec sleep 30");
    expect(s.ref.since).not.toBeNull();
    expect(isRunning(s.ref)).toBe(true);
    expect(isRunning({ ...s.ref, since: s.ref.since! + 1 })).toBe(false); // the pid of another process now
    expect(isRunning({ pid: 1, since: null, group: false })).toBe(false);
    expect(isRunning({ pid: 0, since: null, group: true })).toBe(false);
    expect(await stopProcess("sleep", s.ref, { graceMs: 2000 })).toBe("stopped");
    expect(isRunning(s.ref)).toBe(false);
    expect(await stopProcess("sleep", s.ref, { graceMs: 2000 })).toBe("gone");
  });

  it("send SIGKILL when SIGTERM is ignored past the grace period", async () => {
    const s = await sh("trap '' TERM; echo ready; while :; do sleep 1; done");
    await until(() => readFileSync(join(dir, "sh.log"), "utf8").includes("ready"));
    const t0 = Date.now();
    expect(await stopProcess("stubborn", s.ref, { graceMs: 300 })).toBe("stopped");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(await s.exited).toMatchObject({ signal: "SIGKILL" });
  });

  it("count a group's members that outlive their leader, and stop them", async () => {
    const s = await sh("sleep 30 & echo $! > child.pid; wait");
    await until(() => existsSync(join(dir, "child.pid")) && readFileSync(join(dir, "child.pid"), "utf8").endsWith("\n"));
    const child = Number(readFileSync(join(dir, "child.pid"), "utf8"));
    process.kill(s.ref.pid, "SIGKILL"); // the leader only, as `kill -9 PID` would
    await s.exited;
    expect(isRunning(s.ref)).toBe(true); // its sleep still runs in the group
    expect(await stopProcess("group", s.ref, { graceMs: 2000 })).toBe("stopped");
    expect(isRunning({ pid: child, since: null, group: false })).toBe(false);
  });
});

// `npm run cluster`: a real cluster on loopback (PostgreSQL, Redis, two nodes, HAProxy), started,
// inspected and stopped by the script as a user runs it. Skipped, with the reason, only where the
// Debian packages are missing and cannot be installed. About 30 s when the pages are built, one
// more minute when the first node has to build them.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";
import { ensurePackages } from "../../scripts/cluster/packages";
import { httpGet } from "../../scripts/cluster/probe";

const ROOT = resolve(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const CLI = join(ROOT, "scripts", "cluster", "cli.ts");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run cluster -- ARGS` (its tsx command, without npm's own output). */
function cluster(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [TSX, CLI, ...args], { cwd: ROOT, timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

/** The one JSON line a command printed. */
function line(run: Run): unknown {
  const lines = run.stdout.trim().split("\n");
  expect(lines, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

/** Whether a pid is a live process (a zombie waiting for init to reap it is not). */
function live(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Live processes whose process group is `pgid` (a node's server runs under its start.mjs). */
function liveInGroup(pgid: number): number[] {
  return readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      const rest = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").pop()!.split(" ");
      return Number(rest[2]) === pgid && rest[0] !== "Z";
    } catch {
      return false;
    }
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      done(true);
    });
    s.once("error", () => done(false));
  });
}

/** A socket.io client through HAProxy as the browser connects (websocket only, the room in the query); resolves with its welcome. */
function welcomed(url: string, room: string): Promise<{ socket: Socket; welcome: { type: string; protocol: number } }> {
  return new Promise((done, fail) => {
    const socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"], query: { room }, reconnection: false, forceNew: true });
    const timer = setTimeout(() => fail(new Error("no welcome within 10 s")), 10_000);
    socket.on("connect_error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    socket.on(MESSAGE_EVENT, (m: { type: string; protocol: number }) => {
      if (m.type !== "welcome") return;
      clearTimeout(timer);
      done({ socket, welcome: m });
    });
  });
}

/** The nodes HAProxy's log says served the websocket upgrades of a room, once `count` of them are logged (a tunnel is logged when it closes). */
async function loggedNodes(log: string, room: string, count: number): Promise<string[]> {
  const end = Date.now() + 10_000;
  for (;;) {
    const lines = readFileSync(log, "utf8").split("\n").filter((l) => l.includes("GET /socket.io/?") && l.includes("transport=websocket") && new RegExp(`[?&]room=${room}[& ]`).test(l));
    if (lines.length >= count || Date.now() > end) return lines.map((l) => /nodes\/(node-\d+)/.exec(l)?.[1] ?? "?");
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Proc {
  pid: number;
  port: number;
}
interface UpLine {
  url: string;
  nodes: (Proc & { id: string })[];
  postgres: Proc;
  redis: Proc;
  haproxy: Proc;
}

let skipReason: string | null = null;
let dir = "";
let up: UpLine | null = null;

beforeAll(() => {
  try {
    ensurePackages((l) => console.warn(l));
  } catch (e) {
    skipReason = `the cluster test is skipped: ${(e as Error).message}`;
    console.warn(skipReason);
  }
  dir = mkdtempSync(join(tmpdir(), "downhill-cluster-"));
});

afterAll(async () => {
  if (!dir) return;
  await cluster(["down", "--dir", dir], 60_000); // when a test failed half-way; a no-op otherwise
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run cluster", () => {
  it("up --nodes 2 starts PostgreSQL, Redis, two nodes and HAProxy and prints one JSON line", async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const run = await cluster(["up", "--nodes", "2", "--dir", dir, "--timeout", "150"], 170_000);
    expect(run.code, run.stderr).toBe(0);
    up = line(run) as UpLine;
    expect(up.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(up.nodes.map((n) => n.id)).toEqual(["node-1", "node-2"]);
    const procs = [...up.nodes, up.postgres, up.redis, up.haproxy];
    for (const p of procs) expect(Number.isInteger(p.pid) && p.pid > 1 && live(p.pid), JSON.stringify(p)).toBe(true);
    expect(new Set(procs.map((p) => p.port)).size).toBe(5);
    expect(up.url).toBe(`http://127.0.0.1:${up.haproxy.port}`);
  }, 180_000);

  it("HAProxy passes /healthz to the nodes: round robin without a room, one node for one room; each node answers on its own port", async (ctx) => {
    if (skipReason || !up) ctx.skip(skipReason ?? "up failed");
    const through = await httpGet(`${up!.url}/healthz`);
    expect(through.status).toBe(200);
    expect(JSON.parse(through.body)).toMatchObject({ ok: true, database: "postgresql" });
    const served = new Set<string>();
    for (let k = 0; k < 20; k++) served.add(String((await httpGet(`${up!.url}/healthz`)).headers["x-downhill-node"]));
    expect([...served].sort()).toEqual(["node-1", "node-2"]);
    const roomed = new Set<string>();
    for (let k = 0; k < 6; k++) roomed.add(String((await httpGet(`${up!.url}/healthz?room=ABCDEF`)).headers["x-downhill-node"]));
    expect(roomed.size).toBe(1);
    for (const n of up!.nodes) {
      const own = await httpGet(`http://127.0.0.1:${n.port}/healthz`);
      expect(own.status, n.id).toBe(200);
      expect(JSON.parse(own.body)).toMatchObject({ ok: true, database: "postgresql" });
    }
  });

  it("a socket.io client gets its welcome through HAProxy, and two connections of one room land on the same node", async (ctx) => {
    if (skipReason || !up) ctx.skip(skipReason ?? "up failed");
    const a = await welcomed(up!.url, "ABCDEF");
    const b = await welcomed(up!.url, "ABCDEF");
    expect(a.welcome).toMatchObject({ type: "welcome", protocol: PROTOCOL_VERSION });
    expect(b.welcome.type).toBe("welcome");
    a.socket.close();
    b.socket.close();
    const nodes = await loggedNodes(join(dir, "logs", "haproxy.log"), "ABCDEF", 2);
    expect(nodes, readFileSync(join(dir, "logs", "haproxy.log"), "utf8")).toHaveLength(2);
    expect(nodes[0]).toMatch(/^node-\d$/);
    expect(nodes[1]).toBe(nodes[0]);
    // The same hash as plain requests with the same room: the room has one home.
    expect((await httpGet(`${up!.url}/healthz?room=ABCDEF`)).headers["x-downhill-node"]).toBe(nodes[0]);
  });

  it("status reports every process alive and every node UP in HAProxy's checks", async (ctx) => {
    if (skipReason || !up) ctx.skip(skipReason ?? "up failed");
    const run = await cluster(["status", "--dir", dir], 30_000);
    expect(run.code, run.stderr).toBe(0);
    const s = line(run) as { alive: boolean; ready: boolean; nodes: { id: string; pid: number; alive: boolean; check: string }[]; haproxy: { pid: number; alive: boolean } };
    expect(s).toMatchObject({ alive: true, ready: true, haproxy: { pid: up!.haproxy.pid, alive: true } });
    expect(s.nodes.map((n) => [n.id, n.pid, n.alive, n.check])).toEqual(up!.nodes.map((n) => [n.id, n.pid, true, "UP"]));
  });

  it("down stops every process by pid, and a second down is a no-op", async (ctx) => {
    if (skipReason || !up) ctx.skip(skipReason ?? "up failed");
    const run = await cluster(["down", "--dir", dir], 90_000);
    expect(run.code, run.stderr).toBe(0);
    expect(line(run)).toEqual({ stopped: ["haproxy", "node-1", "node-2", "redis", "postgres"], gone: [] });
    for (const p of [up!.haproxy, ...up!.nodes, up!.redis, up!.postgres]) expect(live(p.pid), `pid ${p.pid}`).toBe(false);
    for (const n of up!.nodes) expect(liveInGroup(n.pid), `${n.id}'s server`).toEqual([]);
    for (const p of [up!.haproxy, ...up!.nodes, up!.redis, up!.postgres]) expect(await listening(p.port), `port ${p.port}`).toBe(false);
    const again = await cluster(["down", "--dir", dir], 30_000);
    expect(again.code, again.stderr).toBe(0);
    expect(line(again)).toEqual({ stopped: [], gone: ["haproxy", "node-1", "node-2", "redis", "postgres"] });
  });
});

// HAProxy in front of the nodes: its config (a pure function of the ports), the check that
// HAProxy accepts it, starting it, and reading its view of each node from its stats socket.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { connect } from "node:net";
import { ClusterError } from "./errors";
import type { Layout } from "./layout";
import { httpOk, waitFor } from "./probe";
import { startDetached, type Started } from "./processes";

/** What the config is made of: HAProxy's own ports and each node's id and port, all on 127.0.0.1. */
export interface HaproxyPlan {
  port: number;
  statsPort: number;
  nodes: { id: string; port: number }[];
}

/**
 * The config. Routing: every connection of a room carries `room=CODE` in its query string (the
 * browser's socket.io URL), so hashing that parameter sends a whole room to one node, and a
 * consistent hash moves only the rooms of a node that goes down or comes back. A request without
 * the parameter (pages, the API) is spread round robin (HAProxy 2.6, `balance url_param`).
 */
export function haproxyConfig(plan: HaproxyPlan): string {
  const servers = plan.nodes.map((n) => `    server ${n.id} 127.0.0.1:${n.port} check inter 1s fall 2 rise 2`);
  return `# Written by \`npm run cluster -- up\` on every start; edits are lost.
global
    log stdout format raw local0 info
    maxconn 4096
    # status reads each node's check from here (show stat); loopback only, read-only level.
    stats socket ipv4@127.0.0.1:${plan.statsPort} level user

defaults
    mode http
    log global
    option httplog
    option dontlognull
    # A node that refuses a connection before its checks mark it down: try another one.
    option redispatch
    retries 2
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 10s
    # A websocket is a tunnel once upgraded; socket.io pings every 10 s, so only a dead one idles.
    timeout tunnel 1h
    timeout client-fin 10s
    timeout server-fin 10s

frontend downhill
    bind 127.0.0.1:${plan.port}
    # The nodes trust this header (TRUST_PROXY=1) for the address they count limits by: it is
    # replaced with the connection's own address, never appended to what a client sent.
    http-request set-header X-Forwarded-For %[src]
    default_backend nodes

backend nodes
    balance url_param room
    hash-type consistent
    option httpchk GET /healthz
    http-check expect status 200
    # Which node answered: for tests and for reading a log of a misrouted room.
    http-response set-header X-Downhill-Node %[srv_name]
${servers.join("\n")}
`;
}

/** Writes the config and has HAProxy check it (`haproxy -c`); a ClusterError with its first complaint. */
export function writeCheckedConfig(binary: string, path: string, plan: HaproxyPlan): void {
  writeFileSync(path, haproxyConfig(plan));
  const r = spawnSync(binary, ["-c", "-f", path], { encoding: "utf8" });
  if (r.status !== 0) {
    const why = `${r.stdout ?? ""}\n${r.stderr ?? ""}`.split("\n").find((l) => /ALERT|error/i.test(l))?.trim() ?? r.error?.message ?? `exit code ${r.status}`;
    throw new ClusterError(`HAProxy refuses the generated ${path}: ${why}`);
  }
}

/** Starts HAProxy on a checked config; resolves once /healthz answers 200 through it. */
export async function startHaproxy(binary: string, layout: Layout, port: number, opts: { timeoutMs: number; abort?: AbortSignal; onStart: (s: Started) => void }): Promise<Started> {
  // In the foreground (no `daemon` in the config): its pid is the one recorded, its log is its stdout.
  const started = await startDetached(binary, ["-f", layout.haproxyConfig], { cwd: layout.dir, env: process.env, logFile: layout.log("haproxy") });
  opts.onStart(started);
  await waitFor(() => httpOk(`http://127.0.0.1:${port}/healthz`), { what: `HAProxy on port ${port} to pass /healthz to a node`, timeoutMs: opts.timeoutMs, exited: started.exited, log: layout.log("haproxy"), abort: opts.abort });
  return started;
}

/** HAProxy's check status of each node ("UP", "DOWN", "UP 1/2"…) by node id; empty when its stats socket does not answer. */
export function nodeChecks(statsPort: number, timeoutMs = 1000): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port: statsPort });
    let csv = "";
    const done = () => {
      s.destroy();
      const [header, ...rows] = csv.split("\n");
      const cols = (header ?? "").replace(/^# /, "").split(",");
      const [px, sv, st] = ["pxname", "svname", "status"].map((c) => cols.indexOf(c));
      const out: Record<string, string> = {};
      for (const row of rows) {
        const f = row.split(",");
        if (f[px!] === "nodes" && f[sv!] !== "BACKEND" && f[sv!] !== undefined) out[f[sv!]!] = f[st!] ?? "";
      }
      resolve(out);
    };
    s.setTimeout(timeoutMs, done);
    s.on("connect", () => s.write("show stat\n"));
    s.on("data", (d) => (csv += d.toString("utf8")));
    s.on("end", done);
    s.on("error", () => resolve({}));
  });
}

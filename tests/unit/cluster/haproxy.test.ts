// HAProxy's config for the cluster: a room's connections hashed to one node by the `room` query
// parameter, health checks on /healthz, the client's address replaced (never appended), every
// port on loopback; and HAProxy itself accepts it where it is installed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { haproxyConfig } from "../../../scripts/cluster/haproxy";
import { findBinary } from "../../../scripts/cluster/packages";

const plan = { port: 8080, statsPort: 8081, nodes: [{ id: "node-1", port: 9001 }, { id: "node-2", port: 9002 }, { id: "node-3", port: 9003 }] };
const cfg = haproxyConfig(plan);
const lines = cfg.split("\n").map((l) => l.trim());

describe("haproxyConfig", () => {
  it("hashes the room parameter consistently over one server line per node, each health-checked", () => {
    expect(lines).toContain("balance url_param room");
    expect(lines).toContain("hash-type consistent");
    expect(lines).toContain("option httpchk GET /healthz");
    expect(lines.filter((l) => l.startsWith("server "))).toEqual([
      "server node-1 127.0.0.1:9001 check inter 1s fall 2 rise 2",
      "server node-2 127.0.0.1:9002 check inter 1s fall 2 rise 2",
      "server node-3 127.0.0.1:9003 check inter 1s fall 2 rise 2",
    ]);
  });

  it("replaces X-Forwarded-For with the connection's address and keeps websockets open as tunnels", () => {
    expect(lines).toContain("http-request set-header X-Forwarded-For %[src]");
    expect(cfg).not.toMatch(/option forwardfor/); // that would append to a client's own header
    expect(lines).toContain("timeout tunnel 1h");
    for (const t of ["connect", "client", "server"]) expect(lines.some((l) => l.startsWith(`timeout ${t} `))).toBe(true);
  });

  it("listens on loopback only", () => {
    expect(lines).toContain("bind 127.0.0.1:8080");
    expect(lines).toContain("stats socket ipv4@127.0.0.1:8081 level user");
    for (const l of lines.filter((x) => /^(bind|server|stats socket) /.test(x))) expect(l).toMatch(/127\.0\.0\.1:/);
  });

  const haproxy = findBinary("haproxy");
  it.skipIf(haproxy === null)("is accepted by haproxy -c", () => {
    const dir = mkdtempSync(join(tmpdir(), "downhill-haproxy-"));
    try {
      writeFileSync(join(dir, "haproxy.cfg"), cfg);
      const r = spawnSync(haproxy!, ["-c", "-f", join(dir, "haproxy.cfg")], { encoding: "utf8" });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// D/cluster.json: a record that would signal init or a whole process group by mistake is refused,
// a partial record (a cluster that failed half-way) still parses, and `up`'s line has the
// documented shape.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ClusterError } from "../../../scripts/cluster/errors";
import { processesOf, readRecord, summaryLine, writeRecord, type ClusterRecord } from "../../../scripts/cluster/record";

const dir = mkdtempSync(join(tmpdir(), "downhill-record-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const proc = (pid: number, port: number) => ({ pid, port, since: 1234, group: true });
const full: ClusterRecord = {
  version: 1,
  ready: true,
  url: "http://127.0.0.1:8080",
  dataDir: "/d/data",
  postgres: { ...proc(10, 5432), group: false, dataDir: "/d/postgres" },
  redis: proc(11, 6379),
  nodes: [{ ...proc(12, 9001), id: "node-1" }, { ...proc(13, 9002), id: "node-2" }],
  haproxy: { ...proc(14, 8080), statsPort: 8081 },
};

describe("the cluster record", () => {
  it("round-trips, and lists processes in the order down stops them", () => {
    const path = join(dir, "cluster.json");
    writeRecord(path, full);
    expect(readRecord(path)).toEqual(full);
    expect(processesOf(full).map(([name]) => name)).toEqual(["haproxy", "node-1", "node-2", "redis", "postgres"]);
  });

  it("parses a partial record and reads a missing one as null", () => {
    const path = join(dir, "partial.json");
    writeRecord(path, { version: 1, ready: false, dataDir: "/d/data", nodes: [], redis: proc(11, 6379) });
    expect(processesOf(readRecord(path)!).map(([name]) => name)).toEqual(["redis"]);
    expect(readRecord(join(dir, "none.json"))).toBeNull();
  });

  it("refuses pids that would signal init or a process group, and text that is not JSON", () => {
    for (const pid of [0, 1, -5]) {
      const path = join(dir, `pid${pid}.json`);
      writeFileSync(path, JSON.stringify({ ...full, redis: proc(pid, 6379) }));
      expect(() => readRecord(path)).toThrow(ClusterError);
    }
    writeFileSync(join(dir, "bad.json"), "{");
    expect(() => readRecord(join(dir, "bad.json"))).toThrow(ClusterError);
  });

  it("prints up's line with pid and port only", () => {
    expect(JSON.parse(summaryLine(full))).toEqual({
      url: "http://127.0.0.1:8080",
      nodes: [{ id: "node-1", pid: 12, port: 9001 }, { id: "node-2", pid: 13, port: 9002 }],
      postgres: { pid: 10, port: 5432 },
      redis: { pid: 11, port: 6379 },
      haproxy: { pid: 14, port: 8080 },
    });
  });
});

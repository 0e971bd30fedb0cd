// Two nodes of a cluster in one process (one database, one real Redis): a room runs on the node
// that holds its lease. When a page of the room reaches the other node (the balancer moved the
// room there), that node asks for it; the owner finishes what is under way, puts the room away,
// tells its pages the room moves and drops them; the new owner claims the room (a new epoch) and
// replays its log. Every acknowledged step, the totals and the running round come through, and the
// round goes on. The old owner's late writes are refused.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { RedisClientType } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/app";
import { connectRedis } from "../../server/cluster/cluster";
import { leaseKey } from "../../server/cluster/leases";
import { openServices, type Services } from "../../server/services";
import type { RoomView } from "../../lib/protocol/server";
import { Bot } from "./support/harness";
import { redisUnavailable, startTestRedis, type TestRedis } from "./support/redis";

const why = redisUnavailable();
if (why) console.log(`Skipping the handover test: ${why}`);

const room = async (b: Bot, where: (v: RoomView) => boolean) => (await b.next("room", 60_000, (m) => where(m.view))).view;
const disconnected = (b: Bot) => new Promise<void>((resolve) => (b.socket.connected ? b.socket.once("disconnect", () => resolve()) : resolve()));

describe.skipIf(why !== null)("a room handed over between two nodes", () => {
  let redis: TestRedis;
  let services: Services;
  const clients: RedisClientType[] = [];
  const nodes: RunningServer[] = [];
  const log = pino({ level: process.env.TEST_LOG ?? "silent" });

  beforeAll(async () => {
    redis = await startTestRedis();
    services = await openServices({ dataDir: mkdtempSync(join(tmpdir(), "downhill-handover-")), threads: 2, log });
    for (const nodeId of ["node-a", "node-b"]) {
      const client = await connectRedis(redis.url, log);
      clients.push(client);
      nodes.push(await startServer({ host: "127.0.0.1", port: 0, log, landscapes: services.landscapes, results: services.results, board: services.board, journal: services.journal, homework: services.homework, cluster: { redis: client, nodeId } }));
    }
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) await n.close();
    for (const c of clients) await c.close();
    await services?.close();
    await redis?.stop();
  });

  it("moves a running class to the node that asks for it, with every acknowledged step", async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const code = "HNDVR2";
    const host = new Bot(a.url, undefined, { room: code });
    await host.ready();
    host.send({ type: "class.create", code });
    const lobby = await room(host, (v) => v.you.role === "host");
    expect(lobby.code).toBe(code);
    expect(await clients[0]!.get(leaseKey(code))).toMatch(/^node-a /);

    const students: Bot[] = [];
    const seats: { id: string; token: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const s = new Bot(a.url, undefined, { room: code });
      await s.ready();
      const v = await s.ask({ type: "room.join", code, nickname: `Walker ${i + 1}`, device: `handover-device-${i}-0000` }, "room");
      if (v.type !== "room") throw new Error(v.message);
      students.push(s);
      seats.push({ id: v.view.you.playerId!, token: v.view.you.token });
    }
    host.send({ type: "host.setup", rules: { landscapeId: "bowl", budget: 8, batch: 0, timeLimitSec: 300, showOthers: false }, ghosts: [] });
    await room(host, (v) => v.phase === "lobby" && v.roster.length === 3);
    host.send({ type: "host.start" });
    await Promise.all(students.map((s) => room(s, (v) => v.phase === "running")));
    for (const s of students) for (let seq = 1; seq <= 2; seq++) expect(await s.ask({ type: "step", seq, dir: "downhill", lr: 0.3 }, "felt")).toMatchObject({ seq });

    // A fourth student's page reaches node B (the balancer now sends the room there).
    const late = new Bot(b.url, undefined, { room: code });
    await late.ready();
    const gone = [host, ...students].map(disconnected);
    const joined = await late.ask({ type: "room.join", code, nickname: "Walker 4", device: "handover-device-late-0000" }, "room");
    if (joined.type !== "room") throw new Error(joined.message);
    expect(joined.view.roster.length).toBe(4);
    expect(joined.view.phase).toBe("running"); // a takeover: the round goes on
    // Node A told its pages the room moves, and dropped them (they reconnect by themselves).
    await Promise.all(gone);
    for (const p of [host, ...students]) expect(p.inbox.some((m) => m.type === "notice" && m.kind === "moving")).toBe(true);
    expect(a.rooms.size).toBe(0);
    expect(await clients[1]!.get(leaseKey(code))).toMatch(/^node-b /);

    // Everyone comes back through node B: seats, steps, the host's chair.
    const host2 = new Bot(b.url, undefined, { room: code });
    await host2.ready();
    host2.send({ type: "host.claim", code, hostSecret: lobby.you.token });
    const back = await room(host2, (v) => v.you.role === "host" && v.roster.length === 4);
    expect(back.phase).toBe("running");
    expect(back.round!.endsAt! - back.serverNow).toBeGreaterThan(200_000); // the clock kept its time
    for (const [i, seat] of seats.entries()) {
      const s = new Bot(b.url, undefined, { room: code });
      await s.ready();
      const v = await s.ask({ type: "room.resume", code, token: seat.token }, "room");
      if (v.type !== "room") throw new Error(v.message);
      expect(v.view.walk!.path.length - 1).toBe(2);
      // A step the page sent but never heard back about is answered again, not refused.
      expect(await s.ask({ type: "step", seq: 2, dir: "downhill", lr: 0.3 }, "felt")).toMatchObject({ type: "felt", seq: 2 });
      expect(await s.ask({ type: "step", seq: 3, dir: "downhill", lr: 0.3 }, "felt")).toMatchObject({ type: "felt", seq: 3 });
      s.close();
      students[i]!.close();
    }
    for (const p of [host, host2, late]) p.close();
  }, 180_000);

  it("refuses a room to a node that cannot get it, with a sentence", async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const code = "STAYPT";
    const host = new Bot(a.url, undefined, { room: code });
    await host.ready();
    host.send({ type: "class.create", code });
    await room(host, (v) => v.you.role === "host");
    // Node B proposes the same code for a new class: the code is taken.
    const other = new Bot(b.url, undefined, { room: code });
    await other.ready();
    expect(await other.ask({ type: "class.create", code }, "room")).toMatchObject({ type: "error", code: "code_taken" });
    expect(a.rooms.size).toBeGreaterThan(0);
    for (const p of [host, other]) p.close();
  }, 60_000);
});

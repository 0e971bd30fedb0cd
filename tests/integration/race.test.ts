// A race of 8 racers and a gradient-descent ghost from the same start, over real sockets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { ServerMsgOf } from "../../lib/protocol/server";
import { socketOutbox } from "../../server/sockets/outbox";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

describe("race", () => {
  it("races 8 players and a ghost on ranked rules: the first in the valley wins, every racer's best reaches the leaderboard", async () => {
    const owner = new Bot(t.server.url);
    await owner.ready();
    const created = await owner.ask({ type: "race.create", nickname: "Racer 1", play: { mode: "ranked", landscapeId: "bowl" }, ghosts: ["gd"], device: "racer-device-000001" }, "room");
    if (created.type !== "room") throw new Error(created.message);
    const code = created.view.code!;
    expect(created.view.you.role).toBe("host");
    const racers = [owner];
    for (let i = 2; i <= 8; i++) {
      const b = new Bot(t.server.url);
      await b.ready();
      const v = await b.ask({ type: "room.join", code, nickname: `Racer ${i}`, device: `racer-device-00000${i}` }, "room");
      expect(v.type).toBe("room");
      racers.push(b);
    }
    expect(await racers[1]!.ask({ type: "host.start" }, "error")).toMatchObject({ code: "not_host" });
    owner.send({ type: "host.start" });
    const views = (await Promise.all(racers.map((b) => b.next("room", 60_000, (m) => m.view.phase === "running")))).map((m) => m.view);
    const starts = views.map((v) => JSON.stringify(v.walk!.path[0]));
    expect(new Set(starts).size).toBe(1); // everyone from the same start
    expect(views[0]!.round!.ranked).toBe(true);
    expect(views[0]!.roster.filter((r) => r.ghost === "gd")).toHaveLength(1);

    // Half the field takes sensible steps, the other half timid ones; the race ends when one of them reaches the valley.
    let stepped = 0;
    const budget = views[0]!.round!.rules.budget;
    await Promise.all(racers.map(async (b, i) => {
      const land = views[i]!.round!.landscape;
      const lr = i % 2 === 0 ? land.lr.suggested : land.lr.min;
      for (let seq = 1; seq <= budget; seq++) {
        const f = await b.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
        if (f.type === "felt" && seq === 1) stepped++;
        if (f.type !== "felt" || f.status !== "walking") break;
      }
    }));
    const reveal = await owner.next("reveal");
    const ended = reveal.ended;
    expect(ended.by).toBe("winner");
    if (ended.by === "winner") {
      const winner = reveal.paths.find((p) => p.playerId === ended.playerId)!;
      expect(winner.ghost).toBeNull();
      expect(winner.outcome).toBe("valley");
      expect(reveal.debrief[0]!.text).toMatch(new RegExp(`${winner.nickname} reached the valley first, on step \\d+, and won the race\\.`));
    }
    // Standings were pushed while the race ran, lowest first; positions stay hidden (ranked rules show nobody's).
    const pushed = owner.inbox.filter((m): m is ServerMsgOf<"standings"> => m.type === "standings");
    const standings = pushed[pushed.length - 1]!;
    expect(standings.rows.length).toBe(9);
    expect(standings.rows.every((r) => r.at === null)).toBe(true);
    const losses = standings.rows.filter((r) => r.loss !== null).map((r) => r.loss!);
    expect(losses).toEqual([...losses].sort((a, b) => a - b));

    expect(reveal.paths).toHaveLength(9);
    expect(reveal.paths.filter((p) => p.ghost === "gd")).toHaveLength(1);
    const result = await owner.next("result");
    expect(result.ranked).toBe(true);
    expect(result.rank).not.toBeNull();
    const board = (await (await fetch(`${t.server.url}/api/leaderboard/bowl`)).json()) as { total: number };
    expect(board.total).toBe(stepped); // every racer who stepped has one entry
    expect(stepped).toBeGreaterThanOrEqual(1);
    for (const b of racers) b.close();
  });

  it("shows positions in a custom race that asks for them, and keeps a custom race off the leaderboard", async () => {
    const rules = { landscapeId: "bowl", budget: 6, batch: 0, timeLimitSec: 120, seed: 99, showOthers: true };
    const before = ((await (await fetch(`${t.server.url}/api/leaderboard/bowl`)).json()) as { total: number }).total;
    const a = new Bot(t.server.url), b = new Bot(t.server.url);
    await Promise.all([a.ready(), b.ready()]);
    const created = await a.ask({ type: "race.create", nickname: "Shows", play: { mode: "custom", rules }, ghosts: [] }, "room");
    if (created.type !== "room") throw new Error(created.message);
    expect((await b.ask({ type: "room.join", code: created.view.code!, nickname: "Sees", device: "race-device-sees-0001" }, "room")).type).toBe("room");
    a.send({ type: "host.start" });
    const v = (await a.next("room", 60_000, (m) => m.view.phase === "running")).view;
    expect(v.round!.ranked).toBe(false);
    const lr = v.round!.landscape.lr.min;
    for (const bot of [a, b]) for (let seq = 1; seq <= rules.budget; seq++) await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
    await a.next("reveal");
    const standings = a.inbox.filter((m): m is ServerMsgOf<"standings"> => m.type === "standings");
    expect(standings[standings.length - 1]!.rows.some((r) => r.at !== null)).toBe(true);
    expect(await a.next("result")).toMatchObject({ ranked: false, scoreId: null });
    expect(((await (await fetch(`${t.server.url}/api/leaderboard/bowl`)).json()) as { total: number }).total).toBe(before);
    a.close();
    b.close();
  });

  it("tells the registry who is still connected, over real sockets", async () => {
    const rules = { landscapeId: "bowl", budget: 5, batch: 0, timeLimitSec: 60, seed: 3, showOthers: false };
    const a = new Bot(t.server.url), b = new Bot(t.server.url);
    await Promise.all([a.ready(), b.ready()]);
    const created = await a.ask({ type: "race.create", nickname: "Stays", play: { mode: "custom", rules }, ghosts: [] }, "room");
    if (created.type !== "room") throw new Error(created.message);
    expect((await b.ask({ type: "room.join", code: created.view.code!, nickname: "Leaves", device: "race-device-leaves-001" }, "room")).type).toBe("room");
    const room = (await t.server.rooms.byJoinCode(created.view.code!))!;
    const outbox = socketOutbox(t.server.io);
    const seats = () => Object.keys(room.state.seats);
    expect(outbox.occupied(room.state.id, seats())).toBe(true);
    b.close();
    await until(() => room.presence.size === 1);
    expect(outbox.occupied(room.state.id, seats())).toBe(true); // one racer is still there
    a.close();
    await until(() => !outbox.occupied(room.state.id, seats()));
    expect(t.server.rooms.get(room.state.id)).toBe(room); // empty, but kept for reconnections
    t.server.rooms.sweep();
    expect(t.server.rooms.get(room.state.id)).toBe(room);
  });
});

/** Polls a condition the server reaches on its own (a disconnect being noticed). */
async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The wait for a landscape's first build is not silent: everyone in the room hears how far it is
// (training, then mapping), and a landscape already built costs no wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { ServerMsgOf } from "../../lib/protocol/server";

describe("preparing a round", () => {
  let t: TestServer;
  beforeAll(async () => { t = await bootServer(); }, 120_000);
  afterAll(async () => { await t?.stop(); });

  const play = { mode: "custom" as const, rules: { landscapeId: "cliff", budget: 10, batch: 0, timeLimitSec: 0, showOthers: false, seed: 3 } };

  it("tells a solo player how far the first build of a landscape is, then starts", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    bot.send({ type: "solo.start", nickname: "Eager", play });
    await bot.next("room", 120_000, (m) => m.view.phase === "running");
    const said = bot.inbox.filter((m): m is ServerMsgOf<"preparing"> => m.type === "preparing");
    expect(said.length).toBeGreaterThanOrEqual(3);
    expect(said.every((m) => m.landscapeId === "cliff")).toBe(true);
    const fractions = said.map((m) => m.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions); // it only goes forward
    expect(fractions.at(-1)).toBe(1);
    expect(said.some((m) => m.label === "training")).toBe(true);
    expect(said.some((m) => /mapping/.test(m.label))).toBe(true);
    // The room's view came after the build was done.
    const firstRunning = bot.inbox.findIndex((m) => m.type === "room" && m.view.phase === "running");
    expect(bot.inbox.findIndex((m) => m.type === "preparing" && m.fraction === 1)).toBeLessThan(firstRunning);
    bot.close();
  }, 120_000);

  it("a landscape already built costs no wait: at most one word that it is ready", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    bot.send({ type: "solo.start", nickname: "Again", play });
    await bot.next("room", 60_000, (m) => m.view.phase === "running");
    const said = bot.inbox.filter((m): m is ServerMsgOf<"preparing"> => m.type === "preparing");
    expect(said.length).toBeLessThanOrEqual(1);
    bot.close();
  }, 60_000);
});

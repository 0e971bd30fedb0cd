// Momentum and schedules in the player's hands, over the real server: the server walks exactly the
// heavy ball with the β each step sends, the debrief names momentum and a shrinking step size, and
// after the reveal (never before) a replay walks gradient descent with any step size and β from the
// round's start, limited per player.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import { proposeStep } from "../../lib/game/walk";
import type { Footprint } from "../../lib/protocol/common";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

const ravine = { mode: "custom" as const, rules: { landscapeId: "ravine", budget: 12, batch: 0, timeLimitSec: 0, seed: 77, showOthers: false } };

describe("an optimizer in the player's hands", () => {
  it("walks the heavy ball with the player's β, names momentum and the schedule, and replays after the reveal", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const started = await bot.ask({ type: "solo.start", nickname: "Polyak", play: ravine, device: "momentum-device-000001" }, "room", 120_000);
    if (started.type !== "room") throw new Error(started.message);
    const land = started.view.round!.landscape;
    // Before the reveal a replay would show the map: refused.
    expect(await bot.ask({ type: "replay", lr: land.lr.suggested, beta: 0.9 }, "replayed")).toMatchObject({ type: "error", code: "wrong_phase" });

    const path: Footprint[] = [started.view.walk!.path[0]!];
    const lrs: number[] = [];
    const beta = 0.9;
    for (let seq = 1; seq <= 10; seq++) {
      // A cosine-like shrinking step size: from the suggested one to a tenth.
      const lr = land.lr.suggested * (0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * (seq - 1)) / 9)));
      const felt = await bot.ask({ type: "step", seq, dir: "downhill", lr, beta }, "felt");
      if (felt.type !== "felt") throw new Error(felt.message);
      // Recomputed here from what was felt: proposed step plus β·(lr/lr_prev)·(last displacement).
      const at = path[path.length - 1]!;
      let [x, y] = proposeStep(at, "downhill", lr);
      if (path.length >= 2) {
        const prev = path[path.length - 2]!;
        const carry = (beta * lr) / lrs[lrs.length - 1]!;
        x += carry * (at.x - prev.x);
        y += carry * (at.y - prev.y);
      }
      expect(felt.at.x).toBeCloseTo(x, 10);
      expect(felt.at.y).toBeCloseTo(y, 10);
      path.push(felt.at);
      lrs.push(lr);
      if (felt.status !== "walking") break;
    }
    bot.send({ type: "finish" });
    const reveal = await bot.next("reveal");
    const result = await bot.next("result");
    const kinds = result.notes.map((n) => n.kind);
    expect(kinds).toContain("momentum");
    expect(kinds).toContain("schedule");
    expect(result.notes.find((n) => n.kind === "schedule")!.text).toMatch(/shrank \d+× .*learning-rate schedule/);

    // The replay: with the ghost's own step size and no momentum it retraces the ghost.
    const ghost = reveal.paths.find((p) => p.ghost === "gd")!;
    const same = await bot.ask({ type: "replay", lr: land.lr.suggested, beta: 0 }, "replayed");
    if (same.type !== "replayed") throw new Error(same.message);
    expect(same.footprints[0]).toMatchObject({ x: path[0]!.x, y: path[0]!.y });
    for (let i = 0; i < Math.min(5, ghost.footprints.length); i++) {
      expect(same.footprints[i]!.x).toBeCloseTo(ghost.footprints[i]!.x, 9);
      expect(same.footprints[i]!.y).toBeCloseTo(ghost.footprints[i]!.y, 9);
    }
    // With momentum the path differs, and is walked to the round's budget at most.
    const heavy = await bot.ask({ type: "replay", lr: land.lr.suggested / 5, beta: 0.9 }, "replayed");
    if (heavy.type !== "replayed") throw new Error(heavy.message);
    expect(heavy.steps).toBeLessThanOrEqual(12);
    expect(heavy.footprints[3]!.x).not.toBeCloseTo(same.footprints[3]!.x, 6);
    // The step size is held to the landscape's range.
    expect(await bot.ask({ type: "replay", lr: land.lr.max * 10, beta: 0 }, "replayed")).toMatchObject({ type: "error", code: "bad_step" });
    // And replays are limited per player: 30 a minute.
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await bot.ask({ type: "replay", lr: land.lr.suggested, beta: i / 100 }, "replayed");
      limited = r.type === "error" && r.code === "rate_limited";
    }
    expect(limited).toBe(true);
    bot.close();
  }, 180_000);
});

describe("compute is the cost", () => {
  it("a budget in passes over the data buys steps by the batch, and the debrief says what was read", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const play = { mode: "custom" as const, rules: { landscapeId: "ravine", budget: 10, batch: 32, timeLimitSec: 0, seed: 9, showOthers: false, passes: 2 } };
    const started = await bot.ask({ type: "solo.start", nickname: "Budget", play, device: "compute-device-0000001" }, "room", 120_000);
    if (started.type !== "room") throw new Error(started.message);
    const round = started.view.round!;
    const samples = round.landscape.dataset.samples;
    expect(round.rules.passes).toBe(2);
    expect(round.rules.budget).toBe(Math.floor((2 * samples) / 32)); // the steps two passes buy on batches of 32
    for (let seq = 1; seq <= 6; seq++) await bot.ask({ type: "step", seq, dir: "downhill", lr: round.landscape.lr.suggested / 2 }, "felt");
    bot.send({ type: "finish" });
    const result = await bot.next("result");
    const note = result.notes.find((n) => n.kind === "compute");
    expect(note?.text).toContain(`You read ${((6 * 32) / samples).toFixed(1)} of 2 passes over the data: 6 steps on batches of 32 of the ${samples} samples.`);
    expect(note?.text).toMatch(/would buy 2 exact steps on the whole dataset/);
    bot.close();
  }, 120_000);
});

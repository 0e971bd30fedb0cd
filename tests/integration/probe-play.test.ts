// No backprop, over the real server: the slope is never sent before the reveal (not at the start,
// not after a step, not in a refreshed view); the walker feels the altitude one direction at a time,
// each feeling a forward pass from the budget; a step follows the walker's own finite-difference
// estimate, exactly as the server computes it from the logged feelings; the reveal gives the true
// slopes back and the debrief compares the compute with backprop's for this network's weights.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import { estimateSlope } from "../../lib/game/walk";
import type { Footprint } from "../../lib/protocol/common";
import type { ServerMessage } from "../../lib/protocol/server";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

const rules = (over: object = {}) => ({ mode: "custom" as const, rules: { landscapeId: "bowl", budget: 30, batch: 0, timeLimitSec: 0, seed: 4242, showOthers: false, slope: "probe" as const, ...over } });

/** Every footprint a message carries to a player. */
function footprintsOf(m: ServerMessage): Footprint[] {
  if (m.type === "felt") return [m.at];
  if (m.type === "room") return [...(m.view.walk?.path ?? []), ...(m.view.round ? [{ x: 0, y: 0, loss: 0, grad: m.view.round.startGrad }] : [])];
  if (m.type === "standings") return m.rows.flatMap((r) => (r.at ? [r.at] : []));
  return [];
}

describe("a round without backprop", () => {
  it("feels one direction at a time, steps on its own estimate, and keeps the slope secret until the reveal", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const started = await bot.ask({ type: "solo.start", nickname: "Finite", play: rules(), device: "probe-device-0000001" }, "room", 120_000);
    if (started.type !== "room") throw new Error(started.message);
    const view = started.view;
    expect(view.round!.rules.slope).toBe("probe");
    expect(view.round!.startGrad).toEqual([0, 0]);
    const land = view.round!.landscape;
    const lr = land.lr.suggested;

    // Without a feeling there is nothing to follow.
    expect(await bot.ask({ type: "step", seq: 1, dir: "downhill", lr }, "felt")).toMatchObject({ type: "error", code: "bad_step" });

    let at: Footprint = view.walk!.path[0]!;
    let left = 30;
    const estimates: [number, number][] = [];
    for (let seq = 1; seq <= 6; seq++) {
      const probes: { dir: [number, number]; loss: number }[] = [];
      let h = 0;
      for (const dir of [[1, 0], [0, 2]] as [number, number][]) {
        const p = await bot.ask({ type: "feel", dir }, "probed");
        if (p.type !== "probed") throw new Error(p.message);
        expect(p.at).toBe(seq - 1);
        expect(Math.hypot(p.dir[0], p.dir[1])).toBeCloseTo(1, 12);
        expect(p.stepsLeft).toBe(--left);
        probes.push({ dir: p.dir, loss: p.loss });
        h = p.h;
      }
      expect(h).toBeCloseTo(0.01 * (land.extent.x[1] - land.extent.x[0]), 12);
      const est = estimateSlope(at.loss!, probes, h)!;
      estimates.push(est);
      const felt = await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
      if (felt.type !== "felt") throw new Error(felt.message);
      // Gradient descent on the estimate: Δ = −lr·ĝ, and the answer carries no slope.
      expect(felt.at.x).toBeCloseTo(at.x - lr * est[0], 10);
      expect(felt.at.y).toBeCloseTo(at.y - lr * est[1], 10);
      expect(felt.at.grad).toEqual([0, 0]);
      expect(felt.stepsLeft).toBe(--left);
      at = felt.at;
    }
    // A refreshed page's view: the walk's feelings, and still no slope.
    const again = await bot.ask({ type: "room.resume", code: view.code, token: view.you.token }, "room");
    if (again.type !== "room") throw new Error(again.message);
    expect(again.view.walk!.probes).toHaveLength(12);
    for (const m of bot.inbox) for (const fp of footprintsOf(m)) expect(fp.grad).toEqual([0, 0]);

    bot.send({ type: "finish" });
    const reveal = await bot.next("reveal");
    const result = await bot.next("result");
    // After the reveal the true slopes are shown: the estimates pointed close to them.
    const mine = reveal.paths.find((p) => p.ghost === null)!;
    for (let i = 0; i < estimates.length; i++) {
      const g = mine.footprints[i]!.grad, e = estimates[i]!;
      const cos = (g[0] * e[0] + g[1] * e[1]) / (Math.hypot(...g) * Math.hypot(...e));
      expect(cos).toBeGreaterThan(0.95);
    }
    const note = result.notes.find((n) => n.kind === "probe");
    expect(note?.text).toMatch(/felt around 12 times and took 6 steps: 18 forward passes/);
    expect(note?.text).toMatch(/about 3 passes .* 18 passes for the same walk/);
    expect(note?.text).toContain(`${land.params.toLocaleString("en")} weights`);
    expect(note?.text).toContain(`${(land.params + 1).toLocaleString("en")} forward passes per step`);
    // The ghost had backprop: the same compute bought it a third of the steps.
    const ghost = reveal.paths.find((p) => p.ghost === "gd")!;
    expect(ghost.footprints.length - 1).toBeLessThanOrEqual(10);
    bot.close();
  }, 180_000);

  it("charges each feeling to the budget, and refuses what the round does not allow", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const started = await bot.ask({ type: "solo.start", nickname: "Spender", play: rules({ budget: 3 }), device: "probe-device-0000002" }, "room", 120_000);
    if (started.type !== "room") throw new Error(started.message);
    for (let i = 0; i < 3; i++) expect((await bot.ask({ type: "feel", dir: [1, i] }, "probed")).type).toBe("probed");
    expect(await bot.ask({ type: "feel", dir: [1, 0] }, "probed")).toMatchObject({ type: "error" });
    const status = bot.inbox.filter((m): m is Extract<ServerMessage, { type: "probed" }> => m.type === "probed").at(-1)!;
    expect(status).toMatchObject({ status: "spent", stepsLeft: 0 });
    bot.close();

    // A round with backprop has nothing to feel around for; a zero direction is malformed.
    const b2 = new Bot(t.server.url);
    await b2.ready();
    const s2 = await b2.ask({ type: "solo.start", nickname: "Given", play: rules({ slope: "backprop" }), device: "probe-device-0000003" }, "room", 120_000);
    if (s2.type !== "room") throw new Error(s2.message);
    expect(s2.view.round!.startGrad).not.toEqual([0, 0]);
    const refused = await b2.ask({ type: "feel", dir: [1, 0] }, "probed");
    expect(refused).toMatchObject({ type: "error", code: "wrong_phase" });
    expect((refused as { message: string }).message).toMatch(/gives you the slope/);
    expect(await b2.ask({ type: "feel", dir: [0, 0] }, "probed")).toMatchObject({ type: "error", code: "bad_message" });
    // Compute pricing and no backprop are two budgets: refused together.
    expect(await b2.ask({ type: "solo.start", nickname: "Both", play: rules({ passes: 2 }) }, "room")).toMatchObject({ type: "error", code: "bad_rules" });
    b2.close();
  }, 180_000);

  it("hides the slope from racers' standings, and shows it at the reveal", async () => {
    const a = new Bot(t.server.url), b = new Bot(t.server.url);
    await a.ready();
    await b.ready();
    const created = await a.ask({ type: "race.create", nickname: "ProbeA", play: rules({ showOthers: true, budget: 9 }), ghosts: ["gd"], device: "probe-race-device-a01" }, "room");
    if (created.type !== "room") throw new Error(created.message);
    expect((await b.ask({ type: "room.join", code: created.view.code, nickname: "ProbeB", device: "probe-race-device-b01" }, "room")).type).toBe("room");
    a.send({ type: "host.start" });
    const v = (await a.next("room", 60_000, (m) => m.view.phase === "running")).view;
    await b.next("room", 60_000, (m) => m.view.phase === "running");
    const lr = v.round!.landscape.lr.suggested;
    for (const bot of [a, b]) {
      for (let seq = 1; seq <= 3; seq++) {
        expect((await bot.ask({ type: "feel", dir: [1, 1] }, "probed")).type).toBe("probed");
        expect((await bot.ask({ type: "feel", dir: [1, -1] }, "probed")).type).toBe("probed");
        const felt = await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
        if (felt.type !== "felt") throw new Error(felt.message);
      }
    }
    await a.next("reveal", 120_000);
    await b.next("reveal", 120_000);
    // Standings showed positions (the rules show others), never a slope; the ghost walked with backprop.
    const standings = a.inbox.filter((m): m is Extract<ServerMessage, { type: "standings" }> => m.type === "standings");
    expect(standings.some((m) => m.rows.some((r) => r.at !== null))).toBe(true);
    const beforeReveal = a.inbox.slice(0, a.inbox.findIndex((m) => m.type === "reveal"));
    for (const bot of [a, b]) for (const m of bot === a ? beforeReveal : b.inbox.slice(0, b.inbox.findIndex((x) => x.type === "reveal"))) for (const fp of footprintsOf(m)) expect(fp.grad).toEqual([0, 0]);
    const rev = a.inbox.find((m): m is Extract<ServerMessage, { type: "reveal" }> => m.type === "reveal")!;
    expect(rev.paths.find((p) => p.nickname === "ProbeA")!.footprints.every((f) => f.grad[0] !== 0 || f.grad[1] !== 0)).toBe(true);
    for (const bot of [a, b]) bot.close();
  }, 180_000);
});

// Turning the map over the real server: on The Badlands a walker turns onto a fresh slice through
// where they stand (same weights, the same altitude to 1e-12), pays its steps, walks on it, and
// nothing of the new slice's map reaches anyone before the reveal; the reveal sends the walker each
// slice visited (its map centred on the turn) and the debrief says what the turn did. In a class
// the projector's live paths stay on the round's own map.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { ServerMessage, ServerMsgOf } from "../../lib/protocol/server";
import { decodeGridValues } from "../../lib/protocol/grid-codec";
import { getRecipe, turnedSlice } from "../../lib/landscape/index";
import { loadDataset } from "../../server/training/datasets";
import type { TrainingCore } from "../../server/training/core";
import { referenceNetwork } from "../unit/landscape/reference-forward";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 600_000);
afterAll(async () => { await t?.stop(); });

const badlands = (turns: number | undefined, seed = 21) => ({ mode: "custom" as const, rules: { landscapeId: "chaos", budget: 20, batch: 0, timeLimitSec: 0, seed, showOthers: false, ...(turns === undefined ? {} : { turns }) } });

/** Everything a message carries that could draw a map: grids, scales, weights. */
function mapShaped(m: ServerMessage): boolean {
  const text = JSON.stringify(m);
  return ["map", "reveal", "result", "homeworkResults", "replayed"].includes(m.type) || /"values"|"grid"|"scale"|"center"|"d1"|"d2"|"spec"/.test(text);
}

describe("turning the map on The Badlands", () => {
  it("is the ranked Badlands' own rule (3 turns), and no other landscape's", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const ranked = await bot.ask({ type: "solo.start", nickname: "Preset", play: { mode: "ranked", landscapeId: "chaos" }, device: "reslice-device-preset01" }, "room", 300_000);
    if (ranked.type !== "room") throw new Error(ranked.message);
    expect(ranked.view.round!.rules.turns).toBe(3);
    const bowl = await bot.ask({ type: "solo.start", nickname: "Preset", play: { mode: "ranked", landscapeId: "bowl" }, device: "reslice-device-preset01" }, "room", 300_000);
    if (bowl.type !== "room") throw new Error(bowl.message);
    expect(bowl.view.round!.rules.turns).toBeUndefined();
    expect(await bot.ask({ type: "turn" }, "turned")).toMatchObject({ type: "error", code: "bad_step" });
    bot.close();
  }, 600_000);

  it("turns through the walker's weights, costs 3 steps, leaks nothing before the reveal, and reveals each slice", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const started = await bot.ask({ type: "solo.start", nickname: "Turner", play: badlands(3), device: "reslice-device-turner1" }, "room", 300_000);
    if (started.type !== "room") throw new Error(started.message);
    const land = started.view.round!.landscape;
    const lr = land.lr.suggested;
    let seq = 1;
    const step = async (dir: "downhill" | [number, number] = "downhill") => {
      const f = await bot.ask({ type: "step", seq: seq++, dir, lr }, "felt");
      if (f.type !== "felt") throw new Error(f.message);
      return f;
    };
    // Bad input changes nothing.
    expect(await bot.ask({ type: "turn", dir: [0, 0] }, "turned")).toMatchObject({ type: "error", code: "bad_message" });
    expect(await bot.ask({ type: "turn", dir: "north" }, "turned")).toMatchObject({ type: "error", code: "bad_message" });

    for (let k = 0; k < 3; k++) await step();
    const before = (await step()).at; // footprint 4
    const turned = await bot.ask({ type: "turn" }, "turned");
    if (turned.type !== "turned") throw new Error(turned.message);
    expect(turned).toMatchObject({ slice: 2, index: 4, status: "walking", stepsLeft: 20 - 4 - 3 });
    expect(turned.at.x).toBe(0);
    expect(turned.at.y).toBe(0);
    // The same weights: the same altitude, to 1e-12 (full batch), and a new slope.
    expect(Math.abs(turned.at.loss! - before.loss!)).toBeLessThan(1e-12);
    expect(turned.at.grad).not.toEqual(before.grad);
    // Kept heading: the slope along the new x axis is the old slope along the last step's heading.
    expect(await bot.ask({ type: "turn" }, "turned")).toMatchObject({ type: "error", code: "bad_step" }); // step first
    const onNew = await step();
    expect(onNew.stepsLeft).toBe(20 - 5 - 3);
    // What the network does here is the network on the new slice (an independent float64 forward pass through the turned weights).
    const sight = await bot.next("sight", 30_000, (m) => m.seq === 5);
    const walk = t.server.rooms.get(started.view.roomId)!.state.round!.walks[started.view.you.playerId!]!;
    const turnedNet = referenceNetwork(turnedSlice(await (t.services.landscapes as TrainingCore).secret("chaos"), [walk.turns![0]!.spec]), onNew.at.x, onNew.at.y);
    const ds = loadDataset(getRecipe("chaos").dataset);
    let right = 0, ties = 0;
    for (let k = 0; k < ds.n; k++) {
      const r = turnedNet(Array.from(ds.x.subarray(k * ds.d, (k + 1) * ds.d)));
      if (r.margin <= 1e-9) ties++;
      else if (r.cls === ds.y[k]) right++;
    }
    expect(sight.sight.of).toBe(ds.n);
    expect(Math.abs(sight.sight.correct - right)).toBeLessThanOrEqual(ties);
    // The velocity-free first step on the new slice goes downhill from the origin.
    expect(onNew.at.x).toBeCloseTo(-lr * turned.at.grad[0], 12);
    expect(onNew.at.y).toBeCloseTo(-lr * turned.at.grad[1], 12);
    await step();
    const second = await bot.ask({ type: "turn", dir: [0, 1] }, "turned");
    if (second.type !== "turned") throw new Error(second.message);
    expect(second).toMatchObject({ slice: 3, index: 6, stepsLeft: 20 - 6 - 6 });
    await step();
    await step();

    // A refresh brings the turns back with the walk.
    const resumed = new Bot(t.server.url);
    await resumed.ready();
    const back = await resumed.ask({ type: "room.resume", code: started.view.code!, token: started.view.you.token }, "room");
    if (back.type !== "room") throw new Error(back.message);
    expect(back.view.walk!.turns).toEqual([{ index: 4, at: turned.at }, { index: 6, at: second.at }]);
    expect(back.view.walk!.stepsLeft).toBe(20 - 8 - 6);

    // Before the reveal: nothing map-shaped reached either socket, only what the walker felt.
    for (const b of [bot, resumed]) {
      expect(b.inbox.filter(mapShaped)).toEqual([]);
      for (const m of b.inbox) expect(["welcome", "room", "preparing", "felt", "turned", "sight", "error"]).toContain(m.type);
    }

    resumed.send({ type: "finish" });
    const reveal = await resumed.next("reveal");
    const result = await resumed.next("result");
    // The round's own map shows the walk up to the first turn.
    const mine = reveal.paths.find((p) => p.playerId === back.view.you.playerId)!;
    expect(mine.footprints).toHaveLength(5);
    expect(mine.turns).toBe(2);
    // Each slice visited, its map centred on the walker's origin there.
    const slices = result.slices!;
    expect(slices.map((s) => [s.no, s.fromStep, s.footprints.length])).toEqual([[2, 4, 3], [3, 6, 3]]);
    for (const [s, origin] of [[slices[0]!, turned.at], [slices[1]!, second.at]] as const) {
      expect(s.footprints[0]).toEqual(origin);
      const values = decodeGridValues(s.grid.values);
      const c = (s.grid.size - 1) / 2;
      expect(Math.abs(values[c * s.grid.size + c]! - origin.loss!)).toBeLessThan(1e-5 * Math.max(1, origin.loss!));
      expect(s.grid.extent).toEqual(land.extent);
    }
    // The debrief says what each turn did.
    const notes = result.notes.filter((n) => n.kind === "turn");
    expect(notes).toHaveLength(2);
    expect(notes[0]!.text).toMatch(/^You turned the map at step 4 \(altitude [\d.]+\)/);
    bot.close();
    resumed.close();
  }, 600_000);

  it("refuses a turn the rules do not allow, or that would spend the last steps", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const off = await bot.ask({ type: "solo.start", nickname: "Straight", play: badlands(0, 5), device: "reslice-device-straight" }, "room", 300_000);
    if (off.type !== "room") throw new Error(off.message);
    expect(await bot.ask({ type: "turn" }, "turned")).toMatchObject({ type: "error", code: "bad_step", message: "This round's map does not turn." });
    const on = await bot.ask({ type: "solo.start", nickname: "Straight", play: { mode: "custom", rules: { ...badlands(1, 6).rules, budget: 3 } }, device: "reslice-device-straight" }, "room", 300_000);
    if (on.type !== "room") throw new Error(on.message);
    expect(await bot.ask({ type: "turn" }, "turned")).toMatchObject({ type: "error", code: "budget_spent" });
    bot.close();
  }, 600_000);

  it("without backprop, a turn keeps the slope hidden and the feelings of the old slice stay behind", async () => {
    const bot = new Bot(t.server.url);
    await bot.ask({ type: "solo.start", nickname: "Blind", play: { mode: "custom", rules: { ...badlands(1, 13).rules, budget: 40, slope: "probe" as const } }, device: "reslice-device-blind001" }, "room", 300_000);
    for (const dir of [[1, 0], [0, 1]] as const) expect((await bot.ask({ type: "feel", dir: [dir[0], dir[1]] }, "probed")).type).toBe("probed");
    const stepped = await bot.ask({ type: "step", seq: 1, dir: "downhill", lr: 0.004 }, "felt");
    if (stepped.type !== "felt") throw new Error(stepped.message);
    for (const dir of [[1, 0], [0, 1]] as const) expect((await bot.ask({ type: "feel", dir: [dir[0], dir[1]] }, "probed")).type).toBe("probed");
    const turned = await bot.ask({ type: "turn", dir: [1, 1] }, "turned");
    if (turned.type !== "turned") throw new Error(turned.message);
    expect(turned.at.grad).toEqual([0, 0]); // the slope is the walker's to feel, on the new slice too
    expect(turned.stepsLeft).toBe(40 - 1 - 4 - 3);
    // The feelings around footprint 1 were on the old slice: a step needs new ones.
    expect(await bot.ask({ type: "step", seq: 2, dir: "downhill", lr: 0.004 }, "felt")).toMatchObject({ type: "error", code: "bad_step" });
    const east = await bot.ask({ type: "feel", dir: [1, 0] }, "probed");
    if (east.type !== "probed") throw new Error(east.message);
    await bot.ask({ type: "feel", dir: [0, 1] }, "probed");
    expect((await bot.ask({ type: "step", seq: 2, dir: "downhill", lr: 0.004 }, "felt")).type).toBe("felt");
    expect(bot.inbox.filter(mapShaped)).toEqual([]);
    for (const m of bot.inbox) if (m.type === "felt" || m.type === "turned") expect(m.at.grad).toEqual([0, 0]);
    bot.close();
  }, 600_000);

  it("in a race, a racer who turned the map shows no place on the others' maps, and both are revealed", async () => {
    const a = new Bot(t.server.url), b = new Bot(t.server.url);
    await Promise.all([a.ready(), b.ready()]);
    const rules = { ...badlands(3, 17).rules, showOthers: true, timeLimitSec: 300 };
    const created = await a.ask({ type: "race.create", nickname: "Turns", play: { mode: "custom", rules }, ghosts: [] }, "room", 300_000);
    if (created.type !== "room") throw new Error(created.message);
    expect((await b.ask({ type: "room.join", code: created.view.code!, nickname: "Straight", device: "reslice-device-racer02" }, "room")).type).toBe("room");
    a.send({ type: "host.start" });
    await a.next("room", 300_000, (m) => m.view.phase === "running");
    const lr = 0.004;
    for (let seq = 1; seq <= 2; seq++) for (const bot of [a, b]) expect((await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt")).type).toBe("felt");
    expect((await a.ask({ type: "turn" }, "turned")).type).toBe("turned");
    expect((await a.ask({ type: "step", seq: 3, dir: "downhill", lr }, "felt")).type).toBe("felt");
    expect((await b.ask({ type: "step", seq: 3, dir: "downhill", lr }, "felt")).type).toBe("felt");
    const turnsId = created.view.you.playerId!;
    const rows = (await b.next("standings", 10_000, (m) => m.rows.every((r) => r.steps === 3))).rows;
    expect(rows.find((r) => r.playerId === turnsId)!.at).toBeNull();
    expect(rows.find((r) => r.playerId !== turnsId)!.at).not.toBeNull();
    for (const bot of [a, b]) expect(bot.inbox.filter(mapShaped)).toEqual([]);
    a.send({ type: "host.reveal" });
    const [ra, rb] = await Promise.all([a.next("result"), b.next("result")]);
    expect(ra.slices).toHaveLength(1);
    expect(rb.slices).toBeUndefined();
    const reveal = await b.next("reveal");
    expect(reveal.paths.find((p) => p.playerId === turnsId)).toMatchObject({ turns: 1 });
    expect(reveal.paths.find((p) => p.playerId === turnsId)!.footprints).toHaveLength(3);
    a.close();
    b.close();
  }, 600_000);

  it("in a class, keeps the projector's live map on the round's own slice", async () => {
    const host = new Bot(t.server.url);
    await host.ready();
    host.send({ type: "class.create" });
    const lobby = (await host.next("room", 60_000, (m) => m.view.you.role === "host")).view;
    const student = new Bot(t.server.url);
    await student.ready();
    const joined = await student.ask({ type: "room.join", code: lobby.code!, nickname: "Pupil", device: "reslice-device-pupil01" }, "room");
    if (joined.type !== "room") throw new Error(joined.message);
    host.send({ type: "host.setup", rules: { ...badlands(2, 8).rules, timeLimitSec: 600 }, ghosts: [] });
    await host.next("room", 60_000, (m) => m.view.phase === "lobby" && m.view.roster.length === 1);
    host.send({ type: "host.start" });
    await student.next("room", 300_000, (m) => m.view.phase === "running");
    const lr = 0.004; // The Badlands' suggested step size
    for (let seq = 1; seq <= 2; seq++) expect((await student.ask({ type: "step", seq, dir: "downhill", lr }, "felt")).type).toBe("felt");
    expect((await student.ask({ type: "turn" }, "turned")).type).toBe("turned");
    for (let seq = 3; seq <= 4; seq++) expect((await student.ask({ type: "step", seq, dir: "downhill", lr }, "felt")).type).toBe("felt");
    expect(student.inbox.filter(mapShaped)).toEqual([]);
    host.send({ type: "host.reveal" });
    const result = await student.next("result");
    expect(result.slices).toHaveLength(1);
    const live = host.inbox.filter((m): m is ServerMsgOf<"live"> => m.type === "live").flatMap((m) => Object.values(m.paths).flat());
    expect(live).toHaveLength(2); // steps 1 and 2: the steps on the turned slice stay off the projector's map
    const reveal = await host.next("reveal");
    expect(reveal.paths[0]!.footprints).toHaveLength(3);
    expect(reveal.debrief.find((n) => n.kind === "turn")?.text).toMatch(/^Pupil turned the map once, onto a fresh 2-D slice through where they stood\./);
    host.close();
    student.close();
  }, 600_000);
});

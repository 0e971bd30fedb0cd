// "What the network does here" over the real server: after the start and after each felt step the
// walker hears what the network at its own spot gets right (checked against an independent float64
// forward pass at that spot, seen through the round's secret frame), with the decision regions on
// a 2-D set; on a minibatch the count is over the step's own samples; the reveal's result shows the
// walk's start, worst stall and end. Nothing of the map leaks: a walker hears only its own spot,
// there is no way to ask for a picture anywhere else, and racers never hear each other's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { ServerMessage, ServerMsgOf } from "../../lib/protocol/server";
import type { Play } from "../../lib/protocol/client";
import type { Sight } from "../../lib/protocol/common";
import { toSlice, type RoundMap } from "../../lib/game/transform";
import { decodeBytes } from "../../lib/protocol/grid-codec";
import { cellCentre, getRecipe, quantisedPoints, regionsBox, REGIONS_SIZE, Rng, sampleWithoutReplacement, mixSeed, type Slice } from "../../lib/landscape/index";
import { loadDataset } from "../../server/training/datasets";
import type { TrainingCore } from "../../server/training/core";
import { referenceNetwork } from "../unit/landscape/reference-forward";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

const play = (over: object): Play => ({ mode: "custom", rules: { landscapeId: "saddle", budget: 8, batch: 0, timeLimitSec: 0, seed: 4242, showOthers: false, ...over } });

/** Checks a sight against the reference network at a player-coordinate point; returns the near-ties it allowed. */
function checkSight(sight: Sight, slice: Slice, map: RoundMap, landscapeId: string, p: readonly [number, number], idx: ArrayLike<number> | null): void {
  const ds = loadDataset(getRecipe(landscapeId).dataset);
  const q = toSlice(map, p);
  const net = referenceNetwork(slice, q[0], q[1]);
  const count = idx ? idx.length : ds.n;
  let correct = 0, ties = 0;
  for (let t = 0; t < count; t++) {
    const s = idx ? idx[t]! : t;
    const r = net(Array.from(ds.x.subarray(s * ds.d, (s + 1) * ds.d)));
    if (r.margin <= 1e-9) ties++;
    else if (r.cls === ds.y[s]) correct++;
  }
  expect(sight.of).toBe(count);
  expect(Math.abs(sight.correct - correct)).toBeLessThanOrEqual(ties);
  const counts = new Array<number>(ds.classes).fill(0);
  for (let s = 0; s < ds.n; s++) counts[ds.y[s]!]!++;
  expect(sight.chance).toBeCloseTo(Math.max(...counts) / ds.n, 12);
  if (ds.d !== 2) {
    expect(sight.regions).toBeNull();
    return;
  }
  const pic = sight.regions!;
  expect(pic.size).toBe(REGIONS_SIZE);
  const box = regionsBox(ds);
  expect(Array.from(decodeBytes(pic.points))).toEqual(Array.from(quantisedPoints(ds, box)));
  const cells = decodeBytes(pic.cells);
  expect(cells).toHaveLength(pic.size * pic.size);
  let wrong = 0;
  for (let j = 0; j < pic.size; j++) {
    for (let i = 0; i < pic.size; i++) {
      const r = net([cellCentre(box.x[0], box.x[1], pic.size, i), cellCentre(box.y[0], box.y[1], pic.size, j)]);
      if (r.margin > 1e-9 && cells[j * pic.size + i]! >> 4 !== r.cls) wrong++;
    }
  }
  expect(wrong).toBe(0);
}

/** The messages a bot received before the reveal. */
function beforeReveal(bot: Bot): ServerMessage[] {
  const at = bot.inbox.findIndex((m) => m.type === "reveal");
  return at < 0 ? [...bot.inbox] : bot.inbox.slice(0, at);
}

describe("what the network does here", () => {
  it("a 2-D set: each footprint's sight is the network's at that spot, the reveal shows start, stall and end", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const started = await bot.ask({ type: "solo.start", nickname: "Seer", play: play({ landscapeId: "cliff", budget: 10 }), device: "sight-device-0000001" }, "room", 240_000);
    if (started.type !== "room") throw new Error(started.message);
    const round = started.view.round!;
    // White box: the round's window is secret, so the test reads it (and the slice) from the server.
    const map = t.server.rooms.get(started.view.roomId)!.state.round!.map;
    const slice = await (t.services.landscapes as TrainingCore).secret("cliff");

    const first = await bot.next("sight", 60_000);
    expect(first).toMatchObject({ round: round.no, seq: 0 });
    checkSight(first.sight, slice, map, "cliff", round.start, null);

    // Downhill, then tiny steps along the contour (level ground: a stall), then downhill again,
    // so the reveal has a start, a stall in the middle and an end to show.
    const lr = round.landscape.lr.min;
    const seen: ServerMsgOf<"sight">[] = [first];
    let here = started.view.walk!.path[0]!;
    for (let seq = 1; seq <= 8; seq++) {
      const along = seq >= 3 && seq <= 6;
      const dir = along ? ([-here.grad[1], here.grad[0]] as [number, number]) : "downhill";
      const felt = await bot.ask({ type: "step", seq, dir, lr: along ? lr : round.landscape.lr.suggested }, "felt");
      if (felt.type !== "felt") throw new Error(felt.message);
      const s = await bot.next("sight", 60_000, (m) => m.seq === seq);
      checkSight(s.sight, slice, map, "cliff", [felt.at.x, felt.at.y], null);
      seen.push(s);
      here = felt.at;
    }
    // Nobody can ask for a picture anywhere else: there is no such message.
    expect(await bot.ask({ type: "sight", x: 0.3, y: 0.1 }, "error")).toMatchObject({ type: "error" });
    bot.send({ type: "finish" });
    await bot.next("reveal");
    const result = await bot.next("result");
    const kinds = result.moments!.map((m) => m.kind);
    expect(kinds).toEqual(["start", "stall", "end"]);
    expect(result.moments![0]!.sight).toEqual(first.sight); // full batch: the same network, the same answers
    expect(result.moments![kinds.length - 1]!.sight).toEqual(seen[8]!.sight);
    const stall = result.moments![1]!;
    expect(stall.from!).toBeGreaterThanOrEqual(2); // the steps along the contour
    expect(stall.to!).toBeLessThanOrEqual(7);
    expect(stall.sight).toEqual(seen[stall.step]!.sight);
    // From a network that gets a quarter right to one that gets most right.
    expect(result.moments![0]!.sight.correct).toBeLessThan(result.moments![2]!.sight.correct);
    // Exactly one sight per footprint before the reveal, in order, and nothing else new.
    expect(beforeReveal(bot).filter((m) => m.type === "sight").map((m) => (m as ServerMsgOf<"sight">).seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    bot.close();
  });

  it("a real dataset on a minibatch: the count is over the step's own samples, no picture; the reveal's is over the whole set", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const rules = { landscapeId: "bowl", batch: 16, seed: 99 };
    const started = await bot.ask({ type: "solo.start", nickname: "Batcher", play: play(rules), device: "sight-device-0000002" }, "room", 240_000);
    if (started.type !== "room") throw new Error(started.message);
    const map = t.server.rooms.get(started.view.roomId)!.state.round!.map;
    const slice = await (t.services.landscapes as TrainingCore).secret("bowl");
    const n = started.view.round!.landscape.dataset.samples;
    const batchOf = (k: number) => sampleWithoutReplacement(n, 16, new Rng(mixSeed(99, k)));
    const first = await bot.next("sight");
    checkSight(first.sight, slice, map, "bowl", started.view.round!.start, batchOf(0));
    const lr = started.view.round!.landscape.lr.min; // small steps: the walk stays on the map
    for (let seq = 1; seq <= 3; seq++) {
      const felt = await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
      if (felt.type !== "felt") throw new Error(felt.message);
      const s = await bot.next("sight", 60_000, (m) => m.seq === seq);
      checkSight(s.sight, slice, map, "bowl", [felt.at.x, felt.at.y], batchOf(seq));
    }
    bot.send({ type: "finish" });
    const reveal = await bot.next("reveal");
    const result = await bot.next("result");
    expect(result.moments!.map((m) => m.sight.of)).toEqual(result.moments!.map(() => n));
    // Each moment's loss is the whole dataset's there, never the minibatch's that was felt.
    const mine = reveal.paths.find((p) => p.ghost === null)!;
    for (const m of result.moments!) {
      const fp = mine.footprints[m.step]!;
      const q = toSlice(map, [fp.x, fp.y]);
      const full = await (t.services.landscapes as TrainingCore).probe("bowl", q[0], q[1], { offMap: true });
      expect(m.loss).toBeCloseTo(full.loss, 12);
      if (m.step > 0) expect(Math.abs(m.loss! - fp.loss!)).toBeGreaterThan(1e-9);
    }
    expect(result.moments!.every((m) => m.sight.regions === null)).toBe(true);
    bot.close();
  });

  it("a race: each racer hears only its own spot's sight, never another's", async () => {
    const a = new Bot(t.server.url), b = new Bot(t.server.url);
    await Promise.all([a.ready(), b.ready()]);
    const created = await a.ask({ type: "race.create", nickname: "Runner", play: play({ budget: 5 }), ghosts: [], device: "sight-device-0000003" }, "room");
    if (created.type !== "room") throw new Error(created.message);
    expect((await b.ask({ type: "room.join", code: created.view.code!, nickname: "Stayer", device: "sight-device-0000004" }, "room")).type).toBe("room");
    a.send({ type: "host.start" });
    const running = await a.next("room", 120_000, (m) => m.view.phase === "running");
    await b.next("room", 60_000, (m) => m.view.phase === "running");
    const lr = running.view.round!.landscape.lr.min; // small steps: nobody wins before the end
    const aSights: Sight[] = [(await a.next("sight")).sight];
    const bStart = await b.next("sight");
    expect(bStart.seq).toBe(0);
    for (let seq = 1; seq <= 3; seq++) {
      await a.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
      aSights.push((await a.next("sight", 60_000, (m) => m.seq === seq)).sight);
    }
    b.send({ type: "finish" });
    a.send({ type: "finish" });
    await Promise.all([a.next("reveal"), b.next("reveal")]);
    // The racer who stood still heard only its start; none of the walker's later pictures reached it.
    const bSights = beforeReveal(b).filter((m): m is ServerMsgOf<"sight"> => m.type === "sight");
    expect(bSights.map((m) => m.seq)).toEqual([0]);
    const bText = JSON.stringify(beforeReveal(b));
    for (const s of aSights.slice(1)) if (s.regions && s.regions.cells !== bStart.sight.regions?.cells) expect(bText).not.toContain(s.regions.cells);
    expect(beforeReveal(b).some((m) => m.type === "sight" && m.seq > 0)).toBe(false);
    a.close();
    b.close();
  });
});

// Fair and truthful rounds over real sockets: stopping on a saddle is not the valley and scores
// below walking on; the landscape's step-size range holds on the server; a map learned from one
// reveal does not show the next round's valley; ranked rules are fixed; one best per player per
// board; and floods of rounds or ranked results from one person are limited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, seededChance, type TestServer } from "./support/harness";
import type { Play } from "../../lib/protocol/client";
import type { RoomView, ServerMsgOf } from "../../lib/protocol/server";
import { LIMITS } from "../../server/sockets/limits";
import { toPlayer } from "../../lib/game/transform";

let t: TestServer;
beforeAll(async () => { t = await bootServer(undefined, { chance: seededChance(2026) }); }, 300_000);
afterAll(async () => { await t?.stop(); });

let devices = 0;
const freshDevice = () => `fairness-device-${String(++devices).padStart(6, "0")}`;

/** Starts a solo round; resolves with the bot and its view, or the error. */
async function solo(play: Play, device = freshDevice(), nickname = "Fair"): Promise<{ bot: Bot; view: RoomView } | ServerMsgOf<"error">> {
  const bot = new Bot(t.server.url);
  await bot.ready();
  const r = await bot.ask({ type: "solo.start", nickname, play, device }, "room", 120_000);
  if (r.type === "error") { bot.close(); return r; }
  return { bot, view: r.view };
}
async function mustSolo(play: Play, device?: string) {
  const r = await solo(play, device);
  if ("type" in r) throw new Error(r.message);
  return r;
}
/** One aimed step towards a point, with the step size that lands on it (clamped to the landscape's range). */
function stepTowards(view: RoomView, at: { x: number; y: number; grad: [number, number] }, target: { x: number; y: number }, seq: number) {
  const { min, max } = view.round!.landscape.lr;
  const dx = target.x - at.x, dy = target.y - at.y;
  const lr = Math.min(max, Math.max(min, Math.hypot(dx, dy) / Math.hypot(at.grad[0], at.grad[1])));
  return { type: "step" as const, seq, dir: [dx, dy] as [number, number], lr };
}

describe("fair rounds", () => {
  it("a walker who stops on the Saddle's flat centre is not in the valley and scores below the ghost that walks on", async () => {
    const { bot, view } = await mustSolo({ mode: "custom", rules: { landscapeId: "saddle", budget: 40, batch: 0, timeLimitSec: 0, seed: 7, showOthers: false } });
    let at = view.walk!.path[0]!;
    // White box: where this round's window shows the saddle (θ = 0, the slice's origin), a little off it.
    const [sx, sy] = toPlayer(t.server.rooms.get(view.roomId)!.state.round!.map, [0.01, -0.01]);
    for (let seq = 1; seq <= 3; seq++) {
      const f = await bot.ask(stepTowards(view, at, { x: sx, y: sy }, seq), "felt");
      if (f.type !== "felt") throw new Error(f.message);
      at = f.at;
    }
    for (let seq = 4; seq <= 12; seq++) {
      const f = await bot.ask({ type: "step", seq, dir: "downhill", lr: view.round!.landscape.lr.suggested }, "felt");
      if (f.type !== "felt") throw new Error(f.message);
      at = f.at;
    }
    expect(at.loss).toBeCloseTo(Math.LN2, 2); // flat ground at chance
    bot.send({ type: "finish" });
    const reveal = await bot.next("reveal");
    const result = await bot.next("result");
    const ghost = reveal.paths.find((p) => p.ghost === "gd")!;
    expect(result.outcome).toBe("saddle");
    expect(result.score).toBe(0);
    expect(ghost.score).toBeGreaterThan(result.score);
    const said = result.notes.map((n) => n.text).join("\n");
    expect(said).toMatch(/exactly chance/);
    expect(said).toMatch(/a saddle, not the bottom/);
    expect(said).not.toMatch(/reached the valley/);
    bot.close();
  });

  it("holds every step to the landscape's step-size range, and a refused step changes nothing", async () => {
    const { bot, view } = await mustSolo({ mode: "ranked", landscapeId: "bowl" });
    const { min, max } = view.round!.landscape.lr;
    for (const lr of [max * 2, 1e5, min / 3]) {
      const r = await bot.ask({ type: "step", seq: 1, dir: "downhill", lr }, "felt");
      expect(r).toMatchObject({ type: "error", code: "bad_step" });
      if (r.type === "error") expect(r.message).toBe(`On The Bowl the step size goes from ${min} to ${max}; ${lr.toPrecision(3)} is outside that range.`);
    }
    expect(await bot.ask({ type: "step", seq: 1, dir: "downhill", lr: max }, "felt")).toMatchObject({ type: "felt", seq: 1 });
    bot.close();
  });

  it("a map learned from one reveal does not put a one-step walker in the next round's valley", async () => {
    const device = freshDevice();
    let previousMin: { x: number; y: number } | null = null;
    let blind = 0, knowing = 0;
    const rounds = 10;
    for (let r = 0; r <= rounds; r++) {
      const { bot, view } = await mustSolo({ mode: "ranked", landscapeId: "bowl" }, device);
      const start = view.walk!.path[0]!;
      // White box, for the comparison only: where this round's valley really is (secret until the reveal).
      const room = t.server.rooms.get(view.roomId)!.state.round!;
      if (previousMin) {
        const f = await bot.ask(stepTowards(view, start, previousMin, 1), "felt");
        if (f.type !== "felt") throw new Error(f.message);
        bot.send({ type: "finish" });
        const res = await bot.next("result");
        if (res.outcome === "valley") blind++;
      } else {
        bot.send({ type: "finish" });
      }
      const reveal = await bot.next("reveal");
      previousMin = reveal.grid.min;
      // Whoever knows this round's own map does land in the valley with that one step.
      const known = await mustSolo({ mode: "custom", rules: { landscapeId: "bowl", budget: 3, batch: 0, timeLimitSec: 0, seed: room.rules.seed, showOthers: false } }, freshDevice());
      const f = await known.bot.ask(stepTowards(known.view, known.view.walk!.path[0]!, reveal.grid.min, 1), "felt");
      if (f.type !== "felt") throw new Error(f.message);
      known.bot.send({ type: "finish" });
      if ((await known.bot.next("result")).outcome === "valley") knowing++;
      known.bot.close();
      bot.close();
    }
    expect(knowing).toBe(rounds + 1); // the strategy works on a known map...
    expect(blind).toBeLessThanOrEqual(3); // ...but the last reveal rarely says where the valley is now (turned one of eight ways)
  });

  it("ranked rounds have the landscape's fixed rules; a custom round with a big budget is played but not ranked", async () => {
    const ranked = await mustSolo({ mode: "ranked", landscapeId: "two-valleys" });
    expect(ranked.view.round!.rules).toMatchObject({ budget: ranked.view.round!.landscape.defaultBudget, batch: 0, timeLimitSec: 0 });
    expect(ranked.view.round!.ranked).toBe(true);
    ranked.bot.close();
    const before = ((await (await fetch(`${t.server.url}/api/leaderboard/bowl`)).json()) as { total: number }).total;
    const big = await mustSolo({ mode: "custom", rules: { landscapeId: "bowl", budget: 500, batch: 0, timeLimitSec: 0, showOthers: false } });
    expect(big.view.round!.ranked).toBe(false);
    const lr = big.view.round!.landscape.lr.suggested;
    for (let seq = 1; seq <= 30; seq++) await big.bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
    big.bot.send({ type: "finish" });
    const res = await big.bot.next("result");
    expect(res).toMatchObject({ ranked: false, scoreId: null, rank: null });
    expect(res.score).toBeGreaterThan(900); // played and scored all the same
    expect(((await (await fetch(`${t.server.url}/api/leaderboard/bowl`)).json()) as { total: number }).total).toBe(before);
    big.bot.close();
  });

  it("keeps one best entry per player per board", async () => {
    const device = freshDevice();
    const play = async (steps: number) => {
      const { bot, view } = await mustSolo({ mode: "ranked", landscapeId: "cliff" }, device);
      for (let seq = 1; seq <= steps; seq++) await bot.ask({ type: "step", seq, dir: "downhill", lr: view.round!.landscape.lr.suggested }, "felt");
      bot.send({ type: "finish" });
      const res = await bot.next("result");
      bot.close();
      return res;
    };
    const a = await play(30);
    const b = await play(1);
    expect(b.best).toBe(false);
    expect(b.scoreId).toBe(a.scoreId);
    const board = (await (await fetch(`${t.server.url}/api/leaderboard/cliff`)).json()) as { total: number; top: { id: string; score: number }[] };
    expect(board.top.filter((r) => r.id === a.scoreId)).toEqual([expect.objectContaining({ score: Math.max(a.score, b.score) })]);
    expect(board.total).toBe(1);
  });
});

describe("limits per person, not per socket", () => {
  it("limits ranked results written per player, and says so in the result", async () => {
    const device = freshDevice();
    const written: boolean[] = [];
    for (let i = 0; i <= LIMITS.rankedWritesPerPlayer.points; i++) {
      const { bot, view } = await mustSolo({ mode: "ranked", landscapeId: "saddle" }, device);
      await bot.ask({ type: "step", seq: 1, dir: "downhill", lr: view.round!.landscape.lr.suggested }, "felt");
      bot.send({ type: "finish" });
      const res = await bot.next("result");
      written.push(res.scoreId !== null);
      if (i === LIMITS.rankedWritesPerPlayer.points) expect(res.notes.map((n) => n.text).join(" ")).toMatch(/not added to the leaderboard: too many ranked rounds/);
      bot.close();
    }
    expect(written).toEqual([...Array(LIMITS.rankedWritesPerPlayer.points).fill(true), false]);
  });

  it("limits rounds started per player, from any number of sockets, and per address, whatever device ids it sends", async () => {
    const device = freshDevice();
    const refused: ServerMsgOf<"error">[] = [];
    for (let i = 0; i <= LIMITS.roundsPerPlayer.points; i++) {
      const r = await solo({ mode: "ranked", landscapeId: "bowl" }, device);
      if ("type" in r) refused.push(r);
      else r.bot.close();
    }
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: "rate_limited" });
    expect(refused[0]!.message).toMatch(/^Too many rounds started from here in the last minute: try again in \d+ s\.$/);
    // A bot minting a new device id for every round is still one address.
    let through = 0;
    for (let i = 0; i < LIMITS.roundsPerAddress.points + 10; i++) {
      const r = await solo({ mode: "ranked", landscapeId: "bowl" });
      if ("type" in r) { expect(r.code).toBe("rate_limited"); break; }
      through++;
      r.bot.close();
    }
    expect(through).toBeLessThan(LIMITS.roundsPerAddress.points);
  }, 240_000);
});

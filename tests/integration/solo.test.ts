// A solo round through the real server: felt values equal the training core's (seen through the
// round's turned map), the round ends, the ranked score is saved and read back, bad input changes
// nothing, nothing secret leaks early, and a restart keeps the leaderboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { ServerMessage } from "../../lib/protocol/server";
import type { Play } from "../../lib/protocol/client";
import { slopeToPlayer, toSlice } from "../../lib/game/transform";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

const rules = (over: object = {}) => ({ landscapeId: "bowl", budget: 4, batch: 0, timeLimitSec: 0, seed: 12345, showOthers: false, ...over });
const custom = (over: object = {}): Play => ({ mode: "custom", rules: rules(over) });
const RANKED: Play = { mode: "ranked", landscapeId: "bowl" };

async function startSolo(nickname: string, play: Play = custom(), device = "device-of-ada-0123456") {
  const bot = new Bot(t.server.url);
  await bot.ready();
  const room = await bot.ask({ type: "solo.start", nickname, play, device }, "room", 240_000);
  if (room.type !== "room") throw new Error(`solo.start failed: ${room.message}`);
  return { bot, view: room.view };
}

describe("solo round", () => {
  let scoreId: string | null = null;

  it("plays a whole ranked round: felt values are the core's, the reveal and the score arrive", async () => {
    const { bot, view } = await startSolo("Ada", RANKED);
    expect(view.phase).toBe("running");
    const round = view.round!;
    expect(round.ranked).toBe(true);
    expect(round.rules).toMatchObject({ budget: round.landscape.defaultBudget, batch: 0, timeLimitSec: 0 }); // the landscape's fixed rules
    const id = round.landscape.id;
    // White box: the round's window is secret, so the test reads it from the server to check the frames.
    const map = t.server.rooms.get(view.roomId)!.state.round!.map;
    const core = async (x: number, y: number) => {
      const q = toSlice(map, [x, y]);
      const f = await t.services.landscapes.probe(id, q[0], q[1]);
      return { loss: f.loss, grad: slopeToPlayer(map.turn, f.grad) };
    };
    const start = view.walk!.path[0]!;
    const coreStart = await core(round.start[0], round.start[1]);
    expect(start.loss).toBe(coreStart.loss);
    expect(start.grad).toEqual(coreStart.grad);

    let at = start;
    const lr = round.landscape.lr.suggested;
    for (let seq = 1; seq <= 4; seq++) {
      const felt = await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
      expect(felt.type).toBe("felt");
      if (felt.type !== "felt") return;
      const x = at.x - lr * at.grad[0], y = at.y - lr * at.grad[1];
      expect(felt.at.x).toBe(x);
      expect(felt.at.y).toBe(y);
      const c = await core(x, y);
      expect(felt.at.loss).toBe(c.loss);
      expect(felt.at.grad).toEqual(c.grad);
      expect(felt.stepsLeft).toBe(round.rules.budget - seq);
      at = felt.at;
    }
    expect(at.loss!).toBeLessThan(start.loss!); // following the slope goes downhill
    bot.send({ type: "finish" });
    const reveal = await bot.next("reveal");
    expect(reveal.ended).toEqual({ by: "walks" });
    expect(reveal.paths.map((p) => p.ghost)).toEqual([null, "gd"]);
    expect(reveal.paths[0]!.footprints).toHaveLength(5);
    expect(reveal.grid.size).toBeGreaterThan(16);
    expect(reveal.scale.chance).toBeCloseTo(Math.log(3), 12); // iris: three balanced classes
    expect(reveal.debrief[0]!.text).toMatch(/^You stopped after 4 of 30 steps, ending at loss/);
    const result = await bot.next("result");
    expect(result.ranked).toBe(true);
    expect(result.best).toBe(true);
    expect(result.score).toBe(reveal.paths[0]!.score);
    expect(result.rank).toBe(1);
    scoreId = result.scoreId;
    expect(scoreId).toBeTruthy();

    const after = await bot.ask({ type: "step", seq: 5, dir: "downhill", lr }, "felt");
    expect(after).toMatchObject({ type: "error", code: "round_over" });
    bot.close();
  });

  it("reads the score back from the leaderboard API", async () => {
    const res = await fetch(`${t.server.url}/api/leaderboard/bowl?me=${scoreId}`);
    const board = (await res.json()) as { top: { id: string; nickname: string; score: number }[]; me: { rank: number } | null; total: number };
    expect(board.total).toBe(1);
    expect(board.top[0]).toMatchObject({ id: scoreId, nickname: "Ada" });
    expect(board.me?.rank).toBe(1);
  });

  it("sends nothing that rebuilds the map before the reveal", async () => {
    const { bot, view } = await startSolo("Secretive", custom({ budget: 3 }));
    const lr = view.round!.landscape.lr.suggested;
    for (let seq = 1; seq <= 3; seq++) await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
    await bot.next("reveal");
    const before: ServerMessage[] = bot.inbox.slice(0, bot.inbox.findIndex((m) => m.type === "reveal"));
    const text = JSON.stringify(before);
    for (const word of ["center", "directions", "\"d1\"", "\"d2\"", "weights", "\"grid\"", "\"values\"", "\"starts\"", "minimum", "\"turn\"", "\"scale\"", "truth", "ended"]) expect(text).not.toContain(word);
    // No long numeric arrays (weights, grids): the longest array of numbers is a footprint's grad.
    const longest = Math.max(...[...text.matchAll(/\[(-?[\d.e+-]+,)+-?[\d.e+-]+\]/g)].map((m) => m[0].split(",").length));
    expect(longest).toBeLessThanOrEqual(2);
    bot.close();
  });

  it("answers bad input with a typed error and changes nothing", async () => {
    const { bot, view } = await startSolo("Careful", custom({ budget: 5 }));
    const lr = view.round!.landscape.lr.suggested;
    const bad: [unknown, string][] = [
      [{ type: "step", seq: 1, dir: "downhill", lr: view.round!.landscape.lr.max * 1.01 }, "bad_step"], // the landscape's range holds on the server
      [{ type: "step", seq: 1, dir: [1, 0], lr: view.round!.landscape.lr.min / 2 }, "bad_step"],
      [{ type: "step", seq: 1, dir: "downhill", lr: -1 }, "bad_message"],
      [{ type: "step", seq: 1, dir: "downhill", lr: null }, "bad_message"], // NaN travels as null in JSON
      [{ type: "step", seq: 1, dir: "sideways", lr }, "bad_message"],
      [{ type: "step", seq: 2, dir: "downhill", lr }, "out_of_order"],
      [{ type: "step", seq: 1, dir: "downhill", lr, pad: "x".repeat(6000) }, "too_large"],
      [{ type: "host.start" }, "not_host"],
      ["just a string", "bad_message"],
      [{ type: "solo.start", nickname: "Ada", play: custom({ landscapeId: "atlantis" }) }, "unknown_landscape"],
      [{ type: "solo.start", nickname: "Ada", play: { mode: "ranked", landscapeId: "bowl", budget: 500 } }, "bad_message"], // ranked rules are not the player's to choose
      [{ type: "solo.start", nickname: "Ada", rules: rules() }, "bad_message"],
    ];
    for (const [msg, code] of bad) {
      const r = await bot.ask(msg, "felt");
      expect(r).toMatchObject({ type: "error", code });
      if (r.type === "error") expect(r.message).toMatch(/[A-Za-z].*[.!]$/);
    }
    // Unchanged: the next step is still number 1 and lands where the start's slope says.
    const felt = await bot.ask({ type: "step", seq: 1, dir: "downhill", lr }, "felt");
    expect(felt.type).toBe("felt");
    if (felt.type === "felt") expect(felt.at.x).toBe(view.walk!.path[0]!.x - lr * view.walk!.path[0]!.grad[0]);
    bot.socket.emit("hack", { give: "me the map" });
    expect(await bot.next("error")).toMatchObject({ code: "bad_message" });
    bot.close();
  });

  it("ends a walk that leaves the map as 'left', with the loss out there and a score of 0; a custom round is not ranked", async () => {
    const { bot, view } = await startSolo("Reckless", custom({ budget: 10 }));
    const felt = await bot.ask({ type: "step", seq: 1, dir: "downhill", lr: view.round!.landscape.lr.max }, "felt");
    expect(felt).toMatchObject({ type: "felt", status: "left" });
    if (felt.type === "felt") expect(felt.at.loss).toBeGreaterThan(view.walk!.path[0]!.loss!);
    const result = await bot.next("result");
    expect(result).toMatchObject({ outcome: "left_map", score: 0, ranked: false, scoreId: null, rank: null });
    expect(result.notes.map((n) => n.text).join(" ")).toMatch(/Step 1 left the map\. Out there the loss is/);
    bot.close();
  });

  it("refuses a client of another protocol version", async () => {
    const bot = new Bot(t.server.url, { protocol: 999 });
    const err = await new Promise<Error>((resolve) => bot.socket.once("connect_error", resolve));
    expect(err.message).toMatch(/out of date/);
    bot.close();
  });

  it("keeps the leaderboard across a restart", async () => {
    const dataDir = t.dataDir;
    await t.stop();
    t = await bootServer(dataDir);
    const res = await fetch(`${t.server.url}/api/leaderboard/bowl?me=${scoreId}`);
    const board = (await res.json()) as { top: { id: string }[]; me: { rank: number } | null };
    expect(board.top.map((r) => r.id)).toContain(scoreId);
    expect(board.me?.rank).toBe(1);
  });
});

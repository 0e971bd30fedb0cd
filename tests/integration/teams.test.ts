// Teams ("be the cluster") over the real server: a class split into balanced teams, each member
// feeling the slope on their own minibatch; a tick that every member joins moves the team by the
// exact mean of their proposals, one with an idle member closes on its timer; nothing of the map,
// nor a teammate's felt slope or proposal, reaches a student before the reveal; the reveal carries
// every proposal against the averaged move and the debrief says how much averaging cut the noise.
// And solo: a lone walker's team of ghost teammates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { RoomView } from "../../lib/protocol/server";
import type { Footprint } from "../../lib/protocol/common";
import { TEAM_TICK_MS } from "../../lib/game/teams";

let t: TestServer;
beforeAll(async () => { t = await bootServer(undefined, { trustProxy: true }); }, 300_000);
afterAll(async () => { await t?.stop(); });

const phone = (i: number) => ({ address: `10.66.0.${i}` });
const room = async (b: Bot, where: (v: RoomView) => boolean) => (await b.next("room", 60_000, (m) => where(m.view))).view;
const rules = { landscapeId: "ravine", budget: 6, batch: 4, timeLimitSec: 0, seed: 31, showOthers: false, teamSize: 3 };

/** Whether a number (as JSON writes it) appears anywhere in what a bot received. */
const heard = (b: Bot, v: number) => JSON.stringify(b.inbox).includes(JSON.stringify(v));

describe("teams in a class", () => {
  it("forms balanced teams, moves each by the mean of its members' proposals, keeps the map and teammates' slopes secret, and reveals the noise averaging cut", async () => {
    const host = new Bot(t.server.url, undefined, phone(200));
    await host.ready();
    host.send({ type: "class.create" });
    const code = (await room(host, (v) => v.you.role === "host")).code!;
    const students: Bot[] = [];
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const b = new Bot(t.server.url, undefined, phone(i));
      await b.ready();
      const v = await b.ask({ type: "room.join", code, nickname: `Worker ${i}`, device: `teams-device-${String(i).padStart(6, "0")}` }, "room");
      if (v.type !== "room") throw new Error(v.message);
      students.push(b);
      ids.push(v.view.you.playerId!);
    }
    // A team of nine is refused with a sentence, and changes nothing.
    expect(await host.ask({ type: "host.setup", rules: { ...rules, teamSize: 9 }, ghosts: [] }, "error")).toMatchObject({ type: "error", code: "bad_message", message: expect.stringMatching(/at most 8/) });
    host.send({ type: "host.setup", rules, ghosts: [] });
    await room(host, (v) => v.phase === "lobby");
    host.send({ type: "host.start" });

    // Five people in teams of at most three: two teams, of three and two, shown to everyone (the projector too).
    const views = await Promise.all(students.map((b) => room(b, (v) => v.phase === "running")));
    const hostView = await room(host, (v) => v.phase === "running");
    const teams = hostView.round!.teams!;
    expect(teams.map((x) => x.members.length).sort()).toEqual([2, 3]);
    expect(teams.flatMap((x) => x.members.map((m) => m.playerId)).sort()).toEqual([...ids].sort());
    expect(views[0]!.round!.teams).toEqual(teams);
    expect(views[0]!.round!.rules.teamSize).toBe(3);
    const bot = (id: string) => students[ids.indexOf(id)]!;
    const viewOf = (id: string) => views[ids.indexOf(id)]!;
    const big = teams.find((x) => x.members.length === 3)!;
    const small = teams.find((x) => x.members.length === 2)!;

    // Everyone stands at the same start, each feeling their own minibatch: the slopes differ.
    const starts = ids.map((id) => viewOf(id).walk!.path[0]!);
    for (const s of starts) expect([s.x, s.y]).toEqual(starts[0] && [starts[0].x, starts[0].y]);
    expect(new Set(starts.map((s) => s.grad[0])).size).toBe(5);

    // The big team: every member proposes a downhill step; the team moves by the mean, exactly.
    const lr = hostView.round!.landscape.lr.suggested;
    const from = starts[0]!;
    const proposals = big.members.map((m) => {
      const g = viewOf(m.playerId!).walk!.path[0]!.grad;
      return [-lr * g[0], -lr * g[1]] as const;
    });
    const mean = [proposals.reduce((s, p) => s + p[0], 0) / 3, proposals.reduce((s, p) => s + p[1], 0) / 3];
    const [first, second, third] = big.members.map((m) => bot(m.playerId!));
    first!.send({ type: "step", seq: 1, dir: "downhill", lr });
    // The open tick tells members who has proposed, never what.
    const told = await second!.next("team", 30_000, (m) => m.proposed.length === 1);
    expect(told).toEqual({ type: "team", teamId: big.id, tick: 1, proposed: [big.members[0]!.playerId], closesAt: expect.any(Number) });
    // A second proposal in the same tick is refused.
    expect(await first!.ask({ type: "step", seq: 1, dir: "downhill", lr }, "error")).toMatchObject({ code: "step_in_flight" });
    second!.send({ type: "step", seq: 1, dir: "downhill", lr });
    third!.send({ type: "step", seq: 1, dir: "downhill", lr });
    const felt = await Promise.all([first!, second!, third!].map((b) => b.next("felt", 30_000)));
    for (const f of felt) {
      expect(f.seq).toBe(1);
      expect(f.at.x).toBeCloseTo(from.x + mean[0]!, 10);
      expect(f.at.y).toBeCloseTo(from.y + mean[1]!, 10);
    }
    // Each member felt the new spot on their own minibatch.
    expect(new Set(felt.map((f) => f.at.grad[0])).size).toBe(3);

    // The small team: one member proposes, the other idles; the tick closes on its timer and moves both.
    const [active, idle] = small.members.map((m) => bot(m.playerId!));
    const g = viewOf(small.members[0]!.playerId!).walk!.path[0]!.grad;
    const t0 = Date.now();
    active!.send({ type: "step", seq: 1, dir: [-g[0], -g[1]], lr: lr / 2 });
    const [mine, theirs] = await Promise.all([active!.next("felt", 30_000), idle!.next("felt", 30_000)]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(TEAM_TICK_MS - 200);
    expect(mine.at.x).toBeCloseTo(from.x - (lr / 2) * g[0], 10);
    expect(theirs.at.x).toBe(mine.at.x);
    expect(theirs.at.y).toBe(mine.at.y);

    // A second tick for the big team, so the reveal has two ticks to measure.
    await Promise.all([first!, second!, third!].map((b, i) => b.ask({ type: "step", seq: 2, dir: "downhill", lr: lr * (1 + i / 10) }, "felt")));

    // Nothing of the map reached a student, nor a teammate's (or anyone's) slope or proposal.
    for (const [i, b] of students.entries()) {
      const kinds = new Set(b.inbox.map((m) => m.type));
      for (const k of ["map", "reveal", "live", "result"]) expect(kinds.has(k as never), `student ${i + 1} got ${k}`).toBe(false);
      const text = JSON.stringify(b.inbox);
      for (const word of ["proposals", "mateGrads", "batchSeed", "values", "delta"]) expect(text).not.toContain(word);
      for (const [j, s] of starts.entries()) if (j !== i) expect(heard(b, s.grad[0]), `student ${i + 1} heard student ${j + 1}'s slope`).toBe(false);
    }

    host.send({ type: "host.reveal" });
    const reveal = await students[0]!.next("reveal");
    const rt = reveal.teams!;
    expect(rt).toHaveLength(2);
    const bigR = rt.find((x) => x.id === big.id)!;
    expect(bigR.ticks).toHaveLength(2);
    const tick1 = bigR.ticks[0]!;
    expect(tick1.proposals).toHaveLength(3);
    expect(tick1.to[0]).toBeCloseTo(tick1.proposals.reduce((s, p) => s + p.to[0], 0) / 3, 10);
    expect(tick1.to[0]).toBeCloseTo(felt[0]!.at.x, 10);
    expect(bigR.noise).toMatchObject({ ticks: 2, meanProposals: 3 });
    expect(bigR.noise!.teamError).toBeLessThan(bigR.noise!.memberError);
    const smallR = rt.find((x) => x.id === small.id)!;
    expect(smallR.ticks[0]!.proposals).toHaveLength(1);
    expect(smallR.noise).toBeNull();
    const note = reveal.debrief.find((n) => n.kind === "team" && n.text.startsWith(`Team ${big.name}`));
    expect(note?.text).toMatch(/own minibatch of 4\. A single proposal missed the full-batch step by \d+ % of a step .*; the team's mean missed by \d+ %.*cut the error [\d.]+×/);
    // Every member's path is the team's.
    const paths = reveal.paths.filter((p) => big.members.some((m) => m.playerId === p.playerId));
    expect(new Set(paths.map((p) => p.footprints.map((f: Footprint) => `${f.x},${f.y}`).join(";"))).size).toBe(1);
    const result = await bot(big.members[0]!.playerId!).next("result");
    expect(result.notes.some((n) => n.kind === "team")).toBe(true);
    for (const b of [host, ...students]) b.close();
  }, 180_000);
});

describe("teams in a solo round", () => {
  it("gives a lone walker ghost teammates, each stepping down its own minibatch slope at the walker's step size", async () => {
    const bot = new Bot(t.server.url);
    await bot.ready();
    const started = await bot.ask({ type: "solo.start", nickname: "Alone", play: { mode: "custom", rules: { ...rules, teamSize: 4 } }, device: "teams-solo-device-0001" }, "room", 120_000);
    if (started.type !== "room") throw new Error(started.message);
    const team = started.view.round!.teams![0]!;
    // Teams average felt slopes: a round without backprop has none, and is refused with a sentence.
    const both = new Bot(t.server.url);
    await both.ready();
    expect(await both.ask({ type: "solo.start", nickname: "Both", play: { mode: "custom", rules: { ...rules, teamSize: 4, slope: "probe" } }, device: "teams-solo-device-0002" }, "room")).toMatchObject({ type: "error", code: "bad_rules", message: expect.stringMatching(/Choose teams or no backprop/) });
    // A team shares one map: turning it under one member is refused, and so are turns with teams.
    expect(await both.ask({ type: "solo.start", nickname: "Both", play: { mode: "custom", rules: { ...rules, teamSize: 4, turns: 2 } }, device: "teams-solo-device-0002" }, "room")).toMatchObject({ type: "error", code: "bad_rules", message: expect.stringMatching(/Choose teams or turns of the map/) });
    both.close();
    expect(team.members.map((m) => m.nickname)).toEqual(["Alone", "Teammate 1", "Teammate 2", "Teammate 3"]);
    const lr = started.view.round!.landscape.lr.suggested;
    const path: Footprint[] = [started.view.walk!.path[0]!];
    for (let seq = 1; seq <= 4; seq++) {
      const f = await bot.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
      if (f.type !== "felt") throw new Error(f.message);
      path.push(f.at);
    }
    expect(JSON.stringify(bot.inbox)).not.toContain("mate-1\":"); // no teammate's slope before the reveal
    bot.send({ type: "finish" });
    const reveal = await bot.next("reveal");
    const ticks = reveal.teams![0]!.ticks;
    expect(ticks).toHaveLength(4);
    for (const [i, tick] of ticks.entries()) {
      expect(tick.proposals.map((p) => p.key).sort()).toEqual([team.members[0]!.key, "mate-1", "mate-2", "mate-3"].sort());
      // The walker's own proposal is −lr·(what they felt); the move is the mean of the four.
      const own = tick.proposals.find((p) => p.key === team.members[0]!.key)!;
      expect(own.to[0]).toBeCloseTo(path[i]!.x - lr * path[i]!.grad[0], 10);
      expect(tick.to[0]).toBeCloseTo(tick.proposals.reduce((s, p) => s + p.to[0], 0) / 4, 10);
      expect(tick.to[0]).toBeCloseTo(path[i + 1]!.x, 10);
    }
    const result = await bot.next("result");
    expect(result.notes.find((n) => n.kind === "team")?.text).toMatch(/Team Red \(Alone, Teammate 1, Teammate 2, Teammate 3\)/);
    bot.close();
  }, 120_000);
});

describe("teams in a race", () => {
  it("races teams of two and a ghost: the first team in the valley wins, named as a team", async () => {
    const owner = new Bot(t.server.url);
    await owner.ready();
    const play = { mode: "custom" as const, rules: { landscapeId: "bowl", budget: 40, batch: 16, timeLimitSec: 0, seed: 12, showOthers: false, teamSize: 2 } };
    const created = await owner.ask({ type: "race.create", nickname: "Racer 1", play, ghosts: ["gd"], device: "team-racer-device-0001" }, "room", 120_000);
    if (created.type !== "room") throw new Error(created.message);
    const racers = [owner];
    for (let i = 2; i <= 4; i++) {
      const b = new Bot(t.server.url);
      await b.ready();
      const v = await b.ask({ type: "room.join", code: created.view.code!, nickname: `Racer ${i}`, device: `team-racer-device-000${i}` }, "room");
      if (v.type !== "room") throw new Error(v.message);
      racers.push(b);
    }
    owner.send({ type: "host.start" });
    const views = (await Promise.all(racers.map((b) => b.next("room", 60_000, (m) => m.view.phase === "running")))).map((m) => m.view);
    const teams = views[0]!.round!.teams!;
    expect(teams.map((x) => x.members.length)).toEqual([2, 2]);
    // The ghost races alone, in no team.
    const ghost = views[0]!.roster.find((r) => r.ghost === "gd")!;
    expect(teams.some((x) => x.members.some((m) => m.playerId === ghost.playerId))).toBe(false);

    const revealed = owner.next("reveal", 120_000);
    const over = revealed.then(() => null);
    await Promise.all(racers.map(async (b, i) => {
      const lr = views[i]!.round!.landscape.lr.suggested;
      for (let seq = 1; seq <= 40; seq++) {
        const f = await Promise.race([b.ask({ type: "step", seq, dir: "downhill", lr }, "felt"), over]);
        if (!f || f.type !== "felt" || f.status !== "walking") break;
      }
    }));
    const reveal = await revealed;
    expect(reveal.ended.by).toBe("winner");
    if (reveal.ended.by === "winner") expect(reveal.ended.nickname).toMatch(/^Team (Red|Blue)$/);
    expect(reveal.teams).toHaveLength(2);
    expect(reveal.debrief.filter((n) => n.kind === "team")).toHaveLength(2);
    for (const b of racers) b.close();
  }, 180_000);
});

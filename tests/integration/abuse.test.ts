// Nobody can spoil a round, a class or the server, over real sockets. The test server trusts
// X-Forwarded-For, so each bot can play a person at its own address (as behind the cluster's
// HAProxy). Nothing here reads a clock to judge speed: it checks what work was admitted.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { RoomView } from "../../lib/protocol/server";
import { LIMITS } from "../../server/sockets/limits";
import { MAX_REFUSED } from "../../server/sockets/gateway";
import type { TrainingCore } from "../../server/training/core";

let t: TestServer;
beforeAll(async () => { t = await bootServer(undefined, { trustProxy: true }); }, 300_000);
afterAll(async () => { await t?.stop(); });

let people = 0;
/** A fresh person: their own address (and a browser id to go with it). */
function person(): { address: string; device: string } {
  people++;
  return { address: `10.9.${people >> 8}.${people & 255}`, device: `person-${String(people).padStart(10, "0")}` };
}
async function bot(address: string): Promise<Bot> {
  const b = new Bot(t.server.url, undefined, { address });
  await b.ready();
  return b;
}
const room = async (b: Bot, where: (v: RoomView) => boolean) => (await b.next("room", 60_000, (m) => where(m.view))).view;

/** A class with a host, at its own address. */
async function newClass(): Promise<{ host: Bot; code: string }> {
  const host = await bot(person().address);
  host.send({ type: "class.create" });
  const v = await room(host, (x) => x.you.role === "host");
  return { host, code: v.code! };
}

describe("expensive work is paid for by whoever asks, and only as it happens", () => {
  it("race ghosts step live, a probe per step like a player; a solo round's ghost walks no further than the player or the usual budget", async () => {
    const core = t.services.landscapes as TrainingCore;
    const planned = vi.spyOn(core, "ghost");
    const p = person();
    const owner = await bot(p.address);
    const created = await owner.ask({ type: "race.create", nickname: "Owner", device: p.device, ghosts: ["gd", "momentum", "adam"], play: { mode: "custom", rules: { landscapeId: "chaos", budget: 500, batch: 0, timeLimitSec: 0, showOthers: false } } }, "room");
    if (created.type !== "room") throw new Error(created.message);
    owner.send({ type: "host.start" });
    await room(owner, (v) => v.phase === "running");
    // Wait for two ghost ticks' standings: each ghost has taken a couple of steps, not 500.
    await owner.next("standings", 30_000, (m) => m.rows.filter((r) => r.ghost !== null).every((r) => r.steps >= 2));
    const r = (await t.server.rooms.byJoinCode(created.view.code!))!.state.round!;
    const ghostSteps = Object.keys(r.ghostStates).map((id) => r.walks[id]!.path.length - 1);
    expect(ghostSteps).toHaveLength(3);
    for (const n of ghostSteps) expect(n).toBeLessThan(10);
    expect(planned).not.toHaveBeenCalled(); // no walk of 500 steps was computed ahead
    owner.send({ type: "host.end" });
    owner.close();

    const solo = await bot(person().address);
    const started = await solo.ask({ type: "solo.start", nickname: "Quitter", device: person().device, play: { mode: "custom", rules: { landscapeId: "chaos", budget: 500, batch: 0, timeLimitSec: 0, showOthers: false } } }, "room");
    if (started.type !== "room") throw new Error(started.message);
    solo.send({ type: "finish" });
    const reveal = await solo.next("reveal");
    const ghost = reveal.paths.find((x) => x.ghost === "gd")!;
    expect(ghost.footprints.length - 1).toBeLessThanOrEqual(started.view.round!.landscape.defaultBudget);
    expect(planned).toHaveBeenCalledTimes(1);
    expect(planned.mock.calls[0]![2]).toMatchObject({ steps: started.view.round!.landscape.defaultBudget, lane: "bulk" });
    planned.mockRestore();
    solo.close();
  });

  it("a flood of costly rounds from one address is refused past its limits while an honest player steps on", async () => {
    const core = t.services.landscapes as TrainingCore;
    const flooder = person().address;
    const floods = await Promise.all(Array.from({ length: 5 }, () => bot(flooder)));
    const honest = await bot(person().address);
    const started = await honest.ask({ type: "solo.start", nickname: "Honest", device: person().device, play: { mode: "ranked", landscapeId: "two-valleys" } }, "room");
    if (started.type !== "room") throw new Error(started.message);
    let refused = 0;
    const flooding = Promise.all(floods.map(async (b, i) => {
      for (let k = 0; k < 20; k++) {
        const r = await b.ask({ type: "race.create", nickname: `F${i}`, device: `flood-${i}-${k}`.padEnd(16, "x"), ghosts: ["gd", "momentum", "adam"], play: { mode: "custom", rules: { landscapeId: "chaos", budget: 500, batch: 0, timeLimitSec: 0, showOthers: false } } }, "error", 2000).catch(() => null);
        if (r?.type === "error" && r.code === "rate_limited") refused++;
        else b.send({ type: "host.start" });
      }
    }));
    const lr = started.view.round!.landscape.lr.suggested;
    let peakBulk = 0;
    for (let seq = 1; seq <= 20; seq++) {
      const f = await honest.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
      expect(f.type).toBe("felt");
      peakBulk = Math.max(peakBulk, core.health().bulkRunning);
      if (f.type === "felt" && f.status !== "walking") break;
    }
    await flooding;
    // Races admitted: the distinct rooms the flooders were made hosts of.
    const admitted = new Set(floods.flatMap((b) => b.inbox.flatMap((m) => (m.type === "room" && m.view.kind === "race" ? [m.view.roomId] : [])))).size;
    expect(admitted).toBeLessThanOrEqual(LIMITS.roomsPerAddress.points);
    expect(admitted).toBeLessThanOrEqual(LIMITS.roundsPerAddress.points);
    expect(refused).toBeGreaterThan(0);
    expect(peakBulk).toBeLessThanOrEqual(1); // one of the two workers was always free for steps
    for (const b of [...floods, honest]) b.close();
  });
});

describe("one seat per person", () => {
  it("one socket joining again and again holds one seat; so do 20 sockets with one browser id, and 20 without one from one address", async () => {
    const { host, code } = await newClass();
    const p = person();
    const one = await bot(p.address);
    for (let i = 0; i < 30; i++) await one.ask({ type: "room.join", code, nickname: `Spam ${i}`, device: p.device }, "room");
    const sameDevice = await Promise.all(Array.from({ length: 20 }, () => bot(person().address)));
    const d = person().device;
    for (const [i, b] of sameDevice.entries()) await b.ask({ type: "room.join", code, nickname: `Dev ${i}`, device: d }, "room");
    const anon = person().address;
    const noDevice = await Promise.all(Array.from({ length: 20 }, () => bot(anon)));
    for (const [i, b] of noDevice.entries()) await b.ask({ type: "room.join", code, nickname: `Anon ${i}` }, "room");
    // Renames reach the host with the room's next coalesced broadcast: wait for the last of them.
    const v = await room(host, (x) => ["Anon 19", "Dev 19", "Spam 29"].every((n) => x.roster.some((r) => r.nickname === n)));
    expect(v.roster.map((r) => r.nickname).sort()).toEqual(["Anon 19", "Dev 19", "Spam 29"]);
    for (const b of [host, one, ...sameDevice, ...noDevice]) b.close();
  });

  it("a removed student stays out with no browser id, a new one, or a new socket, until the teacher lets them back", async () => {
    const { host, code } = await newClass();
    const p = person();
    const student = await bot(p.address);
    const joined = await student.ask({ type: "room.join", code, nickname: "Mallory", device: p.device }, "room");
    if (joined.type !== "room") throw new Error(joined.message);
    const seatId = joined.view.you.playerId!;
    host.send({ type: "host.kick", playerId: seatId });
    await student.next("kicked");
    const again = await bot(p.address);
    expect(await again.ask({ type: "room.join", code, nickname: "Mallory" }, "room")).toMatchObject({ code: "kicked" });
    expect(await again.ask({ type: "room.join", code, nickname: "Not Mallory", device: "a-brand-new-device-1" }, "room")).toMatchObject({ code: "kicked" });
    expect(await again.ask({ type: "room.resume", code, token: joined.view.you.token }, "room")).toMatchObject({ code: "kicked" });
    const hostView = await room(host, (x) => x.removed.length === 1);
    expect(hostView.removed).toEqual([{ playerId: seatId, nickname: "Mallory" }]);
    // Someone else, from elsewhere, can still join.
    const other = await bot(person().address);
    expect((await other.ask({ type: "room.join", code, nickname: "Bob", device: person().device }, "room")).type).toBe("room");
    host.send({ type: "host.readmit", playerId: seatId });
    await room(host, (x) => x.removed.length === 0);
    expect((await again.ask({ type: "room.join", code, nickname: "Mallory", device: p.device }, "room")).type).toBe("room");
    for (const b of [host, student, again, other]) b.close();
  });

  it("a removal is final even when the student's step is in flight: the walk never comes back on the projector", async () => {
    const { host, code } = await newClass();
    const students: { b: Bot; id: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const p = person();
      const b = await bot(p.address);
      const j = await b.ask({ type: "room.join", code, nickname: `Kid ${i}`, device: p.device }, "room");
      if (j.type !== "room") throw new Error(j.message);
      students.push({ b, id: j.view.you.playerId! });
    }
    host.send({ type: "host.setup", rules: { landscapeId: "two-valleys", budget: 30, batch: 0, timeLimitSec: 0, showOthers: false }, ghosts: [] });
    await room(host, (v) => v.phase === "lobby" && v.round === null);
    host.send({ type: "host.start" });
    const running = await room(host, (v) => v.phase === "running");
    const lr = running.round!.landscape.lr.suggested;
    // Each student steps and, at once, the teacher removes them.
    for (const s of students) {
      s.b.send({ type: "step", seq: 1, dir: "downhill", lr });
      host.send({ type: "host.kick", playerId: s.id });
    }
    const after = await room(host, (v) => v.roster.length === 0);
    expect(after.roster).toEqual([]);
    // Every live update sent after the last removal is free of them.
    const from = host.inbox.length;
    host.send({ type: "host.claim", code, hostSecret: after.you.token }); // a refresh resends every live path
    await host.next("room", 30_000, (m) => m.view.you.role === "host");
    await new Promise((r) => setImmediate(r));
    const live = host.inbox.slice(from).filter((m) => m.type === "live");
    for (const m of live) if (m.type === "live") for (const s of students) expect(Object.keys(m.paths)).not.toContain(s.id);
    expect((await t.server.rooms.byJoinCode(code))!.state.round!.walks).toEqual({});
    for (const b of [host, ...students.map((s) => s.b)]) b.close();
  });
});

describe("limits per person, not per socket", () => {
  it("counts every event, unknown ones too, and lets go of a socket that floods", async () => {
    const address = person().address;
    const flooder = await bot(address);
    let gone = false;
    flooder.socket.on("disconnect", () => { gone = true; });
    const n = MAX_REFUSED + 2 * LIMITS.messagesPerSocketBurst.points + 100;
    for (let i = 0; i < n; i++) flooder.socket.emit("not-an-event", { i });
    await flooder.next("error", 10_000, (m) => m.code === "rate_limited");
    for (let i = 0; i < 50 && !gone; i++) await new Promise((r) => setTimeout(r, 50));
    expect(gone).toBe(true);
    const answered = flooder.inbox.filter((m) => m.type === "error").length;
    // A bad_message for each admitted event, then one rate_limited a second: not one answer per event.
    expect(answered).toBeLessThan(2 * LIMITS.messagesPerSocketBurst.points + 20);
    // Someone else is unaffected.
    const other = await bot(person().address);
    expect(await other.ask({ type: "class.create" }, "room")).toMatchObject({ type: "room" });
    other.close();
  });

  it("stops code guessing from many sockets of one address, even a right guess, while it is blocked", async () => {
    const { host, code } = await newClass();
    const guesser = person().address;
    const sockets = await Promise.all(Array.from({ length: 50 }, () => bot(guesser)));
    const codes = ["ABCDEF", "GHJKLM", "NPQRST", "UVWXYZ", "234567", "89ABCD", "EFGHJK", "LMNPQR", "STUVWX", "YZ2345", "678923", "QWERTY"].filter((c) => c !== code);
    const answers = await Promise.all(sockets.map((b, i) => b.ask({ type: "room.join", code: codes[i % codes.length]!, nickname: `Guess ${i}` }, "room")));
    const limited = answers.filter((a) => a.type === "error" && a.code === "rate_limited").length;
    expect(limited).toBeGreaterThanOrEqual(50 - LIMITS.wrongCodesPerAddress.points);
    expect(await sockets[0]!.ask({ type: "room.join", code, nickname: "Right Guess" }, "room")).toMatchObject({ code: "rate_limited" });
    const honest = await bot(person().address);
    expect((await honest.ask({ type: "room.join", code, nickname: "Student", device: person().device }, "room")).type).toBe("room");
    for (const b of [host, honest, ...sockets]) b.close();
  });

  it("limits the rooms one address can create", async () => {
    const address = person().address;
    const b = await bot(address);
    let made = 0;
    for (let i = 0; i <= LIMITS.roomsPerAddress.points; i++) {
      const r = await b.ask({ type: "class.create" }, "room");
      if (r.type === "room") made++;
      else expect(r).toMatchObject({ code: "rate_limited" });
    }
    expect(made).toBe(LIMITS.roomsPerAddress.points);
    b.close();
  });
});

describe("names", () => {
  it("refuses look-alike spellings and lets the teacher rename a student", async () => {
    const { host, code } = await newClass();
    const p = person();
    const kid = await bot(p.address);
    for (const rude of ["f.u.c.k", "f u c k", "sh1t"]) expect(await kid.ask({ type: "room.join", code, nickname: rude, device: p.device }, "room")).toMatchObject({ code: "nickname_refused" });
    const j = await kid.ask({ type: "room.join", code, nickname: "Tom", device: p.device }, "room");
    if (j.type !== "room") throw new Error(j.message);
    expect(await host.ask({ type: "host.rename", playerId: j.view.you.playerId!, nickname: "f.u.c.k" }, "error")).toMatchObject({ code: "nickname_refused" });
    host.send({ type: "host.rename", playerId: j.view.you.playerId!, nickname: "Tom B" });
    expect((await room(kid, (v) => v.you.nickname === "Tom B")).you.nickname).toBe("Tom B");
    for (const b of [host, kid]) b.close();
  });
});

describe("restarts", () => {
  it("tells every page that the server is restarting before the socket drops", async () => {
    const other = await bootServer();
    const b = new Bot(other.server.url);
    await b.ready();
    const stopping = other.stop();
    const notice = await b.next("notice", 10_000);
    expect(notice).toMatchObject({ kind: "restarting", message: expect.stringMatching(/restarting/) });
    await stopping;
    expect(b.socket.connected).toBe(false);
    b.close();
  });
});


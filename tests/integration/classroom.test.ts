// A 30-student classroom through two rounds with a removal, a reconnection and a CSV export
// checked field by field, all over real sockets against the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { RoomView, ServerMsgOf } from "../../lib/protocol/server";

let t: TestServer;
// Each student plays from a phone of their own (its own address, through X-Forwarded-For): a
// removal bars the removed student's address, which would also bar classmates behind one NAT.
beforeAll(async () => { t = await bootServer(undefined, { trustProxy: true }); }, 300_000);
const phone = (i: number) => ({ address: `10.77.0.${i}` });
afterAll(async () => { await t?.stop(); });

const rules = (budget: number) => ({ landscapeId: "bowl", budget, batch: 0, timeLimitSec: 0, seed: 7, showOthers: false });
const device = (i: number) => `device-of-student-${String(i).padStart(2, "0")}xx`;

async function room(bot: Bot, where: (v: RoomView) => boolean): Promise<RoomView> {
  return (await bot.next("room", 60_000, (m) => where(m.view))).view;
}

describe("classroom session", () => {
  it("runs two rounds for 30 students with a removal, a reconnection and a CSV export", async () => {
    let host = new Bot(t.server.url);
    await host.ready();
    host.send({ type: "class.create" });
    const lobby = await room(host, (v) => v.you.role === "host");
    const code = lobby.code!;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const hostSecret = lobby.you.token;

    const students: Bot[] = [];
    const seats: { playerId: string; token: string }[] = [];
    for (let i = 1; i <= 30; i++) {
      const b = new Bot(t.server.url, undefined, phone(i));
      await b.ready();
      const v = await b.ask({ type: "room.join", code, nickname: `Student ${i}`, device: device(i) }, "room");
      if (v.type !== "room") throw new Error(v.message);
      students.push(b);
      seats.push({ playerId: v.view.you.playerId!, token: v.view.you.token });
    }
    expect((await room(host, (v) => v.roster.length === 30)).roster).toHaveLength(30);

    // A duplicate name and a rude one are refused; a student cannot drive the session.
    const extra = new Bot(t.server.url);
    await extra.ready();
    expect(await extra.ask({ type: "room.join", code, nickname: "student 3" }, "room")).toMatchObject({ code: "nickname_taken" });
    expect(await extra.ask({ type: "room.join", code, nickname: "fuck" }, "room")).toMatchObject({ code: "nickname_refused" });
    for (const cmd of ["host.start", "host.reveal", "host.end", "host.export"]) {
      expect(await students[0]!.ask({ type: cmd }, "error")).toMatchObject({ type: "error", code: "not_host" });
    }
    expect(await students[0]!.ask({ type: "host.kick", playerId: seats[1]!.playerId }, "error")).toMatchObject({ code: "not_host" });
    expect(await extra.ask({ type: "host.claim", code, hostSecret: "x".repeat(24) }, "error")).toMatchObject({ code: "not_host" });

    // The teacher removes student 30, who stays out after a "refresh".
    host.send({ type: "host.kick", playerId: seats[29]!.playerId });
    await students[29]!.next("kicked");
    const refreshed = new Bot(t.server.url, undefined, phone(30));
    await refreshed.ready();
    expect(await refreshed.ask({ type: "room.resume", code, token: seats[29]!.token }, "room")).toMatchObject({ code: "kicked" });
    expect(await refreshed.ask({ type: "room.join", code, nickname: "Student 30 again", device: device(30) }, "room")).toMatchObject({ code: "kicked" });
    const present = students.slice(0, 29);
    const late = new Bot(t.server.url, undefined, phone(99));
    await late.ready();

    const results = new Map<string, ServerMsgOf<"result">[]>();
    for (const [roundNo, budget] of [[1, 4], [2, 3]] as const) {
      host.send({ type: "host.setup", rules: rules(budget), ghosts: [] });
      await room(host, (v) => v.phase === "lobby" || v.phase === "revealed");
      host.send({ type: "host.start" });
      const running = await room(host, (v) => v.phase === "running" && v.round?.no === roundNo);
      expect(running.roster.filter((r) => r.status === "walking")).toHaveLength(roundNo === 1 ? 29 : 30);
      const map = await host.next("map");
      expect(map.round).toBe(roundNo);
      if (roundNo === 1) {
        // A late joiner watches this round and walks from the next one.
        const joined = await late.ask({ type: "room.join", code, nickname: "Late Lou", device: device(99) }, "room");
        if (joined.type !== "room") throw new Error(joined.message);
        expect(joined.view.walk).toBeNull();
        expect(await late.ask({ type: "step", seq: 1, dir: "downhill", lr: 0.1 }, "felt")).toMatchObject({ type: "error" });
      } else {
        const v = await room(late, (x) => x.phase === "running" && x.round?.no === 2);
        expect(v.walk?.status).toBe("walking");
      }

      await Promise.all(present.map(async (b, i) => {
        const v = await room(b, (x) => x.phase === "running" && x.round?.no === roundNo);
        const lr = v.round!.landscape.lr.suggested;
        for (let seq = 1; seq <= budget; seq++) {
          if (roundNo === 1 && i === 4 && seq === 2) {
            // Student 5 drops and comes back on a new socket with the reconnection token.
            b.close();
            const back = new Bot(t.server.url, undefined, phone(5));
            await back.ready();
            const again = await back.ask({ type: "room.resume", code, token: seats[4]!.token }, "room");
            if (again.type !== "room") throw new Error(again.message);
            expect(again.view.you.playerId).toBe(seats[4]!.playerId);
            expect(again.view.walk!.path).toHaveLength(2);
            present[4] = back;
            b = back;
          }
          const f = await b.ask({ type: "step", seq, dir: "downhill", lr }, "felt");
          expect(f.type).toBe("felt");
        }
      }));
      // The projector saw live paths.
      expect(await host.next("live")).toBeTruthy();
      host.send({ type: "host.reveal" });
      const reveal = await host.next("reveal");
      expect(reveal.paths).toHaveLength(roundNo === 1 ? 29 : 30);
      expect(reveal.debrief.length).toBeGreaterThan(0);
      await Promise.all(present.map(async (b, i) => {
        const r = await b.next("result", 60_000, (m) => m.round === roundNo);
        const list = results.get(seats[i]!.playerId) ?? [];
        list.push(r);
        results.set(seats[i]!.playerId, list);
      }));
    }

    // The host's commands succeeded silently: no error (but the students' refused commands above) ever reached the teacher.
    expect(host.inbox.filter((m) => m.type === "error").map((m) => m.type === "error" && `${m.ref}: ${m.message}`)).toEqual([]);
    // The teacher's browser refreshes: the host secret, not the socket, gives the room back.
    host.close();
    host = new Bot(t.server.url);
    await host.ready();
    const reclaimed = await host.ask({ type: "host.claim", code, hostSecret }, "room");
    if (reclaimed.type !== "room") throw new Error(reclaimed.message);
    expect(reclaimed.view.you.role).toBe("host");
    expect(reclaimed.view.roundsPlayed).toBe(2);

    host.send({ type: "host.export" });
    const exported = await host.next("exported");
    const lines = exported.csv.trim().split("\r\n");
    expect(lines[0]).toBe("round,landscape,nickname,player_id,score,total_after_round,final_loss,steps,outcome");
    expect(lines).toHaveLength(1 + 29 * 2 + 1); // and the late joiner's second round
    for (const line of lines.slice(1)) {
      const [round, landscape, nickname, playerId, score, total, finalLoss, steps, outcome] = line.split(",");
      if (nickname === "Late Lou") {
        expect([round, score, steps, outcome]).toEqual(["2", "0", "0", "idle"]);
        continue;
      }
      const mine = results.get(playerId!)!;
      const r = mine[Number(round) - 1]!;
      expect(landscape).toBe("bowl");
      expect(nickname).toMatch(/^Student \d+$/);
      expect(Number(score)).toBe(r.score);
      expect(Number(total)).toBe(mine.slice(0, Number(round)).reduce((s, x) => s + x.score, 0));
      expect(Number(finalLoss)).toBe(r.finalLoss);
      expect(Number(steps)).toBe(round === "1" ? 4 : 3);
      expect(outcome).toBe(r.outcome);
    }

    host.send({ type: "host.end" });
    const ended = await room(host, (v) => v.phase === "ended");
    const podium = [...ended.roster].sort((a, b) => b.total - a.total);
    expect(podium[0]!.total).toBeGreaterThanOrEqual(podium[28]!.total);
    for (const b of [host, extra, refreshed, late, ...present]) b.close();
  });

  it("holds 60 students in one room, every one stepping in the same round", async () => {
    const host = new Bot(t.server.url);
    await host.ready();
    host.send({ type: "class.create" });
    const code = (await room(host, (v) => v.you.role === "host")).code!;
    const students = await Promise.all(Array.from({ length: 60 }, async (_, i) => {
      const b = new Bot(t.server.url);
      await b.ready();
      const r = await b.ask({ type: "room.join", code, nickname: `Pupil ${i + 1}`, device: device(100 + i) }, "room");
      if (r.type !== "room") throw new Error(r.message);
      return b;
    }));
    host.send({ type: "host.setup", rules: rules(3), ghosts: [] });
    host.send({ type: "host.start" });
    const running = await room(host, (v) => v.phase === "running");
    expect(running.roster.filter((r) => r.status === "walking")).toHaveLength(60);
    const felt = await Promise.all(students.map(async (b) => {
      const v = await room(b, (x) => x.phase === "running");
      return b.ask({ type: "step", seq: 1, dir: "downhill", lr: v.round!.landscape.lr.suggested }, "felt");
    }));
    expect(felt.every((f) => f.type === "felt")).toBe(true);
    for (const b of [host, ...students]) b.close();
  });

  it("tells a class joining at once about each other in a few coalesced rounds, not one per student", async () => {
    const host = new Bot(t.server.url);
    await host.ready();
    host.send({ type: "class.create" });
    const code = (await room(host, (v) => v.you.role === "host")).code!;
    const first = new Bot(t.server.url);
    await first.ready();
    expect((await first.ask({ type: "room.join", code, nickname: "Early", device: "wave-device-early-0001" }, "room")).type).toBe("room");
    const rest = Array.from({ length: 20 }, () => new Bot(t.server.url));
    await Promise.all(rest.map((b) => b.ready()));
    const joined = await Promise.all(rest.map((b, i) => b.ask({ type: "room.join", code, nickname: `Wave ${i + 1}`, device: `wave-device-${String(i).padStart(6, "0")}` }, "room")));
    expect(joined.every((m) => m.type === "room" && m.view.you.nickname !== null)).toBe(true); // each joiner hears at once
    // Everyone ends up seeing the whole class...
    expect((await room(first, (v) => v.roster.length === 21)).roster).toHaveLength(21);
    expect((await room(host, (v) => v.roster.length === 21)).roster).toHaveLength(21);
    // ...through far fewer room views than the 20 that one broadcast per join would send.
    const views = first.inbox.filter((m) => m.type === "room").length;
    expect(views).toBeLessThan(10);
    for (const b of [host, first, ...rest]) b.close();
  });
});

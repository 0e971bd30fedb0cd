// Homework over the real server: the teacher sets a class round as homework with a deadline;
// students open its link on their own time and walk it (each a room of their own, the same start
// and map); every walk that ends is handed in once, and reaches the teacher's page as it comes in:
// the count, then the map with every walk, the class's debrief, and the CSV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { RoomView } from "../../lib/protocol/server";

const room = async (b: Bot, where: (v: RoomView) => boolean) => (await b.next("room", 60_000, (m) => where(m.view))).view;

describe("homework", () => {
  let t: TestServer;
  beforeAll(async () => { t = await bootServer(undefined, { trustProxy: true }); }, 120_000);
  afterAll(async () => { await t?.stop(); });

  it("a link students walk on their own time, each walk handed in once and shown to the teacher", async () => {
    const host = new Bot(t.server.url, undefined, { address: "10.70.0.1" });
    await host.ready();
    host.send({ type: "class.create" });
    const lobby = await room(host, (v) => v.you.role === "host");
    const rules = { landscapeId: "bowl", budget: 6, batch: 0, timeLimitSec: 120, showOthers: true, seed: 42 };
    // A deadline in the past is refused, with a sentence.
    expect(await host.ask({ type: "host.assign", rules, deadline: Date.now() - 1000 }, "homeworks")).toMatchObject({ type: "error", code: "bad_rules" });
    const deadline = Date.now() + 3_600_000;
    const set = await host.ask({ type: "host.assign", rules, deadline }, "homeworks");
    if (set.type !== "homeworks") throw new Error(set.message);
    expect(set.items).toHaveLength(1);
    const hw = set.items[0]!;
    expect(hw).toMatchObject({ landscapeId: "bowl", budget: 6, walks: 0, deadline });

    // The link's page reads the homework's public facts: no map, no start.
    const info = await (await fetch(`${t.server.url}/api/homework/${hw.id}`)).json() as Record<string, unknown>;
    expect(info).toMatchObject({ id: hw.id, classCode: lobby.code, budget: 6, closed: false });
    expect(JSON.stringify(info)).not.toMatch(/seed|start|minimum/);
    expect((await fetch(`${t.server.url}/api/homework/nosuchhomework`)).status).toBe(404);

    // Two students walk it, at different times, from their own addresses.
    const starts: [number, number][] = [];
    for (const [i, name] of ["Ada", "Bea"].entries()) {
      const s = new Bot(t.server.url, undefined, { address: `10.70.1.${i + 1}` });
      await s.ready();
      s.send({ type: "homework.start", id: hw.id, nickname: name, device: `homework-device-${i}-00000` });
      const v = await room(s, (x) => x.phase === "running");
      expect(v.round!.rules.timeLimitSec).toBe(0); // no clock for homework
      starts.push([v.walk!.path[0]!.x, v.walk!.path[0]!.y]);
      for (let seq = 1; seq <= 2 + i; seq++) expect(await s.ask({ type: "step", seq, dir: "downhill", lr: v.round!.landscape.lr.suggested }, "felt")).toMatchObject({ seq });
      s.send({ type: "finish" });
      await s.next("reveal");
      const result = await s.next("result");
      expect(result.ranked).toBe(false);
      // The teacher's page hears of it at once.
      const heard = await host.next("homeworks", 30_000, (m) => m.items[0]!.walks === i + 1);
      expect(heard.items[0]!.walks).toBe(i + 1);
      // Once is enough: a second walk of the same person is refused, with their score.
      expect(await s.ask({ type: "homework.start", id: hw.id, nickname: name, device: `homework-device-${i}-00000` }, "room")).toMatchObject({ type: "error", code: "round_over", message: expect.stringContaining(`scored ${result.score}`) });
      s.close();
    }
    expect(starts[0]).toEqual(starts[1]); // the same start for everyone

    // The teacher's results: the map with both walks, and the class's debrief naming them.
    const res = await host.ask({ type: "host.homework", id: hw.id }, "homeworkResults");
    if (res.type !== "homeworkResults") throw new Error(res.message);
    expect(res.paths.map((p) => p.nickname).sort()).toEqual(["Ada", "Bea"]);
    expect(res.paths.map((p) => p.footprints.length).sort()).toEqual([3, 4]);
    expect(res.debrief.length).toBeGreaterThan(0);
    expect(res.grid.size).toBeGreaterThan(10);
    // And the CSV has a line for each walk handed in.
    const csv = await host.ask({ type: "host.export" }, "exported");
    if (csv.type !== "exported") throw new Error(csv.message);
    expect(csv.csv.split("\r\n").filter((l) => l.startsWith("homework 1,bowl,"))).toHaveLength(2);

    // Nobody but the class's host reads the results.
    const nosy = new Bot(t.server.url, undefined, { address: "10.70.2.1" });
    await nosy.ready();
    expect(await nosy.ask({ type: "host.homework", id: hw.id }, "homeworkResults")).toMatchObject({ type: "error", code: "not_host" });
    for (const b of [host, nosy]) b.close();
  }, 180_000);
});

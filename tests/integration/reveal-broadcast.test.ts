// A class's reveal (the map, every path and the debrief: the largest message the server sends) is
// JSON-encoded once for the whole class, not once per student: socket.io encodes a packet once per
// emit, and the room emits it to every seat's channel and the projector's at once. Every student
// and the projector still receive it, and it parses with the protocol's schema (the Bot checks
// every message it receives against ServerMessage).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, bootServer, type TestServer } from "./support/harness";
import type { RoomView } from "../../lib/protocol/server";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

async function room(bot: Bot, where: (v: RoomView) => boolean): Promise<RoomView> {
  return (await bot.next("room", 60_000, (m) => where(m.view))).view;
}

describe("a class's reveal", () => {
  it("is encoded once for twelve students and the projector, and each of them reads it", async () => {
    // Count the packets socket.io encodes, by the type of the message they carry.
    const encoder = t.server.io.encoder;
    const encode = encoder.encode.bind(encoder);
    const encoded: string[] = [];
    encoder.encode = (packet) => {
      const msg = (packet.data as unknown[] | undefined)?.[1] as { type?: string } | undefined;
      if (msg?.type) encoded.push(msg.type);
      return encode(packet);
    };
    try {
      const host = new Bot(t.server.url);
      await host.ready();
      host.send({ type: "class.create" });
      const code = (await room(host, (v) => v.you.role === "host")).code!;
      const students = await Promise.all(Array.from({ length: 12 }, async (_, i) => {
        const b = new Bot(t.server.url);
        await b.ready();
        const r = await b.ask({ type: "room.join", code, nickname: `Reader ${i + 1}`, device: `reveal-device-${String(i).padStart(6, "0")}` }, "room");
        if (r.type !== "room") throw new Error(r.message);
        return b;
      }));
      host.send({ type: "host.setup", rules: { landscapeId: "bowl", budget: 3, batch: 0, timeLimitSec: 0, seed: 11, showOthers: false }, ghosts: [] });
      host.send({ type: "host.start" });
      await room(host, (v) => v.phase === "running");
      await Promise.all(students.map(async (b) => {
        const v = await room(b, (x) => x.phase === "running");
        const f = await b.ask({ type: "step", seq: 1, dir: "downhill", lr: v.round!.landscape.lr.suggested }, "felt");
        expect(f.type).toBe("felt");
      }));
      host.send({ type: "host.reveal" });
      const seen = await Promise.all([host, ...students].map((b) => b.next("reveal")));
      expect(seen.every((r) => r.round === 1 && r.paths.length === 12)).toBe(true);
      expect(JSON.stringify(seen[0]).length).toBeGreaterThan(10_000); // the map travels in it
      expect(encoded.filter((type) => type === "reveal")).toHaveLength(1);
      // The personal results are each student's own: one packet each.
      await Promise.all(students.map((b) => b.next("result")));
      expect(encoded.filter((type) => type === "result")).toHaveLength(12);
      for (const b of [host, ...students]) b.close();
    } finally {
      encoder.encode = encode;
    }
  });
});

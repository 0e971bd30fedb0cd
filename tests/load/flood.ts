// The flood beside a load run (`--flood N`): N sockets from one address of their own, each asking
// over and over for the most expensive work a client can ask for: a race on the deepest landscape
// with all three optimizer ghosts, started at once, and a 500-step solo round ended before its
// first step. The server should admit only what its per-person limits allow, and the honest
// players' steps should not feel it. It counts what was asked, admitted and refused.
import type { ClientMessage } from "../../lib/protocol/client";
import type { ServerMessage } from "../../lib/protocol/server";
import { connect, type Client } from "./bots";

/** The flooder's address (outside the classrooms' 127.0.0.0/16). */
export const FLOOD_ADDRESS = "127.255.255.1";
/** The landscape whose ghosts cost the most per step. */
const COSTLY = "chaos";

/** What the flood did. */
export interface FloodTally {
  sockets: number;
  asked: number;
  admitted: number;
  refused: number;
}

/** Answers to one request: the first room view, or an error. */
function answer(c: Client, msg: ClientMessage, ms = 5000): Promise<"admitted" | "refused" | "none"> {
  return new Promise((resolve) => {
    const t = setTimeout(() => { off(); resolve("none"); }, ms);
    const off = c.on((m: ServerMessage) => {
      if (m.type === "room") { clearTimeout(t); off(); resolve("admitted"); }
      else if (m.type === "error") { clearTimeout(t); off(); resolve("refused"); }
    });
    c.send(msg);
  });
}

/** Floods from `sockets` sockets until endAt (epoch ms). */
export async function flood(url: string, sockets: number, endAt: number): Promise<FloodTally> {
  const tally: FloodTally = { sockets, asked: 0, admitted: 0, refused: 0 };
  const clients = await Promise.all(Array.from({ length: sockets }, () => connect(url, FLOOD_ADDRESS)));
  const count = (r: "admitted" | "refused" | "none") => { if (r !== "none") tally[r]++; };
  await Promise.all(clients.map(async (c, i) => {
    for (let k = 0; Date.now() < endAt; k++) {
      const device = `flood-${i}-${k}`.padEnd(16, "x"); // a new browser id every time: it buys nothing
      tally.asked++;
      const race = await answer(c, { type: "race.create", nickname: `Flood ${i}`, device, ghosts: ["gd", "momentum", "adam"], play: { mode: "custom", rules: { landscapeId: COSTLY, budget: 500, batch: 0, timeLimitSec: 0, showOthers: false } } });
      count(race);
      if (race === "admitted") c.send({ type: "host.start" });
      tally.asked++;
      const solo = await answer(c, { type: "solo.start", nickname: `Flood ${i}`, device, play: { mode: "custom", rules: { landscapeId: COSTLY, budget: 500, batch: 0, timeLimitSec: 0, showOthers: false } } });
      count(solo);
      if (solo === "admitted") c.send({ type: "finish" });
    }
  }));
  for (const c of clients) c.close();
  return tally;
}

// `npm run loadtest -- --url URL --rooms R --players P --rate S --seconds T [--landscape ID] [--json]`
// Drives real socket.io bots against a running server: R classrooms, each a host and P students,
// every student stepping S times a second for T seconds (one step in flight at a time, as the
// game allows). Prints the step round-trip percentiles, errors and lost steps.
import { io, type Socket } from "socket.io-client";
import type { ClientMessage } from "../../lib/protocol/client";
import type { RoomView, ServerMessage } from "../../lib/protocol/server";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";
import { parseLoadArgs, type LoadOptions } from "./args";
import { summary } from "./stats";

const parsed = parseLoadArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.error);
  process.exit(2);
}
const opts = parsed.options;
const say = (line: string) => { if (!opts.json) console.error(line); };
const LOST_AFTER_MS = 5000;

/** One socket that waits for messages by predicate. */
class Client {
  readonly socket: Socket;
  private listeners = new Set<(m: ServerMessage) => void>();
  constructor(url: string) {
    this.socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"], reconnection: false, forceNew: true });
    this.socket.on(MESSAGE_EVENT, (m: ServerMessage) => { for (const l of [...this.listeners]) l(m); });
  }
  send(m: ClientMessage): void { this.socket.emit(MESSAGE_EVENT, m); }
  on(l: (m: ServerMessage) => void): () => void { this.listeners.add(l); return () => this.listeners.delete(l); }
  wait<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, ms: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { off(); reject(new Error(`timed out after ${ms} ms waiting for ${what}`)); }, ms);
      const off = this.on((m) => {
        if (m.type === "error" && what !== "an error") { clearTimeout(t); off(); reject(new Error(m.message)); return; }
        if (pred(m)) { clearTimeout(t); off(); resolve(m); }
      });
    });
  }
  close(): void { this.socket.disconnect(); }
}

const isRoom = (m: ServerMessage): m is Extract<ServerMessage, { type: "room" }> => m.type === "room";
const isWelcome = (m: ServerMessage): m is Extract<ServerMessage, { type: "welcome" }> => m.type === "welcome";

interface Totals { rtts: number[]; sent: number; answered: number; errors: number; ended: number }

async function connect(url: string): Promise<Client> {
  const c = new Client(url);
  await c.wait(isWelcome, 15_000, "the server's welcome");
  return c;
}

/** Sets up one classroom: host, students, a running round. Resolves with the students' round views. */
async function setupRoom(o: LoadOptions, r: number): Promise<{ host: Client; students: Client[]; views: RoomView[] }> {
  const host = await connect(o.url);
  host.send({ type: "class.create" });
  const created = await host.wait(isRoom, 15_000, "the new class");
  const code = created.view.code!;
  const students: Client[] = [];
  for (let p = 0; p < o.players; p++) {
    const s = await connect(o.url);
    s.send({ type: "room.join", code, nickname: `Bot ${r + 1}-${p + 1}` });
    await s.wait(isRoom, 15_000, "joining");
    students.push(s);
  }
  const budget = Math.min(500, Math.ceil(o.rate * o.seconds) + 5);
  host.send({ type: "host.setup", rules: { landscapeId: o.landscape, budget, batch: 0, timeLimitSec: 0, showOthers: false, seed: 1000 + r }, ghosts: [] });
  const running = students.map((s) => s.wait((m): m is Extract<ServerMessage, { type: "room" }> => isRoom(m) && m.view.phase === "running", 600_000, "the round to start"));
  host.send({ type: "host.start" });
  const views = (await Promise.all(running)).map((m) => m.view);
  return { host, students, views };
}

/** One student stepping at the rate: one step in flight at a time, the next on the next tick. */
function drive(s: Client, view: RoomView, o: LoadOptions, until: number, totals: Totals): Promise<void> {
  const lr = view.round!.landscape.lr.suggested / 4; // small, safe steps: the walk never leaves the map
  let seq = view.walk!.path.length;
  let inFlight: { seq: number; at: number } | null = null;
  let walking = true;
  s.on((m) => {
    if (m.type === "felt" && inFlight && m.seq === inFlight.seq) {
      totals.rtts.push(performance.now() - inFlight.at);
      totals.answered++;
      inFlight = null;
      seq++;
      if (m.status !== "walking") { walking = false; totals.ended++; }
    } else if (m.type === "error" && m.ref === "step") {
      totals.errors++;
      if (inFlight) { totals.answered++; inFlight = null; }
    }
  });
  const period = 1000 / o.rate;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= until || !walking) {
        const wait = inFlight ? Math.max(0, inFlight.at + LOST_AFTER_MS - now) : 0;
        setTimeout(resolve, wait);
        return;
      }
      if (!inFlight) {
        inFlight = { seq, at: now };
        totals.sent++;
        s.send({ type: "step", seq, dir: "downhill", lr });
      }
      setTimeout(tick, period);
    };
    setTimeout(tick, Math.random() * period); // students out of phase, as in a real class
  });
}

const t0 = performance.now();
say(`Setting up ${opts.rooms} room${opts.rooms === 1 ? "" : "s"} × ${opts.players} players on ${opts.url} (${opts.landscape})…`);
let rooms: Awaited<ReturnType<typeof setupRoom>>[];
try {
  // The first room builds the landscape (if the server has not yet); the others follow at once.
  rooms = [await setupRoom(opts, 0)];
  rooms.push(...(await Promise.all(Array.from({ length: opts.rooms - 1 }, (_, r) => setupRoom(opts, r + 1)))));
} catch (e) {
  console.error(`Could not set up the rooms: ${(e as Error).message}`);
  process.exit(1);
}
say(`Ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; stepping at ${opts.rate}/s per player for ${opts.seconds} s…`);

const totals: Totals = { rtts: [], sent: 0, answered: 0, errors: 0, ended: 0 };
const until = performance.now() + opts.seconds * 1000;
await Promise.all(rooms.flatMap((room) => room.students.map((s, i) => drive(s, room.views[i]!, opts, until, totals))));
for (const room of rooms) { room.host.close(); for (const s of room.students) s.close(); }

const players = opts.rooms * opts.players;
const lost = totals.sent - totals.answered;
const { p50, p95, p99 } = summary(totals.rtts);
const result = { players, p50, p95, p99, errors: totals.errors, lost, rooms: opts.rooms, rate: opts.rate, seconds: opts.seconds, steps: totals.rtts.length, stepsPerSecond: Math.round(totals.rtts.length / opts.seconds) };
if (opts.json) console.log(JSON.stringify(result));
else {
  console.log(`players  rooms  rate/s  steps   steps/s  p50 ms  p95 ms  p99 ms  errors  lost`);
  console.log([players, opts.rooms, opts.rate, result.steps, result.stepsPerSecond, p50, p95, p99, totals.errors, lost].map((v, i) => String(v).padStart([7, 6, 7, 7, 8, 7, 7, 7, 7, 5][i]!)).join("  "));
  if (totals.ended) console.log(`(${totals.ended} walks ended before the time was up: their budget or the map's edge)`);
}
process.exit(0);

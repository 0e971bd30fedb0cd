// The load tool's bots: classrooms of socket.io clients speaking the game's protocol, as a
// teacher's projector and students' phones do. A host creates the class, students join, the host
// sets up and starts the round; then each student steps at the rate, one step in flight at a
// time, and the round trip of every step (send → the felt with its seq) is timed. When the walks
// have spent their budget the host reveals and starts the next round, and the students walk on.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientMessage } from "../../lib/protocol/client";
import type { RoomView, ServerMessage } from "../../lib/protocol/server";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";
import { MIN_BUDGET } from "../../lib/protocol/common";
import { walkBudget, type LoadOptions } from "./args";
import { emptyTally, type Tally } from "./stats";

/** A step with no reply after this long is lost. */
const LOST_AFTER_MS = 5000;
/** Setup steps (connect, join, a round start that may build the landscape) time out after this. */
const SETUP_MS = 60_000;
const FIRST_ROUND_MS = 600_000;
/** How often the event-loop delay monitor samples, ms. */
const LOOP_RESOLUTION_MS = 5;

type RoomMsg = Extract<ServerMessage, { type: "room" }>;

/**
 * The network address classroom r plays from: a class sits behind one school address, so each
 * room gets its own. The server sees it only if it trusts X-Forwarded-For (TRUST_PROXY=1, as behind
 * the cluster's HAProxy); otherwise every bot is one address, and its per-address limits apply.
 */
export function roomAddress(r: number): string {
  return `10.${(r >> 16) & 255}.${(r >> 8) & 255}.${(r & 255) + 1}`;
}

/** One socket; listeners see every message. */
export class Client {
  readonly socket: Socket;
  private readonly listeners = new Set<(m: ServerMessage) => void>();
  dropped = false;

  constructor(url: string, address?: string) {
    const extraHeaders = address ? { "x-forwarded-for": address } : undefined;
    this.socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders });
    this.socket.on(MESSAGE_EVENT, (m: ServerMessage) => { for (const l of this.listeners) l(m); });
  }

  send(m: ClientMessage): void { this.socket.emit(MESSAGE_EVENT, m); }

  on(l: (m: ServerMessage) => void): () => void {
    this.listeners.add(l);
    return () => { this.listeners.delete(l); };
  }

  /** The first message matching pred; an error message, a refused connection or the timeout rejects. */
  wait<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, ms: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => { clearTimeout(t); off(); this.socket.off("connect_error", refused); this.socket.off("disconnect", gone); fn(); };
      const t = setTimeout(() => done(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`))), ms);
      const refused = (e: Error) => done(() => reject(new Error(`cannot connect to ${this.socket.io.opts.hostname ?? "the server"}: ${e.message}`)));
      const gone = (reason: string) => done(() => reject(new Error(`the server closed the connection (${reason}) while waiting for ${what}`)));
      const off = this.on((m) => {
        if (pred(m)) done(() => resolve(m));
        else if (m.type === "error") done(() => reject(new Error(`${m.code}: ${m.message} (waiting for ${what})`)));
      });
      this.socket.on("connect_error", refused);
      this.socket.on("disconnect", gone);
    });
  }

  close(): void { this.socket.disconnect(); }
}

const isWelcome = (m: ServerMessage): m is Extract<ServerMessage, { type: "welcome" }> => m.type === "welcome";
const roomWhere = (where: (v: RoomView) => boolean) => (m: ServerMessage): m is RoomMsg => m.type === "room" && where(m.view);

export async function connect(url: string, address?: string): Promise<Client> {
  const c = new Client(url, address);
  await c.wait(isWelcome, SETUP_MS, "the server's welcome");
  return c;
}

/** One student: steps on its own clock, one in flight at a time. */
class Student {
  private round = 0;
  private seq = 1;
  private walking = false;
  private lr = 0;
  private inFlight: { seq: number; at: number; lost: boolean } | null = null;
  /** True while steps count (the measured window); replies to earlier sends still land. */
  stepping = false;

  constructor(readonly client: Client, private readonly tally: Tally) {
    client.on((m) => this.hear(m));
    client.socket.on("disconnect", () => {
      if (!client.dropped) { client.dropped = true; if (this.stepping) tally.disconnects++; }
    });
  }

  private hear(m: ServerMessage): void {
    if (m.type === "room") {
      const v = m.view;
      if (v.phase === "running" && v.round && v.round.no > this.round && v.walk?.status === "walking") {
        this.round = v.round.no;
        this.seq = v.walk.path.length;
        this.walking = v.walk.stepsLeft > 0;
        // A small steady step: downhill at a quarter of the suggested rate never leaves the map.
        this.lr = v.round.landscape.lr.suggested / 4;
      }
    } else if (m.type === "felt") {
      const f = this.inFlight;
      if (!f || m.seq !== f.seq) return;
      this.inFlight = null;
      if (f.lost) this.tally.late++;
      else this.tally.rtts.push(performance.now() - f.at);
      this.seq = m.seq + 1;
      if (m.status !== "walking" || m.stepsLeft === 0) this.walking = false;
    } else if (m.type === "error") {
      const f = this.inFlight;
      // Step errors name their message; the gateway's (rate, size) have no ref.
      if (!f || (m.ref !== "step" && m.ref !== null)) return;
      this.inFlight = null;
      if (f.lost) this.tally.late++;
      else {
        this.tally.errors++;
        this.tally.errorCodes[m.code] = (this.tally.errorCodes[m.code] ?? 0) + 1;
      }
      // out_of_order means the bot lost count of its steps (a bug): it stays a counted error.
      if (m.code === "budget_spent" || m.code === "round_over" || m.code === "wrong_phase") this.walking = false;
    }
  }

  /** One tick of the player's clock: a step if the last one landed and the walk goes on. */
  tick(): void {
    if (!this.walking || this.client.dropped) { this.tally.idle++; return; }
    if (this.inFlight) { this.tally.skipped++; return; }
    this.inFlight = { seq: this.seq, at: performance.now(), lost: false };
    this.tally.sent++;
    this.client.send({ type: "step", seq: this.seq, dir: "downhill", lr: this.lr });
  }

  /** Marks the step in flight lost once it has waited too long; true while one is still in flight unmarked. */
  checkLost(now: number): boolean {
    const f = this.inFlight;
    if (!f || f.lost) return false;
    if (now - f.at >= LOST_AFTER_MS) {
      f.lost = true;
      this.tally.lost++;
      return false;
    }
    return true;
  }
}

/** One classroom: the teacher's socket and the students'. */
class Classroom {
  private round = 1;
  private revealing = false;
  private starting = false;
  /** While true the host runs round after round; at the end of the window it stops. */
  cycling = false;

  constructor(readonly host: Client, readonly students: Student[], private readonly tally: Tally) {
    host.on((m) => this.hear(m));
  }

  private hear(m: ServerMessage): void {
    if (m.type === "error") { if (this.cycling) this.tally.hostErrors++; return; }
    if (m.type !== "room" || m.view.you.role !== "host") return;
    const v = m.view;
    if (v.round && v.round.no > this.round && (v.phase === "countdown" || v.phase === "running")) {
      this.round = v.round.no;
      this.revealing = false;
      this.starting = false;
      if (this.cycling) this.tally.rounds++;
    }
    if (!this.cycling) return;
    // Every walk has ended (budget spent): reveal, then start the next round.
    if (v.phase === "running" && v.round?.no === this.round && !this.revealing && v.roster.every((r) => r.ghost !== null || r.status !== "walking")) {
      this.revealing = true;
      this.host.send({ type: "host.reveal" });
    } else if (v.phase === "revealed" && !this.starting) {
      this.starting = true;
      this.host.send({ type: "host.start" });
    }
  }

  close(): void {
    this.host.close();
    for (const s of this.students) s.client.close();
  }
}

/** Sets up classroom r: host, students, the first round running and the projector's map sent. */
async function setupRoom(o: LoadOptions, r: number, tally: Tally): Promise<Classroom> {
  const clients: Client[] = [];
  const open = async () => { const c = await connect(o.url, roomAddress(r)); clients.push(c); return c; };
  try {
    const host = await open();
    host.send({ type: "class.create" });
    const created = await host.wait(roomWhere((v) => v.you.role === "host" && v.code !== null), SETUP_MS, "the new class");
    const code = created.view.code!;
    const students: Student[] = [];
    for (let p = 0; p < o.players; p++) {
      const c = await open();
      const joined = c.wait(roomWhere((v) => v.you.role === "player"), SETUP_MS, `student ${p + 1} of room ${r + 1} to join`);
      c.send({ type: "room.join", code, nickname: `Bot ${r + 1}-${p + 1}`, device: `load-bot-${r}-${p}`.padEnd(16, "x") });
      await joined;
      students.push(new Student(c, tally));
    }
    const room = new Classroom(host, students, tally);
    const rules = { landscapeId: o.landscape, budget: walkBudget(o), batch: 0, timeLimitSec: 0, showOthers: false, seed: 1000 + r };
    const setUp = host.wait(roomWhere((v) => v.phase === "lobby" && v.roster.length === o.players), SETUP_MS, "the rules to be set");
    host.send({ type: "host.setup", rules, ghosts: [] });
    await setUp;
    // The first round on a landscape builds it (training): the wait may be long, and it is not measured.
    const running = students.map((s) => s.client.wait(roomWhere((v) => v.phase === "running" && v.round?.no === 1), FIRST_ROUND_MS, "the first round to start"));
    const map = host.wait((m): m is Extract<ServerMessage, { type: "map" }> => m.type === "map" && m.round === 1, FIRST_ROUND_MS, "the projector's map");
    host.send({ type: "host.start" });
    await Promise.all([...running, map]);
    return room;
  } catch (e) {
    for (const c of clients) c.close();
    throw e;
  }
}

/**
 * Builds the landscape before anything is measured: a one-student classroom set up as the
 * measured ones are (the first round on a landscape trains it, which can take seconds, and the
 * projector's map is computed), then ended. Returns how long it took, ms.
 */
export async function warmUp(o: LoadOptions): Promise<number> {
  const t0 = performance.now();
  // Numbered after the measured rooms; its tally is thrown away (it never steps).
  const room = await setupRoom({ ...o, players: 1, budget: MIN_BUDGET }, o.rooms, emptyTally());
  try {
    const ended = room.host.wait(roomWhere((v) => v.phase === "ended"), SETUP_MS, "the warm-up class to end");
    room.host.send({ type: "host.end" });
    await ended;
  } finally {
    room.close();
  }
  return performance.now() - t0;
}

/** The bots of one process (the main thread, or one worker): some of the rooms. */
export class Fleet {
  readonly tally = emptyTally();
  private rooms: Classroom[] = [];

  constructor(private readonly o: LoadOptions, private readonly roomNumbers: number[]) {}

  /** Sets up every room at once (after warmUp, the landscape is built). */
  async setup(): Promise<void> {
    try {
      this.rooms = await Promise.all(this.roomNumbers.map((r) => setupRoom(this.o, r, this.tally)));
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /**
   * Steps from startAt (epoch ms) for the run's seconds: each student on its own clock at the
   * rate, with a random phase so a class does not fire at once. Then waits for the last replies
   * (at most LOST_AFTER_MS) and returns the tally.
   */
  async run(startAt: number): Promise<Tally> {
    const period = 1000 / this.o.rate;
    const endAt = startAt + this.o.seconds * 1000;
    const students = this.rooms.flatMap((room) => room.students);
    await sleep(startAt - Date.now());
    const cpu0 = process.cpuUsage();
    // This thread's event-loop delay: a stall here delays every reply it reads.
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    for (const room of this.rooms) room.cycling = true;
    for (const s of students) s.stepping = true;
    const lossWatch = setInterval(() => { const now = performance.now(); for (const s of students) s.checkLost(now); }, 100);
    await Promise.all(students.map(async (s) => {
      for (let at = startAt + Math.random() * period; at < endAt; at += period) {
        await sleep(at - Date.now());
        s.tick();
      }
    }));
    loopDelay.disable();
    // The histogram holds whole intervals between its timer's beats (ns); a stall is the excess over one beat.
    if (loopDelay.count > 0) this.tally.stallMs = Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS);
    const cpu = process.cpuUsage(cpu0);
    this.tally.cpuMs = (cpu.user + cpu.system) / 1000;
    for (const room of this.rooms) room.cycling = false;
    // The window is over: replies to steps still in flight count until they are LOST_AFTER_MS old.
    for (;;) {
      const now = performance.now();
      if (!students.map((s) => s.checkLost(now)).some(Boolean)) break;
      await sleep(50);
    }
    clearInterval(lossWatch);
    for (const s of students) s.stepping = false;
    return this.tally;
  }

  close(): void {
    for (const room of this.rooms) room.close();
    this.rooms = [];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

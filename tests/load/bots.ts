// The load tool's bots: classrooms of socket.io clients speaking the game's protocol, as a
// teacher's projector and students' phones do. A host creates the class, students join, the host
// sets up and starts the round; then each student steps at the rate, one step in flight at a
// time, and the round trip of every step (send → the felt with its seq) is timed. When the walks
// have spent their budget the host reveals and starts the next round, and the students walk on.
//
// Across a dropped connection (a node killed, a room moved, a restart) every bot does what the
// browser does: socket.io reconnects, and the bot takes its seat (or chair) back with its token
// and resends a step it never heard back about with the same seq. It counts reconnections, the
// longest time it wanted to step and could not, and acknowledged steps missing from its walk
// when it came back (lost).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientMessage } from "../../lib/protocol/client";
import type { RoomView, ServerMessage } from "../../lib/protocol/server";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";
import { MIN_BUDGET } from "../../lib/protocol/common";
import { makeJoinCode } from "../../lib/game/phase";
import { walkBudget, type LoadOptions } from "./args";
import { emptyTally, type Tally } from "./stats";

/** A step with no reply after this long (connection up) has timed out. */
const LOST_AFTER_MS = 5000;
/** How long the bots wait for a dropped connection to come back at the end of a run, ms. */
const FAILOVER_MS = 30_000;
/** Setup steps (connect, join, a round start that may build the landscape) time out after this. */
const SETUP_MS = 60_000;
const FIRST_ROUND_MS = 600_000;
/** How often the event-loop delay monitor samples, ms. */
const LOOP_RESOLUTION_MS = 5;

type RoomMsg = Extract<ServerMessage, { type: "room" }>;

/**
 * The network address classroom r plays from: a class sits behind one school address, so each
 * room gets its own, a loopback address (127.a.b.c). Against a server on loopback the bots'
 * sockets are bound to it, so the server, or a load balancer in front of it that sets
 * X-Forwarded-For from the connection (the cluster's HAProxy), sees each class at its own address;
 * they also send it as X-Forwarded-For, which a server reads only with TRUST_PROXY=1. Otherwise
 * every bot is one address, and its per-address limits apply.
 */
export function roomAddress(r: number): string {
  return `127.${(r >> 16) & 255}.${(r >> 8) & 255}.${(r & 255) + 1}`;
}

/** Whether a URL's host is this machine's loopback (bots can bind to any 127.x address for it). */
function onLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host.startsWith("127.");
}

/** One socket, reconnecting by itself after a drop (as the game's pages do); listeners see every message. */
export class Client {
  readonly socket: Socket;
  private readonly listeners = new Set<(m: ServerMessage) => void>();
  /** True while the socket is down after having been up. */
  dropped = false;
  /** Closed on purpose: no reconnection. */
  private closed = false;
  /** What to send on every welcome after the first (the seat's or chair's token). */
  rejoin: ClientMessage | null = null;
  private welcomed = false;

  /**
   * @param room the routing key: a cluster's balancer sends every socket of a room to the node
   *   that runs it (the game's pages send their room's code the same way).
   */
  constructor(url: string, address?: string, room?: string, private readonly tally?: Tally) {
    const extraHeaders = address ? { "x-forwarded-for": address } : undefined;
    const localAddress = address && onLoopback(url) && address.startsWith("127.") ? address : undefined;
    this.socket = io(url, {
      auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"], forceNew: true, extraHeaders,
      // engine.io-client hands this to the ws library in Node (not in socket.io-client's types).
      ...(localAddress ? ({ localAddress } as object) : {}),
      query: room ? { room } : undefined,
      reconnection: true, reconnectionDelay: 250, reconnectionDelayMax: 2000, randomizationFactor: 0.5,
    });
    this.socket.on(MESSAGE_EVENT, (m: ServerMessage) => {
      if (m.type === "welcome") {
        if (this.welcomed && this.tally) this.tally.reconnects++;
        this.welcomed = true;
        this.dropped = false;
        if (this.rejoin) this.send(this.rejoin);
      }
      // Taking the seat back was refused while the room moves between nodes: ask again shortly.
      if (m.type === "error" && m.code === "room_moving" && this.rejoin && m.ref === this.rejoin.type) {
        setTimeout(() => { if (!this.closed && this.socket.connected && this.rejoin) this.send(this.rejoin); }, 500);
      }
      for (const l of this.listeners) l(m);
    });
    this.socket.on("disconnect", (reason) => {
      if (this.closed) return;
      this.dropped = true;
      // A server-side disconnect (not a dropped transport) is not retried by socket.io: retry here.
      if (reason === "io server disconnect") this.socket.connect();
    });
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

  close(): void {
    this.closed = true;
    this.socket.disconnect();
  }
}

const isWelcome = (m: ServerMessage): m is Extract<ServerMessage, { type: "welcome" }> => m.type === "welcome";
const roomWhere = (where: (v: RoomView) => boolean) => (m: ServerMessage): m is RoomMsg => m.type === "room" && where(m.view);

export async function connect(url: string, address?: string, room?: string, tally?: Tally): Promise<Client> {
  const c = new Client(url, address, room, tally);
  await c.wait(isWelcome, SETUP_MS, "the server's welcome");
  return c;
}

/** One student: steps on its own clock, one in flight at a time. */
class Student {
  private round = 0;
  private seq = 1;
  private walking = false;
  private lr = 0;
  /** The highest step of this round answered with a felt (the walk must keep it). */
  private acked = 0;
  /**
   * The step sent and not yet answered. `resent`: it was interrupted by a dropped connection and
   * sent again after the bot took its seat back (its round trip is not a normal one, so not timed).
   */
  private inFlight: { seq: number; at: number; lost: boolean; resent: boolean } | null = null;
  /** Since when the bot has wanted to step without a step answered (null: not waiting). */
  private wantSince: number | null = null;
  /** True after a drop until the room view that gives the seat back. */
  private returning = false;
  /** True while steps count (the measured window); replies to earlier sends still land. */
  stepping = false;

  constructor(readonly client: Client, private readonly tally: Tally) {
    client.on((m) => this.hear(m));
    client.socket.on("disconnect", () => {
      if (this.stepping) tally.disconnects++;
      this.returning = true;
    });
  }

  private hear(m: ServerMessage): void {
    if (m.type === "room") {
      const v = m.view;
      if (this.returning && v.you.role === "player") this.cameBack(v);
      if (v.phase === "running" && v.round && v.round.no > this.round && v.walk?.status === "walking") {
        this.round = v.round.no;
        this.seq = v.walk.path.length;
        this.acked = this.seq - 1;
        this.walking = v.walk.stepsLeft > 0;
        // A small steady step: downhill at a quarter of the suggested rate never leaves the map.
        this.lr = v.round.landscape.lr.suggested / 4;
      }
    } else if (m.type === "felt") {
      const f = this.inFlight;
      if (!f || m.seq !== f.seq) return;
      this.inFlight = null;
      const now = performance.now();
      if (f.lost) this.tally.late++;
      else if (f.resent) this.tally.resent++;
      else this.tally.rtts.push(now - f.at);
      if (this.wantSince !== null && this.stepping) this.tally.maxStallMs = Math.max(this.tally.maxStallMs, now - this.wantSince);
      this.wantSince = null;
      this.acked = Math.max(this.acked, m.seq);
      this.seq = m.seq + 1;
      if (m.status !== "walking" || m.stepsLeft === 0) this.walking = false;
    } else if (m.type === "error") {
      const f = this.inFlight;
      // Step errors name their message; the gateway's (rate, size) have no ref.
      if (!f || (m.ref !== "step" && m.ref !== null)) return;
      // The room is moving to another node: the connection drops next, and the step is resent.
      if (m.code === "room_moving") return;
      this.inFlight = null;
      if (f.lost) this.tally.late++;
      else {
        this.tally.errors++;
        this.tally.errorCodes[m.code] = (this.tally.errorCodes[m.code] ?? 0) + 1;
      }
      // out_of_order means the bot lost count of its steps (a bug): it stays a counted error.
      if (m.code === "budget_spent" || m.code === "round_over" || m.code === "wrong_phase") this.stopWalking();
    }
  }

  /** The seat is back after a drop: count acknowledged steps the walk lost, resend the one in flight. */
  private cameBack(v: RoomView): void {
    this.returning = false;
    if (!v.round || v.round.no !== this.round || !v.walk) return;
    const kept = v.walk.path.length - 1;
    if (kept < this.acked) this.tally.lostAcked += this.acked - kept;
    const f = this.inFlight;
    if (f && f.seq === kept + 1 && !f.lost) {
      f.resent = true;
      this.client.send({ type: "step", seq: f.seq, dir: "downhill", lr: this.lr });
    } else if (f && f.seq <= kept) {
      // It landed before the drop; only its answer was lost: the walk has it.
      this.inFlight = null;
      this.acked = kept;
      this.tally.resent++;
    }
    this.seq = kept + 1;
  }

  private stopWalking(): void {
    this.walking = false;
    this.wantSince = null;
  }

  /** One tick of the player's clock: a step if the last one landed and the walk goes on. */
  tick(): void {
    if (!this.walking) { this.tally.idle++; this.wantSince = null; return; }
    this.wantSince ??= performance.now();
    if (this.client.dropped || this.returning) { this.tally.skipped++; return; }
    if (this.inFlight) { this.tally.skipped++; return; }
    this.inFlight = { seq: this.seq, at: performance.now(), lost: false, resent: false };
    this.tally.sent++;
    this.client.send({ type: "step", seq: this.seq, dir: "downhill", lr: this.lr });
  }

  /** Marks the step in flight lost once it has waited too long; true while one is still in flight unmarked. */
  checkLost(now: number): boolean {
    const f = this.inFlight;
    if (!f || f.lost) return false;
    // A step interrupted by a dropped connection waits for the seat to come back (it is resent then).
    if (this.client.dropped || this.returning || f.resent) return now - f.at < FAILOVER_MS;
    if (now - f.at >= LOST_AFTER_MS) {
      f.lost = true;
      this.tally.timedOut++;
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
  private resuming = false;
  /** While true the host runs round after round; at the end of the window it stops. */
  cycling = false;

  constructor(readonly code: string, readonly host: Client, readonly students: Student[], private readonly tally: Tally) {
    host.on((m) => this.hear(m));
  }

  private hear(m: ServerMessage): void {
    if (m.type === "error") { if (this.cycling && m.code !== "room_moving") this.tally.hostErrors++; return; }
    if (m.type !== "room" || m.view.you.role !== "host") return;
    const v = m.view;
    if (v.round && v.round.no > this.round && (v.phase === "countdown" || v.phase === "running")) {
      this.round = v.round.no;
      this.revealing = false;
      this.starting = false;
      if (this.cycling) this.tally.rounds++;
    }
    if (!this.cycling) return;
    // A restart paused the round (a single server comes back paused): the teacher resumes it.
    if (v.phase === "paused" && !this.resuming) {
      this.resuming = true;
      this.host.send({ type: "host.resume" });
    } else if (v.phase !== "paused") this.resuming = false;
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
  // The class's code is chosen here, as the host's page does, so every socket of the room carries
  // it from its first connection (a cluster's balancer routes by it).
  const code = makeJoinCode(Math.random);
  const open = async () => { const c = await connect(o.url, roomAddress(r), code, tally); clients.push(c); return c; };
  try {
    const host = await open();
    host.send({ type: "class.create", code });
    const created = await host.wait(roomWhere((v) => v.you.role === "host" && v.code !== null), SETUP_MS, "the new class");
    if (created.view.code !== code) throw new Error(`the server gave the class the code ${created.view.code}, not ${code}`);
    host.rejoin = { type: "host.claim", code, hostSecret: created.view.you.token };
    const students: Student[] = [];
    for (let p = 0; p < o.players; p++) {
      const c = await open();
      const joined = c.wait(roomWhere((v) => v.you.role === "player"), SETUP_MS, `student ${p + 1} of room ${r + 1} to join`);
      c.send({ type: "room.join", code, nickname: `Bot ${r + 1}-${p + 1}`, device: `load-bot-${r}-${p}`.padEnd(16, "x") });
      const seat = await joined;
      c.rejoin = { type: "room.resume", code, token: seat.view.you.token };
      students.push(new Student(c, tally));
    }
    const room = new Classroom(code, host, students, tally);
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

  /** The join codes of this fleet's rooms. */
  get codes(): string[] {
    return this.rooms.map((r) => r.code);
  }

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

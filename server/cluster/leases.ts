// Room leases in Redis: a node runs a room only while it holds the room's key
// `downhill:lease:<CODE>`, set with NX and a short expiry and renewed while the room lives here.
//
//   acquire: SET key token NX PX ttl. Held by another node → ask it to hand over (a message to the
//            other nodes, server/cluster/cluster.ts) and try again every POLL_MS until it lets go,
//            or its lease runs out because it died (at most ttl), or WAIT_MS pass.
//   renew:   every RENEW_MS, PEXPIRE each held key whose value is still this node's token (one
//            script for all). A key found with another value, or no renewal for a whole ttl (Redis
//            unreachable), means this node has lost those rooms: they are put away at once.
//   release: DEL the key if it still holds this node's token.
//
// A lease only decides who should run a room; it cannot stop a node that was paused past its
// lease from writing. The journal's epoch does: the next owner claims the room in the database
// before replaying it, and from then on the old owner's appends are refused (StaleOwnerError).
import { randomUUID } from "node:crypto";
import type { Ownership } from "./ownership";

/** Lease lifetime, ms: how long a dead node's rooms wait before another node may take them. */
export const LEASE_TTL_MS = 4000;
/** How often held leases are renewed, ms. */
export const RENEW_MS = 1000;
/** How long acquire waits for another node to let a room go, ms (longer than a lease, so a dead owner's lease runs out within it). */
export const WAIT_MS = 8000;
/** How often acquire tries again while it waits, ms. */
export const POLL_MS = 100;
/** How often a handover is asked again while acquire waits (the message may be missed), ms. */
export const ASK_AGAIN_MS = 1000;

/** The few Redis commands leases need (server/cluster/cluster.ts adapts node-redis to it). */
export interface LeaseStore {
  /** SET key value NX PX ttl: true if set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** PEXPIRE each key whose value is still the given one; which still were. */
  renewIfHeld(entries: { key: string; value: string }[], ttlMs: number): Promise<boolean[]>;
  /** DEL key if its value is still the given one. */
  deleteIfHeld(key: string, value: string): Promise<void>;
  /** The value of key (who holds it), or null. */
  get(key: string): Promise<string | null>;
}

/** How nodes ask each other to let a room go. */
export interface HandoverChannel {
  /** Asks every other node: whoever holds `code`, let it go. */
  request(code: string, from: string): void;
  /** Called for every request another node sends. */
  onRequest(fn: (code: string, from: string) => void): void;
}

/** Timings (tests shorten them). */
export interface LeaseTimings {
  ttlMs: number;
  renewMs: number;
  waitMs: number;
  pollMs: number;
  askAgainMs: number;
}

const DEFAULT_TIMINGS: LeaseTimings = { ttlMs: LEASE_TTL_MS, renewMs: RENEW_MS, waitMs: WAIT_MS, pollMs: POLL_MS, askAgainMs: ASK_AGAIN_MS };

/** The Redis key of a room's lease. */
export const leaseKey = (code: string) => `downhill:lease:${code}`;

/** The node a lease's value names (values are `<nodeId> <random>`). */
export const holderOf = (value: string | null) => (value === null ? null : value.slice(0, value.lastIndexOf(" ")));

/** Ownership by Redis leases. */
export class RedisLeases implements Ownership {
  readonly shared = true;
  private readonly held = new Map<string, string>();
  private readonly acquiring = new Map<string, Promise<boolean>>();
  /** Codes being let go (a lost-handler is running): not renewed, not given out twice. */
  private readonly leaving = new Set<string>();
  private lostHandler: (code: string) => Promise<void> = async () => undefined;
  private lastRenewed = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly t: LeaseTimings;

  constructor(
    readonly nodeId: string,
    private readonly store: LeaseStore,
    private readonly channel: HandoverChannel,
    private readonly log: { info(o: object, m?: string): void; warn(o: object, m?: string): void },
    timings: Partial<LeaseTimings> = {},
  ) {
    this.t = { ...DEFAULT_TIMINGS, ...timings };
    channel.onRequest((code, from) => {
      if (from !== this.nodeId && this.held.has(code)) void this.lose(code, `node ${from} asked for it`);
    });
    this.timer = setInterval(() => void this.renew(), this.t.renewMs);
    this.timer.unref();
  }

  /** Codes this node holds now (tests, health). */
  get codes(): string[] {
    return [...this.held.keys()];
  }

  acquire(code: string): Promise<boolean> {
    if (this.held.has(code) && !this.leaving.has(code)) return Promise.resolve(true);
    let pending = this.acquiring.get(code);
    if (!pending) {
      pending = this.take(code).finally(() => this.acquiring.delete(code));
      this.acquiring.set(code, pending);
    }
    return pending;
  }

  private async take(code: string): Promise<boolean> {
    const token = `${this.nodeId} ${randomUUID()}`;
    const deadline = Date.now() + this.t.waitMs;
    let asked = -Infinity;
    for (;;) {
      if (this.closed) return false;
      if (!this.leaving.has(code) && (await this.store.setIfAbsent(leaseKey(code), token, this.t.ttlMs))) {
        this.held.set(code, token);
        return true;
      }
      if (Date.now() >= deadline) {
        this.log.warn({ code, holder: holderOf(await this.store.get(leaseKey(code))) }, "room lease not handed over");
        return false;
      }
      if (Date.now() - asked >= this.t.askAgainMs) {
        asked = Date.now();
        this.channel.request(code, this.nodeId);
      }
      await new Promise((r) => setTimeout(r, this.t.pollMs));
    }
  }

  async release(code: string): Promise<void> {
    const token = this.held.get(code);
    if (token === undefined) return;
    this.held.delete(code);
    try {
      await this.store.deleteIfHeld(leaseKey(code), token);
    } catch (e) {
      this.log.warn({ code, err: String(e) }, "lease release failed (it runs out by itself)");
    }
  }

  onLost(handler: (code: string) => Promise<void>): void {
    this.lostHandler = handler;
  }

  /** This node stops running a room: the handler puts it away (its writes done), then the lease goes. */
  private async lose(code: string, why: string): Promise<void> {
    if (this.leaving.has(code)) return;
    this.leaving.add(code);
    this.log.info({ code, why }, "room handed over");
    try {
      await this.lostHandler(code);
    } catch (e) {
      this.log.warn({ code, err: String(e) }, "putting a lost room away failed");
    } finally {
      await this.release(code);
      this.leaving.delete(code);
    }
  }

  /** Renews every held lease; loses those another node has, or all if Redis stayed out of reach for a ttl. */
  private async renew(): Promise<void> {
    const entries = [...this.held].filter(([code]) => !this.leaving.has(code)).map(([code, value]) => ({ code, key: leaseKey(code), value }));
    if (entries.length === 0) {
      this.lastRenewed = Date.now();
      return;
    }
    const started = Date.now();
    try {
      const still = await this.store.renewIfHeld(entries, this.t.ttlMs);
      this.lastRenewed = started;
      entries.forEach((e, i) => {
        if (!still[i] && this.held.get(e.code) === e.value) void this.lose(e.code, "its lease ran out or was taken");
      });
    } catch (e) {
      this.log.warn({ err: String(e), rooms: entries.length }, "lease renewal failed");
      if (Date.now() - this.lastRenewed >= this.t.ttlMs) for (const { code } of entries) void this.lose(code, "Redis was out of reach for a whole lease");
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.held.keys()].map((code) => this.release(code)));
  }
}

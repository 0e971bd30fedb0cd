// What one person may cost the server, counted per person (their network address, and their
// browser id where one is sent), never per socket alone: opening more sockets buys nothing.
// Counted by rate-limiter-flexible. Each limit is a named constant here, answered with
// `rate_limited` and a sentence that says when to try again.
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { Admission } from "../rooms/deps";

/** A budget of `points` actions per `duration` seconds; `block` seconds of refusal once spent. */
export interface Budget {
  points: number;
  duration: number;
  block?: number;
}

/**
 * Every limit. A classroom shares one address (the school's NAT): the per-address budgets are
 * several classes' worth of the per-socket or per-player ones.
 */
export const LIMITS = {
  /** Messages on one socket: 20 a second, with bursts up to 40 over two seconds. */
  messagesPerSocket: { points: 20, duration: 1 },
  messagesPerSocketBurst: { points: 40, duration: 2 },
  /** Messages from one address, whatever the event and however many sockets: three busy classes. */
  messagesPerAddress: { points: 600, duration: 1 },
  /** Solo rounds, races and class rounds started by one player (browser id), and by one address. */
  roundsPerPlayer: { points: 12, duration: 60 },
  roundsPerAddress: { points: 120, duration: 60 },
  /** Rooms (races and classes) created from one address. */
  roomsPerAddress: { points: 60, duration: 600 },
  /** Wrong join codes, seat tokens or host secrets from one address; then two minutes' pause. */
  wrongCodesPerAddress: { points: 10, duration: 60, block: 120 },
  /** Ranked results written to the leaderboard by one player, and by one address. */
  rankedWritesPerPlayer: { points: 10, duration: 600 },
  rankedWritesPerAddress: { points: 60, duration: 600 },
  /** Replays after a reveal (each walks the round's budget on the true landscape) by one player, and by one address. */
  replaysPerPlayer: { points: 30, duration: 60 },
  replaysPerAddress: { points: 300, duration: 60 },
} as const satisfies Record<string, Budget>;

/** The names of the limits. */
export type LimitName = keyof typeof LIMITS;

/** Who an action is counted against. */
export interface Who {
  device: string | null;
  address: string;
}

/**
 * Limits counted per message, in this node's memory even in a cluster: they are asked on every
 * message, where a trip to Redis would cost each step its latency, and a person's sockets for one
 * room all reach the node that runs it.
 */
const PER_MESSAGE: readonly LimitName[] = ["messagesPerSocket", "messagesPerSocketBurst", "messagesPerAddress"];

/**
 * The counters of a server. One process: in memory. A cluster node (given the Redis client): the
 * per-person limits (rounds, rooms, wrong codes, ranked writes) are counted in Redis for the whole
 * cluster, with this node's memory as insurance while Redis is out of reach; the per-message ones
 * stay in memory (PER_MESSAGE).
 */
export class Limits implements Admission {
  private readonly limiters = new Map<LimitName, RateLimiterAbstract>();
  private readonly perSocket: BurstyRateLimiter;

  constructor(private readonly budgets: Record<LimitName, Budget> = LIMITS, redis?: unknown) {
    for (const name of Object.keys(budgets) as LimitName[]) {
      const b = budgets[name];
      const opts = { keyPrefix: `downhill:limit:${name}`, points: b.points, duration: b.duration, blockDuration: b.block ?? 0 };
      const memory = new RateLimiterMemory(opts);
      this.limiters.set(name, redis && !PER_MESSAGE.includes(name) ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true, insuranceLimiter: memory }) : memory);
    }
    this.perSocket = new BurstyRateLimiter(this.limiters.get("messagesPerSocket")!, this.limiters.get("messagesPerSocketBurst")!);
  }

  /** Takes one point from the limit under key; resolves with 0, or the milliseconds until it refills. */
  async take(name: LimitName, key: string): Promise<number> {
    try {
      await this.limiters.get(name)!.consume(key);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return e.msBeforeNext;
      throw e;
    }
  }

  /** Milliseconds until a blocking limit lets this key act again (0: it may), without taking a point. */
  async blockedFor(name: LimitName, key: string): Promise<number> {
    const res = await this.limiters.get(name)!.get(key);
    return res && res.remainingPoints <= 0 ? res.msBeforeNext : 0;
  }

  /** Takes one point from a per-player and a per-address limit; resolves with 0 or the wait. */
  async takeBoth(perPlayer: LimitName, perAddress: LimitName, who: Who): Promise<number> {
    const a = await this.take(perAddress, who.address);
    if (a > 0) return a;
    return who.device ? this.take(perPlayer, who.device) : 0;
  }

  /** One inbound message (any event) on a socket from an address: 0, or the wait. */
  async message(socketId: string, address: string): Promise<number> {
    const a = await this.take("messagesPerAddress", address);
    if (a > 0) return a;
    try {
      await this.perSocket.consume(socketId);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return e.msBeforeNext;
      throw e;
    }
  }

  /** A round may start: null, or the rate_limited error that says when. */
  async startRound(who: Who): Promise<GameError | null> {
    const wait = await this.takeBoth("roundsPerPlayer", "roundsPerAddress", who);
    return wait > 0 ? gameError("rate_limited", `Too many rounds started from here in the last minute: try again in ${seconds(wait)}.`) : null;
  }

  /** A room may be created from this address: null, or the error. */
  async createRoom(address: string): Promise<GameError | null> {
    const wait = await this.take("roomsPerAddress", address);
    return wait > 0 ? gameError("rate_limited", `Too many rooms created from here in the last few minutes: try again in ${seconds(wait)}.`) : null;
  }

  /** Whether this address may try a code now (it has not guessed wrong too often): null, or the error. */
  async mayTryCode(address: string): Promise<GameError | null> {
    const wait = await this.blockedFor("wrongCodesPerAddress", address);
    return wait > 0 ? tooManyWrong(wait) : null;
  }

  /** Counts a wrong code, token or secret from this address; the error to send if that used up its tries. */
  async wrongCode(address: string): Promise<GameError | null> {
    const wait = await this.take("wrongCodesPerAddress", address);
    return wait > 0 ? tooManyWrong(wait) : null;
  }

  /** A replay may be computed for this person: null, or the error that says when. */
  async replay(who: Who): Promise<GameError | null> {
    const wait = await this.takeBoth("replaysPerPlayer", "replaysPerAddress", who);
    return wait > 0 ? gameError("rate_limited", `Too many replays in the last minute: try again in ${seconds(wait)}.`) : null;
  }

  /** A ranked result may be written (the room's Admission). */
  async rankedWrite(who: Who): Promise<boolean> {
    return (await this.takeBoth("rankedWritesPerPlayer", "rankedWritesPerAddress", who)) === 0;
  }
}

/** "12 s", "2 min". */
function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

function tooManyWrong(wait: number): GameError {
  return gameError("rate_limited", `Too many wrong codes from here: wait ${seconds(wait)} before trying again, and check the code on the screen.`);
}

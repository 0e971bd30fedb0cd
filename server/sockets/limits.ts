// What one person may cost the server, counted per person (their browser id and their network
// address), never per socket: opening more sockets buys nothing. Counted by rate-limiter-flexible.
// Each limit is a named constant here, answered with `rate_limited` and a sentence that says when
// to try again.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { Admission } from "../rooms/deps";

/** A budget of `points` actions per `duration` seconds. */
export interface Budget {
  points: number;
  duration: number;
}

/**
 * Every limit. A classroom shares one address (the school's NAT), so the per-address budgets are
 * a class's worth of the per-player ones.
 */
export const LIMITS = {
  /** Solo rounds and races started by one player (browser id), and by one address. */
  roundsPerPlayer: { points: 12, duration: 60 },
  roundsPerAddress: { points: 120, duration: 60 },
  /** Ranked results written to the leaderboard by one player, and by one address. */
  rankedWritesPerPlayer: { points: 10, duration: 600 },
  rankedWritesPerAddress: { points: 60, duration: 600 },
} as const satisfies Record<string, Budget>;

/** The names of the limits. */
export type LimitName = keyof typeof LIMITS;

/** Who an action is counted against. */
export interface Who {
  device: string | null;
  address: string;
}

/** The counters of one server (in memory; one node's share when several run). */
export class Limits implements Admission {
  private readonly limiters = new Map<LimitName, RateLimiterMemory>();

  constructor(private readonly budgets: Record<LimitName, Budget> = LIMITS) {
    for (const name of Object.keys(budgets) as LimitName[]) {
      this.limiters.set(name, new RateLimiterMemory({ keyPrefix: name, points: budgets[name].points, duration: budgets[name].duration }));
    }
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

  /** Takes one point from a per-player and a per-address limit; resolves with 0 or the wait. */
  async takeBoth(perPlayer: LimitName, perAddress: LimitName, who: Who): Promise<number> {
    const a = await this.take(perAddress, who.address);
    if (a > 0) return a;
    return who.device ? this.take(perPlayer, who.device) : 0;
  }

  /** A round may start: null, or the rate_limited error that says when. */
  async startRound(who: Who): Promise<GameError | null> {
    const wait = await this.takeBoth("roundsPerPlayer", "roundsPerAddress", who);
    return wait > 0 ? gameError("rate_limited", `Too many rounds started from here in the last minute: try again in ${Math.ceil(wait / 1000)} s.`) : null;
  }

  /** A ranked result may be written (the room's Admission). */
  async rankedWrite(who: Who): Promise<boolean> {
    return (await this.takeBoth("rankedWritesPerPlayer", "rankedWritesPerAddress", who)) === 0;
  }
}

// Room leases on a real Redis: one holder at a time, a handover on request, a dead holder's lease
// running out, a lease lost when another node has it, or when Redis stays out of reach.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisClientType } from "redis";
import { connectRedis, redisLeaseStore } from "../../../server/cluster/cluster";
import { leaseKey, RedisLeases, type HandoverChannel, type LeaseStore } from "../../../server/cluster/leases";
import { redisUnavailable, startTestRedis, type TestRedis } from "../../integration/support/redis";

const why = redisUnavailable();
if (why) console.log(`Skipping the lease tests: ${why}`);

const quiet = { info: () => undefined, warn: () => undefined };
const FAST = { ttlMs: 600, renewMs: 150, waitMs: 3000, pollMs: 20, askAgainMs: 200 };

/** Handover requests between leases in this process (the adapter does this between nodes). */
function bus(): { channel: () => HandoverChannel; deaf: Set<string> } {
  const handlers: ((code: string, from: string) => void)[] = [];
  const deaf = new Set<string>();
  return {
    deaf,
    channel: () => {
      let mine: ((code: string, from: string) => void) | null = null;
      return {
        request: (code, from) => { for (const h of handlers) h(code, from); },
        onRequest: (fn) => {
          mine = (code, from) => { if (!deaf.has(code)) fn(code, from); };
          handlers.push((c, f) => mine!(c, f));
        },
      };
    },
  };
}

describe.skipIf(why !== null)("room leases in Redis", () => {
  let redis: TestRedis;
  let client: RedisClientType;
  const made: RedisLeases[] = [];
  const node = (id: string, store: LeaseStore, channel: HandoverChannel) => {
    const l = new RedisLeases(id, store, channel, quiet, FAST);
    made.push(l);
    return l;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    client = await connectRedis(redis.url, quiet);
  }, 60_000);
  afterAll(async () => {
    for (const l of made) await l.close();
    await client?.close();
    await redis?.stop();
  });

  it("gives a code to one node; another asks, the holder puts its room away first, then lets go", async () => {
    const b = bus();
    const store = redisLeaseStore(client);
    const a = node("node-a", store, b.channel());
    const c = node("node-c", store, b.channel());
    const order: string[] = [];
    a.onLost(async (code) => {
      order.push(`a puts ${code} away`);
      await new Promise((r) => setTimeout(r, 100)); // its writes under way finish
      order.push(`a done`);
    });
    expect(await a.acquire("HANDME")).toBe(true);
    expect(await client.get(leaseKey("HANDME"))).toMatch(/^node-a /);
    expect(await a.acquire("HANDME")).toBe(true); // held: at once
    const took = await c.acquire("HANDME");
    order.push("c holds it");
    expect(took).toBe(true);
    expect(order).toEqual(["a puts HANDME away", "a done", "c holds it"]);
    expect(a.codes).not.toContain("HANDME");
    expect(c.codes).toContain("HANDME");
    expect(await client.get(leaseKey("HANDME"))).toMatch(/^node-c /);
  });

  it("takes a dead node's code once its lease runs out, not before", async () => {
    const b = bus();
    const store = redisLeaseStore(client);
    const dead = node("node-dead", store, b.channel());
    expect(await dead.acquire("DEADND")).toBe(true);
    // The node dies: it renews nothing and answers nothing (its lease stays until it runs out).
    b.deaf.add("DEADND");
    await dead.close().catch(() => undefined);
    await client.set(leaseKey("DEADND"), "node-dead 1", { expiration: { type: "PX", value: FAST.ttlMs } });
    const t = Date.now();
    const alive = node("node-alive", store, b.channel());
    expect(await alive.acquire("DEADND")).toBe(true);
    const waited = Date.now() - t;
    expect(waited).toBeGreaterThan(FAST.ttlMs / 2); // it had to wait for the lease, not merely ask
    expect(alive.codes).toContain("DEADND");
  });

  it("gives up after waiting if the holder neither answers nor lets its lease run out", async () => {
    const b = bus();
    const store = redisLeaseStore(client);
    const stubborn = node("node-s", store, b.channel());
    b.deaf.add("KEEPIT");
    expect(await stubborn.acquire("KEEPIT")).toBe(true); // it keeps renewing
    const other = node("node-o", store, b.channel());
    expect(await other.acquire("KEEPIT")).toBe(false);
    expect(stubborn.codes).toContain("KEEPIT");
  });

  it("loses a code whose key another node holds now (found at renewal)", async () => {
    const b = bus();
    const a = node("node-r", redisLeaseStore(client), b.channel());
    const lost: string[] = [];
    a.onLost(async (code) => void lost.push(code));
    expect(await a.acquire("STOLEN")).toBe(true);
    await client.set(leaseKey("STOLEN"), "node-x 1", { expiration: { type: "PX", value: 5000 } });
    await new Promise((r) => setTimeout(r, FAST.renewMs * 3));
    expect(lost).toEqual(["STOLEN"]);
    expect(a.codes).not.toContain("STOLEN");
    expect(await client.get(leaseKey("STOLEN"))).toBe("node-x 1"); // its release does not touch the new holder's key
  });

  it("loses every code when Redis stays out of reach for a whole lease", async () => {
    const real = redisLeaseStore(client);
    let cut = false;
    const flaky: LeaseStore = {
      ...real,
      renewIfHeld: (e, ttl) => (cut ? Promise.reject(new Error("connection lost")) : real.renewIfHeld(e, ttl)),
    };
    const a = node("node-f", flaky, bus().channel());
    const lost: string[] = [];
    a.onLost(async (code) => void lost.push(code));
    expect(await a.acquire("FLAKY1")).toBe(true);
    expect(await a.acquire("FLAKY2")).toBe(true);
    cut = true;
    await new Promise((r) => setTimeout(r, FAST.renewMs * 2));
    expect(lost).toEqual([]); // a blink is not a loss
    await new Promise((r) => setTimeout(r, FAST.ttlMs + FAST.renewMs * 2));
    expect(lost.sort()).toEqual(["FLAKY1", "FLAKY2"]);
  });
});

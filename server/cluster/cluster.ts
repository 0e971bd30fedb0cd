// A node of a cluster: what REDIS_URL turns on. One Redis connection carries three things:
//   - room leases (server/cluster/leases.ts): which node runs which room;
//   - socket.io's adapter, @socket.io/redis-streams-adapter: messages between nodes (the handover
//     requests here, and emits to a room's sockets wherever they are connected);
//   - the per-person limits (server/sockets/limits.ts), counted once for the whole cluster.
//
// Why the Redis *Streams* adapter rather than the pub/sub one: a stream keeps its recent messages,
// so a node whose Redis connection blinks reads what it missed when it comes back, where pub/sub
// would drop those messages silently (a lost handover request would leave a room waiting for its
// owner's lease to run out). It needs a single connection, not a publisher and a subscriber.
import { createClient, type RedisClientType } from "redis";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Server } from "socket.io";
import { RedisLeases, type HandoverChannel, type LeaseStore, type LeaseTimings } from "./leases";

/** The server-side event nodes ask each other for a room with. */
export const HANDOVER_EVENT = "downhill:handover";

const RENEW_SCRIPT = `
local held = {}
for i, key in ipairs(KEYS) do
  if redis.call("GET", key) == ARGV[i + 1] then
    redis.call("PEXPIRE", key, ARGV[1])
    held[i] = 1
  else
    held[i] = 0
  end
end
return held`;

const RELEASE_SCRIPT = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/** Leases' commands over node-redis. */
export function redisLeaseStore(client: RedisClientType): LeaseStore {
  return {
    setIfAbsent: async (key, value, ttlMs) => (await client.set(key, value, { condition: "NX", expiration: { type: "PX", value: ttlMs } })) === "OK",
    renewIfHeld: async (entries, ttlMs) => {
      const reply = (await client.eval(RENEW_SCRIPT, { keys: entries.map((e) => e.key), arguments: [String(ttlMs), ...entries.map((e) => e.value)] })) as number[];
      return reply.map((n) => n === 1);
    },
    deleteIfHeld: async (key, value) => void (await client.eval(RELEASE_SCRIPT, { keys: [key], arguments: [value] })),
    get: (key) => client.get(key),
  };
}

/** Handover requests as socket.io server-side events (through the adapter, to every other node). */
export function adapterHandover(io: Server): HandoverChannel {
  return {
    request: (code, from) => void io.serverSideEmit(HANDOVER_EVENT, code, from),
    onRequest: (fn) => void io.on(HANDOVER_EVENT, (code: unknown, from: unknown) => {
      if (typeof code === "string" && typeof from === "string") fn(code, from);
    }),
  };
}

/** Connects to Redis; rejects with a sentence if it cannot. */
export async function connectRedis(url: string, log: { warn(o: object, m?: string): void }): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) } });
  let reported = false;
  client.on("error", (e: unknown) => {
    if (!reported) log.warn({ err: String(e) }, "Redis connection trouble (retrying)");
    reported = true;
  });
  client.on("ready", () => { reported = false; });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`Cannot reach Redis at ${url}: ${String(e)}`, { cause: e });
  }
  return client;
}

/** What a cluster node adds to a server. */
export interface ClusterNode {
  redis: RedisClientType;
  nodeId: string;
  /** Lease timings (tests shorten them). */
  timings?: Partial<LeaseTimings>;
}

/** Puts the Redis streams adapter on io and returns the node's leases. */
export function joinCluster(io: Server, node: ClusterNode, log: { info(o: object, m?: string): void; warn(o: object, m?: string): void }): RedisLeases {
  io.adapter(createAdapter(node.redis, { streamName: "downhill:io" }));
  return new RedisLeases(node.nodeId, redisLeaseStore(node.redis), adapterHandover(io), log, node.timings);
}

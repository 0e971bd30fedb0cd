// Configuration from the environment, parsed once at start by zod. A bad value stops the server
// with one line that names the variable and what is wrong with it.
import { z } from "zod";
import { parseOrigin } from "./sockets/origin";

/**
 * A comma-separated list of web origins (`https://game.example.org,http://10.0.0.5:3000`), each
 * normalised as a browser sends it; empty items (a trailing comma) are ignored.
 */
export const OriginList = z.string().transform((raw, ctx) => {
  const origins: string[] = [];
  for (const item of raw.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const origin = parseOrigin(item);
    if (origin === null) {
      ctx.addIssue({ code: "custom", message: `has ${JSON.stringify(item)}, which is not an origin: list scheme://host[:port] entries (like https://downhill.example.org), comma-separated, with no path and no wildcard` });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return origins;
});

/** The environment's schema; tools pick the variables they read from it (see server/cli/args.ts). */
export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (leave it unset for the embedded database)")
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRAINING_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Build every catalog landscape in the background at start, so the first round starts at once. */
  PREBUILD: z.enum(["0", "1"]).default("1"),
  /**
   * 1 behind a load balancer that sets X-Forwarded-For (the cluster's HAProxy): each client's
   * address, which limits and kicks count by, is read from it. Never set it without one, or any
   * client could claim any address.
   */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /**
   * Origins besides the server's own whose pages may open a game socket (e.g. the public address
   * of a proxy that rewrites Host). Pages served by this server need no entry.
   */
  ALLOWED_ORIGINS: OriginList.default([]),
  /**
   * The address students open to join (the projector's link and QR code), for a deployment behind
   * a proxy or a domain name: http(s)://host[:port][/path]. Unset: this machine's LAN address.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address, like https://downhill.example.org" }).optional(),
  /**
   * A Redis server (redis://host:port) makes this process one node of a cluster: rooms are leased
   * to one node at a time through it, nodes hand rooms over through it, and the per-person limits
   * count across the cluster. Unset: one process runs every room (the default).
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL (leave it unset to run a single process)").optional(),
  /** This node's name in a cluster (logs, leases, the health endpoint); default host name and pid. */
  NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1 to 64 letters, digits, dots, dashes or underscores").optional(),
});

/** The server's configuration. */
export type Config = z.infer<typeof Env>;

/** Parses the environment; returns the config or one human line naming the bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): { ok: true; config: Config } | { ok: false; error: string } {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const r = Env.safeParse(clean);
  if (r.success) return { ok: true, config: r.data };
  const issue = r.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  return { ok: false, error: `Bad configuration: ${name}=${JSON.stringify(env[name] ?? "")} ${issue.message}.` };
}

// Arguments of `npm run loadtest`: parsed by the CLI's parser, then checked by zod. Any mistake is
// one line (exit code 2 in loadtest.ts).
import { z } from "zod";
import { LANDSCAPE_ID_PATTERN, MAX_BUDGET, MIN_BUDGET } from "../../lib/protocol/common";
import { parseArgs, UsageError } from "../../server/cli/args";
import { MAX_SEATS } from "../../server/rooms/room";
import { LIMITS } from "../../server/sockets/limits";

// The server's limits, from their sources: a round's budget, a room's seats, a socket's rate.
export { MAX_BUDGET };
/** Most players in a room. */
export const MAX_PLAYERS = MAX_SEATS;
/** Most steps a second one player may send (the server's per-socket limit). */
export const MAX_RATE = LIMITS.messagesPerSocket.points;
/** The landscape a new classroom starts on: the host page picks the catalog's first, the bowl. */
export const DEFAULT_LANDSCAPE = "bowl";

const count = (name: string, min: number, max: number, why = "") =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min}`)
    .max(max, `--${name} is at most ${max}${why}`);

const Options = z.object({
  url: z.url({ protocol: /^https?$/, error: "--url must be an http:// or https:// address of a running Downhill server" }),
  rooms: count("rooms", 1, 500),
  players: count("players", 1, MAX_PLAYERS, " (a room's limit)"),
  rate: z.coerce.number({ error: "--rate must be a number" }).positive("--rate must be more than 0 steps per second").max(MAX_RATE, `--rate is at most ${MAX_RATE} steps per second per player (the server's per-socket limit)`),
  seconds: z.coerce.number({ error: "--seconds must be a number" }).positive("--seconds must be more than 0").max(3600, "--seconds is at most 3600"),
  landscape: z.string().regex(LANDSCAPE_ID_PATTERN, `--landscape must be a landscape id such as ${DEFAULT_LANDSCAPE}`).default(DEFAULT_LANDSCAPE),
  /** Steps per walk; absent: enough for the whole run in one round (at most MAX_BUDGET). */
  budget: count("budget", MIN_BUDGET, MAX_BUDGET, " (a round's limit)").optional(),
  workers: count("workers", 1, 8).default(1),
  /** Sockets flooding from one address of their own beside the run (tests/load/flood.ts); 0: none. */
  flood: count("flood", 0, 200).default(0),
  /** The server's process id (same machine): its CPU time by thread is read from /proc during the window. */
  serverPid: count("server-pid", 1, 2 ** 22).optional(),
  json: z.boolean().default(false),
});
export type LoadOptions = z.infer<typeof Options>;

export const USAGE = "usage: npm run loadtest -- --url URL --rooms R --players P --rate S --seconds T [--landscape ID] [--budget N] [--workers W] [--flood N] [--server-pid PID] [--json]";

/** The options, or one line saying what is wrong. */
export function parseLoadArgs(argv: string[]): { ok: true; options: LoadOptions } | { ok: false; error: string } {
  let raw;
  try {
    raw = parseArgs(argv, { url: "string", rooms: "string", players: "string", rate: "string", seconds: "string", landscape: "string", budget: "string", workers: "string", flood: "string", "server-pid": "string", json: "boolean" });
  } catch (e) {
    if (e instanceof UsageError) return { ok: false, error: `${e.message} (${USAGE})` };
    throw e;
  }
  if (raw.positionals.length) return { ok: false, error: `unexpected argument "${raw.positionals[0]}" (${USAGE})` };
  for (const name of ["url", "rooms", "players", "rate", "seconds"]) {
    if (raw.options[name] === undefined) return { ok: false, error: `--${name} is required (${USAGE})` };
  }
  const r = Options.safeParse({ ...raw.options, serverPid: raw.options["server-pid"] });
  if (!r.success) return { ok: false, error: r.error.issues[0]!.message };
  if (r.data.workers > r.data.rooms) return { ok: false, error: `--workers (${r.data.workers}) cannot exceed --rooms (${r.data.rooms}): each worker drives whole rooms` };
  return { ok: true, options: r.data };
}

/**
 * The budget of each walk: the one asked for, else enough steps for the whole run (rate ×
 * seconds, plus a few for timer slack) up to the round's limit. When a walk's budget runs out
 * before the time does, the host reveals and starts the next round and the bots walk on.
 */
export function walkBudget(o: Pick<LoadOptions, "budget" | "rate" | "seconds">): number {
  return o.budget ?? Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, Math.ceil(o.rate * o.seconds) + 5));
}

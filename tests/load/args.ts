// Arguments of `npm run loadtest`: parsed by the CLI's parser, then checked by zod. Any mistake is
// one line (exit code 2 in loadtest.ts).
import { z } from "zod";
import { parseArgs, UsageError } from "../../server/cli/args";

const Options = z.object({
  url: z.url({ protocol: /^https?$/, error: "--url must be an http:// or https:// address of a running Downhill server" }),
  rooms: z.coerce.number({ error: "--rooms must be a number" }).int("--rooms must be a whole number").min(1, "--rooms must be at least 1").max(500, "--rooms is at most 500"),
  players: z.coerce.number({ error: "--players must be a number" }).int("--players must be a whole number").min(1, "--players must be at least 1").max(100, "--players is at most 100 (a room's limit)"),
  rate: z.coerce.number({ error: "--rate must be a number" }).positive("--rate must be more than 0 steps per second").max(20, "--rate is at most 20 steps per second per player"),
  seconds: z.coerce.number({ error: "--seconds must be a number" }).positive("--seconds must be more than 0").max(3600, "--seconds is at most 3600"),
  landscape: z.string().regex(/^[a-z0-9-]{1,40}$/, "--landscape must be a landscape id such as bowl").default("bowl"),
  json: z.boolean().default(false),
});
export type LoadOptions = z.infer<typeof Options>;

export const USAGE = "usage: npm run loadtest -- --url URL --rooms R --players P --rate S --seconds T [--landscape ID] [--json]";

/** The options, or one line saying what is wrong. */
export function parseLoadArgs(argv: string[]): { ok: true; options: LoadOptions } | { ok: false; error: string } {
  let raw;
  try {
    raw = parseArgs(argv, { url: "string", rooms: "string", players: "string", rate: "string", seconds: "string", landscape: "string", json: "boolean" });
  } catch (e) {
    if (e instanceof UsageError) return { ok: false, error: `${e.message} (${USAGE})` };
    throw e;
  }
  if (raw.positionals.length) return { ok: false, error: `unexpected argument "${raw.positionals[0]}" (${USAGE})` };
  for (const name of ["url", "rooms", "players", "rate", "seconds"]) {
    if (raw.options[name] === undefined) return { ok: false, error: `--${name} is required (${USAGE})` };
  }
  const r = Options.safeParse(raw.options);
  if (!r.success) return { ok: false, error: r.error.issues[0]!.message };
  return { ok: true, options: r.data };
}

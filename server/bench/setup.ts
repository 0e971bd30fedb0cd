// What the one-thread benches share: `[--landscapes a,b]` (default: the whole catalog) and the
// tool's data directory; a mistake in either is one line on stderr and exit 2.
import { CATALOG, getRecipe, LandscapeError } from "../../lib/landscape/index";
import { parseArgs, toolEnvironment, UsageError } from "../cli/args";

/** Writes a line on stderr (the benches' progress; their tables go to stdout). */
export const say = (line: string) => process.stderr.write(`${line}\n`);

/** The landscapes to measure and where their builds live, for the bench called `name`. */
export function benchSetup(name: string): { ids: string[]; dataDir: string } {
  try {
    const args = parseArgs(process.argv.slice(2), { landscapes: "string" });
    const ids = args.options.landscapes === undefined ? CATALOG.map((r) => r.id) : String(args.options.landscapes).split(",").map((s) => getRecipe(s.trim()).id);
    return { ids, dataDir: toolEnvironment().dataDir };
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof LandscapeError)) throw e;
    say(`${name}: ${e.message}`);
    process.exit(2);
  }
}

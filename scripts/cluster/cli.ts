// `npm run cluster -- up|down|status --dir D`: a whole Downhill cluster on this machine
// (PostgreSQL, Redis, N nodes, HAProxy in front, all on 127.0.0.1), started and stopped by pid.
// stdout gets one JSON line, progress goes to stderr. A bad argument is one line and exit code 2;
// anything that fails is one line and exit code 1 (and `up` stops what it had started).
import { parseArgs, toNumber, UsageError, type ParsedArgs } from "../../server/cli/args";
import { down } from "./down";
import { layoutOf, type Layout } from "./layout";
import { summaryLine } from "./record";
import { status } from "./status";
import { up } from "./up";

const say = (line: string) => process.stderr.write(`cluster: ${line}\n`);
const out = (value: string) => process.stdout.write(`${value}\n`);

/** One command: its usage, its options, and what it does. */
interface Command {
  usage: string;
  options: Record<string, "boolean" | "string">;
  run(args: ParsedArgs, layout: Layout): Promise<void>;
}

/** A whole number in [min, max] from an option, or a UsageError naming it. */
function wholeNumber(args: ParsedArgs, name: string, min: number, max: number, fallback?: number): number | undefined {
  const text = args.options[name];
  if (text === undefined) return fallback;
  const v = toNumber(text);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${String(text)}".`);
  return v;
}

const COMMANDS: Record<string, Command> = {
  up: {
    usage: "cluster up --dir D [--nodes N] [--port P] [--timeout SECONDS]",
    options: { dir: "string", nodes: "string", port: "string", timeout: "string" },
    async run(args, layout) {
      const nodes = wholeNumber(args, "nodes", 1, 16, 2)!;
      const port = wholeNumber(args, "port", 1, 65535);
      const timeoutMs = wholeNumber(args, "timeout", 1, 3600, 180)! * 1000;
      const interrupt = new AbortController();
      for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => interrupt.abort());
      const record = await up(layout, { nodes, port, timeoutMs }, { say, abort: interrupt.signal });
      say(`Ready at ${record.url} (stop it with: npm run cluster -- down --dir ${layout.dir})`);
      out(summaryLine(record));
    },
  },
  down: {
    usage: "cluster down --dir D",
    options: { dir: "string" },
    async run(_args, layout) {
      out(JSON.stringify(await down(layout, say)));
    },
  },
  status: {
    usage: "cluster status --dir D",
    options: { dir: "string" },
    async run(_args, layout) {
      out(JSON.stringify(await status(layout)));
    },
  },
};

const USAGE = `Commands: ${Object.values(COMMANDS).map((c) => c.usage).join(" | ")}`;

/** Runs the CLI on argv; resolves with the exit code. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    const command = name === undefined ? undefined : COMMANDS[name];
    if (!command) throw new UsageError(name === undefined ? `No command given. ${USAGE}` : `Unknown command "${name}". ${USAGE}`);
    const args = parseArgs(rest, command.options);
    if (args.positionals.length > 0) throw new UsageError(`Unexpected "${args.positionals[0]}". Usage: ${command.usage}`);
    const dir = args.options.dir;
    if (typeof dir !== "string" || dir.trim() === "") throw new UsageError(`The ${name} command needs --dir D, the cluster's directory. Usage: ${command.usage}`);
    await command.run(args, layoutOf(dir));
    return 0;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`cluster: ${msg.split("\n")[0]}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

// A small argument parser for the CLI: positionals and --long options (`--name value`,
// `--name=value`, boolean flags). Unlike node:util parseArgs it reads "-0.5" as a number, not as
// an unknown short option, so `probe bowl -0.5 1` works. Every mistake is a UsageError line.
// The tools' environment variables are parsed by the server's own schema (server/config.ts).
import { resolve } from "node:path";
import { Env } from "../config";

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Option kinds by name, e.g. { json: "boolean", size: "string" }. */
export type OptionSpec = Record<string, "boolean" | "string">;

/** Parsed command line: positionals in order, options by name. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean>;
}

const NUMBER_LIKE = /^-(\d|\.\d|inf|nan)/i;

/** Parses argv against spec; throws UsageError for an unknown, repeated or valueless option. */
export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let k = 0; k < argv.length; k++) {
    const tok = argv[k]!;
    if (tok === "--") {
      positionals.push(...argv.slice(k + 1));
      break;
    }
    if (!tok.startsWith("-") || tok === "-" || NUMBER_LIKE.test(tok)) {
      positionals.push(tok);
      continue;
    }
    if (!tok.startsWith("--")) throw new UsageError(`Unknown option "${tok}".`);
    const eq = tok.indexOf("=");
    const name = tok.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`Unknown option "--${name}".`);
    if (name in options) throw new UsageError(`The option --${name} is given twice.`);
    if (kind === "boolean") {
      if (eq >= 0) throw new UsageError(`The option --${name} takes no value.`);
      options[name] = true;
    } else if (eq >= 0) {
      options[name] = tok.slice(eq + 1);
    } else {
      const value = argv[k + 1];
      if (value === undefined || (value.startsWith("--") && value !== "--")) throw new UsageError(`The option --${name} needs a value.`);
      options[name] = value;
      k++;
    }
  }
  return { positionals, options };
}

/** The variables the CLI and the benchmark read, with the server's rules. */
const ToolEnv = Env.pick({ DATA_DIR: true, TRAINING_THREADS: true, LOG_LEVEL: true });

/** What the tools take from the environment. */
export interface ToolEnvironment {
  /** $DATA_DIR (default ./data) resolved against the working directory. */
  dataDir: string;
  /** $TRAINING_THREADS, if set. */
  threads?: number;
  /** $LOG_LEVEL, default "silent" (a tool's output is its result, not logs). */
  logLevel: string;
}

/** Parses the tools' variables (an empty one counts as unset); a bad value is a UsageError line naming it. */
export function toolEnvironment(env: NodeJS.ProcessEnv = process.env): ToolEnvironment {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const r = ToolEnv.safeParse({ LOG_LEVEL: "silent", ...set });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new UsageError(`Bad environment: ${name}=${JSON.stringify(env[name] ?? "")} ${issue.message}.`);
  }
  return { dataDir: resolve(r.data.DATA_DIR), threads: r.data.TRAINING_THREADS, logLevel: r.data.LOG_LEVEL };
}

/** The number a text spells (Infinity and NaN included, so the caller's check names them); "" is NaN. */
export function toNumber(text: string | boolean | undefined): number {
  if (typeof text !== "string" || text.trim() === "") return NaN;
  const t = text.trim().toLowerCase();
  if (t === "inf" || t === "+inf" || t === "infinity") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  return Number(text);
}

// `npm run landscape -- COMMAND ...`: list, build, probe, export and grid over the training core.
// Data directory: $DATA_DIR or ./data; threads: $TRAINING_THREADS. A bad argument or variable
// prints one line on stderr and exits 2 (nothing cached changes); a failure of the core exits 1.
import { pino } from "pino";
import { LandscapeError } from "../../lib/landscape/index";
import { TrainingCore } from "../training/core";
import { parseArgs, toolEnvironment, UsageError } from "./args";
import { COMMANDS } from "./commands";

const USAGE = `Commands: ${Object.values(COMMANDS).map((c) => c.usage).join(" | ")}`;

/** Runs the CLI on argv; resolves with the exit code. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    const command = name === undefined ? undefined : COMMANDS[name];
    if (!command) throw new UsageError(name === undefined ? `No command given. ${USAGE}` : `Unknown command "${name}". ${USAGE}`);
    const args = parseArgs(rest, command.options);
    const { dataDir, threads, logLevel } = toolEnvironment();
    const logger = pino({ level: logLevel }, pino.destination(2));
    await command.run(args, {
      openCore: (opts) => TrainingCore.create({ dataDir, logger, threads: opts?.threads ?? threads }),
      out: (text) => process.stdout.write(`${text}\n`),
    });
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof LandscapeError && e.code !== "worker_failed");
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`landscape: ${msg.split("\n")[0]}\n`);
    return usage ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

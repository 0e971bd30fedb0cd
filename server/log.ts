// Structured logs (pino), one line per event, with room and player ids where they apply: JSON for
// machines (a service manager, a file, a pipe), and readable lines when a person watches the
// terminal (pino-pretty, only on a TTY).
import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

/** The server's logger; `human` (a terminal) prints readable lines instead of JSON. */
export function createLogger(level: string, human = false): Logger {
  const base = { app: "downhill" };
  if (!human) return pino({ level, base });
  return pino({ level, base }, pretty({ colorize: true, translateTime: "HH:MM:ss", ignore: "pid,hostname,app", singleLine: true, sync: true }));
}

// Structured logs (pino), one line per event, with room and player ids where they apply.
import { pino, type Logger } from "pino";

/** The server's logger. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "downhill" } });
}

// Asking a process whether it is ready: an HTTP GET (no keep-alive, so nothing holds the script
// open afterwards), a Redis PING, and a wait loop that gives up on a deadline, on the process's
// exit, or on Ctrl-C, each with one line that says which.
import { request } from "node:http";
import { connect } from "node:net";
import { ClusterError } from "./errors";

/** An HTTP answer: status, headers and body text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET `url` with a timeout; rejects when nothing answers. */
export function httpGet(url: string, timeoutMs = 2000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", agent: false, headers: { connection: "close" }, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** Whether GET `url` answers 200. */
export async function httpOk(url: string): Promise<boolean> {
  try {
    return (await httpGet(url)).status === 200;
  } catch {
    return false;
  }
}

/** Whether a Redis server on 127.0.0.1:port answers PING with PONG. */
export function redisPong(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    let got = "";
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.on("connect", () => s.write("PING\r\n"));
    s.on("data", (d) => {
      got += d.toString("utf8");
      if (got.includes("\r\n")) done(got.startsWith("+PONG"));
    });
    s.on("error", () => done(false));
  });
}

/** What a wait watches besides its probe. */
export interface WaitOptions {
  /** What is awaited, for the error line ("node-1 to answer /healthz"). */
  what: string;
  timeoutMs: number;
  /** The process's exit: waiting stops at once when it ends. */
  exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Where its log is, named in the error line. */
  log?: string;
  /** Ctrl-C or SIGTERM of the script. */
  abort?: AbortSignal;
}

/** Polls `probe` every 250 ms until it holds; a ClusterError on timeout, exit or abort. */
export async function waitFor(probe: () => Promise<boolean>, opts: WaitOptions): Promise<void> {
  const see = opts.log ? ` (see ${opts.log})` : "";
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void opts.exited?.then((e) => (exit = e));
  const end = Date.now() + opts.timeoutMs;
  for (;;) {
    if (opts.abort?.aborted) throw new ClusterError(`Interrupted while waiting for ${opts.what}.`);
    if (await probe()) return;
    if (exit !== null) {
      const e: { code: number | null; signal: NodeJS.Signals | null } = exit;
      throw new ClusterError(`Gave up waiting for ${opts.what}: the process ended (${e.signal ?? `exit code ${e.code}`})${see}.`);
    }
    if (Date.now() >= end) throw new ClusterError(`Gave up waiting for ${opts.what} after ${Math.round(opts.timeoutMs / 1000)} s${see}.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// `npx tsx tests/load/projector-fps.ts [--url URL] [--students 60] [--rate 1] [--seconds 15]
//   [--landscape bowl] [--width 1366 --height 768] [--json]`
// How smoothly the teacher's projector draws a live class: a benchmark, not a test. It opens /host
// in headless Chromium (Debian's, software rendering), joins N socket.io bot students, starts a
// round and lets every student walk downhill at the rate; meanwhile a requestAnimationFrame loop
// in the page counts frames. Then the students stop (the round still running) and the page is
// measured idle. Prints fps and frame-time percentiles for each phase.
// Without --url it starts its own server (`node scripts/start.mjs`, a throwaway data directory,
// a free loopback port) and stops it by its process id at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import { parseArgs } from "../../server/cli/args";
import type { RoomView, ServerMessage } from "../../lib/protocol/server";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";

const Options = z.object({
  url: z.url().optional(),
  students: z.coerce.number().int().min(1).max(99).default(60),
  rate: z.coerce.number().positive().max(5).default(1),
  seconds: z.coerce.number().positive().max(600).default(15),
  landscape: z.string().default("bowl"),
  width: z.coerce.number().int().min(320).default(1366),
  height: z.coerce.number().int().min(320).default(768),
  json: z.boolean().default(false),
});

const argv = parseArgs(process.argv.slice(2), { url: "string", students: "string", rate: "string", seconds: "string", landscape: "string", width: "string", height: "string", json: "boolean" });
const parsed = Options.safeParse(argv.options);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  process.exit(2);
}
const opts = parsed.data;
const say = (line: string) => { if (!opts.json) console.error(line); };

/** A free loopback port for our own server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    }).on("error", reject);
  });
}

/** Starts `npm start`'s script on a free port and waits for its health check. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "downhill-fps-"));
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try { if ((await fetch(`${url}/healthz`)).ok) return { url, child }; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer its health check within 5 minutes");
}

/** One bot student: joins, then steps downhill at the rate while `walking` is on, one step in flight. */
class Student {
  readonly socket: Socket;
  private seq = 1;
  private lr = 0.01;
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  running = false;
  steps = 0;

  constructor(url: string, readonly name: string) {
    this.socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"], reconnection: false, forceNew: true });
    this.socket.on(MESSAGE_EVENT, (m: ServerMessage) => this.hear(m));
  }

  private hear(m: ServerMessage): void {
    if (m.type === "room") this.onView(m.view);
    else if (m.type === "felt") { this.inFlight = false; this.seq = m.seq + 1; this.steps++; }
    else if (m.type === "error") this.inFlight = false;
  }

  private onView(v: RoomView): void {
    if (v.phase === "running" && v.walk?.status === "walking" && !this.running) {
      this.running = true;
      this.seq = v.walk.path.length;
      // A small steady step downhill never leaves the map, so every walk lasts the whole window.
      this.lr = v.round!.landscape.lr.suggested / 4;
    }
  }

  join(code: string): void { this.socket.emit(MESSAGE_EVENT, { type: "room.join", code, nickname: this.name }); }

  /** Steps every 1/rate seconds (with a random phase, as a class does not step in unison). */
  walk(rate: number): void {
    const every = 1000 / rate;
    this.timer = setTimeout(() => {
      this.timer = setInterval(() => {
        if (!this.running || this.inFlight) return;
        this.inFlight = true;
        this.socket.emit(MESSAGE_EVENT, { type: "step", seq: this.seq, dir: "downhill", lr: this.lr });
      }, every);
    }, Math.random() * every);
  }

  stop(): void { if (this.timer) { clearTimeout(this.timer); clearInterval(this.timer); } this.timer = null; }
  close(): void { this.stop(); this.socket.disconnect(); }
}

/**
 * Frame times (ms) of the page's requestAnimationFrame loop over `seconds`. The loop is page
 * source text: tsx would wrap a function's inner arrows in a helper the page does not have.
 */
async function frameTimes(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const times = [];
    let last = performance.now();
    const end = last + ${seconds * 1000};
    function tick(t) {
      times.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(tick);
      else resolve(times);
    }
    requestAnimationFrame(tick);
  })`);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function summary(phase: string, times: number[]) {
  const total = times.reduce((a, b) => a + b, 0);
  const sorted = [...times].sort((a, b) => a - b);
  return { phase, frames: times.length, fps: (1000 * times.length) / total, p50: pct(sorted, 50), p95: pct(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

const own = opts.url ? null : await startServer().catch((e: Error) => { console.error(`cannot start the server: ${e.message}`); process.exit(1); });
const url = opts.url ?? own!.url;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const students: Student[] = [];
try {
  const page = await (await browser.newContext({ viewport: { width: opts.width, height: opts.height } })).newPage();
  await page.goto(`${url}/host`);
  const code = (await page.getByTestId("big-code").textContent({ timeout: 60_000 }))!.trim();
  say(`class ${code} at ${url}; ${opts.students} students joining`);
  for (let i = 0; i < opts.students; i++) students.push(new Student(url, `Bot ${String(i + 1).padStart(2, "0")}`));
  await Promise.all(students.map((s) => new Promise<void>((resolve) => s.socket.once("connect", () => resolve()))));
  for (const s of students) s.join(code);
  await page.getByTestId("host-start").and(page.locator(":enabled")).waitFor({ timeout: 60_000 });
  await page.getByTestId("host-landscape").selectOption(opts.landscape);
  await page.getByLabel("Step budget").fill("400");
  await page.getByTestId("host-start").click();
  for (let i = 0; i < 600 && !students.every((s) => s.running); i++) await new Promise((r) => setTimeout(r, 200));
  if (!students.every((s) => s.running)) throw new Error("the round did not start for every student within 2 minutes");
  await page.getByTestId("landscape").locator("canvas").waitFor();
  await page.getByText("the map is loading").waitFor({ state: "detached", timeout: 120_000 });
  say(`round running; measuring ${opts.seconds} s with every student walking at ${opts.rate} step/s`);
  for (const s of students) s.walk(opts.rate);
  await new Promise((r) => setTimeout(r, 2000)); // the steps get going
  const before = students.reduce((a, s) => a + s.steps, 0);
  const walking = summary(`${opts.students} students walking`, await frameTimes(page, opts.seconds));
  const stepsPerSec = (students.reduce((a, s) => a + s.steps, 0) - before) / opts.seconds;
  for (const s of students) s.stop();
  await new Promise((r) => setTimeout(r, 1500)); // the last steps land and are flushed
  say(`measuring ${opts.seconds} s idle (the round still running, nobody stepping)`);
  const idle = summary("idle", await frameTimes(page, opts.seconds));
  const rows = [walking, idle];
  if (opts.json) console.log(JSON.stringify({ students: opts.students, rate: opts.rate, stepsPerSec, rows }));
  else {
    console.log(`projector ${opts.width}×${opts.height}, ${opts.landscape}, ${opts.students} students, ${stepsPerSec.toFixed(1)} steps/s measured`);
    console.log("| phase | frames | fps | p50 ms | p95 ms | max ms |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const r of rows) console.log(`| ${r.phase} | ${r.frames} | ${r.fps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`);
  }
} finally {
  for (const s of students) s.close();
  await browser.close();
  if (own) own.child.kill("SIGTERM");
}

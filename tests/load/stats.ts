// The load tool's arithmetic: percentiles of round-trip times (nearest rank), the counters the
// bots keep, and the result line. Pure, so it is unit-tested without a server.

/** The p-th percentile (0–100) of values already sorted ascending; NaN for none. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p95 and p99, rounded to 0.1 ms (NaN when nothing was measured). */
export function summary(values: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = Float64Array.from(values).sort();
  const r = (p: number) => Math.round(percentileSorted(sorted, p) * 10) / 10;
  return { p50: r(50), p95: r(95), p99: r(99) };
}

/**
 * What the bots of one process counted during the measured window. Every step sent ends as
 * exactly one of: a timed round trip (rtts), an error, timed out, or resent after a dropped
 * connection (sent = rtts + errors + timedOut + resent); late counts timed-out steps answered
 * afterwards, and skipped/idle count ticks that sent nothing.
 */
export interface Tally {
  /** Round trips (ms) of steps answered with their felt within the loss timeout. */
  rtts: number[];
  /** Steps sent. */
  sent: number;
  /** Steps answered by an error instead of a felt. */
  errors: number;
  /** Error replies by code. */
  errorCodes: Record<string, number>;
  /** Steps with no reply within the timeout on a live connection (or by the end). */
  timedOut: number;
  /** Timed-out steps whose reply came after all. */
  late: number;
  /** Steps interrupted by a dropped connection and answered after the bot took its seat back. */
  resent: number;
  /** Acknowledged steps missing from a bot's walk when it took its seat back (must be 0). */
  lostAcked: number;
  /** Times a bot's socket came back after a drop (each followed by taking the seat back). */
  reconnects: number;
  /** The longest a bot wanted to step and had no step answered, ms (a failover shows here). */
  maxStallMs: number;
  /** Ticks that sent nothing because the player's last step was still in flight. */
  skipped: number;
  /** Ticks that sent nothing because the player's walk had ended (waiting for the next round). */
  idle: number;
  /** Rounds started during the window (after the first), over every room. */
  rounds: number;
  /** Errors the hosts received (a reveal or start refused). */
  hostErrors: number;
  /** Sockets that dropped during the run. */
  disconnects: number;
  /** CPU time this process used during the window, ms. */
  cpuMs: number;
  /** Longest stall of the bots' event loop during the window, ms (over 100 ms, the bots' own figures are suspect). */
  stallMs: number;
}

export function emptyTally(): Tally {
  return { rtts: [], sent: 0, errors: 0, errorCodes: {}, timedOut: 0, late: 0, resent: 0, lostAcked: 0, reconnects: 0, maxStallMs: 0, skipped: 0, idle: 0, rounds: 0, hostErrors: 0, disconnects: 0, cpuMs: 0, stallMs: 0 };
}

/** Adds b into a (the worker processes' tallies into the main one). */
export function mergeTally(a: Tally, b: Tally): Tally {
  for (const v of b.rtts) a.rtts.push(v);
  a.sent += b.sent;
  a.errors += b.errors;
  for (const [code, n] of Object.entries(b.errorCodes)) a.errorCodes[code] = (a.errorCodes[code] ?? 0) + n;
  a.timedOut += b.timedOut;
  a.late += b.late;
  a.resent += b.resent;
  a.lostAcked += b.lostAcked;
  a.reconnects += b.reconnects;
  a.maxStallMs = Math.max(a.maxStallMs, b.maxStallMs);
  a.skipped += b.skipped;
  a.idle += b.idle;
  a.rounds += b.rounds;
  a.hostErrors += b.hostErrors;
  a.disconnects += b.disconnects;
  a.cpuMs += b.cpuMs;
  a.stallMs = Math.max(a.stallMs, b.stallMs);
  return a;
}

/** The run as one record: the six agreed fields first, then the context. */
export function buildResult(t: Tally, run: { rooms: number; players: number; rate: number; seconds: number; budget: number; landscape: string; workers: number }) {
  const { p50, p95, p99 } = summary(t.rtts);
  return {
    players: run.rooms * run.players,
    p50, p95, p99,
    errors: t.errors,
    /** Acknowledged steps missing from a walk after a reconnection. */
    lost: t.lostAcked,
    reconnects: t.reconnects,
    maxStallMs: Math.round(t.maxStallMs),
    timedOut: t.timedOut,
    resent: t.resent,
    rooms: run.rooms,
    perRoom: run.players,
    rate: run.rate,
    seconds: run.seconds,
    landscape: run.landscape,
    budget: run.budget,
    sent: t.sent,
    steps: t.rtts.length,
    stepsPerSecond: Math.round(t.rtts.length / run.seconds),
    late: t.late,
    skipped: t.skipped,
    idle: t.idle,
    rounds: t.rounds,
    hostErrors: t.hostErrors,
    disconnects: t.disconnects,
    errorCodes: t.errorCodes,
    /** The bots' own CPU use, % of one core (over all worker threads). */
    clientCpu: Math.round((t.cpuMs / (run.seconds * 1000)) * 100),
    /** The longest the bots' event loop was stuck, ms: a reply waiting behind it reads that much slower. */
    clientStall: Math.round(t.stallMs),
    workers: run.workers,
  };
}
export type LoadResult = ReturnType<typeof buildResult>;

/** The human-readable report: a header, a row, and notes on anything that went wrong. */
export function formatResult(r: LoadResult): string {
  const cols: [string, string | number][] = [
    ["players", r.players], ["rooms", `${r.rooms}×${r.perRoom}`], ["rate/s", r.rate], ["sent", r.sent], ["steps/s", r.stepsPerSecond],
    ["p50 ms", r.p50], ["p95 ms", r.p95], ["p99 ms", r.p99], ["errors", r.errors], ["lost", r.lost],
    ["reconnects", r.reconnects], ["maxStall ms", r.maxStallMs],
  ];
  const w = cols.map(([h, v]) => Math.max(h.length, String(v).length));
  const lines = [cols.map(([h], i) => h.padStart(w[i]!)).join("  "), cols.map(([, v], i) => String(v).padStart(w[i]!)).join("  ")];
  const notes: string[] = [];
  if (r.rounds) notes.push(`${r.rounds} new round${r.rounds === 1 ? "" : "s"} started after walks spent their ${r.budget}-step budget`);
  if (r.skipped) notes.push(`${r.skipped} ticks skipped because the player's last step was still in flight`);
  if (r.timedOut) notes.push(`${r.timedOut} steps had no answer within 5 s on a live connection`);
  if (r.late) notes.push(`${r.late} timed-out steps answered later`);
  if (r.resent) notes.push(`${r.resent} steps interrupted by a dropped connection, answered after the seat came back`);
  if (Object.keys(r.errorCodes).length) notes.push(`errors: ${Object.entries(r.errorCodes).map(([c, n]) => `${c} ${n}`).join(", ")}`);
  if (r.hostErrors) notes.push(`${r.hostErrors} host commands refused`);
  if (r.disconnects) notes.push(`${r.disconnects} sockets dropped`);
  notes.push(`bots used ${r.clientCpu}% of a core; their event loop stalled at most ${r.clientStall} ms`);
  return [...lines, ...notes.map((n) => `(${n})`)].join("\n");
}

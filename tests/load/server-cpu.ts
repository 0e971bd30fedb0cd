// The server's CPU time during the measured window, by thread, read from Linux's /proc (the load
// tool runs on the server's machine): its main thread (HTTP, socket.io, the rooms, the embedded
// database, the probes it answers itself) apart from its other threads (the training workers, and
// V8's and libuv's helpers). `--server-pid PID` asks for it; the capacity model in the README is
// built from these figures.

/** CPU time of each thread of a process so far, ms, by thread id (empty when /proc cannot say). */
export async function threadCpu(pid: number): Promise<Map<number, number>> {
  const { readdirSync, readFileSync } = await import("node:fs");
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      out.set(Number(tid), Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]) / 1e6);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** The server's CPU use between two readings: its main thread's and every other thread's, ms. */
export function cpuBetween(pid: number, before: Map<number, number>, after: Map<number, number>): { mainMs: number; otherMs: number } {
  let mainMs = 0;
  let otherMs = 0;
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    if (tid === pid) mainMs += used;
    else otherMs += used;
  }
  return { mainMs, otherMs };
}

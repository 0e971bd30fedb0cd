// Interactive work first: while two landscapes are built at once (seconds of training each), bulk
// work holds at most one of the two workers, so a player's probe on a third landscape is answered
// while only one build has started training. Without the cap both trainings take both workers and
// the probe waits until one of them ends. No clock is read: the test compares what had happened
// by the time the probe came back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { TrainingCore } from "../../../server/training/core";
import { removeDir, tempDataDir } from "./support";

let core: TrainingCore;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  core = await TrainingCore.create({ dataDir, threads: 2, logger: pino({ level: "silent" }) });
  await core.ensure("bowl"); // the probe's landscape is ready before the test
}, 120_000);
afterAll(async () => {
  await core?.close();
  removeDir(dataDir);
});

describe("worker lanes", () => {
  it("keeps a worker free for a probe while two builds train", async () => {
    const trained: Record<string, number> = { chaos: 0, cliff: 0 };
    const peak = { bulk: 0 };
    const builds = ["chaos", "cliff"].map((id) => core.ensure(id, (f, label) => {
      if (label.startsWith("training") && f > 0) trained[id] = Math.max(trained[id]!, f);
      peak.bulk = Math.max(peak.bulk, core.health().bulkRunning);
    }));
    // Let both builds reach the pool (their train tasks are queued) before the probe is asked.
    await new Promise((r) => setImmediate(r));
    const felt = await core.probe("bowl", 0.5, -0.5);
    const startedTraining = Object.values(trained).filter((f) => f > 0).length;
    expect(Number.isFinite(felt.loss)).toBe(true);
    expect(startedTraining).toBeLessThanOrEqual(1);
    await Promise.all(builds);
    expect(peak.bulk).toBeLessThanOrEqual(1);
    expect(core.health().bulkRunning).toBe(0);
  }, 120_000);
});

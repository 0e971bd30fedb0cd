// A worker that dies (process.exit, an uncaught error) or throws a bug fails its own request with
// worker_failed, never hangs it; piscina replaces the worker, which reloads the landscape from
// the cache, and the pool answers as before. Other requests in flight still complete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LandscapeError, type Felt } from "../../../lib/landscape";
import { TrainingCore } from "../../../server/training/core";
import { recordingLogger, removeDir, tempDataDir } from "./support";

let core: TrainingCore;
let dataDir: string;
let reference: Felt;
const log = recordingLogger();

beforeAll(async () => {
  dataDir = tempDataDir();
  core = await TrainingCore.create({ dataDir, threads: 2, logger: log.logger, testHooks: true });
  reference = await core.probe("cliff", 0.3, -0.4);
});

afterAll(async () => {
  await core.close();
  removeDir(dataDir);
});

describe("worker failures", () => {
  for (const how of ["exit", "uncaught", "throw"] as const) {
    it(`turns a worker's "${how}" into worker_failed and keeps serving`, async () => {
      const inFlight = Array.from({ length: 12 }, () => core.probe("cliff", 0.3, -0.4).then((f) => f, (e: unknown) => e));
      const err = await core.crashWorkerForTest(how).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(LandscapeError);
      expect((err as LandscapeError).code).toBe("worker_failed");
      for (const r of await Promise.all(inFlight)) {
        // A probe that shared the dying worker may fail too, but only as worker_failed.
        if (r instanceof LandscapeError) expect(r.code).toBe("worker_failed");
        else expect(r).toEqual(reference);
      }
      const after = await Promise.all(Array.from({ length: 8 }, () => core.probe("cliff", 0.3, -0.4)));
      for (const f of after) expect(f).toEqual(reference);
      expect(core.health().threads).toBe(2);
    });
  }

  it("refuses the crash task when test hooks are off", async () => {
    const plain = await TrainingCore.create({ dataDir, threads: 1 });
    try {
      const err = await plain.crashWorkerForTest("exit").then(() => null, (e: unknown) => e);
      expect((err as LandscapeError).code).toBe("bad_argument");
      expect(await plain.probe("cliff", 0.3, -0.4)).toEqual(reference);
    } finally {
      await plain.close();
    }
  });

  it("rejects requests after close instead of hanging", async () => {
    const c = await TrainingCore.create({ dataDir, threads: 1 });
    await c.ensure("cliff");
    await c.close();
    const err = await c.probe("cliff", 0, 0).then(() => null, (e: unknown) => e);
    expect((err as LandscapeError).code).toBe("worker_failed");
  });
});

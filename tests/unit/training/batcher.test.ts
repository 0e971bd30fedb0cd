// Probe batching: probes of one turn travel together per landscape, split across the workers,
// each answer goes back to its own caller, and a failed batch fails only its own probes.
import { describe, expect, it } from "vitest";
import { PROBE_IN, PROBE_OUT, ProbeBatcher } from "../../../server/training/batcher";

describe("ProbeBatcher", () => {
  it("groups by key, splits across lanes and answers each caller", async () => {
    const sent: { ctx: string; count: number }[] = [];
    const batcher = new ProbeBatcher<string>(async (ctx, packed) => {
      const count = packed.length / PROBE_IN;
      sent.push({ ctx, count });
      const out = new Float64Array(count * PROBE_OUT);
      // The count right: −1 (no classes) for odd x, else 2x of 20 samples read.
      for (let k = 0; k < count; k++) {
        const x = packed[k * PROBE_IN]!;
        out.set([x + packed[k * PROBE_IN + 1]!, packed[k * PROBE_IN + 2]!, packed[k * PROBE_IN + 3]!, x % 2 ? -1 : 2 * x, 20], k * PROBE_OUT);
      }
      return out;
    }, 2);
    const a = Array.from({ length: 7 }, (_, k) => batcher.add("a", "A", { x: k, y: 0.5, batch: k, seed: 10 + k }));
    const b = batcher.add("b", "B", { x: 1, y: 1 });
    expect(await Promise.all(a)).toEqual(Array.from({ length: 7 }, (_, k) => ({ loss: k + 0.5, grad: [k, 10 + k], ...(k % 2 ? {} : { accuracy: { correct: 2 * k, of: 20 } }) })));
    expect(await b).toEqual({ loss: 2, grad: [0, 0] }); // full batch is packed as 0, seed defaults to 0; odd x: no count
    expect(sent).toEqual([{ ctx: "A", count: 4 }, { ctx: "A", count: 3 }, { ctx: "B", count: 1 }]);
  });

  it("rejects only the probes of a failed batch", async () => {
    const batcher = new ProbeBatcher<string>(async (ctx, packed) => {
      if (ctx === "bad") throw new Error("boom");
      return new Float64Array((packed.length / PROBE_IN) * PROBE_OUT).fill(-1);
    }, 1);
    const bad = batcher.add("x", "bad", { x: 0, y: 0 }).then(() => "ok", (e: Error) => e.message);
    const good = batcher.add("y", "good", { x: 0, y: 0 }).then(() => "ok");
    expect(await Promise.all([bad, good])).toEqual(["boom", "ok"]);
  });
});

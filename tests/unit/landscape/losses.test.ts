import { describe, expect, it } from "vitest";
import { outputLossAndDelta, softmaxRow } from "../../../lib/landscape/losses";

describe("losses", () => {
  it("softmax cross-entropy matches a hand calculation", () => {
    const logits = Float64Array.of(1, 2, 3);
    const delta = new Float64Array(3);
    const loss = softmaxRow(logits, 0, 3, 0, delta, 1);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(loss).toBeCloseTo(Math.log(z) - 1, 14);
    expect(delta[0]).toBeCloseTo(Math.exp(1) / z - 1, 14);
    expect(delta[2]).toBeCloseTo(Math.exp(3) / z, 14);
  });

  it("stays finite for huge logits (log-sum-exp)", () => {
    const delta = new Float64Array(3);
    const loss = softmaxRow(Float64Array.of(1000, -1000, 999), 0, 3, 2, delta, 1);
    expect(loss).toBeCloseTo(Math.log(1 + Math.exp(-1)) + 1, 12);
    expect(delta.every(Number.isFinite)).toBe(true);
  });

  it("mse is the mean over samples and outputs", () => {
    const out = Float64Array.of(1, 2, 3, 4); // (2, 2)
    const y = Float64Array.of(0, 0, 3, 2);
    const delta = new Float64Array(4);
    const loss = outputLossAndDelta("mse", out, y, null, 2, 2, delta);
    expect(loss).toBeCloseTo((1 + 4 + 0 + 4) / 4, 14);
    expect(Array.from(delta)).toEqual([0.5, 1, 0, 1]); // 2·e/(batch·outputs)
  });

  it("reads targets through the batch indices", () => {
    const delta = new Float64Array(1);
    expect(outputLossAndDelta("mse", Float64Array.of(5), Float64Array.of(0, 0, 3), Int32Array.of(2), 1, 1, delta)).toBe(4);
  });
});

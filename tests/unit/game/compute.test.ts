// Compute pricing: what a budget in passes buys, and what a walk read.
import { describe, expect, it } from "vitest";
import { computeSteps, passesRead, samplesPerStep } from "../../../lib/game/compute";

describe("compute pricing", () => {
  it("a step reads its batch (the whole dataset for batch 0, never more than it)", () => {
    expect(samplesPerStep(0, 569)).toBe(569);
    expect(samplesPerStep(32, 569)).toBe(32);
    expect(samplesPerStep(1000, 569)).toBe(569);
  });
  it("a budget of passes buys passes × N / b steps, within the step budget's limits", () => {
    expect(computeSteps(2, 32, 569)).toBe(35);
    expect(computeSteps(10, 0, 150)).toBe(10);
    expect(computeSteps(1, 0, 150)).toBe(3); // at least the smallest budget
    expect(computeSteps(100, 4, 1797)).toBe(500); // at most the largest
  });
  it("what a walk read, in passes", () => {
    expect(passesRead(35, 32, 569)).toBeCloseTo(1.968, 3);
    expect(passesRead(10, 0, 150)).toBe(10);
  });
});

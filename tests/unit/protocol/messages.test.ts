import { describe, expect, it } from "vitest";
import { ClientMessage, decodeGridValues, encodeGridValues, describeZodError } from "../../../lib/protocol";

describe("client messages", () => {
  it("accept a well-formed step and solo start", () => {
    expect(ClientMessage.safeParse({ type: "step", seq: 1, dir: "downhill", lr: 0.1 }).success).toBe(true);
    expect(ClientMessage.safeParse({ type: "step", seq: 3, dir: [0, -1], lr: 2 }).success).toBe(true);
    const start = ClientMessage.safeParse({ type: "solo.start", nickname: " Ada ", play: { mode: "custom", rules: { landscapeId: "bowl", budget: 30, batch: 0 } } });
    expect(start.success && start.data.type === "solo.start" && start.data.nickname).toBe("Ada");
    expect(ClientMessage.safeParse({ type: "solo.start", nickname: "Ada", play: { mode: "ranked", landscapeId: "bowl" }, device: "a-browser-id-0123456" }).success).toBe(true);
  });
  it("refuse keys they do not name, so a ranked round cannot carry its own budget", () => {
    const r = ClientMessage.safeParse({ type: "solo.start", nickname: "Ada", play: { mode: "ranked", landscapeId: "bowl", budget: 500 } });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error)).toMatch(/budget/);
    expect(ClientMessage.safeParse({ type: "step", seq: 1, dir: "downhill", lr: 0.1, x: 3 }).success).toBe(false);
  });
  it("refuse NaN, negative or zero steps, unknown types and bad codes, with a sentence", () => {
    for (const bad of [
      { type: "step", seq: 1, dir: "downhill", lr: -1 },
      { type: "step", seq: 1, dir: "downhill", lr: 0 },
      { type: "step", seq: 1, dir: "downhill", lr: Number.NaN },
      { type: "step", seq: 1, dir: [0, 0], lr: 1 },
      { type: "step", seq: 0, dir: "downhill", lr: 1 },
      { type: "teleport", x: 0, y: 0 },
      { type: "room.join", code: "O0O0O0", nickname: "x" },
      { type: "solo.start", nickname: "", play: { mode: "custom", rules: { landscapeId: "bowl", budget: 30, batch: 0 } } },
      { type: "solo.start", nickname: "Ada", rules: { landscapeId: "bowl", budget: 30, batch: 0 } },
      "step",
      null,
    ]) {
      const r = ClientMessage.safeParse(bad);
      expect(r.success).toBe(false);
      if (!r.success) expect(describeZodError(r.error)).toMatch(/^That message was not understood: .+\.$/);
    }
  });
});

describe("grid codec", () => {
  it("round-trips Float32 values, Infinity included", () => {
    const v = new Float32Array([0, 1.5, -2.25, Infinity, 3.4028234e38, 1e-7]);
    expect(Array.from(decodeGridValues(encodeGridValues(v)))).toEqual(Array.from(v));
    const big = new Float32Array(128 * 128).map((_, i) => Math.sin(i));
    expect(decodeGridValues(encodeGridValues(big))).toEqual(big);
  });
});

import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, isGameError, makeJoinCode, nextPhase } from "../../../lib/game/phase";

describe("round state machine", () => {
  it("walks a full classroom round", () => {
    let p = nextPhase("lobby", "setup");
    expect(p).toBe("lobby");
    for (const [ev, want] of [["start", "countdown"], ["go", "running"], ["pause", "paused"], ["resume", "running"], ["reveal", "revealed"], ["start", "countdown"]] as const) {
      p = nextPhase(p as never, ev);
      expect(p).toBe(want);
    }
  });
  it("refuses out-of-order events with a sentence", () => {
    const r = nextPhase("lobby", "reveal");
    expect(isGameError(r)).toBe(true);
    expect(r).toMatchObject({ code: "wrong_phase" });
    expect(isGameError(nextPhase("ended", "start"))).toBe(true);
    expect(isGameError(nextPhase("running", "start"))).toBe(true);
  });
  it("join codes use the readable alphabet", () => {
    let i = 0;
    const seq = [0, 0.99999, 0.5, 0.25, 0.75, 0.1];
    const code = makeJoinCode(() => seq[i++ % seq.length]!);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(code[0]).toBe(CODE_ALPHABET[0]);
    expect(code[1]).toBe(CODE_ALPHABET[CODE_ALPHABET.length - 1]);
  });
});

// The reveal's moments (start, worst stall, end) and the words that say what the network gets right.
import { describe, expect, it } from "vitest";
import { momentSteps, worstStall } from "../../../lib/game/moments";
import { percent, sampleNoun, sightSentence } from "../../../lib/game/sight";
import { findStalls, type WalkRecord } from "../../../lib/game/analysis";
import type { AltitudeScale } from "../../../lib/game/altitude";

describe("momentSteps", () => {
  it("is the start, the longest stall read at its middle, and the end", () => {
    const stalls = [{ from: 2, to: 5, at: 3 }, { from: 8, to: 14, at: 11 }, { from: 16, to: 19, at: 17 }];
    expect(worstStall(stalls)).toEqual(stalls[1]);
    expect(momentSteps(21, stalls)).toEqual([{ kind: "start", step: 0 }, { kind: "stall", step: 11, from: 8, to: 14 }, { kind: "end", step: 20 }]);
  });
  it("takes the first of equally long stalls", () => {
    expect(worstStall([{ from: 1, to: 4, at: 2 }, { from: 6, to: 9, at: 7 }])).toEqual({ from: 1, to: 4, at: 2 });
  });
  it("has no stall moment without a stall, or where the stall is read at the start or the end", () => {
    expect(momentSteps(10, [])).toEqual([{ kind: "start", step: 0 }, { kind: "end", step: 9 }]);
    expect(momentSteps(4, [{ from: 0, to: 3, at: 0 }]).map((m) => m.kind)).toEqual(["start", "end"]);
    expect(momentSteps(4, [{ from: 1, to: 3, at: 3 }]).map((m) => m.kind)).toEqual(["start", "end"]);
  });
  it("shows only the start of a walk that never stepped, and nothing of none", () => {
    expect(momentSteps(1, [])).toEqual([{ kind: "start", step: 0 }]);
    expect(momentSteps(0, [])).toEqual([]);
  });
  it("picks the stall the analysis finds: the longest run of level true losses", () => {
    const scale: AltitudeScale = { min: 0, max: 2, chance: Math.log(2) }; // level: |Δloss| < 0.05·0.1·0.69
    // Falls, then level for 4 steps (2..6), falls, level for 3 (8..11), falls.
    const losses = [2, 1.5, 1, 1, 1, 1, 1, 0.7, 0.5, 0.5, 0.5, 0.5, 0.2];
    const walk: WalkRecord = {
      playerId: "p", nickname: "p", ghost: null, status: "spent", lrs: losses.slice(1).map(() => 0.1),
      footprints: losses.map((loss, i) => ({ x: i, y: 0, loss, grad: [0, 0] as [number, number] })),
      truth: losses.map((loss) => ({ loss, grad: [0, 0] as [number, number] })),
    };
    const stalls = findStalls(walk, scale);
    expect(stalls.length).toBeGreaterThanOrEqual(2);
    const moments = momentSteps(losses.length, stalls);
    expect(moments[1]).toEqual({ kind: "stall", step: 4, from: 2, to: 6 });
  });
});

describe("the sight in words", () => {
  it("names the samples and says chance", () => {
    expect(sampleNoun("digits")).toBe("digits");
    expect(sampleNoun("moons")).toBe("points");
    expect(percent(0.614)).toBe("61 %");
    expect(sightSentence({ correct: 122, of: 200, chance: 0.5 }, "xor", 200)).toBe(
      "The network here classifies 61 % of the 200 points correctly (always giving the most common answer gets 50 %).");
    expect(sightSentence({ correct: 27, of: 32, chance: 0.1 }, "digits", 1797)).toBe(
      "The network here classifies 84 % of this step's 32 digits correctly (always giving the most common answer gets 10 %).");
    expect(sightSentence({ correct: 1500, of: 1797, chance: 0.1 }, "digits", 1797)).toMatch(/of the 1,797 digits/);
  });
});

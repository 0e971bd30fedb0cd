// The debrief's sentences from analyses made by hand: the room's summary, one example per lesson
// pointing at the path that shows it, and silence where nothing was measured. The sentences about
// real walks on the real landscapes are checked in rules-on-landscapes.test.ts.
import { describe, expect, it } from "vitest";
import type { WalkAnalysis } from "../../../lib/game/analysis";
import { distinctEnds, fmtLoss, ghostNote, roomNotes, walkNotes, type DebriefLand } from "../../../lib/game/debrief";

const land: DebriefLand = { room: "class", scale: { min: 0.1, chance: 1.1, max: 10 }, budget: 20, batch: 0, samples: 150, suggestedLr: 0.3 };
const base: WalkAnalysis = {
  playerId: "p", nickname: "Ada", ghost: null, outcome: "descended", steps: 20, end: [0, 0], finalLoss: 0.5, valleyStep: null,
  stalls: [], overshoot: null, noise: null, leftMap: null, crawl: null, schedule: null, momentum: null, probing: null, status: "spent",
};
const a = (o: Partial<WalkAnalysis>): WalkAnalysis => ({ ...base, ...o });
const saddleStall = { from: 3, to: 9, at: 6, loss: 1.1, atChance: true, escaped: true, ground: { shape: "saddle" as const, rises: ["north" as const], falls: ["east" as const], steepestRise: "north" as const, steepestFall: "east" as const } };

describe("roomNotes", () => {
  it("opens with a count of outcomes and who ended the round", () => {
    const notes = roomNotes([a({ playerId: "1", outcome: "valley", finalLoss: 0.12, valleyStep: 5 }), a({ playerId: "2", outcome: "valley", finalLoss: 0.15, valleyStep: 8 }), a({ playerId: "3", status: "walking" })], land, { by: "host" }, 4);
    expect(notes[0]).toEqual({ kind: "summary", playerId: null, text: "3 walkers: 2 reached the valley, 1 went down, short of the valley. The teacher revealed the map while 1 walker was still walking." });
    expect(notes.find((n) => n.kind === "valley")).toEqual({ kind: "valley", playerId: "1", text: "2 walkers reached the valley; the fastest, Ada, on step 5." });
  });
  it("points each lesson at the walker who shows it best, and says nothing of lessons nobody showed", () => {
    const notes = roomNotes([
      a({ playerId: "s", nickname: "Sam", outcome: "valley", finalLoss: 0.11, stalls: [saddleStall] }),
      a({ playerId: "o", nickname: "Olu", overshoot: { step: 4, from: 0.4, to: 3, count: 2, steeper: 1 } }),
      a({ playerId: "q", nickname: "Quin", overshoot: { step: 2, from: 0.4, to: 0.6, count: 1, steeper: 1 } }),
    ], land, { by: "walks" }, 4);
    const saddle = notes.find((n) => n.kind === "saddle")!;
    expect(saddle.playerId).toBe("s");
    expect(saddle.text).toBe("Sam: steps 3–9 at 1.10, exactly chance: the network gave every input the same answer. The ground rose to the north and fell to the east: a saddle, not the bottom. Sam kept walking and escaped.");
    expect(notes.find((n) => n.kind === "overshoot")).toMatchObject({ playerId: "o", text: expect.stringMatching(/^Olu: step 4 crossed the valley floor/) });
    for (const kind of ["plateau", "local_minimum", "crawl", "noise", "left_map", "diverged", "valleys"]) expect(notes.some((n) => n.kind === kind)).toBe(false);
  });
  it("speaks of different valleys only for walks that ended in one", () => {
    const left = a({ playerId: "1", outcome: "valley", finalLoss: 0.12, end: [-1, 0] });
    const right = a({ playerId: "2", outcome: "valley", finalLoss: 0.13, end: [1, 0] });
    const ridge = a({ playerId: "3", outcome: "saddle", finalLoss: 0.4, end: [0, 0] });
    expect(roomNotes([left, ridge], land, { by: "walks" }, 4).some((n) => n.kind === "valleys")).toBe(false);
    expect(roomNotes([left, right, ridge], land, { by: "walks" }, 4).find((n) => n.kind === "valleys")!.text).toBe("Walkers ended in 2 different valleys, at losses 0.120, 0.130: different minima, nearly equally good.");
    expect(distinctEnds([left, right, a({ outcome: "valley", finalLoss: 0.11, end: [-0.9, 0.1] })], 4)).toEqual([0.11, 0.13]);
  });
  it("names a race's winner instead of the fastest walker", () => {
    const notes = roomNotes([a({ playerId: "w", nickname: "Wu", outcome: "valley", finalLoss: 0.15, valleyStep: 7, steps: 7, status: "walking" })], { ...land, room: "race" }, { by: "winner", playerId: "w", nickname: "Wu", steps: 7 }, 4);
    expect(notes[0]!.text).toMatch(/Wu reached the valley first, on step 7, and won the race\./);
    expect(notes.some((n) => n.kind === "valley")).toBe(false);
  });
});

describe("walkNotes", () => {
  it("says how the walk ended, in the walker's own words", () => {
    expect(walkNotes(a({ status: "done", steps: 6, finalLoss: 1.1 }), land, { by: "walks" })[0]!.text).toBe("You stopped after 6 of 20 steps, ending at loss 1.10: at chance (1.10): the network gives every input the same answer.");
    expect(walkNotes(a({ status: "walking", steps: 12, finalLoss: 0.15 }), land, { by: "clock" })[0]!.text).toBe("Time ran out with 8 steps of 20 left, ending at loss 0.150: in the valley (it reaches up to 0.200; chance is 1.10).");
    expect(walkNotes(a({ finalLoss: 0.6 }), land, { by: "walks" })[0]!.text).toBe("You used all 20 steps, ending at loss 0.600: 50 % of the way from chance (1.10) down to the lowest point (0.100), short of the valley (up to 0.200).");
    expect(walkNotes(a({ steps: 0 }), land, { by: "walks" })).toEqual([{ kind: "end", playerId: "p", text: "You did not take a step, so there is nothing to score." }]);
  });
  it("blames a noisy minibatch for a long step when the felt slope was much steeper than the true one", () => {
    const notes = walkNotes(a({ overshoot: { step: 3, from: 0.3, to: 2, count: 1, steeper: 4.2 } }), { ...land, batch: 4 }, { by: "walks" });
    expect(notes.find((n) => n.kind === "overshoot")!.text).toMatch(/The minibatch's slope there was 4× steeper than the true one/);
  });
  it("names a divergence with the exploded loss, and a step off the map with the loss out there", () => {
    const gone = walkNotes(a({ status: "diverged", finalLoss: null, outcome: "diverged", leftMap: { step: 2, loss: 5e6, before: 0.8 } }), land, { by: "walks" });
    expect(gone.find((n) => n.kind === "diverged")!.text).toBe("Step 2 flew off the map so far that the loss exploded to 5.0e+6 (it was 0.800 a step before): the training diverged. A smaller step size would have stayed on the ground.");
    const left = walkNotes(a({ status: "left", finalLoss: null, outcome: "left_map", leftMap: { step: 2, loss: 31, before: 0.8 } }), land, { by: "walks" });
    expect(left.find((n) => n.kind === "left_map")!.text).toBe("Step 2 left the map. Out there the loss is 31.0 (it was 0.800 a step before): the step was too big to land on the map.");
  });
});

describe("ghostNote and fmtLoss", () => {
  it("compares the ghost's walk, with its stall", () => {
    const g = a({ playerId: "g", nickname: "Ghost", ghost: "gd", outcome: "valley", finalLoss: 0.15, stalls: [saddleStall] });
    expect(ghostNote(g, 0.3).text).toBe("Ghost (plain gradient descent, step size 0.30) ended at loss 0.150 (in the valley) after 20 steps from the same start. It stalled on a saddle on steps 3–9 and escaped.");
  });
  it("formats losses for sentences", () => {
    expect(fmtLoss(0.000123)).toBe("0.000123");
    expect(fmtLoss(123.4)).toBe("123");
    expect(fmtLoss(2.5e7)).toBe("2.5e+7");
    expect(fmtLoss(Infinity)).toBe("∞");
  });
});

// Turning the map in the rules: a turn's bookkeeping on a walk (its cost, where the walker stands,
// which slice each footprint is on, the heading kept, momentum stopped), the room's event (replayed
// exactly, refused out of place), its admission, and the debrief's verdict on it.
import { describe, expect, it } from "vitest";
import { footprintsOn, here, momentumStep, recordStep, recordTurn, sliceOf, startWalk, stepsLeft, TURN_COST, turnHeading, turnPreset, type Landing, type Walk, type WalkTurn } from "../../../lib/game/walk";
import { applyEvent, BadLogError } from "../../../lib/game/room/apply";
import { turnCheck, turnSeed } from "../../../lib/game/room/rules";
import type { RoomState } from "../../../lib/game/room/state";
import { roomTurnNote, turnEffects, turnNotes } from "../../../lib/game/turns";
import { isGameError } from "../../../lib/game/phase";

const land = (loss: number, grad: [number, number] = [1, 0]): Landing => ({ felt: { loss, grad }, truth: { loss, grad }, inside: true, explodesAbove: 1e9 });
const turnAt = (walk: Walk, loss: number, grad: [number, number]): WalkTurn => ({
  index: walk.path.length - 1, spec: { at: [here(walk).x, here(walk).y], heading: [1, 0], seed: 1 }, origin: { x: 0, y: 0, loss, grad }, truth: { loss, grad },
});

function walked(): Walk {
  const w = startWalk({ x: 0.3, y: 0.3, loss: 2, grad: [1, 1] }, 12, { loss: 2, grad: [1, 1] });
  recordStep(w, [0.2, 0.2], 0.1, land(1.9));
  recordStep(w, [0.1, 0.2], 0.1, land(1.85));
  return w;
}

describe("a walk that turns the map", () => {
  it("pays TURN_COST steps, stands at the new origin, and knows each footprint's slice", () => {
    const w = walked();
    expect(stepsLeft(w)).toBe(10);
    recordTurn(w, turnAt(w, 1.85, [0.5, -2]));
    expect(stepsLeft(w)).toBe(10 - TURN_COST);
    expect(here(w)).toEqual({ x: 0, y: 0, loss: 1.85, grad: [0.5, -2] });
    recordStep(w, [-0.05, 0.2], 0.1, land(1.6));
    expect([0, 1, 2, 3].map((i) => sliceOf(w, i))).toEqual([0, 0, 0, 1]);
    expect(footprintsOn(w, 0).footprints.map((f) => f.loss)).toEqual([2, 1.9, 1.85]);
    expect(footprintsOn(w, 1).footprints.map((f) => f.loss)).toEqual([1.85, 1.6]);
    expect(footprintsOn(w, 1).indices).toEqual([-1, 3]);
  });

  it("spends the budget counting the turns", () => {
    const w = startWalk({ x: 0, y: 0, loss: 2, grad: [1, 0] }, 5);
    recordTurn(w, turnAt(w, 2, [1, 0]));
    recordStep(w, [0.1, 0], 0.1, land(1.9));
    expect(w.status).toBe("walking");
    recordStep(w, [0.2, 0], 0.1, land(1.8));
    expect(w.status).toBe("spent");
  });

  it("keeps the aim, else the last step's heading, else downhill, as the new x axis", () => {
    const w = walked();
    expect(turnHeading(w, [0, 2])).toEqual([0, 2]);
    const [hx, hy] = turnHeading(w, null);
    expect(hx).toBeCloseTo(-0.1, 12);
    expect(hy).toBeCloseTo(0, 12);
    recordTurn(w, turnAt(w, 1.85, [0.5, -2]));
    expect(turnHeading(w, null)).toEqual([-0.5, 2]); // just turned: downhill on the new slice
  });

  it("stops the walker's momentum at a turn, and carries it from the new origin after", () => {
    const w = walked();
    recordTurn(w, turnAt(w, 1.85, [1, 0]));
    expect(momentumStep(w, "downhill", 0.1, 0.9)).toEqual([-0.1, 0]);
    recordStep(w, [-0.1, 0], 0.1, land(1.7, [1, 0]), 0.9);
    const [x, y] = momentumStep(w, "downhill", 0.1, 0.9);
    expect(x).toBeCloseTo(-0.1 - 0.1 + 0.9 * -0.1, 12); // the push, plus β times the step from the origin
    expect(y).toBeCloseTo(0, 12);
  });

  it("is The Badlands' preset only", () => {
    expect(turnPreset("chaos")).toBe(3);
    expect(turnPreset("bowl")).toBe(0);
  });
});

describe("the room's turned event and its admission", () => {
  const state = (turns: number | undefined, walk: Walk): RoomState => ({
    id: "r", kind: "solo", code: "ABCDEF", phase: "running", hostSecret: "h".repeat(16), ownerSeat: null, seats: {}, removed: [], nextRules: null, nextGhosts: [],
    round: { rules: { turns, seed: 4 }, walks: { a: walk } } as unknown as RoomState["round"], roundsPlayed: 1, results: [], createdAt: 0, lastActivityAt: 0, homework: null,
  });

  it("replays a turn exactly and refuses one at the wrong footprint", () => {
    const w = walked();
    const s = state(3, w);
    const turn = turnAt(w, 1.85, [0.2, 0.1]);
    applyEvent(s, { at: 1, type: "turned", seatId: "a", turn });
    expect(s.round!.walks.a!.turns).toEqual([turn]);
    expect(() => applyEvent(s, { at: 2, type: "turned", seatId: "a", turn: { ...turn, index: 1 } })).toThrow(BadLogError);
  });

  it("admits a turn only where the rules allow one, not twice in a row, and not for the last steps", () => {
    const refused = (s: RoomState) => { const r = turnCheck(s, "a"); return isGameError(r) ? r.message : "ok"; };
    expect(refused(state(undefined, walked()))).toBe("This round's map does not turn.");
    const w = walked();
    expect(refused(state(1, w))).toBe("ok");
    recordTurn(w, turnAt(w, 1.85, [1, 0]));
    expect(refused(state(2, w))).toMatch(/take a step on this slice first/);
    recordStep(w, [0.1, 0], 0.1, land(1.8));
    expect(refused(state(1, w))).toMatch(/turned the map 1 time: that is all/);
    const short = startWalk({ x: 0, y: 0, loss: 1, grad: [1, 0] }, TURN_COST);
    expect(refused(state(3, short))).toMatch(/costs 3 steps and must leave one/);
    expect(turnSeed(4, 0)).not.toBe(turnSeed(4, 1));
    expect(turnSeed(4, 1)).toBe(turnSeed(4, 1));
  });
});

describe("the debrief on a turn", () => {
  it("says a turn opened a dead end when the loss fell clearly faster after it", () => {
    // Stalled at 1.0 before the turn at footprint 4, falling 0.1 a step after.
    const losses = [1.2, 1.01, 1.005, 1.002, 1.0, 0.9, 0.8, 0.7];
    const [e] = turnEffects(losses, [4], 0.1);
    expect(e!.before).toBeCloseTo(0.01 / 3, 12); // over the last 3 steps before
    expect(e!.after).toBeCloseTo(0.1, 12);
    expect(e!.opened).toBe(true);
    const [note] = turnNotes([e!], { playerId: "a", nickname: "A", you: true }, 522);
    expect(note!.text).toMatch(/^You turned the map at step 4 \(altitude 1\.00\): on slice 2 the loss fell 0\.100 a step against 0\.00333 a step just before\. The turn opened a dead end/);
    expect(note!.text).toContain("522 directions");
  });

  it("says when it did not help, or when no step followed", () => {
    const losses = [1.5, 1.3, 1.1, 1.05, 1.04];
    const [slow] = turnEffects(losses, [2], 0.1);
    expect(slow!.opened).toBe(false);
    expect(turnNotes([slow!], { playerId: "a", nickname: "Ada", you: false }, 10)[0]!.text).toMatch(/^Ada turned the map at step 2 .* no faster: the old slice was not a dead end there\.$/);
    const [none] = turnEffects(losses, [4], 0.1);
    expect(turnNotes([none!], { playerId: "a", nickname: "A", you: true }, 10)[0]!.text).toBe("You turned the map at step 4 (altitude 1.04), and took no step on slice 2.");
  });
});

describe("the analysis across a turn", () => {
  it("never compares the footprints on either side of a turn (they are on different slices)", async () => {
    const { analyseWalk } = await import("../../../lib/game/analysis");
    const fp = (x: number, loss: number, g: number) => ({ x, y: 0, loss, grad: [g, 0] as [number, number] });
    // Footprint 1 is where the walker turned; footprint 2 is on the new slice, measured from its origin (0, 0).
    const footprints = [fp(0.9, 1.0, 1), fp(0.5, 0.8, 1), fp(0.3, 1.0, -1)];
    const record = { playerId: "a", nickname: "A", ghost: null, footprints, truth: footprints.map((f) => ({ loss: f.loss, grad: f.grad })), lrs: [0.1, 0.1], status: "done" as const };
    const land = { scale: { min: 0.1, chance: 2, max: 3 }, extent: { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] }, suggestedLr: 0.1, batch: 0, samples: 100, budget: 10 };
    // Read as one slice, the last step would cross a valley floor and climb: an overshoot.
    expect(analyseWalk(record, new Map(), land).overshoot).not.toBeNull();
    expect(analyseWalk({ ...record, turnedAt: [1] }, new Map(), land).overshoot).toBeNull();
  });
});

describe("the room's note on turns", () => {
  it("counts the walkers who turned and points at the turn that fell fastest", () => {
    const e = (after: number, opened: boolean) => ({ at: 3, loss: 1, before: 0.001, after, opened });
    expect(roomTurnNote([{ playerId: "a", nickname: "Ada", effects: [] }])).toBeNull();
    const note = roomTurnNote([
      { playerId: "a", nickname: "Ada", effects: [e(0.05, true), e(0.001, false)] },
      { playerId: "b", nickname: "Bo", effects: [e(0.2, true)] },
      { playerId: "c", nickname: "Cy", effects: [e(0.0, false)] },
    ])!;
    expect(note).toEqual({ kind: "turn", playerId: "b", text: "3 walkers turned the map 4 times, each time onto a fresh 2-D slice through where they stood. For 2 of them a turn opened a dead end (the loss fell at least 2× as fast on the new slice): Bo's most of all." });
    expect(roomTurnNote([{ playerId: "c", nickname: "Cy", effects: [e(0.0, false)] }])!.text).toBe("Cy turned the map once, onto a fresh 2-D slice through where they stood. No turn opened a dead end: the new slices fell no faster than the old ones.");
  });
});

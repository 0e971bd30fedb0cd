// The walker's sight in the page's state: the latest footprint's wins whatever order the step's
// answer and a resent one arrive in, and a new round starts without the last round's.
import { describe, expect, it } from "vitest";
import { initialState, reduce } from "../../../app/_lib/session-state";
import type { ServerMsgOf } from "../../../lib/protocol/server";

const sight = (round: number, seq: number, correct: number): ServerMsgOf<"sight"> => ({ type: "sight", round, seq, sight: { correct, of: 200, chance: 0.5, regions: null } });

describe("the sight in the session state", () => {
  it("keeps the latest footprint's sight, and a late earlier one does not replace it", () => {
    let s = reduce(initialState, { kind: "msg", msg: sight(1, 0, 50) });
    s = reduce(s, { kind: "msg", msg: sight(1, 2, 120) });
    s = reduce(s, { kind: "msg", msg: sight(1, 1, 90) }); // a resent answer, late
    expect(s.sight?.sight.correct).toBe(120);
    s = reduce(s, { kind: "msg", msg: sight(2, 0, 40) }); // the next round's start
    expect(s.sight?.sight.correct).toBe(40);
  });
});

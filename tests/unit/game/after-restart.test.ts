// What a restored room does with a round its server left running: paused with the time its clock
// had left (a single server's restart: the teacher resumes), or going on at once with the outage
// added to its clock (a cluster's takeover, within seconds).
import { describe, expect, it } from "vitest";
import { afterRestart } from "../../../lib/game/room/rules";
import { applyEvent } from "../../../lib/game/room/apply";
import type { RoomState } from "../../../lib/game/room/state";

/** The parts of a room afterRestart reads (a whole round is built by the replay tests). */
function roomAt(phase: RoomState["phase"], endsAt: number | null, lastActivityAt: number, timeLimitSec = 60): RoomState {
  return { phase, lastActivityAt, round: { endsAt, rules: { timeLimitSec }, pausedRemainingMs: null } } as unknown as RoomState;
}

describe("afterRestart", () => {
  it("pauses a running round with the time its clock had at the last event", () => {
    expect(afterRestart(roomAt("running", 100_000, 70_000), 500_000)).toEqual([{ at: 500_000, type: "paused", remainingMs: 30_000 }]);
  });

  it("in a cluster, goes on at once: the outage does not count against the walkers", () => {
    const events = afterRestart(roomAt("running", 100_000, 70_000), 75_000, true);
    expect(events).toEqual([{ at: 75_000, type: "paused", remainingMs: 30_000 }, { at: 75_000, type: "resumed", endsAt: 105_000 }]);
  });

  it("a round without a clock stays without one", () => {
    expect(afterRestart(roomAt("running", null, 70_000), 75_000, true)).toEqual([{ at: 75_000, type: "paused", remainingMs: null }, { at: 75_000, type: "resumed", endsAt: null }]);
  });

  it("a countdown becomes a running round with its whole time limit (paused, or going on)", () => {
    expect(afterRestart(roomAt("countdown", null, 70_000, 90), 80_000)).toEqual([{ at: 80_000, type: "roundRunning", endsAt: 170_000 }, { at: 80_000, type: "paused", remainingMs: 90_000 }]);
    expect(afterRestart(roomAt("countdown", null, 70_000, 90), 80_000, true).map((e) => e.type)).toEqual(["roundRunning", "paused", "resumed"]);
  });

  it("leaves a lobby, a paused round, a reveal and an ended session as they were", () => {
    for (const phase of ["lobby", "paused", "revealed", "ended"] as const) expect(afterRestart(roomAt(phase, 1, 1), 5, true)).toEqual([]);
  });

  it("the events apply: a paused round holds its remaining time, a resumed one its new end", () => {
    const s = roomAt("running", 100_000, 70_000);
    let state = s;
    for (const e of afterRestart(s, 75_000, true)) state = applyEvent(state, e);
    expect(state.phase).toBe("running");
    expect(state.round!.endsAt).toBe(105_000);
  });
});

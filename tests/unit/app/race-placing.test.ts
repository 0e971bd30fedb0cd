// A race's result: the first in the valley wins whatever the scores say; otherwise the lowest end
// wins; ghosts race along but take no place.
import { describe, expect, it } from "vitest";
import { ordinal, racePlacings } from "../../../app/_lib/race-placing";
import type { ServerMsgOf } from "../../../lib/protocol/server";
import type { Footprint } from "../../../lib/protocol/common";

const fps = (n: number): Footprint[] => Array.from({ length: n + 1 }, (_, i) => ({ x: i, y: 0, loss: 1, grad: [0, 0] }));
const path = (playerId: string, score: number, finalLoss: number | null, steps: number, ghost = false) => ({
  playerId, nickname: playerId, ghost: ghost ? ("gd" as const) : null, footprints: fps(steps), outcome: "descended" as const, score, finalLoss,
});
const reveal = (ended: ServerMsgOf<"reveal">["ended"], paths: ReturnType<typeof path>[]): ServerMsgOf<"reveal"> => ({
  type: "reveal", round: 1, grid: { size: 2, extent: { x: [0, 1], y: [0, 1] }, values: "", min: { x: 0, y: 0, loss: 0 }, max: 1 },
  scale: { min: 0, chance: 1, max: 2 }, ended, paths, debrief: [],
});

describe("racePlacings", () => {
  it("puts the first racer in the valley first, ahead of a lower end", () => {
    const r = racePlacings(reveal({ by: "winner", playerId: "hare", nickname: "hare", steps: 4 }, [path("tortoise", 900, 0.06, 9), path("hare", 720, 0.15, 4), path("Ghost GD", 990, 0.05, 9, true)]));
    expect(r.victory).toEqual({ how: "valley", playerId: "hare", nickname: "hare", steps: 4 });
    expect(r.rows.map((x) => [x.playerId, x.place])).toEqual([["hare", 1], ["tortoise", 2], ["Ghost GD", null]]);
  });

  it("without a winner in the valley, the lowest end wins; off the map comes last", () => {
    const r = racePlacings(reveal({ by: "clock" }, [path("a", 0, null, 2), path("b", 400, 0.5, 6), path("c", 400, 0.4, 8)]));
    expect(r.victory).toMatchObject({ how: "lowest", playerId: "c" });
    expect(r.rows.map((x) => x.playerId)).toEqual(["c", "b", "a"]);
  });

  it("names places in English", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]);
  });
});

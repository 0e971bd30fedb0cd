// The projector's live paths stay one copy of each walk whatever order and repetition the server's
// flushes and whole-path resends (after a host's refresh) arrive in.
import { describe, expect, it } from "vitest";
import { mergeLive } from "../../../app/_lib/live-paths";
import type { Footprint } from "../../../lib/protocol/common";

const fp = (x: number, y: number): Footprint => ({ x, y, loss: x * x + y * y, grad: [2 * x, 2 * y] });
const start: [number, number] = [1, 1];
const walk = [fp(1, 1), fp(0.8, 0.7), fp(0.5, 0.4), fp(0.3, 0.2)];

describe("mergeLive", () => {
  it("appends footprints as they land", () => {
    let live = mergeLive({}, { a: [walk[1]!] }, start);
    live = mergeLive(live, { a: [walk[2]!, walk[3]!] }, start);
    expect(live.a).toEqual(walk.slice(1));
  });

  it("replaces with a whole path, however often it is resent (two claims after a refresh)", () => {
    let live = mergeLive({}, { a: walk.slice(0, 3) }, start);
    live = mergeLive(live, { a: walk.slice(0, 3) }, start);
    expect(live.a).toEqual(walk.slice(0, 3));
  });

  it("skips footprints it already has (a flush pending when the whole path went out)", () => {
    let live = mergeLive({}, { a: walk.slice(0, 3) }, start);
    live = mergeLive(live, { a: [walk[1]!, walk[2]!, walk[3]!] }, start);
    expect(live.a).toEqual(walk);
    live = mergeLive(live, { a: [walk[3]!] }, start);
    expect(live.a).toEqual(walk);
  });

  it("keeps other players' paths and ignores empty lists", () => {
    let live = mergeLive({}, { a: walk.slice(0, 2), b: [fp(1, 1), fp(1.2, 0.9)] }, start);
    live = mergeLive(live, { a: [], b: [fp(1.3, 0.7)] }, start);
    expect(live.a).toEqual(walk.slice(0, 2));
    expect(live.b).toHaveLength(3);
  });

  it("without a known start appends without repeating", () => {
    let live = mergeLive({}, { a: walk.slice(0, 2) }, null);
    live = mergeLive(live, { a: walk.slice(0, 3) }, null);
    expect(live.a).toEqual(walk.slice(0, 3));
  });
});

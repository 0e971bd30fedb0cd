// The reveal, with a recording stand-in for the training core: ghosts walk by the players' rules,
// a minibatch walk's true altitudes are measured at the reveal, and a step off the map is measured
// where it landed (the core is asked with offMap), in the round's turned coordinates.
import { describe, expect, it } from "vitest";
import { computeReveal, ghostWalk } from "../../../server/rooms/reveal";
import type { GhostPoint, RoomDeps } from "../../../server/rooms/deps";
import type { RoomState } from "../../../lib/game/room/state";
import { recordStep, startWalk } from "../../../lib/game/walk";
import type { LandscapeInfo } from "../../../lib/landscape/types";

const extent = { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] };
const pt = (x: number, y: number, loss: number): GhostPoint => ({ x, y, loss, gx: 1, gy: 0 });

describe("ghost walks", () => {
  it("leave the map as 'left' (or 'diverged' where the loss exploded), and finish otherwise", () => {
    const off = ghostWalk([pt(0.5, 0, 3), pt(0, 0, 2), pt(-1.5, 0, 9)], extent, 0.1, 10, true, 100);
    expect(off.status).toBe("left");
    expect(off.path).toHaveLength(3);
    expect(off.lrs).toEqual([0.1, 0.1]);
    expect(off.path[2]!.loss).toBe(9);
    expect(ghostWalk([pt(0.5, 0, 3), pt(-1.5, 0, 1e9)], extent, 0.1, 10, true, 100).status).toBe("diverged");
    expect(ghostWalk([pt(0.5, 0, 3), pt(0.2, 0, Infinity)], extent, 0.1, 10, true, 100).status).toBe("diverged");
    expect(ghostWalk([pt(0.5, 0, 3), pt(0.2, 0, 2)], extent, 0.1, 10, true, 100).status).toBe("done");
    expect(ghostWalk([pt(0.5, 0, 3), pt(0.2, 0, 2), pt(0.1, 0, 1)], extent, 0.1, 1, true, 100).status).toBe("spent");
  });
});

describe("computeReveal", () => {
  it("measures a minibatch walk's truth and the loss where a ghost left the map, turning points into the core's frame", async () => {
    const info = { id: "t", name: "T", extent, lr: { min: 0.01, max: 1, suggested: 0.1 }, starts: [[0.5, 0]], dataset: { samples: 100 }, chance: 0.7, shift: 0 } as unknown as LandscapeInfo;
    const probed: { x: number; y: number; offMap: boolean }[] = [];
    const deps = {
      landscapes: {
        // Planned in slice coordinates; the round's window is turned by a half turn (turn 2: (x, y) → (−x, −y)), not shifted.
        ensure: async () => ({ info, minimum: { x: -1, y: -1, loss: 0.1 } }),
        ghost: async () => [pt(-0.5, 0, 3), pt(-0.1, 0, 2), pt(1.4, 0, 5)],
        probe: async (_id: string, x: number, y: number, o: { offMap?: boolean } = {}) => {
          probed.push({ x, y, offMap: o.offMap ?? false });
          return { loss: Math.abs(x) > 1 ? 5 : 1.5, grad: [0, 0] as [number, number] };
        },
        field: async () => ({ size: 2, extent, values: new Float32Array([0.1, 2, 3, 4]), min: { x: -1, y: -1, loss: 0.1 }, max: 4 }),
        regions: async () => null,
      },
    } as unknown as RoomDeps;
    let walk = startWalk({ x: 0.5, y: 0, loss: 3, grad: [1, 0] }, 10, { loss: 3, grad: [1, 0] });
    walk = recordStep(walk, [0.3, 0], 0.2, { felt: { loss: 2.5, grad: [1, 0] }, truth: null, inside: true, explodesAbove: 40 });
    const state = {
      kind: "solo",
      seats: { p1: { id: "p1", nickname: "Ada", token: "t", device: null, address: "", connected: true, ghost: null, total: 0, joinedAt: 1 } },
      round: {
        no: 1, rules: { landscapeId: "t", budget: 10, batch: 8, timeLimitSec: 0, seed: 5, showOthers: false, ranked: false }, ranked: false, landscape: info,
        scale: { min: 0.1, chance: 0.7, max: 4 }, map: { turn: 2, cells: [0, 0], spacing: 2, extent }, start: [0.5, 0], startLossFull: 3, startsAt: 0, endsAt: null, walks: { p1: walk }, ghosts: [], ghostStates: {}, ended: null,
      },
    } as unknown as RoomState;
    const r = await computeReveal(deps, state, { by: "walks" });
    const ghost = r.paths.find((p) => p.ghost === "gd")!;
    expect(ghost.outcome).toBe("left_map");
    expect(ghost.footprints[2]!.x).toBe(-1.4); // turned into the player's frame
    const me = r.paths.find((p) => p.playerId === "p1")!;
    expect(me.finalLoss).toBe(1.5); // the true altitude, measured at the reveal
    expect(probed).toContainEqual({ x: -0.3, y: 0, offMap: true }); // the player's step, turned back to the core's frame
    // The grid is turned too: a half turn takes the lowest cell from (−1, −1) to (1, 1).
    expect(Array.from(Buffer.from(r.grid.values, "base64")).length).toBe(16);
    expect(r.grid.min).toMatchObject({ x: 1, y: 1 });
  });
});

// The solo reveal's ghost walks by the players' rules: leaving the map is diverging, and a
// diverged walk is never probed (the core refuses points off the map).
import { describe, expect, it } from "vitest";
import { computeReveal, ghostWalk } from "../../../server/rooms/reveal";
import type { GhostPoint, RoomDeps } from "../../../server/rooms/deps";
import type { RoomState } from "../../../server/rooms/state";
import { startWalk, recordStep } from "../../../lib/game/walk";
import type { LandscapeInfo } from "../../../lib/landscape/types";

const extent = { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] };
const pt = (x: number, y: number, loss: number): GhostPoint => ({ x, y, loss, gx: 1, gy: 0 });

describe("ghost walks", () => {
  it("diverge where they leave the map or the loss stops being finite, and finish otherwise", () => {
    const off = ghostWalk([pt(0.5, 0, 3), pt(0, 0, 2), pt(-1.5, 0, 1)], extent, 0.1, 10);
    expect(off.status).toBe("diverged");
    expect(off.path).toHaveLength(3);
    expect(off.lrs).toEqual([0.1, 0.1]);
    expect(off.path[2]!.loss).toBeNull();
    expect(ghostWalk([pt(0.5, 0, 3), pt(0.2, 0, Infinity)], extent, 0.1, 10).status).toBe("diverged");
    expect(ghostWalk([pt(0.5, 0, 3), pt(0.2, 0, 2)], extent, 0.1, 10).status).toBe("done");
    expect(ghostWalk([pt(0.5, 0, 3), pt(0.2, 0, 2), pt(0.1, 0, 1)], extent, 0.1, 1).status).toBe("spent");
  });

  it("in a solo minibatch round, a ghost that leaves the map is revealed as diverged without probing off the map", async () => {
    const info = { id: "t", extent, lr: { min: 0.01, max: 1, suggested: 0.1 }, starts: [[0.5, 0]] } as unknown as LandscapeInfo;
    const probed: [number, number][] = [];
    const deps = {
      landscapes: {
        ghost: async () => [pt(0.5, 0, 3), pt(0.1, 0, 2), pt(-1.4, 0, 5)],
        probe: async (_id: string, x: number, y: number) => {
          if (x < extent.x[0] || x > extent.x[1]) throw new Error(`probe off the map at ${x}`);
          probed.push([x, y]);
          return { loss: 1.5, grad: [0, 0] as [number, number] };
        },
        grid: async () => ({ size: 2, extent, values: new Float32Array(4), min: { x: 0, y: 0, loss: 0.1 }, max: 4 }),
      },
    } as unknown as RoomDeps;
    let walk = startWalk({ x: 0.5, y: 0, loss: 3, grad: [1, 0] }, 10);
    walk = recordStep(walk, [0.3, 0], 0.2, { loss: 2.5, grad: [1, 0] });
    const state = {
      kind: "solo",
      seats: { p1: { id: "p1", nickname: "Ada", token: "t", device: null, connected: true, ghost: null, total: 0, joinedAt: 1 } },
      round: {
        no: 1, rules: { landscapeId: "t", budget: 10, batch: 8, timeLimitSec: 0, seed: 5, showOthers: false }, landscape: info, minLoss: 0.1,
        start: [0.5, 0], startLossFull: 3, startsAt: 0, endsAt: null, walks: { p1: walk }, trueLoss: {}, ghosts: [], ghostPaths: {},
      },
    } as unknown as RoomState;
    const r = await computeReveal(deps, state);
    const ghost = r.paths.find((p) => p.ghost === "gd")!;
    expect(ghost.outcome).toBe("diverged");
    expect(ghost.finalLoss).toBeNull();
    expect(r.paths.find((p) => p.playerId === "p1")!.finalLoss).toBe(1.5); // the player's true altitude
    expect(probed).toEqual([[0.3, 0]]);
  });
});

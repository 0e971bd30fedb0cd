// The ghosts' pure optimizers against the training core's own (lib/landscape/optimizers.ts), step
// for step, and their indifference to the round's turn.
import { describe, expect, it } from "vitest";
import { createOptimizer } from "../../../lib/landscape/optimizers";
import { optimizerStep, startOptimizer, type OptimizerName } from "../../../lib/game/optimizer";
import { slopeToPlayer, toPlayer, type RoundMap } from "../../../lib/game/transform";

/** A made-up slope field: a tilted quadratic bowl with a ripple. */
const grad = (p: readonly [number, number]): [number, number] => [2 * p[0] + 0.5 * p[1] + Math.sin(3 * p[1]), 0.5 * p[0] + 8 * p[1] + 0.3];

describe("optimizerStep", () => {
  it.each<[OptimizerName, "sgd" | "momentum" | "adam"]>([["gd", "sgd"], ["momentum", "momentum"], ["adam", "adam"]])("%s follows the core's %s step for step", (name, kind) => {
    const core = createOptimizer(kind, 2);
    const q = Float64Array.of(1.3, -0.7);
    let p: [number, number] = [1.3, -0.7];
    let s = startOptimizer(name);
    for (let k = 0; k < 40; k++) {
      const g = grad(p);
      core.step(q, Float64Array.from(g), 0.05);
      const r = optimizerStep(s, p, g, 0.05);
      p = r.to;
      s = r.state;
      expect(p[0]).toBe(q[0]);
      expect(p[1]).toBe(q[1]);
    }
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain data: it can be stored and replayed
  });

  it.each<OptimizerName>(["gd", "momentum", "adam"])("%s walks the same path whichever way the map is turned", (name) => {
    const extent = { x: [-2, 2] as [number, number], y: [-2, 2] as [number, number] };
    for (const turn of [1, 2, 5, 7] as const) {
      const map: RoundMap = { turn, cells: [0, 0], spacing: 0.1, extent };
      let q: [number, number] = [1.3, -0.7];
      let p = toPlayer(map, q);
      let sq = startOptimizer(name), sp = startOptimizer(name);
      for (let k = 0; k < 25; k++) {
        const g = grad(q);
        const a = optimizerStep(sq, q, g, 0.05);
        const b = optimizerStep(sp, p, slopeToPlayer(turn, g), 0.05);
        q = a.to; sq = a.state; p = b.to; sp = b.state;
        const seen = toPlayer(map, q);
        expect(p[0]).toBeCloseTo(seen[0], 12);
        expect(p[1]).toBeCloseTo(seen[1], 12);
      }
    }
  });
});

// Teams on a real landscape, the preset (The Ravine, minibatches of 4, teams of 4): a team whose
// members each follow their own minibatch slope moves by the mean (lib/game/teams.ts, the same
// functions the room applies), and the noise of its steps, measured as the debrief measures it
// (each proposal's miss of the full-batch step), is cut by about √4 = 2 against one member's.
import { describe, expect, it } from "vitest";
import { formTeams, teamMove, teamNoise } from "../../../lib/game/teams";
import { recordStep, startWalk, here, type Walk } from "../../../lib/game/walk";
import { mixSeed } from "../../../lib/landscape";
import { land, truthAt } from "./real";

describe("a team of four on The Ravine with minibatches of 4", () => {
  it("averages four noisy slopes into a step much closer to the true downhill", () => {
    const l = land("ravine");
    const batch = 4;
    const lr = l.recipe.lr.suggested;
    const [team] = formTeams(["a", "b", "c", "d"], { a: "A", b: "B", c: "C", d: "D" }, 4, 2026);
    const start = l.recipe.starts[0]!;
    const feel = (x: number, y: number, seed: number, k: number) => l.ev.felt(x, y, { batch, seed: mixSeed(seed, k) });
    const walks: Record<string, Walk> = {};
    for (const m of team!.members) {
      const f = feel(start[0], start[1], m.batchSeed, 0);
      walks[m.key] = startWalk({ x: start[0], y: start[1], loss: f.loss, grad: [f.grad[0], f.grad[1]] }, 30);
    }
    for (let k = 1; k <= 30; k++) {
      // Every member proposes plain SGD on their own minibatch: Δ = −lr·g_i.
      for (const m of team!.members) {
        const g = here(walks[m.key]!).grad;
        team!.pending[m.key] = { delta: [-lr * g[0], -lr * g[1]], lr };
      }
      const move = teamMove(team!, walks)!;
      // What apply does with the tick's event: the tick kept, each member feeling the landing on their own batch.
      team!.ticks.push({ k, from: move.from, proposals: move.proposals, move: [move.target[0] - move.from[0], move.target[1] - move.from[1]] });
      team!.pending = {};
      for (const m of team!.members) {
        const f = feel(move.target[0], move.target[1], m.batchSeed, k);
        recordStep(walks[m.key]!, move.target, lr, { felt: { loss: f.loss, grad: [f.grad[0], f.grad[1]] }, truth: null, inside: true, explodesAbove: 1e9 });
      }
    }
    const path = walks.a!.path;
    const noise = teamNoise(team!, (k) => truthAt(l, path[k - 1]!.x, path[k - 1]!.y).grad)!;
    expect(noise.ticks).toBe(30);
    expect(noise.meanProposals).toBe(4);
    // Independent noise would shrink 2×; the angles of a curved ravine are not pure noise: at least 1.6×.
    // Four independent minibatches: the error shrinks √4 = 2× (within sampling over 30 ticks); the angle less (it saturates near the floor).
    expect(noise.memberError / noise.teamError).toBeGreaterThan(1.6);
    expect(noise.memberError / noise.teamError).toBeLessThan(2.6);
    expect(noise.teamAngle).toBeLessThan(noise.memberAngle);
    expect(truthAt(l, path[30]!.x, path[30]!.y).loss).toBeLessThan(truthAt(l, start[0], start[1]).loss);
  }, 120_000);
});

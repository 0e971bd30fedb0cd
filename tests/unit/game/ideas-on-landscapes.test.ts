// What the ideas' presets promise, checked on the real landscapes by walking them the way the
// server does (lib/game/walk's momentum step, lib/game/schedule's step sizes, minibatches by seed).
import { describe, expect, it } from "vitest";
import { land } from "./real";
import { insideExtent } from "../../../lib/landscape";
import { scheduledStep, type ScheduleName } from "../../../lib/game/schedule";
import { inValley } from "../../../lib/game/altitude";
import { IDEAS } from "../../../lib/game/ideas";

/** Where gradient descent with momentum β and a schedule ends, on the full dataset (null: off the map). */
function walk(id: string, start: readonly number[], o: { lr: number; beta?: number; schedule?: ScheduleName; batch?: number; seed?: number; budget: number }): number | null {
  const l = land(id);
  let [x, y] = start as [number, number];
  let vx = 0, vy = 0;
  for (let k = 0; k < o.budget; k++) {
    const g = l.ev.felt(x, y, o.batch ? { batch: o.batch, seed: (o.seed ?? 1) * 1000 + k } : {}).grad;
    const lr = scheduledStep(o.lr, o.schedule ?? "constant", k, o.budget, l.recipe.lr);
    vx = (o.beta ?? 0) * vx + g[0];
    vy = (o.beta ?? 0) * vy + g[1];
    x -= lr * vx;
    y -= lr * vy;
    if (!insideExtent(l.recipe.extent, x, y)) return null;
  }
  return l.ev.lossAt(x, y);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

describe("the ideas' presets say what the real landscapes do", () => {
  it("momentum on The Ravine: at a step size of 0.02 plain steps crawl, β = 0.9 reaches the valley from every start", () => {
    const idea = IDEAS.find((i) => i.id === "momentum")!;
    expect(idea.tryThis).toContain("0.02");
    const l = land("ravine");
    for (const s of l.recipe.starts) {
      const plain = walk("ravine", s, { lr: 0.02, budget: idea.rules.budget! });
      const heavy = walk("ravine", s, { lr: 0.02, beta: 0.9, budget: idea.rules.budget! });
      expect(plain !== null && !inValley(l.scale, plain)).toBe(true);
      expect(heavy !== null && inValley(l.scale, heavy)).toBe(true);
    }
  }, 120_000);

  it("a schedule on a noisy Bowl: on batches of 4 the cosine schedule ends lower than a constant step size", () => {
    const idea = IDEAS.find((i) => i.id === "schedule")!;
    const l = land("bowl");
    const ends = (schedule: ScheduleName) => l.recipe.starts.flatMap((s) => [1, 2, 3, 4, 5].map((seed) => walk("bowl", s, { lr: l.recipe.lr.suggested, schedule, batch: idea.rules.batch, seed, budget: idea.rules.budget! }) ?? Infinity));
    const constant = ends("constant"), cosine = ends("cosine");
    // Excess loss over the map's lowest point: the cosine schedule's is at most half the constant's.
    expect(median(cosine) - l.scale.min).toBeLessThan(0.5 * (median(constant) - l.scale.min));
    expect(cosine.filter((v) => v === Infinity).length).toBeLessThanOrEqual(constant.filter((v) => v === Infinity).length);
  }, 120_000);

  it("compute on Two Valleys: two passes of batches of 32 end lower than the same two passes on the full dataset", () => {
    const idea = IDEAS.find((i) => i.id === "compute")!;
    const l = land("two-valleys");
    for (const s of l.recipe.starts) {
      const noisy = walk("two-valleys", s, { lr: l.recipe.lr.suggested, batch: 32, budget: 112 });
      const exact = walk("two-valleys", s, { lr: l.recipe.lr.suggested, budget: 3 });
      expect(idea.rules).toMatchObject({ batch: 32, passes: 2 });
      expect(noisy!).toBeLessThan(exact!);
    }
  }, 120_000);
});

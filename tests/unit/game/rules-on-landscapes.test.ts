// The rules checked on the real landscapes, not on a toy: the valley, the score and every debrief
// sentence, on walks measured the way the server measures them (tests/unit/game/real.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../../lib/landscape";
import { inValley, valleyLevel } from "../../../lib/game/altitude";
import { roomNotes, walkNotes } from "../../../lib/game/debrief";
import { liveState } from "../../../lib/game/live";
import { scoreWalk } from "../../../lib/game/score";
import type { RoundEnd } from "../../../lib/protocol/common";
import { aimAt, analyse, facts, follow, ghostFrom, IDS, land, inTurn, walkOn, type Land, type Plan } from "./real";

const WALKS: RoundEnd = { by: "walks" };
const texts = (notes: { text: string }[]) => notes.map((n) => n.text).join("\n");

describe("the valley, on every landscape", () => {
  beforeAll(() => IDS.forEach(land), 120_000);

  it.each(IDS)("%s: the lowest point is in the valley, chance never is, and the starts are above chance", (id) => {
    const l = land(id);
    expect(inValley(l.scale, l.scale.min)).toBe(true);
    expect(inValley(l.scale, l.scale.chance)).toBe(false);
    expect(inValley(l.scale, null)).toBe(false);
    for (const [x, y] of l.recipe.starts) expect(l.ev.lossAt(x, y)).toBeGreaterThan(l.scale.chance);
  });

  it("both valleys of Two Valleys are valleys; the ridge between them is not", () => {
    const l = land("two-valleys");
    const [a, b] = [l.ev.lossAt(-1, 0), l.ev.lossAt(1, 0)];
    expect(inValley(l.scale, a) && inValley(l.scale, b)).toBe(true);
    // The ridge: the highest point of the lowest path between the valleys, along y = 0 on this slice.
    let ridge = 0;
    for (let x = -1; x <= 1; x += 0.01) ridge = Math.max(ridge, l.ev.lossAt(x, 0));
    expect(ridge).toBeGreaterThan(valleyLevel(l.scale));
    expect(inValley(l.scale, ridge)).toBe(false);
  });

  it("the Saddle's centre is exactly chance, a flat point, and not the valley", () => {
    const l = land("saddle");
    const f = l.ev.felt(0, 0);
    expect(f.loss).toBeCloseTo(Math.LN2, 12);
    expect(Math.hypot(...f.grad)).toBe(0);
    expect(inValley(l.scale, f.loss)).toBe(false);
  });
});

describe("the score", () => {
  beforeAll(() => IDS.forEach(land), 120_000);

  /**
   * Random walks from seeded random starts (half of them the catalog's): mostly following the slope,
   * sometimes aiming anywhere, with step sizes from a tenth to three times the suggested one.
   */
  function randomWalks(l: Land, seed: number, count: number) {
    const rng = new Rng(seed);
    const { x: [x0, x1], y: [y0, y1] } = l.recipe.extent;
    const { min, max, suggested } = l.recipe.lr;
    return Array.from({ length: count }, (_, i) => {
      const start: [number, number] = i % 2 === 0
        ? l.recipe.starts[(i / 2) % l.recipe.starts.length]!
        : [x0 + (x1 - x0) * (0.1 + 0.8 * rng.next()), y0 + (y1 - y0) * (0.1 + 0.8 * rng.next())];
      const budget = 5 + Math.floor(rng.next() * 35);
      const plan: Plan = () => ({
        dir: rng.next() < 0.85 ? "downhill" : [rng.gaussian(), rng.gaussian()],
        lr: Math.min(max, Math.max(min, (suggested / 10) * Math.pow(30, rng.next()))),
      });
      return walkOn(l, start, plan, { budget });
    });
  }

  it.each(IDS)("%s: over random walks from seeded starts, a walk that ends lower never scores less", (id) => {
    const l = land(id);
    const scored = randomWalks(l, 7 + id.length, 40).map((w) => {
      const a = analyse(l, w, w.budget);
      return { final: a.finalLoss ?? Infinity, score: scoreWalk({ scale: l.scale, finalLoss: a.finalLoss, steps: a.steps }) };
    }).sort((p, q) => p.final - q.final);
    for (let i = 1; i < scored.length; i++) expect(scored[i]!.score).toBeLessThanOrEqual(scored[i - 1]!.score);
    expect(new Set(scored.map((s) => s.score)).size).toBeGreaterThan(3); // the walks really differ
  });

  it.each(IDS)("%s: stopping early never beats walking on to a lower place", (id) => {
    const l = land(id);
    for (const w of randomWalks(l, 99, 10)) {
      const full = analyse(l, w, w.budget);
      for (let k = 1; k < w.path.length - 1; k++) {
        const cut = { ...w, path: w.path.slice(0, k + 1), truth: w.truth.slice(0, k + 1), lrs: w.lrs.slice(0, k), status: "done" as const };
        const early = analyse(l, cut, w.budget);
        if (full.finalLoss !== null && early.finalLoss !== null && full.finalLoss < early.finalLoss) {
          expect(scoreWalk({ scale: l.scale, finalLoss: full.finalLoss, steps: full.steps })).toBeGreaterThanOrEqual(scoreWalk({ scale: l.scale, finalLoss: early.finalLoss, steps: early.steps }));
        }
      }
    }
  });

  it("a walk that takes no step, or leaves the map, scores 0; at chance scores 0; the bottom scores 1000", () => {
    const l = land("bowl");
    expect(scoreWalk({ scale: l.scale, finalLoss: 0.06, steps: 0 })).toBe(0);
    expect(scoreWalk({ scale: l.scale, finalLoss: null, steps: 5 })).toBe(0);
    expect(scoreWalk({ scale: l.scale, finalLoss: l.scale.chance, steps: 5 })).toBe(0);
    expect(scoreWalk({ scale: l.scale, finalLoss: l.scale.min, steps: 5 })).toBe(1000);
  });
});

describe("what the debrief says, on the real landscapes", () => {
  beforeAll(() => ["saddle", "two-valleys", "ravine", "chaos", "bowl"].forEach(land), 120_000);

  it("a walker who stops on the Saddle's centre is told it was a saddle at chance, and scores below the ghost that walked on", () => {
    const l = land("saddle");
    const start: [number, number] = [0.4, -0.6];
    // Aim for the flat centre, then follow the slope, which fades to nothing there.
    const walk = walkOn(l, start, inTurn([aimAt(l, [0.02, -0.015]), 3], [follow(0.05), 37]), { budget: 40 });
    const you = analyse(l, walk, 40);
    const ghost = analyse(l, ghostFrom(l, start, 40), 40, 0, { playerId: "g", ghost: "gd" });
    expect(you.outcome).toBe("saddle");
    expect(you.valleyStep).toBeNull();
    const score = scoreWalk({ scale: l.scale, finalLoss: you.finalLoss, steps: you.steps });
    const ghostScore = scoreWalk({ scale: l.scale, finalLoss: ghost.finalLoss, steps: ghost.steps });
    expect(score).toBe(0);
    expect(ghostScore).toBeGreaterThan(700);
    const said = texts(walkNotes(you, facts(l, 40), WALKS));
    expect(said).toMatch(/Steps \d+–\d+ at 0\.693, exactly chance/);
    expect(said).toMatch(/The ground rose to the [a-z-]+ and fell to the [a-z-]+: a saddle, not the bottom\. The walk ended there\./);
    expect(said).not.toMatch(/reached the valley|in the valley \(/);
  });

  it("a walker who waits on the saddle and walks on is told it escaped", () => {
    const l = land("saddle");
    const walk = walkOn(l, [0.4, -0.6], inTurn([aimAt(l, [0.02, -0.015]), 3], [follow(0.05), 10], [aimAt(l, [1.0, 1.0]), 3], [follow(0.05), 20]), { budget: 40 });
    const a = analyse(l, walk, 40);
    expect(a.outcome).toBe("valley");
    const said = texts(walkNotes(a, facts(l, 40), WALKS));
    expect(said).toMatch(/a saddle, not the bottom\. You kept walking and escaped\./);
    expect(said).toMatch(/You reached the valley on step \d+\./);
  });

  it("stopping on the ridge between the two valleys is a saddle, not a valley", () => {
    const l = land("two-valleys");
    const walk = walkOn(l, [0, 1.0], inTurn([aimAt(l, [0, 0.05]), 4], [follow(0.003), 10]), { budget: 30, done: true });
    const a = analyse(l, walk, 30);
    expect(a.outcome).toBe("saddle");
    expect(inValley(l.scale, a.finalLoss)).toBe(false);
    expect(texts(walkNotes(a, facts(l, 30), WALKS))).toMatch(/a saddle, not the bottom/);
  });

  it("crawling along the ravine's floor is a floor and a crawl, never a plateau or a saddle", () => {
    const l = land("ravine");
    const walk = walkOn(l, [1.0, 2.6], inTurn([aimAt(l, [0, 1.5]), 3], [follow(0.003), 27]), { budget: 30 });
    const a = analyse(l, walk, 30);
    expect(a.outcome).toBe("crawled");
    expect(a.stalls.map((s) => s.ground.shape)).toContain("floor");
    const said = texts(walkNotes(a, facts(l, 30), WALKS));
    expect(said).toMatch(/along a valley floor: walls rose to the (east|west) and (east|west)/);
    expect(said).toMatch(/about 33× smaller than a sensible one/);
    expect(said).not.toMatch(/saddle|plateau/);
  });

  it("gradient descent caught in one of the Badlands' local minima is told so, not that it stalled on a saddle", () => {
    const l = land("chaos");
    const a = analyse(l, walkOn(l, [-0.47, -0.07], follow(l.recipe.lr.suggested), { budget: 40 }), 40);
    expect(a.outcome).toBe("local_minimum");
    const said = texts(walkNotes(a, facts(l, 40), WALKS));
    expect(said).toMatch(/a local minimum, but far above the valley/);
    expect(said).toMatch(/worse than chance/);
    expect(said).not.toMatch(/saddle|plateau/);
  });

  it("a bouncing step size in the ravine overshoots, judged on the full-batch loss", () => {
    const l = land("ravine");
    const a = analyse(l, walkOn(l, [1.0, 2.6], follow(0.3), { budget: 20 }), 20);
    expect(a.overshoot).not.toBeNull();
    expect(a.overshoot!.to).toBeGreaterThan(a.overshoot!.from);
    expect(texts(walkNotes(a, facts(l, 20), WALKS))).toMatch(/Step \d+ crossed the valley floor and landed higher on the far side/);
  });

  it("minibatch noise at the bowl's bottom is named as noise, not as an overshoot", () => {
    const l = land("bowl");
    // Already at the bottom, with a small step: the batch-4 losses jump around, the true loss barely moves.
    const a = analyse(l, walkOn(l, [l.grid.min.x, l.grid.min.y], follow(0.05), { budget: 20, batch: 4, seed: 5 }), 20, 4);
    expect(a.noise).not.toBeNull();
    expect(a.overshoot).toBeNull();
    const said = texts(walkNotes(a, facts(l, 20, 4), WALKS));
    expect(said).toMatch(/felt on batches of 4 of the 150 samples, so they were noisy: on average \d+° away from the true slope/);
    expect(said).not.toMatch(/overshoot/);
  });

  it("a deliberate uphill step is not an overshoot", () => {
    const l = land("bowl");
    const uphill: Plan = (w) => ({ dir: [w.path[w.path.length - 1]!.grad[0], w.path[w.path.length - 1]!.grad[1]], lr: 0.05 });
    const a = analyse(l, walkOn(l, [-1.0, 0.5], inTurn([uphill, 3]), { budget: 10, done: true }), 10);
    expect(a.overshoot).toBeNull();
    expect(a.outcome).toBe("climbed");
  });

  it("a step off the map is 'left the map' with the loss measured there, not 'diverged'", () => {
    const l = land("bowl");
    const a = analyse(l, walkOn(l, [-1.7, 1.6], follow(l.recipe.lr.max), { budget: 30 }), 30);
    expect(a.outcome).toBe("left_map");
    expect(a.leftMap!.loss).not.toBeNull();
    const said = texts(walkNotes(a, facts(l, 30), WALKS));
    expect(said).toMatch(/Step 1 left the map\. Out there the loss is \d+ \(it was 3\.06 a step before\)/);
    expect(said).not.toMatch(/diverged|overshoot/);
  });

  it("after a teacher's early reveal the walker is told so, not that the budget ran out", () => {
    const l = land("bowl");
    const a = analyse(l, walkOn(l, [-1.7, 1.6], inTurn([follow(0.3), 8]), { budget: 30 }), 30);
    expect(a.status).toBe("walking");
    const said = texts(walkNotes(a, facts(l, 30, 0, "class"), { by: "host" }));
    expect(said).toMatch(/^The teacher revealed the map with 22 steps of 30 still to walk/);
    expect(said).not.toMatch(/used all|budget|stalled/);
    const room = texts(roomNotes([a], facts(l, 30, 0, "class"), { by: "host" }, 4));
    expect(room).toMatch(/The teacher revealed the map while 1 walker was still walking/);
  });

  it("one crawl rule: the live panel calls a walker crawling exactly when the debrief does", () => {
    const l = land("bowl");
    for (const factor of [1, 3, 5, 12]) {
      const walk = walkOn(l, [-1.7, 1.6], follow(l.recipe.lr.suggested / factor), { budget: 30 });
      const a = analyse(l, walk, 30);
      const live = liveState({ ...walk, status: "walking" }, l.scale, l.recipe.lr.suggested);
      const debriefCrawl = texts(walkNotes(a, facts(l, 30), WALKS)).includes("smaller than a sensible one");
      expect(live === "crawling").toBe(debriefCrawl);
      expect(debriefCrawl).toBe(factor > 4);
    }
  });
});

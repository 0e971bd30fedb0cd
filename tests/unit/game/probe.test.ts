// No backprop: the slope a walker can estimate from feelings around (finite differences), what each
// feeling costs, the step that follows the estimate, and what the debrief says about the compute.
import { describe, expect, it } from "vitest";
import { estimateSlope, momentumStep, probePoint, recordProbe, recordStep, slopeHere, startWalk, stepsLeft, type Walk } from "../../../lib/game/walk";
import { stepSlope, probeReach } from "../../../lib/game/room/rules";
import type { RoundState } from "../../../lib/game/room/state";
import { BACKPROP_PASSES, finiteDifferencePasses, ghostBudget } from "../../../lib/game/compute";
import { walkNotes, type DebriefLand } from "../../../lib/game/debrief";
import type { WalkAnalysis } from "../../../lib/game/analysis";
import { createRng } from "../../../lib/landscape/prng";

const fp = (x: number, y: number, loss: number) => ({ x, y, loss, grad: [0, 0] as [number, number] });
const inside = { felt: { loss: 1, grad: [0, 0] as [number, number] }, truth: null, inside: true, explodesAbove: 1e6 };

describe("estimating the slope by feeling around", () => {
  it("recovers the exact slope of a plane from any two directions that are not parallel", () => {
    const rng = createRng(11);
    const rand = () => rng.next();
    for (let trial = 0; trial < 200; trial++) {
      const g: [number, number] = [rand() * 8 - 4, rand() * 8 - 4];
      const h = 0.01 + rand();
      const L = (x: number, y: number) => 2 + g[0] * x + g[1] * y;
      const dirs: [number, number][] = [0, 1, 2].map(() => { const a = rand() * 2 * Math.PI; return [Math.cos(a), Math.sin(a)]; });
      const at = fp(0.3, -0.2, L(0.3, -0.2));
      const probes = dirs.map((d) => { const { to, unit } = probePoint(at, d, h); return { dir: unit, loss: L(to[0], to[1]) }; });
      for (const set of [probes.slice(0, 2), probes]) {
        const est = estimateSlope(at.loss, set, h)!;
        expect(est[0]).toBeCloseTo(g[0], 8);
        expect(est[1]).toBeCloseTo(g[1], 8);
      }
    }
  });

  it("on a curved surface is off by the curvature times h (forward differences), and closer with a smaller h", () => {
    const L = (x: number, y: number) => 3 * x * x + 0.5 * y * y;
    const at = fp(1, 2, L(1, 2));
    const errs = [0.1, 0.01].map((h) => {
      const probes = ([[1, 0], [0, 1]] as [number, number][]).map((d) => ({ dir: d, loss: L(at.x + h * d[0], at.y + h * d[1]) }));
      const est = estimateSlope(at.loss, probes, h)!;
      return Math.hypot(est[0] - 6, est[1] - 2);
    });
    expect(errs[0]).toBeCloseTo(Math.hypot(3 * 0.1, 0.5 * 0.1), 9);
    expect(errs[1]).toBeLessThan(errs[0]! / 9);
  });

  it("feelings along one line give the slope along it and nothing across it; none give nothing", () => {
    expect(estimateSlope(1, [], 0.1)).toBeNull();
    const one = estimateSlope(1, [{ dir: [0, 1], loss: 1.2 }], 0.1)!;
    expect(one[0]).toBeCloseTo(0, 12);
    expect(one[1]).toBeCloseTo(2, 12);
    const pair = estimateSlope(1, [{ dir: [1, 0], loss: 1.3 }, { dir: [-1, 0], loss: 0.7 }], 0.1)!;
    expect(pair[0]).toBeCloseTo(3, 12);
    expect(pair[1]).toBeCloseTo(0, 12);
  });
});

describe("what feeling around costs", () => {
  it("each feeling is a forward pass from the budget; spending it all ends the walk", () => {
    const walk = startWalk(fp(0, 0, 1), 4);
    recordProbe(walk, [1, 0], 1.1);
    recordProbe(walk, [0, 1], 0.9);
    expect(stepsLeft(walk)).toBe(2);
    recordStep(walk, [0.1, 0.1], 0.1, inside);
    expect(stepsLeft(walk)).toBe(1);
    expect(walk.status).toBe("walking");
    recordProbe(walk, [1, 0], 1.0);
    expect(stepsLeft(walk)).toBe(0);
    expect(walk.status).toBe("spent");
    const w2 = startWalk(fp(0, 0, 1), 3);
    recordProbe(w2, [1, 0], 1.1);
    recordProbe(w2, [0, 1], 0.9);
    recordStep(w2, [0.1, 0.1], 0.1, inside);
    expect(w2.status).toBe("spent");
  });

  it("a ghost with backprop gets the steps the same compute buys it: a third", () => {
    expect(BACKPROP_PASSES).toBe(3);
    expect(ghostBudget(30, "probe")).toBe(10);
    expect(ghostBudget(2, "probe")).toBe(1);
    expect(ghostBudget(30, "backprop")).toBe(30);
    expect(ghostBudget(30, undefined)).toBe(30);
    expect(finiteDifferencePasses(13_002)).toBe(13_003);
  });
});

describe("a step without backprop", () => {
  const round = (slope?: "probe") => ({ rules: { slope }, map: { extent: { x: [-2, 2], y: [-2, 2] } } }) as unknown as RoundState;

  it("follows the walker's estimate from the feelings where it stands, never an older one", () => {
    const r = round("probe");
    const h = probeReach(r);
    expect(h).toBeCloseTo(0.04, 12);
    const walk: Walk = startWalk({ x: 0, y: 0, loss: 1, grad: [5, 5] }, 20);
    expect(stepSlope(r, walk)).toMatchObject({ code: "bad_step" });
    recordProbe(walk, [1, 0], 1 + 2 * h);
    recordProbe(walk, [0, 1], 1 - 1 * h);
    const est = stepSlope(r, walk) as [number, number];
    expect(est[0]).toBeCloseTo(2, 9);
    expect(est[1]).toBeCloseTo(-1, 9);
    const target = momentumStep(walk, "downhill", 0.1, 0, est);
    expect(target[0]).toBeCloseTo(-0.2, 9);
    expect(target[1]).toBeCloseTo(0.1, 9);
    // An aimed step goes the estimate's length (lr·|ĝ|) the aimed way.
    const aimed = momentumStep(walk, [0, 1], 0.1, 0, est);
    expect(Math.hypot(aimed[0], aimed[1])).toBeCloseTo(0.1 * Math.hypot(2, 1), 9);
    recordStep(walk, target, 0.1, { ...inside, felt: { loss: 0.8, grad: [5, 5] } });
    // A new footprint: the old feelings say nothing about the slope here.
    expect(slopeHere(walk, h)).toBeNull();
    expect(stepSlope(r, walk)).toMatchObject({ code: "bad_step" });
    // With backprop the footprint's own slope is the one followed.
    expect(stepSlope(round(), walk)).toEqual([5, 5]);
  });
});

describe("the debrief of a walk without backprop", () => {
  it("counts the forward passes, says what backprop would have spent, and what all the weights would cost", () => {
    const a = {
      playerId: "p", nickname: "Ada", ghost: null, outcome: "descended", steps: 6, end: [0, 0], finalLoss: 0.3, valleyStep: null, stalls: [],
      overshoot: null, noise: null, leftMap: null, crawl: null, schedule: null, momentum: null, status: "spent",
      probing: { probes: 12, steps: 6, meanAngle: 4.2 },
    } as unknown as WalkAnalysis;
    const land: DebriefLand = { room: "solo", scale: { min: 0.01, chance: 0.69, max: 5 }, budget: 18, batch: 0, samples: 150, suggestedLr: 0.5, params: 1234 };
    const note = walkNotes(a, land, { by: "walks" }).find((n) => n.kind === "probe")!;
    expect(note.text).toContain("You felt around 12 times and took 6 steps: 18 forward passes.");
    expect(note.text).toContain("18 passes for the same walk");
    expect(note.text).toContain("on average 4° away from the true slope");
    expect(note.text).toContain("1,234 weights, finite differences need 1,235 forward passes per step, backprop still about 3");
  });
});

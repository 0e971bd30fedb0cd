// Walking the real landscapes in tests: each catalog landscape built by real training, its reveal
// grid at the server's standard size, and walks measured the way the server measures them (what
// is felt, the full-batch truth, the rings around stalls), with the map unturned (player
// coordinates = slice coordinates). Builds are memoised per test file.
import { CATALOG, computeGrid, createSliceEvaluator, getRecipe, GRID_STANDARD_SIZE, insideExtent, mixSeed, runGhost, type LossGrid, type Recipe, type SliceEvaluator } from "../../../lib/landscape";
import type { AltitudeScale } from "../../../lib/game/altitude";
import { analyseWalk, ringRequests, type LandFacts, type TrueValue, type WalkAnalysis, type WalkRecord } from "../../../lib/game/analysis";
import type { DebriefLand } from "../../../lib/game/debrief";
import { finishWalk, here, proposeStep, recordStep, startWalk, type StepDir, type Walk } from "../../../lib/game/walk";
import { build } from "../landscape/fixtures";

/** A built catalog landscape with what the rules need. */
export interface Land {
  recipe: Recipe;
  ev: SliceEvaluator;
  grid: LossGrid;
  scale: AltitudeScale;
}

const built = new Map<string, Land>();

/** The catalog landscape `id`, trained and mapped (memoised). */
export function land(id: string): Land {
  let l = built.get(id);
  if (!l) {
    const recipe = getRecipe(id);
    const { slice, dataset } = build(recipe);
    const ev = createSliceEvaluator(slice, dataset);
    const grid = computeGrid(ev, GRID_STANDARD_SIZE, recipe.extent);
    l = { recipe, ev, grid, scale: { min: grid.min.loss, chance: slice.info.chance, max: grid.max } };
    built.set(id, l);
  }
  return l;
}

/** Every catalog id. */
export const IDS = CATALOG.map((r) => r.id);

/** The facts the analysis and the debrief need, for a round of `budget` steps and `batch`. */
export function facts(l: Land, budget: number, batch = 0, room: DebriefLand["room"] = "solo"): LandFacts & DebriefLand {
  return { room, scale: l.scale, extent: l.recipe.extent, suggestedLr: l.recipe.lr.suggested, batch, samples: l.ev.n, budget };
}

/** The full-batch value at a point, on or off the map. */
export function truthAt(l: Land, x: number, y: number): TrueValue {
  const f = l.ev.felt(x, y);
  return { loss: f.loss, grad: [f.grad[0], f.grad[1]] };
}

/** A step intent, or null to stop. */
export type Plan = (at: Walk, k: number) => { dir: StepDir; lr: number } | null;

/**
 * Walks the plan from `start` until it returns null, the budget is spent or the walk ends, measuring
 * like the server: minibatch k drawn by mixSeed(seed, k) when batch > 0, the truth beside it.
 */
export function walkOn(l: Land, start: readonly [number, number], plan: Plan, opts: { budget: number; batch?: number; seed?: number; done?: boolean }): Walk {
  const batch = opts.batch ?? 0;
  const feel = (x: number, y: number, k: number) => (batch > 0 ? l.ev.felt(x, y, { batch, seed: mixSeed(opts.seed ?? 1, k) }) : l.ev.felt(x, y));
  const f0 = feel(start[0], start[1], 0);
  let walk = startWalk({ x: start[0], y: start[1], loss: f0.loss, grad: f0.grad }, opts.budget, truthAt(l, start[0], start[1]));
  for (let k = 1; walk.status === "walking" && walk.path.length <= opts.budget; k++) {
    const intent = plan(walk, k);
    if (!intent) break;
    const target = proposeStep(here(walk), intent.dir, intent.lr);
    const inside = insideExtent(l.recipe.extent, target[0], target[1]);
    const truth = truthAt(l, target[0], target[1]);
    const felt = inside ? feel(target[0], target[1], k) : truth;
    walk = recordStep(walk, target, intent.lr, { felt, truth, inside, explodesAbove: 10 * Math.max(l.scale.max, l.scale.chance) });
  }
  return opts.done ? finishWalk(walk) : walk;
}

/** Follow the slope at a fixed step size. */
export const follow = (lr: number): Plan => () => ({ dir: "downhill", lr });

/** Aim at a point, with a step size that lands on it when the range allows (clamped to the landscape's range). */
export function aimAt(l: Land, target: readonly [number, number]): Plan {
  return (w) => {
    const h = here(w);
    const dx = target[0] - h.x, dy = target[1] - h.y;
    const slope = Math.hypot(h.grad[0], h.grad[1]);
    if (Math.hypot(dx, dy) < 1e-9 || slope === 0) return null;
    const lr = Math.min(l.recipe.lr.max, Math.max(l.recipe.lr.min, Math.hypot(dx, dy) / slope));
    return { dir: [dx, dy], lr };
  };
}

/** Runs plans one after the other: each until it returns null or has taken its number of steps. */
export function inTurn(...parts: [Plan, number][]): Plan {
  let part = 0, taken = 0;
  return (w, k) => {
    while (part < parts.length) {
      const [p, n] = parts[part]!;
      const intent = taken < n ? p(w, k) : null;
      if (intent) {
        taken++;
        return intent;
      }
      part++;
      taken = 0;
    }
    return null;
  };
}

/** The walk as the analysis sees it, with rings measured on the real landscape, analysed. */
export function analyse(l: Land, walk: Walk, budget: number, batch = 0, who: Partial<WalkRecord> = {}): WalkAnalysis {
  const record: WalkRecord = {
    playerId: "p1", nickname: "Ada", ghost: null, footprints: walk.path,
    truth: walk.path.map((p) => (p.loss === null ? null : truthAt(l, p.x, p.y))), lrs: walk.lrs, status: walk.status, ...who,
  };
  const f = facts(l, budget, batch);
  const rings = new Map(ringRequests(record, f).map((r) => [r.at, r.points.map(([x, y]) => l.ev.lossAt(x, y))]));
  return analyseWalk(record, rings, f);
}

/** The plain-GD ghost's walk from a start, at the landscape's suggested step size. */
export function ghostFrom(l: Land, start: readonly [number, number], budget: number): Walk {
  const pts = runGhost(l.ev, [start[0], start[1]], { optimizer: "gd", lr: l.recipe.lr.suggested, steps: budget, extent: l.recipe.extent });
  let i = 0;
  return walkOn(l, start, () => (++i < pts.length ? { dir: "downhill", lr: l.recipe.lr.suggested } : null), { budget });
}

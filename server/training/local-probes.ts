// Probes answered on the main thread. Sending a probe to a worker costs the main thread a task
// (piscina's queue, a structured clone each way, a promise) and the player a round trip; on the
// small landscapes that is several times the arithmetic itself (`npx tsx server/bench/dispatch.ts`
// measures both). There the main thread evaluates with the same WebAssembly kernels as the workers,
// so the answer is the same to the bit; the costly landscapes (digits, the deep net) stay on the
// workers, where they do not hold up every other socket.
import { createSliceEvaluator, getRecipe, type BuiltLandscape, type MlpSpec, type SliceEvaluator } from "../../lib/landscape/index";
import { loadDataset } from "./datasets";

/**
 * Most multiply-adds a probe may cost to be answered here: samples × (3 per first-layer unit + 3
 * per weight of the later layers: forward, backward, accumulate). The catalog's small landscapes
 * cost at most ~14 thousand (1–14 µs here); chaos ~370 thousand (~130 µs) and two valleys ~950
 * thousand (~340 µs); the main thread's share of a worker's round trip measured ~30–60 µs.
 */
export const LOCAL_PROBE_MAX_WORK = 50_000;

/** A probe's multiply-adds on n samples of this network (the kernels' cost model; see above). */
export function probeWork(spec: MlpSpec, n: number): number {
  const [first, ...later] = spec.layers;
  let perSample = 3 * (first?.out ?? 0);
  for (const l of later) perSample += 3 * l.in * l.out;
  return n * perSample;
}

/** The main thread's evaluators, made on first use for the landscapes cheap enough. */
export class LocalProbes {
  private readonly held = new Map<string, SliceEvaluator | null>();

  constructor(private readonly datasetsDir: string) {}

  /** The evaluator of a built landscape if its probes are answered here, else null (send them to a worker). */
  evaluator(b: BuiltLandscape): SliceEvaluator | null {
    const key = `${b.info.id}:${b.recipeHash}`;
    let ev = this.held.get(key);
    if (ev !== undefined) return ev;
    const recipe = getRecipe(b.info.id);
    const dataset = loadDataset(recipe.dataset, this.datasetsDir);
    ev = probeWork(b.spec, dataset.n) <= LOCAL_PROBE_MAX_WORK ? createSliceEvaluator(b, dataset) : null;
    this.held.set(key, ev);
    return ev;
  }
}

// Entry of a training worker (a piscina thread). It holds built landscapes in memory as slice
// evaluators, loads one from the disk cache the first time a task names it, and answers train,
// grid-rows, probe-batch, decision-regions and ghost tasks. Every numeric step of the training core runs here, but for
// players' probes of the smallest landscapes, which the main thread answers itself with the same
// kernels (local-probes.ts). Errors are returned as values (see tasks.ts); only a bug escapes as a throw.
import { workerData } from "node:worker_threads";
import {
  createRegionsEvaluator,
  createSliceEvaluator,
  getRecipe,
  LandscapeError,
  paramCount,
  runGhost,
  trainSlice,
  type RegionsEvaluator,
  turnedSlice,
  turnsKey,
  type Slice,
  type SliceEvaluator,
} from "../../lib/landscape/index";
import { PROBE_IN, PROBE_OUT } from "./batcher";
import { loadLandscape } from "./cache";
import { catalogInfos, loadDataset } from "./datasets";
import type { LandscapeRef, ProgressMessage, Reply, Task, TaskResults } from "./tasks";

/** What the pool hands every worker at start. */
export interface WorkerConfig {
  datasetsDir: string;
  cacheDir: string;
  /** Allows the test-only `crash` task. */
  testHooks: boolean;
}

const config = workerData as WorkerConfig;

/** Landscapes this worker holds (their slice and its evaluator), by `${id}:${hash}`. Six recipes: no eviction needed. */
const held = new Map<string, { slice: Slice; ev: SliceEvaluator }>();

/** Turned slices (walkers who turned the map), by landscape and turns: the most recently used ones. */
const turned = new Map<string, SliceEvaluator>();
/** Turned slices a worker keeps: each holds its first-layer products (3·n·H numbers). */
const MAX_TURNED = 64;

/** The landscape's own slice and evaluator: held, built from the slice sent along, or loaded from the disk cache. */
function baseFor(ref: LandscapeRef): { slice: Slice; ev: SliceEvaluator } | null {
  const key = `${ref.id}:${ref.hash}`;
  const found = held.get(key);
  if (found) return found;
  const recipe = getRecipe(ref.id);
  let slice: Slice | undefined = ref.slice;
  if (!slice) {
    const r = loadLandscape(config.cacheDir, ref.id, ref.hash, paramCount(recipe.spec));
    if (!r.ok) return null;
    slice = r.value;
  }
  const entry = { slice, ev: createSliceEvaluator(slice, loadDataset(recipe.dataset, config.datasetsDir)) };
  held.set(key, entry);
  return entry;
}

/** The evaluator of a landscape's slice, or of the slice its turns lead to (built once, kept while used). */
function evaluatorFor(ref: LandscapeRef): SliceEvaluator | null {
  const base = baseFor(ref);
  if (!base || !ref.turns?.length) return base?.ev ?? null;
  const key = `${ref.id}:${ref.hash}|${turnsKey(ref.turns)}`;
  let ev = turned.get(key);
  if (ev) turned.delete(key); // refreshed below: the map's order is the LRU order
  else ev = createSliceEvaluator(turnedSlice(base.slice, ref.turns), loadDataset(getRecipe(ref.id).dataset, config.datasetsDir));
  turned.set(key, ev);
  if (turned.size > MAX_TURNED) turned.delete(turned.keys().next().value!);
  return ev;
}

/** Decision-regions evaluators by `${id}:${hash}` (null: the landscape has no picture to draw), and by turns after it (the most recently used). */
const pictures = new Map<string, RegionsEvaluator | null>();
const turnedPictures = new Map<string, RegionsEvaluator | null>();

/** The regions evaluator of a landscape (or of the slice its turns lead to), null where there is none, undefined when the slice is needed. */
function regionsFor(ref: LandscapeRef): RegionsEvaluator | null | undefined {
  const key = `${ref.id}:${ref.hash}`;
  if (!ref.turns?.length && pictures.has(key)) return pictures.get(key)!;
  const base = baseFor(ref);
  if (!base) return undefined;
  const dataset = loadDataset(getRecipe(ref.id).dataset, config.datasetsDir);
  if (!ref.turns?.length) {
    const reg = createRegionsEvaluator(base.slice, dataset);
    pictures.set(key, reg);
    return reg;
  }
  const tkey = `${key}|${turnsKey(ref.turns)}`;
  let reg = turnedPictures.get(tkey);
  if (reg !== undefined) turnedPictures.delete(tkey); // refreshed below: the map's order is the LRU order
  else reg = createRegionsEvaluator(turnedSlice(base.slice, ref.turns), dataset);
  turnedPictures.set(tkey, reg);
  if (turnedPictures.size > MAX_TURNED) turnedPictures.delete(turnedPictures.keys().next().value!);
  return reg;
}

const NEED_SLICE = { ok: false, code: "need_slice", message: "This worker does not hold that landscape." } as const;

function run(task: Task): Reply<TaskResults[Task["kind"]]> | Promise<never> {
  switch (task.kind) {
    case "catalog":
      return { ok: true, value: catalogInfos(config.datasetsDir) };
    case "train": {
      const recipe = getRecipe(task.id);
      const port = task.progress;
      let last = -1;
      const report = (fraction: number, label: string) => {
        // At most ~200 messages per build: the main thread only draws a bar with them.
        if (port && (fraction - last >= 0.005 || fraction >= 1)) {
          last = fraction;
          port.postMessage({ fraction, label } satisfies ProgressMessage);
        }
      };
      try {
        return { ok: true, value: trainSlice(recipe, loadDataset(recipe.dataset, config.datasetsDir), report) };
      } finally {
        port?.close();
      }
    }
    case "rows": {
      const ev = evaluatorFor(task);
      if (!ev) return NEED_SLICE;
      const out = new Float32Array((task.row1 - task.row0) * task.size);
      ev.gridRows(task.size, task.extent, task.row0, task.row1, out);
      return { ok: true, value: out };
    }
    case "probes": {
      const ev = evaluatorFor(task);
      if (!ev) return NEED_SLICE;
      const count = task.points.length / PROBE_IN;
      const out = new Float64Array(count * PROBE_OUT);
      const felt = new Float64Array(4); // loss, slope, and the count right from the same forward pass
      for (let k = 0; k < count; k++) {
        const p = k * PROBE_IN;
        const batch = task.points[p + 2]!;
        ev.feltInto(task.points[p]!, task.points[p + 1]!, felt, batch > 0 ? { batch, seed: task.points[p + 3]! } : undefined);
        out.set(felt, k * PROBE_OUT);
        out[k * PROBE_OUT + 4] = batch > 0 ? batch : ev.n;
      }
      return { ok: true, value: out };
    }
    case "regions": {
      const reg = regionsFor(task);
      if (reg === undefined) return NEED_SLICE;
      return { ok: true, value: reg ? reg.at(task.x, task.y).cells : null };
    }
    case "ghost": {
      const ev = evaluatorFor(task);
      if (!ev) return NEED_SLICE;
      return { ok: true, value: runGhost(ev, task.start, task.opts) };
    }
    case "crash":
      if (!config.testHooks) return { ok: false, code: "bad_argument", message: "Crash tasks are for tests only." };
      if (task.how === "exit") process.exit(3);
      if (task.how === "uncaught") {
        setTimeout(() => {
          throw new Error("deliberate uncaught error (test)");
        }, 0);
        return new Promise<never>(() => {}); // never answers: only the worker's death ends the task
      }
      throw new Error("deliberate crash (test)");
  }
}

/** Piscina's handler: one task in, one reply out. A LandscapeError becomes an error value. */
export default function handle(task: Task): Reply<unknown> | Promise<never> {
  try {
    return run(task);
  } catch (e) {
    if (e instanceof LandscapeError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

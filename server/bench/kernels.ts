// `npx tsx server/bench/kernels.ts [--landscapes a,b]`: the training core's two sets of kernels
// side by side on one thread, in one process: the JS kernels (slice-kernel.ts, grid-kernel.ts; the
// reference and the fallback) and the WebAssembly SIMD ones (wasm-kernels.ts). Rows: microseconds
// per full-batch probe and milliseconds per 256-point grid row; ratio = how many times faster
// wasm is. It also prints how far apart their numbers are. This is the measurement that chose wasm.
import { pino } from "pino";
import { createSliceEvaluator, getRecipe, gridCoordinate, Rng, type SliceEvaluator } from "../../lib/landscape/index";
import { benchSetup, say } from "./setup";
import { TrainingCore } from "../training/core";
import { loadDataset } from "../training/datasets";
import { rate, relDiff, relDiff2 } from "./measure";

const GRID = 256;
const ROWS = [0, 85, 170, 255];
const { ids, dataDir } = benchSetup("bench-kernels");
const core = await TrainingCore.create({ dataDir, logger: pino({ level: "silent" }), threads: 1 });
const table: string[][] = [["landscape", "metric", "JS", "wasm", "ratio", "max rel. diff"]];
try {
  for (const id of ids) {
    await core.ensure(id);
    const b = await core.secret(id);
    const ds = loadDataset(getRecipe(id).dataset);
    const evs: Record<"js" | "wasm", SliceEvaluator> = { js: createSliceEvaluator(b, ds, { kernels: "js" }), wasm: createSliceEvaluator(b, ds) };
    const e = b.info.extent;
    const rng = new Rng(7);
    const pts = Array.from({ length: 64 }, () => [e.x[0] + rng.next() * (e.x[1] - e.x[0]), e.y[0] + rng.next() * (e.y[1] - e.y[0])] as const);
    say(`${id}: timing probes and grid rows...`);
    let dProbe = 0;
    for (const [x, y] of pts) {
      const a = evs.wasm.felt(x, y), c = evs.js.felt(x, y);
      dProbe = Math.max(dProbe, relDiff(a.loss, c.loss), relDiff2(a.grad, c.grad));
    }
    const probe = (k: "js" | "wasm") => {
      rate((i) => evs[k].felt(...pts[i % pts.length]!), 100, 10); // warm-up
      return 1e6 / rate((i) => evs[k].felt(...pts[i % pts.length]!), 600, 20).perSec;
    };
    const row = new Float32Array(GRID), other = new Float32Array(GRID);
    const pj = probe("js"), pw = probe("wasm");
    let dRow = 0;
    for (const j of ROWS) {
      evs.wasm.gridRows(GRID, e, j, j + 1, row);
      const y = gridCoordinate(e.y[0], e.y[1], GRID, j);
      for (let i = 0; i < GRID; i += 15) dRow = Math.max(dRow, relDiff(evs.wasm.lossAt(gridCoordinate(e.x[0], e.x[1], GRID, i), y), evs.js.lossAt(gridCoordinate(e.x[0], e.x[1], GRID, i), y)));
      evs.js.gridRows(GRID, e, j, j + 1, other);
      for (let i = 0; i < GRID; i++) dRow = Math.max(dRow, relDiff(row[i]!, other[i]!));
    }
    const perRow = (k: "js" | "wasm") => {
      evs[k].gridRows(GRID, e, 1, 2, row);
      const r = rate((i) => evs[k].gridRows(GRID, e, ROWS[i % ROWS.length]!, ROWS[i % ROWS.length]! + 1, row), 400, ROWS.length);
      return r.ms / r.iters;
    };
    const gj = perRow("js"), gw = perRow("wasm");
    table.push([id, "µs per probe (full batch)", pj.toFixed(1), pw.toFixed(1), `${(pj / pw).toFixed(1)}×`, dProbe.toExponential(1)]);
    table.push([id, `ms per grid row (${GRID} points)`, gj.toFixed(2), gw.toFixed(2), `${(gj / gw).toFixed(1)}×`, dRow.toExponential(1)]);
  }
} finally {
  await core.close();
}
const w = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
const line = (r: string[]) => r.map((cell, c) => (c < 2 ? cell.padEnd(w[c]!) : cell.padStart(w[c]!))).join("  ");
console.log(line(table[0]!));
console.log(w.map((n) => "-".repeat(n)).join("  "));
for (const r of table.slice(1)) console.log(line(r));
console.log("\nOne thread each; ratio = JS time / wasm time. Max rel. diff, wasm vs JS: probes (loss and slope at 64 points);");
console.log("grid rows (their float32 values, and the loss in double at every 15th point).");

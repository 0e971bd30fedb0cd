// `npx tsx server/bench/network.ts [--landscapes a,b]`: what "what the network does here" costs a
// step, on one thread, in one process. Rows: microseconds per full-batch probe (loss, slope and the
// accuracy counted in the same forward pass), per full-batch forward pass alone (the reveal grid's
// loss: no slope, no count), and per decision-regions picture (32² cells, 2-D datasets only); the
// ratio says how many probes a picture costs: small enough (tens to hundreds of µs) that every
// felt step carries its picture, computed in the same worker call as the probe.
import { pino } from "pino";
import { createRegionsEvaluator, createSliceEvaluator, getRecipe, Rng, REGIONS_SIZE } from "../../lib/landscape/index";
import { benchSetup, say } from "./setup";
import { TrainingCore } from "../training/core";
import { loadDataset } from "../training/datasets";
import { rate } from "./measure";

const { ids, dataDir } = benchSetup("bench-network");
const core = await TrainingCore.create({ dataDir, logger: pino({ level: "silent" }), threads: 1 });
const table: string[][] = [["landscape", "samples", "µs per probe", "µs per loss only", `µs per ${REGIONS_SIZE}² picture`, "picture / probe"]];
try {
  for (const id of ids) {
    await core.ensure(id);
    const b = await core.secret(id);
    const ds = loadDataset(getRecipe(id).dataset);
    const ev = createSliceEvaluator(b, ds);
    const regions = createRegionsEvaluator(b, ds);
    const e = b.info.extent;
    const rng = new Rng(7);
    const pts = Array.from({ length: 64 }, () => [e.x[0] + rng.next() * (e.x[1] - e.x[0]), e.y[0] + rng.next() * (e.y[1] - e.y[0])] as const);
    say(`${id}: timing...`);
    const us = (fn: (i: number) => void) => {
      rate(fn, 100, 10); // warm-up
      return 1e6 / rate(fn, 600, 20).perSec;
    };
    const probe = us((i) => ev.felt(...pts[i % pts.length]!));
    const loss = us((i) => ev.lossAt(...pts[i % pts.length]!));
    const picture = regions ? us((i) => regions.at(...pts[i % pts.length]!)) : null;
    table.push([id, String(ds.n), probe.toFixed(1), loss.toFixed(1), picture === null ? "—" : picture.toFixed(1), picture === null ? "—" : `${(picture / probe).toFixed(2)}×`]);
  }
} finally {
  await core.close();
}
const w = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
const line = (r: string[]) => r.map((cell, c) => (c < 1 ? cell.padEnd(w[c]!) : cell.padStart(w[c]!))).join("  ");
console.log(line(table[0]!));
console.log(w.map((n) => "-".repeat(n)).join("  "));
for (const r of table.slice(1)) console.log(line(r));
console.log("\nOne thread, WebAssembly kernels. A picture exists only where the dataset is 2-D (—: none to draw).");

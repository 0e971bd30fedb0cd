// Datasets from disk: the CSV files in public/datasets parsed by lib (which does no I/O), and the
// synthetic shapes generated from their seeds. Memoised per process (a worker parses each once).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOG, landscapeInfo, resolveDataset, type Dataset, type DatasetRef, type LandscapeInfo } from "../../lib/landscape/index";

/** Where the real datasets ship: public/datasets at the repository root. */
export const DEFAULT_DATASETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../public/datasets");

const memo = new Map<string, Dataset>();

/** The dataset a recipe names, read from datasetsDir (real) or generated (synthetic). Treat as read-only. */
export function loadDataset(ref: DatasetRef, datasetsDir: string = DEFAULT_DATASETS_DIR): Dataset {
  const key = `${datasetsDir}\u0000${JSON.stringify(ref)}`;
  let ds = memo.get(key);
  if (!ds) {
    ds = resolveDataset(ref, (file) => readFileSync(join(datasetsDir, file), "utf8"));
    memo.set(key, ds);
  }
  return ds;
}

/** Public info of every catalog landscape, in catalog order (reads the datasets: run it off a busy thread). */
export function catalogInfos(datasetsDir: string = DEFAULT_DATASETS_DIR): LandscapeInfo[] {
  return CATALOG.map((r) => landscapeInfo(r, loadDataset(r.dataset, datasetsDir)));
}

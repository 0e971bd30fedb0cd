// The data a landscape is made of: four real UCI datasets (parsed from the CSV text the server
// reads; lib/ does no I/O) and four seeded synthetic 2-D shapes. Every dataset reaches the
// network standardised (mean 0, variance 1 per feature), or the loss surface is a needle.
import { Rng } from "./prng";
import { LandscapeError, type Dataset } from "./types";

/** Names of the real datasets shipped in public/datasets. */
export type RealDatasetName = "digits" | "iris" | "wine" | "breast_cancer";

/** Shapes of the synthetic 2-D datasets. */
export type SyntheticKind = "spiral" | "moons" | "circles" | "xor";

/** Where a real dataset lives and whom to credit (UCI publishes them under CC BY 4.0). */
export interface DatasetEntry {
  name: RealDatasetName;
  /** File name under public/datasets. */
  file: string;
  title: string;
  credit: string;
  /** Whether the first line is `N_ROWS,N_FEATURES,classnames...`. */
  hasHeader: boolean;
}

/** The real datasets (see public/datasets/PROVENANCE.md). */
export const DATASETS: Record<RealDatasetName, DatasetEntry> = {
  digits: {
    name: "digits",
    file: "digits.csv",
    title: "Handwritten digits (8×8 pixels)",
    credit: "UCI Optical Recognition of Handwritten Digits — E. Alpaydin, C. Kaynak (1998), CC BY 4.0",
    hasHeader: false,
  },
  iris: { name: "iris", file: "iris.csv", title: "Iris flowers", credit: "UCI Iris — R. A. Fisher (1936), CC BY 4.0", hasHeader: true },
  wine: { name: "wine", file: "wine_data.csv", title: "Wine cultivars", credit: "UCI Wine — M. Forina et al., CC BY 4.0", hasHeader: true },
  breast_cancer: {
    name: "breast_cancer",
    file: "breast_cancer.csv",
    title: "Breast cancer biopsies",
    credit: "UCI Breast Cancer Wisconsin (Diagnostic) — W. Wolberg et al. (1995), CC BY 4.0",
    hasHeader: true,
  },
};

/** Display titles of the synthetic shapes. */
export const SYNTHETIC_TITLES: Record<SyntheticKind, string> = {
  spiral: "Two spirals",
  moons: "Two moons",
  circles: "Two circles",
  xor: "XOR (four clusters)",
};

/**
 * Parses a dataset CSV (features, then the integer class last) and standardises it. The mean and
 * variance come from the whole set: a landscape is the training loss over all of the data, and
 * nothing is ever evaluated on held-out rows, so there is no split to leak into.
 */
export function parseDatasetCsv(name: RealDatasetName, text: string): Dataset {
  const entry = DATASETS[name];
  if (!entry) throw new LandscapeError("bad_argument", `No dataset called "${name}".`);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  let classes = 0;
  let expectRows = -1;
  let expectFeatures = -1;
  if (entry.hasHeader) {
    const head = (lines.shift() ?? "").split(",");
    expectRows = Number(head[0]);
    expectFeatures = Number(head[1]);
    classes = head.length - 2;
  }
  const n = lines.length;
  const width = (lines[0] ?? "").split(",").length;
  const d = width - 1;
  if (n === 0 || d < 1) throw new LandscapeError("bad_argument", `The ${name} file has no data rows.`);
  if (expectRows >= 0 && (expectRows !== n || expectFeatures !== d)) {
    throw new LandscapeError("bad_argument", `The ${name} header promises ${expectRows}×${expectFeatures} but the file holds ${n}×${d}.`);
  }
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  lines.forEach((line, s) => {
    const cells = line.split(",");
    if (cells.length !== width) throw new LandscapeError("bad_argument", `Row ${s + 1} of ${name} has ${cells.length} cells, not ${width}.`);
    for (let i = 0; i < d; i++) x[s * d + i] = Number(cells[i]);
    y[s] = Number(cells[d]);
  });
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new LandscapeError("bad_argument", `The ${name} file holds a non-number at row ${Math.floor(i / d) + 1}.`);
  }
  let maxLabel = 0;
  for (let s = 0; s < n; s++) {
    const c = y[s]!;
    if (!Number.isInteger(c) || c < 0) throw new LandscapeError("bad_argument", `Row ${s + 1} of ${name} has class ${c}, not a class index.`);
    maxLabel = Math.max(maxLabel, c);
  }
  classes = Math.max(classes, maxLabel + 1);
  standardise(x, n, d);
  return { name, credit: entry.credit, n, d, x, y, classes };
}

/**
 * Standardises the columns of x (n, d) in place to mean 0 and (population) variance 1. A constant
 * column (digits has pixels that are always blank) becomes all zeros instead of 0/0.
 */
export function standardise(x: Float64Array, n: number, d: number): void {
  for (let i = 0; i < d; i++) {
    let mean = 0;
    for (let s = 0; s < n; s++) mean += x[s * d + i]!;
    mean /= n;
    let v = 0;
    for (let s = 0; s < n; s++) {
      const e = x[s * d + i]! - mean;
      v += e * e;
    }
    const std = Math.sqrt(v / n);
    const inv = std > 1e-12 ? 1 / std : 0;
    for (let s = 0; s < n; s++) x[s * d + i] = (x[s * d + i]! - mean) * inv;
  }
}

/**
 * A seeded synthetic 2-D classification set of n points, two balanced classes, standardised.
 * The shapes follow tensorflow/playground (spiral, circles, xor) and scikit-learn (moons).
 * `noise` multiplies each shape's Gaussian jitter (1 = the usual amount): classes that overlap
 * cannot be separated perfectly, so the loss has a finite minimiser instead of sloping down
 * forever as the weights grow.
 */
export function makeSynthetic(kind: SyntheticKind, n: number, seed: number, noise = 1): Dataset {
  if (!Number.isInteger(n) || n < 4 || n > 100_000) throw new LandscapeError("bad_argument", `A synthetic set needs 4 to 100000 points, not ${n}.`);
  if (!SYNTHETIC_TITLES[kind]) throw new LandscapeError("bad_argument", `No synthetic shape called "${kind}".`);
  if (!(noise >= 0 && noise <= 10)) throw new LandscapeError("bad_argument", `A synthetic set's noise is a factor from 0 to 10, not ${noise}.`);
  const rng = new Rng(seed);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  const half = Math.ceil(n / 2);
  for (let s = 0; s < n; s++) {
    const c = s < half ? 0 : 1;
    const k = c === 0 ? s : s - half; // index within the class
    const m = c === 0 ? half : n - half; // class size
    const [px, py] = point(kind, c, k / m, rng, noise);
    x[2 * s] = px;
    x[2 * s + 1] = py;
    y[s] = c;
  }
  standardise(x, n, 2);
  const jitter = noise === 1 ? "" : `, ${noise}× the usual noise`;
  return { name: kind, credit: `synthetic, generated by Downhill from seed ${seed}${jitter}`, n, d: 2, x, y, classes: 2 };
}

/** One point of class c at position t ∈ [0, 1) along its class. */
function point(kind: SyntheticKind, c: number, t: number, rng: Rng, noise: number): [number, number] {
  if (kind === "spiral") {
    // Two interleaved arms of 1.75 turns, radius growing with t; class 1 is class 0 turned by π.
    const r = 5 * t + 0.25;
    const a = 1.75 * 2 * Math.PI * t + c * Math.PI;
    return [r * Math.sin(a) + 0.15 * noise * rng.gaussian(), r * Math.cos(a) + 0.15 * noise * rng.gaussian()];
  }
  if (kind === "moons") {
    const a = Math.PI * rng.next();
    const [cx, cy] = c === 0 ? [Math.cos(a), Math.sin(a)] : [1 - Math.cos(a), 0.5 - Math.sin(a)];
    return [cx + 0.1 * noise * rng.gaussian(), cy + 0.1 * noise * rng.gaussian()];
  }
  if (kind === "circles") {
    const a = 2 * Math.PI * rng.next();
    const r = c === 0 ? 0.5 * Math.sqrt(rng.next()) : 0.75 + 0.25 * rng.next();
    return [r * Math.cos(a) + 0.05 * noise * rng.gaussian(), r * Math.sin(a) + 0.05 * noise * rng.gaussian()];
  }
  // xor: four Gaussian clusters at (±1, ±1); class 0 where the signs agree.
  const sx = rng.next() < 0.5 ? -1 : 1;
  const sy = c === 0 ? sx : -sx;
  return [sx + 0.3 * noise * rng.gaussian(), sy + 0.3 * noise * rng.gaussian()];
}

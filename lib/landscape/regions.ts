// Decision regions: what the network at one spot θ(x, y) answers over the input plane of a 2-D
// dataset, as TensorFlow Playground draws it. The plane's cells are a dataset of their own (the
// cell centres, no labels), so the slice evaluator's machinery applies unchanged: the first
// layer's products over the cells are computed once, and a picture is one forward pass per cell
// in the same kernels as a probe. Only the picture at a spot is ever computed, never a map: what
// it shows is as local as the altitude under the walker's feet.
import { createSliceEvaluator, type EvaluatorOptions, type SliceEvaluator } from "./slice";
import { LandscapeError, type Dataset, type Extent, type Slice } from "./types";

/** Cells a side of a regions picture: 32² forward passes, about a probe's cost on the 2-D sets. */
export const REGIONS_SIZE = 32;
/** Confidence levels a cell carries (4 bits): 0 = a coin toss between the classes, 15 = certain. */
export const CONFIDENCE_LEVELS = 16;

/** A regions picture: cells[j·size + i] is the cell at column i, row j (y grows with j). */
export interface RegionsPicture {
  size: number;
  /** The square of the input plane the cells cover (standardised inputs, the data's own units). */
  box: Extent;
  /** One byte a cell: predicted class · 16 + confidence level (cellByte). */
  cells: Uint8Array;
}

/**
 * The square of the input plane a picture covers: the data's bounding box, made square about its
 * centre (so the picture is not stretched) and widened by 10 % so no point sits on the edge.
 */
export function regionsBox(ds: Dataset): Extent {
  if (ds.d !== 2) throw new LandscapeError("bad_argument", `Decision regions need a 2-D dataset; ${ds.name} has ${ds.d} features.`);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let s = 0; s < ds.n; s++) {
    const u = ds.x[2 * s]!, v = ds.x[2 * s + 1]!;
    x0 = Math.min(x0, u); x1 = Math.max(x1, u);
    y0 = Math.min(y0, v); y1 = Math.max(y1, v);
  }
  const half = 0.55 * Math.max(x1 - x0, y1 - y0, 1e-9);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}

/** The centre of cell i of `size` cells from lo to hi. */
export function cellCentre(lo: number, hi: number, size: number, i: number): number {
  return lo + ((i + 0.5) * (hi - lo)) / size;
}

/** The cells' centres as a dataset (labels all 0), row-major, y growing with the row. */
export function cellsDataset(box: Extent, size: number, classes: number): Dataset {
  const n = size * size;
  const x = new Float64Array(2 * n);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      x[2 * (j * size + i)] = cellCentre(box.x[0], box.x[1], size, i);
      x[2 * (j * size + i) + 1] = cellCentre(box.y[0], box.y[1], size, j);
    }
  }
  return { name: "cells", credit: "", n, d: 2, x, y: new Float64Array(n), classes };
}

/**
 * One cell's byte: its predicted class in the high four bits, and in the low four how sure the
 * network is, the class's probability p mapped from 1/C (a toss-up) to 1 (certain) onto 0…15.
 */
export function cellByte(cls: number, p: number, classes: number): number {
  const floor = 1 / classes;
  const t = (p - floor) / (1 - floor);
  const level = Number.isFinite(t) ? Math.min(CONFIDENCE_LEVELS - 1, Math.max(0, Math.round(t * (CONFIDENCE_LEVELS - 1)))) : 0;
  return (cls << 4) | level;
}

/** Pictures of one slice's decision regions, at any spot, with buffers allocated once. */
export interface RegionsEvaluator {
  readonly size: number;
  readonly box: Extent;
  /** The picture of the network at slice point (x, y) (any finite point, on the map or off it). */
  at(x: number, y: number): RegionsPicture;
}

/**
 * The regions evaluator of a slice over its dataset, or null where there is no picture to draw:
 * the dataset is not 2-D, the loss has no classes, or the network has more than 16 outputs.
 */
export function createRegionsEvaluator(slice: Slice, dataset: Dataset, opts: EvaluatorOptions & { size?: number } = {}): RegionsEvaluator | null {
  const outputs = slice.spec.layers[slice.spec.layers.length - 1]?.out ?? 0;
  if (dataset.d !== 2 || slice.spec.loss !== "softmax_cross_entropy" || outputs < 2 || outputs > 16) return null;
  const size = opts.size ?? REGIONS_SIZE;
  if (!Number.isInteger(size) || size < 2 || size > 256) throw new LandscapeError("bad_argument", `A regions picture has 2 to 256 cells a side, not ${size}.`);
  const box = regionsBox(dataset);
  const classes = outputs; // a softmax over every output: a toss-up is 1/outputs
  const ev: SliceEvaluator = createSliceEvaluator(slice, cellsDataset(box, size, classes), { kernels: opts.kernels });
  const answers = new Float64Array(2 * size * size);
  return {
    size,
    box,
    at(x, y) {
      ev.predictInto(x, y, answers);
      const cells = new Uint8Array(size * size);
      for (let c = 0; c < cells.length; c++) cells[c] = cellByte(answers[2 * c]!, answers[2 * c + 1]!, classes);
      return { size, box: { x: [box.x[0], box.x[1]], y: [box.y[0], box.y[1]] }, cells };
    },
  };
}

/** The data points as the picture draws them: [x, y, class] per sample, rounded to 1e-4 (the dataset is public). */
export function dataPoints(ds: Dataset): [number, number, number][] {
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  return Array.from({ length: ds.n }, (_, s) => [r(ds.x[2 * s]!), r(ds.x[2 * s + 1]!), ds.y[s]!]);
}

/**
 * Accuracy by chance: the share of the most common class, what a network that ignores its input and
 * always gives one answer scores at best. The context a player needs for "83 % right".
 */
export function majorityShare(ds: Dataset): number {
  if (ds.n === 0 || ds.classes < 1) return 0;
  const counts = new Array<number>(ds.classes).fill(0);
  for (let s = 0; s < ds.n; s++) counts[ds.y[s]!] = (counts[ds.y[s]!] ?? 0) + 1;
  return Math.max(...counts) / ds.n;
}

/**
 * The data points as a picture draws them, three bytes each: column and row in the box (0…255,
 * row 0 at the box's low y) and the class. A byte is 1/256 of the box: finer than a picture's pixel.
 */
export function quantisedPoints(ds: Dataset, box: Extent): Uint8Array {
  const out = new Uint8Array(3 * ds.n);
  const q = (v: number, lo: number, hi: number) => Math.min(255, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * 256)));
  for (let s = 0; s < ds.n; s++) {
    out[3 * s] = q(ds.x[2 * s]!, box.x[0], box.x[1]);
    out[3 * s + 1] = q(ds.x[2 * s + 1]!, box.y[0], box.y[1]);
    out[3 * s + 2] = ds.y[s]!;
  }
  return out;
}

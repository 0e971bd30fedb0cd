// The export format: everything needed to recompute any point of a landscape independently
// (another language, TF.js, a notebook). Parameters are flat, per layer W [in, out] row-major
// then b, the layout of lib/landscape/mlp.ts; x is standardised exactly as the network sees it.
import type { BuiltLandscape, Dataset, Extent, LayerSpec, LossKind } from "../../lib/landscape/index";

/** A landscape as exported by `npm run landscape -- export ID`. */
export interface LandscapeExport {
  id: string;
  name: string;
  lesson: string;
  recipeHash: string;
  dataset: { name: string; credit: string; x: number[][]; y: number[] };
  model: { layers: LayerSpec[]; loss: LossKind; parameterLayout: string };
  center: number[];
  directions: [number[], number[]];
  extent: Extent;
  minimum: BuiltLandscape["minimum"];
}

/** The export of a built landscape over its dataset. */
export function landscapeExport(b: BuiltLandscape, ds: Dataset): LandscapeExport {
  const x: number[][] = [];
  for (let s = 0; s < ds.n; s++) x.push(Array.from(ds.x.subarray(s * ds.d, (s + 1) * ds.d)));
  return {
    id: b.info.id,
    name: b.info.name,
    lesson: b.info.lesson,
    recipeHash: b.recipeHash,
    dataset: { name: ds.name, credit: ds.credit, x, y: Array.from(ds.y) },
    model: {
      layers: b.spec.layers.map((l) => ({ in: l.in, out: l.out, activation: l.activation })),
      loss: b.spec.loss,
      parameterLayout: "per layer: W [in, out] row-major, then b [out]; theta(x, y) = center + x*directions[0] + y*directions[1]",
    },
    center: Array.from(b.center),
    directions: [Array.from(b.d1), Array.from(b.d2)],
    extent: { x: [b.info.extent.x[0], b.info.extent.x[1]], y: [b.info.extent.y[0], b.info.extent.y[1]] },
    minimum: { ...b.minimum },
  };
}

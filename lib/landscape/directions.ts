// The two directions that span a slice. Random directions are filter-normalised as in Li, Xu,
// Taylor, Studer & Goldstein 2018, "Visualizing the Loss Landscape of Neural Nets": a raw
// Gaussian direction means different things for layers of different scale, and networks are
// invariant to rescaling a neuron's weights (relu) or nearly so; matching each neuron's slice of
// the direction to the norm of the same slice of θ0 makes x = 1 a comparable perturbation
// everywhere, so slices of different networks and seeds can be compared by eye.
import { layerOffsets } from "./mlp";
import type { Rng } from "./prng";
import { dot } from "./vec";
import { LandscapeError, type MlpSpec } from "./types";

/**
 * A Gaussian direction, rescaled neuron by neuron: for output neuron j of each layer, the column
 * W[:, j] of the direction gets the norm of the column W[:, j] of center. Bias entries are zero
 * (Li et al. 2018 §4: biases are left unperturbed). A neuron whose incoming weights in center
 * are all zero gets a zero slice.
 */
export function filterNormalizedDirection(spec: MlpSpec, center: Float64Array, rng: Rng): Float64Array {
  const d = new Float64Array(center.length);
  const offs = layerOffsets(spec);
  spec.layers.forEach((l, k) => {
    const w = offs[k]!.w;
    for (let i = 0; i < l.in * l.out; i++) d[w + i] = rng.gaussian();
    for (let j = 0; j < l.out; j++) {
      let nd = 0;
      let nc = 0;
      for (let i = 0; i < l.in; i++) {
        const idx = w + i * l.out + j; // column j: the weights feeding neuron j
        nd += d[idx]! * d[idx]!;
        nc += center[idx]! * center[idx]!;
      }
      const s = nd > 0 ? Math.sqrt(nc / nd) : 0;
      for (let i = 0; i < l.in; i++) d[w + i * l.out + j] = d[w + i * l.out + j]! * s;
    }
  });
  return d;
}

/** Per neuron (layer by layer, column by column) the norm of the weights feeding it: what filter normalisation matches. */
export function neuronNorms(spec: MlpSpec, v: Float64Array): number[] {
  const offs = layerOffsets(spec);
  const out: number[] = [];
  spec.layers.forEach((l, k) => {
    const w = offs[k]!.w;
    for (let j = 0; j < l.out; j++) {
      let s = 0;
      for (let i = 0; i < l.in; i++) s += v[w + i * l.out + j]! ** 2;
      out.push(Math.sqrt(s));
    }
  });
  return out;
}

/**
 * The slice through two solutions a and b: center = (a + b)/2 and direction = (b − a)/2, so that a
 * sits at x = −1 and b at x = +1 of θ0 + x·δ1.
 */
export function directionBetween(a: Float64Array, b: Float64Array): { center: Float64Array; direction: Float64Array } {
  if (a.length !== b.length) throw new LandscapeError("bad_argument", "Two solutions of different networks cannot span a slice.");
  const center = new Float64Array(a.length);
  const direction = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    center[i] = 0.5 * (a[i]! + b[i]!);
    direction[i] = 0.5 * (b[i]! - a[i]!);
  }
  return { center, direction };
}

/** v minus its projection on u, in place (one Gram–Schmidt step); returns v. */
export function orthogonalizeAgainst(v: Float64Array, u: Float64Array): Float64Array {
  const uu = dot(u, u);
  if (uu === 0) return v;
  const c = dot(v, u) / uu;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! - c * u[i]!;
  return v;
}

/** The part of params belonging to layers [from, to): a copy with every other entry zero. */
export function layerPart(spec: MlpSpec, params: Float64Array, from: number, to: number): Float64Array {
  const offs = layerOffsets(spec);
  const out = new Float64Array(params.length);
  for (let k = from; k < to; k++) {
    const l = spec.layers[k]!;
    const start = offs[k]!.w;
    const end = offs[k]!.b + l.out;
    out.set(params.subarray(start, end), start);
  }
  return out;
}

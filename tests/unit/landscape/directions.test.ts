import { describe, expect, it } from "vitest";
import { directionBetween, filterNormalizedDirection, layerPart, neuronNorms, orthogonalizeAgainst } from "../../../lib/landscape/directions";
import { layerOffsets } from "../../../lib/landscape/mlp";
import { createRng } from "../../../lib/landscape/prng";
import { dot } from "../../../lib/landscape/vec";
import { mlpSpec, randomParams } from "./fixtures";

describe("filter normalisation (Li et al. 2018)", () => {
  const spec = mlpSpec(5, 7, 3, "relu", "softmax_cross_entropy");
  const center = randomParams(spec, 4);

  it("gives every neuron's incoming slice the norm of the same slice of the centre", () => {
    const d = filterNormalizedDirection(spec, center, createRng(1));
    const got = neuronNorms(spec, d);
    const want = neuronNorms(spec, center);
    expect(got.length).toBe(7 + 7 + 3);
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-12 * want[i]!));
  });

  it("zeroes the bias entries and is not just a copy of the centre", () => {
    const d = filterNormalizedDirection(spec, center, createRng(1));
    for (const [k, l] of spec.layers.entries()) {
      const { b } = layerOffsets(spec)[k]!;
      expect(Array.from(d.subarray(b, b + l.out))).toEqual(new Array(l.out).fill(0));
    }
    const cos = dot(d, center) / Math.sqrt(dot(d, d) * dot(center, center));
    expect(Math.abs(cos)).toBeLessThan(0.5);
  });

  it("is deterministic in the seed", () => {
    expect(filterNormalizedDirection(spec, center, createRng(9))).toEqual(filterNormalizedDirection(spec, center, createRng(9)));
    expect(filterNormalizedDirection(spec, center, createRng(9))).not.toEqual(filterNormalizedDirection(spec, center, createRng(10)));
  });
});

describe("directions between solutions", () => {
  it("puts a at x = −1 and b at x = +1", () => {
    const a = Float64Array.of(1, 2, 3);
    const b = Float64Array.of(-1, 4, 3);
    const { center, direction } = directionBetween(a, b);
    expect(Array.from(center.map((c, i) => c - direction[i]!))).toEqual([1, 2, 3]);
    expect(Array.from(center.map((c, i) => c + direction[i]!))).toEqual([-1, 4, 3]);
  });

  it("orthogonalises and splits by layer", () => {
    const v = orthogonalizeAgainst(Float64Array.of(1, 1), Float64Array.of(1, 0));
    expect(Array.from(v)).toEqual([0, 1]);
    const spec = mlpSpec(2, 3, 2, "tanh", "mse");
    const p = randomParams(spec, 1);
    const first = layerPart(spec, p, 0, 1);
    const rest = layerPart(spec, p, 1, 3);
    expect(Array.from(first.map((f, i) => f + rest[i]!))).toEqual(Array.from(p));
    expect(dot(first, rest)).toBe(0);
  });
});

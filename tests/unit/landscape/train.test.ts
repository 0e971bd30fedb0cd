import { describe, expect, it } from "vitest";
import { makeSynthetic } from "../../../lib/landscape/datasets";
import { initParams } from "../../../lib/landscape/mlp";
import { hashSeed, Rng } from "../../../lib/landscape/prng";
import { datasetLoss, trainNetwork } from "../../../lib/landscape/train";
import type { MlpSpec } from "../../../lib/landscape/types";
import { bytes } from "./fixtures";

const spec: MlpSpec = { layers: [{ in: 2, out: 8, activation: "tanh" }, { in: 8, out: 2, activation: "linear" }], loss: "softmax_cross_entropy" };
const data = makeSynthetic("moons", 200, 1);

describe("trainNetwork", () => {
  it("learns: moons loss falls from ln 2-ish to below 0.1", () => {
    const init = initParams(spec, new Rng(hashSeed(5, "init")));
    const p = trainNetwork(spec, data, { optimizer: "adam", lr: 0.03, epochs: 200, batch: 40, seed: 5 });
    expect(datasetLoss(spec, init, data)).toBeGreaterThan(0.4);
    expect(datasetLoss(spec, p, data)).toBeLessThan(0.1);
  });

  it("is deterministic to the bit and depends on the seed", () => {
    const opts = { optimizer: "momentum" as const, lr: 0.05, steps: 150, batch: 16, seed: 8, schedule: { kind: "cosine" as const } };
    const a = trainNetwork(spec, data, opts);
    expect(bytes(trainNetwork(spec, data, opts)).equals(bytes(a))).toBe(true);
    expect(bytes(trainNetwork(spec, data, { ...opts, seed: 9 })).equals(bytes(a))).toBe(false);
  });

  it("reports progress up to 1 and never touches an init buffer", () => {
    const init = initParams(spec, new Rng(1));
    const copy = Float64Array.from(init);
    const seen: number[] = [];
    trainNetwork(spec, data, { optimizer: "sgd", lr: 0.1, steps: 20, batch: 10, seed: 1, init }, (f) => seen.push(f));
    expect(seen[seen.length - 1]).toBe(1);
    expect(init).toEqual(copy);
  });

  it("rejects a network that does not fit the data", () => {
    expect(() => trainNetwork({ ...spec, layers: [{ in: 3, out: 2, activation: "linear" }] }, data, { optimizer: "sgd", lr: 0.1, steps: 1, batch: 1, seed: 1 })).toThrow(/3 inputs/);
  });
});

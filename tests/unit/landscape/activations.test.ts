import { describe, expect, it } from "vitest";
import { ACT_CODE, ACTIVATIONS, activateRow, scaleByDerivative, sigmoid } from "../../../lib/landscape/activations";
import type { Activation } from "../../../lib/landscape/types";

const KINDS: Activation[] = ["relu", "tanh", "sigmoid", "linear"];
const POINTS = [-3.1, -0.7, -0.05, 0.04, 0.6, 2.9];

describe("activations", () => {
  it.each(KINDS)("%s: derivative matches a central difference to 1e-8", (kind) => {
    const f = ACTIVATIONS[kind];
    const h = 1e-5;
    for (const z of POINTS) {
      const fd = (f.output(z + h) - f.output(z - h)) / (2 * h);
      expect(Math.abs(f.der(z, f.output(z)) - fd)).toBeLessThan(1e-8);
    }
  });

  it.each(KINDS)("%s: the row kernels agree with the table", (kind) => {
    const z = Float64Array.from(POINTS);
    const a = new Float64Array(z.length);
    activateRow(ACT_CODE[kind], z, a, 0, z.length);
    const d = new Float64Array(z.length).fill(2);
    scaleByDerivative(ACT_CODE[kind], z, a, d, 0, z.length);
    POINTS.forEach((v, i) => {
      expect(a[i]).toBe(ACTIVATIONS[kind].output(v));
      expect(d[i]).toBeCloseTo(2 * ACTIVATIONS[kind].der(v, a[i]!), 15);
    });
  });

  it("sigmoid does not overflow for large |z|", () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});

// The two-lane exp, log, tanh and sigmoid of the wasm kernels (wasm/as/simd-math.ts) against
// Math.* over their whole range, in ulps of the reference, plus the special values.
import { describe, expect, it } from "vitest";
import { sigmoid } from "../../../lib/landscape/activations";
import { instantiateKernels, Layout } from "../../../lib/landscape/wasm/module";

const N = 20_000;
const layout = new Layout();
const src = layout.take(N, 8), dst = layout.take(N, 8);
const kernels = instantiateKernels(layout)!;
const FN = { exp: 0, log: 1, tanh: 2, sigmoid: 3 } as const;

/** f applied by the wasm module to each value. */
function apply(f: keyof typeof FN, xs: number[]): number[] {
  const n = xs.length + (xs.length % 2);
  kernels.f64.set(xs, src / 8);
  kernels.exports.mathInto(FN[f], src, dst, n);
  return Array.from(kernels.f64.subarray(dst / 8, dst / 8 + xs.length));
}

/** The spacing of doubles at v (one ulp). */
function ulp(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return Number.MIN_VALUE;
  return 2 ** (Math.floor(Math.log2(a)) - 52) || Number.MIN_VALUE;
}

/** Worst |got − want| in ulps of want over xs. */
function worstUlps(f: keyof typeof FN, ref: (x: number) => number, xs: number[]): number {
  const got = apply(f, xs);
  let worst = 0;
  xs.forEach((x, i) => {
    const want = ref(x);
    if (Number.isFinite(want)) worst = Math.max(worst, Math.abs(got[i]! - want) / ulp(want));
    else expect(got[i], `${f}(${x})`).toBe(want);
  });
  return worst;
}

const span = (lo: number, hi: number) => Array.from({ length: N }, (_, i) => lo + ((hi - lo) * i) / (N - 1));

describe("two-lane math of the wasm kernels", () => {
  it("exp is within 2 ulp of Math.exp from underflow to overflow", () => {
    expect(worstUlps("exp", Math.exp, span(-745, 709.7))).toBeLessThanOrEqual(2);
    expect(worstUlps("exp", Math.exp, span(-3, 3))).toBeLessThanOrEqual(2);
    expect(apply("exp", [710, 1e6, -746, -1e6, 0, -0])).toEqual([Infinity, Infinity, 0, 0, 1, 1]);
  });

  it("log is within 1 ulp of Math.log from subnormals to the largest double", () => {
    const xs = span(0, 1).map((t) => 1e-310 * Math.pow(10, 618 * t));
    expect(worstUlps("log", Math.log, xs)).toBeLessThanOrEqual(1);
    expect(worstUlps("log", Math.log, span(0.5, 2))).toBeLessThanOrEqual(1);
    expect(apply("log", [0, -0, -1, Infinity, 1])).toEqual([-Infinity, -Infinity, NaN, Infinity, 0]);
  });

  it("tanh is within 2.3e-16 of Math.tanh, and keeps its relative accuracy near 0", () => {
    const xs = span(-25, 25);
    const got = apply("tanh", xs);
    expect(Math.max(...xs.map((x, i) => Math.abs(got[i]! - Math.tanh(x))))).toBeLessThanOrEqual(2.3e-16);
    expect(worstUlps("tanh", Math.tanh, span(-1e-6, 1e-6))).toBeLessThanOrEqual(4);
    expect(apply("tanh", [Infinity, -Infinity, 0, -0])).toEqual([1, -1, 0, -0]);
  });

  it("sigmoid is within 4 ulp of the JS sigmoid, never overflowing", () => {
    expect(worstUlps("sigmoid", sigmoid, span(-700, 700))).toBeLessThanOrEqual(4);
    expect(apply("sigmoid", [1e6, -1e6])).toEqual([1, 0]);
  });

  it("keeps NaN as NaN", () => {
    for (const f of ["exp", "log", "tanh", "sigmoid"] as const) expect(apply(f, [NaN, 1])[0]).toBeNaN();
  });
});

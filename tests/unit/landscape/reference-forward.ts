// An independent forward pass for the accuracy and regions tests: θ(x, y) formed in full, then each
// input through plain float64 arithmetic over nested arrays (no code shared with lib/'s kernels or
// mlp.ts), the outputs' argmax and softmax probability by hand.
import type { MlpSpec, Slice } from "../../../lib/landscape/types";

const act = (a: string, z: number) => (a === "relu" ? Math.max(0, z) : a === "tanh" ? Math.tanh(z) : a === "sigmoid" ? 1 / (1 + Math.exp(-z)) : z);

/** Per layer W as rows [in][out] and b [out], read from a flat θ in the documented layout. */
function unpack(spec: MlpSpec, theta: number[]): { W: number[][]; b: number[]; act: string }[] {
  let at = 0;
  return spec.layers.map((l) => {
    const W: number[][] = [];
    for (let i = 0; i < l.in; i++) W.push(theta.slice(at + i * l.out, at + (i + 1) * l.out));
    at += l.in * l.out;
    const b = theta.slice(at, at + l.out);
    at += l.out;
    return { W, b, act: l.activation };
  });
}

/** What the reference answers for one input: the outputs, the class and its probability. */
export interface ReferenceAnswer {
  outputs: number[];
  cls: number;
  p: number;
  /** Gap between the two largest outputs (a near-tie can flip with the last bit of arithmetic). */
  margin: number;
}

/** The network at slice point (x, y) as a function of one input. */
export function referenceNetwork(slice: Slice, x: number, y: number): (input: number[]) => ReferenceAnswer {
  const theta = Array.from(slice.center, (c, i) => c + x * slice.d1[i]! + y * slice.d2[i]!);
  const layers = unpack(slice.spec, theta);
  return (input) => {
    let a = input;
    for (const l of layers) {
      const z = l.b.map((bj, j) => a.reduce((s, ai, i) => s + ai * l.W[i]![j]!, bj));
      a = z.map((v) => act(l.act, v));
    }
    const sorted = [...a].sort((p, q) => q - p);
    const cls = a.indexOf(sorted[0]!);
    const p = 1 / a.reduce((s, v) => s + Math.exp(v - a[cls]!), 0);
    return { outputs: a, cls, p, margin: sorted[0]! - (sorted[1] ?? -Infinity) };
  };
}

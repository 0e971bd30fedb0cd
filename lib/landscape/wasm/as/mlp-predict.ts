// What the network answers for a pair of samples just forwarded (AssemblyScript): its predicted
// class, the first largest output (a NaN output never wins; all NaN gives class 0), and that
// class's softmax probability. The JS reference is slice-kernel.ts's predictedClass; the comparison
// is the same (mx < o_k), so both kernels pick the same class to the bit.
import { vexp } from "./simd-math";
import { as_, C, L, tab, T_UNIT } from "./mlp-state";

/** Byte offset of the output layer's activations (a softmax network's logits). */
// @ts-ignore: decorator
@inline function outputs(): usize {
  return as_ + <usize>tab(L - 1, T_UNIT) * 16;
}

/** The largest output of each lane, left by the last pairClass (a second return value, without allocating). */
export let mxOut: v128 = f64x2.splat(0.0);

/** Predicted class of each lane (as f64) of the pair just forwarded; its largest output lands in mxOut. */
export function pairClass(): v128 {
  const o = outputs();
  let mx = f64x2.splat(-Infinity);
  let arg = f64x2.splat(0.0);
  for (let k = 0; k < C; k++) {
    const ok = v128.load(o + <usize>k * 16);
    const up = f64x2.lt(mx, ok);
    arg = v128.bitselect(f64x2.splat(<f64>k), arg, up);
    mx = v128.bitselect(ok, mx, up);
  }
  mxOut = mx;
  return arg;
}

/** 1.0 in each lane whose predicted class is its label (f64 class index at lab), else 0; masked lanes 0. */
export function pairCorrect(lab: usize, mask: v128): v128 {
  return v128.and(v128.and(f64x2.eq(pairClass(), v128.load(lab)), f64x2.splat(1.0)), mask);
}

/** The softmax probability of the predicted class per lane: 1 / Σ_k exp(o_k − max). Call right after pairClass. */
export function pairConfidence(): v128 {
  const o = outputs();
  const mx = mxOut;
  let sum = f64x2.splat(0.0);
  for (let k = 0; k < C; k++) sum = f64x2.add(sum, vexp(f64x2.sub(v128.load(o + <usize>k * 16), mx)));
  return f64x2.div(f64x2.splat(1.0), sum);
}

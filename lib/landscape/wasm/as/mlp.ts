// The slice kernel in WebAssembly (AssemblyScript): loss and exact slope of θ(x, y) = θ0 + x·δ1
// + y·δ2, two samples at a time, one per lane of an f64x2. The algorithm is slice-kernel.ts's
// (affine first layer from per-sample products, backprop stopped short of layer 1, the later
// layers' share contracted with δ1, δ2 once at the end); only the arithmetic is laid out for SIMD:
// every value of a unit is a pair (sample a, sample b), so every operation is lane-wise and the
// weights are stored "splatted" (the same double in both lanes) in two layouts, (in, out) for the
// backward pass and (out, in) for the forward pass, each read contiguously.
//
// The state (mlp-state.ts) is laid out by the JS side (wasm-kernels.ts); the passes of one pair
// are in mlp-forward.ts and mlp-backward.ts. A pair whose second lane has no sample (an odd
// count) repeats the first sample and masks its lane out of every sum.
import { pairBackward, resetSlope, slopeX, slopeY } from "./mlp-backward";
import { pairForward } from "./mlp-forward";
import { pairClass, pairConfidence, pairCorrect } from "./mlp-predict";
import { C, dir1, dir2, gacc, gatherPair, H, idx, labelPair, labW, LATER, N, out, P, prePair, rowP, scratch, setTheta, softmax, xsP } from "./mlp-state";

export { mlpInit } from "./mlp-state";

// @ts-ignore: decorator
@inline function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * [mean loss, ∂L/∂x, ∂L/∂y, samples classified right] at (x, y) into out, over the first `count`
 * sample indices at idx (useIdx) or the whole set in order; the slope only if wantGrad. The count
 * comes from the outputs the loss was computed from (the same forward pass); −1 for an mse loss.
 */
export function mlpEvaluate(x: f64, y: f64, count: i32, useIdx: bool, wantGrad: bool): void {
  setTheta(x, y);
  const zero = f64x2.splat(0.0);
  if (wantGrad) for (let p = LATER; p < P; p++) v128.store(gacc + <usize>p * 16, zero);
  resetSlope();
  const both = i64x2.splat(-1), first = i64x2(-1, 0);
  let total = zero, right = zero;
  const w3 = <usize>(3 * H) * 16, lw = <usize>labW * 16;
  if (!useIdx) {
    const pairs = (count + 1) >> 1;
    for (let p = 0; p < pairs; p++) {
      const pp = prePair + <usize>p * w3, lab = labelPair + <usize>p * lw;
      const mask = 2 * p + 1 < count ? both : first;
      total = f64x2.add(total, pairForward(pp, lab, x, y, mask, wantGrad));
      if (softmax) right = f64x2.add(right, pairCorrect(lab, mask));
      if (wantGrad) pairBackward(pp);
    }
  } else {
    const pp = scratch, lab = scratch + w3;
    for (let t = 0; t < count; t += 2) {
      const s0 = load<i32>(idx + <usize>t * 4);
      const s1 = t + 1 < count ? load<i32>(idx + <usize>(t + 1) * 4) : s0;
      gatherPair(s0, s1, pp, lab);
      const mask = t + 1 < count ? both : first;
      total = f64x2.add(total, pairForward(pp, lab, x, y, mask, wantGrad));
      if (softmax) right = f64x2.add(right, pairCorrect(lab, mask));
      if (wantGrad) pairBackward(pp);
    }
  }
  let sx = lanes(slopeX), sy = lanes(slopeY);
  if (wantGrad) {
    for (let p = LATER; p < P; p++) {
      const g = lanes(v128.load(gacc + <usize>p * 16));
      sx += g * load<f64>(dir1 + <usize>p * 8);
      sy += g * load<f64>(dir2 + <usize>p * 8);
    }
  }
  const inv = softmax ? 1.0 / <f64>count : 1.0 / (<f64>count * <f64>C);
  store<f64>(out, lanes(total) * inv);
  store<f64>(out + 8, sx * inv);
  store<f64>(out + 16, sy * inv);
  store<f64>(out + 24, softmax ? lanes(right) : -1.0);
}

/**
 * What the network answers for every sample of the whole set at (x, y): at dst (byte offset, n
 * pairs of f64) each sample's predicted class and that class's softmax probability (for an mse
 * loss, the index of the largest output and the probability of a softmax over the outputs).
 */
export function mlpPredict(x: f64, y: f64, dst: usize): void {
  setTheta(x, y);
  const both = i64x2.splat(-1), first = i64x2(-1, 0);
  const w3 = <usize>(3 * H) * 16, lw = <usize>labW * 16;
  const pairs = (N + 1) >> 1;
  for (let p = 0; p < pairs; p++) {
    const full = 2 * p + 1 < N;
    pairForward(prePair + <usize>p * w3, labelPair + <usize>p * lw, x, y, full ? both : first, false);
    const cls = pairClass(), conf = pairConfidence();
    const at = dst + <usize>p * 32;
    store<f64>(at, f64x2.extract_lane(cls, 0));
    store<f64>(at + 8, f64x2.extract_lane(conf, 0));
    if (full) {
      store<f64>(at + 16, f64x2.extract_lane(cls, 1));
      store<f64>(at + 24, f64x2.extract_lane(conf, 1));
    }
  }
}

/** Full-batch mean loss at (xs[i], y) into row[i] for i < size: one grid row in one call. */
export function mlpRow(y: f64, size: i32): void {
  const both = i64x2.splat(-1), first = i64x2(-1, 0);
  const w3 = <usize>(3 * H) * 16, lw = <usize>labW * 16;
  const pairs = (N + 1) >> 1;
  const inv = softmax ? 1.0 / <f64>N : 1.0 / (<f64>N * <f64>C);
  for (let i = 0; i < size; i++) {
    const x = load<f64>(xsP + <usize>i * 8);
    setTheta(x, y);
    let total = f64x2.splat(0.0);
    for (let p = 0; p < pairs; p++) {
      total = f64x2.add(total, pairForward(prePair + <usize>p * w3, labelPair + <usize>p * lw, x, y, 2 * p + 1 < N ? both : first, false));
    }
    store<f64>(rowP + <usize>i * 8, lanes(total) * inv);
  }
}

// The two losses at the network's output, as mean over the batch, with their gradient with
// respect to the output activations. Softmax cross-entropy uses log-sum-exp shifted by the row
// maximum, so no logit overflows exp; mse is the mean over samples AND outputs (as TF.js's
// tf.losses.meanSquaredError with default reduction).
import type { LossKind } from "./types";

/**
 * Mean loss over `batch` output rows of `out` (batch, nOut), and ∂(mean loss)/∂out into delta
 * (batch, nOut). Row s belongs to dataset row indices[s] (or s when indices is null), which is
 * where its label or target is read in y.
 */
export function outputLossAndDelta(
  loss: LossKind,
  out: Float64Array,
  y: Float64Array,
  indices: Int32Array | null,
  batch: number,
  nOut: number,
  delta: Float64Array,
): number {
  let total = 0;
  if (loss === "softmax_cross_entropy") {
    const inv = 1 / batch;
    for (let s = 0; s < batch; s++) {
      const o = s * nOut;
      const label = y[indices ? indices[s]! : s]!;
      total += softmaxRow(out, o, nOut, label, delta, inv);
    }
    return total * inv;
  }
  const inv = 1 / (batch * nOut);
  for (let s = 0; s < batch; s++) {
    const o = s * nOut;
    const t = (indices ? indices[s]! : s) * nOut;
    for (let j = 0; j < nOut; j++) {
      const e = out[o + j]! - y[t + j]!;
      total += e * e;
      delta[o + j] = 2 * e * inv;
    }
  }
  return total * inv;
}

/**
 * Cross-entropy of one row of logits at [o, o+n) against class `label`, and its gradient
 * (softmax − onehot)·scale into delta at the same place. Returns the row's (unscaled) loss.
 */
export function softmaxRow(logits: Float64Array, o: number, n: number, label: number, delta: Float64Array, scale: number): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) if (logits[o + j]! > m) m = logits[o + j]!;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(logits[o + j]! - m);
    delta[o + j] = e;
    sum += e;
  }
  const invSum = 1 / sum;
  for (let j = 0; j < n; j++) delta[o + j] = (delta[o + j]! * invSum - (j === label ? 1 : 0)) * scale;
  return m + Math.log(sum) - logits[o + label]!;
}

/**
 * Chance level: the lowest loss of a network that ignores its input and always outputs the same
 * thing. For softmax cross-entropy that is the entropy of the class frequencies, −Σ p_c·ln p_c
 * (ln C on C balanced classes); for mse it is the targets' variance, averaged over the outputs.
 * A loss at or above it means the network has learned nothing about its inputs.
 */
export function chanceLoss(loss: LossKind, y: Float64Array, n: number, nOut: number): number {
  if (loss === "softmax_cross_entropy") {
    const counts = new Map<number, number>();
    for (let s = 0; s < n; s++) counts.set(y[s]!, (counts.get(y[s]!) ?? 0) + 1);
    let h = 0;
    for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
    return h;
  }
  let total = 0;
  for (let k = 0; k < nOut; k++) {
    let mean = 0;
    for (let s = 0; s < n; s++) mean += y[s * nOut + k]!;
    mean /= n;
    for (let s = 0; s < n; s++) total += (y[s * nOut + k]! - mean) ** 2;
  }
  return total / (n * nOut);
}

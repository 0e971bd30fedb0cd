// Backprop against an independent implementation: TF.js autodiff (CPU backend, float32) on the
// same weights and data. float32 carries ~7 digits, hence the tolerances.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, layerOffsets, lossAndGrad } from "../../../lib/landscape/mlp";
import type { Activation, LossKind, MlpSpec } from "../../../lib/landscape/types";
import { mlpSpec, randomParams, randomProblem, worstError } from "./fixtures";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function tfActivation(a: Activation, t: tf.Tensor): tf.Tensor {
  if (a === "relu") return tf.relu(t);
  if (a === "tanh") return tf.tanh(t);
  if (a === "sigmoid") return tf.sigmoid(t);
  return t;
}

/** Loss and flat gradient by TF.js, in our parameter layout. */
function tfLossAndGrad(spec: MlpSpec, p: Float64Array, x: Float64Array, y: Float64Array, n: number): { loss: number; grad: Float64Array } {
  let result: { loss: number; grad: Float64Array } | undefined;
  tf.tidy(() => {
    const offs = layerOffsets(spec);
    const vars = spec.layers.flatMap((l, k) => [
      tf.tensor2d(Float32Array.from(p.subarray(offs[k]!.w, offs[k]!.w + l.in * l.out)), [l.in, l.out]),
      tf.tensor1d(Float32Array.from(p.subarray(offs[k]!.b, offs[k]!.b + l.out))),
    ]);
    const X = tf.tensor2d(Float32Array.from(x), [n, spec.layers[0]!.in]);
    const out = spec.layers[spec.layers.length - 1]!.out;
    const target = spec.loss === "softmax_cross_entropy" ? tf.oneHot(tf.tensor1d(Int32Array.from(y), "int32"), out) : tf.tensor2d(Float32Array.from(y), [n, out]);
    const f = (...ws: tf.Tensor[]) => {
      let a: tf.Tensor = X;
      spec.layers.forEach((l, k) => {
        a = tfActivation(l.activation, tf.add(tf.matMul(a as tf.Tensor2D, ws[2 * k] as tf.Tensor2D), ws[2 * k + 1]!));
      });
      return (spec.loss === "softmax_cross_entropy" ? tf.losses.softmaxCrossEntropy(target, a) : tf.losses.meanSquaredError(target, a)) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(vars);
    const grad = new Float64Array(p.length);
    spec.layers.forEach((_, k) => {
      grad.set(grads[2 * k]!.dataSync(), offs[k]!.w);
      grad.set(grads[2 * k + 1]!.dataSync(), offs[k]!.b);
    });
    result = { loss: value.dataSync()[0]!, grad };
  });
  return result!;
}

describe("backprop vs TF.js autodiff", () => {
  const LOSSES: LossKind[] = ["softmax_cross_entropy", "mse"];
  const ACTS: Activation[] = ["relu", "tanh", "sigmoid", "linear"];
  for (const loss of LOSSES) {
    for (const act of ACTS) {
      it(`${act} hidden layers, ${loss}`, () => {
        const spec = mlpSpec(5, 6, 3, act, loss, loss === "mse" ? act : "linear");
        const n = 20;
        const data = randomProblem(spec, n, 31);
        const p = randomParams(spec, 37);
        const g = new Float64Array(p.length);
        const ours = lossAndGrad(spec, p, data.x, data.y, null, createWorkspace(spec, n), g);
        const ref = tfLossAndGrad(spec, p, data.x, data.y, n);
        expect(Math.abs(ours - ref.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ours)));
        expect(worstError(g, ref.grad, 1e-6, 1e-4)).toBeLessThan(1);
      });
    }
  }
});

// The reference for the benchmark: the same slice computed the way a JS developer would with
// TF.js (CPU backend, float32): θ = θ0 + x·δ1 + y·δ2 as tensors, tf.valueAndGrads over the MLP's
// weights, then the two dot products with δ1 and δ2. Grid points are forward passes over the
// whole dataset as one batch, a row of points read back at once.
import * as tf from "@tensorflow/tfjs";
import { layerOffsets, type Activation, type BuiltLandscape, type Dataset, type Felt } from "../../lib/landscape/index";

/** A slice evaluated by TF.js. */
export interface TfSlice {
  /** Loss and slope at (x, y), full batch. */
  felt(x: number, y: number): Felt;
  /** Full-batch losses at (xs[i], y). */
  lossRow(xs: number[], y: number): Float32Array;
  dispose(): void;
}

function activate(a: Activation, t: tf.Tensor): tf.Tensor {
  if (a === "relu") return tf.relu(t);
  if (a === "tanh") return tf.tanh(t);
  if (a === "sigmoid") return tf.sigmoid(t);
  return t;
}

/** Selects TF.js's pure-JS CPU backend (call once before createTfSlice). */
export async function useTfCpu(): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
}

/** The TF.js version of a built landscape's slice over its dataset. */
export function createTfSlice(b: BuiltLandscape, ds: Dataset): TfSlice {
  const { spec } = b;
  if (spec.loss !== "softmax_cross_entropy") throw new Error("The TF.js reference covers softmax cross-entropy landscapes only.");
  const offs = layerOffsets(spec);
  const C = spec.layers[spec.layers.length - 1]!.out;
  const X = tf.tensor2d(Float32Array.from(ds.x), [ds.n, ds.d]);
  const target = tf.oneHot(tf.tensor1d(Int32Array.from(ds.y), "int32"), C);
  const center = tf.tensor1d(Float32Array.from(b.center));
  const d1 = tf.tensor1d(Float32Array.from(b.d1));
  const d2 = tf.tensor1d(Float32Array.from(b.d2));
  // δ1 and δ2 cut into the same per-layer shapes as the weights, for the dot products.
  const split = (v: tf.Tensor1D) =>
    spec.layers.flatMap((l, k) => [tf.reshape(tf.slice(v, offs[k]!.w, l.in * l.out), [l.in, l.out]), tf.slice(v, offs[k]!.b, l.out)]);
  const d1Parts = split(d1);
  const d2Parts = split(d2);
  const thetaAt = (x: number, y: number) => tf.add(center, tf.add(tf.mul(d1, x), tf.mul(d2, y))) as tf.Tensor1D;
  const lossOf = (ws: tf.Tensor[]) => {
    let a: tf.Tensor = X;
    spec.layers.forEach((l, k) => {
      a = activate(l.activation, tf.add(tf.matMul(a as tf.Tensor2D, ws[2 * k] as tf.Tensor2D), ws[2 * k + 1]!));
    });
    return tf.losses.softmaxCrossEntropy(target, a) as tf.Scalar;
  };
  return {
    felt(x, y) {
      const felt = tf.tidy(() => {
        const ws = split(thetaAt(x, y));
        const { value, grads } = tf.valueAndGrads((...w: tf.Tensor[]) => lossOf(w))(ws);
        const dot = (parts: tf.Tensor[]) => tf.addN(grads.map((g, i) => tf.sum(tf.mul(g, parts[i]!))));
        return tf.stack([value, dot(d1Parts), dot(d2Parts)]);
      });
      const [loss, gx, gy] = felt.dataSync();
      felt.dispose();
      return { loss: loss!, grad: [gx!, gy!] };
    },
    lossRow(xs, y) {
      const row = tf.tidy(() => tf.stack(xs.map((x) => lossOf(split(thetaAt(x, y))))));
      const out = row.dataSync() as Float32Array;
      row.dispose();
      return out;
    },
    dispose() {
      tf.dispose([X, target, center, d1, d2, ...d1Parts, ...d2Parts]);
    },
  };
}

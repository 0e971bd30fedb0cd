// An independent reference for the CLI tests: loss and slope of an exported landscape by plain
// float64 forward and full backward passes over nested arrays (no code shared with lib/), then
// the two dot products ⟨∇θL, δ1⟩ and ⟨∇θL, δ2⟩.

/** The fields of `landscape export` this reference reads. */
export interface ExportedLandscape {
  dataset: { x: number[][]; y: number[] };
  model: { layers: { in: number; out: number; activation: string }[]; loss: string };
  center: number[];
  directions: [number[], number[]];
}

const act = (a: string, z: number) => (a === "relu" ? Math.max(0, z) : a === "tanh" ? Math.tanh(z) : a === "sigmoid" ? 1 / (1 + Math.exp(-z)) : z);
// Derivative through the output value a = f(z) (relu: a > 0 iff z > 0).
const dact = (name: string, a: number) => (name === "relu" ? (a > 0 ? 1 : 0) : name === "tanh" ? 1 - a * a : name === "sigmoid" ? a * (1 - a) : 1);

/** Mean softmax cross-entropy and its slope at slice point (x, y). */
export function referenceFelt(e: ExportedLandscape, x: number, y: number): { loss: number; grad: [number, number] } {
  if (e.model.loss !== "softmax_cross_entropy") throw new Error("reference covers softmax cross-entropy only");
  const theta = e.center.map((c, i) => c + x * e.directions[0][i]! + y * e.directions[1][i]!);
  const grad = new Array<number>(theta.length).fill(0);
  // Parameter offsets: per layer W [in, out] row-major, then b [out].
  const offs: { w: number; b: number }[] = [];
  let at = 0;
  for (const l of e.model.layers) {
    offs.push({ w: at, b: at + l.in * l.out });
    at += l.in * l.out + l.out;
  }
  const n = e.dataset.x.length;
  let total = 0;
  for (let s = 0; s < n; s++) {
    const acts: number[][] = [e.dataset.x[s]!];
    e.model.layers.forEach((l, k) => {
      const a = acts[k]!;
      const out: number[] = [];
      for (let j = 0; j < l.out; j++) {
        let z = theta[offs[k]!.b + j]!;
        for (let i = 0; i < l.in; i++) z += a[i]! * theta[offs[k]!.w + i * l.out + j]!;
        out.push(act(l.activation, z));
      }
      acts.push(out);
    });
    const logits = acts[acts.length - 1]!;
    const m = Math.max(...logits);
    const exps = logits.map((v) => Math.exp(v - m));
    const sum = exps.reduce((p, q) => p + q, 0);
    const label = e.dataset.y[s]!;
    total += Math.log(sum) + m - logits[label]!;
    // ∂ℓ/∂logits, scaled by 1/n for the mean.
    let delta = exps.map((v, j) => (v / sum - (j === label ? 1 : 0)) / n);
    for (let k = e.model.layers.length - 1; k >= 0; k--) {
      const l = e.model.layers[k]!;
      const a = acts[k + 1]!;
      delta = delta.map((d, j) => d * dact(l.activation, a[j]!)); // through this layer's activation
      const prev = acts[k]!;
      const back = new Array<number>(l.in).fill(0);
      for (let i = 0; i < l.in; i++) {
        for (let j = 0; j < l.out; j++) {
          const w = offs[k]!.w + i * l.out + j;
          grad[w] = grad[w]! + prev[i]! * delta[j]!;
          back[i] = back[i]! + theta[w]! * delta[j]!;
        }
      }
      for (let j = 0; j < l.out; j++) grad[offs[k]!.b + j] = grad[offs[k]!.b + j]! + delta[j]!;
      delta = back;
    }
  }
  const dot = (v: number[]) => v.reduce((p, q, i) => p + q * grad[i]!, 0);
  return { loss: total / n, grad: [dot(e.directions[0]), dot(e.directions[1])] };
}

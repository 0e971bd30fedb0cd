// Small vector helpers over flat Float64Array parameter blocks.

/** ⟨a, b⟩. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Euclidean norm ‖a‖. */
export function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** θ0 + x·δ1 + y·δ2 into out (the weights at slice coordinates (x, y)); returns out. */
export function slicePoint(center: Float64Array, d1: Float64Array, d2: Float64Array, x: number, y: number, out: Float64Array = new Float64Array(center.length)): Float64Array {
  for (let i = 0; i < center.length; i++) out[i] = center[i]! + x * d1[i]! + y * d2[i]!;
  return out;
}

// Activations, each paired with its derivative (tensorflow/playground's nn.ts style). The hot
// loops in mlp.ts and slice.ts inline these by activation code rather than calling through the
// table; the table is the readable definition and what the tests check the inlined loops against.
import type { Activation } from "./types";

/** An activation function and its derivative, expressed through the input z and the output a = f(z). */
export interface ActivationFn {
  /** a = f(z). */
  output(z: number): number;
  /** f'(z), given z and a = f(z); taking a lets tanh and sigmoid reuse the forward value. */
  der(z: number, a: number): number;
}

/** The activation table. relu'(0) is taken as 0, as in most frameworks (TF.js included). */
export const ACTIVATIONS: Record<Activation, ActivationFn> = {
  relu: { output: (z) => (z > 0 ? z : 0), der: (z) => (z > 0 ? 1 : 0) },
  tanh: { output: (z) => Math.tanh(z), der: (_z, a) => 1 - a * a },
  sigmoid: { output: (z) => sigmoid(z), der: (_z, a) => a * (1 - a) },
  linear: { output: (z) => z, der: () => 1 },
};

/** Numeric codes so inner loops branch on a small integer once per row, not on a string per element. */
export const ACT_CODE: Record<Activation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3 };

/** The logistic function, written to avoid overflow of exp for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** a[off..off+len) = f(z[off..off+len)) for activation code `code`. */
export function activateRow(code: number, z: Float64Array, a: Float64Array, off: number, len: number): void {
  const end = off + len;
  if (code === 1) for (let i = off; i < end; i++) { const v = z[i]!; a[i] = v > 0 ? v : 0; }
  else if (code === 2) for (let i = off; i < end; i++) a[i] = Math.tanh(z[i]!);
  else if (code === 3) for (let i = off; i < end; i++) a[i] = sigmoid(z[i]!);
  else for (let i = off; i < end; i++) a[i] = z[i]!;
}

/** d[i] *= f'(z[i]) over [off, off+len), turning ∂L/∂a into ∂L/∂z in place. */
export function scaleByDerivative(code: number, z: Float64Array, a: Float64Array, d: Float64Array, off: number, len: number): void {
  const end = off + len;
  if (code === 1) for (let i = off; i < end; i++) { if (!(z[i]! > 0)) d[i] = 0; }
  else if (code === 2) for (let i = off; i < end; i++) { const v = a[i]!; d[i] = d[i]! * (1 - v * v); }
  else if (code === 3) for (let i = off; i < end; i++) { const v = a[i]!; d[i] = d[i]! * v * (1 - v); }
}

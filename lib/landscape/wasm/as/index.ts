// The WebAssembly module of the training core's kernels (AssemblyScript entry): the slice kernel
// (loss and slope, and whole grid rows of any MLP) and the quadratic row kernel of the reveal grid.
export { mlpInit, mlpEvaluate, mlpPredict, mlpRow } from "./mlp";
export { quadInit, quadRow } from "./quad-row";
import { vexp, vlog, vsigmoid, vtanh } from "./simd-math";

/** First free byte after the module's static data, 16-aligned: the JS side lays its buffers out from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** dst[i] = f(src[i]) for i < n (n even; f: 0 exp, 1 log, 2 tanh, 3 sigmoid): the two-lane functions, for their tests. */
export function mathInto(f: i32, src: usize, dst: usize, n: i32): void {
  for (let i = 0; i < n; i += 2) {
    const o = <usize>i * 8;
    const v = v128.load(src + o);
    v128.store(dst + o, f == 0 ? vexp(v) : f == 1 ? vlog(v) : f == 2 ? vtanh(v) : vsigmoid(v));
  }
}

// The WebAssembly module of the training core's kernels (AssemblyScript entry): the slice kernel
// (loss and slope, and whole grid rows of any MLP) and the quadratic row kernel of the reveal grid.
export { mlpInit, mlpEvaluate, mlpRow } from "./mlp";
export { quadInit, quadRow } from "./quad-row";

/** First free byte after the module's static data, 16-aligned: the JS side lays its buffers out from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

// The kernels' WebAssembly module: decoded and compiled once per thread (synchronously, from the
// base64 that scripts/build-kernels.mjs generates at install), then instantiated once per slice
// evaluator over a memory sized up front. The memory never grows: growing detaches the old
// ArrayBuffer, and V8 then makes every typed-array access in the thread pay a detach check.
import { KERNELS_WASM_BASE64 } from "./kernels.generated";

/** The functions the module exports (lib/landscape/wasm/as/index.ts). */
export interface KernelExports {
  heapBase(): number;
  mlpInit(header: number): void;
  mlpEvaluate(x: number, y: number, count: number, useIdx: number, wantGrad: number): void;
  mlpRow(y: number, size: number): void;
  mlpPredict(x: number, y: number, dst: number): void;
  quadInit(header: number): void;
  quadRow(y: number, size: number, dx: number): void;
  mathInto(f: number, src: number, dst: number, n: number): void;
}

/** Bytes below which the module keeps its own static data; the JS side lays buffers out above. */
const RESERVED = 4096;
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) is unavailable: callers then use the JS kernels. */
export function kernelsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** A bump allocator over the memory an instance will get: offsets first, memory after. */
export class Layout {
  private top = RESERVED;
  /** Reserves `count` items of `bytes` each, 16-aligned; returns the byte offset. */
  take(count: number, bytes: number): number {
    const at = this.top;
    this.top += Math.ceil((count * bytes) / 16) * 16;
    return at;
  }
  /** Bytes reserved so far. */
  get size(): number {
    return this.top;
  }
}

/** A module instance over its own memory of layout.size bytes, plus views of that memory. */
export interface KernelInstance {
  readonly exports: KernelExports;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
}

/** Instantiates the module over a fresh memory big enough for the layout (null without WebAssembly). */
export function instantiateKernels(layout: Layout): KernelInstance | null {
  const module = kernelsModule();
  if (!module) return null;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(layout.size / PAGE) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const exports = instance.exports as unknown as KernelExports;
  if (exports.heapBase() > RESERVED) throw new Error("The kernels' static data outgrew its reserved space.");
  return { exports, f64: new Float64Array(memory.buffer), i32: new Int32Array(memory.buffer) };
}

// The tasks the main thread posts to a training worker and the replies it gets. Errors travel as
// values ({ ok: false, code, message }), not as thrown objects: a structured clone would lose the
// LandscapeError class and its code. Numbers travel as typed arrays, copied, not transferred: a
// reply holds a few kilobytes, and a transfer would detach a buffer in the worker, after which V8
// checks every typed-array access there for detachment.
import type { MessagePort } from "node:worker_threads";
import type { GhostOptions, GhostPoint, LandscapeErrorCode, LandscapeInfo, LossGrid, Slice, TrainedSlice, TurnSpec } from "../../lib/landscape/index";

/**
 * Names a built landscape: its catalog id and recipe hash; `slice` (θ0, δ1, δ2 and the network)
 * when the worker may not find it on disk.
 */
export interface LandscapeRef {
  id: string;
  hash: string;
  slice?: Slice;
  /** The map turned this way from the landscape's slice (lib/landscape/reslice.ts); none: the slice itself. */
  turns?: TurnSpec[];
}

/** Every task a worker answers. `crash` exists only for tests and only when the pool allows it. */
export type Task =
  | { kind: "catalog" }
  | { kind: "train"; id: string; progress?: MessagePort }
  | ({ kind: "rows"; size: number; extent: LossGrid["extent"]; row0: number; row1: number } & LandscapeRef)
  /** Packed probes: PROBE_IN values each (x, y, batch or 0 for the full set, seed); see batcher.ts. */
  | ({ kind: "probes"; points: Float64Array } & LandscapeRef)
  /** The decision-regions picture of the network at slice point (x, y) (null: the landscape has none). */
  | ({ kind: "regions"; x: number; y: number } & LandscapeRef)
  | ({ kind: "ghost"; start: [number, number]; opts: GhostOptions } & LandscapeRef)
  | { kind: "crash"; how: "exit" | "throw" | "uncaught" };

/** Result of each task kind. */
export interface TaskResults {
  catalog: LandscapeInfo[];
  train: TrainedSlice;
  rows: Float32Array;
  /** PROBE_OUT values per probe: loss, ∂L/∂x, ∂L/∂y, samples right (−1: no classes), samples read. */
  probes: Float64Array;
  /** REGIONS_SIZE² cell bytes (class · 16 + confidence), or null for a landscape with no picture. */
  regions: Uint8Array | null;
  ghost: GhostPoint[];
  crash: never;
}

/** "need_slice": the worker holds no such landscape and found none on disk; resend with `slice`. */
export type ReplyErrorCode = LandscapeErrorCode | "need_slice";

/** A worker's reply: the value, or a typed error with a human sentence. */
export type Reply<T> = { ok: true; value: T } | { ok: false; code: ReplyErrorCode; message: string };

/** A progress message a worker posts on a task's port: fraction in [0, 1] and what is happening. */
export interface ProgressMessage {
  fraction: number;
  label: string;
}

// Probe batching: probes of one landscape that arrive in the same turn of the event loop (a
// classroom stepping at once, a benchmark burst) travel to the workers together, a few hundred per
// task, instead of one message round trip each. For a small network the round trip costs more
// than the arithmetic; a lone probe still goes out at once, on the next turn (setImmediate).
import type { Felt, FeltOptions } from "../../lib/landscape/index";

/** One probe: a point and its optional minibatch. */
export interface ProbeRequest extends FeltOptions {
  x: number;
  y: number;
}

/** Values per probe in a batch's input: x, y, batch (0 = the full set), seed. */
export const PROBE_IN = 4;
/**
 * Values per probe in a batch's output: loss, ∂L/∂x, ∂L/∂y, samples classified right (−1: the loss
 * has no classes) and samples read.
 */
export const PROBE_OUT = 5;

/** Most probes in one task: keeps a batch's latency bounded (a few hundred milliseconds for digits). */
const MAX_BATCH = 256;

interface Pending {
  req: ProbeRequest;
  resolve: (f: Felt) => void;
  reject: (e: unknown) => void;
}

/** Groups probes per key and hands each group to `send` as packed Float64Arrays. */
export class ProbeBatcher<C> {
  private readonly groups = new Map<string, { ctx: C; items: Pending[] }>();
  private scheduled = false;

  /**
   * @param send evaluates packed probes (PROBE_IN values each) for a group's context; resolves with PROBE_OUT values each.
   * @param lanes how many tasks a burst may be split into at least (the number of workers).
   */
  constructor(
    private readonly send: (ctx: C, packed: Float64Array) => Promise<Float64Array>,
    private readonly lanes: number,
  ) {}

  /** Queues a probe under key (ctx is kept from the first probe of a group). */
  add(key: string, ctx: C, req: ProbeRequest): Promise<Felt> {
    return new Promise<Felt>((resolve, reject) => {
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { ctx, items: [] }));
      g.items.push({ req, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const { ctx, items } of groups) {
      // At least one task per worker when there is enough work, at most MAX_BATCH probes per task.
      const per = Math.min(MAX_BATCH, Math.max(1, Math.ceil(items.length / this.lanes)));
      for (let at = 0; at < items.length; at += per) this.sendBatch(ctx, items.slice(at, at + per));
    }
  }

  private sendBatch(ctx: C, items: Pending[]): void {
    const packed = new Float64Array(items.length * PROBE_IN);
    items.forEach(({ req }, k) => {
      packed[k * PROBE_IN] = req.x;
      packed[k * PROBE_IN + 1] = req.y;
      packed[k * PROBE_IN + 2] = req.batch ?? 0;
      packed[k * PROBE_IN + 3] = req.seed ?? 0;
    });
    this.send(ctx, packed).then(
      (out) => items.forEach((p, k) => {
        const at = k * PROBE_OUT;
        const felt: Felt = { loss: out[at]!, grad: [out[at + 1]!, out[at + 2]!] };
        // The count comes from the probe's own forward pass: accuracy costs nothing more.
        if (out[at + 3]! >= 0) felt.accuracy = { correct: out[at + 3]!, of: out[at + 4]! };
        p.resolve(felt);
      }),
      (err: unknown) => items.forEach((p) => p.reject(err)),
    );
  }
}

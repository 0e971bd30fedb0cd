// First-order optimizers over a flat parameter vector (any length: a network's weights in
// training, or the two slice coordinates of a ghost). Each owns its state buffers, allocated once.
import { LandscapeError } from "./types";

/** Which update rule. */
export type OptimizerKind = "sgd" | "momentum" | "adam";

/** Hyper-parameters besides the learning rate; defaults are the usual ones. */
export interface OptimizerConfig {
  kind: OptimizerKind;
  /** Momentum coefficient μ (momentum only), default 0.9. */
  momentum?: number;
  /** Adam's β1, β2, ε; defaults 0.9, 0.999, 1e-8 (Kingma & Ba 2015). */
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** An optimizer bound to one parameter length. */
export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Updates params in place from grad with learning rate lr. */
  step(params: Float64Array, grad: Float64Array, lr: number): void;
  /** Forgets all state (velocity, moments, step count). */
  reset(): void;
}

/** An optimizer for vectors of `size` entries; an unknown kind throws LandscapeError("bad_argument"). */
export function createOptimizer(config: OptimizerConfig | OptimizerKind, size: number): Optimizer {
  const c: OptimizerConfig = typeof config === "string" ? { kind: config } : config;
  if (c.kind !== "sgd" && c.kind !== "momentum" && c.kind !== "adam") {
    throw new LandscapeError("bad_argument", `No optimizer called "${String(c.kind)}": use sgd, momentum or adam.`);
  }
  if (c.kind === "sgd") {
    return {
      kind: "sgd",
      step(p, g, lr) {
        for (let i = 0; i < size; i++) p[i] = p[i]! - lr * g[i]!;
      },
      reset() {},
    };
  }
  if (c.kind === "momentum") {
    const mu = c.momentum ?? 0.9;
    const v = new Float64Array(size);
    // Heavy ball as PyTorch writes it: v ← μv + g, θ ← θ − lr·v (lr keeps its GD meaning on flat ground).
    return {
      kind: "momentum",
      step(p, g, lr) {
        for (let i = 0; i < size; i++) {
          const vi = mu * v[i]! + g[i]!;
          v[i] = vi;
          p[i] = p[i]! - lr * vi;
        }
      },
      reset() {
        v.fill(0);
      },
    };
  }
  const b1 = c.beta1 ?? 0.9;
  const b2 = c.beta2 ?? 0.999;
  const eps = c.eps ?? 1e-8;
  const m = new Float64Array(size);
  const s = new Float64Array(size);
  let t = 0;
  return {
    kind: "adam",
    step(p, g, lr) {
      t++;
      const c1 = 1 / (1 - Math.pow(b1, t)); // bias corrections for the zero-initialised moments
      const c2 = 1 / (1 - Math.pow(b2, t));
      for (let i = 0; i < size; i++) {
        const gi = g[i]!;
        const mi = b1 * m[i]! + (1 - b1) * gi;
        const si = b2 * s[i]! + (1 - b2) * gi * gi;
        m[i] = mi;
        s[i] = si;
        p[i] = p[i]! - (lr * mi * c1) / (Math.sqrt(si * c2) + eps);
      }
    },
    reset() {
      m.fill(0);
      s.fill(0);
      t = 0;
    },
  };
}

/** A learning-rate schedule over a run of totalSteps steps. */
export type LrSchedule =
  | { kind: "constant" }
  /** lr·factor^⌊step/every⌋. */
  | { kind: "step"; every: number; factor: number }
  /** Cosine annealing from lr to lr·floor over the run (Loshchilov & Hutter 2017), floor default 0. */
  | { kind: "cosine"; floor?: number };

/** The learning rate at step (0-based) of totalSteps under schedule (constant if none). */
export function scheduledLr(lr: number, schedule: LrSchedule | undefined, step: number, totalSteps: number): number {
  if (!schedule || schedule.kind === "constant") return lr;
  if (schedule.kind === "step") return lr * Math.pow(schedule.factor, Math.floor(step / Math.max(1, schedule.every)));
  const floor = schedule.floor ?? 0;
  const progress = totalSteps > 1 ? Math.min(1, step / (totalSteps - 1)) : 1;
  return lr * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

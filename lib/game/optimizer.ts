// The optimizers a ghost walks with (and, later, a player's momentum), over the two map
// coordinates, with their state as plain data: a round's state can then be stored, replayed and
// restored with every ghost's velocity and moments. The update rules are exactly those of
// lib/landscape/optimizers.ts (tests/unit/game/optimizer.test.ts checks them step for step). Pure.
//
// The map each round shows is a turned window of the slice (transform.ts): gradient descent and
// momentum are linear in the slope, so they commute with any turn; Adam scales each coordinate by
// its own history, and the eight turns only swap and negate coordinates, under which that history
// is unchanged. So a ghost walking in player coordinates takes the same path as in the slice.

/** Which update rule: plain gradient descent, heavy-ball momentum, or Adam. */
export type OptimizerName = "gd" | "momentum" | "adam";

/** An optimizer's state over the two map coordinates. */
export interface OptimizerState {
  kind: OptimizerName;
  /** Momentum's velocity. */
  v: [number, number];
  /** Adam's first and second moments, and its step count. */
  m: [number, number];
  s: [number, number];
  t: number;
  /** Momentum's μ when not the usual MOMENTUM (a player's replay with their own β). */
  mu?: number;
}

/** Momentum's coefficient μ, and Adam's β1, β2 and ε (the usual ones, as in createOptimizer). */
export const MOMENTUM = 0.9;
export const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** A fresh optimizer state (momentum with μ = mu when given). */
export function startOptimizer(kind: OptimizerName, mu?: number): OptimizerState {
  return { kind, v: [0, 0], m: [0, 0], s: [0, 0], t: 0, ...(mu !== undefined ? { mu } : {}) };
}

/**
 * One update from position p with slope g at learning rate lr: the next position and state.
 * gd: p − lr·g. momentum (PyTorch's heavy ball): v ← μv + g, p − lr·v. Adam (Kingma & Ba 2015):
 * bias-corrected moments, p − lr·m̂/(√ŝ + ε).
 */
export function optimizerStep(state: OptimizerState, p: readonly [number, number], g: readonly [number, number], lr: number): { to: [number, number]; state: OptimizerState } {
  if (state.kind === "gd") return { to: [p[0] - lr * g[0], p[1] - lr * g[1]], state };
  if (state.kind === "momentum") {
    const mu = state.mu ?? MOMENTUM;
    const v: [number, number] = [mu * state.v[0] + g[0], mu * state.v[1] + g[1]];
    return { to: [p[0] - lr * v[0], p[1] - lr * v[1]], state: { ...state, v } };
  }
  const { beta1: b1, beta2: b2, eps } = ADAM;
  const t = state.t + 1;
  const c1 = 1 / (1 - Math.pow(b1, t));
  const c2 = 1 / (1 - Math.pow(b2, t));
  const m: [number, number] = [b1 * state.m[0] + (1 - b1) * g[0], b1 * state.m[1] + (1 - b1) * g[1]];
  const s: [number, number] = [b2 * state.s[0] + (1 - b2) * g[0] * g[0], b2 * state.s[1] + (1 - b2) * g[1] * g[1]];
  const to: [number, number] = [
    p[0] - (lr * m[0] * c1) / (Math.sqrt(s[0] * c2) + eps),
    p[1] - (lr * m[1] * c1) / (Math.sqrt(s[1] * c2) + eps),
  ];
  return { to, state: { ...state, m, s, t } };
}

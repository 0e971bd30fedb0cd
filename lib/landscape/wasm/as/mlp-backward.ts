// The backward pass of the slice kernel (AssemblyScript) for the pair just forwarded: backprop
// stopped short of layer 1 (slice-kernel.ts explains why that is the exact slope).
import { derive } from "./mlp-forward";
import { as_, ds, gacc, H, L, RELU, T_ACT, T_B, T_IN, T_OUT, T_UNIT, T_W, tab, thetaS, zs } from "./mlp-state";

/** The first layer's share of ∂L/∂x and ∂L/∂y so far, per lane (summed over the pairs of one evaluation). */
export let slopeX: v128 = f64x2.splat(0.0);
export let slopeY: v128 = f64x2.splat(0.0);

/** Backward pass of the pair just forwarded: accumulates G for layers ≥ 1 and the first layer's share of the slope. */
export function pairBackward(pp: usize): void {
  const h16 = <usize>H * 16;
  let sx = slopeX, sy = slopeY;
  for (let k = L - 1; k >= 1; k--) {
    const nin = tab(k, T_IN), nout = tab(k, T_OUT), w = tab(k, T_W), b = tab(k, T_B);
    const dk = ds + <usize>tab(k, T_UNIT) * 16;
    const up = <usize>tab(k - 1, T_UNIT) * 16;
    const prevA = as_ + up, prevZ = zs + up, dPrev = ds + up;
    const cp = tab(k - 1, T_ACT);
    for (let j = 0; j < nout; j++) {
      const g = gacc + <usize>(b + j) * 16;
      v128.store(g, f64x2.add(v128.load(g), v128.load(dk + <usize>j * 16)));
    }
    let i = 0;
    if (cp != RELU) {
      // two rows at a time (no unit is ever off here): two independent sums, δ_k loaded once
      for (; i + 2 <= nin; i += 2) {
        const oi = <usize>i * 16;
        const a0 = v128.load(prevA + oi), a1 = v128.load(prevA + oi, 16);
        const row0 = <usize>(w + i * nout) * 16, row1 = row0 + <usize>nout * 16;
        let back0 = f64x2.splat(0.0), back1 = f64x2.splat(0.0);
        for (let j = 0; j < nout; j++) {
          const oj = <usize>j * 16;
          const dj = v128.load(dk + oj);
          const g0 = gacc + row0 + oj, g1 = gacc + row1 + oj;
          v128.store(g0, f64x2.add(v128.load(g0), f64x2.mul(a0, dj)));
          v128.store(g1, f64x2.add(v128.load(g1), f64x2.mul(a1, dj)));
          back0 = f64x2.add(back0, f64x2.mul(v128.load(thetaS + row0 + oj), dj));
          back1 = f64x2.add(back1, f64x2.mul(v128.load(thetaS + row1 + oj), dj));
        }
        const gi0 = derive(cp, back0, v128.load(prevZ + oi), a0);
        const gi1 = derive(cp, back1, v128.load(prevZ + oi, 16), a1);
        if (k == 1) {
          sx = f64x2.add(f64x2.add(sx, f64x2.mul(gi0, v128.load(pp + h16 + oi))), f64x2.mul(gi1, v128.load(pp + h16 + oi, 16)));
          sy = f64x2.add(f64x2.add(sy, f64x2.mul(gi0, v128.load(pp + 2 * h16 + oi))), f64x2.mul(gi1, v128.load(pp + 2 * h16 + oi, 16)));
        } else {
          v128.store(dPrev + oi, gi0);
          v128.store(dPrev + oi, gi1, 16);
        }
      }
    }
    for (; i < nin; i++) {
      const oi = <usize>i * 16;
      const zi = v128.load(prevZ + oi);
      if (cp == RELU && !v128.any_true(f64x2.gt(zi, f64x2.splat(0.0)))) {
        v128.store(dPrev + oi, f64x2.splat(0.0)); // both samples' unit is off: it passes nothing
        continue;
      }
      const ai = v128.load(prevA + oi);
      const row = <usize>(w + i * nout);
      let back = f64x2.splat(0.0);
      for (let j = 0; j < nout; j++) {
        const dj = v128.load(dk + <usize>j * 16);
        const g = gacc + (row + j) * 16;
        v128.store(g, f64x2.add(v128.load(g), f64x2.mul(ai, dj)));
        back = f64x2.add(back, f64x2.mul(v128.load(thetaS + (row + j) * 16), dj));
      }
      const gi = derive(cp, back, zi, ai);
      if (k == 1) {
        // the first layer's share: ∂ℓ/∂z1 against the exact tangents P1, P2
        sx = f64x2.add(sx, f64x2.mul(gi, v128.load(pp + h16 + oi)));
        sy = f64x2.add(sy, f64x2.mul(gi, v128.load(pp + 2 * h16 + oi)));
      } else v128.store(dPrev + oi, gi);
    }
  }
  if (L == 1) {
    for (let j = 0; j < H; j++) {
      const oj = <usize>j * 16;
      const dj = v128.load(ds + oj);
      sx = f64x2.add(sx, f64x2.mul(dj, v128.load(pp + h16 + oj)));
      sy = f64x2.add(sy, f64x2.mul(dj, v128.load(pp + 2 * h16 + oj)));
    }
  }
  slopeX = sx;
  slopeY = sy;
}

/** Starts a new sum of the first layer's share of the slope. */
export function resetSlope(): void {
  slopeX = f64x2.splat(0.0);
  slopeY = f64x2.splat(0.0);
}

// The forward pass of the slice kernel (AssemblyScript) for one pair of samples, one per f64x2
// lane: affine first layer from the per-sample products, dense layers, activations and the loss.
import { vexp, vlog, vsigmoid, vtanh } from "./simd-math";
import { as_, C, ds, H, L, RELU, SIGMOID, softmax, T_ACT, T_B, T_IN, T_OUT, T_UNIT, T_W, tab, TANH, thetaS, thetaT, zs } from "./mlp-state";

/** a = f(z) over len units, the activation chosen once per layer so the loop is straight SIMD. */
function activate(act: i32, z: usize, a: usize, len: i32): void {
  const zero = f64x2.splat(0.0);
  if (act == RELU) for (let j = 0; j < len; j++) { const v = v128.load(z + <usize>j * 16); v128.store(a + <usize>j * 16, v128.and(v, f64x2.gt(v, zero))); }
  else if (act == TANH) {
    // two units per iteration: the polynomial's constants are materialised once for both
    let j = 0;
    for (; j + 4 <= len; j += 4) {
      const o = <usize>j * 16;
      const t0 = vtanh(v128.load(z + o)), t1 = vtanh(v128.load(z + o, 16)), t2 = vtanh(v128.load(z + o, 32)), t3 = vtanh(v128.load(z + o, 48));
      v128.store(a + o, t0);
      v128.store(a + o, t1, 16);
      v128.store(a + o, t2, 32);
      v128.store(a + o, t3, 48);
    }
    for (; j + 2 <= len; j += 2) {
      const o = <usize>j * 16;
      const t0 = vtanh(v128.load(z + o)), t1 = vtanh(v128.load(z + o, 16));
      v128.store(a + o, t0);
      v128.store(a + o, t1, 16);
    }
    if (j < len) v128.store(a + <usize>j * 16, vtanh(v128.load(z + <usize>j * 16)));
  }
  else if (act == SIGMOID) for (let j = 0; j < len; j++) v128.store(a + <usize>j * 16, vsigmoid(v128.load(z + <usize>j * 16)));
  else if (a != z) for (let j = 0; j < len; j++) v128.store(a + <usize>j * 16, v128.load(z + <usize>j * 16));
}

/** g·f'(z) through a = f(z) (tanh: 1 − a², sigmoid: a(1 − a), relu: 0 where z ≤ 0). */
// @ts-ignore: decorator
@inline export function derive(act: i32, g: v128, z: v128, a: v128): v128 {
  if (act == RELU) return v128.and(g, f64x2.gt(z, f64x2.splat(0.0)));
  if (act == TANH) return f64x2.mul(g, f64x2.sub(f64x2.splat(1.0), f64x2.mul(a, a)));
  if (act == SIGMOID) return f64x2.mul(g, f64x2.mul(a, f64x2.sub(f64x2.splat(1.0), a)));
  return g;
}

/**
 * Forward pass of one pair at (x, y) from its first-layer products pp and labels lab; returns the
 * two losses (masked lanes zero) and, if wantGrad, leaves ∂ℓ/∂z of the output layer in its delta.
 */
export function pairForward(pp: usize, lab: usize, x: f64, y: f64, mask: v128, wantGrad: bool): v128 {
  const xv = f64x2.splat(x), yv = f64x2.splat(y);
  const h16 = <usize>H * 16;
  for (let j = 0; j < H; j++) {
    const o = <usize>j * 16;
    v128.store(zs + o, f64x2.add(v128.load(pp + o), f64x2.add(f64x2.mul(xv, v128.load(pp + h16 + o)), f64x2.mul(yv, v128.load(pp + 2 * h16 + o)))));
  }
  activate(tab(0, T_ACT), zs, as_, H);
  for (let k = 1; k < L; k++) {
    const nin = tab(k, T_IN), nout = tab(k, T_OUT), w = tab(k, T_W), b = tab(k, T_B), u = tab(k, T_UNIT);
    const prev = as_ + <usize>tab(k - 1, T_UNIT) * 16;
    const zk = zs + <usize>u * 16;
    // z_j = b_j + Σ_i a_i·W_ij, summed in the order of the JS reference; four outputs at a time,
    // so that four independent sums hide the latency of the additions and a_i is loaded once
    const stride = <usize>nin * 16;
    let j = 0;
    for (; j + 4 <= nout; j += 4) {
      const bj = thetaS + <usize>(b + j) * 16;
      let s0 = v128.load(bj), s1 = v128.load(bj, 16), s2 = v128.load(bj, 32), s3 = v128.load(bj, 48);
      const r0 = thetaT + <usize>(w + j * nin) * 16;
      for (let i = 0; i < nin; i++) {
        const ai = v128.load(prev + <usize>i * 16);
        const wi = r0 + <usize>i * 16;
        s0 = f64x2.add(s0, f64x2.mul(ai, v128.load(wi)));
        s1 = f64x2.add(s1, f64x2.mul(ai, v128.load(wi + stride)));
        s2 = f64x2.add(s2, f64x2.mul(ai, v128.load(wi + 2 * stride)));
        s3 = f64x2.add(s3, f64x2.mul(ai, v128.load(wi + 3 * stride)));
      }
      const zj = zk + <usize>j * 16;
      v128.store(zj, s0);
      v128.store(zj, s1, 16);
      v128.store(zj, s2, 32);
      v128.store(zj, s3, 48);
    }
    for (; j + 2 <= nout; j += 2) {
      const bj = thetaS + <usize>(b + j) * 16;
      let s0 = v128.load(bj), s1 = v128.load(bj, 16);
      const r0 = thetaT + <usize>(w + j * nin) * 16;
      for (let i = 0; i < nin; i++) {
        const ai = v128.load(prev + <usize>i * 16);
        const wi = r0 + <usize>i * 16;
        s0 = f64x2.add(s0, f64x2.mul(ai, v128.load(wi)));
        s1 = f64x2.add(s1, f64x2.mul(ai, v128.load(wi + stride)));
      }
      v128.store(zk + <usize>j * 16, s0);
      v128.store(zk + <usize>j * 16, s1, 16);
    }
    if (j < nout) {
      let s0 = v128.load(thetaS + <usize>(b + j) * 16);
      const r0 = thetaT + <usize>(w + j * nin) * 16;
      for (let i = 0; i < nin; i++) s0 = f64x2.add(s0, f64x2.mul(v128.load(prev + <usize>i * 16), v128.load(r0 + <usize>i * 16)));
      v128.store(zk + <usize>j * 16, s0);
    }
    activate(tab(k, T_ACT), zk, as_ + <usize>u * 16, nout);
  }
  const uo = <usize>tab(L - 1, T_UNIT) * 16;
  const zo = zs + uo, o = as_ + uo, d = ds + uo;
  const act = tab(L - 1, T_ACT);
  let loss: v128;
  if (softmax) {
    // log-sum-exp shifted by the larger logit (pmax keeps the JS reference's comparison semantics)
    let mx = f64x2.splat(-Infinity);
    for (let k = 0; k < C; k++) mx = f64x2.pmax(mx, v128.load(o + <usize>k * 16));
    let sum = f64x2.splat(0.0);
    let picked = f64x2.splat(0.0);
    const label = v128.load(lab);
    for (let k = 0; k < C; k++) {
      const ok = v128.load(o + <usize>k * 16);
      const e = vexp(f64x2.sub(ok, mx));
      v128.store(d + <usize>k * 16, e);
      sum = f64x2.add(sum, e);
      picked = f64x2.add(picked, v128.and(ok, f64x2.eq(label, f64x2.splat(<f64>k))));
    }
    loss = f64x2.sub(f64x2.add(mx, vlog(sum)), picked);
    if (wantGrad) {
      const inv = f64x2.div(f64x2.splat(1.0), sum);
      for (let k = 0; k < C; k++) {
        const pk = <usize>k * 16;
        const onehot = v128.and(f64x2.eq(label, f64x2.splat(<f64>k)), f64x2.splat(1.0));
        const g = f64x2.sub(f64x2.mul(v128.load(d + pk), inv), onehot);
        v128.store(d + pk, v128.and(derive(act, g, v128.load(zo + pk), v128.load(o + pk)), mask));
      }
    }
  } else {
    loss = f64x2.splat(0.0);
    for (let k = 0; k < C; k++) {
      const pk = <usize>k * 16;
      const e = f64x2.sub(v128.load(o + pk), v128.load(lab + pk));
      loss = f64x2.add(loss, f64x2.mul(e, e));
      // ∂(Σ e²)/∂z; the 1/(batch·outputs) is applied once at the end
      if (wantGrad) v128.store(d + pk, v128.and(derive(act, f64x2.add(e, e), v128.load(zo + pk), v128.load(o + pk)), mask));
    }
  }
  return v128.and(loss, mask);
}


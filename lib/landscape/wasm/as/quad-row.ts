// The reveal grid's row kernel in WebAssembly (AssemblyScript) for networks whose outputs are
// piecewise quadratic along a row: two layers with a relu or linear hidden layer and a linear
// output, and (degenerately, affine) a single linear layer. grid-kernel.ts explains the idea: for
// one sample and one row (y fixed), hidden unit j is the line z_j(x) = c_j + x·v_j and switches at
// most once, so between switches every output is a quadratic q0 + x·q1 + x²·q2.
//
// What this kernel adds over the JS one:
// - the quadratics are updated incrementally at each switch (± that unit's three terms) instead of
//   rebuilt from all active units;
// - softmax's exp follows a recurrence along the row. On a uniform row x_i = x0 + i·dx the step of
//   a quadratic, Δ_i = q(x_{i+1}) − q(x_i) = dx·(q1 + q2·(2x_i + dx)), grows by 2·q2·dx² per step,
//   so with E = e^(q − m), R = e^Δ and S = e^(2·q2·dx²): E ← E·R, R ← R·S — two multiplications
//   per class and point instead of an exp. Each multiplication adds half an ulp of relative error
//   (about i²/2 ulp after i steps), so the recurrence is re-anchored with exact exps every ANCHOR
//   points, at every switch, and whenever the sum leaves [2^−60, 2^60] (then at that very point);
//   where a logit can move by more than REACH within ANCHOR points (a class whose e^(q − m)
//   underflowed could come to matter), every point is an anchor. With the quadratics' own
//   reassociation of the sums, the catalog's rows stay within 3e−12 of the forward pass;
// - no log per sample and point: a point's loss over the samples is Σ (m − l_label) + ln Π sum,
//   so the sums are multiplied into a running product per point, whose binary exponent is moved
//   out exactly every RENORM samples (each factor is within 2^±60, so it never overflows), and
//   one log per point is taken at the end of the row;
// - classes sit in the lanes of f64x2, padded to an even count with a logit of −1e308 (e^… = 0,
//   step 0, so padding never changes a sum).
//
// The state (quad-state.ts, with ANCHOR, REACH and RENORM) is laid out by the JS side
// (wasm-kernels.ts); the losses along one quadratic stretch are in quad-loss.ts.
import { mseSegment, renormalize, softmaxSegment } from "./quad-loss";
import { A, B, bA, bB, C, CP, expo, f, flip, hidden, labels, LN2, N, order, PAD, pre, prod, q0, q1, q2, relu, RENORM, rowP, softmax, unitC, unitV, w2, xsP } from "./quad-state";
import { vlog } from "./simd-math";

export { quadInit } from "./quad-state";

/** q += sign·(unit j's terms): (c·A_j, c·B_j + v·A_j, v·B_j) over the class lanes. */
function addUnit(j: i32, sign: f64): void {
  const c = f64x2.splat(sign * f(unitC, j)), v = f64x2.splat(sign * f(unitV, j));
  const row = <usize>(j * CP) * 8;
  for (let k = 0; k < CP; k += 2) {
    const o = <usize>k * 8;
    const a = v128.load(A + row + o), b = v128.load(B + row + o);
    v128.store(q0 + o, f64x2.add(v128.load(q0 + o), f64x2.mul(c, a)));
    v128.store(q1 + o, f64x2.add(v128.load(q1 + o), f64x2.add(f64x2.mul(c, b), f64x2.mul(v, a))));
    v128.store(q2 + o, f64x2.add(v128.load(q2 + o), f64x2.mul(v, b)));
  }
}


/**
 * Mean loss at (xs[i], y) into row[i] for i < size. dx is the row's step (x_{i+1} − x_i up to
 * rounding); the points themselves are read from xs. For mse the targets must be padded to CP per sample.
 */
export function quadRow(y: f64, size: i32, dx: f64): void {
  const x0 = f(xsP, 0);
  const h = hidden;
  const w = hidden > 0 ? hidden : C; // units per sample in pre
  const padQ0 = softmax ? PAD : 0.0;
  if (h > 0) {
    // layer 2 at this row's y: A = W2(θ0) + y·W2(δ2), B = W2(δ1); w2 holds center, d1, d2 layer-2 blocks
    const blk = h * C + C;
    for (let j = 0; j < h; j++) {
      for (let k = 0; k < CP; k++) {
        const o = <usize>(j * CP + k) * 8;
        if (k < C) {
          const s = j * C + k;
          store<f64>(A + o, f(w2, s) + y * f(w2, 2 * blk + s));
          store<f64>(B + o, f(w2, blk + s));
        } else {
          store<f64>(A + o, 0);
          store<f64>(B + o, 0);
        }
      }
    }
    for (let k = 0; k < CP; k++) {
      const s = h * C + k;
      store<f64>(bA + <usize>k * 8, k < C ? f(w2, s) + y * f(w2, 2 * blk + s) : padQ0);
      store<f64>(bB + <usize>k * 8, k < C ? f(w2, blk + s) : 0);
    }
  }
  for (let i = 0; i < size; i++) {
    store<f64>(rowP + <usize>i * 8, 0);
    store<f64>(prod + <usize>i * 8, 1);
    store<f64>(expo + <usize>i * 8, 0);
  }
  for (let s = 0; s < N; s++) {
    if (softmax && s % RENORM == 0) renormalize(size);
    const base = pre + <usize>(s * 3 * w) * 8;
    let events = 0;
    if (h > 0) {
      for (let k = 0; k < CP; k++) {
        const o = <usize>k * 8;
        store<f64>(q0 + o, load<f64>(bA + o));
        store<f64>(q1 + o, load<f64>(bB + o));
        store<f64>(q2 + o, 0);
      }
      for (let j = 0; j < h; j++) {
        const c = f(base, j) + y * f(base, 2 * w + j);
        const v = f(base, w + j);
        store<f64>(unitC + <usize>j * 8, c);
        store<f64>(unitV + <usize>j * 8, v);
        let on = true;
        let at = size;
        if (relu) {
          on = c + x0 * v > 0;
          // first index whose state differs from index 0: from the root, then checked against the
          // exact test of the forward pass so rounding cannot misplace it (as in grid-kernel.ts)
          if (v != 0) {
            const root = (-c / v - x0) / dx;
            if (root >= 0 && root < <f64>size) {
              let i = <i32>Math.max(1, Math.floor(root));
              while (i < size && (c + f(xsP, i) * v > 0) == on) i++;
              while (i > 1 && (c + f(xsP, i - 1) * v > 0) != on) i--;
              at = i;
            }
          }
        }
        if (on) addUnit(j, 1.0);
        if (at < size) {
          store<i32>(flip + <usize>j * 4, on ? at : -at); // the sign says which way it switches
          // insertion into the events list, ordered by index
          let e = events++;
          while (e > 0) {
            const prev = load<i32>(order + <usize>(e - 1) * 4);
            if (abs<i32>(load<i32>(flip + <usize>prev * 4)) <= at) break;
            store<i32>(order + <usize>e * 4, prev);
            e--;
          }
          store<i32>(order + <usize>e * 4, j);
        }
      }
    } else {
      for (let k = 0; k < CP; k++) {
        const o = <usize>k * 8;
        store<f64>(q0 + o, k < C ? f(base, k) + y * f(base, 2 * w + k) : padQ0);
        store<f64>(q1 + o, k < C ? f(base, w + k) : 0);
        store<f64>(q2 + o, 0);
      }
    }
    const label = softmax ? <i32>f(labels, s) : 0;
    const t = labels + <usize>(s * CP) * 8;
    let i = 0;
    let e = 0;
    while (i < size) {
      const end = e < events ? abs<i32>(load<i32>(flip + <usize>load<i32>(order + <usize>e * 4) * 4)) : size;
      if (end > i) {
        if (softmax) softmaxSegment(i, end, dx, label);
        else mseSegment(i, end, t);
      }
      i = end;
      // every unit switching at this index
      while (e < events) {
        const j = load<i32>(order + <usize>e * 4);
        const fj = load<i32>(flip + <usize>j * 4);
        if (abs<i32>(fj) != end) break;
        addUnit(j, fj > 0 ? -1.0 : 1.0); // was on at index 0: switches off
        e++;
      }
    }
  }
  const scale = softmax ? 1.0 / <f64>N : 1.0 / (<f64>N * <f64>C);
  if (softmax) {
    // ln Π sum = expo·ln2 + ln(product), two points per vector log
    renormalize(size);
    for (let i = 0; i < size; i += 2) {
      const o = <usize>i * 8;
      const logs = f64x2.add(f64x2.mul(v128.load(expo + o), f64x2.splat(LN2)), vlog(v128.load(prod + o)));
      v128.store(rowP + o, f64x2.add(v128.load(rowP + o), logs));
    }
  }
  for (let i = 0; i < size; i++) store<f64>(rowP + <usize>i * 8, f(rowP, i) * scale);
}

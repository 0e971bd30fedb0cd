// The losses of one sample along a stretch of a grid row where its outputs are one quadratic
// (AssemblyScript): softmax cross-entropy through the exp recurrence and the running product of
// sums, and squared error directly. quad-row.ts explains both.
import { vexp } from "./simd-math";
import { ANCHOR, CP, E, expo, f, hsum, prod, q0, q1, q2, R, REACH, rowP, S, xsP } from "./quad-state";

/** Points the current anchor may serve (ANCHOR, or 1 on rows too steep for the recurrence). */
let span: i32 = ANCHOR;

/** The largest logit at x and E = e^(q(x) − max), R = e^Δ (the step to x + dx); returns the max. */
function anchor(x: f64, dx: f64): f64 {
  const xv = f64x2.splat(x);
  let mx = f64x2.splat(-Infinity);
  for (let k = 0; k < CP; k += 2) {
    const o = <usize>k * 8;
    const l = f64x2.add(v128.load(q0 + o), f64x2.mul(xv, f64x2.add(v128.load(q1 + o), f64x2.mul(xv, v128.load(q2 + o)))));
    v128.store(E + o, l);
    mx = f64x2.pmax(mx, l);
  }
  const m0 = f64x2.extract_lane(mx, 0), m1 = f64x2.extract_lane(mx, 1);
  const m = m1 > m0 ? m1 : m0;
  const mv = f64x2.splat(m), dxv = f64x2.splat(dx), step = f64x2.splat(2 * x + dx);
  const k1 = f64x2.splat(<f64>ANCHOR), k2 = f64x2.splat(<f64>(ANCHOR * ANCHOR) * dx * dx);
  let reach = f64x2.splat(0.0);
  for (let k = 0; k < CP; k += 2) {
    const o = <usize>k * 8;
    v128.store(E + o, vexp(f64x2.sub(v128.load(E + o), mv)));
    const q2k = v128.load(q2 + o);
    const delta = f64x2.mul(dxv, f64x2.add(v128.load(q1 + o), f64x2.mul(q2k, step)));
    v128.store(R + o, vexp(delta));
    reach = f64x2.pmax(reach, f64x2.add(f64x2.mul(k1, f64x2.abs(delta)), f64x2.mul(k2, f64x2.abs(q2k))));
  }
  // A logit that can move by more than REACH within the block could rise from below the
  // underflow of e^(q − m) to matter: there the exps are taken at every point instead.
  span = f64x2.extract_lane(reach, 0) > REACH || f64x2.extract_lane(reach, 1) > REACH ? 1 : ANCHOR;
  return m;
}

/** Softmax cross-entropy of one sample over points [i0, i1) of the row, added into row[i]. */
export function softmaxSegment(i0: i32, i1: i32, dx: f64, label: i32): void {
  const s2 = f64x2.splat(2 * dx * dx);
  for (let k = 0; k < CP; k += 2) v128.store(S + <usize>k * 8, vexp(f64x2.mul(s2, v128.load(q2 + <usize>k * 8))));
  const l0 = f(q0, label), l1 = f(q1, label), l2 = f(q2, label);
  let m: f64 = 0;
  let since = ANCHOR; // anchor at the first point
  for (let i = i0; i < i1; i++) {
    const x = f(xsP, i);
    let sum: f64;
    if (since >= span) {
      m = anchor(x, dx);
      since = 0;
      sum = sumE();
    } else {
      let acc = f64x2.splat(0.0);
      for (let k = 0; k < CP; k += 2) {
        const o = <usize>k * 8;
        const r = v128.load(R + o);
        const e = f64x2.mul(v128.load(E + o), r);
        v128.store(E + o, e);
        v128.store(R + o, f64x2.mul(r, v128.load(S + o)));
        acc = f64x2.add(acc, e);
      }
      sum = hsum(acc);
      if (!(sum >= 8.673617379884035e-19 && sum <= 1.152921504606847e18)) { // 2^∓60
        m = anchor(x, dx); // drifted far (or overflowed): start again from the exact values here
        since = 0;
        sum = sumE();
      }
    }
    since++;
    const p = rowP + <usize>i * 8, q = prod + <usize>i * 8;
    store<f64>(p, load<f64>(p) + (m - (l0 + x * (l1 + x * l2))));
    store<f64>(q, load<f64>(q) * sum);
  }
}

// @ts-ignore: decorator
@inline function sumE(): f64 {
  let acc = f64x2.splat(0.0);
  for (let k = 0; k < CP; k += 2) acc = f64x2.add(acc, v128.load(E + <usize>k * 8));
  return hsum(acc);
}

/** Moves the binary exponent of every point's product into expo (exactly), leaving the product in [1, 2). */
export function renormalize(size: i32): void {
  const mant = i64x2.splat(0x000fffffffffffff), one = i64x2.splat(0x3ff0000000000000);
  for (let i = 0; i < size; i += 2) {
    const o = <usize>i * 8;
    const v = v128.load(prod + o);
    // the biased exponent minus 1023, as a double through the 1.5·2^52 trick (|e| < 2^11)
    const e = i64x2.sub(i64x2.shr_u(v, 52), i64x2.splat(1023));
    const ef = f64x2.sub(i64x2.add(e, i64x2.splat(0x4338000000000000)), f64x2.splat(6755399441055744.0));
    v128.store(expo + o, f64x2.add(v128.load(expo + o), ef));
    v128.store(prod + o, v128.or(v128.and(v, mant), one));
  }
}

/** Squared error of one sample (targets at t) over points [i0, i1), added into row[i]. */
export function mseSegment(i0: i32, i1: i32, t: usize): void {
  for (let i = i0; i < i1; i++) {
    const xv = f64x2.splat(f(xsP, i));
    let acc = f64x2.splat(0.0);
    for (let k = 0; k < CP; k += 2) {
      const o = <usize>k * 8;
      const e = f64x2.add(f64x2.sub(v128.load(q0 + o), v128.load(t + o)), f64x2.mul(xv, f64x2.add(v128.load(q1 + o), f64x2.mul(xv, v128.load(q2 + o)))));
      acc = f64x2.add(acc, f64x2.mul(e, e));
    }
    const p = rowP + <usize>i * 8;
    store<f64>(p, load<f64>(p) + hsum(acc));
  }
}

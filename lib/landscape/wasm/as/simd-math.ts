// exp, log, tanh and sigmoid on both lanes of an f64x2 (AssemblyScript), branch-free so that a
// pair of samples goes through one instruction stream. WebAssembly has no transcendental
// instructions, so these are written here: the classic range reduction to |r| ≤ ln2/2 with ln 2
// in two parts (Cody–Waite), then a Padé approximant for exp and tanh (one division each, where
// fdlibm's exp, behind V8's Math.exp, needs one for exp alone) and fdlibm's log (Sun, 1993), with
// lane-wise selects for the special values. Against Math.* (tests/unit/landscape/simd-math.test.ts):
// exp within 2 ulp, log within 1 ulp, tanh within 2.3e−16 absolute; the kernels stay within 1e-9
// of the JS reference by far.

// Adding 1.5·2^52 rounds a double to an integer and leaves that integer in the low mantissa bits:
// the float→int64 conversion that 128-bit SIMD lacks, and its inverse for |k| < 2^51.
const MAGIC: f64 = 6755399441055744.0;
const MAGIC_BITS: i64 = 0x4338000000000000;
const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-01; // ln 2 with 32 trailing zero bits: k·LN2_HI is exact
const LN2_LO: f64 = 1.90821492927058770002e-10;
// The [6/6] Padé approximant of e^r: e^r ≈ (E + O)/(E − O) with E = 1 + C2·r² + C4·r⁴ + C6·r⁶ and
// O = r·(1/2 + C3·r² + C5·r⁴); for |r| ≤ ln2/2 its error is below 2e−19 (Padé's remainder
// (6!)²/(12!·13!)·|r|^13), so only the rounding of the few operations counts.
const C2: f64 = 5.0 / 44.0;
const C3: f64 = 1.0 / 66.0;
const C4: f64 = 1.0 / 792.0;
const C5: f64 = 1.0 / 15840.0;
const C6: f64 = 1.0 / 665280.0;
// fdlibm e_log.c: log(1+f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2+f)
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

/** 2^k for integer lanes k (as i64x2) with −1022 ≤ k ≤ 1023: the exponent field built directly. */
// @ts-ignore: decorator
@inline function pow2(k: v128): v128 {
  return i64x2.shl(i64x2.add(k, i64x2.splat(1023)), 52);
}

/** x/ln2 + 1.5·2^52: round(x/ln2) sits in its low mantissa bits (k as i64 lanes: minus MAGIC_BITS; as doubles: minus MAGIC). */
// @ts-ignore: decorator
@inline function shifted(x: v128): v128 {
  return f64x2.add(f64x2.mul(x, f64x2.splat(LOG2E)), f64x2.splat(MAGIC));
}

/** r = x − k·ln2 with ln2 in two parts (Cody–Waite), exact enough that |r| ≤ ln2/2 carries no error beyond its rounding. */
// @ts-ignore: decorator
@inline function reduced(x: v128, kf: v128): v128 {
  return f64x2.sub(f64x2.sub(x, f64x2.mul(kf, f64x2.splat(LN2_HI))), f64x2.mul(kf, f64x2.splat(LN2_LO)));
}

// @ts-ignore: decorator
@inline function padeEven(r2: v128): v128 {
  return f64x2.add(f64x2.splat(1.0), f64x2.mul(r2, f64x2.add(f64x2.splat(C2), f64x2.mul(r2, f64x2.add(f64x2.splat(C4), f64x2.mul(r2, f64x2.splat(C6)))))));
}

// @ts-ignore: decorator
@inline function padeOdd(r: v128, r2: v128): v128 {
  return f64x2.mul(r, f64x2.add(f64x2.splat(0.5), f64x2.mul(r2, f64x2.add(f64x2.splat(C3), f64x2.mul(r2, f64x2.splat(C5))))));
}

/** e^x per lane, within 2 ulp; overflows to +Infinity above 709.78, underflows to 0 below −745.1, NaN stays NaN. */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  // |x| ≤ 1400 keeps k within what two factors 2^k1·2^k2 can represent (e^±1400 is out of range
  // anyway); pmax/pmin with x first keep a NaN lane NaN
  const xc = f64x2.pmin(f64x2.pmax(x, f64x2.splat(-1400.0)), f64x2.splat(1400.0));
  const t = shifted(xc);
  const k = i64x2.sub(t, i64x2.splat(MAGIC_BITS));
  const r = reduced(xc, f64x2.sub(t, f64x2.splat(MAGIC)));
  const r2 = f64x2.mul(r, r);
  const e = padeEven(r2), o = padeOdd(r, r2);
  const p = f64x2.div(f64x2.add(e, o), f64x2.sub(e, o)); // e^r
  // 2^k in two factors, so that results near overflow and in the subnormal range round once
  const k1 = i64x2.shr_s(k, 1);
  return f64x2.mul(f64x2.mul(p, pow2(k1)), pow2(i64x2.sub(k, k1)));
}

/** ln x per lane, within 1 ulp; ln 0 = −Infinity, ln of a negative number or NaN = NaN, ln ∞ = ∞. */
// @ts-ignore: decorator
@inline export function vlog(x: v128): v128 {
  // subnormals are scaled into the normal range first (their exponent field is 0)
  const tiny = f64x2.lt(x, f64x2.splat(2.2250738585072014e-308));
  const xs = v128.bitselect(f64x2.mul(x, f64x2.splat(18014398509481984.0)), x, tiny); // ·2^54
  // musl's reduction: x = 2^k·z with z in [√2/2, √2)
  const tmp = i64x2.sub(xs, i64x2.splat(0x3fe6a09e00000000));
  const k = i64x2.add(i64x2.shr_s(tmp, 52), v128.and(tiny, i64x2.splat(-54)));
  const z = i64x2.sub(xs, v128.and(tmp, i64x2.splat(<i64>0xfff0000000000000)));
  const kf = f64x2.sub(i64x2.add(k, i64x2.splat(MAGIC_BITS)), f64x2.splat(MAGIC));
  const f = f64x2.sub(z, f64x2.splat(1.0));
  const hfsq = f64x2.mul(f64x2.splat(0.5), f64x2.mul(f, f));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const zz = f64x2.mul(s, s);
  const w = f64x2.mul(zz, zz);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LG2), f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6))))));
  const t2 = f64x2.mul(zz, f64x2.add(f64x2.splat(LG1), f64x2.mul(w, f64x2.add(f64x2.splat(LG3), f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7))))))));
  const r = f64x2.add(t2, t1);
  const inner = f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, r)), f64x2.mul(kf, f64x2.splat(LN2_LO)))), f);
  let y = f64x2.sub(f64x2.mul(kf, f64x2.splat(LN2_HI)), inner);
  y = v128.bitselect(f64x2.splat(-Infinity), y, f64x2.eq(x, f64x2.splat(0.0)));
  y = v128.bitselect(x, y, f64x2.eq(x, f64x2.splat(Infinity)));
  return v128.bitselect(f64x2.splat(NaN), y, v128.not(f64x2.ge(x, f64x2.splat(0.0)))); // x < 0 or NaN
}

/**
 * tanh per lane with one division: with e^(−2|z|) = 2^k·N/D (the Padé form above),
 * tanh|z| = (1 − e)/(1 + e) = (D − 2^k·N)/(D + 2^k·N), and for k = 0 (|z| < ln2/4) the numerator is
 * exactly −2·O, which keeps the relative accuracy near 0. Sign restored from z.
 */
// @ts-ignore: decorator
@inline export function vtanh(z: v128): v128 {
  // −2|z| ≥ −700 keeps 2^k a normal double; e^−700 is far below the last bit of 1 anyway
  const u = f64x2.pmax(f64x2.mul(f64x2.abs(z), f64x2.splat(-2.0)), f64x2.splat(-700.0));
  const t = shifted(u);
  const kf = f64x2.sub(t, f64x2.splat(MAGIC));
  const r = reduced(u, kf);
  const r2 = f64x2.mul(r, r);
  const e = padeEven(r2), o = padeOdd(r, r2);
  const d = f64x2.sub(e, o);
  const m = f64x2.mul(f64x2.add(e, o), pow2(i64x2.sub(t, i64x2.splat(MAGIC_BITS))));
  const num = v128.bitselect(f64x2.mul(o, f64x2.splat(-2.0)), f64x2.sub(d, m), f64x2.eq(kf, f64x2.splat(0.0)));
  const th = f64x2.div(num, f64x2.add(d, m));
  return v128.or(th, v128.and(z, i64x2.splat(<i64>0x8000000000000000))); // t ≥ 0 takes z's sign
}

/** The logistic function per lane, never overflowing: 1/(1 + e^−|z|), mirrored for z < 0. */
// @ts-ignore: decorator
@inline export function vsigmoid(z: v128): v128 {
  const e = vexp(f64x2.neg(f64x2.abs(z)));
  const p = f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(1.0), e));
  return v128.bitselect(p, f64x2.mul(e, p), f64x2.ge(z, f64x2.splat(0.0)));
}

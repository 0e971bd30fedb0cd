// One scale of altitude per landscape, shared by everything that judges or shows how low a walker
// stands: the valley (the race's finish, the projector, the debrief), the score, and the colours
// of the revealed map. Pure.
//
// The scale has three marks: the map's lowest altitude (`min`), "chance" (the loss of a network
// that ignores its input and always predicts the same: ln C on C balanced classes), and the map's
// highest altitude (`max`). Chance is what gives a loss meaning: a walker at chance has learned
// nothing, whatever the number says.
//
// - The valley: closed at least 90 % of the gap from chance down to the lowest point of the map,
//   i.e. excess loss L − min ≤ tol with tol = 0.1·(chance − min). A saddle or a plateau at chance
//   is never the valley, a ridge between two good valleys is not (on Two Valleys it sits at 0.43
//   with tol 0.23), and both valleys of Two Valleys are.
// - The map's colours: the excess loss e = L − min on a log scale whose unit is that tolerance,
//   t = ln(1 + e/tol) / ln(1 + (max − min)/tol). Near the bottom it resolves the differences that
//   matter (0.0035 and 0.08 are both "low" but very different networks); high up it compresses.
// - The score: the same log scale, but from the lowest point (1000) up to chance (0):
//   1000·(1 − ln(1 + e/tol) / ln(1 + (chance − min)/tol)). At or above chance a walker has learned
//   nothing and scores nothing; the valley's edge scores about 710; only the bottom scores 1000.

/** A landscape's altitude marks: its lowest and highest altitude on the map, and chance level. */
export interface AltitudeScale {
  min: number;
  chance: number;
  max: number;
}

/** Share of the gap from chance down to the map's lowest point that the valley spans. */
export const VALLEY_SHARE = 0.1;

/** How far above the lowest point the valley reaches (loss units, > 0). */
export function valleyTolerance(s: AltitudeScale): number {
  // A map whose lowest point is above chance (none in the catalog) still gets a usable valley.
  return VALLEY_SHARE * Math.max(s.chance - s.min, 1e-3 * Math.max(1e-9, Math.abs(s.min)), 1e-9);
}

/** The highest loss that is still in the valley. */
export function valleyLevel(s: AltitudeScale): number {
  return s.min + valleyTolerance(s);
}

/** Whether a (full-batch) loss is in the valley; null (off the map, not finite) never is. */
export function inValley(s: AltitudeScale, loss: number | null): boolean {
  return loss !== null && Number.isFinite(loss) && loss <= valleyLevel(s);
}

/** Altitude in [0, 1] on the landscape's log scale: 0 at the lowest point, 1 at the highest (clamped; null or not finite is 1). */
export function altitudeT(s: AltitudeScale, loss: number | null): number {
  if (loss === null || !Number.isFinite(loss)) return 1;
  const tol = valleyTolerance(s);
  const top = Math.log1p(Math.max(s.max - s.min, tol) / tol);
  return Math.min(1, Math.max(0, Math.log1p(Math.max(0, loss - s.min) / tol) / top));
}

/** What a final loss is worth, in [0, 1]: 1 at the lowest point, 0 at or above chance, on the valley's log scale. */
export function learnedScore(s: AltitudeScale, loss: number | null): number {
  if (loss === null || !Number.isFinite(loss)) return 0;
  const tol = valleyTolerance(s);
  const top = Math.log1p(Math.max(s.chance - s.min, tol) / tol);
  return Math.min(1, Math.max(0, 1 - Math.log1p(Math.max(0, loss - s.min) / tol) / top));
}

/** The share of the way from chance down to the lowest point, in [0, 1] (0 at or above chance). */
export function learnedShare(s: AltitudeScale, loss: number): number {
  const gap = s.chance - s.min;
  if (!(gap > 0)) return 0;
  return Math.min(1, Math.max(0, (s.chance - loss) / gap));
}

// A lesson plan for a class: the catalog's landscapes in the order that builds the idea of gradient
// descent one lesson at a time (lib/landscape/catalog.ts), each with what to watch for on the
// projector and a suggested step budget (the landscape's own, the one its ranked rounds use).

/** One round of the plan. */
export interface LessonStep {
  landscapeId: string;
  /** What the teacher points at on the projector after the reveal. */
  watchFor: string;
  /** Suggested step budget. */
  budget: number;
}

/** The plan, in teaching order. */
export const LESSON_PLAN: readonly LessonStep[] = [
  { landscapeId: "bowl", budget: 30, watchFor: "Everyone who follows the slope arrives. Compare step sizes: big steps overshoot the bottom, small ones crawl." },
  { landscapeId: "ravine", budget: 40, watchFor: "Big steps bounce from wall to wall across the narrow valley; small ones crawl along its floor. Who found a step size that does neither?" },
  { landscapeId: "saddle", budget: 40, watchFor: "Walkers stall where the slope fades to nothing: a saddle, not the bottom. Who kept walking and got off it?" },
  { landscapeId: "two-valleys", budget: 30, watchFor: "The class ends in two different valleys, both as low: a different minimum is not a worse one." },
  { landscapeId: "cliff", budget: 30, watchFor: "The step size that crosses a plain in a few strides flings you off a cliff: look for paths that leave the map." },
  { landscapeId: "chaos", budget: 40, watchFor: "On broken ground the slope says little about ten steps away: small, careful steps beat bold ones." },
];

/** The plan's step for a landscape, if it has one. */
export function lessonFor(landscapeId: string): { step: LessonStep; no: number } | null {
  const i = LESSON_PLAN.findIndex((s) => s.landscapeId === landscapeId);
  return i < 0 ? null : { step: LESSON_PLAN[i]!, no: i + 1 };
}

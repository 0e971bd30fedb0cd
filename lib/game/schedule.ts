// A walker's step-size schedule: the slider sets the base step size, and the schedule scales it
// over the walk's budget, as a training run's learning-rate schedule does over its steps. The
// curves are the training core's own (lib/landscape/optimizers.ts scheduledLr). Pure; the page
// computes each step's size with it, and the server holds every size to the landscape's range.
import { scheduledLr, type LrSchedule } from "../landscape/optimizers";

/** The schedules a walker can pick. */
export type ScheduleName = "constant" | "step" | "cosine";

/** How each is defined over a walk of `budget` steps: halve every quarter; cosine down to a tenth. */
export function scheduleCurve(name: ScheduleName, budget: number): LrSchedule {
  if (name === "step") return { kind: "step", every: Math.max(1, Math.round(budget / 4)), factor: 0.5 };
  if (name === "cosine") return { kind: "cosine", floor: 0.1 };
  return { kind: "constant" };
}

/** The step size of step `k` (0-based) of a walk of `budget` steps, from the base size, within [min, max]. */
export function scheduledStep(base: number, name: ScheduleName, k: number, budget: number, range: { min: number; max: number }): number {
  const lr = scheduledLr(base, scheduleCurve(name, budget), k, budget);
  return Math.min(range.max, Math.max(range.min, lr));
}

/** Words for the control. */
export const SCHEDULE_TEXT: Record<ScheduleName, string> = {
  constant: "constant",
  step: "halve every quarter",
  cosine: "cosine, down to a tenth",
};

// What a screen reader hears during a walk: after each step the altitude, the steepness, the steps
// left and which way is downhill; when the walk ends, how it ended. Pure sentences.
import type { Footprint } from "@/lib/protocol/common";
import { fmtLoss } from "@/lib/game/debrief";
import { compassPoint } from "./compass";

/** Steepness in three significant digits. */
export const fmtSteep = (g: readonly [number, number]) => Math.hypot(g[0], g[1]).toPrecision(3);

/** Where the walker stands, in one sentence (probing: a round without backprop, whose slope is the walker's estimate or unknown). */
export function whereYouStand(here: Footprint, stepsLeft: number, budget: number, probing = false): string {
  if (here.loss === null) return "You are off the map.";
  if (probing && here.grad[0] === 0 && here.grad[1] === 0) return `Altitude ${fmtLoss(here.loss)}, ${stepsLeft} of ${budget} forward passes left; the slope here is unknown: press G to feel the aimed way.`;
  if (probing) return `Altitude ${fmtLoss(here.loss)}, estimated steepness ${fmtSteep(here.grad)}, ${stepsLeft} of ${budget} forward passes left, downhill is about ${compassPoint([-here.grad[0], -here.grad[1]])}.`;
  const steep = Math.hypot(here.grad[0], here.grad[1]);
  const down = steep > 0 ? `downhill is ${compassPoint([-here.grad[0], -here.grad[1]])}` : "the ground is flat";
  return `Altitude ${fmtLoss(here.loss)}, steepness ${fmtSteep(here.grad)}, ${stepsLeft} of ${budget} steps left, ${down}.`;
}

/** The sentence after a felt step. */
export function afterStep(step: number, here: Footprint, stepsLeft: number, budget: number, probing = false): string {
  if (here.loss === null) return `Step ${step}: the step flew off the map and the loss exploded.`;
  return `Step ${step}. ${whereYouStand(here, stepsLeft, budget, probing)}`;
}

/** The sentence after a feeling around: which way, and how much higher or lower it is there. */
export function afterProbe(dir: readonly [number, number], loss: number, hereLoss: number | null, stepsLeft: number): string {
  const diff = hereLoss === null ? "" : loss > hereLoss ? `, ${fmtLoss(loss - hereLoss)} higher than here` : loss < hereLoss ? `, ${fmtLoss(hereLoss - loss)} lower than here` : ", level with here";
  return `Felt ${compassPoint(dir)}: altitude ${fmtLoss(loss)}${diff}. ${stepsLeft} forward passes left.`;
}

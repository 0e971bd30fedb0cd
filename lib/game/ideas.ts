// Ideas to play: for each thing the game lets a player do beyond plain steps, the landscape and
// rules that show it at its best, and what to try once walking. Pure data; the setup pages offer
// them as one-click presets (solo, race and a class's round alike).
import type { RoundRules } from "../protocol/common";

/** One idea: where and with which rules it shows best, and what to do there. */
export interface Idea {
  id: string;
  title: string;
  landscapeId: string;
  /** The rules beyond the landscape's defaults. */
  rules: Partial<Omit<RoundRules, "landscapeId">>;
  /** What to try, in one sentence (shown under the picker and kept in mind while walking). */
  tryThis: string;
}

/** The ideas, in the order a class would meet them. */
export const IDEAS: readonly Idea[] = [
  {
    id: "momentum",
    title: "Momentum on The Ravine",
    landscapeId: "ravine",
    rules: { budget: 40 },
    tryThis: "Take the step size down to 0.02 (−) and momentum up to β = 0.9: steps that small crawl along the ravine's floor on their own, with momentum they build up speed along it and reach the valley.",
  },
  {
    id: "schedule",
    title: "A schedule on a noisy Bowl",
    landscapeId: "bowl",
    rules: { budget: 40, batch: 4 },
    tryThis: "The slope is felt on 4 samples, so it is noisy: at a constant step size the walk keeps jittering around the bottom. Choose the cosine schedule: the steps shrink as you arrive, and settle lower.",
  },
  {
    id: "compute",
    title: "Exact or noisy: compute on Two Valleys",
    landscapeId: "two-valleys",
    rules: { batch: 32, passes: 2 },
    tryThis: "Two passes over the 1,797 digits: a batch of 32 buys 112 noisy steps where the full batch buys only a few exact ones. Which gets lower?",
  },
  {
    id: "probe",
    title: "No backprop on The Bowl",
    landscapeId: "bowl",
    rules: { slope: "probe", budget: 90 },
    tryThis: "Nobody gives you the slope: feel two directions (G), follow your estimate (F), step. Each feeling costs a forward pass; the debrief counts what backprop would have spent.",
  },
  {
    id: "turn",
    title: "Turn the map on The Badlands",
    landscapeId: "chaos",
    rules: { turns: 3 },
    tryThis: "The map is 2 of the network's 474 directions. Where the ground stops giving, press R (3 steps): a fresh slice through where you stand, along your aim. The reveal shows each slice you walked.",
  },
  {
    id: "teams",
    title: "Be the cluster on The Ravine",
    landscapeId: "ravine",
    // Measured at 40 spots across the map: one slope on 4 samples points 35° from the true downhill
    // on average, the mean of four 13.5° (tests/unit/game/teams-on-landscapes.test.ts walks it).
    rules: { batch: 4, teamSize: 4 },
    tryThis: "Each teammate feels the slope on 4 samples of their own; the team moves by the mean of everyone's steps, as a cluster averages gradients (alone: 3 ghost teammates). The reveal shows the scatter the mean smoothed.",
  },
];

/** The rules of an idea on its landscape, given that landscape's defaults. */
export function ideaRules(idea: Idea, defaults: RoundRules): RoundRules {
  const { passes: _p, slope: _s, teamSize: _t, ...base } = defaults;
  return { ...base, ...idea.rules, landscapeId: idea.landscapeId };
}

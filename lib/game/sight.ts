// What the network gets right, said in words (the HUD, the reveal's moments, screen readers). The
// numbers are the sight's own (lib/protocol Sight); the noun is the dataset's: "digits", "points".

/** What a dataset's samples are called in a sentence, by dataset name. */
const NOUNS: Record<string, string> = { digits: "digits", iris: "flowers", wine: "wines", breast_cancer: "biopsies" };

/** The samples' noun: the real datasets' own, "points" for the 2-D sets. */
export function sampleNoun(datasetName: string): string {
  return NOUNS[datasetName] ?? "points";
}

/** A share as a whole percentage ("61 %"). */
export function percent(share: number): string {
  return `${Math.round(100 * share)} %`;
}

/** The numbers of a sight this module reads. */
export interface SightNumbers {
  correct: number;
  of: number;
  chance: number;
}

/**
 * The sight in one sentence: "classifies 61 % of the 300 points correctly (always giving the most
 * common answer gets 50 %)"; a minibatch's says so ("of this step's 32 digits").
 */
export function sightSentence(s: SightNumbers, datasetName: string, samples: number): string {
  const noun = sampleNoun(datasetName);
  const what = s.of < samples ? `this step's ${s.of} ${noun}` : `the ${s.of.toLocaleString("en")} ${noun}`;
  return `The network here classifies ${percent(s.correct / s.of)} of ${what} correctly (always giving the most common answer gets ${percent(s.chance)}).`;
}

// Nicknames: a maintained profanity filter refuses bad ones, and friendly generated ones are on offer.
import {
  collapseDuplicatesTransformer,
  englishDataset,
  englishRecommendedWhitelistMatcherTransformers,
  RegExpMatcher,
  resolveConfusablesTransformer,
  resolveLeetSpeakTransformer,
  skipNonAlphabeticTransformer,
  toAsciiLowerCaseTransformer,
} from "obscenity";
import { adjectives, animals, uniqueNamesGenerator } from "unique-names-generator";

// The library's recommended transformers, plus skipping everything that is not a letter: a name
// spelled with dots or spaces between its letters ("f.u.c.k", "f u c k") is read as one word.
// Doubled letters collapse as in the recommended set (a word's own double letters are kept).
const matcher = new RegExpMatcher({
  ...englishDataset.build(),
  blacklistMatcherTransformers: [
    resolveConfusablesTransformer(),
    resolveLeetSpeakTransformer(),
    toAsciiLowerCaseTransformer(),
    skipNonAlphabeticTransformer(),
    collapseDuplicatesTransformer({ defaultThreshold: 1, customThresholds: new Map([["b", 2], ["e", 2], ["o", 2], ["l", 2], ["s", 2], ["g", 2]]) }),
  ],
  whitelistMatcherTransformers: englishRecommendedWhitelistMatcherTransformers,
});

/** Whether a nickname is fit for a classroom projector. */
export function isCleanNickname(name: string): boolean {
  return !matcher.hasMatch(name);
}

/** A few friendly generated names ("Brave Otter"), each clean and at most 20 characters. */
export function suggestNames(count: number): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 20; tries++) {
    const name = uniqueNamesGenerator({ dictionaries: [adjectives, animals], separator: " ", style: "capital", length: 2 });
    if (name.length <= 20 && isCleanNickname(name)) out.add(name);
  }
  return [...out];
}

// Nicknames: a maintained profanity filter refuses bad ones, and friendly generated ones are on offer.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import { adjectives, animals, uniqueNamesGenerator } from "unique-names-generator";

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

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

// The projector's anonymous mode: students' names hidden, their colours kept. Each student is
// "Walker N", N being their place in the room's join order (the same place that picks their
// colour, lib/game/colormap.ts), and names inside the debrief's sentences are replaced too. Pure.
import type { RosterEntry } from "@/lib/protocol/server";

/** Names to show: the nickname, or the alias when names are hidden (ghosts keep theirs). */
export interface Namer {
  name(playerId: string, nickname?: string): string;
  /** A sentence with every student's nickname replaced by their alias (unchanged when names are shown). */
  text(sentence: string): string;
}

/** A namer for the roster; `hidden` hides students' names. */
export function namer(roster: readonly Pick<RosterEntry, "playerId" | "nickname" | "ghost">[], hidden: boolean): Namer {
  const alias = new Map<string, string>();
  const nick = new Map<string, string>();
  let place = 0;
  for (const r of roster) {
    nick.set(r.playerId, r.nickname);
    if (r.ghost === null) alias.set(r.playerId, `Walker ${++place}`);
  }
  if (!hidden) return { name: (id, fallback) => nick.get(id) ?? fallback ?? "?", text: (s) => s };
  // Longest names first, so "Ada Lovelace" is replaced before "Ada"; a name is replaced only as a whole word.
  const students = roster.filter((r) => r.ghost === null).sort((a, b) => b.nickname.length - a.nickname.length);
  const patterns = students.map((r) => [new RegExp(`(?<![\\p{L}\\p{N}])${escape(r.nickname)}(?![\\p{L}\\p{N}])`, "gu"), alias.get(r.playerId)!] as const);
  return {
    name: (id, fallback) => alias.get(id) ?? nick.get(id) ?? (fallback !== undefined ? "a student" : "?"),
    text: (s) => patterns.reduce((t, [re, a]) => t.replace(re, a), s),
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

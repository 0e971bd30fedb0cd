// A race's own result, from its reveal: who won and each racer's place. The first racer in the
// valley wins (the reveal's `ended` names them); otherwise, and for everyone after the winner, the
// lower a walk ended the better (score first, which counts only where a walk ends and gives 0 off
// the map, then the final loss, then fewer steps). Ghosts race along but take no place. Pure.
import type { ServerMsgOf } from "@/lib/protocol/server";

type RevealMsg = ServerMsgOf<"reveal">;

/** One row of the race's result. */
export interface Placing {
  playerId: string;
  nickname: string;
  ghost: boolean;
  /** 1 for the winner; null for ghosts. */
  place: number | null;
  score: number;
  finalLoss: number | null;
  steps: number;
}

/** How the race was won. */
export type Victory =
  | { how: "valley"; playerId: string; nickname: string; steps: number }
  | { how: "lowest"; playerId: string; nickname: string; finalLoss: number | null };

/** The race's placings (racers in place order, then ghosts) and its winner (null if nobody raced). */
export function racePlacings(reveal: RevealMsg): { rows: Placing[]; victory: Victory | null } {
  const rows: Placing[] = reveal.paths.map((p) => ({
    playerId: p.playerId, nickname: p.nickname, ghost: p.ghost !== null, place: null,
    score: p.score, finalLoss: p.finalLoss, steps: Math.max(0, p.footprints.length - 1),
  }));
  const end = reveal.ended;
  const winnerId = end.by === "winner" ? end.playerId : null;
  const better = (a: Placing, b: Placing) =>
    Number(b.playerId === winnerId) - Number(a.playerId === winnerId)
    || b.score - a.score
    || (a.finalLoss ?? Infinity) - (b.finalLoss ?? Infinity)
    || a.steps - b.steps;
  const racers = rows.filter((r) => !r.ghost).sort(better);
  racers.forEach((r, i) => { r.place = i + 1; });
  const ghosts = rows.filter((r) => r.ghost).sort(better);
  const first = racers[0];
  const victory: Victory | null = end.by === "winner"
    ? { how: "valley", playerId: end.playerId, nickname: end.nickname, steps: end.steps }
    : first ? { how: "lowest", playerId: first.playerId, nickname: first.nickname, finalLoss: first.finalLoss } : null;
  return { rows: [...racers, ...ghosts], victory };
}

/** 1 → "1st", 2 → "2nd", 11 → "11th". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

// The rules that differ between room kinds, in one table.
import type { RoomKind } from "./state";

/** What a kind of room does differently. */
export interface RoomPolicy {
  /** Countdown before a round, ms. */
  countdownMs: number;
  /** Where results are stored: the public leaderboard, or the class session's records. */
  store: "leaderboard" | "session";
  /** Reveal as soon as every human walk has ended. */
  revealWhenAllEnded: boolean;
  /** The first walker to reach the valley ends the round (a race). */
  firstToValleyWins: boolean;
  /** The host sees the map and every path live (the projector). */
  hostSeesMap: boolean;
  /**
   * Somebody watches the true altitude during the round (a race's finish, the projector's live
   * panel), so minibatch steps are measured on the full batch too; otherwise only at the reveal.
   */
  watchesTruth: boolean;
}

/** The policy of each kind of room. */
export const POLICY: Record<RoomKind, RoomPolicy> = {
  solo: { countdownMs: 0, store: "leaderboard", revealWhenAllEnded: true, firstToValleyWins: false, hostSeesMap: false, watchesTruth: false },
  race: { countdownMs: 3000, store: "leaderboard", revealWhenAllEnded: true, firstToValleyWins: true, hostSeesMap: false, watchesTruth: true },
  class: { countdownMs: 3000, store: "session", revealWhenAllEnded: false, firstToValleyWins: false, hostSeesMap: true, watchesTruth: true },
};

// After the reveal is computed: totals, storage (leaderboard or class session), and messages.
// A storage failure is logged and reported, never silently dropped, and never blocks the reveal.
import type { RevealData } from "./reveal";
import type { Room } from "./room";
import type { ResultRow } from "./deps";
import { POLICY } from "./policy";

/** Applies a computed reveal to the room: sends it, stores results, tells each player their score. */
export async function finishReveal(room: Room, data: RevealData): Promise<void> {
  const s = room.state;
  const round = s.round;
  if (!round) return;
  for (const r of data.results) {
    const seat = s.seats[r.seatId];
    if (seat) seat.total += r.score;
  }
  s.results.push(...data.results);
  const reveal = { type: "reveal" as const, round: round.no, grid: data.grid, paths: data.paths, debrief: data.notes };
  room.toAll(reveal);
  if (POLICY[s.kind].hostSeesMap) room.deps.outbox.toHost(s.id, reveal);

  const rows: ResultRow[] = data.results
    .filter((r) => !s.seats[r.seatId]?.ghost)
    .map((r) => ({
      mode: s.kind === "class" ? "classroom" : s.kind,
      roomId: s.id,
      roomCode: s.code,
      roundNo: round.no,
      landscapeId: r.landscapeId,
      playerId: r.seatId,
      nickname: r.nickname,
      score: r.score,
      startLoss: data.losses[r.seatId]?.start ?? round.startLossFull,
      finalLoss: r.finalLoss,
      minLoss: round.minLoss,
      steps: r.steps,
      budget: round.rules.budget,
      batch: round.rules.batch,
      seed: round.rules.seed,
      outcome: r.outcome,
    }));
  const ranks = new Map<string, { id: string; rank: number; of: number }>();
  try {
    if (POLICY[s.kind].store === "leaderboard") {
      for (const row of rows.filter((r) => r.steps > 0)) ranks.set(row.playerId, await room.deps.results.saveScore(row));
    } else if (rows.length) {
      await room.deps.results.saveSessionRound(rows);
    }
  } catch (e) {
    room.deps.log.error({ room: s.id, err: String(e) }, "saving results failed");
    room.toAll({ type: "error", code: "server_error", message: "Your score could not be saved to the leaderboard this time.", ref: null });
  }
  for (const r of data.results) {
    const seat = s.seats[r.seatId];
    if (!seat || seat.ghost) continue;
    const saved = ranks.get(r.seatId);
    room.deps.outbox.toSeat(s.id, r.seatId, {
      type: "result", round: round.no, score: r.score, outcome: r.outcome, finalLoss: r.finalLoss,
      scoreId: saved?.id ?? null, rank: saved?.rank ?? null, of: saved?.of ?? null,
    });
  }
  room.deps.log.info({ room: s.id, round: round.no, results: data.results.length }, "round revealed");
}

// After the reveal is computed: totals, storage, and messages. Ranked rounds (solo and race) keep
// each player's best on the leaderboard, within the player's and the address's allowance of ranked
// writes; class rounds go to the session's records; custom rounds are played and debriefed but not
// stored. A storage failure is logged and reported, never silently dropped, and never blocks the reveal.
import { createHash } from "node:crypto";
import type { RevealData } from "./reveal";
import type { Room } from "./room";
import type { ResultRow } from "./deps";
import { POLICY } from "../../lib/game/room/policy";
import type { Seat } from "../../lib/game/room/state";
import { handIn } from "./homework";

/** The leaderboard key of a seat: a hash of its browser id, or of its address when it sent none. */
export function playerKey(seat: Pick<Seat, "device" | "address">): string {
  const raw = seat.device ? `device:${seat.device}` : `address:${seat.address}`;
  return createHash("sha256").update(raw).digest("base64url").slice(0, 24);
}

/**
 * After the room committed its "revealed" event (totals and results are in its state): sends the
 * reveal, stores results, tells each player their score and notes.
 */
export async function finishReveal(room: Room, data: RevealData): Promise<void> {
  const s = room.state;
  const round = s.round;
  if (!round) return;
  const reveal = { type: "reveal" as const, round: round.no, grid: data.grid, scale: data.scale, ended: data.ended, paths: data.paths, debrief: data.notes, ...(data.teams ? { teams: data.teams } : {}) };
  room.toAll(reveal, POLICY[s.kind].hostSeesMap); // one JSON encoding for the whole class

  const rows: (ResultRow & { seat: Seat })[] = data.results.flatMap((r) => {
    const seat = s.seats[r.seatId];
    if (!seat || seat.ghost) return [];
    return [{
      seat,
      mode: s.kind === "class" ? "classroom" : s.kind,
      roomId: s.id,
      roomCode: s.code,
      roundNo: round.no,
      landscapeId: r.landscapeId,
      playerId: r.seatId,
      nickname: r.nickname,
      score: r.score,
      startLoss: round.startLossFull,
      finalLoss: r.finalLoss,
      minLoss: round.scale.min,
      steps: r.steps,
      budget: round.rules.budget,
      batch: round.rules.batch,
      seed: round.rules.seed,
      outcome: r.outcome,
    } satisfies ResultRow & { seat: Seat }];
  });
  const saved = new Map<string, { id: string; rank: number; of: number; best: boolean } | "limited">();
  try {
    if (POLICY[s.kind].store === "leaderboard" && round.ranked) {
      for (const { seat, ...row } of rows.filter((r) => r.steps > 0)) {
        if (!(await room.deps.admission.rankedWrite({ device: seat.device, address: seat.address }))) {
          saved.set(row.playerId, "limited");
          continue;
        }
        saved.set(row.playerId, await room.deps.results.saveScore({ ...row, playerKey: playerKey(seat) }));
      }
    } else if (POLICY[s.kind].store === "session" && rows.length) {
      await room.deps.results.saveSessionRound(rows.map(({ seat: _seat, ...row }) => row));
    }
  } catch (e) {
    room.deps.log.error({ room: s.id, err: String(e) }, "saving results failed");
    room.toAll({ type: "error", code: "server_error", message: "Your score could not be saved to the leaderboard this time.", ref: null });
  }
  // A homework walk is handed in before its walker hears the result.
  if (s.homework) {
    await handIn(room).catch((e: unknown) => {
      room.deps.log.error({ room: s.id, homework: s.homework, err: String(e) }, "handing homework in failed");
      room.toAll({ type: "error", code: "server_error", message: "Your homework could not be handed in this time: play it again from the link.", ref: null });
    });
  }
  for (const r of data.results) {
    const seat = s.seats[r.seatId];
    if (!seat || seat.ghost) continue;
    const entry = saved.get(r.seatId);
    const stored = entry && entry !== "limited" ? entry : null;
    const notes = [...(data.personal[r.seatId] ?? [])];
    if (entry === "limited") notes.push({ kind: "summary", playerId: r.seatId, text: "This score was not added to the leaderboard: too many ranked rounds came from this browser or network in the last few minutes. Try again a little later." });
    room.deps.outbox.toSeat(s.id, r.seatId, {
      type: "result", round: round.no, score: r.score, outcome: r.outcome, finalLoss: r.finalLoss, notes,
      ranked: round.ranked && POLICY[s.kind].store === "leaderboard", scoreId: stored?.id ?? null, rank: stored?.rank ?? null, of: stored?.of ?? null, best: stored?.best ?? false,
      moments: data.moments[r.seatId] ?? [],
      ...(data.slices[r.seatId] ? { slices: data.slices[r.seatId] } : {}),
    });
  }
  room.deps.log.info({ room: s.id, round: round.no, results: data.results.length, ranked: round.ranked }, "round revealed");
}

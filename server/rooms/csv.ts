// The class session's per-student results as CSV (RFC 4180 quoting), one row per student per round.
import type { RoomState } from "../../lib/game/room/state";
import type { Homework, HomeworkWalkRow } from "./deps";

const HEADER = ["round", "landscape", "nickname", "player_id", "score", "total_after_round", "final_loss", "steps", "outcome"];

/** Quotes a CSV field when it needs it (commas, quotes, newlines, or a leading formula sign). */
export function csvField(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  // A spreadsheet would run a cell starting with = + - @ as a formula: neutralise it.
  if (/^[=+\-@]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The session's results, one line per student per round, with running totals; then each
 * homework's walks handed in ("homework 1", "homework 2"… in the round column; homework does not
 * add to the totals, and a walker there is known by a key of their browser, not a seat).
 */
export function exportCsv(state: RoomState, homework: { homework: Homework; walks: HomeworkWalkRow[] }[] = []): string {
  const running = new Map<string, number>();
  const lines = [HEADER.join(",")];
  const rows = [...state.results].sort((a, b) => a.roundNo - b.roundNo || a.nickname.localeCompare(b.nickname));
  for (const r of rows) {
    if (state.seats[r.seatId]?.ghost) continue;
    const total = (running.get(r.seatId) ?? 0) + r.score;
    running.set(r.seatId, total);
    lines.push([r.roundNo, r.landscapeId, r.nickname, r.seatId, r.score, total, r.finalLoss, r.steps, r.outcome].map(csvField).join(","));
  }
  homework.forEach(({ homework: h, walks }, i) => {
    for (const w of walks) lines.push([`homework ${i + 1}`, h.rules.landscapeId, w.nickname, w.playerKey, w.score, null, w.finalLoss, w.steps, w.outcome].map(csvField).join(","));
  });
  return lines.join("\r\n") + "\r\n";
}

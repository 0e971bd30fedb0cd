// The class session's per-student results as CSV (RFC 4180 quoting), one row per student per round.
import type { RoomState } from "../../lib/game/room/state";

const HEADER = ["round", "landscape", "nickname", "player_id", "score", "total_after_round", "final_loss", "steps", "outcome"];

/** Quotes a CSV field when it needs it (commas, quotes, newlines, or a leading formula sign). */
export function csvField(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  // A spreadsheet would run a cell starting with = + - @ as a formula: neutralise it.
  if (/^[=+\-@]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The session's results, one line per student per round, with running totals. */
export function exportCsv(state: RoomState): string {
  const running = new Map<string, number>();
  const lines = [HEADER.join(",")];
  const rows = [...state.results].sort((a, b) => a.roundNo - b.roundNo || a.nickname.localeCompare(b.nickname));
  for (const r of rows) {
    if (state.seats[r.seatId]?.ghost) continue;
    const total = (running.get(r.seatId) ?? 0) + r.score;
    running.set(r.seatId, total);
    lines.push([r.roundNo, r.landscapeId, r.nickname, r.seatId, r.score, total, r.finalLoss, r.steps, r.outcome].map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// Reading and writing results: the leaderboard (ranked solo and race rounds) and classroom session
// rows. The leaderboard keeps one row per player per board, their best: a better round updates it,
// a worse one leaves it. Ranks are by score, then fewer steps, then who got there first, then id,
// so ties have a stable order. Only rows of the current scoring rules are shown.
import type { ApiDeps, BoardRow } from "../http/api";
import type { ResultRow, ResultStore, ScoreRow } from "../rooms/deps";
import type { PrismaClient, Score as ScoreRecord } from "./generated/client";

/** The version of the scoring rules (lib/game/score.ts); 1 was progress × step efficiency. */
export const SCORING_VERSION = 2;

/** Leaderboard reads, as the HTTP API needs them. */
export type Board = Pick<ApiDeps, "top" | "entry" | "count">;

function columns(r: ResultRow) {
  return {
    landscapeId: r.landscapeId,
    nickname: r.nickname,
    score: r.score,
    startLoss: r.startLoss,
    finalLoss: r.finalLoss,
    minLoss: r.minLoss,
    steps: r.steps,
    budget: r.budget,
    batch: r.batch,
    seed: r.seed,
    outcome: r.outcome,
  };
}

/** Whether a new round beats a stored best: a higher score, or the same in fewer steps. */
function beats(r: { score: number; steps: number }, s: { score: number; steps: number }): boolean {
  return r.score > s.score || (r.score === s.score && r.steps < s.steps);
}

/** The store rooms write to, and the board the API reads. */
export function createResults(prisma: PrismaClient): { results: ResultStore; board: Board } {
  const board$ = (landscapeId: string) => ({ landscapeId, scoring: SCORING_VERSION });
  async function rankOf(s: ScoreRecord): Promise<number> {
    const ahead = await prisma.score.count({
      where: {
        ...board$(s.landscapeId),
        OR: [
          { score: { gt: s.score } },
          { score: s.score, steps: { lt: s.steps } },
          { score: s.score, steps: s.steps, achievedAt: { lt: s.achievedAt } },
          { score: s.score, steps: s.steps, achievedAt: s.achievedAt, id: { lt: s.id } },
        ],
      },
    });
    return ahead + 1;
  }
  const row = (s: ScoreRecord, rank: number): BoardRow => ({
    id: s.id,
    rank,
    nickname: s.nickname,
    score: s.score,
    finalLoss: s.finalLoss,
    steps: s.steps,
    budget: s.budget,
    batch: s.batch,
    createdAt: s.achievedAt.toISOString(),
  });
  const count = (landscapeId: string) => prisma.score.count({ where: board$(landscapeId) });

  /** Writes the player's best: creates it, or updates it when this round beats it. */
  async function keepBest(r: ScoreRow): Promise<{ record: ScoreRecord; best: boolean }> {
    const key = { landscapeId_scoring_playerKey: { landscapeId: r.landscapeId, scoring: SCORING_VERSION, playerKey: r.playerKey } };
    const data = { ...columns(r), mode: r.mode === "race" ? "race" : "solo", roomCode: r.roomCode, achievedAt: new Date() };
    for (let attempt = 0; ; attempt++) {
      const found = await prisma.score.findUnique({ where: key });
      if (found && !beats(r, found)) return { record: found, best: false };
      try {
        const record = found
          ? await prisma.score.update({ where: { id: found.id }, data })
          : await prisma.score.create({ data: { ...data, scoring: SCORING_VERSION, playerKey: r.playerKey } });
        return { record, best: true };
      } catch (e) {
        // Two rounds of one player finishing at once: the other created the row first. Read it again.
        if (attempt < 2 && (e as { code?: string }).code === "P2002") continue;
        throw e;
      }
    }
  }

  const results: ResultStore = {
    async saveScore(r) {
      const { record, best } = await keepBest(r);
      const [rank, of] = await Promise.all([rankOf(record), count(r.landscapeId)]);
      return { id: record.id, rank, of, best };
    },
    async saveSessionRound(rows) {
      if (rows.length === 0) return;
      // Idempotent per (room, round, player): a round saved twice keeps its first rows.
      await prisma.sessionResult.createMany({
        data: rows.map((r) => ({ ...columns(r), roomId: r.roomId, roomCode: r.roomCode, roundNo: r.roundNo, playerId: r.playerId })),
        skipDuplicates: true,
      });
    },
  };
  const board: Board = {
    async top(landscapeId, limit) {
      const rows = await prisma.score.findMany({ where: board$(landscapeId), orderBy: [{ score: "desc" }, { steps: "asc" }, { achievedAt: "asc" }, { id: "asc" }], take: limit });
      return rows.map((s, i) => row(s, i + 1));
    },
    async entry(scoreId) {
      const s = await prisma.score.findUnique({ where: { id: scoreId } });
      return s && s.scoring === SCORING_VERSION ? row(s, await rankOf(s)) : null;
    },
    count,
  };
  return { results, board };
}

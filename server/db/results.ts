// Reading and writing results: the leaderboard (solo and race rounds) and classroom session rows.
// Ranks are by score, then by who got there first, then by id, so ties have a stable order.
import type { ApiDeps, BoardRow } from "../http/api";
import type { ResultRow, ResultStore } from "../rooms/deps";
import type { PrismaClient, Score as ScoreRecord } from "./generated/client";

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

/** The store rooms write to, and the board the API reads. */
export function createResults(prisma: PrismaClient): { results: ResultStore; board: Board } {
  async function rankOf(s: ScoreRecord): Promise<number> {
    const ahead = await prisma.score.count({
      where: {
        landscapeId: s.landscapeId,
        OR: [
          { score: { gt: s.score } },
          { score: s.score, createdAt: { lt: s.createdAt } },
          { score: s.score, createdAt: s.createdAt, id: { lt: s.id } },
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
    createdAt: s.createdAt.toISOString(),
  });
  const count = (landscapeId: string) => prisma.score.count({ where: { landscapeId } });

  const results: ResultStore = {
    async saveScore(r) {
      const s = await prisma.score.create({ data: { ...columns(r), mode: r.mode === "race" ? "race" : "solo", roomCode: r.roomCode } });
      const [rank, of] = await Promise.all([rankOf(s), count(r.landscapeId)]);
      return { id: s.id, rank, of };
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
      const rows = await prisma.score.findMany({ where: { landscapeId }, orderBy: [{ score: "desc" }, { createdAt: "asc" }, { id: "asc" }], take: limit });
      return rows.map((s, i) => row(s, i + 1));
    },
    async entry(scoreId) {
      const s = await prisma.score.findUnique({ where: { id: scoreId } });
      return s ? row(s, await rankOf(s)) : null;
    },
    count,
  };
  return { results, board };
}

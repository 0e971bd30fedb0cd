// Homework in the database: the assignment (its class, rules and deadline) and each student's walk,
// handed in once. Any node may write a walk (the student's round may run anywhere in a cluster);
// the class's page reads them all.
import type { Walk } from "../../lib/game/walk";
import type { ResolvedRules } from "../../lib/game/room/state";
import type { Homework, HomeworkStore, HomeworkWalkRow } from "../rooms/deps";
import type { PrismaClient } from "./generated/client";

/** The homework store over Prisma. */
export function createHomeworkStore(prisma: PrismaClient): HomeworkStore {
  const toHomework = (h: { id: string; classId: string; classCode: string; rules: unknown; deadline: Date; createdAt: Date }): Homework => ({
    id: h.id, classId: h.classId, classCode: h.classCode, rules: h.rules as ResolvedRules, deadline: h.deadline.getTime(), createdAt: h.createdAt.getTime(),
  });
  return {
    async create(h) {
      await prisma.homework.create({ data: { id: h.id, classId: h.classId, classCode: h.classCode, rules: h.rules as object, deadline: new Date(h.deadline) } });
    },
    async get(id) {
      const h = await prisma.homework.findUnique({ where: { id } });
      return h ? toHomework(h) : null;
    },
    async ofClass(classId) {
      const list = await prisma.homework.findMany({ where: { classId }, orderBy: { createdAt: "asc" } });
      const counts = await prisma.homeworkWalk.groupBy({ by: ["homeworkId"], where: { homeworkId: { in: list.map((h) => h.id) } }, _count: { _all: true } });
      const n = new Map(counts.map((c) => [c.homeworkId, c._count._all]));
      return list.map((h) => ({ ...toHomework(h), walks: n.get(h.id) ?? 0 }));
    },
    async handIn(row) {
      const r = await prisma.homeworkWalk.createMany({ data: [{ ...row, walk: row.walk as object }], skipDuplicates: true });
      return r.count === 1;
    },
    async handedIn(homeworkId, playerKey) {
      const w = await prisma.homeworkWalk.findUnique({ where: { homeworkId_playerKey: { homeworkId, playerKey } } });
      return w ? toRow(w) : null;
    },
    async walks(homeworkId) {
      return (await prisma.homeworkWalk.findMany({ where: { homeworkId }, orderBy: { finishedAt: "asc" } })).map(toRow);
    },
  };
}

function toRow(w: { homeworkId: string; playerKey: string; nickname: string; walk: unknown; score: number; finalLoss: number | null; steps: number; outcome: string; finishedAt: Date }): HomeworkWalkRow {
  return { homeworkId: w.homeworkId, playerKey: w.playerKey, nickname: w.nickname, walk: w.walk as Walk, score: w.score, finalLoss: w.finalLoss, steps: w.steps, outcome: w.outcome, finishedAt: w.finishedAt.getTime() };
}

// Homework's admission rules: a deadline in the future and within the limit; a link that exists,
// still open, and one walk per person.
import { describe, expect, it } from "vitest";
import { checkDeadline, homeworkRules, mayStart } from "../../../server/rooms/homework";
import type { Homework, HomeworkWalkRow, RoomDeps } from "../../../server/rooms/deps";
import { playerKey } from "../../../server/rooms/reveal-store";

const NOW = Date.UTC(2026, 11, 1, 9, 0);
const hw: Homework = { id: "hw_abcdefgh", classId: "class_1", classCode: "ABCDEF", rules: { landscapeId: "bowl", budget: 10, batch: 0, timeLimitSec: 90, showOthers: true, seed: 5, ranked: false }, deadline: NOW + 3_600_000, createdAt: NOW };

function deps(now: number, handed: HomeworkWalkRow | null = null): RoomDeps {
  return { clock: { now: () => now }, homework: { handedIn: async () => handed } } as unknown as RoomDeps;
}

describe("homework's rules", () => {
  it("takes a deadline at least a minute ahead and at most 60 days", () => {
    expect(checkDeadline(NOW + 120_000, NOW)).toBeNull();
    expect(checkDeadline(NOW + 59 * 86_400_000, NOW)).toBeNull();
    expect(checkDeadline(NOW - 1, NOW)?.code).toBe("bad_rules");
    expect(checkDeadline(NOW + 30_000, NOW)?.message).toMatch(/future/);
    expect(checkDeadline(NOW + 61 * 86_400_000, NOW)?.message).toMatch(/60 days/);
  });

  it("plays without a clock, unranked, whatever the class round had", () => {
    expect(homeworkRules({ ...hw.rules, ranked: true })).toMatchObject({ timeLimitSec: 0, showOthers: false, ranked: false, seed: 5, budget: 10 });
  });

  it("lets a person start an open homework once", async () => {
    const who = { device: "device-123456789012", address: "10.0.0.1" };
    expect(await mayStart(deps(NOW), hw, who)).toBeNull();
    expect(await mayStart(deps(NOW), null, who)).toMatchObject({ code: "room_not_found" });
    expect(await mayStart(deps(hw.deadline + 1), hw, who)).toMatchObject({ code: "round_over", message: expect.stringMatching(/closed/) });
    const done: HomeworkWalkRow = { homeworkId: hw.id, playerKey: playerKey({ ...who }), nickname: "Ada", walk: { path: [], truth: [], lrs: [], status: "done", budget: 10 }, score: 640, finalLoss: 0.1, steps: 4, outcome: "valley", finishedAt: NOW };
    expect(await mayStart(deps(NOW, done), hw, who)).toMatchObject({ code: "round_over", message: expect.stringMatching(/scored 640/) });
  });
});

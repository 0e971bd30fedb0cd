// Homework: a class round that students play on their own time, before a deadline, from a link.
// Each student's walk is a solo room of its own (tagged with the homework), under the homework's
// rules and seed, so everyone starts from the same point on the same map. When the walk ends it is
// handed in (the database: the walk may end on any node of a cluster), and the class's teacher gets
// the map with every walk handed in so far and the class's debrief, as they come in.
import type { RoundEnd } from "../../lib/protocol/common";
import type { ServerMessage, ServerMsgOf } from "../../lib/protocol/server";
import { gameError, type GameError } from "../../lib/protocol/errors";
import { MAX_HOMEWORK_DAYS } from "../../lib/protocol/client";
import type { ResolvedRules, RoomState, Seat } from "../../lib/game/room/state";
import { stepsTaken } from "../../lib/game/walk";
import type { Homework, RoomDeps } from "./deps";
import { computeReveal } from "./reveal";
import { prepareRound } from "./round-setup";
import { playerKey } from "./reveal-store";
import type { Room } from "./room";

/** The earliest deadline a homework may have, from now: a minute (a typo, not a plan, is nearer). */
const MIN_LEAD_MS = 60_000;

/** A homework's rules: the class round's, with no clock (students play when they can). */
export function homeworkRules(rules: ResolvedRules): ResolvedRules {
  return { ...rules, timeLimitSec: 0, showOthers: false, ranked: false };
}

/** Checks a deadline: in the future (a minute at least) and within MAX_HOMEWORK_DAYS. */
export function checkDeadline(deadline: number, now: number): GameError | null {
  if (deadline < now + MIN_LEAD_MS) return gameError("bad_rules", "The deadline has to be in the future: pick a later date and time.");
  if (deadline > now + MAX_HOMEWORK_DAYS * 86_400_000) return gameError("bad_rules", `A deadline can be at most ${MAX_HOMEWORK_DAYS} days away.`);
  return null;
}

/** Sets a round as homework for the class: stored, then the class's list goes to its host. */
export async function assign(room: Room, rules: ResolvedRules, deadline: number): Promise<GameError | null> {
  const deps = room.deps;
  const bad = checkDeadline(deadline, deps.clock.now());
  if (bad) return bad;
  const id = deps.chance.secret().replace(/[^A-Za-z0-9_-]/g, "").slice(0, 12).padEnd(8, "x");
  await deps.homework.create({ id, classId: room.state.id, classCode: room.state.code, rules: homeworkRules(rules), deadline });
  deps.log.info({ room: room.state.id, homework: id, landscape: rules.landscapeId, deadline: new Date(deadline).toISOString() }, "homework set");
  deps.outbox.toHost(room.state.id, await homeworkList(deps, room.state.id));
  return null;
}

/** The class's homework as its host sees it. */
export async function homeworkList(deps: RoomDeps, classId: string): Promise<ServerMsgOf<"homeworks">> {
  const names = new Map(deps.landscapes.catalog().map((l) => [l.id, l.name]));
  const items = (await deps.homework.ofClass(classId)).map((h) => ({
    id: h.id, landscapeId: h.rules.landscapeId, landscapeName: names.get(h.rules.landscapeId) ?? h.rules.landscapeId,
    budget: h.rules.budget, batch: h.rules.batch, deadline: h.deadline, walks: h.walks,
  }));
  return { type: "homeworks", items };
}

/** Whether a person may start this homework now: null, or why not. */
export async function mayStart(deps: RoomDeps, hw: Homework | null, who: Pick<Seat, "device" | "address">): Promise<GameError | null> {
  if (!hw) return gameError("room_not_found", "There is no homework at this link: check the link your teacher gave.");
  if (deps.clock.now() > hw.deadline) return gameError("round_over", `This homework closed on ${new Date(hw.deadline).toUTCString()}.`);
  const done = await deps.homework.handedIn(hw.id, playerKey(who));
  if (done) return gameError("round_over", `You have handed this homework in already: you scored ${done.score}.`);
  return null;
}

/**
 * After a homework room's reveal: hands the walk in (the first walk of each person counts) and
 * tells the class's host, wherever its page is connected.
 */
export async function handIn(room: Room): Promise<void> {
  const s = room.state;
  const round = s.round;
  if (!s.homework || !round) return;
  const deps = room.deps;
  for (const seat of Object.values(s.seats)) {
    const walk = round.walks[seat.id];
    const result = s.results.find((r) => r.seatId === seat.id && r.roundNo === round.no);
    if (seat.ghost || !walk || !result) continue;
    const first = await deps.homework.handIn({ homeworkId: s.homework, playerKey: playerKey(seat), nickname: seat.nickname, walk, score: result.score, finalLoss: result.finalLoss, steps: stepsTaken(walk), outcome: result.outcome });
    if (!first) continue;
    const hw = await deps.homework.get(s.homework);
    if (hw) deps.outbox.toHostAnywhere(hw.classId, await homeworkList(deps, hw.classId));
  }
}

/**
 * A homework's results so far: its round prepared again from its rules (the same start and map),
 * with every walk handed in, revealed as a class round is (map, paths, the class's debrief).
 */
export async function homeworkResults(deps: RoomDeps, hw: Homework): Promise<ServerMessage> {
  const walks = await deps.homework.walks(hw.id);
  const round = await prepareRound(deps, 1, hw.rules, [], []);
  const seats: Record<string, Seat> = {};
  walks.forEach((w, i) => {
    seats[w.playerKey] = { id: w.playerKey, nickname: w.nickname, token: "", device: null, address: "", ghost: null, total: 0, joinedAt: i };
    round.walks[w.playerKey] = w.walk;
  });
  const state: RoomState = {
    id: `homework_${hw.id}`, kind: "class", code: hw.classCode, phase: "revealed", hostSecret: "", ownerSeat: null, seats, removed: [],
    nextRules: null, nextGhosts: [], round, roundsPlayed: 1, results: [], createdAt: hw.createdAt, lastActivityAt: hw.createdAt, homework: hw.id,
  };
  const end: RoundEnd = { by: "walks" };
  const data = await computeReveal(deps, state, end, { slices: false });
  return { type: "homeworkResults", id: hw.id, grid: data.grid, scale: data.scale, paths: data.paths, debrief: data.notes };
}

// The replay after a reveal: the walker drags a step size and a momentum β, and the server walks
// plain gradient descent (with that momentum) from the round's start on the true landscape, step by
// step to the round's budget, exactly as a ghost walks; the page draws it on the revealed map.
// Measured on the bulk lane, so a replay never delays anyone's step.
import { startOptimizer, optimizerStep } from "../../lib/game/optimizer";
import { canStep, finishWalk, insideExtent, recordStep, startWalk, stepsTaken, type Walk } from "../../lib/game/walk";
import type { RoundState } from "../../lib/game/room/state";
import type { ServerMsgOf } from "../../lib/protocol/server";
import type { RoomDeps } from "./deps";
import { frameOf } from "./round-setup";
import { truthAt } from "./measure";
import { explosionLevel } from "./reveal";

/** The most steps a replay walks (the round's budget, up to this). */
export const MAX_REPLAY_STEPS = 500;

/** Gradient descent with momentum β at step size lr from the round's start, on the true landscape. */
export async function replayWalk(deps: RoomDeps, round: RoundState, lr: number, beta: number): Promise<Walk> {
  const f = frameOf(round);
  const explodesAbove = explosionLevel(round.scale);
  const first = await truthAt(deps.landscapes, f, round.start, "bulk");
  const walk = startWalk({ x: round.start[0], y: round.start[1], loss: first.loss, grad: first.grad }, Math.min(round.rules.budget, MAX_REPLAY_STEPS), first);
  let opt = startOptimizer(beta > 0 ? "momentum" : "gd", beta);
  while (canStep(walk)) {
    const at = walk.path[walk.path.length - 1]!;
    const { to, state } = optimizerStep(opt, [at.x, at.y], at.grad, lr);
    opt = state;
    const truth = await truthAt(deps.landscapes, f, to, "bulk");
    recordStep(walk, to, lr, { felt: truth, truth, inside: insideExtent(round.landscape.extent, to[0], to[1]), explodesAbove }, beta);
  }
  return finishWalk(walk);
}

/** The message the page draws: the path, and where it ended. */
export function replayed(walk: Walk, lr: number, beta: number): ServerMsgOf<"replayed"> {
  const last = walk.path[walk.path.length - 1]!;
  return { type: "replayed", lr, beta, footprints: walk.path, steps: stepsTaken(walk), status: walk.status, finalLoss: walk.status === "left" || walk.status === "diverged" ? null : last.loss };
}

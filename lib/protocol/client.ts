// Every message a browser may send, as one discriminated union. The server parses each inbound
// message with ClientMessage before anything else sees it.
import { z } from "zod";
import { finite, GhostKind, JoinCode, Nickname, RoundRules, Secret } from "./common";

/** Names of client → server messages. */
export const C = {
  soloStart: "solo.start",
  step: "step",
  finish: "finish",
  raceCreate: "race.create",
  classCreate: "class.create",
  join: "room.join",
  resume: "room.resume",
  leave: "room.leave",
  hostClaim: "host.claim",
  hostSetup: "host.setup",
  hostStart: "host.start",
  hostPause: "host.pause",
  hostResume: "host.resume",
  hostReveal: "host.reveal",
  hostEnd: "host.end",
  hostKick: "host.kick",
  hostExport: "host.export",
} as const;

/** A step intent: a direction (or "downhill" = follow the slope) and a learning rate. */
export const StepMsg = z.object({
  type: z.literal(C.step),
  /** The walker's step number this intent is for (1-based); a stale or repeated one is refused. */
  seq: z.number().int().min(1).max(10_000),
  /**
   * "downhill": Δ = −lr·∇L (plain gradient descent). A vector u: Δ = lr·|∇L|·u/|u|, the same
   * length a gradient step would take, pointed where the player chose.
   */
  dir: z.union([
    z.literal("downhill"),
    z.tuple([finite.min(-1e6).max(1e6), finite.min(-1e6).max(1e6)]).refine(([a, b]) => a * a + b * b > 0, "A direction cannot be zero."),
  ]),
  /** The learning rate (step size), > 0. */
  lr: finite.positive("The step size must be positive.").max(1e6, "That step size is absurdly large."),
});

/** Every client → server message. */
export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal(C.soloStart), nickname: Nickname, rules: RoundRules }),
  StepMsg,
  z.object({ type: z.literal(C.finish) }),
  z.object({
    type: z.literal(C.raceCreate),
    nickname: Nickname,
    rules: RoundRules,
    ghosts: z.array(GhostKind).max(3).default([]),
  }),
  z.object({ type: z.literal(C.classCreate) }),
  z.object({
    type: z.literal(C.join),
    code: JoinCode,
    nickname: Nickname,
    /** A random id the browser keeps, so a removed student stays out after a refresh. */
    device: Secret.optional(),
  }),
  z.object({ type: z.literal(C.resume), code: JoinCode, token: Secret }),
  z.object({ type: z.literal(C.leave) }),
  z.object({ type: z.literal(C.hostClaim), code: JoinCode, hostSecret: Secret }),
  z.object({ type: z.literal(C.hostSetup), rules: RoundRules, ghosts: z.array(GhostKind).max(3).default([]) }),
  z.object({ type: z.literal(C.hostStart) }),
  z.object({ type: z.literal(C.hostPause) }),
  z.object({ type: z.literal(C.hostResume) }),
  z.object({ type: z.literal(C.hostReveal) }),
  z.object({ type: z.literal(C.hostEnd) }),
  z.object({ type: z.literal(C.hostKick), playerId: z.string().min(1).max(64) }),
  z.object({ type: z.literal(C.hostExport) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
/** A client message of one type. */
export type ClientMsgOf<T extends ClientMessage["type"]> = Extract<ClientMessage, { type: T }>;

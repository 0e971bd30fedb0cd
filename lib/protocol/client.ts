// Every message a browser may send, as one discriminated union. The server parses each inbound
// message with ClientMessage before anything else sees it.
import { z } from "zod";
import { finite, GhostKind, JoinCode, LandscapeId, Nickname, RoundRules, Secret } from "./common";

/** Names of client → server messages. */
export const C = {
  soloStart: "solo.start",
  step: "step",
  feel: "feel",
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
  hostReadmit: "host.readmit",
  hostRename: "host.rename",
  hostExport: "host.export",
  hostAssign: "host.assign",
  hostHomework: "host.homework",
  homeworkStart: "homework.start",
  replay: "replay",
  turn: "turn",
} as const;

/** A homework's id (the link's last part). */
export const HomeworkId = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/, "A homework link ends with its id: 8 to 32 letters, digits, - or _.");

/** The latest deadline a homework may have, from now: 60 days. */
export const MAX_HOMEWORK_DAYS = 60;

/** A step intent: a direction (or "downhill" = follow the slope) and a learning rate. */
export const StepMsg = z.strictObject({
  type: z.literal(C.step),
  /** The walker's step number this intent is for (1-based); a stale or repeated one is refused. */
  seq: z.number().int().min(1).max(10_000),
  /**
   * "downhill": Δ = −lr·∇L (plain gradient descent). A vector u: Δ = lr·|∇L|·u/|u|, the same
   * length a gradient step would take, pointed where the player chose. In a round without
   * backprop ∇L is the walker's own estimate from its feelings around (rules.stepSlope).
   */
  dir: z.union([
    z.literal("downhill"),
    z.tuple([finite.min(-1e6).max(1e6), finite.min(-1e6).max(1e6)]).refine(([a, b]) => a * a + b * b > 0, "A direction cannot be zero."),
  ]),
  /** Momentum: how much of the last step the walker keeps (0: none, plain steps; at most 0.99). */
  beta: z.number().min(0, "Momentum cannot be negative.").max(0.99, "Momentum is at most 0.99: a velocity that never fades would never stop.").optional(),
  /** The learning rate (step size), > 0; the server also holds it to the landscape's own range. */
  lr: finite.positive("The step size must be positive.").max(1e6, "That step size is absurdly large."),
});

/**
 * What a solo round or a race is played for. Ranked: the landscape's own fixed rules (its default
 * budget, the full batch, no clock) and a seed the server draws, so scores are comparable and
 * earned on a map nobody has seen in that orientation; the result goes to the leaderboard.
 * Custom: any rules (budget, batch, seed, clock); played, revealed and debriefed, never ranked.
 */
export const Play = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("ranked"), landscapeId: LandscapeId }),
  z.strictObject({ mode: z.literal("custom"), rules: RoundRules }),
]);
export type Play = z.infer<typeof Play>;

/**
 * Every client → server message. Objects are strict: a key the schema does not name (a budget
 * sent with a ranked round, a typo) is refused with a sentence, never silently dropped.
 */
export const ClientMessage = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal(C.soloStart),
    nickname: Nickname,
    play: Play,
    /** The random id this browser keeps: its leaderboard entry is one per board. */
    device: Secret.optional(),
    /** The code this page chose for the round (its socket is routed by it); the server picks one if absent. */
    code: JoinCode.optional(),
  }),
  StepMsg,
  /**
   * A round without backprop: feel the altitude a short way off in one direction (a forward pass
   * from the budget). The answer says the loss there; the slope is the walker's to work out.
   */
  z.strictObject({
    type: z.literal(C.feel),
    dir: z.tuple([finite.min(-1e6).max(1e6), finite.min(-1e6).max(1e6)]).refine(([a, b]) => a * a + b * b > 0, "A direction cannot be zero."),
  }),
  z.strictObject({ type: z.literal(C.finish) }),
  z.strictObject({
    type: z.literal(C.raceCreate),
    nickname: Nickname,
    play: Play,
    ghosts: z.array(GhostKind).max(3).default([]),
    device: Secret.optional(),
    /** The code the page proposes for the new room (its socket is routed by it); the server picks one if absent. */
    code: JoinCode.optional(),
  }),
  z.strictObject({ type: z.literal(C.classCreate), code: JoinCode.optional() }),
  z.strictObject({
    type: z.literal(C.join),
    code: JoinCode,
    nickname: Nickname,
    /** A random id the browser keeps, so a removed student stays out after a refresh. */
    device: Secret.optional(),
  }),
  z.strictObject({ type: z.literal(C.resume), code: JoinCode, token: Secret }),
  z.strictObject({ type: z.literal(C.leave) }),
  z.strictObject({ type: z.literal(C.hostClaim), code: JoinCode, hostSecret: Secret }),
  z.strictObject({ type: z.literal(C.hostSetup), rules: RoundRules, ghosts: z.array(GhostKind).max(3).default([]) }),
  z.strictObject({ type: z.literal(C.hostStart) }),
  z.strictObject({ type: z.literal(C.hostPause) }),
  z.strictObject({ type: z.literal(C.hostResume) }),
  z.strictObject({ type: z.literal(C.hostReveal) }),
  z.strictObject({ type: z.literal(C.hostEnd) }),
  z.strictObject({ type: z.literal(C.hostKick), playerId: z.string().min(1).max(64) }),
  /** Lets a removed student back in (their token, browser id and address are no longer barred). */
  z.strictObject({ type: z.literal(C.hostReadmit), playerId: z.string().min(1).max(64) }),
  /** Gives a student another nickname (checked like any nickname). */
  z.strictObject({ type: z.literal(C.hostRename), playerId: z.string().min(1).max(64), nickname: Nickname }),
  z.strictObject({ type: z.literal(C.hostExport) }),
  /** Sets a round as homework: these rules (its seed fixes the start and map) until the deadline (epoch ms). */
  z.strictObject({ type: z.literal(C.hostAssign), rules: RoundRules, deadline: finite.positive() }),
  /** The host asks for a homework's results so far (its walks on the map, the debrief). */
  z.strictObject({ type: z.literal(C.hostHomework), id: HomeworkId }),
  /** After the reveal: gradient descent from the round's start with this step size and momentum, drawn on the map. */
  z.strictObject({
    type: z.literal(C.replay),
    lr: finite.positive("The step size must be positive.").max(1e6, "That step size is absurdly large."),
    beta: z.number().min(0, "Momentum cannot be negative.").max(0.99, "Momentum is at most 0.99."),
  }),
  /**
   * Turn the map (where the round's rules allow it): a fresh slice through where the walker stands,
   * keeping `dir` (the walker's aim, in map units; default the last step's heading) as its x axis.
   */
  z.strictObject({
    type: z.literal(C.turn),
    dir: z.tuple([finite.min(-1e6).max(1e6), finite.min(-1e6).max(1e6)]).refine(([a, b]) => a * a + b * b > 0, "A direction cannot be zero.").optional(),
  }),
  /** A student starts a homework's walk (once: the first walk that ends is handed in). */
  z.strictObject({
    type: z.literal(C.homeworkStart),
    id: HomeworkId,
    nickname: Nickname,
    device: Secret.optional(),
    /** The code the page chose for the walk's room (its socket is routed by it). */
    code: JoinCode.optional(),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
/** A client message of one type. */
export type ClientMsgOf<T extends ClientMessage["type"]> = Extract<ClientMessage, { type: T }>;

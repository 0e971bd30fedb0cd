// Building blocks shared by the client and server message schemas.
import { z } from "zod";

/** A finite number (NaN and ±Infinity are refused by zod's number already; this names intent). */
export const finite = z.number().finite();

/** A nickname: 1–20 visible characters, trimmed; the profanity filter runs on the server. */
export const Nickname = z
  .string()
  .trim()
  .min(1, "Pick a nickname.")
  .max(20, "Nicknames are at most 20 characters.")
  .regex(/^[\p{L}\p{N} _.\-']+$/u, "Nicknames use letters, digits, spaces and _ . - ' only.");

/** A 6-character join code (no 0/O/1/I to keep it readable on a projector). */
export const JoinCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{6}$/, "A join code is 6 letters and digits, like K7QX2M.");

/** A landscape id from the catalog (checked against the catalog by the server). */
export const LANDSCAPE_ID_PATTERN = /^[a-z0-9-]{1,40}$/;
export const LandscapeId = z.string().regex(LANDSCAPE_ID_PATTERN, "That is not a landscape id.");

/** A seed for a round's start point and minibatches. */
export const Seed = z.number().int().min(0).max(2_147_483_647);

/** An opaque secret (reconnection token or host secret): 16–64 url-safe characters. */
export const Secret = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "That token is not valid.");

/** Fewest and most steps a round's budget allows. */
export const MIN_BUDGET = 3;
export const MAX_BUDGET = 500;

/** Rules of one round, chosen in setup (solo), by the race creator, or by the teacher. */
export const RoundRules = z.strictObject({
  landscapeId: LandscapeId,
  /** Step budget. */
  budget: z.number().int().min(MIN_BUDGET, `A round needs at least ${MIN_BUDGET} steps.`).max(MAX_BUDGET, `At most ${MAX_BUDGET} steps.`),
  /** Minibatch size; 0 means the full dataset (the true slope). */
  batch: z.number().int().min(0).max(100_000),
  /** Seconds on the clock; 0 means no clock. */
  timeLimitSec: z.number().int().min(0).max(3600).default(0),
  /** Seed of the start point and the minibatches. */
  seed: Seed.optional(),
  /** Whether players see each other's footprints and positions during the round. */
  showOthers: z.boolean().default(false),
  /**
   * Compute pricing: the budget is this many passes over the dataset, and a step costs the samples
   * it reads (a minibatch of b of N samples costs b/N of a pass), so the step budget follows from
   * the batch: a few exact steps or many noisy ones, as in real training. Absent: a budget of steps.
   */
  passes: z.number().int().min(1, "A compute budget is at least one pass over the data.").max(100, "At most 100 passes.").optional(),
  /**
   * "probe": no backprop. The slope is not given; the walker feels the altitude a short way off in
   * one direction at a time, each feeling a forward pass from the budget, as finite differences
   * cost. Absent: the slope is felt (backprop).
   */
  slope: z.enum(["backprop", "probe"]).optional(),
  /**
   * Turns of the map each walker may take (each costs steps): a fresh 2-D slice through where the
   * walker stands. Absent or 0: the map never turns.
   */
  turns: z.number().int().min(0).max(3, "At most 3 turns of the map per round.").optional(),
  /**
   * Teams ("be the cluster"): players are grouped into teams of this many; each member feels the
   * slope on their own minibatch and the team moves by the mean of its members' proposed steps
   * (data-parallel SGD). A lone walker gets ghost teammates. Absent: everyone walks alone.
   */
  teamSize: z.number().int().min(2, "A team has at least 2 members.").max(8, "A team has at most 8 members.").optional(),
});
export type RoundRules = z.infer<typeof RoundRules>;

/** The optimizers that can walk as ghosts. */
export const GhostKind = z.enum(["gd", "momentum", "adam"]);
export type GhostKind = z.infer<typeof GhostKind>;

/** One felt footprint: where a walker stood and what it felt there. */
export const Footprint = z.object({
  x: finite,
  y: finite,
  /** Altitude (loss); null where it was not finite (diverged). */
  loss: finite.nullable(),
  grad: z.tuple([finite, finite]),
});
export type Footprint = z.infer<typeof Footprint>;

/**
 * A picture of the network's decision regions at one spot (2-D datasets only): `cells` is base64
 * of size² bytes, row-major from the input plane's low y, each the predicted class · 16 + a
 * confidence level 0…15 (0: a toss-up, 15: certain); `points` is base64 of the data points, three
 * bytes each (column and row in the picture's square, 0…255, then the class).
 */
export const RegionsPicture = z.object({
  size: z.number().int().min(2).max(256),
  classes: z.number().int().min(2).max(16),
  cells: z.string().max(90_000),
  points: z.string().max(200_000),
});
export type RegionsPicture = z.infer<typeof RegionsPicture>;

/**
 * What the network gets right where a walker stands (felt there, like the altitude: nothing of the
 * map). `correct` of `of` samples (the step's minibatch, or the whole dataset) have the network's
 * answer right; `chance` is the share a constant answer gets (the most common class).
 */
export const Sight = z.object({
  correct: z.number().int().min(0),
  of: z.number().int().min(1),
  chance: z.number().min(0).max(1),
  regions: RegionsPicture.nullable(),
});
export type Sight = z.infer<typeof Sight>;

/** One moment of a walk the reveal shows the network at: its start, its worst stall, its end. */
export const Moment = z.object({
  kind: z.enum(["start", "stall", "end"]),
  /** The footprint's index (0: the start); for a stall, read at its middle. */
  step: z.number().int().min(0),
  /** A stall's first and last footprints. */
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  /** The true (full-batch) loss there; null where it was not finite. */
  loss: finite.nullable(),
  sight: Sight,
});
export type Moment = z.infer<typeof Moment>;

/**
 * How a walk ended or is going: done ("I'm done"), spent (the budget), left (a step landed off the
 * map, where the loss is still a number), diverged (the loss there exploded: not finite, or more
 * than ten times the map's highest).
 */
export const WalkStatus = z.enum(["waiting", "walking", "done", "diverged", "left", "spent"]);
export type WalkStatus = z.infer<typeof WalkStatus>;

/** The debrief's verdict on one path, from where and how it ended. */
export const Outcome = z.enum(["valley", "local_minimum", "saddle", "plateau", "crawled", "descended", "climbed", "left_map", "diverged", "idle"]);
export type Outcome = z.infer<typeof Outcome>;

/**
 * Who ended a round: every walk ended by itself (budget spent or "I'm done"), the clock, the host
 * (a teacher's early reveal), or a race's winner reaching the valley.
 */
export const RoundEnd = z.discriminatedUnion("by", [
  z.object({ by: z.literal("walks") }),
  z.object({ by: z.literal("clock") }),
  z.object({ by: z.literal("host") }),
  z.object({ by: z.literal("winner"), playerId: z.string(), nickname: z.string(), steps: z.number().int() }),
]);
export type RoundEnd = z.infer<typeof RoundEnd>;

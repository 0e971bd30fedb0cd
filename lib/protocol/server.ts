// Every message the server sends, as one discriminated union. Until a round's reveal nothing in
// here carries weights, directions or grid values to a player: only what that player felt, the
// catalog's public info, and (when a room's rules say so) classmates' footprints.
import { z } from "zod";
import { finite, Footprint, GhostKind, Moment, Outcome, RoundEnd, RoundRules, Sight, WalkStatus } from "./common";
import { ErrorCode } from "./errors";

/** Names of server → client messages. */
export const S = {
  welcome: "welcome",
  error: "error",
  room: "room",
  felt: "felt",
  probed: "probed",
  sight: "sight",
  standings: "standings",
  live: "live",
  map: "map",
  reveal: "reveal",
  result: "result",
  exported: "exported",
  kicked: "kicked",
  notice: "notice",
  preparing: "preparing",
  homeworks: "homeworks",
  replayed: "replayed",
  homeworkResults: "homeworkResults",
  turned: "turned",
  team: "team",
} as const;

/** The public face of a landscape: what the catalog tells anyone. */
export const LandscapePublic = z.object({
  id: z.string(),
  name: z.string(),
  lesson: z.string(),
  difficulty: z.number().int(),
  dataset: z.object({ name: z.string(), title: z.string(), credit: z.string(), samples: z.number(), features: z.number() }),
  architecture: z.string(),
  /** Weights and biases: the map is a 2-D slice through this many dimensions. */
  params: z.number(),
  /** The loss of a network that ignores its input (ln C on C balanced classes). */
  chance: finite,
  extent: z.object({ x: z.tuple([finite, finite]), y: z.tuple([finite, finite]) }),
  lr: z.object({ min: finite, max: finite, suggested: finite }),
  defaultBudget: z.number().int(),
});
export type LandscapePublic = z.infer<typeof LandscapePublic>;

/** A landscape's altitude scale (lib/game/altitude.ts): secret until the reveal, since it says how low the valley is. */
export const Scale = z.object({ min: finite, chance: finite, max: finite });

/** A walker's state on the projector (lib/game/live.ts), judged by the server. */
export const LiveState = z.enum(["waiting", "walking", "crawling", "valley", "left", "diverged", "done"]);

/** One seat in a room as others see it. */
export const RosterEntry = z.object({
  playerId: z.string(),
  nickname: z.string(),
  connected: z.boolean(),
  ghost: GhostKind.nullable(),
  status: WalkStatus,
  steps: z.number().int(),
  /** Current altitude; shown in race standings and to the host. */
  loss: finite.nullable(),
  /** Cumulative score over the session's rounds. */
  total: z.number().int(),
  /** The projector's verdict during a round (the host's view only; null for everyone else). */
  live: LiveState.nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

/** The room's phase. */
export const Phase = z.enum(["lobby", "countdown", "running", "paused", "revealed", "ended"]);
export type Phase = z.infer<typeof Phase>;

/** A team as everyone may see it (its members and colour; nothing felt): on the projector and each member's walk. */
export const TeamPublic = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  /** key: the seat's id, or "mate-n" for a lone walker's ghost teammate (playerId null). */
  members: z.array(z.object({ key: z.string(), playerId: z.string().nullable(), nickname: z.string() })),
});
export type TeamPublic = z.infer<typeof TeamPublic>;

/** A team's tick after the reveal: where it stood, each member's proposed landing (the noise), and where the mean took it. */
export const RevealedTick = z.object({
  k: z.number().int(),
  from: z.tuple([finite, finite]),
  proposals: z.array(z.object({ key: z.string(), to: z.tuple([finite, finite]) })),
  to: z.tuple([finite, finite]),
});

/** A team at the reveal: its ticks and how much averaging cut the noise (angles from the true downhill, degrees). */
export const RevealedTeam = TeamPublic.extend({
  ticks: z.array(RevealedTick),
  noise: z.object({ ticks: z.number().int(), meanProposals: finite, memberAngle: finite, teamAngle: finite, memberError: finite, teamError: finite }).nullable(),
});
export type RevealedTeam = z.infer<typeof RevealedTeam>;

/** A room as one recipient sees it. */
export const RoomView = z.object({
  roomId: z.string(),
  kind: z.enum(["solo", "race", "class"]),
  code: z.string().nullable(),
  phase: Phase,
  serverNow: z.number(),
  you: z.object({
    playerId: z.string().nullable(),
    nickname: z.string().nullable(),
    role: z.enum(["host", "player"]),
    /** Reconnection token for this seat (players) or the host secret (hosts). */
    token: z.string(),
  }),
  round: z
    .object({
      no: z.number().int(),
      rules: RoundRules,
      landscape: LandscapePublic,
      start: z.tuple([finite, finite]),
      startLoss: finite,
      startGrad: z.tuple([finite, finite]),
      /** Server epoch ms when the countdown ends / the clock runs out (null: no clock). */
      startsAt: z.number().nullable(),
      endsAt: z.number().nullable(),
      /** While paused: how much of the clock is left, ms (null: no clock, or not paused). */
      remainingMs: z.number().nullable(),
      ghosts: z.array(GhostKind),
      /** Ranked: the landscape's fixed rules and a server-drawn seed; the result goes to the leaderboard. */
      ranked: z.boolean(),
      /** The round's teams (rules.teamSize), formed by the server at the round's start; absent without teams. */
      teams: z.array(TeamPublic).optional(),
    })
    .nullable(),
  /** The recipient's own walk in this round. */
  walk: z
    .object({
      status: WalkStatus,
      path: z.array(Footprint),
      stepsLeft: z.number().int(),
      /** A round without backprop: the walker's feelings around (at: the footprint's index). */
      probes: z.array(z.object({ at: z.number().int(), dir: z.tuple([finite, finite]), loss: finite, turns: z.number().int().optional() })).optional(),
      /** The walker's turns of the map: the footprint turned at, and where they stand after it (the new slice's origin). */
      turns: z.array(z.object({ index: z.number().int(), at: Footprint })).optional(),
    })
    .nullable(),
  roster: z.array(RosterEntry),
  /** Students the host removed (the host's view only; empty for everyone else). */
  removed: z.array(z.object({ playerId: z.string(), nickname: z.string() })),
  /** Rounds played so far in this room. */
  roundsPlayed: z.number().int(),
});
export type RoomView = z.infer<typeof RoomView>;

/** One path on the revealed map. */
export const RevealedPath = z.object({
  playerId: z.string(),
  nickname: z.string(),
  ghost: GhostKind.nullable(),
  footprints: z.array(Footprint),
  outcome: Outcome,
  score: z.number().int(),
  finalLoss: finite.nullable(),
  /** Times this walker turned the map: its footprints here are those on the round's own slice, up to the first turn. */
  turns: z.number().int().optional(),
});
export type RevealedPath = z.infer<typeof RevealedPath>;

/** The loss grid, Float32 little-endian values base64-encoded, row-major, y grows with row. */
export const WireGrid = z.object({
  size: z.number().int(),
  extent: LandscapePublic.shape.extent,
  values: z.string(),
  min: z.object({ x: finite, y: finite, loss: finite }),
  max: finite,
});
export type WireGrid = z.infer<typeof WireGrid>;

/** A lesson the debrief draws from the paths, pointing at the path that shows it. */
export const DebriefNote = z.object({
  kind: z.enum(["summary", "end", "valley", "saddle", "plateau", "local_minimum", "floor", "overshoot", "noise", "left_map", "diverged", "crawl", "valleys", "ghost", "schedule", "momentum", "replay", "compute", "probe", "turn", "team"]),
  text: z.string(),
  playerId: z.string().nullable(),
});
export type DebriefNote = z.infer<typeof DebriefNote>;

/** A slice a walker turned onto, revealed: its map (the walker's origin at its centre) and the footprints walked on it. */
export const VisitedSlice = z.object({
  /** 2 for the first turn's slice, and so on (1 is the round's own map). */
  no: z.number().int(),
  /** The footprint of the walk where the walker turned onto it (its step number). */
  fromStep: z.number().int(),
  grid: WireGrid,
  footprints: z.array(Footprint),
});
export type VisitedSlice = z.infer<typeof VisitedSlice>;

/** Every server → client message. */
export const ServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal(S.welcome), protocol: z.number().int(), serverNow: z.number() }),
  z.object({ type: z.literal(S.error), code: ErrorCode, message: z.string(), ref: z.string().nullable() }),
  z.object({ type: z.literal(S.room), view: RoomView }),
  z.object({
    type: z.literal(S.felt),
    seq: z.number().int(),
    at: Footprint,
    lr: finite,
    status: WalkStatus,
    stepsLeft: z.number().int(),
  }),
  /** A feeling around (no backprop): from footprint `at`, `h` along the unit `dir`, the loss found. */
  z.object({
    type: z.literal(S.probed),
    at: z.number().int(),
    dir: z.tuple([finite, finite]),
    h: finite,
    loss: finite,
    status: WalkStatus,
    stepsLeft: z.number().int(),
  }),
  /**
   * What the network at the walker's spot gets right (after the start and after each felt step,
   * `seq` being the footprint's index): felt locally, like the altitude.
   */
  z.object({ type: z.literal(S.sight), round: z.number().int(), seq: z.number().int().min(0), sight: Sight }),
  z.object({ type: z.literal(S.standings), rows: z.array(RosterEntry.extend({ at: Footprint.nullable() })) }),
  z.object({ type: z.literal(S.live), paths: z.record(z.string(), z.array(Footprint)) }),
  z.object({ type: z.literal(S.map), round: z.number().int(), grid: WireGrid, scale: Scale }),
  z.object({
    type: z.literal(S.reveal),
    round: z.number().int(),
    /** The map in the round's coordinates (turned like the round), coloured on `scale`. */
    grid: WireGrid,
    scale: Scale,
    /** Who ended the round. */
    ended: RoundEnd,
    paths: z.array(RevealedPath),
    /** Notes about the room (solo: about your walk and the ghost's). */
    debrief: z.array(DebriefNote),
    /** A team round's teams: every proposal against the averaged move. */
    teams: z.array(RevealedTeam).optional(),
  }),
  z.object({
    type: z.literal(S.result),
    round: z.number().int(),
    score: z.number().int(),
    outcome: Outcome,
    finalLoss: finite.nullable(),
    /** Notes about this walker's own walk. */
    notes: z.array(DebriefNote),
    /** Whether the round was ranked (only ranked rounds reach the leaderboard). */
    ranked: z.boolean(),
    /** The player's leaderboard entry (their best on this board), for the leaderboard page's "you" row. */
    scoreId: z.string().nullable(),
    rank: z.number().int().nullable(),
    of: z.number().int().nullable(),
    /** Whether this round beat the player's previous best on the board. */
    best: z.boolean(),
    /** The network at the walk's start, its worst stall and its end (absent where none could be measured). */
    moments: z.array(Moment).optional(),
    /** The slices this walker turned onto (the round's own map is the reveal's), revealed. */
    slices: z.array(VisitedSlice).optional(),
  }),
  /** The walker turned the map: they stand at the new slice's origin (same weights, same altitude; a new slope). */
  z.object({
    type: z.literal(S.turned),
    /** The slice they now walk: 2 after the first turn. */
    slice: z.number().int(),
    /** The footprint they turned at (its index in the walk). */
    index: z.number().int(),
    at: Footprint,
    status: WalkStatus,
    stepsLeft: z.number().int(),
  }),
  z.object({ type: z.literal(S.exported), filename: z.string(), csv: z.string() }),
  z.object({ type: z.literal(S.kicked), message: z.string() }),
  /**
   * Something a connected page should say: the server is restarting (a deploy) and will be back, or
   * this room is moving to another node of the cluster; either way the page reconnects by itself.
   */
  z.object({ type: z.literal(S.notice), kind: z.enum(["restarting", "moving"]), message: z.string() }),
  /** A replay's path (after the reveal): gradient descent with the asked step size and momentum from the round's start. */
  z.object({
    type: z.literal(S.replayed),
    lr: finite,
    beta: z.number(),
    footprints: z.array(Footprint),
    steps: z.number().int(),
    status: WalkStatus,
    finalLoss: finite.nullable(),
  }),
  /** A class's homework (the host's view): each assignment, its deadline and how many walks are in. */
  z.object({
    type: z.literal(S.homeworks),
    items: z.array(z.object({
      id: z.string(), landscapeId: z.string(), landscapeName: z.string(), budget: z.number().int(), batch: z.number().int(),
      deadline: z.number(), walks: z.number().int(),
    })),
  }),
  /** A homework's results so far (the host's view): its map with every walk handed in, and the class's debrief. */
  z.object({
    type: z.literal(S.homeworkResults),
    id: z.string(),
    grid: WireGrid,
    scale: Scale,
    paths: z.array(RevealedPath),
    debrief: z.array(DebriefNote),
  }),
  /**
   * A team member's team during a tick (to its members only): which members have proposed for the
   * open tick (not what they proposed), and when the tick closes at the latest (null: not open).
   */
  z.object({ type: z.literal(S.team), teamId: z.string(), tick: z.number().int(), proposed: z.array(z.string()), closesAt: z.number().nullable() }),
  /** The next round's landscape is being built (trained and mapped: seconds, the first time on a server): how far, 0…1. */
  z.object({ type: z.literal(S.preparing), landscapeId: z.string(), fraction: z.number().min(0).max(1), label: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
/** A server message of one type. */
export type ServerMsgOf<T extends ServerMessage["type"]> = Extract<ServerMessage, { type: T }>;

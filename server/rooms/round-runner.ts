// The authoritative loop of a room's rounds: start (countdown, go), steps, ghosts, pause, the
// clock, and the reveal. It owns the room's timers; the state it changes is the room's.
import { canStep, finishWalk, here, proposeStep, recordStep, stepsLeft, stepsTaken } from "../../lib/game/walk";
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { Footprint, RoundEnd } from "../../lib/protocol/common";
import { inValley } from "../../lib/game/altitude";
import { currentTrueLoss } from "../../lib/game/live";
import type { Room, StepIntent } from "./room";
import { POLICY } from "./policy";
import { frameOf, ghostLr, prepareRound, roundSeed } from "./round-setup";
import { computeReveal, explosionLevel, wireGrid } from "./reveal";
import { measureLanding, type StepMeasure } from "./measure";
import { optimizerStep } from "../../lib/game/optimizer";
import type { RoundState } from "./state";
import { finishReveal } from "./reveal-store";
import { seatList } from "./state";
import { standings } from "./views";

/** How often a ghost takes a step during a live round, ms. */
export const GHOST_STEP_MS = 600;
/** How often live paths and standings are flushed to hosts and racers, ms. */
export const FLUSH_MS = 250;

/** Runs the rounds of one room. */
export class RoundRunner {
  /** True while a round is being prepared or revealed: host commands wait. */
  busy = false;
  private readonly timers = new Set<unknown>();
  private readonly inFlight = new Set<string>();
  private live: Record<string, Footprint[]> = {};
  private flushTimer: unknown = null;
  private standingsDirty = false;
  private pausedRemainingMs: number | null = null;

  constructor(private readonly room: Room) {}

  private get s() { return this.room.state; }
  private get deps() { return this.room.deps; }

  /** Host (or solo start): prepares the round with the configured rules and starts the countdown. */
  async start(): Promise<GameError | null> {
    if (this.busy) return gameError("wrong_phase", "Wait a moment: the round is being prepared or revealed.");
    const rules = this.s.nextRules;
    if (!rules) return gameError("wrong_phase", "Choose a landscape and rules before starting a round.");
    if (this.s.phase !== "lobby" && this.s.phase !== "revealed") return gameError("wrong_phase", "A round can start only from the lobby or after a reveal.");
    const walkers = seatList(this.s).filter((x) => x.ghost || x.connected);
    if (!walkers.some((x) => !x.ghost)) return gameError("wrong_phase", "Nobody has joined yet: a round needs at least one player.");
    this.busy = true;
    try {
      const no = this.s.roundsPlayed + 1;
      const round = await prepareRound(this.deps, no, { ...rules, seed: roundSeed(this.deps, rules, no) }, this.s.nextGhosts, walkers);
      const err = this.room.transition("start");
      if (err) return err;
      this.s.round = round;
      this.s.roundsPlayed = no;
      this.live = {};
      const delay = POLICY[this.s.kind].countdownMs;
      round.startsAt = this.deps.clock.now() + delay;
      if (delay > 0) {
        this.room.broadcast();
        this.after(delay, () => this.go());
      } else this.go();
      this.deps.log.info({ room: this.s.id, round: no, landscape: round.landscape.id, players: walkers.length }, "round started");
      return null;
    } catch (e) {
      this.deps.log.error({ room: this.s.id, err: String(e) }, "round start failed");
      return gameError("server_error", "The landscape could not be prepared. Try again in a moment.");
    } finally {
      this.busy = false;
    }
  }

  /** The countdown is over: walking starts, the clock and ghosts run, the host gets the map. */
  private go(): void {
    const round = this.s.round;
    if (!round || this.room.transition("go")) return;
    const limit = round.rules.timeLimitSec;
    round.endsAt = limit > 0 ? this.deps.clock.now() + limit * 1000 : null;
    if (round.endsAt !== null) this.after(limit * 1000, () => void this.reveal({ by: "clock" }));
    if (Object.keys(round.ghostStates).length) this.after(GHOST_STEP_MS, () => void this.ghostTick());
    if (POLICY[this.s.kind].hostSeesMap) void this.sendMapToHost(round.no);
    this.room.broadcast();
  }

  private async sendMapToHost(no: number): Promise<void> {
    const round = this.s.round;
    if (!round) return;
    const grid = wireGrid(await this.deps.landscapes.field(round.landscape.id), round.landscape, frameOf(round));
    if (this.s.round?.no === no) this.deps.outbox.toHost(this.s.id, { type: "map", round: no, grid, scale: round.scale });
  }

  /** A host who (re)claims a running class gets the map and every path so far. */
  async resendMap(): Promise<void> {
    const round = this.s.round;
    if (!round || !POLICY[this.s.kind].hostSeesMap) return;
    if (this.s.phase !== "running" && this.s.phase !== "paused") return;
    await this.sendMapToHost(round.no);
    const paths: Record<string, Footprint[]> = {};
    for (const [id, walk] of Object.entries(round.walks)) paths[id] = walk.path;
    this.deps.outbox.toHost(this.s.id, { type: "live", paths });
  }

  /** Host: pauses the round and its clock. */
  pause(): GameError | null {
    const round = this.s.round;
    const err = this.room.transition("pause");
    if (err) return err;
    if (round?.endsAt != null) this.pausedRemainingMs = Math.max(0, round.endsAt - this.deps.clock.now());
    this.cancelTimers();
    this.room.broadcast();
    return null;
  }

  /** Host: resumes a paused round; the clock goes on from where it stopped. */
  resume(): GameError | null {
    const round = this.s.round;
    const err = this.room.transition("resume");
    if (err) return err;
    if (round && this.pausedRemainingMs !== null) {
      round.endsAt = this.deps.clock.now() + this.pausedRemainingMs;
      this.after(this.pausedRemainingMs, () => void this.reveal({ by: "clock" }));
    }
    this.pausedRemainingMs = null;
    if (round && Object.keys(round.ghostStates).length) this.after(GHOST_STEP_MS, () => void this.ghostTick());
    this.room.broadcast();
    return null;
  }

  /** A player's step intent: checked, resolved by the training core, recorded, answered. */
  async step(seatId: string, msg: StepIntent): Promise<GameError | null> {
    const round = this.s.round;
    const walk = round?.walks[seatId];
    if (this.s.phase === "countdown") return gameError("wrong_phase", "The round has not started yet: wait for the countdown.");
    if (this.s.phase === "paused") return gameError("wrong_phase", "The round is paused.");
    if (!round || this.s.phase !== "running") return gameError("round_over", "There is no round running: this round is over.");
    if (!walk) return gameError("wrong_phase", "You joined during this round: you will walk from the next one.");
    if (walk.status === "spent" || (walk.status === "walking" && stepsLeft(walk) === 0)) return gameError("budget_spent", `You have used all ${walk.budget} steps.`);
    if (!canStep(walk)) return gameError("round_over", "Your walk in this round has ended.");
    if (this.inFlight.has(seatId)) return gameError("step_in_flight", "Wait for your last step to land before taking the next.");
    const expected = stepsTaken(walk) + 1;
    if (msg.seq !== expected) return gameError("out_of_order", `That was step ${msg.seq}, but your next step is number ${expected}.`);
    const lr = round.landscape.lr;
    // The slider's log scale can land a hair outside the range through rounding: allow 1e-9.
    if (!(msg.lr >= lr.min * (1 - 1e-9) && msg.lr <= lr.max * (1 + 1e-9))) {
      return gameError("bad_step", `On ${round.landscape.name} the step size goes from ${lr.min} to ${lr.max}; ${msg.lr.toPrecision(3)} is outside that range.`);
    }
    this.inFlight.add(seatId);
    try {
      const target = proposeStep(here(walk), msg.dir, msg.lr);
      const landing = await measureLanding(this.deps.landscapes, this.stepMeasure(round), target, expected);
      if (this.s.round !== round || (this.s.phase !== "running" && this.s.phase !== "paused")) return gameError("round_over", "The round ended before your step landed.");
      // Removed while the step was in flight: the removal is final, the step is dropped.
      if (!this.s.seats[seatId] || !round.walks[seatId]) return gameError("kicked", "The host removed you from this room.");
      const next = recordStep(round.walks[seatId]!, target, msg.lr, landing);
      round.walks[seatId] = next;
      this.room.touch();
      this.deps.outbox.toSeat(this.s.id, seatId, { type: "felt", seq: msg.seq, at: here(next), lr: msg.lr, status: next.status, stepsLeft: stepsLeft(next) });
      this.afterStep(seatId, here(next));
      return null;
    } catch (e) {
      this.deps.log.warn({ room: this.s.id, player: seatId, err: String(e) }, "step failed");
      return gameError("server_error", "The training core could not resolve that step; nothing changed. Try again.");
    } finally {
      this.inFlight.delete(seatId);
    }
  }

  /** A player ends their walk ("I'm done"). */
  finish(seatId: string): GameError | null {
    const walk = this.s.round?.walks[seatId];
    if (!walk || (this.s.phase !== "running" && this.s.phase !== "paused")) return gameError("round_over", "There is no walk of yours to finish.");
    if (this.inFlight.has(seatId)) return gameError("step_in_flight", "Wait for your last step to land first.");
    this.s.round!.walks[seatId] = finishWalk(walk);
    this.afterStep(seatId, null);
    return null;
  }

  /** After a walk changed: live paths to the host, standings to racers, and end-of-round checks. */
  private afterStep(seatId: string, at: Footprint | null): void {
    if (at) (this.live[seatId] ??= []).push(at);
    this.standingsDirty = true;
    this.scheduleFlush();
    const round = this.s.round!;
    const walk = round.walks[seatId];
    // The first *player* in the valley wins the race; a ghost getting there first ends nothing
    // (the debrief says how it went), or racing the algorithms would be over in one step.
    const isGhost = this.s.seats[seatId]?.ghost != null;
    if (POLICY[this.s.kind].firstToValleyWins && !isGhost && walk && (walk.status === "walking" || walk.status === "spent" || walk.status === "done")) {
      if (inValley(round.scale, currentTrueLoss(walk))) {
        this.deps.log.info({ room: this.s.id, player: seatId }, "reached the valley first");
        void this.reveal({ by: "winner", playerId: seatId, nickname: this.s.seats[seatId]?.nickname ?? "?", steps: stepsTaken(walk) });
        return;
      }
    }
    this.checkAllEnded();
  }

  /** Drops what the runner buffers for a seat (a removed student's live path never reaches the projector again). */
  forget(seatId: string): void {
    delete this.live[seatId];
    this.inFlight.delete(seatId);
  }

  /** Reveals when every human walk has ended, where the room's rules say so. */
  checkAllEnded(): void {
    const round = this.s.round;
    if (!round || this.s.phase !== "running" || !POLICY[this.s.kind].revealWhenAllEnded) return;
    const humans = seatList(this.s).filter((x) => !x.ghost && round.walks[x.id]);
    if (humans.length && humans.every((x) => !canStep(round.walks[x.id]!))) void this.reveal({ by: "walks" });
  }

  /** How this round's steps are measured (players' and ghosts' alike). */
  private stepMeasure(round: RoundState): StepMeasure {
    return { frame: frameOf(round), batch: round.rules.batch, seed: round.rules.seed, watchesTruth: POLICY[this.s.kind].watchesTruth, explodesAbove: explosionLevel(round.scale) };
  }

  /**
   * Each ghost takes one step, measured like a player's (its optimizer's update from the slope it
   * felt, step k's minibatch): a ghost costs what a player costs, and only as long as it walks.
   */
  private async ghostTick(): Promise<void> {
    const round = this.s.round;
    if (!round || this.s.phase !== "running") return;
    const walking = () => Object.keys(round.ghostStates).filter((id) => round.walks[id] && canStep(round.walks[id]!));
    await Promise.all(walking().map(async (seatId) => {
      const walk = round.walks[seatId]!;
      const kind = this.s.seats[seatId]?.ghost ?? "gd";
      const lr = ghostLr(kind, round.landscape);
      const at = here(walk);
      const { to, state } = optimizerStep(round.ghostStates[seatId]!, [at.x, at.y], at.grad, lr);
      try {
        const landing = await measureLanding(this.deps.landscapes, this.stepMeasure(round), to, stepsTaken(walk) + 1);
        if (this.s.round !== round || this.s.phase !== "running" || round.walks[seatId] !== walk) return;
        round.walks[seatId] = recordStep(walk, to, lr, landing);
        round.ghostStates[seatId] = state;
        this.afterStep(seatId, here(round.walks[seatId]!));
      } catch (e) {
        this.deps.log.warn({ room: this.s.id, ghost: seatId, err: String(e) }, "ghost step failed");
        round.walks[seatId] = finishWalk(walk);
      }
    }));
    if (this.s.round === round && this.s.phase === "running" && walking().length) this.after(GHOST_STEP_MS, () => void this.ghostTick());
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = this.after(FLUSH_MS, () => { this.flushTimer = null; this.flush(); });
  }

  /** Sends buffered live paths to the class host and standings to racers. */
  flush(): void {
    if (POLICY[this.s.kind].hostSeesMap && Object.keys(this.live).length) {
      this.deps.outbox.toHost(this.s.id, { type: "live", paths: this.live });
      this.room.sendHostView();
    }
    this.live = {};
    if (this.s.kind === "race" && this.standingsDirty) this.room.toAll({ type: "standings", rows: standings(this.s) });
    this.standingsDirty = false;
  }

  /** Ends the round (`end` says who ended it) and shows everything: map, paths, verdicts, scores, debrief. */
  async reveal(end: RoundEnd): Promise<GameError | null> {
    if (this.busy) return gameError("wrong_phase", "Wait a moment: the round is being prepared or revealed.");
    const err = this.room.transition("reveal");
    if (err) return err;
    this.busy = true;
    this.cancelTimers();
    this.flush();
    if (this.s.round) this.s.round.ended = end;
    try {
      await finishReveal(this.room, await computeReveal(this.deps, this.s, end));
      return null;
    } catch (e) {
      this.deps.log.error({ room: this.s.id, err: String(e) }, "reveal failed");
      this.room.toAll({ type: "error", code: "server_error", message: "The map could not be revealed; the host can try again.", ref: null });
      return gameError("server_error", "The map could not be revealed.");
    } finally {
      this.busy = false;
      this.room.broadcast();
    }
  }

  /** Schedules a room timer. */
  private after(ms: number, fn: () => void): unknown {
    const h = this.deps.clock.setTimeout(() => { this.timers.delete(h); fn(); }, ms);
    this.timers.add(h);
    return h;
  }

  /** Stops every timer of the room. */
  cancelTimers(): void {
    for (const h of this.timers) this.deps.clock.clearTimeout(h);
    this.timers.clear();
    this.flushTimer = null;
  }
}

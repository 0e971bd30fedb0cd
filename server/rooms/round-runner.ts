// The authoritative loop of a room's rounds: what is not a rule. It prepares a round (measuring the
// start), keeps the room's one clock (countdown, time limit, ghost ticks, live flushes), measures
// steps, and computes the reveal; every change it makes is an event the room commits. The rules
// (who may step, who won, when all walks have ended, a ghost's next step) are lib/game/room's.
import { gameError, type GameError } from "../../lib/protocol/errors";
import type { Footprint, RoundEnd } from "../../lib/protocol/common";
import type { ServerMessage } from "../../lib/protocol/server";
import { here, insideExtent, momentumStep, probePoint, stepsLeft, stepsTaken, turnHeading, type Walk } from "../../lib/game/walk";
import { directionToSlice, toSlice } from "../../lib/game/transform";
import type { TurnSpec } from "../../lib/landscape/reslice";
import { movingMembers, TEAM_TICK_MS, teamMove, teamOf, waitingFor, type Team } from "../../lib/game/teams";
import { isGameError } from "../../lib/game/phase";
import { POLICY } from "../../lib/game/room/policy";
import * as rules from "../../lib/game/room/rules";
import type { RoundState } from "../../lib/game/room/state";
import type { Room, StepIntent } from "./room";
import { frameOf, ghostLr, prepareRound, roundSeed } from "./round-setup";
import { computeReveal, explosionLevel, wireGrid, type RevealData } from "./reveal";
import { finishReveal } from "./reveal-store";
import { feelAt, measureLanding, sliceFrame, truthAt, turnedFrame, type StepMeasure } from "./measure";
import { sightAt } from "./sight";
import { batchOpts } from "./seeds";
import type { Accuracy } from "../../lib/landscape/types";
import { shownFootprint, standings } from "./views";
import { StaleOwnerError } from "./journal";
import { RoomElsewhereError } from "../cluster/ownership";

/** How often a ghost takes a step during a live round, ms. */
export const GHOST_STEP_MS = 600;
/** How often live paths and standings are flushed to hosts and racers, ms. */
export const FLUSH_MS = 250;

/** Runs the rounds of one room. */
export class RoundRunner {
  /** True while a round is being prepared or revealed: host commands and steps wait. */
  busy = false;
  private revealing = false;
  private readonly timers = new Set<unknown>();
  private readonly inFlight = new Set<string>();
  private live: Record<string, Footprint[]> = {};
  private flushTimer: unknown = null;
  private standingsDirty = false;
  /** Each team's open tick's timer (it closes the tick when a teammate never proposes), by team id. */
  private readonly teamTimers = new Map<string, { handle: unknown; closesAt: number }>();
  /** Teams whose tick is being measured: proposals wait for the move. */
  private readonly ticking = new Set<string>();
  /** The last reveal sent (a page that comes back after it is shown it again). */
  private lastReveal: { round: number; data: RevealData } | null = null;

  constructor(private readonly room: Room) {}

  private get s() { return this.room.state; }
  private get deps() { return this.room.deps; }

  /** Host (or solo start): prepares the round with the configured rules and starts the countdown. */
  async start(alsoTell?: (m: ServerMessage) => void): Promise<GameError | null> {
    if (this.busy) return gameError("wrong_phase", "Wait a moment: the round is being prepared or revealed.");
    const ok = rules.startCheck(this.s, this.room.connected);
    if (isGameError(ok)) return ok;
    this.busy = true;
    try {
      const no = this.s.roundsPlayed + 1;
      const round = await prepareRound(this.deps, no, { ...ok.rules, seed: roundSeed(this.deps, ok.rules, no) }, this.s.nextGhosts, ok.walkers, this.progressTo(ok.rules.landscapeId, alsoTell));
      const delay = POLICY[this.s.kind].countdownMs;
      round.startsAt = this.deps.clock.now() + delay;
      const err = await this.room.decide((s) => (s.phase === "lobby" || s.phase === "revealed" ? [{ at: this.deps.clock.now(), type: "roundStarted", round }] : gameError("wrong_phase", "A round can start only from the lobby or after a reveal.")));
      if (err) return err;
      this.live = {};
      this.lastReveal = null;
      if (delay > 0) {
        this.room.broadcast();
        this.after(delay, () => void this.go());
      } else await this.go();
      this.deps.log.info({ room: this.s.id, round: no, landscape: round.landscape.id, players: ok.walkers.length }, "round started");
      return null;
    } catch (e) {
      this.deps.log.error({ room: this.s.id, err: String(e) }, "round start failed");
      return gameError("server_error", "The landscape could not be prepared. Try again in a moment.");
    } finally {
      this.busy = false;
    }
  }

  /** The countdown is over: walking starts, the clock and ghosts run, the host gets the map. */
  private async go(): Promise<void> {
    const round = this.s.round;
    if (!round) return;
    const limit = round.rules.timeLimitSec;
    const endsAt = limit > 0 ? this.deps.clock.now() + limit * 1000 : null;
    const err = await this.room.decide((s) => (s.phase === "countdown" ? [{ at: this.deps.clock.now(), type: "roundRunning", endsAt }] : gameError("wrong_phase", "The countdown is not running.")));
    if (err) return;
    this.armClock();
    if (POLICY[this.s.kind].hostSeesMap) void this.sendMapToHost(round.no);
    this.room.broadcast();
    void this.sendSight(null);
  }

  /**
   * Tells walkers what the network gets right where they stand now (one seat, or every human
   * walker: they all start at one point, so one measurement serves them). A failure is logged:
   * the walk goes on without its picture.
   */
  async sendSight(seatId: string | null): Promise<void> {
    const round = this.s.round;
    if (!round || (this.s.phase !== "running" && this.s.phase !== "paused" && this.s.phase !== "countdown")) return;
    const seats = (seatId === null ? Object.keys(round.walks) : [seatId]).filter((id) => round.walks[id] && !this.s.seats[id]?.ghost);
    const groups = new Map<string, string[]>(); // by footprint index and place
    for (const id of seats) {
      const walk = round.walks[id]!;
      const seq = walk.path.length - 1;
      const at = here(walk);
      const key = `${seq}:${at.x}:${at.y}:${walk.turns?.length ?? 0}`; // a turned walk stands on its own slice
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    await Promise.all([...groups.values()].map(async (ids) => {
      const walk = round.walks[ids[0]!]!;
      const seq = walk.path.length - 1;
      const at = here(walk);
      try {
        const frame = walk.turns?.length ? sliceFrame(frameOf(round), walk, walk.turns.length) : frameOf(round);
        const sight = await sightAt(this.deps.landscapes, frame, [at.x, at.y], { ...batchOpts(round.rules.batch, round.rules.seed, seq), offMap: true });
        if (!sight || this.s.round !== round) return;
        for (const id of ids) this.deps.outbox.toSeat(this.s.id, id, { type: "sight", round: round.no, seq, sight });
      } catch (e) {
        this.deps.log.warn({ room: this.s.id, err: String(e) }, "sight failed");
      }
    }));
  }

  /**
   * Tells everyone in the room how far the landscape's build is, while a round waits for it (the
   * first use of a landscape on a server trains it): at most every 5 % or 250 ms.
   */
  private progressTo(landscapeId: string, alsoTell?: (m: ServerMessage) => void): (fraction: number, label: string) => void {
    let sent = -1;
    let at = 0;
    return (fraction, label) => {
      const now = this.deps.clock.now();
      if (fraction < 1 && fraction - sent < 0.05 && now - at < 250) return;
      sent = fraction;
      at = now;
      const msg = { type: "preparing" as const, landscapeId, fraction: Math.min(1, Math.max(0, fraction)), label };
      this.room.toAll(msg);
      this.deps.outbox.toHost(this.s.id, msg);
      alsoTell?.(msg);
    };
  }

  /** A restored room whose round goes on (a cluster's takeover): its clock and ghosts again. */
  carryOn(): void {
    this.armClock();
  }

  /** While a round runs: its time limit and its ghosts' ticks. */
  private armClock(): void {
    const round = this.s.round;
    if (!round || this.s.phase !== "running") return;
    if (round.endsAt !== null) this.after(Math.max(0, round.endsAt - this.deps.clock.now()), () => void this.reveal({ by: "clock" }));
    if (Object.keys(round.ghostStates).length) this.after(GHOST_STEP_MS, () => void this.ghostTick());
    for (const team of round.teams ?? []) if (Object.keys(team.pending).length) this.armTeamTick(team);
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
    for (const [id, walk] of Object.entries(round.walks)) paths[id] = walk.turns?.length ? walk.path.slice(0, walk.turns[0]!.index + 1) : walk.path;
    this.deps.outbox.toHost(this.s.id, { type: "live", paths });
  }

  /** Host: pauses the round and its clock. */
  async pause(): Promise<GameError | null> {
    const err = await this.room.decide((s) => rules.pause(s, this.deps.clock.now()));
    if (err) return err;
    this.cancelTimers();
    this.room.broadcast();
    return null;
  }

  /** Host: resumes a paused round; the clock goes on from where it stopped. */
  async resume(): Promise<GameError | null> {
    const err = await this.room.decide((s) => rules.resume(s, this.deps.clock.now()));
    if (err) return err;
    this.armClock();
    this.room.broadcast();
    return null;
  }

  /** How this round's steps are measured (players' and ghosts' alike); a walk that turned the map steps on its current slice. */
  private stepMeasure(round: RoundState, walk?: Walk): StepMeasure {
    const frame = walk?.turns?.length ? sliceFrame(frameOf(round), walk, walk.turns.length) : frameOf(round);
    return { frame, batch: round.rules.batch, seed: round.rules.seed, watchesTruth: POLICY[this.s.kind].watchesTruth, explodesAbove: explosionLevel(round.scale) };
  }

  /**
   * One walker's measured intent (a step, a feeling around, a turn): one at a time per walker; a
   * room that moves to another node is the gateway's to say; any other failure changes nothing and says so.
   */
  private async oneAtATime(seatId: string, what: string, busy: string, failed: string, run: () => Promise<GameError | null>): Promise<GameError | null> {
    if (this.inFlight.has(seatId)) return gameError("step_in_flight", busy);
    this.inFlight.add(seatId);
    try {
      return await run();
    } catch (e) {
      if (e instanceof RoomElsewhereError || e instanceof StaleOwnerError) throw e; // the gateway says the room moves
      this.deps.log.warn({ room: this.s.id, player: seatId, err: String(e) }, `${what} failed`);
      return gameError("server_error", failed);
    } finally {
      this.inFlight.delete(seatId);
    }
  }

  /**
   * A walker turns the map: a fresh slice through where they stand (lib/landscape/reslice.ts),
   * keeping their aim (or last heading) as its x axis. What is felt at its origin is measured on the
   * same minibatch as the footprint turned at (the same weights: the same altitude), committed, and
   * told to the walker alone; nothing of the new slice's map leaves the server before the reveal.
   */
  async turn(seatId: string, aim: [number, number] | null): Promise<GameError | null> {
    const round = this.s.round;
    if (this.revealing) return gameError("round_over", "The round is being revealed.");
    const walk = rules.turnCheck(this.s, seatId);
    if (isGameError(walk)) return walk;
    return this.oneAtATime(seatId, "turn", "Wait for your last step to land before turning the map.", "The training core could not turn the map; nothing changed. Try again.", async () => {
        const k = walk.turns?.length ?? 0;
        const base = frameOf(round!);
        const from = sliceFrame(base, walk, k);
        const at = here(walk);
        const spec: TurnSpec = {
          at: toSlice(from.map, [at.x, at.y]),
          heading: directionToSlice(from.map.turn, turnHeading(walk, aim)),
          seed: rules.turnSeed(round!.rules.seed, k),
        };
        const index = walk.path.length - 1;
        const next = turnedFrame(base, [...(from.turns ?? []), spec]);
        const ext = round!.map.extent;
        const centre: [number, number] = [(ext.x[0] + ext.x[1]) / 2, (ext.y[0] + ext.y[1]) / 2];
        const batch = round!.rules.batch;
        const [felt, truth] = await Promise.all([
          feelAt(this.deps.landscapes, next, centre, batchOpts(batch, round!.rules.seed, index)),
          batch > 0 && POLICY[this.s.kind].watchesTruth ? truthAt(this.deps.landscapes, next, centre) : null,
        ]);
        const origin = { x: centre[0], y: centre[1], loss: felt.loss, grad: felt.grad };
        const turn = { index, spec, origin, truth: batch === 0 ? { loss: felt.loss, grad: felt.grad } : truth };
        const staged = await this.room.exclusive(() => {
          if (this.s.round !== round || this.revealing) return gameError("round_over", "The round ended before the map turned.");
          if (!this.s.seats[seatId] || !round!.walks[seatId]) return gameError("kicked", "The host removed you from this room.");
          const again = rules.turnCheck(this.s, seatId);
          if (isGameError(again)) return again;
          if (again.path.length - 1 !== index) return gameError("out_of_order", "You stepped while the map was turning: turn again.");
          return { durable: this.room.stage([{ at: this.deps.clock.now(), type: "turned", seatId, turn }]) };
        });
        if (isGameError(staged)) return staged;
        await staged.durable;
        const now = round!.walks[seatId]!;
        this.deps.outbox.toSeat(this.s.id, seatId, { type: "turned", slice: now.turns!.length + 1, index, at: shownFootprint(this.s, here(now)), status: now.status, stepsLeft: stepsLeft(now) });
        this.deps.log.info({ room: this.s.id, player: seatId, turn: k + 1, loss: felt.loss }, "turned the map");
        this.standingsDirty = true;
        this.scheduleFlush();
        return null;
    });
  }

  /** A player's step intent: checked, measured by the training core, committed, answered. */
  async step(seatId: string, msg: StepIntent): Promise<GameError | null> {
    const round = this.s.round;
    if (this.revealing) return gameError("round_over", "The round is being revealed.");
    const done = round?.walks[seatId];
    // (A team member's step size is the team's mean: the number alone says the tick was taken.)
    if (done && msg.seq >= 1 && msg.seq === stepsTaken(done) && (done.lrs[msg.seq - 1] === msg.lr || teamOf(round?.teams, seatId))) {
      // The step was taken but its answer was lost (a dropped connection, a node that died after
      // committing it): the page sends it again with the same number, and gets the same answer.
      this.deps.outbox.toSeat(this.s.id, seatId, { type: "felt", seq: msg.seq, at: shownFootprint(this.s, done.path[msg.seq]!), lr: msg.lr, status: done.status, stepsLeft: stepsLeft(done) });
      void this.sendSight(seatId);
      return null;
    }
    const team = teamOf(round?.teams, seatId);
    if (team) return this.propose(seatId, team, msg);
    const walk = rules.stepCheck(this.s, seatId, msg.seq, msg.lr);
    if (isGameError(walk)) return walk;
    const slope = rules.stepSlope(round!, walk);
    if (isGameError(slope)) return slope;
    return this.oneAtATime(seatId, "step", "Wait for your last step to land before taking the next.", "The training core could not resolve that step; nothing changed. Try again.", async () => {
        const beta = msg.beta ?? 0;
        const target = momentumStep(walk, msg.dir, msg.lr, beta, slope);
        // What the network gets right there rides on the step's own probe; its picture is drawn meanwhile.
        let counted: (a: Accuracy | null) => void = () => {};
        const accuracy = new Promise<Accuracy | null>((resolve) => { counted = resolve; });
        const measure = this.stepMeasure(round!, walk); // after a turn of the map: on the walker's own slice
        const seeing = sightAt(this.deps.landscapes, measure.frame, target, { ...batchOpts(measure.batch, measure.seed, msg.seq), offMap: true }, accuracy)
          .catch((e: unknown) => { this.deps.log.warn({ room: this.s.id, player: seatId, err: String(e) }, "sight failed"); return null; });
        const landing = await measureLanding(this.deps.landscapes, measure, target, msg.seq, counted).finally(() => counted(null));
        const staged = await this.room.exclusive(() => {
          if (this.s.round !== round || this.revealing) return gameError("round_over", "The round ended before your step landed.");
          // Removed while the step was in flight: the removal is final, the step is dropped.
          if (!this.s.seats[seatId] || !round!.walks[seatId]) return gameError("kicked", "The host removed you from this room.");
          const again = rules.stepCheck(this.s, seatId, msg.seq, msg.lr);
          if (isGameError(again) && again.code !== "wrong_phase") return again;
          return { durable: this.room.stage([{ at: this.deps.clock.now(), type: "stepped", seatId, seq: msg.seq, target, lr: msg.lr, landing, ...(beta > 0 ? { beta } : {}) }]) };
        });
        if (isGameError(staged)) return staged;
        await staged.durable; // in the log before the walker hears of it
        const next = round!.walks[seatId]!;
        this.deps.outbox.toSeat(this.s.id, seatId, { type: "felt", seq: msg.seq, at: shownFootprint(this.s, here(next)), lr: msg.lr, status: next.status, stepsLeft: stepsLeft(next) });
        const sight = await seeing;
        if (sight && this.s.round === round) this.deps.outbox.toSeat(this.s.id, seatId, { type: "sight", round: round!.no, seq: msg.seq, sight });
        await this.afterStep(seatId, here(next));
        return null;
    });
  }

  /**
   * A feeling around (a round without backprop): the altitude a short way from where the walker
   * stands, along `dir`, on the same minibatch as its footprint (so the difference is the slope's,
   * not the batches'); one forward pass from the budget, committed before the walker hears it.
   */
  async probe(seatId: string, dir: readonly [number, number]): Promise<GameError | null> {
    const round = this.s.round;
    if (this.revealing) return gameError("round_over", "The round is being revealed.");
    const walk = rules.probeCheck(this.s, seatId);
    if (isGameError(walk)) return walk;
    return this.oneAtATime(seatId, "probe", "Wait for your last step or feeling to land first.", "The training core could not measure that; nothing changed. Try again.", async () => {
        const at = walk.path.length - 1;
        const { to, unit, h } = probePoint(here(walk), dir, rules.probeReach(round!));
        const m = this.stepMeasure(round!, walk); // after a turn of the map: on the walker's own slice
        const felt = await feelAt(this.deps.landscapes, m.frame, to, { ...(m.batch > 0 ? batchOpts(m.batch, m.seed, at) : {}), offMap: !insideExtent(m.frame.map.extent, to[0], to[1]) });
        if (!Number.isFinite(felt.loss)) return gameError("bad_step", "The ground that way cannot be measured (the loss is not finite there): try another direction. Nothing was spent.");
        const staged = await this.room.exclusive(() => {
          if (this.s.round !== round || this.revealing) return gameError("round_over", "The round ended before you could feel that.");
          if (!this.s.seats[seatId] || !round!.walks[seatId]) return gameError("kicked", "The host removed you from this room.");
          const again = rules.probeCheck(this.s, seatId);
          if (isGameError(again)) return again;
          if (again.path.length - 1 !== at) return gameError("out_of_order", "You moved before that feeling landed: feel again from here.");
          return { durable: this.room.stage([{ at: this.deps.clock.now(), type: "probed", seatId, dir: unit, loss: felt.loss }]) };
        });
        if (isGameError(staged)) return staged;
        await staged.durable;
        const next = round!.walks[seatId]!;
        this.deps.outbox.toSeat(this.s.id, seatId, { type: "probed", at, dir: unit, h, loss: felt.loss, status: next.status, stepsLeft: stepsLeft(next) });
        if (next.status !== "walking") await this.afterStep(seatId, null);
        return null;
    });
  }

  /** A player ends their walk ("I'm done"). */
  async finish(seatId: string): Promise<GameError | null> {
    if (this.inFlight.has(seatId)) return gameError("step_in_flight", "Wait for your last step to land first.");
    const err = await this.room.decide((s) => rules.finish(s, seatId, this.deps.clock.now()));
    if (err) return err;
    const team = teamOf(this.s.round?.teams, seatId);
    if (team) {
      this.tellTeam(team);
      if (Object.keys(team.pending).length && !waitingFor(team, this.s.round!.walks).length) await this.teamTick(team.id, team.ticks.length + 1);
    }
    await this.afterStep(seatId, null);
    return null;
  }

  /**
   * A team member's step intent is a proposal for the team's open tick: committed, then the tick
   * closes at once if every teammate who walks has proposed, or when its timer runs out.
   */
  private async propose(seatId: string, team: Team, msg: StepIntent): Promise<GameError | null> {
    if (this.ticking.has(team.id)) return gameError("step_in_flight", `Team ${team.name} is moving: wait for where it lands.`);
    const err = await this.room.decide((s) => rules.propose(s, seatId, msg.seq, msg.dir, msg.lr, msg.beta ?? 0, this.deps.clock.now()));
    if (err) return err;
    if (!waitingFor(team, this.s.round!.walks).length) await this.teamTick(team.id, msg.seq);
    else {
      if (!this.teamTimers.has(team.id)) this.armTeamTick(team);
      this.tellTeam(team);
    }
    return null;
  }

  /** Closes a team's open tick after TEAM_TICK_MS (missing teammates count as not proposing). */
  private armTeamTick(team: Team): void {
    const k = team.ticks.length + 1;
    const handle = this.after(TEAM_TICK_MS, () => { this.teamTimers.delete(team.id); void this.teamTick(team.id, k); });
    this.teamTimers.set(team.id, { handle, closesAt: this.deps.clock.now() + TEAM_TICK_MS });
  }

  /** Tells a team's members who has proposed in the open tick (never what), and when it closes. */
  private tellTeam(team: Team): void {
    const msg = { type: "team" as const, teamId: team.id, tick: team.ticks.length + 1, proposed: Object.keys(team.pending), closesAt: this.teamTimers.get(team.id)?.closesAt ?? null };
    for (const m of team.members) if (m.seatId) this.deps.outbox.toSeat(this.s.id, m.seatId, msg);
  }

  /**
   * A team's tick k: the mean of the proposals (lib/game/teams.ts), measured where it lands on each
   * moving member's own minibatch (the full batch once, beside them, where somebody watches), then
   * committed as one event; each member then hears what they felt there.
   */
  private async teamTick(teamId: string, k: number): Promise<void> {
    const round = this.s.round;
    const team = round?.teams?.find((t) => t.id === teamId);
    if (!round || !team || this.s.phase !== "running" || this.revealing || this.ticking.has(teamId) || team.ticks.length + 1 !== k) return;
    const move = teamMove(team, round.walks);
    if (!move) return;
    const timer = this.teamTimers.get(teamId);
    if (timer) {
      this.deps.clock.clearTimeout(timer.handle);
      this.timers.delete(timer.handle);
      this.teamTimers.delete(teamId);
    }
    this.ticking.add(teamId);
    try {
      const base = this.stepMeasure(round);
      const movers = movingMembers(team, round.walks);
      const truth = base.watchesTruth && base.batch > 0 ? (await measureLanding(this.deps.landscapes, { ...base, batch: 0 }, move.target, k)).truth : null;
      const landings = Object.fromEntries(await Promise.all(movers.map(async (m) => {
        const landing = await measureLanding(this.deps.landscapes, { ...base, seed: m.batchSeed, watchesTruth: false }, move.target, k);
        return [m.key, truth && landing.inside ? { ...landing, truth } : landing] as const;
      })));
      const staged = await this.room.exclusive(() => {
        if (this.s.round !== round || this.s.phase !== "running" || this.revealing || team.ticks.length + 1 !== k) return null;
        return { durable: this.room.stage([{ at: this.deps.clock.now(), type: "teamStepped", teamId, k, target: move.target, lr: move.lr, proposals: move.proposals, landings }]) };
      });
      if (!staged) return;
      await staged.durable; // in the log before any member hears of it
      const moved = movers.flatMap((m) => (m.seatId && round.walks[m.seatId]?.path.length === k + 1 ? [m.seatId] : []));
      for (const id of moved) {
        const w = round.walks[id]!;
        this.deps.outbox.toSeat(this.s.id, id, { type: "felt", seq: k, at: shownFootprint(this.s, here(w)), lr: move.lr, status: w.status, stepsLeft: stepsLeft(w) });
      }
      this.tellTeam(team);
      for (const id of moved) if (this.s.round === round && this.s.phase === "running") await this.afterStep(id, here(round.walks[id]!));
    } catch (e) {
      if (e instanceof RoomElsewhereError || e instanceof StaleOwnerError) throw e;
      this.deps.log.warn({ room: this.s.id, team: teamId, err: String(e) }, "team tick failed");
      if (this.s.round === round && this.s.phase === "running" && !this.teamTimers.has(teamId)) this.armTeamTick(team);
    } finally {
      this.ticking.delete(teamId);
    }
  }

  /** After a walk changed: live paths to the host, standings to racers, and end-of-round checks. */
  private async afterStep(seatId: string, at: Footprint | null): Promise<void> {
    // The projector's map is the round's own slice: a walk that turned the map walks elsewhere.
    if (at && !this.s.round?.walks[seatId]?.turns?.length) (this.live[seatId] ??= []).push(at);
    this.standingsDirty = true;
    this.scheduleFlush();
    const won = rules.raceWinner(this.s, seatId);
    if (won) {
      this.deps.log.info({ room: this.s.id, player: seatId }, "reached the valley first");
      await this.reveal(won);
      return;
    }
    await this.checkAllEnded();
  }

  /** Reveals when every human walk has ended, where the room's rules say so. */
  async checkAllEnded(): Promise<void> {
    if (rules.allWalksEnded(this.s)) await this.reveal({ by: "walks" });
  }

  /** Drops what the runner buffers for a seat (a removed student's live path never reaches the projector again). */
  forget(seatId: string): void {
    delete this.live[seatId];
    this.inFlight.delete(seatId);
  }

  /**
   * Each ghost takes one step, measured like a player's (its optimizer's update from the slope it
   * felt, step k's minibatch): a ghost costs what a player costs, and only as long as it walks.
   */
  private async ghostTick(): Promise<void> {
    const round = this.s.round;
    if (!round || this.s.phase !== "running" || this.revealing) return;
    const moves = Object.keys(round.ghostStates).flatMap((seatId) => {
      const kind = this.s.seats[seatId]?.ghost ?? "gd";
      const lr = ghostLr(kind, round.landscape);
      const intent = rules.ghostIntent(this.s, seatId, lr);
      return intent ? [{ seatId, lr, ...intent, k: stepsTaken(round.walks[seatId]!) + 1 }] : [];
    });
    await Promise.all(moves.map(async (m) => {
      try {
        const landing = await measureLanding(this.deps.landscapes, this.stepMeasure(round), m.target, m.k);
        const staged = await this.room.exclusive(() => {
          const walk = this.s.round === round ? round.walks[m.seatId] : undefined;
          if (!walk || this.s.phase !== "running" || this.revealing || stepsTaken(walk) + 1 !== m.k) return null;
          return { durable: this.room.stage([{ at: this.deps.clock.now(), type: "ghostStepped", seatId: m.seatId, target: m.target, lr: m.lr, landing, optimizer: m.optimizer }]) };
        });
        if (staged) {
          await staged.durable;
          await this.afterStep(m.seatId, here(round.walks[m.seatId]!));
        }
      } catch (e) {
        this.deps.log.warn({ room: this.s.id, ghost: m.seatId, err: String(e) }, "ghost step failed");
      }
    }));
    if (this.s.round === round && this.s.phase === "running" && moves.length) this.after(GHOST_STEP_MS, () => void this.ghostTick());
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
    if (this.s.kind === "race" && this.standingsDirty) this.room.toAll({ type: "standings", rows: standings(this.s, this.room.connected) });
    this.standingsDirty = false;
  }

  /**
   * Ends the round (`end` says who ended it) and shows everything: map, paths, verdicts, scores,
   * debrief. The reveal is measured first (steps are refused meanwhile), then committed as one
   * event with every result; then sent, stored, and snapshotted.
   */
  async reveal(end: RoundEnd): Promise<GameError | null> {
    if (this.busy || this.revealing) return gameError("wrong_phase", "Wait a moment: the round is being prepared or revealed.");
    if (this.s.phase !== "running" && this.s.phase !== "paused") return gameError("wrong_phase", "Only a running or paused round can be revealed.");
    this.revealing = true;
    this.busy = true;
    this.cancelTimers();
    this.flush();
    try {
      // Steps already measured finish committing first: the reveal sees every accepted step.
      await this.room.exclusive(() => undefined);
      const data = await computeReveal(this.deps, this.s, end);
      const err = await this.room.decide((s) => (s.phase === "running" || s.phase === "paused" ? [{ at: this.deps.clock.now(), type: "revealed", end, results: data.results }] : gameError("wrong_phase", "Only a running or paused round can be revealed.")));
      if (err) return err;
      this.lastReveal = { round: this.s.round!.no, data };
      await finishReveal(this.room, data);
      void this.deps.journal.snapshot(this.s.id, this.room.logSeq, this.s).catch((e: unknown) => this.deps.log.warn({ room: this.s.id, err: String(e) }, "snapshot failed"));
      return null;
    } catch (e) {
      this.deps.log.error({ room: this.s.id, err: String(e) }, "reveal failed");
      this.room.toAll({ type: "error", code: "server_error", message: "The map could not be revealed; the host can try again.", ref: null });
      this.armClock();
      return gameError("server_error", "The map could not be revealed.");
    } finally {
      this.revealing = false;
      this.busy = false;
      this.room.broadcast();
    }
  }

  /**
   * The revealed round, for a page that comes back after the reveal (a refresh, a restart): the
   * reveal message and, for a seat, its own result. Recomputed (it is deterministic) when this node
   * did not compute it itself.
   */
  async revealFor(seatId: string | null): Promise<void> {
    const round = this.s.round;
    if (!round || this.s.phase !== "revealed") return;
    if (this.lastReveal?.round !== round.no) this.lastReveal = { round: round.no, data: await computeReveal(this.deps, this.s, round.ended ?? { by: "walks" }) };
    const d = this.lastReveal.data;
    const reveal = { type: "reveal" as const, round: round.no, grid: d.grid, scale: d.scale, ended: d.ended, paths: d.paths, debrief: d.notes, ...(d.teams ? { teams: d.teams } : {}) };
    if (seatId === null) {
      this.deps.outbox.toHost(this.s.id, reveal);
      return;
    }
    this.deps.outbox.toSeat(this.s.id, seatId, reveal);
    const r = d.results.find((x) => x.seatId === seatId);
    if (r) this.deps.outbox.toSeat(this.s.id, seatId, { type: "result", round: round.no, score: r.score, outcome: r.outcome, finalLoss: r.finalLoss, notes: d.personal[seatId] ?? [], ranked: false, scoreId: null, rank: null, of: null, best: false, moments: d.moments[seatId] ?? [], ...(d.slices[seatId] ? { slices: d.slices[seatId] } : {}) });
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
    this.teamTimers.clear();
    this.flushTimer = null;
  }
}

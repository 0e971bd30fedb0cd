"use client";
// The blindfolded walk, shared by solo rounds, races and classroom students. The player feels only
// what the server sent back: altitude and slope where they stand. The map takes the focus when
// the walk appears; a live region says what each step felt and how the walk ended.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/protocol/client";
import type { ClientState } from "../../_lib/connection";
import { playAim, playFelt } from "../../_lib/sound";
import { aimVector, describeAim, FOLLOW, stepDirection, turnAim, type Aim } from "../../_lib/aim";
import { afterProbe, afterStep, whereYouStand } from "../../_lib/announce";
import { usePageTitle } from "../../_lib/page-title";
import { LandscapeView, type MapPath } from "../LandscapeView";
import { LossChart } from "../LossChart";
import { Clock, Countdown } from "./Clock";
import { Controls } from "./Controls";
import { Readout } from "./Readout";
import { SightStat } from "./NetworkSight";
import { useWalkKeys } from "./useWalkKeys";
import { Optimizer } from "./Optimizer";
import { TeamTick } from "../TeamList";
import { teamOfPlayer } from "../../_lib/team-paths";
import { passesRead } from "@/lib/game/compute";
import { estimateSlope, PROBE_SHARE } from "@/lib/game/walk";
import { compassPoint } from "../../_lib/compass";
import { scheduledStep, type ScheduleName } from "@/lib/game/schedule";
import { TURN_COST } from "@/lib/game/walk";

/** Whether feelings around span the plane (two directions that are not parallel): a whole slope estimate. */
function spansPlane(probes: readonly { dir: readonly [number, number] }[]): boolean {
  return probes.some((p) => Math.abs(p.dir[0] * probes[0]!.dir[1] - p.dir[1] * probes[0]!.dir[0]) > 1e-6);
}

/** + and − change the step size by this factor. */
const LR_FACTOR = 1.25;

/** What a walk is drawn from and what it may add. */
export interface WalkProps {
  state: ClientState;
  send: (m: ClientMessage) => void;
  /** Classmates' or racers' footprints, when the room shows them. */
  others?: MapPath[];
  /** Shown first under the controls (standings, the race owner's buttons). */
  aside?: React.ReactNode;
  /** Whether this walker may end the round with "I'm done" (solo). */
  canFinish?: boolean;
}

/** What a walk that has ended says. */
const STATUS_TEXT: Record<string, string> = {
  waiting: "Waiting for the round to start.",
  done: "You stopped. Waiting for the reveal…",
  spent: "Step budget spent. Waiting for the reveal…",
  left: "Your step left the map: the walk is over. Waiting for the reveal…",
  diverged: "Your step flew so far that the loss exploded: the walk diverged. Waiting for the reveal…",
};

/** The walk of the current round (callers show <Reveal> instead once the round is revealed). */
export function Walk({ state, send, others = [], aside, canFinish = true }: WalkProps) {
  const view = state.view!;
  const round = view.round!;
  const land = round.landscape;
  const path = state.path.length ? state.path : [{ x: round.start[0], y: round.start[1], loss: round.startLoss, grad: round.startGrad }];
  // After a turn of the map the walker walks a fresh slice: the map shows only what was felt on it.
  const lastTurn = state.turns[state.turns.length - 1];
  const onSlice = lastTurn ? [lastTurn.at, ...path.slice(lastTurn.index + 1)] : path;
  const turnsAllowed = round.rules.turns ?? 0;
  const sliceNo = state.turns.length + 1;
  const felt0 = onSlice[onSlice.length - 1]!;
  // A round without backprop gives no slope: the walker's own estimate from its feelings around
  // this footprint (finite differences, h = 1 % of the map) stands in for it, or nothing yet.
  const probing = round.rules.slope === "probe";
  const probeH = PROBE_SHARE * (land.extent.x[1] - land.extent.x[0]);
  const justTurned = lastTurn?.index === path.length - 1;
  const probesHere = probing ? state.probes.filter((p) => p.at === path.length - 1 && (!justTurned || (p.turns ?? 0) >= state.turns.length)) : [];
  const estimate = probing && felt0.loss !== null ? estimateSlope(felt0.loss, probesHere, probeH) : null;
  const here = probing ? { ...felt0, grad: estimate ?? ([0, 0] as [number, number]) } : felt0;
  const status = view.walk?.status ?? "waiting";
  const stepsLeft = view.walk?.stepsLeft ?? round.rules.budget;
  const running = view.phase === "running" && status === "walking";
  const team = teamOfPlayer(round.teams, view.you.playerId);
  // The server's clock against this page's, for the team's tick countdown.
  const [skew] = useState(() => view.serverNow - Date.now());
  usePageTitle(`Walking ${land.name}`);

  // Start at the landscape's own sensible step size (the ghost's), not the slider's middle.
  const [lr, setLr] = useState(() => land.lr.suggested);
  // Momentum (how much of the last step each step keeps) and a step-size schedule over the budget.
  const [beta, setBeta] = useState(0);
  const [schedule, setSchedule] = useState<ScheduleName>("constant");
  const stepLr = scheduledStep(lr, schedule, path.length - 1, round.rules.budget, land.lr);
  const [aim, setAim] = useState<Aim>(FOLLOW);
  const [sound, setSound] = useState(false);
  const steep = Math.hypot(here.grad[0], here.grad[1]);
  const aimVec = aimVector(aim, here.grad);
  const planned = here.loss !== null ? stepLr * steep : null;

  const canStepNow = running && !state.pending && (!probing || estimate !== null);
  const step = useCallback(() => {
    if (!canStepNow) return;
    send({ type: "step", seq: path.length, dir: stepDirection(aim, here.grad), lr: stepLr, ...(beta > 0 ? { beta } : {}) });
  }, [canStepNow, send, path.length, aim, here.grad, stepLr, beta]);

  // Without backprop: feel the aimed way. Following the slope before two directions were felt here,
  // feel east, then at right angles to what was felt: pressing G twice gives a whole estimate.
  const lastHere = probesHere[probesHere.length - 1];
  const feelDir: [number, number] = aim.kind === "heading" ? aim.dir
    : !spansPlane(probesHere) ? (lastHere ? [-lastHere.dir[1], lastHere.dir[0]] : [1, 0])
    : (aimVec ?? [1, 0]);
  const canFeel = probing && running && !state.pending;
  const feel = useCallback(() => {
    if (!canFeel) return;
    send({ type: "feel", dir: feelDir });
  }, [canFeel, send, feelDir]);

  const canTurn = running && !state.pending && state.turns.length < turnsAllowed && stepsLeft > TURN_COST && lastTurn?.index !== path.length - 1;
  const turnMap = useCallback(() => {
    if (!canTurn) return;
    send({ type: "turn", ...(aimVec && Math.hypot(aimVec[0], aimVec[1]) > 0 ? { dir: aimVec } : {}) });
  }, [canTurn, send, aimVec]);

  const chooseAim = useCallback((next: Aim) => {
    setAim(next);
    const v = aimVector(next, here.grad);
    if (sound && steep > 0 && v) playAim((v[0] * here.grad[0] + v[1] * here.grad[1]) / Math.hypot(v[0], v[1]), steep);
  }, [sound, steep, here.grad]);

  useWalkKeys({
    step,
    aimAt: (dir) => chooseAim({ kind: "heading", dir }),
    follow: () => chooseAim(FOLLOW),
    turn: (by) => chooseAim(turnAim(aim, by)),
    stepSize: (by) => setLr((v) => Math.min(land.lr.max, Math.max(land.lr.min, by > 0 ? v * LR_FACTOR : v / LR_FACTOR))),
    toggleSound: () => setSound((v) => !v),
    feel: probing ? feel : undefined,
    turnMap,
  });

  // A fresh walk starts at the top of the page (the setup page may have been scrolled down).
  useEffect(() => { window.scrollTo(0, 0); }, []);

  // What a screen reader hears: the start, each felt step (with the sound, if on), the end.
  const [said, setSaid] = useState("");
  const heard = useRef<{ steps: number; probes: number; status: string; phase: string | null; turns: number }>({ steps: path.length, probes: state.probes.length, status, phase: null, turns: state.turns.length });
  const lastProbe = state.probes[state.probes.length - 1];
  useEffect(() => {
    const was = heard.current;
    heard.current = { steps: path.length, probes: state.probes.length, status, phase: view.phase, turns: state.turns.length };
    const parts: string[] = [];
    if (state.turns.length > was.turns) parts.push(`You turned the map: slice ${state.turns.length + 1}, a fresh 2-D slice through where you stand. ${whereYouStand(here, stepsLeft, round.rules.budget, probing)}`);
    if (view.phase === "running" && was.phase !== "running") parts.push(`Go! ${whereYouStand(here, stepsLeft, round.rules.budget, probing)} ${probing ? "G feels the aimed way, " : ""}Space takes a step.`);
    if (lastProbe && state.probes.length > was.probes) parts.push(afterProbe(lastProbe.dir, lastProbe.loss, here.loss, stepsLeft));
    if (path.length > was.steps) {
      parts.push(afterStep(path.length - 1, here, stepsLeft, round.rules.budget, probing));
      if (sound) playFelt(here.loss === null ? null : steep);
    }
    if (status !== was.status && status !== "walking") parts.push(STATUS_TEXT[status] ?? "");
    if (view.phase === "paused" && was.phase !== "paused") parts.push("The teacher paused the round.");
    if (parts.length) setSaid(parts.join(" "));
  }, [path.length, status, view.phase, here, stepsLeft, round.rules.budget, sound, steep, probing, lastProbe, state.probes.length, state.turns.length]);

  const felt = path.filter((p) => p.loss !== null).map((p) => p.loss!);
  const range: [number, number] = [Math.min(...felt, round.startLoss) * 0.9, Math.max(...felt, round.startLoss)];
  const notice = view.phase === "countdown" ? <Countdown startsAt={round.startsAt} serverNow={view.serverNow} />
    : view.phase === "paused" ? <div className="notice">The teacher paused the round.</div>
    : status !== "walking" ? <div className="notice" data-testid="walk-status">{probing && status === "spent" ? "Forward passes spent. Waiting for the reveal…" : (STATUS_TEXT[status] ?? status)}</div>
    : team && state.pending ? <div className="notice" data-testid="team-notice">Step proposed: team {team.name} moves by the mean of its members&apos; steps…</div> : null;

  return (
    <main className="play" aria-labelledby="walk-title">
      <h1 id="walk-title" className="sr-only">Walking {land.name}, blindfolded</h1>
      <Readout here={here} stepsLeft={stepsLeft} budget={round.rules.budget} chance={land.chance}
        estimate={probing ? estimate : undefined}
        sight={<SightStat sight={state.sight && state.sight.round === round.no ? state.sight.sight : null} land={land} />}
        slice={turnsAllowed ? { no: sliceNo, of: turnsAllowed + 1, params: land.params } : null}
        compute={round.rules.passes ? { passes: round.rules.passes, read: passesRead(path.length - 1, round.rules.batch, land.dataset.samples) } : null}
        clock={round.endsAt !== null && view.phase === "running" ? <Clock endsAt={round.endsAt} serverNow={view.serverNow} /> : undefined} />
      <LandscapeView
        extent={land.extent}
        grid={null}
        paths={others}
        walker={{ footprints: onSlice, aim: aimVec, plannedLength: planned }}
        range={range}
        onAim={running ? (dir) => chooseAim({ kind: "heading", dir }) : undefined}
        caption={`${land.name} · a 2-D slice through ${land.params.toLocaleString("en")} weights${turnsAllowed ? ` (slice ${sliceNo} of ≤${turnsAllowed + 1})` : ""} · ${land.architecture} · ${land.dataset.title}`}
        label={`Map of ${land.name}, dark except where you have walked. Arrow keys or WASD aim, F follows the slope, Q and E turn, plus and minus change the step size, Space steps, M plays the slope as sound.`}
        interactive
        autoFocus
      >
        {notice ? <div className="stage-notice">{notice}</div> : null}
      </LandscapeView>
      <Controls land={land} lr={lr} setLr={setLr} aimText={probing ? describeAim(aim).replace("the slope", "my estimate") : describeAim(aim)} following={aim.kind === "follow"} planned={planned}
        canStep={canStepNow} canAct={running} step={step} follow={() => chooseAim(FOLLOW)}
        feel={probing ? feel : undefined} canFeel={canFeel} feelText={compassPoint(feelDir)}
        finish={canFinish ? () => send({ type: "finish" }) : undefined} sound={sound} toggleSound={() => setSound((v) => !v)}
        error={state.error?.message ?? null}
        turnMap={turnsAllowed ? { left: turnsAllowed - state.turns.length, cost: TURN_COST, can: canTurn, act: turnMap } : null} />
      <div className="play-more" tabIndex={0} role="region" aria-label="More about the walk">
        {team ? <TeamTick team={team} tick={state.team} me={view.you.playerId} pending={state.pending} skew={skew} /> : null}
        {aside}
        {probing ? (
          <div className="panel small" data-testid="probes">
            <h2 className="panel-title">No backprop: feel your way</h2>
            <p>Nobody gives you the slope here. <strong>Feel</strong> (G) measures the altitude a short way off, one forward pass from your budget: feel twice (two directions at right angles) for an estimate of the slope, then <strong>Follow my estimate</strong> and step. Aim first to feel another way.</p>
            {probesHere.length ? (
              <ul className="probe-list">
                {probesHere.map((p, i) => (
                  <li key={i}>{compassPoint(p.dir)}: {felt0.loss !== null ? `${p.loss >= felt0.loss ? "+" : "−"}${Math.abs(p.loss - felt0.loss).toPrecision(2)}` : p.loss.toPrecision(3)}</li>
                ))}
              </ul>
            ) : <p className="muted">Nothing felt here yet.</p>}
          </div>
        ) : null}
        <Optimizer beta={beta} setBeta={setBeta} schedule={schedule} setSchedule={setSchedule} stepLr={stepLr} base={lr} />
        <div className="panel small">
          <div>{probing ? "Altitude" : "Slope"} felt on {round.rules.batch > 0 ? `a batch of ${round.rules.batch} (noisy)` : `all ${land.dataset.samples} samples (the true slope)`}.</div>
          <div className="keys-help">
            <kbd>←</kbd><kbd>↑</kbd><kbd>→</kbd><kbd>↓</kbd> or <kbd>W</kbd><kbd>A</kbd><kbd>S</kbd><kbd>D</kbd> aim (hold two for diagonals), <kbd>Q</kbd>/<kbd>E</kbd> turn,
            {" "}<kbd>+</kbd>/<kbd>−</kbd> step size, <kbd>M</kbd> the slope&apos;s sound.
          </div>
          <div className="touch-help">Drag on the map to aim.</div>
        </div>
        <div className="panel">
          <h2 className="panel-title">Altitude at each step</h2>
          <LossChart series={[{ label: "you", color: 0x4cc9f0, values: path.map((p) => p.loss) }]} />
        </div>
      </div>
      <div className="sr-only" role="status" data-testid="announcer">{said}</div>
    </main>
  );
}

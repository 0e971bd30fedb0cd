"use client";
// The blindfolded walk and its reveal, shared by solo rounds, races and classroom students.
// The player feels only what the server sent back: altitude and slope where they stand.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/protocol/client";
import type { Footprint } from "@/lib/protocol/common";
import { GHOST_COLOR, pathColor } from "@/lib/game/colormap";
import { fmtLoss } from "@/lib/game/debrief";
import { valleyLevel } from "@/lib/game/altitude";
import type { ClientState } from "../_lib/connection";
import { playAim, playFelt } from "../_lib/sound";
import { decodeGrid, OUTCOME_TEXT } from "../_lib/format";
import { LandscapeView, type MapPath } from "./LandscapeView";
import { LossChart } from "./LossChart";

const ROTATE = Math.PI / 12; // Q/E turn the aim by 15°
const LR_FACTOR = 1.25;

/** Compass directions of the arrow keys and WASD. */
const KEY_DIRS: Record<string, [number, number]> = {
  ArrowUp: [0, 1], KeyW: [0, 1], ArrowDown: [0, -1], KeyS: [0, -1],
  ArrowLeft: [-1, 0], KeyA: [-1, 0], ArrowRight: [1, 0], KeyD: [1, 0],
};

export interface WalkProps {
  state: ClientState;
  send: (m: ClientMessage) => void;
  /** Classmates' or racers' footprints, when the room shows them. */
  others?: MapPath[];
  /** Shown under the HUD (standings, room info). */
  aside?: React.ReactNode;
  /** Whether this walker may end the round with "I'm done" (solo). */
  canFinish?: boolean;
}

/** The walk of the current round (callers show <Reveal> instead once the round is revealed). */
export function Walk({ state, send, others = [], aside, canFinish = true }: WalkProps) {
  const view = state.view!;
  const round = view.round!;
  const land = round.landscape;
  const path = state.path.length ? state.path : [{ x: round.start[0], y: round.start[1], loss: round.startLoss, grad: round.startGrad }];
  const here = path[path.length - 1]!;
  const status = view.walk?.status ?? "waiting";
  const stepsLeft = view.walk?.stepsLeft ?? round.rules.budget;
  const running = view.phase === "running" && status === "walking";

  // Start at the landscape's own sensible step size (the ghost's), not the slider's middle.
  const [lr, setLr] = useState(() => land.lr.suggested);
  const [aim, setAim] = useState<[number, number] | "downhill">("downhill");
  const [sound, setSound] = useState(false);
  const held = useRef(new Set<string>());

  const steep = Math.hypot(here.grad[0], here.grad[1]);
  const aimVec: [number, number] | null = aim === "downhill" ? (steep > 0 ? [-here.grad[0], -here.grad[1]] : null) : aim;
  const planned = here.loss !== null ? lr * steep : null;

  const step = useCallback(() => {
    if (!running || state.pending) return;
    send({ type: "step", seq: path.length, dir: aim, lr });
  }, [running, state.pending, send, path.length, aim, lr]);

  const chooseAim = useCallback((dir: [number, number]) => {
    setAim(dir);
    if (sound && steep > 0) playAim((dir[0] * here.grad[0] + dir[1] * here.grad[1]) / Math.hypot(dir[0], dir[1]), steep);
  }, [sound, steep, here.grad]);

  // Sound after each felt step.
  const lastLen = useRef(path.length);
  useEffect(() => {
    if (path.length > lastLen.current && sound) playFelt(here.loss === null ? null : steep);
    lastLen.current = path.length;
  }, [path.length, sound, here.loss, steep]);

  // Keys: listeners are added once and read this render's values through a ref.
  const keys = useRef({ step, chooseAim, aimVec, lrMin: land.lr.min, lrMax: land.lr.max });
  useLayoutEffect(() => {
    keys.current = { step, chooseAim, aimVec, lrMin: land.lr.min, lrMax: land.lr.max };
  });
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      const { step, chooseAim, aimVec, lrMin, lrMax } = keys.current;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" && (t as HTMLInputElement).type !== "range") || t?.tagName === "TEXTAREA" || t?.tagName === "SELECT") return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (KEY_DIRS[e.code]) {
        e.preventDefault();
        held.current.add(e.code);
        let x = 0, y = 0;
        for (const k of held.current) { x += KEY_DIRS[k]?.[0] ?? 0; y += KEY_DIRS[k]?.[1] ?? 0; }
        if (x !== 0 || y !== 0) chooseAim([x, y]);
      } else if (e.code === "Space") {
        e.preventDefault();
        if (!e.repeat) step();
      } else if (e.code === "KeyF") {
        setAim("downhill");
      } else if (e.code === "KeyQ" || e.code === "KeyE") {
        const base = aimVec ?? [1, 0];
        const a = Math.atan2(base[1], base[0]) + (e.code === "KeyQ" ? ROTATE : -ROTATE);
        chooseAim([Math.cos(a), Math.sin(a)]);
      } else if (e.key === "+" || e.key === "=" || e.code === "PageUp") {
        e.preventDefault();
        setLr((v) => Math.min(lrMax, v * LR_FACTOR));
      } else if (e.key === "-" || e.key === "_" || e.code === "PageDown") {
        e.preventDefault();
        setLr((v) => Math.max(lrMin, v / LR_FACTOR));
      } else if (e.code === "KeyM") {
        setSound((v) => !v);
      }
    };
    const up = (e: KeyboardEvent) => { held.current.delete(e.code); };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => { window.removeEventListener("keydown", down); window.removeEventListener("keyup", up); };
  }, []);

  const felt = path.filter((p) => p.loss !== null).map((p) => p.loss!);
  const range: [number, number] = [Math.min(...felt, round.startLoss) * 0.9, Math.max(...felt, round.startLoss)];
  const lrPos = Math.log(lr / land.lr.min) / Math.log(land.lr.max / land.lr.min);

  return (
    <div className="play">
      <LandscapeView
        extent={land.extent}
        grid={null}
        paths={others}
        walker={{ footprints: path, aim: aimVec, plannedLength: planned }}
        range={range}
        onAim={running ? chooseAim : undefined}
        caption={`${land.name} · a 2-D slice through ${land.params.toLocaleString("en")} weights (${land.architecture}) · ${land.dataset.title}`}
        label={`Your walk so far: ${path.length - 1} steps, altitude ${here.loss === null ? "lost" : fmtLoss(here.loss)}`}
      />
      <div className="hud">
        <div className="panel">
          <div className="muted small">Altitude (loss) where you stand</div>
          <div className="altitude" data-testid="altitude" aria-live="polite">{here.loss === null ? "off the map" : fmtLoss(here.loss)}</div>
          <div className="stat small"><span className="muted">Chance level</span><span title="The loss of a network that ignores its input and always gives the same answer" data-testid="chance">{fmtLoss(land.chance)}</span></div>
          <div className="stat small"><span className="muted">Slope steepness</span><span data-testid="steepness">{steep.toPrecision(3)}</span></div>
          <div className="stat small"><span className="muted">Steps left</span><span data-testid="steps-left">{stepsLeft} of {round.rules.budget}</span></div>
          {round.endsAt !== null && view.phase === "running" ? <div className="stat small"><span className="muted">Time left</span><Clock endsAt={round.endsAt} serverNow={view.serverNow} /></div> : null}
          <div className="stat small"><span className="muted">Slope felt on</span><span>{round.rules.batch > 0 ? `a batch of ${round.rules.batch} (noisy)` : `all ${land.dataset.samples} samples (true)`}</span></div>
          {status !== "walking" ? <div className="notice" data-testid="walk-status">{STATUS_TEXT[status] ?? status}</div> : null}
          {view.phase === "countdown" ? <Countdown startsAt={round.startsAt} serverNow={view.serverNow} /> : null}
          {view.phase === "paused" ? <div className="notice">The teacher paused the round.</div> : null}
        </div>
        <div className="panel">
          <label htmlFor="lr">Step size (learning rate): <strong data-testid="lr">{lr.toPrecision(2)}</strong></label>
          <input id="lr" type="range" min={0} max={1000} value={Math.round(lrPos * 1000)} style={{ width: "100%" }}
            onChange={(e) => setLr(land.lr.min * Math.pow(land.lr.max / land.lr.min, Number(e.target.value) / 1000))} aria-valuetext={lr.toPrecision(2)} />
          <div className="row small muted" style={{ justifyContent: "space-between" }}><span>{land.lr.min.toPrecision(1)}</span><span>{land.lr.max.toPrecision(1)}</span></div>
          <div className="small" style={{ margin: "6px 0" }}>
            Aim: <strong data-testid="aim">{aim === "downhill" ? "follow the slope" : compass(aim)}</strong>
            {planned !== null ? <span className="muted"> · this step moves {planned.toPrecision(2)}</span> : null}
          </div>
          <div className="row">
            <button className="primary" onClick={step} disabled={!running || state.pending} onMouseUp={(e) => e.currentTarget.blur()} data-testid="step">Step <kbd>Space</kbd></button>
            <button onClick={() => setAim("downhill")} aria-pressed={aim === "downhill"} onMouseUp={(e) => e.currentTarget.blur()}>Follow the slope <kbd>F</kbd></button>
            {canFinish ? <button onClick={() => send({ type: "finish" })} disabled={!running} onMouseUp={(e) => e.currentTarget.blur()}>I&apos;m done</button> : null}
          </div>
          <label className="row small" style={{ marginTop: 8, color: "var(--text)" }}>
            <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> Hear the slope <kbd>M</kbd>
          </label>
          <div className="keys">
            <kbd>←</kbd><kbd>↑</kbd><kbd>→</kbd><kbd>↓</kbd> or <kbd>W</kbd><kbd>A</kbd><kbd>S</kbd><kbd>D</kbd> aim (hold two for diagonals), <kbd>Q</kbd>/<kbd>E</kbd> turn,
            {" "}<kbd>+</kbd>/<kbd>−</kbd> step size, drag on the map to aim.
          </div>
        </div>
        <div className="panel">
          <div className="muted small">Altitude at each step</div>
          <LossChart series={[{ label: "you", color: 0x4cc9f0, values: path.map((p) => p.loss) }]} />
        </div>
        {state.error ? <div className="error-banner" role="alert" data-testid="error">{state.error.message}</div> : null}
        {aside}
      </div>
    </div>
  );
}

const STATUS_TEXT: Record<string, string> = {
  waiting: "Waiting for the round to start.",
  done: "You stopped. Waiting for the reveal…",
  spent: "Step budget spent. Waiting for the reveal…",
  left: "Your step left the map: the walk is over. Waiting for the reveal…",
  diverged: "Your step flew so far that the loss exploded: the walk diverged. Waiting for the reveal…",
};

function compass([x, y]: [number, number]): string {
  const deg = (Math.atan2(y, x) * 180) / Math.PI;
  const names = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"];
  return `${names[((Math.round(deg / 45) % 8) + 8) % 8]} (${Math.round((deg + 360) % 360)}°)`;
}

/** The reveal: the whole map, every path, the ghost, the score and the debrief. */
export function Reveal({ state, extra }: { state: ClientState; extra?: React.ReactNode }) {
  const reveal = state.reveal!;
  const round = state.view?.round;
  const me = state.view?.you.playerId ?? null;
  const roster = state.view?.roster ?? [];
  const grid = useMemo(() => decodeGrid(reveal.grid), [reveal.grid]);
  const paths: MapPath[] = reveal.paths.map((p) => ({
    id: p.playerId,
    label: p.playerId === me ? "you" : p.nickname,
    color: p.playerId === me ? 0xffffff : pathColor(p.playerId, roster, p.ghost !== null),
    footprints: p.footprints,
    ghost: p.ghost !== null,
    highlight: p.playerId === me,
  }));
  const mine = reveal.paths.find((p) => p.playerId === me);
  const r = state.result;
  const solo = state.view?.kind === "solo";
  const chart = reveal.paths.filter((p) => p.playerId === me || p.ghost).map((p) => ({
    label: p.playerId === me ? "you" : p.nickname,
    color: p.playerId === me ? 0x4cc9f0 : GHOST_COLOR,
    values: p.footprints.map((f: Footprint) => f.loss),
  }));
  const scale = reveal.scale;
  return (
    <div className="play">
      <LandscapeView extent={reveal.grid.extent} grid={grid} scale={scale} paths={paths} walker={null} range={[grid.min.loss, grid.max]}
        caption={`The map revealed · ★ the lowest point, loss ${fmtLoss(grid.min.loss)} · cyan line: the valley's edge (${fmtLoss(valleyLevel(scale))}) · orange line: chance (${fmtLoss(scale.chance)})`}
        label="The revealed loss landscape with every path" />
      <div className="hud" data-testid="reveal">
        <div className="panel">
          {r ? (
            <>
              <div className="muted small">Your score</div>
              <div className="altitude" data-testid="score">{r.score}</div>
              <div className="small">{OUTCOME_TEXT[r.outcome]}{r.finalLoss !== null ? ` · final loss ${fmtLoss(r.finalLoss)}` : ""}</div>
              <div className="small muted" style={{ marginTop: 4 }}>1000 at the lowest point, about 710 at the valley&apos;s edge, 0 at chance or above: only where you end counts.</div>
              {r.ranked && r.rank !== null && round ? (
                <div className="small" style={{ marginTop: 6 }} data-testid="ranked">
                  {r.best ? "A new best for you on " : "Your best on "}{round.landscape.name} ranks <strong>{r.rank}</strong> of {r.of}.{" "}
                  <a href={`/leaderboard/${round.landscape.id}${r.scoreId ? `?me=${r.scoreId}` : ""}`} data-testid="leaderboard-link">See the leaderboard</a>
                </div>
              ) : !r.ranked && !solo && state.view?.kind === "class" ? null
                : !r.ranked ? <div className="small muted" style={{ marginTop: 6 }} data-testid="unranked">A custom round: not ranked.</div> : null}
            </>
          ) : mine ? <div className="small">{OUTCOME_TEXT[mine.outcome]}</div> : <div className="small muted">You watched this round.</div>}
        </div>
        {!solo && r?.notes.length ? (
          <div className="panel debrief" data-testid="my-debrief">
            <h3>Your walk</h3>
            <ul>{r.notes.map((n, i) => <li key={i} data-kind={n.kind}>{n.text}</li>)}</ul>
          </div>
        ) : null}
        <div className="panel debrief">
          <h3>{solo ? "What happened" : "Everyone"}</h3>
          <ul>{reveal.debrief.map((n, i) => <li key={i} data-kind={n.kind}>{n.text}</li>)}</ul>
        </div>
        {chart.length ? <div className="panel"><div className="muted small">Altitude at each step</div><LossChart series={chart} /></div> : null}
        {extra}
      </div>
    </div>
  );
}

/** "Ready… 3, 2, 1" until the server's start time (corrected for the clock difference). */
function Countdown({ startsAt, serverNow }: { startsAt: number | null; serverNow: number }) {
  const now = useServerClock(serverNow, 200);
  const left = startsAt === null ? 0 : Math.max(0, Math.ceil((startsAt - now) / 1000));
  return <div className="notice" data-testid="countdown" aria-live="assertive">Get ready… {left > 0 ? left : "go!"}</div>;
}

/** Minutes and seconds until the server's end of the round. */
export function Clock({ endsAt, serverNow }: { endsAt: number; serverNow: number }) {
  const now = useServerClock(serverNow, 500);
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  return <span data-testid="clock" style={left <= 10 ? { color: "var(--warn)", fontWeight: 700 } : undefined}>{Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}</span>;
}

/**
 * The server's time now, re-read every `everyMs`: the local clock corrected by the difference
 * between it and `serverNow` (the server's time in the view) when the component appeared.
 */
function useServerClock(serverNow: number, everyMs: number): number {
  const [offset] = useState(() => serverNow - Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now + offset;
}

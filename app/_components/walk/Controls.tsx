// The walk's controls: step size, Step, Follow the slope, I'm done and the slope's sound. On
// phones they are one bar stuck to the bottom of the screen, with thumb-sized targets.
import type { LandscapePublic } from "@/lib/protocol/server";

/** Positions of the step-size slider: 40 stops on a log scale, so its arrow keys move it in useful steps. */
const STOPS = 1000;
const ARROW_STEP = 25;

/** The controls' state and actions (the walk owns them). */
export interface ControlsProps {
  land: LandscapePublic;
  lr: number;
  setLr: (lr: number) => void;
  aimText: string;
  following: boolean;
  /** How far the planned step goes, map units (null: off the map). */
  planned: number | null;
  canStep: boolean;
  canAct: boolean;
  step: () => void;
  follow: () => void;
  finish?: () => void;
  sound: boolean;
  toggleSound: () => void;
  error?: string | null;
  /** A round without backprop: feel the altitude the aimed way (absent: the slope is given). */
  feel?: () => void;
  canFeel?: boolean;
  /** Which way the next feeling goes, in words ("north-east"). */
  feelText?: string;
  /** Turning the map, where the round's rules allow it: turns left, what one costs, whether one can be taken now. */
  turnMap?: { left: number; cost: number; can: boolean; act: () => void } | null;
}

/** The control bar. */
export function Controls(p: ControlsProps) {
  const { min, max } = p.land.lr;
  const pos = Math.round((Math.log(p.lr / min) / Math.log(max / min)) * STOPS);
  // A mouse click leaves focus on the button, where Space would press it again: give it back to the page.
  const release = (e: React.MouseEvent<HTMLButtonElement>) => { if (e.detail > 0) e.currentTarget.blur(); };
  return (
    <section className="controls panel" aria-label="Step controls">
      <div className="lr-row">
        <label htmlFor="lr">Step size <strong data-testid="lr">{p.lr.toPrecision(2)}</strong></label>
        <input id="lr" type="range" min={0} max={STOPS} step={ARROW_STEP} value={pos}
          onChange={(e) => p.setLr(Math.min(max, Math.max(min, min * Math.pow(max / min, Number(e.target.value) / STOPS))))}
          aria-valuetext={`${p.lr.toPrecision(2)}${p.planned !== null ? `, a step of ${p.planned.toPrecision(2)}` : ""}`} />
      </div>
      <div className="aim-line" aria-live="polite">
        Aim: <strong data-testid="aim">{p.aimText}</strong>
        {p.planned !== null ? <span className="muted"> · moves {p.planned.toPrecision(2)}</span> : null}
      </div>
      <div className="buttons">
        <button className="primary step-button" onClick={p.step} onMouseUp={release} disabled={!p.canStep} data-testid="step">
          Step <kbd className="key-hint">Space</kbd>
        </button>
        {p.feel ? (
          <button onClick={p.feel} onMouseUp={release} disabled={!p.canFeel} data-testid="feel">
            Feel {p.feelText ?? "this way"} <kbd className="key-hint">G</kbd>
          </button>
        ) : null}
        <button onClick={p.follow} onMouseUp={release} aria-pressed={p.following} disabled={!p.canAct}>
          {p.feel ? "Follow my estimate" : "Follow the slope"} <kbd className="key-hint">F</kbd>
        </button>
        {p.turnMap ? (
          <button onClick={p.turnMap.act} onMouseUp={release} disabled={!p.turnMap.can} data-testid="turn-map" aria-label={`Turn the map (costs ${p.turnMap.cost} steps)`}
            title={`A fresh 2-D slice through where you stand, along your aim; costs ${p.turnMap.cost} steps (${p.turnMap.left} turn${p.turnMap.left === 1 ? "" : "s"} left)`}>
            Turn<span className="wide-only"> the map</span> <span className="muted small">−{p.turnMap.cost}</span> <kbd className="key-hint">R</kbd>
          </button>
        ) : null}
        {p.finish ? <button onClick={p.finish} onMouseUp={release} disabled={!p.canAct}>I&apos;m done</button> : null}
        <button className="icon-button" onClick={p.toggleSound} onMouseUp={release} aria-pressed={p.sound} title="Hear the slope (M)" aria-label="Hear the slope">
          <SpeakerIcon on={p.sound} />
        </button>
      </div>
      {p.error ? <div className="error-banner" role="alert" data-testid="error">{p.error}</div> : null}
    </section>
  );
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {on ? <><path d="M16 8.5a5 5 0 0 1 0 7" /><path d="M19 5.5a9 9 0 0 1 0 13" /></> : <path d="M17 9l5 6M22 9l-5 6" />}
    </svg>
  );
}

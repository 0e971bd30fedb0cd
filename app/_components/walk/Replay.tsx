"use client";
// After the reveal, the knobs of gradient descent in the player's hands (as in Distill's "Why
// Momentum Really Works"): drag the step size and the momentum β, and the server walks gradient
// descent from this round's start with them, exactly, on the true landscape; its path is drawn on
// the revealed map. Asked at most every 250 ms while dragging (the server also limits replays).
import { useEffect, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/protocol/client";
import type { LandscapePublic, ServerMsgOf } from "@/lib/protocol/server";
import { fmtLoss } from "@/lib/game/debrief";
import { MAX_BETA } from "@/lib/game/walk";

const STOPS = 1000;
/** How long a drag waits before it asks, ms. */
const DEBOUNCE_MS = 250;

/** The replay's knobs and what the last replay did. */
export function Replay({ land, send, replay }: { land: LandscapePublic; send: (m: ClientMessage) => void; replay: ServerMsgOf<"replayed"> | null }) {
  const { min, max } = land.lr;
  const [lr, setLr] = useState(land.lr.suggested);
  const [beta, setBeta] = useState(0);
  // Nothing is asked until a knob moves: a reveal costs no replay nobody wanted (a class's reveal
  // would otherwise ask one per student at once).
  const [touched, setTouched] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!touched) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => send({ type: "replay", lr, beta }), DEBOUNCE_MS);
    return () => { if (timer.current) clearTimeout(timer.current); };
  }, [lr, beta, send, touched]);
  const pos = Math.round((Math.log(lr / min) / Math.log(max / min)) * STOPS);
  const end = replay
    ? replay.status === "left" || replay.status === "diverged"
      ? `left the map after ${replay.steps} steps`
      : `ended at loss ${fmtLoss(replay.finalLoss ?? NaN)} after ${replay.steps} steps`
    : "…";
  return (
    <section className="panel replay" aria-labelledby="replay-title" data-testid="replay">
      <h2 id="replay-title" className="panel-title">Replay with other knobs</h2>
      <div className="field">
        <label htmlFor="replay-lr">Step size <strong>{lr.toPrecision(2)}</strong></label>
        <input id="replay-lr" type="range" min={0} max={STOPS} step={25} value={pos} data-testid="replay-lr"
          onChange={(e) => { setTouched(true); setLr(Math.min(max, Math.max(min, min * Math.pow(max / min, Number(e.target.value) / STOPS)))); }} aria-valuetext={lr.toPrecision(2)} />
      </div>
      <div className="field">
        <label htmlFor="replay-beta">Momentum β <strong>{beta.toFixed(2)}</strong></label>
        <input id="replay-beta" type="range" min={0} max={MAX_BETA} step={0.01} value={beta} data-testid="replay-beta" onChange={(e) => { setTouched(true); setBeta(Number(e.target.value)); }} aria-valuetext={beta.toFixed(2)} />
      </div>
      <p className="small" role="status" data-testid="replay-result">{touched || replay
        ? <>Gradient descent{beta > 0 ? " with momentum" : ""} from your start {end} (the dashed path).</>
        : "Move a knob: the server walks gradient descent from your start with it, on the true landscape, and draws it here."}</p>
    </section>
  );
}

// The optimizer's knobs beyond the step size: momentum (each step keeps β of the one before, as
// the heavy ball of SGD with momentum) and a step-size schedule over the budget (constant, halve
// every quarter, cosine). The server walks with exactly these (the β it is sent, the sizes the
// schedule gives), and the debrief names them when they were used.
import { MAX_BETA } from "@/lib/game/walk";
import { SCHEDULE_TEXT, type ScheduleName } from "@/lib/game/schedule";

/** The optimizer panel. */
export function Optimizer({ beta, setBeta, schedule, setSchedule, stepLr, base }: { beta: number; setBeta: (b: number) => void; schedule: ScheduleName; setSchedule: (s: ScheduleName) => void; stepLr: number; base: number }) {
  return (
    <section className="panel optimizer" aria-labelledby="optimizer-title" data-testid="optimizer">
      <h2 id="optimizer-title" className="panel-title">Optimizer</h2>
      <div className="field">
        <label htmlFor="beta">Momentum β <strong data-testid="beta">{beta.toFixed(2)}</strong></label>
        <input id="beta" type="range" min={0} max={MAX_BETA} step={0.01} value={beta} onChange={(e) => setBeta(Number(e.target.value))}
          aria-valuetext={beta > 0 ? `${beta.toFixed(2)}: each step keeps ${Math.round(beta * 100)} percent of the last one` : "none: plain steps"} />
        <p className="small muted">{beta > 0 ? `Each step keeps ${Math.round(beta * 100)} % of the last one: speed builds up along a valley, zig-zags across it cancel.` : "None: every step starts from rest."}</p>
      </div>
      <div className="field">
        <label htmlFor="schedule">Step-size schedule</label>
        <select id="schedule" value={schedule} onChange={(e) => setSchedule(e.target.value as ScheduleName)} data-testid="schedule">
          {(Object.keys(SCHEDULE_TEXT) as ScheduleName[]).map((s) => <option key={s} value={s}>{SCHEDULE_TEXT[s]}</option>)}
        </select>
        {schedule !== "constant" ? <p className="small muted">This step: <strong data-testid="step-lr">{stepLr.toPrecision(2)}</strong> (the slider sets {base.toPrecision(2)} at the start)</p> : null}
      </div>
    </section>
  );
}

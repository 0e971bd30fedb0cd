// Where the walker stands, in numbers: the altitude (the loss) with what the network gets right
// there beside it, steps left, the slope's steepness, chance level and the clock.
import type { Footprint } from "@/lib/protocol/common";
import { fmtLoss } from "@/lib/game/debrief";
import { fmtSteep } from "../../_lib/announce";

/** The walk's numbers; on phones a one-line strip above the map. */
export function Readout({ here, stepsLeft, budget, chance, clock, compute, estimate, sight, slice }: {
  here: Footprint; stepsLeft: number; budget: number; chance: number; clock?: React.ReactNode; compute?: { read: number; passes: number } | null;
  /** A round without backprop: the walker's own estimate of the slope here (null: not felt yet). Absent: the slope is given. */
  estimate?: [number, number] | null;
  /** What the network gets right here (beside the altitude). */
  sight?: React.ReactNode;
  /** Where the rules let the walker turn the map: which slice this is, of at most how many, through how many weights. */
  slice?: { no: number; of: number; params: number } | null;
}) {
  const probing = estimate !== undefined;
  return (
    <section className="readout panel" aria-label="Where you stand">
      <div className="stat-main here-row">
        <div className="stat">
          <span className="stat-label">Altitude <span className="wide-only">(loss)</span></span>
          <span className="altitude" data-testid="altitude">{here.loss === null ? "off the map" : fmtLoss(here.loss)}</span>
        </div>
        {sight}
      </div>
      <div className="stat">
        <span className="stat-label" title={probing ? "Forward passes left: each feeling around and each step is one" : undefined}>{probing ? "Passes left" : "Steps left"}</span>
        <span data-testid="steps-left">{stepsLeft} of {budget}</span>
      </div>
      {compute ? (
        <div className="stat" title="Each step reads its batch of samples: a pass is the whole dataset once">
          <span className="stat-label">Compute</span>
          <span data-testid="compute">{compute.read.toFixed(1)} of {compute.passes} passes</span>
        </div>
      ) : null}
      {slice ? (
        <div className="stat" title={`The map is a 2-D slice through ${slice.params.toLocaleString("en")} weights; turning it takes a fresh slice through where you stand`}>
          <span className="stat-label">Slice</span>
          <span data-testid="slice">{slice.no} of ≤{slice.of}</span>
        </div>
      ) : null}
      <div className="stat">
        <span className="stat-label"><span className="wide-only">Steepness</span><span className="narrow-only">Slope</span></span>
        <span data-testid="steepness">{!probing ? fmtSteep(here.grad) : estimate ? `≈ ${fmtSteep(estimate)}` : "not felt"}</span>
      </div>
      <div className="stat">
        <span className="stat-label" title="The loss of a network that ignores its input and always gives the same answer">Chance</span>
        <span data-testid="chance">{fmtLoss(chance)}</span>
      </div>
      {clock ? <div className="stat"><span className="stat-label">Time left</span>{clock}</div> : null}
    </section>
  );
}

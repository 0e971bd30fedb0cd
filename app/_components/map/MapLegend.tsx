// What the map's colours and lines mean, in words beside them: low ↔ high on the colour ramp, and
// on a revealed map the valley's edge (cyan), chance (orange) and the lowest point (star).
import { fmtLoss } from "@/lib/game/debrief";
import { valleyLevel, type AltitudeScale } from "@/lib/game/altitude";
import { cssColor } from "@/lib/game/colormap";
import { CHANCE_LINE, VALLEY_LINE } from "./terrain";

/** The legend of a fogged map (footprint colours) or of a revealed one (the heatmap and its two lines). */
export function MapLegend({ scale, revealed }: { scale?: AltitudeScale | null; revealed: boolean }) {
  return (
    <div className="legend" data-testid="legend">
      <span className="legend-item">
        <span>{revealed ? "low" : "felt: low"}</span><span className="ramp" aria-hidden="true" /><span>high</span>
      </span>
      {revealed && scale ? (
        <>
          <span className="legend-item"><span className="swatch" style={{ background: cssColor(VALLEY_LINE) }} aria-hidden="true" />the valley&apos;s edge ({fmtLoss(valleyLevel(scale))})</span>
          <span className="legend-item"><span className="swatch" style={{ background: cssColor(CHANCE_LINE) }} aria-hidden="true" />chance ({fmtLoss(scale.chance)})</span>
          <span className="legend-item"><StarIcon />the lowest point</span>
        </>
      ) : null}
    </div>
  );
}

/** The star of the lowest point, drawn (no symbol font needed). */
function StarIcon() {
  return (
    <svg width="12" height="12" viewBox="-12 -12 24 24" aria-hidden="true" className="legend-star">
      <polygon points="0,-11 3,-4 11,-4 5,1 7,9 0,4 -7,9 -5,1 -11,-4 -3,-4" fill="#fff" stroke="#0b0f17" strokeWidth="2" />
    </svg>
  );
}

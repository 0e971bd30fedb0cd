// The projector's live panel during a round: who is in the valley, who left the map or diverged,
// who crawls (the server's verdicts, lib/game/live.ts), and a histogram of altitudes.
import type { RosterEntry } from "@/lib/protocol/server";
import { PATH_COLORS, cssColor } from "@/lib/game/colormap";
import { fmtLoss } from "@/lib/game/debrief";
import { altitudeHistogram, type LiveState } from "@/lib/game/live";
import type { Namer } from "../../_lib/anonymise";

/** The live panel; the histogram once the map (and so the lowest altitude) is known. */
export function LivePanel({ players, names, minLoss, startLoss }: { players: RosterEntry[]; names: Namer; minLoss: number | null; startLoss: number }) {
  const group = (...s: LiveState[]) => players.filter((p) => p.live !== null && s.includes(p.live)).map((p) => names.name(p.playerId));
  const losses = players.map((p) => p.loss).filter((l): l is number => l !== null);
  const hist = minLoss !== null ? altitudeHistogram(losses, minLoss, startLoss, 10) : null;
  const most = hist ? Math.max(1, ...hist.counts) : 1;
  return (
    <section className="panel" data-testid="live-panel" aria-labelledby="live-title">
      <h2 id="live-title" className="panel-title">Live</h2>
      <dl className="live-groups small">
        <dt>In the valley</dt><dd>{group("valley").join(", ") || "nobody yet"}</dd>
        <dt>Left the map or diverged</dt><dd>{group("left", "diverged").join(", ") || "nobody"}</dd>
        <dt>Crawling</dt><dd>{group("crawling").join(", ") || "nobody"}</dd>
      </dl>
      {hist ? (
        <figure className="histogram">
          <figcaption className="muted small">Altitudes now (low → high)</figcaption>
          <div className="bars" role="img" aria-label={`Altitudes now, low to high: ${hist.counts.join(", ")} students`}>
            {hist.counts.map((c, i) => <div key={i} title={`${fmtLoss(hist.edges[i]!)}–${fmtLoss(hist.edges[i + 1]!)}: ${c}`} style={{ height: `${(100 * c) / most}%`, minHeight: c ? 4 : 1, background: cssColor(PATH_COLORS[3]!) }} />)}
          </div>
        </figure>
      ) : null}
    </section>
  );
}

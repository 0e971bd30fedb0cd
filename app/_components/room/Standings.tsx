// A race's standings while it runs: lowest altitude first (the server's order).
import { fmtLoss } from "@/lib/game/debrief";
import type { ServerMsgOf } from "@/lib/protocol/server";

/** The live standings of a race. */
export function Standings({ rows, me }: { rows: ServerMsgOf<"standings">["rows"]; me: string | null }) {
  return (
    <section className="panel" data-testid="standings">
      <h2 className="panel-title">Standings</h2>
      <ol className="placings small">
        {rows.map((r, i) => (
          <li key={r.playerId} className={r.playerId === me ? "me" : undefined}>
            <span>{i + 1}.</span>
            <span>{r.nickname}{r.ghost ? " (ghost)" : ""}{r.playerId === me ? " (you)" : ""}</span>
            <span className="num">{r.loss === null ? (r.status === "diverged" ? "off the map" : "—") : fmtLoss(r.loss)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

// The end of a session: the top three on a podium (gold, silver and bronze medals drawn, not
// emoji), then everyone by cumulative score. In the DOM the places come in order (1, 2, 3); the
// podium's 2–1–3 arrangement is only visual.
import type { RosterEntry } from "@/lib/protocol/server";
import { Medal } from "./icons";

/** The podium and the full list. `nameOf` may hide names (the projector's anonymous mode). */
export function Podium({ roster, me, nameOf = (r) => r.nickname }: { roster: RosterEntry[]; me?: string | null; nameOf?: (r: RosterEntry) => string }) {
  const people = roster.filter((r) => !r.ghost).sort((a, b) => b.total - a.total);
  const top = people.slice(0, 3);
  // Equal totals share a place (and its medal).
  const placeOf = (r: RosterEntry) => 1 + people.filter((q) => q.total > r.total).length;
  return (
    <div data-testid="podium" className="podium-wrap">
      {top.length ? (
        <ol className="podium" aria-label="Podium">
          {top.map((r, i) => (
            // The DOM order is the ranking; pos-N only arranges the podium 2–1–3 on screen, rank-N sets the step's height.
            <li key={r.playerId} className={`podium-place pos-${i + 1} rank-${Math.min(3, placeOf(r))}${r.playerId === me ? " me" : ""}`}>
              <Medal place={Math.min(3, placeOf(r)) as 1 | 2 | 3} />
              <span className="podium-name">{nameOf(r)}{r.playerId === me ? " (you)" : ""}</span>
              <span className="podium-points">{r.total} points</span>
              <span className="podium-block" aria-hidden="true">{placeOf(r)}</span>
            </li>
          ))}
        </ol>
      ) : <p className="muted">Nobody played.</p>}
      {people.length > 3 ? (
        <ol className="everyone" start={4} aria-label="Everyone else">
          {people.slice(3).map((r) => <li key={r.playerId} value={placeOf(r)} className={r.playerId === me ? "me" : undefined}>{nameOf(r)}{r.playerId === me ? " (you)" : ""}: {r.total} points</li>)}
        </ol>
      ) : null}
    </div>
  );
}

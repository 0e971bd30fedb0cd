import type { RosterEntry } from "@/lib/protocol/server";

/** The end of a session: the top three by cumulative score, then everyone. */
export function Podium({ roster, me }: { roster: RosterEntry[]; me?: string | null }) {
  const people = roster.filter((r) => !r.ghost).sort((a, b) => b.total - a.total);
  const top = people.slice(0, 3);
  const order = [top[1], top[0], top[2]];
  const heights = [110, 150, 80];
  return (
    <div data-testid="podium">
      <div className="podium">
        {order.map((r, i) => r ? (
          <div key={r.playerId} style={{ height: heights[i] }}>
            <div style={{ fontSize: "1.6em" }}>{i === 1 ? "🥇" : i === 0 ? "🥈" : "🥉"}</div>
            <strong>{r.nickname}</strong>
            <div className="small">{r.total} points</div>
          </div>
        ) : <span key={i} />)}
      </div>
      <ol className="small">
        {people.map((r) => <li key={r.playerId} style={r.playerId === me ? { fontWeight: 700 } : undefined}>{r.nickname}: {r.total}</li>)}
      </ol>
    </div>
  );
}

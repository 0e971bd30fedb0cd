// The class's students with their total points: pick one to show their path, rename one (a name
// that should not be on the projector), remove one, and let a removed student back in.
import type { ClientMessage } from "@/lib/protocol/client";
import type { RoomView, RosterEntry } from "@/lib/protocol/server";
import { cssColor, pathColor } from "@/lib/game/colormap";
import type { Namer } from "../../_lib/anonymise";

/** The students panel. */
export function Roster({ roster, removed, names, focus, show, send }: { roster: RosterEntry[]; removed: RoomView["removed"]; names: Namer; focus: string | null; show: (id: string) => void; send: (m: ClientMessage) => void }) {
  const players = roster.filter((r) => !r.ghost);
  return (
    <section className="panel" aria-labelledby="students-title">
      <h2 id="students-title" className="panel-title">Students <span className="muted small">({players.length})</span></h2>
      {players.length ? (
        <ul className="roster">
          {players.map((p) => {
            const name = names.name(p.playerId);
            return (
              <li key={p.playerId} className={`chip${p.connected ? "" : " off"}`} style={{ borderColor: cssColor(pathColor(p.playerId, roster)) }}>
                <button type="button" className="chip-main" aria-pressed={focus === p.playerId} onClick={() => show(p.playerId)} title="Show this path on the map">
                  {name} · {p.total}<span className="sr-only"> points{p.connected ? "" : ", disconnected"}</span>
                </button>
                <button type="button" className="chip-x" aria-label={`Rename ${name}`} title="Rename" onClick={() => {
                  const next = window.prompt(`A new name for ${p.nickname}:`, p.nickname);
                  if (next && next.trim() && next.trim() !== p.nickname) send({ type: "host.rename", playerId: p.playerId, nickname: next.trim() });
                }}>✎</button>
                <button type="button" className="chip-x" aria-label={`Remove ${name}`} title="Remove" onClick={() => {
                  if (window.confirm(`Remove ${p.nickname} from the class? They cannot join again from this device, or from this network, until you let them back in.`)) send({ type: "host.kick", playerId: p.playerId });
                }}>×</button>
              </li>
            );
          })}
        </ul>
      ) : <p className="small muted">Nobody yet.</p>}
      {removed.length ? (
        <div className="removed" data-testid="removed">
          <h3 className="small muted">Removed</h3>
          <ul className="roster">
            {removed.map((r) => (
              <li key={r.playerId} className="chip off">
                <span className="chip-main">{r.nickname}</span>
                <button type="button" onClick={() => send({ type: "host.readmit", playerId: r.playerId })} aria-label={`Let ${r.nickname} back in`}>Let back in</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

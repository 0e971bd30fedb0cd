// The class's students with their total points: pick one to show their path, remove one.
import type { ClientMessage } from "@/lib/protocol/client";
import type { RosterEntry } from "@/lib/protocol/server";
import { cssColor, pathColor } from "@/lib/game/colormap";
import type { Namer } from "../../_lib/anonymise";

/** The students panel. */
export function Roster({ roster, names, focus, show, send }: { roster: RosterEntry[]; names: Namer; focus: string | null; show: (id: string) => void; send: (m: ClientMessage) => void }) {
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
                <button type="button" className="chip-x" aria-label={`Remove ${name}`} onClick={() => { if (window.confirm(`Remove ${name} from the class?`)) send({ type: "host.kick", playerId: p.playerId }); }}>×</button>
              </li>
            );
          })}
        </ul>
      ) : <p className="small muted">Nobody yet.</p>}
    </section>
  );
}

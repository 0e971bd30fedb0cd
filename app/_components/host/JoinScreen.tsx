// Before the first round the projector shows how to join: the address, the code and a QR code,
// and the names of those who have joined.
import type { RosterEntry } from "@/lib/protocol/server";
import type { Namer } from "../../_lib/anonymise";

/** The join screen. */
export function JoinScreen({ code, joinUrl, qr, players, names }: { code: string; joinUrl: string | null; qr: string | null; players: RosterEntry[]; names: Namer }) {
  return (
    <section className="panel join-screen" data-testid="join-screen" aria-labelledby="join-title">
      <div>
        <h2 id="join-title" className="join-title">Join at <strong>{joinUrl ? new URL(joinUrl).host : ""}/join</strong> with the code</h2>
        <div className="bigcode" data-testid="big-code">{code}</div>
        {qr ? <img src={qr} alt={`QR code for ${joinUrl}`} width={240} height={240} className="qr" data-testid="qr" /> : null}
        <ul className="roster centred" aria-label="Joined">
          {players.map((p) => <li key={p.playerId} className="chip">{names.name(p.playerId)}</li>)}
        </ul>
        {players.length === 0 ? <p className="muted">Waiting for students…</p> : null}
      </div>
    </section>
  );
}

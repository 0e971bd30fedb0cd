"use client";
// A player inside a race or a class: lobby, the blindfolded walk, the reveal, the podium.
// Everything comes from the server's view of this seat.
import { pathColor } from "@/lib/game/colormap";
import { fmtLoss } from "@/lib/game/debrief";
import type { ClientMessage } from "@/lib/protocol/client";
import type { ClientState } from "../_lib/connection";
import type { MapPath } from "./LandscapeView";
import { Podium } from "./Podium";
import { Reveal, Walk } from "./Walk";

export function RoomPlayer({ state, send, onLeave }: { state: ClientState; send: (m: ClientMessage) => void; onLeave: () => void }) {
  const view = state.view!;
  const me = view.you.playerId;
  const isOwner = view.kind === "race" && view.you.role === "host";
  const kindName = view.kind === "race" ? "race" : "class";

  const standings = view.kind === "race" && state.standings ? (
    <div className="panel" data-testid="standings">
      <h3>Standings</h3>
      <ol className="small">
        {state.standings.map((r) => (
          <li key={r.playerId} style={r.playerId === me ? { fontWeight: 700 } : undefined}>
            {r.nickname}{r.ghost ? " (ghost)" : ""}: {r.loss === null ? (r.status === "diverged" ? "off the map" : "—") : fmtLoss(r.loss)}
          </li>
        ))}
      </ol>
    </div>
  ) : null;

  const ownerControls = isOwner ? (
    <div className="panel row">
      {view.phase === "lobby" || view.phase === "revealed" ? <button className="primary" onClick={() => send({ type: "host.start" })} data-testid="start-race">{view.phase === "lobby" ? "Start the race" : "Race again"}</button> : null}
      {view.phase === "running" ? <button onClick={() => send({ type: "host.reveal" })}>End the race now</button> : null}
    </div>
  ) : null;

  if (view.phase === "ended") {
    return <main className="page"><h1>That&apos;s the end of the {kindName}!</h1><Podium roster={view.roster} me={me} /><button onClick={onLeave}>Leave</button></main>;
  }
  const round = view.round;
  if (round && state.reveal && state.reveal.round === round.no) {
    return <Reveal state={state} extra={<>{ownerControls}<div className="panel small muted">{view.kind === "class" ? "The teacher will start the next round." : ""} Your total: {view.roster.find((r) => r.playerId === me)?.total ?? 0} points.</div></>} />;
  }
  if (round && view.walk && view.phase !== "lobby") {
    const others: MapPath[] = (state.standings ?? [])
      .filter((r) => r.playerId !== me && r.at)
      .map((r) => ({ id: r.playerId, label: r.nickname, color: pathColor(r.playerId, view.roster, r.ghost !== null), footprints: [r.at!], ghost: r.ghost !== null, highlight: true }));
    return <Walk state={state} send={send} others={round.rules.showOthers ? others : []} canFinish={false} aside={<>{standings}{ownerControls}</>} />;
  }

  // Lobby (or a late joiner waiting for the next round).
  return (
    <main className="page">
      <h1 data-testid="lobby">{round ? "You will join at the next round" : `You're in the ${kindName}!`}</h1>
      <p className="muted">
        {view.kind === "class" ? "Look at the projector: the teacher starts the round." : isOwner ? `Share the code ${view.code}, then start the race when everyone is in.` : "The race starts when its creator says go."}
      </p>
      <div className="panel">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <span>Code <strong style={{ letterSpacing: "0.1em" }}>{view.code}</strong></span>
          <span className="muted small">{view.roster.filter((r) => !r.ghost).length} in the room</span>
        </div>
        <div className="roster" style={{ marginTop: 10 }}>
          {view.roster.map((r) => <span key={r.playerId} className={`chip${r.connected || r.ghost ? "" : " off"}`}>{r.nickname}{r.playerId === me ? " (you)" : ""}{r.ghost ? " 👻" : ""}</span>)}
        </div>
      </div>
      {ownerControls}
      {state.error ? <div className="error-banner" role="alert">{state.error.message}</div> : null}
      <p><button onClick={onLeave}>Leave</button></p>
    </main>
  );
}

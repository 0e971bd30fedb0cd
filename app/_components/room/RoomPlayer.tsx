"use client";
// A player inside a race or a class: lobby, the blindfolded walk, the reveal, the podium.
// Everything comes from the server's view of this seat.
import { useEffect, useRef, useState } from "react";
import { pathColor } from "@/lib/game/colormap";
import type { ClientMessage } from "@/lib/protocol/client";
import type { ClientState } from "../../_lib/connection";
import { usePageTitle } from "../../_lib/page-title";
import type { MapPath } from "../LandscapeView";
import { Building } from "../Building";
import { Podium } from "../Podium";
import { Reveal } from "../walk/Reveal";
import { Walk } from "../walk/Walk";
import { RaceHeadline, RacePlacings } from "./RaceResult";
import { Standings } from "./Standings";

/** The room as this seat sees it, phase by phase. */
export function RoomPlayer({ state, send, onLeave }: { state: ClientState; send: (m: ClientMessage) => void; onLeave: () => void }) {
  const view = state.view!;
  const me = view.you.playerId;
  const isOwner = view.kind === "race" && view.you.role === "host";
  const kindName = view.kind === "race" ? "race" : "class";
  const round = view.round;
  const total = view.roster.find((r) => r.playerId === me)?.total ?? 0;

  if (view.phase === "ended") return <Ended state={state} onLeave={onLeave} kindName={kindName} />;

  if (round && state.reveal && state.reveal.round === round.no) {
    const race = view.kind === "race";
    return (
      <Reveal state={state} send={send}
        headline={race ? <RaceHeadline reveal={state.reveal} me={me} /> : null}
        actions={isOwner
          ? <><button className="primary" onClick={() => send({ type: "host.start" })} data-testid="start-race">Race again</button><button onClick={onLeave}>Leave</button></>
          : race ? <button onClick={onLeave}>Leave the race</button> : null}
        note={view.kind === "class" ? `The teacher will start the next round. Your total: ${total} points.` : isOwner ? null : "The race's creator can start another race."}
        more={race ? <RacePlacings reveal={state.reveal} me={me} /> : null}
      />
    );
  }

  if (round && view.walk && view.phase !== "lobby") {
    const others: MapPath[] = (state.standings ?? [])
      .filter((r) => r.playerId !== me && r.at)
      .map((r) => ({ id: r.playerId, label: r.nickname, color: pathColor(r.playerId, view.roster, r.ghost !== null), footprints: [r.at!], ghost: r.ghost !== null, highlight: true }));
    const aside = view.kind === "race" ? (
      <>
        {isOwner && view.phase === "running" ? <div className="panel row"><button onClick={() => send({ type: "host.reveal" })} data-testid="end-race">End the race now</button></div> : null}
        {state.standings ? <Standings rows={state.standings} me={me} /> : null}
      </>
    ) : null;
    return <Walk state={state} send={send} others={round.rules.showOthers ? others : []} canFinish={false} aside={aside} />;
  }

  return <Lobby state={state} send={send} onLeave={onLeave} />;
}

/** The lobby (or a late joiner waiting for the next round). */
function Lobby({ state, send, onLeave }: { state: ClientState; send: (m: ClientMessage) => void; onLeave: () => void }) {
  const view = state.view!;
  const me = view.you.playerId;
  const isOwner = view.kind === "race" && view.you.role === "host";
  const kindName = view.kind === "race" ? "race" : "class";
  const late = !!view.round;
  usePageTitle(late ? `Waiting for the next round` : `In the ${kindName} ${view.code ?? ""}`);
  // "Start" pressed: the server builds the landscape (seconds, the first time) before the countdown.
  const [starting, setStarting] = useState(false);
  useEffect(() => { if (state.error) setStarting(false); }, [state.error]);
  return (
    <main className="page narrow">
      <h1 data-testid="lobby">{late ? "You will join at the next round" : `You're in the ${kindName}!`}</h1>
      <p className="muted">
        {view.kind === "class" ? "Look at the projector: the teacher starts the round." : isOwner ? `Share the code ${view.code}, then start the race when everyone is in.` : "The race starts when its creator says go."}
      </p>
      {isOwner ? (
        <div className="panel actions-inline">
          <button className="primary" disabled={starting} onClick={() => { setStarting(true); send({ type: "host.start" }); }} data-testid="start-race">Start the race</button>
          {starting && !state.error ? <Building progress={state.preparing} /> : null}
        </div>
      ) : state.preparing !== null && !state.error ? <Building progress={state.preparing} /> : null}
      <div className="panel">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <span>Code <strong className="code">{view.code}</strong></span>
          <span className="muted small">{view.roster.filter((r) => !r.ghost).length} in the room</span>
        </div>
        <ul className="roster" aria-label="In the room">
          {view.roster.map((r) => <li key={r.playerId} className={`chip${r.connected || r.ghost ? "" : " off"}`}>{r.nickname}{r.playerId === me ? " (you)" : ""}{r.ghost ? " (ghost)" : ""}</li>)}
        </ul>
      </div>
      {state.error ? <div className="error-banner" role="alert">{state.error.message}</div> : null}
      <p><button onClick={onLeave}>Leave</button></p>
    </main>
  );
}

/** The session is over: the podium. */
function Ended({ state, onLeave, kindName }: { state: ClientState; onLeave: () => void; kindName: string }) {
  const view = state.view!;
  usePageTitle(`The end of the ${kindName}`);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  return (
    <main className="page narrow">
      <h1 ref={heading} tabIndex={-1}>That&apos;s the end of the {kindName}!</h1>
      <Podium roster={view.roster} me={view.you.playerId} />
      <p><button onClick={onLeave}>Leave</button></p>
    </main>
  );
}

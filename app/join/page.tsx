"use client";
// Joining a race or a class by its code: a nickname (friendly generated names on offer), then the
// room. A refresh or a dropped connection comes back into the same seat with the saved token.
import { Suspense, useEffect, useRef, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { TopBar } from "../_components/TopBar";
import { RoomPlayer } from "../_components/room/RoomPlayer";
import { remembered, useConnection } from "../_lib/connection";
import { usePageTitle } from "../_lib/page-title";

/** /join: into a race or a class by its code, then the room. */
export default function JoinPage() {
  return <Suspense><Join /></Suspense>;
}

function Join() {
  const params = useSearchParams();
  const router = useRouter();
  const { state, send, route, rejoin, remember, clearError } = useConnection();
  const [code, setCode] = useState((params.get("code") ?? "").toUpperCase());
  const [nickname, setNickname] = useState("");
  const [names, setNames] = useState<string[]>([]);
  const tried = useRef(false);

  useEffect(() => {
    setNickname(remembered.nickname() ?? "");
    fetch("/api/names?n=4").then((r) => r.json()).then((b: { names: string[] }) => setNames(b.names)).catch(() => {});
  }, []);

  // Back into a saved seat for this code, if there is one.
  useEffect(() => {
    const c = (params.get("code") ?? "").toUpperCase();
    const token = c ? remembered.seat(c) : null;
    if (tried.current || !c || !token) return;
    tried.current = true;
    rejoin({ kind: "seat", code: c, token });
  }, [params, rejoin]);

  // Remember the seat the server gave us.
  const view = state.view;
  useEffect(() => {
    if (view?.code && view.you.playerId && view.you.token) {
      remembered.saveSeat(view.code, view.you.token);
      remember({ kind: "seat", code: view.code, token: view.you.token });
    }
  }, [view?.code, view?.you.playerId, view?.you.token, remember]);

  // A saved seat that no longer exists: forget it and show the form.
  useEffect(() => {
    if (state.error && !view && (state.error.code === "room_not_found" || state.error.code === "kicked")) {
      const c = (params.get("code") ?? "").toUpperCase();
      if (c) remembered.saveSeat(c, null);
      remember(null);
    }
  }, [state.error, view, params, remember]);

  function join(e: React.FormEvent) {
    e.preventDefault();
    clearError();
    const c = code.trim().toUpperCase();
    remembered.saveNickname(nickname.trim());
    router.replace(`/join?code=${encodeURIComponent(c)}`);
    route(c);
    send({ type: "room.join", code: c, nickname: nickname.trim(), device: remembered.device() });
  }

  function leave() {
    send({ type: "room.leave" });
    if (view?.code) remembered.saveSeat(view.code, null);
    remember(null);
    router.push("/");
  }

  const inRoom = !!view && view.kind !== "solo";
  usePageTitle(inRoom ? null : "Join a class or a race");
  const kicked = state.kicked ?? (state.error?.code === "kicked" && !view ? state.error.message : null);
  if (kicked) {
    return <><TopBar /><main className="page narrow"><h1>Removed from the room</h1><div className="error-banner" role="alert" data-testid="kicked">{kicked}</div></main></>;
  }
  if (inRoom) {
    return <><TopBar right={<span className="small muted">{view.you.nickname} · {view.code}{state.connected ? "" : " · reconnecting…"}</span>} /><RoomPlayer state={state} send={send} onLeave={leave} /></>;
  }
  return (
    <>
      <TopBar />
      <main className="page narrow">
        <h1>Join a class or a race</h1>
        <form className="panel" onSubmit={join} style={{ display: "grid", gap: 12 }}>
          <div>
            <label htmlFor="code">Code on the screen</label>
            <input id="code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} maxLength={6} placeholder="K7QX2M" autoCapitalize="characters" autoComplete="off" className="code-input" />
          </div>
          <div>
            <label htmlFor="nick">Your nickname</label>
            <input id="nick" value={nickname} onChange={(e) => setNickname(e.target.value)} maxLength={20} placeholder="Pick one, or tap a suggestion" className="wide" autoComplete="nickname" />
            {names.length ? (
              <div className="suggestions" role="group" aria-label="Suggested nicknames">
                {names.map((n) => <button type="button" key={n} className="chip" onClick={() => setNickname(n)}>{n}</button>)}
              </div>
            ) : null}
          </div>
          <button className="primary" type="submit" data-testid="join">Join</button>
          {state.error ? <div className="error-banner" role="alert" data-testid="error">{state.error.message}</div> : null}
        </form>
      </main>
    </>
  );
}

"use client";
// The teacher's projector. No account: the browser keeps the class's host secret, so a refresh
// takes the chair back. The map is live for the teacher alone; students see only their own fog.
import { Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import QRCode from "qrcode";
import type { Footprint, GhostKind } from "@/lib/protocol/common";
import { PATH_COLORS, cssColor, pathColor } from "@/lib/game/colormap";
import { fmtLoss } from "@/lib/game/debrief";
import { altitudeHistogram, type LiveState } from "@/lib/game/live";
import { TopBar } from "../_components/TopBar";
import { LandscapeView, type MapPath } from "../_components/LandscapeView";
import { Podium } from "../_components/Podium";
import { Clock } from "../_components/walk/Clock";
import { defaultRules, newSeed, RulesFields, withLandscape, type RulesValue } from "../_components/RulesForm";
import { useCatalog } from "../_lib/catalog";
import { remembered, useConnection } from "../_lib/connection";
import { decodeGrid } from "../_lib/format";

export default function HostPage() {
  return <Suspense><Host /></Suspense>;
}

function Host() {
  const params = useSearchParams();
  const router = useRouter();
  const { landscapes } = useCatalog();
  const { state, send, rejoin, remember, clearError } = useConnection();
  const [rules, setRules] = useState<RulesValue | null>(null);
  const [ghosts, setGhosts] = useState<GhostKind[]>([]);
  const [qr, setQr] = useState<string | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const began = useRef(false);
  const view = state.view;

  // Take the chair back (refresh) or open a new class.
  useEffect(() => {
    if (began.current) return;
    began.current = true;
    const code = (params.get("code") ?? remembered.lastHostCode() ?? "").toUpperCase();
    const secret = code ? remembered.host(code) : null;
    if (code && secret) {
      // One claim, sent by the connection module (now or at its welcome): a second one made the
      // server resend every live path again, and the projector drew each path twice.
      rejoin({ kind: "host", code, hostSecret: secret });
    } else send({ type: "class.create" });
  }, [params, send, rejoin]);

  // The old class is gone (server restarted): open a new one.
  useEffect(() => {
    if (!view && state.error?.code === "room_not_found") {
      remembered.saveHost(remembered.lastHostCode() ?? "", null);
      rejoin(null);
      clearError();
      send({ type: "class.create" });
    }
  }, [state.error, view, send, rejoin, clearError]);

  useEffect(() => {
    if (view?.code && view.you.role === "host" && view.you.token) {
      remembered.saveHost(view.code, view.you.token);
      remember({ kind: "host", code: view.code, hostSecret: view.you.token });
      if (params.get("code") !== view.code) router.replace(`/host?code=${view.code}`);
    }
  }, [view?.code, view?.you.role, view?.you.token, remember, router, params]);

  const joinUrl = view?.code && typeof window !== "undefined" ? `${window.location.origin}/join?code=${view.code}` : null;
  useEffect(() => {
    if (joinUrl) QRCode.toDataURL(joinUrl, { margin: 1, width: 240, color: { dark: "#0b0f17", light: "#ffffff" } }).then(setQr).catch(() => setQr(null));
  }, [joinUrl]);

  useEffect(() => {
    if (landscapes && !rules) {
      // The last round's rules after a refresh (a fresh seed at the next start), else the first landscape's defaults.
      const r = view?.round?.rules;
      const l = landscapes.find((x) => x.id === r?.landscapeId);
      setRules(r && l ? defaultRules(l, { budget: r.budget, batch: r.batch, timeLimitSec: r.timeLimitSec }) : defaultRules(landscapes[0]!));
    }
  }, [landscapes, rules, view?.round?.rules]);

  // The CSV export arrives as a message: hand it to the browser as a download.
  useEffect(() => {
    const e = state.exported;
    if (!e) return;
    const url = URL.createObjectURL(new Blob([e.csv], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = e.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, [state.exported]);

  const round = view?.round ?? null;
  const revealed = !!(round && state.reveal && state.reveal.round === round.no);
  const wire = revealed ? state.reveal!.grid : state.map && round && state.map.round === round.no ? state.map.grid : null;
  const grid = useMemo(() => (wire ? decodeGrid(wire) : null), [wire]);
  // Live paths from the round's start point (the host gets only the new footprints), built when
  // they change rather than on every render.
  const [sx, sy, sl, g0, g1] = round ? [round.start[0], round.start[1], round.startLoss, round.startGrad[0], round.startGrad[1]] : [];
  const live = useMemo(() => {
    if (sx === undefined || sy === undefined || sl === undefined || g0 === undefined || g1 === undefined) return state.live;
    const start: Footprint = { x: sx, y: sy, loss: sl, grad: [g0, g1] };
    return Object.fromEntries(Object.entries(state.live).map(([id, fps]) => [id, startOf(start, fps)]));
  }, [state.live, sx, sy, sl, g0, g1]);
  const roster = view?.roster ?? [];
  const players = roster.filter((r) => !r.ghost);
  const nameOf = new Map(roster.map((r) => [r.playerId, r.nickname]));

  const paths: MapPath[] = revealed
    ? state.reveal!.paths.map((p) => ({ id: p.playerId, label: p.nickname, color: pathColor(p.playerId, roster, p.ghost !== null), footprints: p.footprints, ghost: p.ghost !== null, highlight: p.playerId === focus }))
    : Object.entries(live).map(([id, fps]) => ({ id, label: nameOf.get(id) ?? "?", color: pathColor(id, roster), footprints: fps, highlight: id === focus }));

  const minLoss = grid?.min.loss ?? 0;
  const scale = revealed ? state.reveal!.scale : state.map && round && state.map.round === round.no ? state.map.scale : null;
  // Who is where is the server's verdict (lib/game/live.ts), the same rules as the debrief's.
  const group = (s: LiveState) => players.filter((p) => p.live === s).map((p) => p.nickname);
  const losses = players.map((p) => p.loss).filter((l): l is number => l !== null);
  const hist = round && grid ? altitudeHistogram(losses, minLoss, round.startLoss, 10) : null;

  if (!view) {
    return <><TopBar /><main className="page"><p className="muted">Opening a class…</p>{state.error ? <div className="error-banner">{state.error.message}</div> : null}</main></>;
  }
  if (view.you.role !== "host") {
    return <><TopBar /><main className="page"><div className="error-banner">This browser is not the host of this class.</div></main></>;
  }

  const land = landscapes?.find((l) => l.id === rules?.landscapeId);
  const canSetup = view.phase === "lobby" || view.phase === "revealed";
  return (
    <>
      <TopBar right={<span className="small">Class <strong data-testid="class-code">{view.code}</strong> · {players.length} student{players.length === 1 ? "" : "s"} · round {view.roundsPlayed}</span>} />
      <div className="projector">
        {view.phase === "ended" ? (
          <main className="page"><h1>Podium</h1><Podium roster={view.roster} /></main>
        ) : round && (view.phase !== "lobby") ? (
          <LandscapeView extent={round.landscape.extent} grid={grid} scale={scale} paths={paths} walker={null} range={[minLoss, grid?.max ?? round.startLoss]}
            caption={`${round.landscape.name} · ${round.landscape.dataset.title} · round ${round.no} · ${view.phase}${grid ? "" : " · the map is loading"}`} label="Projector: the map with every student's path" />
        ) : (
          <section className="panel" style={{ display: "grid", placeItems: "center", textAlign: "center" }} data-testid="join-screen">
            <div>
              <div className="muted">Join at <strong>{joinUrl ? new URL(joinUrl).host : ""}/join</strong> with the code</div>
              <div className="bigcode" data-testid="big-code">{view.code}</div>
              {qr ? <img src={qr} alt={`QR code for ${joinUrl}`} width={240} height={240} style={{ borderRadius: 8 }} data-testid="qr" /> : null}
              <div className="roster" style={{ justifyContent: "center", marginTop: 16, maxWidth: 640 }}>
                {players.map((p) => <span key={p.playerId} className="chip">{p.nickname}</span>)}
                {players.length === 0 ? <span className="muted">Waiting for students…</span> : null}
              </div>
            </div>
          </section>
        )}
        <aside className="hud">
          <div className="panel row" style={{ justifyContent: "space-between" }}>
            <div><div className="muted small">Code</div><strong style={{ fontSize: "1.6em", letterSpacing: "0.1em" }}>{view.code}</strong></div>
            {qr && view.phase !== "lobby" ? <img src={qr} alt="Join QR code" width={84} height={84} /> : null}
          </div>
          {canSetup && landscapes && rules && land ? (
            <div className="panel" style={{ display: "grid", gap: 8 }}>
              <h3>Next round</h3>
              <select aria-label="Landscape" value={rules.landscapeId} onChange={(e) => setRules(withLandscape(rules, landscapes.find((x) => x.id === e.target.value)!))} data-testid="host-landscape">
                {landscapes.map((l) => <option key={l.id} value={l.id}>{l.name} ({l.dataset.title})</option>)}
              </select>
              <div className="small muted">{land.lesson}</div>
              <RulesFields land={land} value={rules} onChange={setRules} room />
              <label className="row small" style={{ color: "var(--text)" }}>
                <input type="checkbox" checked={ghosts.includes("gd")} onChange={(e) => setGhosts(e.target.checked ? ["gd"] : [])} /> A gradient-descent ghost walks too
              </label>
              <button className="primary" data-testid="host-start" disabled={players.filter((p) => p.connected).length === 0}
                onClick={() => { send({ type: "host.setup", rules: { ...rules, seed: newSeed() }, ghosts }); send({ type: "host.start" }); }}>
                {view.roundsPlayed === 0 ? "Start round 1" : `Start round ${view.roundsPlayed + 1}`}
              </button>
            </div>
          ) : null}
          <div className="panel row">
            {round && round.endsAt !== null && view.phase === "running" ? <span className="small">Time left <strong><Clock endsAt={round.endsAt} serverNow={view.serverNow} /></strong></span> : null}
            {view.phase === "running" ? <button onClick={() => send({ type: "host.pause" })}>Pause</button> : null}
            {view.phase === "paused" ? <button onClick={() => send({ type: "host.resume" })}>Resume</button> : null}
            {view.phase === "running" || view.phase === "paused" ? <button className="primary" onClick={() => send({ type: "host.reveal" })} data-testid="host-reveal">Reveal the map</button> : null}
            {view.roundsPlayed > 0 ? <button onClick={() => send({ type: "host.export" })} data-testid="host-export">Export CSV</button> : null}
            {view.phase !== "ended" ? <button className="danger" onClick={() => { if (window.confirm("End the session and show the podium?")) send({ type: "host.end" }); }} data-testid="host-end">End session</button> : null}
          </div>
          {state.error ? <div className="error-banner" role="alert">{state.error.message}</div> : null}
          {revealed ? (
            <div className="panel debrief" data-testid="host-debrief">
              <h3>Debrief</h3>
              <ul>{state.reveal!.debrief.map((n, i) => (
                <li key={i}>{n.playerId ? <button className="chip" onClick={() => setFocus(n.playerId)} title="Show this path">{n.kind}</button> : null} {n.text}</li>
              ))}</ul>
            </div>
          ) : round && view.phase !== "lobby" && view.phase !== "ended" ? (
            <div className="panel" data-testid="live-panel">
              <h3>Live</h3>
              <div className="small">In the valley: {group("valley").join(", ") || "nobody yet"}</div>
              <div className="small">Left the map or diverged: {[...group("left"), ...group("diverged")].join(", ") || "nobody"}</div>
              <div className="small">Crawling: {group("crawling").join(", ") || "nobody"}</div>
              {hist ? (
                <div style={{ marginTop: 8 }} aria-label="Histogram of current altitudes">
                  <div className="muted small">Altitudes now (low → high)</div>
                  <div style={{ display: "flex", alignItems: "flex-end", gap: 2, height: 70 }}>
                    {hist.counts.map((c, i) => <div key={i} title={`${fmtLoss(hist.edges[i]!)}–${fmtLoss(hist.edges[i + 1]!)}: ${c}`} style={{ flex: 1, height: `${(100 * c) / Math.max(1, ...hist.counts)}%`, minHeight: c ? 4 : 1, background: cssColor(PATH_COLORS[3]!) }} />)}
                  </div>
                </div>
              ) : null}
            </div>
          ) : null}
          <div className="panel">
            <h3>Students</h3>
            <div className="roster">
              {players.map((p) => (
                <span key={p.playerId} className={`chip${p.connected ? "" : " off"}`} style={{ borderColor: cssColor(pathColor(p.playerId, roster)) }} onClick={() => setFocus(p.playerId)}>
                  {p.nickname} · {p.total}
                  <button aria-label={`Remove ${p.nickname}`} onClick={(e) => { e.stopPropagation(); if (window.confirm(`Remove ${p.nickname} from the class?`)) send({ type: "host.kick", playerId: p.playerId }); }}>×</button>
                </span>
              ))}
            </div>
          </div>
        </aside>
      </div>
    </>
  );
}

/** A live path from the start point, unless it already begins there. */
function startOf(start: Footprint, fps: Footprint[]): Footprint[] {
  return fps[0] && fps[0].x === start.x && fps[0].y === start.y ? fps : [start, ...fps];
}

"use client";
// The teacher's projector: the join screen, then the live map with every student's path, the
// reveal with the class's debrief, and the podium; the teacher's controls beside it.
import { Suspense, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import QRCode from "qrcode";
import { TopBar } from "../_components/TopBar";
import { Podium } from "../_components/Podium";
import { Clock } from "../_components/walk/Clock";
import { HostDebrief } from "../_components/host/HostDebrief";
import { HostSetup } from "../_components/host/HostSetup";
import { HomeworkPanel, HomeworkResults } from "../_components/host/Homework";
import { JoinScreen } from "../_components/host/JoinScreen";
import { LessonPlan } from "../_components/host/LessonPlan";
import { LivePanel } from "../_components/host/LivePanel";
import { ProjectorMap } from "../_components/host/ProjectorMap";
import { Roster } from "../_components/host/Roster";
import { TeamList } from "../_components/TeamList";
import { useHostSession } from "../_components/host/useHostSession";
import { useRoundDraft } from "../_components/host/useRoundDraft";
import { withLandscape } from "../_components/RulesForm";
import { namer } from "../_lib/anonymise";
import { useCatalog } from "../_lib/catalog";
import { remembered } from "../_lib/remembered";
import { usePageTitle } from "../_lib/page-title";

/** /host: the teacher's projector. */
export default function HostPage() {
  return <Suspense><Host /></Suspense>;
}

function Host() {
  const { landscapes } = useCatalog();
  const { state, send, newClass } = useHostSession();
  const view = state.view;
  const [draft, setDraft] = useRoundDraft(landscapes, view);
  const [focus, setFocus] = useState<string | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  useEffect(() => { setAnonymous(remembered.anonymous()); }, []);
  const roster = useMemo(() => view?.roster ?? [], [view?.roster]);
  const names = useMemo(() => namer(roster, anonymous), [roster, anonymous]);

  // The address phones can open: the server's LAN address or PUBLIC_URL (the projector's own may be localhost).
  const [base, setBase] = useState<string | null>(null);
  useEffect(() => {
    fetch("/api/join-base").then((r) => r.json()).then((b: { base: string | null }) => setBase(b.base ?? window.location.origin)).catch(() => setBase(window.location.origin));
  }, []);
  const joinUrl = view?.code && base ? `${base}/join?code=${view.code}` : null;

  // A homework's results in the map's place, asked again whenever another walk is handed in.
  const [homework, setHomework] = useState<string | null>(null);
  const handedIn = state.homeworks.find((h) => h.id === homework)?.walks ?? 0;
  useEffect(() => {
    if (homework) send({ type: "host.homework", id: homework });
  }, [homework, handedIn, send]);
  const homeworkShown = homework && state.homeworkResults?.id === homework ? state.homeworkResults : null;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (joinUrl) QRCode.toDataURL(joinUrl, { margin: 1, width: 240, color: { dark: "#0b0f17", light: "#ffffff" } }).then(setQr).catch(() => setQr(null));
  }, [joinUrl]);

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

  const phase = view?.phase ?? null;
  // A new phase replaces the button that had the focus: give the focus to the phase's next action
  // (marked data-next-action) rather than leaving it on the page's body.
  const lastPhase = useRef(phase);
  useEffect(() => {
    const was = lastPhase.current;
    lastPhase.current = phase;
    if (was === null || was === phase) return;
    // The teacher's column starts at its top in a new phase: its next action is there (a column left
    // scrolled would also be shifted further by the browser's scroll anchoring as panels appear).
    document.querySelector(".host-panel")?.scrollTo({ top: 0 });
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>("[data-next-action]")?.focus({ preventScroll: true });
  }, [phase]);
  usePageTitle(!view ? "Host a class" : phase === "ended" ? `Class ${view.code}: podium` : phase === "lobby" ? `Class ${view.code}: join` : `Class ${view.code}: round ${view.round?.no ?? ""} ${phase === "revealed" ? "revealed" : "live"}`);

  if (!view) {
    return <><TopBar /><main className="page"><h1>Host a class</h1><p className="muted" role="status">Opening a class… (<Link href="/host/classes">your earlier classes</Link>)</p>{state.error ? <div className="error-banner" role="alert">{state.error.message}</div> : null}</main></>;
  }
  if (view.you.role !== "host") {
    return <><TopBar /><main className="page"><h1>Host a class</h1><div className="error-banner" role="alert">This browser is not the host of this class.</div></main></>;
  }

  const round = view.round;
  const players = roster.filter((r) => !r.ghost);
  const revealed = !!(round && state.reveal && state.reveal.round === round.no);
  const live = round && (phase === "countdown" || phase === "running" || phase === "paused");
  const canSetup = phase === "lobby" || phase === "revealed";
  const map = state.map && round && state.map.round === round.no ? state.map : null;
  const show = (id: string) => setFocus((f) => (f === id ? null : id));
  const anonToggle = (
    <label className="check" data-testid="anonymise">
      <input type="checkbox" checked={anonymous} onChange={(e) => { setAnonymous(e.target.checked); remembered.saveAnonymous(e.target.checked); }} /> Hide names on the projector
    </label>
  );
  const codePanel = phase !== "lobby" && phase !== "ended" ? (
    <section className="panel code-panel" aria-label="How to join">
      <div><div className="muted small">Join with the code</div><strong className="code big">{view.code}</strong></div>
      {qr ? <img src={qr} alt={`QR code for ${joinUrl}`} width={84} height={84} /> : null}
    </section>
  ) : null;

  return (
    <>
      <TopBar right={<span className="small">Class <strong data-testid="class-code">{view.code}</strong> · {players.length} student{players.length === 1 ? "" : "s"} · round {view.roundsPlayed}</span>} />
      <main className="projector" aria-label={`Class ${view.code}`}>
        <h1 className="sr-only">Class {view.code}: the projector</h1>
        {homeworkShown ? (
          <HomeworkResults results={homeworkShown} names={names} focus={focus} show={show}
            land={landscapes?.find((l) => l.id === state.homeworks.find((h) => h.id === homeworkShown.id)?.landscapeId) ?? null} />
        ) : phase === "ended" ? (
          <section className="panel podium-screen" aria-labelledby="podium-title">
            <h2 id="podium-title" className="podium-title">Podium</h2>
            <Podium roster={roster} nameOf={(r) => names.name(r.playerId)} />
          </section>
        ) : round && phase !== "lobby" ? (
          <ProjectorMap state={state} names={names} focus={focus} />
        ) : (
          <JoinScreen code={view.code ?? ""} joinUrl={joinUrl} qr={qr} players={players} names={names} />
        )}
        <div className="host-panel" role="region" aria-label="Teacher's controls">
          {phase === "ended" ? (
            <section className="panel" aria-labelledby="over-title">
              <h2 id="over-title" className="panel-title">The session is over</h2>
              <div className="actions-inline">
                <button className="primary" onClick={newClass} data-testid="new-class" data-next-action>Start a new class</button>
                <button onClick={() => send({ type: "host.export" })} data-testid="host-export">Export CSV</button>
                <Link className="button" href="/host/classes">Your classes</Link>
              </div>
            </section>
          ) : null}
          {live ? (
            <section className="panel actions-inline" aria-label="Round controls">
              {round.endsAt !== null && phase === "running" ? <span className="small">Time left <strong><Clock endsAt={round.endsAt} serverNow={view.serverNow} /></strong></span> : null}
              <button className="primary" onClick={() => send({ type: "host.reveal" })} data-testid="host-reveal" data-next-action>Reveal the map</button>
              {phase === "running" ? <button onClick={() => send({ type: "host.pause" })}>Pause</button> : null}
              {phase === "paused" ? <button onClick={() => send({ type: "host.resume" })}>Resume</button> : null}
            </section>
          ) : null}
          {state.error ? <div className="error-banner" role="alert">{state.error.message}</div> : null}
          {canSetup && landscapes && draft ? (
            <HostSetup landscapes={landscapes} draft={draft} setDraft={setDraft} phase={view.phase} roundsPlayed={view.roundsPlayed}
              ready={players.filter((p) => p.connected).length} send={send} failed={!!state.error} progress={state.preparing} />
          ) : null}
          {revealed ? <HostDebrief notes={state.reveal!.debrief} names={names} focus={focus} show={show} /> : null}
          {round?.teams?.length && (live || revealed) ? <TeamList teams={round.teams} revealed={revealed ? state.reveal?.teams : undefined} name={(id, nick) => names.name(id, nick)} /> : null}
          {live ? <LivePanel players={players} names={names} minLoss={map ? map.scale.min : null} startLoss={round.startLoss} /> : null}
          <HomeworkPanel items={state.homeworks} base={base} showing={homework} show={setHomework} />
          {codePanel}
          {canSetup && landscapes && draft ? (
            <LessonPlan landscapes={landscapes} current={draft.rules.landscapeId} open={phase === "lobby"}
              use={(step, land) => setDraft({ ...draft, rules: { ...withLandscape(draft.rules, land), budget: step.budget } })} />
          ) : null}
          <section className="panel" aria-label="Session">
            {anonToggle}
            <details className="small">
              <summary>Open this class on another device</summary>
              <p className="muted">At <Link href="/host/classes">Your classes</Link> on the other device, enter the code <strong className="code">{view.code}</strong> and this teacher key: <code data-testid="teacher-key">{view.you.token}</code></p>
            </details>
            {phase !== "ended" ? (
              <div className="actions-inline">
                {view.roundsPlayed > 0 ? <button onClick={() => send({ type: "host.export" })} data-testid="host-export">Export CSV</button> : null}
                <button className="danger" onClick={() => { if (window.confirm("End the session and show the podium?")) send({ type: "host.end" }); }} data-testid="host-end">End session</button>
              </div>
            ) : null}
          </section>
          {phase !== "ended" ? <Roster roster={roster} removed={view.removed} names={names} focus={focus} show={show} send={send} /> : null}
        </div>
      </main>
    </>
  );
}

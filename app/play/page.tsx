"use client";
// Solo: choose a landscape, ranked (its fixed rules, on the leaderboard) or custom (any rules, all
// carried in the URL so a round can be shared), then walk blindfolded; the server resolves every
// step and reveals the map at the end.
import { Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { TopBar } from "../_components/TopBar";
import { Building } from "../_components/Building";
import { clampBudget, defaultRules, IdeaPicker, LandscapePicker, ModePicker, newSeed, playOf, RulesFields, validBatch, withLandscape, type PlayMode, type RulesValue } from "../_components/RulesForm";
import { Reveal } from "../_components/walk/Reveal";
import { Walk } from "../_components/walk/Walk";
import { useCatalog } from "../_lib/catalog";
import { remembered, useConnection } from "../_lib/connection";
import { newRoomCode } from "../_lib/room-code";
import { usePageTitle } from "../_lib/page-title";

/** /play: a solo round, from setup to the reveal. */
export default function PlayPage() {
  return <Suspense><Play /></Suspense>;
}

function Play() {
  const params = useSearchParams();
  const router = useRouter();
  const { landscapes, error: catalogError } = useCatalog();
  const { state, send, route, remember, clearError } = useConnection();
  const [nickname, setNickname] = useState("");
  const [rules, setRules] = useState<RulesValue | null>(null);
  const [mode, setMode] = useState<PlayMode>("ranked");
  const [started, setStarted] = useState(false);
  /** The room whose reveal asked for another round: until a new room arrives, the next one is being built. */
  const [againFrom, setAgainFrom] = useState<string | null>(null);

  // Rules from the URL (a shared round), else the first landscape's defaults.
  useEffect(() => {
    if (!landscapes || rules) return;
    const land = landscapes.find((l) => l.id === params.get("landscape")) ?? landscapes[0]!;
    const num = (k: string) => (params.get(k) !== null && Number.isFinite(Number(params.get(k))) ? Math.trunc(Number(params.get(k))) : undefined);
    const passes = num("passes");
    const probe = params.get("slope") === "probe" && passes === undefined;
    const teams = num("teams");
    setRules(defaultRules(land, {
      budget: clampBudget(num("budget") ?? land.defaultBudget), batch: validBatch(land, num("batch")), seed: num("seed") ?? newSeed(),
      ...(passes !== undefined && passes >= 1 && passes <= 100 ? { passes } : {}), ...(probe ? { slope: "probe" as const } : {}),
      ...(teams !== undefined && teams >= 2 && teams <= 8 && !probe ? { teamSize: teams } : {}),
    }));
    // A shared address with a start (seed) is a custom round: a ranked round's start is the server's to choose.
    setMode(params.get("mode") === "custom" || params.get("seed") !== null ? "custom" : "ranked");
    setNickname(remembered.nickname() ?? "");
  }, [landscapes, params, rules]);

  // Start pressed and no round yet: the server is building the landscape (seconds, the first time).
  const building = started && !state.error && !(state.view?.round && state.view.kind === "solo");
  const land = useMemo(() => landscapes?.find((l) => l.id === rules?.landscapeId) ?? null, [landscapes, rules]);

  function update(next: RulesValue, nextMode: PlayMode = mode) {
    setRules(next);
    setMode(nextMode);
    const query: Record<string, string> = nextMode === "ranked"
      ? { landscape: next.landscapeId }
      : { landscape: next.landscapeId, mode: "custom", seed: String(next.seed ?? 0), budget: String(next.budget), batch: String(next.batch), ...(next.passes ? { passes: String(next.passes) } : {}), ...(next.slope === "probe" ? { slope: "probe" } : {}), ...(next.teamSize ? { teams: String(next.teamSize) } : {}) };
    router.replace(`/play?${new URLSearchParams(query)}`, { scroll: false });
  }

  // A code another room has (a one-in-a-billion draw): the same round under another code.
  const lastPlay = useRef<[RulesValue, PlayMode] | null>(null);
  useEffect(() => {
    if (state.error?.code !== "code_taken" || !lastPlay.current) return;
    clearError();
    play(...lastPlay.current);
  }, [state.error]);

  function play(next: RulesValue, nextMode: PlayMode) {
    lastPlay.current = [next, nextMode];
    const name = nickname.trim() || "Walker";
    remembered.saveNickname(name);
    update(next, nextMode);
    // Each round is a room of its own, under a code this page picks (its socket goes where that
    // code is run); a dropped connection takes the seat back with its token.
    const code = newRoomCode();
    route(code);
    send({ type: "solo.start", code, nickname: name, play: playOf(nextMode, next), device: remembered.device() });
  }

  // A dropped connection (a restart, a node taking over) comes back into this round's seat.
  useEffect(() => {
    const v = state.view;
    if (v?.kind === "solo" && v.code && v.you.token) remember({ kind: "seat", code: v.code, token: v.you.token });
  }, [state.view?.kind, state.view?.code, state.view?.you.token, remember]);

  function start(e: React.FormEvent) {
    e.preventDefault();
    if (!rules) return;
    setStarted(true);
    play(rules, mode);
  }

  /** Another round: ranked again, a new custom start, or this round's start again (custom: its map is known now). */
  function again(how: "new" | "same") {
    if (!rules) return;
    setAgainFrom(state.view?.roomId ?? null);
    const played = state.view?.round?.rules;
    if (how === "same" && played) play({ ...played }, "custom");
    else play({ ...rules, seed: newSeed() }, mode);
  }

  const view = state.view;
  const playing = started && !!view?.round && view.kind === "solo";
  usePageTitle(playing ? null : "Play solo");
  if (started && view?.round && view.kind === "solo") {
    if (state.reveal && state.reveal.round === view.round.no) {
      return (
        <>
          <TopBar right={<span className="small muted">{view.round.landscape.name} · {view.round.ranked ? "ranked" : "custom"}</span>} />
          <Reveal state={state} send={send} actions={
            <>
              <button className="primary" onClick={() => again("new")} data-testid="play-again">{mode === "ranked" ? "Play again (ranked)" : "Play again (new start)"}</button>
              <button onClick={() => again("same")} title="You have seen this map now, so a replay is not ranked">Same start again <span className="wide-only">(not ranked)</span></button>
              <button onClick={() => { setStarted(false); }} data-testid="change-landscape">Change landscape</button>
              {againFrom === view.roomId && !state.error ? <Building progress={state.preparing} /> : null}
              {state.error ? <div className="error-banner" role="alert">{state.error.message}</div> : null}
            </>
          } />
        </>
      );
    }
    return <><TopBar right={<span className="small muted">{view.round.landscape.name} · {view.round.ranked ? "ranked" : "custom"}</span>} /><Walk state={state} send={send} /></>;
  }

  return (
    <>
      <TopBar />
      <main className="page">
        <h1>Play solo</h1>
        <p className="muted">Pick a landscape. You will start somewhere high, feel only the altitude and the slope under your feet, and have a budget of steps to reach the valley.</p>
        {catalogError ? <div className="error-banner" role="alert">{catalogError}</div> : null}
        {state.error && started ? <div className="error-banner" role="alert" data-testid="error">{state.error.message}</div> : null}
        {!landscapes || !rules || !land ? <p className="muted">Loading landscapes…</p> : (
          <form onSubmit={start} className="panel" style={{ display: "grid", gap: 14 }}>
            <IdeaPicker landscapes={landscapes} value={rules} onPick={(r) => update(r, "custom")} />
            <LandscapePicker landscapes={landscapes} value={rules.landscapeId} onChange={(id) => update(withLandscape(rules, landscapes.find((x) => x.id === id)!))} />
            <ModePicker land={land} value={mode} onChange={(m) => update(rules, m)} />
            {mode === "custom" ? <RulesFields land={land} value={rules} onChange={update} /> : null}
            {mode === "custom" ? <p className="small muted">Start #{rules.seed} · share this page&apos;s address to give a friend the same start.</p> : null}
            <p className="small muted">Dataset: {land.dataset.title} ({land.dataset.samples} samples, {land.dataset.features} features). {land.dataset.credit}</p>
            <div className="form-actions">
              <div className="field">
                <label htmlFor="nickname">Nickname{mode === "ranked" ? " for the leaderboard" : ""}</label>
                <input id="nickname" value={nickname} maxLength={20} onChange={(e) => setNickname(e.target.value)} placeholder="Walker" autoComplete="nickname" />
              </div>
              <button className="primary" type="submit" data-testid="start" disabled={building}>Start walking</button>
              <span className="small muted">{land.name} · {mode === "ranked" ? `ranked, ${land.defaultBudget} steps` : `custom, ${rules.slope === "probe" ? `${rules.budget} forward passes` : rules.passes ? `${rules.passes} passes over the data` : `${rules.budget} steps`}`}</span>
              {building ? <Building progress={state.preparing} /> : null}
            </div>
          </form>
        )}
      </main>
    </>
  );
}

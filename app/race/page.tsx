"use client";
// Creating a race: landscape and rules, optional optimizer ghosts; then everyone (creator too)
// plays from the join page with the race's code.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import type { GhostKind } from "@/lib/protocol/common";
import { TopBar } from "../_components/TopBar";
import { defaultRules, IdeaPicker, LandscapePicker, ModePicker, newSeed, playOf, RulesFields, withLandscape, type PlayMode, type RulesValue } from "../_components/RulesForm";
import { useCatalog } from "../_lib/catalog";
import { remembered, useConnection } from "../_lib/connection";
import { newRoomCode } from "../_lib/room-code";
import { usePageTitle } from "../_lib/page-title";

const GHOSTS: { kind: GhostKind; label: string }[] = [
  { kind: "gd", label: "Gradient descent" },
  { kind: "momentum", label: "Momentum" },
  { kind: "adam", label: "Adam" },
];

/** /race: choose a race's landscape, rules and ghosts, then play it from the join page. */
export default function RacePage() {
  const router = useRouter();
  const { landscapes, error } = useCatalog();
  const { state, send, route, clearError } = useConnection();
  const [rules, setRules] = useState<RulesValue | null>(null);
  const [mode, setMode] = useState<PlayMode>("ranked");
  const [ghosts, setGhosts] = useState<GhostKind[]>(["gd"]);
  const [nickname, setNickname] = useState("");
  const [creating, setCreating] = useState(false);
  usePageTitle("Start a race");
  useEffect(() => { if (state.error) setCreating(false); }, [state.error]);

  /** Creates the race under a code this page picks (its socket goes where that code is run). */
  function create() {
    if (!rules) return;
    const code = newRoomCode();
    route(code);
    send({ type: "race.create", code, nickname: nickname.trim(), play: playOf(mode, { ...rules, seed: newSeed() }), ghosts, device: remembered.device() });
  }
  // A code another room has (a one-in-a-billion draw): draw again.
  useEffect(() => {
    if (state.error?.code === "code_taken" && !state.view) {
      clearError();
      setCreating(true);
      create();
    }
  });

  useEffect(() => {
    if (landscapes && !rules) {
      setRules(defaultRules(landscapes[0]!, { timeLimitSec: 120, showOthers: true }));
      setNickname(remembered.nickname() ?? "");
    }
  }, [landscapes, rules]);

  // Created: keep the seat and go to the room.
  useEffect(() => {
    const v = state.view;
    if (v?.kind === "race" && v.code && v.you.token) {
      remembered.saveSeat(v.code, v.you.token);
      router.push(`/join?code=${v.code}`);
    }
  }, [state.view, router]);

  const land = landscapes?.find((l) => l.id === rules?.landscapeId);
  return (
    <>
      <TopBar />
      <main className="page">
        <h1>Start a race</h1>
        <p className="muted">Everyone starts from the same spot after the same countdown. The first to reach the valley wins, or the lowest when everyone has stopped (or the clock runs out). Add optimizer ghosts to race the algorithms.</p>
        {error ? <div className="error-banner" role="alert">{error}</div> : null}
        {!landscapes || !rules || !land ? <p className="muted">Loading…</p> : (
          <form className="panel" style={{ display: "grid", gap: 14 }} onSubmit={(e) => {
            e.preventDefault();
            setCreating(true);
            remembered.saveNickname(nickname.trim());
            create();
          }}>
            <IdeaPicker landscapes={landscapes} value={rules} onPick={(r) => { setRules(r); setMode("custom"); }} />
            <LandscapePicker landscapes={landscapes} value={rules.landscapeId} onChange={(id) => setRules(withLandscape(rules, landscapes.find((l) => l.id === id)!))} />
            <ModePicker land={land} value={mode} onChange={setMode} />
            {mode === "custom" ? <RulesFields land={land} value={rules} onChange={setRules} room /> : null}
            <fieldset className="row" style={{ border: "none", padding: 0 }}>
              <legend className="small muted">Ghost racers</legend>
              {GHOSTS.map((g) => (
                <label key={g.kind} className="row" style={{ color: "var(--text)" }}>
                  <input type="checkbox" checked={ghosts.includes(g.kind)} onChange={(e) => setGhosts(e.target.checked ? [...ghosts, g.kind] : ghosts.filter((k) => k !== g.kind))} /> {g.label}
                </label>
              ))}
            </fieldset>
            {state.error ? <div className="error-banner" role="alert" data-testid="error">{state.error.message}</div> : null}
            <div className="form-actions">
              <div className="field">
                <label htmlFor="nick">Your nickname</label>
                <input id="nick" value={nickname} onChange={(e) => setNickname(e.target.value)} maxLength={20} autoComplete="nickname" />
              </div>
              <button className="primary" type="submit" data-testid="create-race" disabled={creating}>Create the race</button>
              <span className="small muted">{land.name} · {mode === "ranked" ? `ranked, ${land.defaultBudget} steps` : `custom, ${rules.budget} steps`}</span>
              {creating ? <span className="small" role="status">Creating the race…</span> : null}
            </div>
          </form>
        )}
      </main>
    </>
  );
}

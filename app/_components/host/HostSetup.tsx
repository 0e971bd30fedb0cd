"use client";
// The teacher's "next round": landscape, rules, a ghost, and Start. Before the first round it is
// open; after a reveal it folds into one line (so the debrief stays in view) with Start beside it.
import { useEffect, useState } from "react";
import type { ClientMessage } from "@/lib/protocol/client";
import type { LandscapePublic, Phase } from "@/lib/protocol/server";
import { lessonFor } from "../../_lib/lesson-plan";
import { Building } from "../Building";
import { AssignHomework } from "./Homework";
import { IdeaPicker, newSeed, RulesFields, withLandscape } from "../RulesForm";
import type { RoundDraft } from "./useRoundDraft";

/** The draft, the phase and what Start needs. */
export interface HostSetupProps {
  landscapes: LandscapePublic[];
  draft: RoundDraft;
  setDraft: (d: RoundDraft) => void;
  phase: Phase;
  roundsPlayed: number;
  /** Students connected now (a round needs one). */
  ready: number;
  send: (m: ClientMessage) => void;
  failed: boolean;
  /** How far the landscape's build is (0…1) while the round is prepared, when the server says. */
  progress?: number | null;
}

/** The next round's setup and its Start button. */
export function HostSetup({ landscapes, draft, setDraft, phase, roundsPlayed, ready, send, failed, progress = null }: HostSetupProps) {
  const [editing, setEditing] = useState(false);
  const [starting, setStarting] = useState(false);
  useEffect(() => { setStarting(false); }, [phase, failed]);
  const land = landscapes.find((l) => l.id === draft.rules.landscapeId) ?? landscapes[0]!;
  const plan = lessonFor(land.id);
  const open = roundsPlayed === 0 || editing;
  const { rules, ghosts } = draft;
  const batch = rules.batch > 0 ? `minibatch of ${rules.batch}` : "true slope";
  const clock = rules.timeLimitSec > 0 ? `${rules.timeLimitSec / 60} min` : "no clock";
  return (
    <section className="panel setup" aria-labelledby="setup-title">
      <h2 id="setup-title" className="panel-title">Round {roundsPlayed + 1}</h2>
      {open ? (
        <div className="setup-fields">
          <div>
            <label htmlFor="host-landscape">Landscape</label>
            <select id="host-landscape" className="wide" value={rules.landscapeId} data-testid="host-landscape"
              onChange={(e) => setDraft({ ...draft, rules: withLandscape(rules, landscapes.find((x) => x.id === e.target.value)!) })}>
              {landscapes.map((l) => <option key={l.id} value={l.id}>{l.name} ({l.dataset.title})</option>)}
            </select>
            <p className="small muted hint">{plan ? `Lesson ${plan.no}: ${plan.step.watchFor}` : land.lesson}</p>
          </div>
          <IdeaPicker folded landscapes={landscapes} value={rules} onPick={(r) => setDraft({ ...draft, rules: { ...r, timeLimitSec: rules.timeLimitSec, showOthers: rules.showOthers } })} />
          <RulesFields land={land} value={rules} onChange={(r) => setDraft({ ...draft, rules: r })} room />
          <label className="check">
            <input type="checkbox" checked={ghosts.includes("gd")} onChange={(e) => setDraft({ ...draft, ghosts: e.target.checked ? ["gd"] : [] })} /> A gradient-descent ghost walks too
          </label>
        </div>
      ) : (
        <p className="small setup-summary">
          <strong>{land.name}</strong> · {rules.budget} steps · {batch} · {clock}{rules.teamSize ? ` · teams of ${rules.teamSize}` : ""}{ghosts.length ? " · a ghost" : ""}{" "}
          <button type="button" className="link-button" onClick={() => setEditing(true)} data-testid="host-change">Change</button>
        </p>
      )}
      <button className="primary wide" data-testid="host-start" data-next-action disabled={ready === 0 || starting}
        onClick={() => { setStarting(true); setEditing(false); send({ type: "host.setup", rules: { ...rules, seed: newSeed() }, ghosts }); send({ type: "host.start" }); }}>
        Start round {roundsPlayed + 1}
      </button>
      {ready === 0 ? <p className="small muted">Start opens when a student has joined.</p> : null}
      {starting ? <Building progress={progress} /> : null}
      <AssignHomework rules={rules} newSeed={newSeed} send={send} />
    </section>
  );
}

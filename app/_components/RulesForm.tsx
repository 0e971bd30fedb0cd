"use client";
// Choosing a round: landscape (name, dataset, lesson, difficulty), step budget, batch size, and
// for rooms a time limit and whether walkers see each other.
import { MAX_TURNS, TURN_COST, turnPreset } from "@/lib/game/walk";
import { BACKPROP_PASSES, computeSteps, samplesPerStep } from "@/lib/game/compute";
import { useEffect, useState } from "react";
import { MAX_BUDGET, MIN_BUDGET, type RoundRules } from "@/lib/protocol/common";
import type { Play } from "@/lib/protocol/client";
import type { LandscapePublic } from "@/lib/protocol/server";
import { batchChoices, batchLabel } from "../_lib/catalog";
import { IDEAS, ideaRules, type Idea } from "@/lib/game/ideas";

/** The rules being chosen: exactly what a round's setup message carries. */
export type RulesValue = RoundRules;

/** Ranked (the landscape's own fixed rules, on the leaderboard) or custom (any rules, not ranked). */
export type PlayMode = "ranked" | "custom";

/** The message part that says what a solo round or race is played for. */
export function playOf(mode: PlayMode, rules: RulesValue): Play {
  return mode === "ranked" ? { mode, landscapeId: rules.landscapeId } : { mode, rules };
}

/** Ranked or custom, with what each means. */
export function ModePicker({ value, onChange, land }: { value: PlayMode; onChange: (m: PlayMode) => void; land: LandscapePublic }) {
  return (
    <fieldset className="modes" style={{ border: "none", padding: 0, margin: 0 }}>
      <legend className="small muted">How to play</legend>
      <div className="row">
        <label className="check">
          <input type="radio" name="mode" checked={value === "ranked"} onChange={() => onChange("ranked")} data-testid="mode-ranked" /> Ranked
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={value === "custom"} onChange={() => onChange("custom")} data-testid="mode-custom" /> Custom
        </label>
      </div>
      <p className="small muted" style={{ margin: "4px 0 0" }}>
        {value === "ranked"
          ? `Ranked: ${land.defaultBudget} steps, the true slope, a start and a map turned your way by the server. Your best score on this landscape counts on the leaderboard.`
          : "Custom: choose the budget, the batch and the start. Played, revealed and explained, but not ranked."}
      </p>
    </fieldset>
  );
}

/** A landscape's defaults for a new round (its step budget, the true slope, no clock, walkers unseen), with overrides. */
export function defaultRules(land: LandscapePublic, overrides: Partial<Omit<RulesValue, "landscapeId">> = {}): RulesValue {
  const turns = turnPreset(land.id);
  return { landscapeId: land.id, budget: land.defaultBudget, batch: 0, timeLimitSec: 0, showOthers: false, ...(turns ? { turns } : {}), ...overrides };
}

/** The rules moved to another landscape: its step budget, the batch kept if that landscape offers it, and its turns of the map. */
export function withLandscape(rules: RulesValue, land: LandscapePublic): RulesValue {
  const { turns: _turns, ...rest } = rules;
  const turns = turnPreset(land.id);
  // A team shares one map: teams keep their landscape's turns off.
  return { ...rest, landscapeId: land.id, budget: land.defaultBudget, batch: validBatch(land, rules.batch), ...(turns && !rules.teamSize ? { turns } : {}) };
}

/** The batch if the landscape's dataset offers it, else the full batch (0). */
export function validBatch(land: LandscapePublic, batch: number | undefined): number {
  return batch !== undefined && batchChoices(land.dataset.samples).includes(batch) ? batch : 0;
}

/**
 * Teams on or off (1), and no backprop off. Turning them on with the full batch picks the smallest minibatch the dataset
 * offers: averaging identical full-batch slopes smooths nothing, while a noisy small batch shows
 * what averaging a cluster's gradients does (the mode at its best).
 */
export function withTeams(rules: RulesValue, size: number, land: LandscapePublic): RulesValue {
  const { teamSize: _old, ...rest } = rules;
  if (size < 2) return rest;
  // A team shares one position on one map and averages felt slopes: teams turn off the map's turns
  // and no backprop (the server refuses either with teams), back to a budget of backprop steps.
  const { turns: _turns, slope, ...felt } = rest;
  const budget = slope === "probe" ? Math.max(MIN_BUDGET, Math.round(rest.budget / BACKPROP_PASSES)) : rest.budget;
  const smallest = batchChoices(land.dataset.samples).filter((b) => b > 0).sort((x, y) => x - y)[0];
  return { ...felt, budget, teamSize: size, batch: rules.batch === 0 && smallest ? smallest : rules.batch };
}

/** A budget within the bounds a round allows. */
export function clampBudget(budget: number): number {
  return Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, budget));
}

/** A fresh random start for a round. */
export function newSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}

/** The landscapes as cards: name, difficulty, dataset and network, and what each teaches. */
export function LandscapePicker({ landscapes, value, onChange }: { landscapes: LandscapePublic[]; value: string; onChange: (id: string) => void }) {
  return (
    <div className="cards" role="group" aria-label="Landscapes">
      {landscapes.map((l) => (
        <button key={l.id} type="button" className="card" aria-pressed={value === l.id} onClick={() => onChange(l.id)} data-testid={`landscape-${l.id}`}>
          <div className="card-head">
            <strong>{l.name}</strong>
            <span className="dots" title={`difficulty ${l.difficulty} of 5`} aria-label={`difficulty ${l.difficulty} of 5`}>{"●".repeat(l.difficulty)}{"○".repeat(Math.max(0, 5 - l.difficulty))}</span>
          </div>
          <div className="small muted">{l.dataset.title} · {l.architecture}</div>
          <div className="lesson">{l.lesson}</div>
        </button>
      ))}
    </div>
  );
}

/** Step budget, batch, and for rooms the clock and whether walkers see each other. */
export function RulesFields({ land, value, onChange, room }: { land: LandscapePublic; value: RulesValue; onChange: (v: RulesValue) => void; room?: boolean }) {
  return (
    <div className="row" style={{ alignItems: "flex-end" }}>
      {value.passes ? (
        <div>
          <label htmlFor="passes">Compute budget (passes over the data)</label>
          <input id="passes" type="number" inputMode="numeric" min={1} max={100} value={value.passes} style={{ width: 90 }} data-testid="passes"
            onChange={(e) => { const n = Math.trunc(Number(e.target.value)); if (n >= 1 && n <= 100) onChange({ ...value, passes: n }); }} />
          <p className="small muted hint" data-testid="passes-steps">= {computeSteps(value.passes, value.batch, land.dataset.samples)} steps of {samplesPerStep(value.batch, land.dataset.samples)} samples</p>
        </div>
      ) : (
        <div>
          <label htmlFor="budget">{value.slope === "probe" ? "Budget (forward passes)" : "Step budget"}</label>
          <BudgetInput value={value.budget} fallback={land.defaultBudget} onChange={(budget) => onChange({ ...value, budget })} />
        </div>
      )}
      <div>
        <label htmlFor="batch">Slope felt on</label>
        <select id="batch" value={value.batch} className="wide" onChange={(e) => onChange({ ...value, batch: Number(e.target.value) })}>
          {batchChoices(land.dataset.samples).map((b) => <option key={b} value={b}>{batchLabel(b, land.dataset.samples)}</option>)}
        </select>
      </div>
      <label className="check" title="A step costs the samples it reads: a minibatch buys more, noisier steps">
        <input type="checkbox" checked={!!value.passes} data-testid="compute-pricing" onChange={(e) => {
          const { passes: _old, slope: _slope, ...rest } = value;
          onChange(e.target.checked ? { ...rest, passes: 3 } : rest);
        }} /> Price steps by compute
      </label>
      <label className="check" title="The slope is not given: walkers feel the altitude one direction at a time, each a forward pass from the budget, as finite differences do">
        <input type="checkbox" checked={value.slope === "probe"} data-testid="no-backprop" onChange={(e) => {
          const { passes: _old, slope: _slope, teamSize: _teams, ...rest } = value;
          // The same compute as the budget's backprop steps: a slope by backprop costs about 3 forward passes.
          onChange(e.target.checked ? { ...rest, slope: "probe", budget: Math.min(MAX_BUDGET, value.budget * BACKPROP_PASSES) } : { ...rest, budget: Math.max(MIN_BUDGET, Math.round(value.budget / BACKPROP_PASSES)) });
        }} /> No backprop (feel around)
      </label>
      <label className="check" title={`A fresh 2-D slice through where the walker stands, up to ${MAX_TURNS} times a round, ${TURN_COST} steps each`}>
        <input type="checkbox" checked={!!value.turns} data-testid="turn-rule" onChange={(e) => {
          // Turns put each walker on a slice of their own: they turn teams off.
          const { turns: _old, teamSize: _teams, ...alone } = value;
          const { turns: _off, ...rest } = value;
          onChange(e.target.checked ? { ...alone, turns: MAX_TURNS } : rest);
        }} /> Walkers may turn the map
      </label>
      {room ? (
        <>
          <div>
            <label htmlFor="time">Time limit</label>
            <select id="time" value={value.timeLimitSec} onChange={(e) => onChange({ ...value, timeLimitSec: Number(e.target.value) })}>
              {[0, 60, 120, 180, 300].map((s) => <option key={s} value={s}>{s === 0 ? "No clock" : `${s / 60} min`}</option>)}
            </select>
          </div>
          <label className="check">
            <input type="checkbox" checked={value.showOthers} onChange={(e) => onChange({ ...value, showOthers: e.target.checked })} /> Walkers see each other
          </label>
        </>
      ) : null}
      <div>
        <label htmlFor="teams">Teams</label>
        <select id="teams" value={value.teamSize ?? 1} data-testid="team-size"
          title="Each member feels the slope on their own minibatch; the team moves by the mean of their steps (data-parallel SGD)."
          onChange={(e) => onChange(withTeams(value, Number(e.target.value), land))}>
          <option value={1}>Off</option>
          {[2, 3, 4, 5, 6, 7, 8].map((n) => <option key={n} value={n}>{room ? `Teams of ${n}` : `You + ${n - 1} ghost mates`}</option>)}
        </select>
      </div>
    </div>
  );
}

/**
 * The step budget as typed: a number inside the allowed range counts at once, anything else
 * (an empty field, a "1" on the way to "12") waits for the field to lose focus, then is held to
 * the range, so typing is never fought.
 */
function BudgetInput({ value, fallback, onChange }: { value: number; fallback: number; onChange: (budget: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => { setText((t) => (Number(t) === value ? t : String(value))); }, [value]);
  return (
    <input id="budget" type="number" inputMode="numeric" min={MIN_BUDGET} max={MAX_BUDGET} value={text} style={{ width: 90 }}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (Number.isInteger(n) && n >= MIN_BUDGET && n <= MAX_BUDGET) onChange(n);
      }}
      onBlur={() => { const n = clampBudget(Math.trunc(Number(text)) || fallback); setText(String(n)); onChange(n); }} />
  );
}

/**
 * Ideas to play, as one-click presets: each sets the landscape and rules that show one idea at its
 * best (custom rules), and says what to try. Ideas on landscapes this server does not offer are left out.
 */
export function IdeaPicker({ landscapes, value, onPick, folded = false }: { landscapes: LandscapePublic[]; value: RulesValue; onPick: (rules: RulesValue, idea: Idea) => void; folded?: boolean }) {
  const ideas = IDEAS.filter((i) => landscapes.some((l) => l.id === i.landscapeId));
  // The most specific idea the rules match (teams on The Ravine also match momentum's budget there).
  const current = ideas.filter((i) => i.landscapeId === value.landscapeId && Object.entries(i.rules).every(([k, v]) => value[k as keyof RulesValue] === v))
    .sort((a, b) => Object.keys(b.rules).length - Object.keys(a.rules).length)[0];
  if (!ideas.length) return null;
  const picker = (
    <fieldset className="ideas" style={{ border: "none", padding: 0, margin: 0 }}>
      <legend className={folded ? "sr-only" : "small muted"}>Ideas to play</legend>
      <div className="row" style={{ flexWrap: "wrap", gap: 6 }}>
        {ideas.map((idea) => (
          <button key={idea.id} type="button" className="chip" aria-pressed={current?.id === idea.id} data-testid={`idea-${idea.id}`}
            onClick={() => onPick(ideaRules(idea, defaultRules(landscapes.find((l) => l.id === idea.landscapeId)!, { seed: value.seed })), idea)}>
            {idea.title}
          </button>
        ))}
      </div>
      {current ? <p className="small hint" data-testid="idea-hint">{current.tryThis}</p> : null}
    </fieldset>
  );
  // Folded (the projector's narrow column, where the round's Start must stay on screen): one line until opened.
  return folded ? (
    <details className="ideas-folded small" data-testid="ideas-folded">
      <summary>Ideas to play{current ? `: ${current.title}` : ""}</summary>
      {picker}
    </details>
  ) : picker;
}

"use client";
// Choosing a round: landscape (name, dataset, lesson, difficulty), step budget, batch size, and
// for rooms a time limit and whether walkers see each other.
import type { LandscapePublic } from "@/lib/protocol/server";
import { batchChoices, batchLabel } from "../_lib/catalog";

export interface RulesValue { landscapeId: string; budget: number; batch: number; timeLimitSec: number; showOthers: boolean; seed?: number }

export function LandscapePicker({ landscapes, value, onChange }: { landscapes: LandscapePublic[]; value: string; onChange: (id: string) => void }) {
  return (
    <div className="cards" role="group" aria-label="Landscapes">
      {landscapes.map((l) => (
        <button key={l.id} type="button" className="card" aria-pressed={value === l.id} onClick={() => onChange(l.id)} data-testid={`landscape-${l.id}`}>
          <div className="row" style={{ justifyContent: "space-between" }}>
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

export function RulesFields({ land, value, onChange, room }: { land: LandscapePublic; value: RulesValue; onChange: (v: RulesValue) => void; room?: boolean }) {
  return (
    <div className="row" style={{ alignItems: "flex-end" }}>
      <div>
        <label htmlFor="budget">Step budget</label>
        <input id="budget" type="number" min={3} max={500} value={value.budget} style={{ width: 90 }}
          onChange={(e) => onChange({ ...value, budget: Math.max(3, Math.min(500, Number(e.target.value) || land.defaultBudget)) })} />
      </div>
      <div>
        <label htmlFor="batch">Slope felt on</label>
        <select id="batch" value={value.batch} onChange={(e) => onChange({ ...value, batch: Number(e.target.value) })}>
          {batchChoices(land.dataset.samples).map((b) => <option key={b} value={b}>{batchLabel(b, land.dataset.samples)}</option>)}
        </select>
      </div>
      {room ? (
        <>
          <div>
            <label htmlFor="time">Time limit</label>
            <select id="time" value={value.timeLimitSec} onChange={(e) => onChange({ ...value, timeLimitSec: Number(e.target.value) })}>
              {[0, 60, 120, 180, 300].map((s) => <option key={s} value={s}>{s === 0 ? "No clock" : `${s / 60} min`}</option>)}
            </select>
          </div>
          <label className="row" style={{ color: "var(--text)" }}>
            <input type="checkbox" checked={value.showOthers} onChange={(e) => onChange({ ...value, showOthers: e.target.checked })} /> Walkers see each other
          </label>
        </>
      ) : null}
    </div>
  );
}

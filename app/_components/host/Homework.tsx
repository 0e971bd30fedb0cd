"use client";
// Homework on the projector's page: set the round being prepared as homework with a deadline, the
// class's homework with its link and how many walks are in, and one homework's results as they
// come in (the map with every walk, a histogram of where they ended, the class's debrief).
import { useMemo, useState } from "react";
import type { ClientMessage } from "@/lib/protocol/client";
import type { RoundRules } from "@/lib/protocol/common";
import type { LandscapePublic, ServerMsgOf } from "@/lib/protocol/server";
import { PATH_COLORS, cssColor, pathColor } from "@/lib/game/colormap";
import { fmtLoss } from "@/lib/game/debrief";
import { altitudeHistogram } from "@/lib/game/live";
import type { Namer } from "../../_lib/anonymise";
import { decodeGrid } from "../../_lib/format";
import { LandscapeView, type MapPath } from "../LandscapeView";
import { HostDebrief } from "./HostDebrief";

/** A datetime-local value for a date (the browser's own time zone). */
function localInput(t: number): string {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** "Set as homework": the rules being prepared, until a deadline (a week from now by default). */
export function AssignHomework({ rules, newSeed, send }: { rules: RoundRules; newSeed: () => number; send: (m: ClientMessage) => void }) {
  const [deadline, setDeadline] = useState(() => localInput(Date.now() + 7 * 86_400_000));
  return (
    <details className="homework-assign small" data-testid="homework-assign">
      <summary>Set this round as homework instead</summary>
      <form className="row" onSubmit={(e) => {
        e.preventDefault();
        const at = new Date(deadline).getTime();
        if (Number.isFinite(at)) send({ type: "host.assign", rules: { ...rules, seed: newSeed() }, deadline: at });
      }}>
        <label htmlFor="homework-deadline">Due</label>
        <input id="homework-deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
        <button type="submit" data-testid="homework-set">Set as homework</button>
      </form>
    </details>
  );
}

/** The class's homework: each with its link, its deadline, and the walks handed in. */
export function HomeworkPanel({ items, base, showing, show }: { items: ServerMsgOf<"homeworks">["items"]; base: string | null; showing: string | null; show: (id: string | null) => void }) {
  if (!items.length) return null;
  return (
    <section className="panel" aria-labelledby="homework-title" data-testid="homework-panel">
      <h2 id="homework-title" className="panel-title">Homework</h2>
      <ul className="homework-list">
        {items.map((h, i) => {
          const link = `${base ?? ""}/homework/${h.id}`;
          const closed = Date.now() > h.deadline;
          return (
            <li key={h.id}>
              <div><strong>{i + 1}. {h.landscapeName}</strong> · {h.budget} steps · {closed ? "closed" : "due"} {new Date(h.deadline).toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}</div>
              <div className="small">Link: <code data-testid="homework-link">{link}</code>{" "}
                <button type="button" className="link-button" onClick={() => void navigator.clipboard?.writeText(link)}>Copy</button>
              </div>
              <div className="actions-inline">
                <span className="small" data-testid="homework-walks">{h.walks} walk{h.walks === 1 ? "" : "s"} handed in</span>
                <button type="button" aria-pressed={showing === h.id} data-testid="homework-show" onClick={() => show(showing === h.id ? null : h.id)}>{showing === h.id ? "Back to the class" : "Show results"}</button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One homework's results: the map with every walk handed in so far, where they ended, the debrief. */
export function HomeworkResults({ results, names, focus, show, land = null }: { results: ServerMsgOf<"homeworkResults">; names: Namer; focus: string | null; show: (id: string) => void; land?: LandscapePublic | null }) {
  const grid = useMemo(() => decodeGrid(results.grid), [results.grid]);
  const ids = results.paths.map((p) => ({ playerId: p.playerId, ghost: p.ghost }));
  const paths: MapPath[] = results.paths.map((p) => ({ id: p.playerId, label: p.nickname, color: pathColor(p.playerId, ids, p.ghost !== null), footprints: p.footprints, ghost: p.ghost !== null, highlight: p.playerId === focus }));
  const ends = results.paths.map((p) => p.finalLoss).filter((l): l is number => l !== null);
  const startLoss = results.paths[0]?.footprints[0]?.loss ?? results.scale.max;
  const hist = altitudeHistogram(ends, results.scale.min, Math.max(startLoss, ...ends), 10);
  const most = Math.max(1, ...hist.counts);
  return (
    <div className="homework-results" data-testid="homework-results">
      <LandscapeView extent={results.grid.extent} grid={grid} scale={results.scale} paths={paths} walker={null} range={[grid.min.loss, grid.max]}
        caption={`Homework · ${land ? `${land.name} · a 2-D slice through ${land.params.toLocaleString("en")} weights · ` : ""}${results.paths.length} walk${results.paths.length === 1 ? "" : "s"} handed in`} label="The homework's map with every walk handed in" describePaths />
      <div className="homework-side">
        <figure className="histogram panel">
          <figcaption className="muted small">Where the walks ended (low → high)</figcaption>
          <div className="bars" role="img" aria-label={`Where the walks ended, low to high: ${hist.counts.join(", ")}`}>
            {hist.counts.map((c, i) => <div key={i} title={`${fmtLoss(hist.edges[i]!)}–${fmtLoss(hist.edges[i + 1]!)}: ${c}`} style={{ height: `${(100 * c) / most}%`, minHeight: c ? 4 : 1, background: cssColor(PATH_COLORS[3]!) }} />)}
          </div>
        </figure>
        {results.debrief.length ? <HostDebrief notes={results.debrief} names={names} focus={focus} show={show} /> : <p className="muted">No walk handed in yet.</p>}
      </div>
    </div>
  );
}

"use client";
// The reveal: the whole map, every path, the ghost, the score and the debrief. The result takes
// the focus (a screen reader reads it), and the screen's next actions sit right under it.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Footprint } from "@/lib/protocol/common";
import { GHOST_COLOR, pathColor } from "@/lib/game/colormap";
import type { ClientState } from "../../_lib/connection";
import { decodeGrid, OUTCOME_TEXT } from "../../_lib/format";
import { usePageTitle } from "../../_lib/page-title";
import { LandscapeView, type MapPath } from "../LandscapeView";
import { LossChart } from "../LossChart";
import { fmtLoss } from "@/lib/game/debrief";
import { ordinal } from "../../_lib/race-placing";
import type { ClientMessage } from "@/lib/protocol/client";
import { Replay } from "./Replay";
import { Moments } from "./NetworkSight";
import { collapseTeams, spokesOf, teamColor, teamOfPlayer } from "../../_lib/team-paths";
import { TeamList } from "../TeamList";

/** The replay's path colour (drawn dashed, as ghosts are). */
const REPLAY_COLOR = 0xffd166;

/** The reveal's state and what the caller adds around the result. */
export interface RevealProps {
  state: ClientState;
  /** Said first, above the score (a race's winner and your placing). */
  headline?: React.ReactNode;
  /** The screen's next actions (play again, race again…), right under the result. */
  actions?: React.ReactNode;
  /** A line under the actions (the class's "the teacher starts the next round"). */
  note?: React.ReactNode;
  /** First in the lower part of the screen (a race's placings). */
  more?: React.ReactNode;
  /** Sends a replay request: with it the reveal offers the replay's knobs. */
  send?: (m: ClientMessage) => void;
}

/** The revealed round, for a solo player, a racer or a student. */
export function Reveal({ state, headline, actions, note, more, send }: RevealProps) {
  const reveal = state.reveal!;
  const view = state.view;
  const round = view?.round;
  const me = view?.you.playerId ?? null;
  const roster = view?.roster ?? [];
  const solo = view?.kind === "solo";
  const grid = useMemo(() => decodeGrid(reveal.grid), [reveal.grid]);
  // The slices this walker turned onto: the round's own map is slice 1, each turn's is the next.
  const visited = state.result?.slices ?? [];
  const [shown, setShown] = useState(1);
  const slice = visited.find((v) => v.no === shown) ?? null;
  const sliceGrid = useMemo(() => (slice ? decodeGrid(slice.grid) : null), [slice]);
  const weights = round ? `a 2-D slice through ${round.landscape.params.toLocaleString("en")} weights` : "a 2-D slice";
  const tabs = visited.length ? (
    <div className="slice-tabs" role="group" aria-label="The slices you walked">
      {[1, ...visited.map((v) => v.no)].map((no) => (
        <button key={no} type="button" aria-pressed={shown === no} onClick={() => setShown(no)} data-testid={`slice-tab-${no}`}
          title={no === 1 ? "The round's own map, with every path up to its first turn" : `The slice you turned onto at step ${visited.find((v) => v.no === no)!.fromStep}`}>
          Slice {no}
        </button>
      ))}
    </div>
  ) : null;
  usePageTitle(round ? `Revealed: ${round.landscape.name}` : "The map revealed");
  // A team round: one path per team (its members share it), with every proposal as a spoke.
  const teams = round?.teams;
  const myTeam = teamOfPlayer(teams, me);
  const paths: MapPath[] = collapseTeams(reveal.paths.map((p) => ({ ...p, id: p.playerId })), teams).map(({ path: p, team }) => team ? {
    id: team.id,
    label: team.id === myTeam?.id ? `your team (${team.name})` : `Team ${team.name}`,
    color: teamColor(team),
    footprints: p.footprints,
    highlight: team.id === myTeam?.id,
    spokes: spokesOf(reveal.teams?.find((x) => x.id === team.id) ?? { ...team, ticks: [], noise: null }),
  } : {
    id: p.playerId,
    label: p.playerId === me ? "you" : p.nickname,
    color: p.playerId === me ? 0xffffff : pathColor(p.playerId, roster, p.ghost !== null),
    footprints: p.footprints,
    ghost: p.ghost !== null,
    highlight: p.playerId === me,
  });
  if (state.replay) paths.push({ id: "replay", label: `replay (${state.replay.lr.toPrecision(2)}, β ${state.replay.beta.toFixed(2)})`, color: REPLAY_COLOR, footprints: state.replay.footprints, ghost: true, highlight: false });
  const mine = reveal.paths.find((p) => p.playerId === me);
  const r = state.result;
  const chart = reveal.paths.filter((p) => p.playerId === me || p.ghost).map((p) => ({
    label: p.playerId === me ? "you" : p.nickname,
    color: p.playerId === me ? 0x4cc9f0 : GHOST_COLOR,
    values: p.footprints.map((f: Footprint) => f.loss),
  }));

  // The result takes the focus, at the top of the page.
  const result = useRef<HTMLElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    result.current?.focus({ preventScroll: true });
  }, [reveal.round]);

  return (
    <main className="play reveal" aria-labelledby="result-title">
      <section className="result panel" ref={result} tabIndex={-1} data-testid="reveal" aria-labelledby="result-title" aria-describedby={headline ? "result-headline result-outcome" : "result-outcome"}>
        {headline ? <div id="result-headline">{headline}</div> : null}
        {r ? (
          <>
            <h1 id="result-title" className="result-title"><span className="muted small">Your score</span> <span className="score" data-testid="score">{r.score}</span></h1>
            <p className="small" id="result-outcome">{OUTCOME_TEXT[r.outcome]}{r.finalLoss !== null ? ` Final loss ${fmtLoss(r.finalLoss)}.` : ""}</p>
            <p className="small muted wide-only">1000 at the lowest point, about 710 at the valley&apos;s edge, 0 at chance or above: only where you end counts.</p>
            {r.ranked && r.rank !== null && round ? (
              <p className="small" data-testid="ranked">
                Your best on {round.landscape.name}{r.best ? " (a new best)" : ""}: {ordinal(r.rank)} of {r.of} on the leaderboard.{" "}
                <a href={`/leaderboard/${round.landscape.id}${r.scoreId ? `?me=${r.scoreId}` : ""}`} data-testid="leaderboard-link">See the leaderboard</a>
              </p>
            ) : !r.ranked && view?.kind !== "class" ? <p className="small muted" data-testid="unranked">A custom round: not ranked.</p> : null}
          </>
        ) : (
          <>
            <h1 id="result-title" className="result-title small">The map is revealed</h1>
            <p className="small" id="result-outcome">{mine ? OUTCOME_TEXT[mine.outcome] : "You watched this round."}</p>
          </>
        )}
      </section>
      {slice && sliceGrid ? (
        <LandscapeView extent={slice.grid.extent} grid={sliceGrid} scale={reveal.scale} walker={null} range={[sliceGrid.min.loss, sliceGrid.max]}
          paths={[{ id: `slice-${slice.no}`, label: "you", color: 0xffffff, footprints: slice.footprints, ghost: false, highlight: true }]}
          caption={`Slice ${slice.no} · ${weights} · turned at step ${slice.fromStep}, you start at its centre`}
          label={`The slice you turned onto at step ${slice.fromStep}, revealed, with your path on it`} describePaths>
          {tabs}
        </LandscapeView>
      ) : (
        <LandscapeView extent={reveal.grid.extent} grid={grid} scale={reveal.scale} paths={paths} walker={null} range={[grid.min.loss, grid.max]}
          caption={`${round?.landscape.name ?? "The map"} revealed · ${weights}${visited.length ? ` · slice 1 of ${visited.length + 1}` : ""}`} label="The revealed loss landscape with every path" describePaths>
          {tabs}
        </LandscapeView>
      )}
      {actions || note ? <div className="actions panel">{actions}{note ? <div className="small muted">{note}</div> : null}</div> : null}
      <div className="play-more" tabIndex={0} role="region" aria-label="The debrief">
        {more}
        {r?.moments?.length && round ? <Moments moments={r.moments} land={round.landscape} /> : null}
        {teams?.length ? <TeamList teams={teams} revealed={reveal.teams} me={me} /> : null}
        {send && round ? <Replay land={round.landscape} send={send} replay={state.replay} /> : null}
        {!solo && r?.notes.length ? (
          <section className="panel debrief" data-testid="my-debrief">
            <h2 className="panel-title">Your walk</h2>
            <ul>{r.notes.map((n, i) => <li key={i} data-kind={n.kind}>{n.text}</li>)}</ul>
          </section>
        ) : null}
        <section className="panel debrief" data-testid="debrief">
          <h2 className="panel-title">{solo ? "What happened" : "Everyone"}</h2>
          <ul>{reveal.debrief.map((n, i) => <li key={i} data-kind={n.kind}>{n.text}</li>)}</ul>
        </section>
        {chart.length ? <section className="panel"><h2 className="panel-title">Altitude at each step</h2><LossChart series={chart} /></section> : null}
      </div>
    </main>
  );
}

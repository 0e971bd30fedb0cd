"use client";
// The projector's map: during a round the live paths on the map the host alone gets, after the
// reveal every path with its verdict. Names follow the anonymous switch; colours never change.
import { useMemo } from "react";
import type { Footprint } from "@/lib/protocol/common";
import { pathColor } from "@/lib/game/colormap";
import type { ClientState } from "../../_lib/connection";
import type { Namer } from "../../_lib/anonymise";
import { decodeGrid } from "../../_lib/format";
import { LandscapeView, type MapPath } from "../LandscapeView";
import { collapseTeams, spokesOf, teamColor } from "../../_lib/team-paths";

/** The map of the current round, live or revealed. */
export function ProjectorMap({ state, names, focus }: { state: ClientState; names: Namer; focus: string | null }) {
  const view = state.view!;
  const round = view.round!;
  const roster = view.roster;
  const reveal = state.reveal && state.reveal.round === round.no ? state.reveal : null;
  const map = state.map && state.map.round === round.no ? state.map : null;
  const wire = reveal ? reveal.grid : map ? map.grid : null;
  const grid = useMemo(() => (wire ? decodeGrid(wire) : null), [wire]);
  const scale = reveal ? reveal.scale : map ? map.scale : null;

  // Live paths from the round's start point (the host gets only the new footprints), rebuilt only
  // when they change, so the map redraws only the paths that grew.
  const [sx, sy] = round.start;
  const { startLoss, startGrad } = round;
  const live = useMemo(() => {
    const start: Footprint = { x: sx, y: sy, loss: startLoss, grad: startGrad };
    return Object.entries(state.live).map(([id, fps]) => [id, fps[0] && fps[0].x === sx && fps[0].y === sy ? fps : [start, ...fps]] as const);
  }, [state.live, sx, sy, startLoss, startGrad]);

  const seatPaths: MapPath[] = reveal
    ? reveal.paths.map((p) => ({ id: p.playerId, label: names.name(p.playerId, p.nickname), color: pathColor(p.playerId, roster, p.ghost !== null), footprints: p.footprints, ghost: p.ghost !== null, highlight: p.playerId === focus }))
    : live.map(([id, fps]) => {
      const seat = roster.find((r) => r.playerId === id);
      return { id, label: names.name(id), color: pathColor(id, roster), footprints: fps, ghost: !!seat?.ghost, highlight: id === focus };
    });
  // A team round: one path per team, in its colour (its members share one position); at the reveal with every proposal as a spoke.
  const paths: MapPath[] = collapseTeams(seatPaths, round.teams).map(({ path, team }) => {
    if (!team) return path;
    const revealed = reveal?.teams?.find((x) => x.id === team.id);
    const focused = team.members.some((m) => m.playerId === focus);
    return { ...path, id: team.id, label: `Team ${team.name}`, color: teamColor(team), highlight: focused, ...(revealed ? { spokes: spokesOf(revealed) } : {}) };
  });
  const phase = reveal ? "revealed" : view.phase;
  return (
    <LandscapeView extent={round.landscape.extent} grid={grid} scale={scale} paths={paths} walker={null} range={[grid?.min.loss ?? 0, grid?.max ?? round.startLoss]}
      caption={`${round.landscape.name} · a 2-D slice through ${round.landscape.params.toLocaleString("en")} weights · ${round.landscape.dataset.title} · round ${round.no} · ${phase}${grid ? "" : " · the map is loading"}`}
      label={`Projector: the map of ${round.landscape.name} with every student's path`} describePaths />
  );
}

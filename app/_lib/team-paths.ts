// A team round draws one path per team: every member's path is the team's (they share one
// position), so the members' paths collapse into the longest of them, in the team's colour; at the
// reveal it carries the members' proposals as spokes (the noise the mean smoothed). Pure.
import type { Footprint } from "@/lib/protocol/common";
import type { RevealedTeam, TeamPublic } from "@/lib/protocol/server";

/** A team's colour ("#rrggbb") as a number for the map. */
export function teamColor(team: Pick<TeamPublic, "color">): number {
  return parseInt(team.color.slice(1), 16);
}

/** The team of a player, if any. */
export function teamOfPlayer(teams: readonly TeamPublic[] | undefined, playerId: string | null): TeamPublic | undefined {
  return playerId === null ? undefined : teams?.find((t) => t.members.some((m) => m.playerId === playerId));
}

/**
 * Paths with each team's members collapsed into one (the longest member path: members who
 * stopped early hold only its beginning), keeping the order of first appearance. Players outside
 * every team (ghosts, late joiners) stay as they are.
 */
export function collapseTeams<P extends { id: string; footprints: readonly Footprint[] }>(paths: readonly P[], teams: readonly TeamPublic[] | undefined): { path: P; team: TeamPublic | null }[] {
  if (!teams?.length) return paths.map((path) => ({ path, team: null }));
  const out: { path: P; team: TeamPublic | null }[] = [];
  const slot = new Map<string, number>();
  for (const path of paths) {
    const team = teamOfPlayer(teams, path.id);
    if (!team) { out.push({ path, team: null }); continue; }
    const at = slot.get(team.id);
    if (at === undefined) { slot.set(team.id, out.length); out.push({ path, team }); continue; }
    if (path.footprints.length > out[at]!.path.footprints.length) out[at] = { path, team };
  }
  return out;
}

/** A revealed team's proposals as map spokes: from where the team stood to where each proposal alone would have gone. */
export function spokesOf(team: RevealedTeam): [[number, number], [number, number]][] {
  return team.ticks.flatMap((t) => t.proposals.map((p) => [t.from, p.to] as [[number, number], [number, number]]));
}

/** The reveal's line on a team's noise: a single proposal's miss of the full-batch step against the mean's. */
export function noiseLine(team: RevealedTeam): string {
  const n = team.noise;
  if (!n) return "Never two proposals in one tick: nothing to average.";
  const cut = n.teamError > 0 ? ` (${(n.memberError / n.teamError).toFixed(1)}× less noise)` : "";
  return `One proposal missed the full-batch step by ${Math.round(100 * n.memberError)} % of a step, ${n.memberAngle.toFixed(0)}° off; the mean of ${n.meanProposals.toFixed(n.meanProposals % 1 ? 1 : 0)} by ${Math.round(100 * n.teamError)} %, ${n.teamAngle.toFixed(0)}° off${cut}.`;
}

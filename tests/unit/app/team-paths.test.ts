// One path per team on the map: members' paths collapse into the team's longest, others stay; a
// revealed team's proposals become spokes from where it stood.
import { describe, expect, it } from "vitest";
import { collapseTeams, noiseLine, spokesOf, teamColor, teamOfPlayer } from "../../../app/_lib/team-paths";
import type { RevealedTeam, TeamPublic } from "../../../lib/protocol/server";

const fp = (x: number) => ({ x, y: 0, loss: 1, grad: [0, 0] as [number, number] });
const teams: TeamPublic[] = [
  { id: "team-1", name: "Red", color: "#e5484d", members: [{ key: "a", playerId: "a", nickname: "A" }, { key: "b", playerId: "b", nickname: "B" }] },
  { id: "team-2", name: "Blue", color: "#3e63dd", members: [{ key: "c", playerId: "c", nickname: "C" }, { key: "mate-1", playerId: null, nickname: "Teammate 1" }] },
];

describe("team paths", () => {
  it("collapse each team's members into its longest path and leave everyone else", () => {
    const paths = [
      { id: "a", footprints: [fp(0), fp(1)] },
      { id: "ghost", footprints: [fp(0), fp(2), fp(3)] },
      { id: "b", footprints: [fp(0), fp(1), fp(2)] },
      { id: "c", footprints: [fp(0)] },
    ];
    const out = collapseTeams(paths, teams);
    expect(out.map((o) => [o.path.id, o.team?.id ?? null])).toEqual([["b", "team-1"], ["ghost", null], ["c", "team-2"]]);
    expect(collapseTeams(paths, undefined).map((o) => o.path.id)).toEqual(["a", "ghost", "b", "c"]);
  });

  it("finds a player's team, reads its colour, and turns proposals into spokes", () => {
    expect(teamOfPlayer(teams, "c")?.name).toBe("Blue");
    expect(teamOfPlayer(teams, "z")).toBeUndefined();
    expect(teamColor(teams[0]!)).toBe(0xe5484d);
    const revealed: RevealedTeam = {
      ...teams[0]!,
      ticks: [{ k: 1, from: [0, 0], proposals: [{ key: "a", to: [1, 0] }, { key: "b", to: [0, 1] }], to: [0.5, 0.5] }],
      noise: { ticks: 1, meanProposals: 2, memberAngle: 45, teamAngle: 0, memberError: 0.7, teamError: 0.1 },
    };
    expect(spokesOf(revealed)).toEqual([[[0, 0], [1, 0]], [[0, 0], [0, 1]]]);
    expect(noiseLine(revealed)).toBe("One proposal missed the full-batch step by 70 % of a step, 45° off; the mean of 2 by 10 %, 0° off (7.0× less noise).");
  });
});

// Teams ("be the cluster"): forming them (balanced, deterministic, a lone walker gets ghost
// teammates), a member's proposal against the walk's own step rule, the tick's mean against a hand
// calculation, averaging's cut of minibatch noise against the 1/√m of independent noise, and the
// debrief's angles against a hand calculation.
import { describe, expect, it } from "vitest";
import { angleDeg, formTeams, meanOf, proposalOf, teamMove, teamNoise, teamNoteText, waitingFor, type Team } from "../../../lib/game/teams";
import { momentumStep, proposeStep, recordStep, startWalk, type Walk } from "../../../lib/game/walk";
import { Rng } from "../../../lib/landscape/prng";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
const names = (n: number) => Object.fromEntries(ids(n).map((id) => [id, id.toUpperCase()]));
const at = (x: number, y: number, g: [number, number]) => ({ x, y, loss: 1, grad: g });

describe("forming teams", () => {
  it("puts everyone in exactly one team, balanced (sizes differ by at most one), none above the size", () => {
    for (let n = 2; n <= 40; n++) {
      for (let size = 2; size <= 8; size++) {
        const teams = formTeams(ids(n), names(n), size, 1234 + n);
        const people = teams.flatMap((t) => t.members.filter((m) => m.seatId).map((m) => m.seatId!));
        expect(people.sort()).toEqual(ids(n).sort());
        const sizes = teams.map((t) => t.members.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(size);
        expect(teams.length).toBe(Math.ceil(n / size));
      }
    }
  });

  it("is decided by the round's seed: the same seed forms the same teams, another seed others", () => {
    const a = formTeams(ids(12), names(12), 3, 42);
    expect(formTeams(ids(12), names(12), 3, 42)).toEqual(a);
    const b = formTeams(ids(12), names(12), 3, 43);
    expect(b.map((t) => t.members.map((m) => m.key))).not.toEqual(a.map((t) => t.members.map((m) => m.key)));
  });

  it("gives every member a minibatch stream of their own, and teams distinct names and colours", () => {
    const teams = formTeams(ids(30), names(30), 4, 7);
    const seeds = teams.flatMap((t) => t.members.map((m) => m.batchSeed));
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(new Set(teams.map((t) => t.name)).size).toBe(teams.length);
    expect(teams[0]!.name).toBe("Red");
  });

  it("fills a lone walker's team with ghost teammates up to the size (a solo round)", () => {
    const [team] = formTeams(["me"], { me: "Ana" }, 4, 9);
    expect(team!.members.map((m) => [m.key, m.seatId, m.name])).toEqual([
      ["me", "me", "Ana"], ["mate-1", null, "Teammate 1"], ["mate-2", null, "Teammate 2"], ["mate-3", null, "Teammate 3"],
    ]);
  });
});

describe("a member's proposal", () => {
  it("is the displacement the member's own step would make: the slope they felt, their aim, their step size", () => {
    const walk = startWalk(at(0.5, -0.2, [0.3, -0.4]), 10);
    for (const dir of ["downhill", [1, 2]] as const) {
      const p = proposalOf(walk, dir, 0.7);
      const t = proposeStep(walk.path[0]!, dir, 0.7);
      expect(p.delta[0]).toBeCloseTo(t[0] - 0.5, 14);
      expect(p.delta[1]).toBeCloseTo(t[1] + 0.2, 14);
      expect(p.lr).toBe(0.7);
    }
    // Downhill is −lr·g, by hand.
    const d = proposalOf(walk, "downhill", 0.5).delta;
    expect(d[0]).toBeCloseTo(-0.15, 14);
    expect(d[1]).toBeCloseTo(0.2, 14);
  });

  it("keeps the team's velocity with momentum (the heavy ball over the team's own path)", () => {
    const walk = startWalk(at(0, 0, [1, 0]), 10);
    recordStep(walk, [-0.5, 0], 0.5, { felt: { loss: 1, grad: [1, 0] }, truth: null, inside: true, explodesAbove: 1e9 });
    const p = proposalOf(walk, "downhill", 0.5, 0.9);
    const t = momentumStep(walk, "downhill", 0.5, 0.9);
    expect(p.delta).toEqual([t[0] + 0.5, t[1]]);
    expect(p.delta[0]).toBeCloseTo(-0.5 - 0.9 * 0.5, 14);
  });
});

/** A team of the given people with the walks the apply step would give them (all at the same point). */
function teamWith(keys: string[], mates: Record<string, [number, number]>, from: [number, number]): { team: Team; walks: Record<string, Walk> } {
  const team: Team = {
    id: "team-1", name: "Red", color: "#e5484d", ticks: [], pending: {}, mateGrads: mates,
    members: [...keys.map((k, i) => ({ key: k, seatId: k, name: k, batchSeed: i })), ...Object.keys(mates).map((k, i) => ({ key: k, seatId: null, name: k, batchSeed: 100 + i }))],
  };
  const walks = Object.fromEntries(keys.map((k) => [k, startWalk(at(from[0], from[1], [0, 0]), 5)]));
  return { team, walks };
}

describe("a team's tick", () => {
  it("moves by the mean of the proposals made: a member who did not propose does not count", () => {
    const { team, walks } = teamWith(["a", "b", "c"], {}, [1, 2]);
    team.pending = { a: { delta: [0.3, 0], lr: 0.2 }, b: { delta: [0, -0.6], lr: 0.4 } };
    expect(waitingFor(team, walks)).toEqual(["c"]);
    const m = teamMove(team, walks)!;
    expect(m.k).toBe(1);
    expect(m.from).toEqual([1, 2]);
    expect(m.target[0]).toBeCloseTo(1 + 0.15, 14);
    expect(m.target[1]).toBeCloseTo(2 - 0.3, 14);
    expect(m.lr).toBeCloseTo(0.3, 14);
    expect(Object.keys(m.proposals).sort()).toEqual(["a", "b"]);
  });

  it("adds ghost teammates' proposals: each −lr·g on its own slope, at the people's mean step size", () => {
    const { team, walks } = teamWith(["me"], { "mate-1": [1, 0], "mate-2": [0, 2] }, [0, 0]);
    team.pending = { me: { delta: [-0.3, -0.3], lr: 0.5 } };
    const m = teamMove(team, walks)!;
    expect(m.proposals["mate-1"]!.delta).toEqual([-0.5, -0]);
    expect(m.proposals["mate-2"]!.delta).toEqual([-0, -1]);
    expect(m.target[0]).toBeCloseTo((-0.3 - 0.5 + 0) / 3, 14);
    expect(m.target[1]).toBeCloseTo((-0.3 + 0 - 1) / 3, 14);
  });

  it("is nothing while nobody has proposed", () => {
    const { team, walks } = teamWith(["a", "b"], { "mate-1": [1, 1] }, [0, 0]);
    expect(teamMove(team, walks)).toBeNull();
  });

  it("cuts independent minibatch noise like 1/√m: data-parallel SGD, measured over many ticks", () => {
    const g: [number, number] = [0.8, -0.6];
    const sigma = 0.5;
    const rng = new Rng(5);
    for (const m of [1, 2, 4, 8]) {
      let err2 = 0;
      const n = 4000;
      for (let i = 0; i < n; i++) {
        const keys = ids(m);
        const { team, walks } = teamWith(keys, {}, [0, 0]);
        // Each member proposes −lr·(g + noise) from their own minibatch slope.
        for (const k of keys) team.pending[k] = { delta: [-(g[0] + sigma * rng.gaussian()), -(g[1] + sigma * rng.gaussian())], lr: 1 };
        const t = teamMove(team, walks)!.target;
        err2 += (t[0] + g[0]) ** 2 + (t[1] + g[1]) ** 2;
      }
      // E|mean − (−g)|² = 2σ²/m (two coordinates): the rms error shrinks like 1/√m, within 5 %.
      expect(Math.sqrt(err2 / n) / Math.sqrt((2 * sigma * sigma) / m)).toBeGreaterThan(0.95);
      expect(Math.sqrt(err2 / n) / Math.sqrt((2 * sigma * sigma) / m)).toBeLessThan(1.05);
    }
  });
});

describe("the debrief's measure of the noise averaging cut", () => {
  it("compares each proposal's miss of the full-batch step (and angle from the true downhill) with the averaged move's, by hand", () => {
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    // True slope (−1, 0): downhill is +x. Two proposals 30° either side; their mean points straight downhill.
    const team: Team = {
      id: "team-1", name: "Blue", color: "#3e63dd", pending: {}, mateGrads: {},
      members: [{ key: "a", seatId: "a", name: "Ana", batchSeed: 1 }, { key: "b", seatId: "b", name: "Ben", batchSeed: 2 }],
      ticks: [
        { k: 1, from: [0, 0], proposals: { a: { delta: [c, s], lr: 1 }, b: { delta: [c, -s], lr: 1 } }, move: meanOf([[c, s], [c, -s]]) },
        // One proposal only: nothing was averaged, so the tick is not counted.
        { k: 2, from: [c, 0], proposals: { a: { delta: [0, 1], lr: 1 } }, move: [0, 1] },
      ],
    };
    const noise = teamNoise(team, () => [-1, 0])!;
    expect(noise.ticks).toBe(1);
    expect(noise.meanProposals).toBe(2);
    expect(noise.memberAngle).toBeCloseTo(30, 10);
    expect(noise.teamAngle).toBeCloseTo(0, 5);
    // Each misses the full-batch step (1, 0) by |(c − 1, ±s)| = 2 sin 15°; their mean by 1 − c; the step is 1 long.
    expect(noise.memberError).toBeCloseTo(2 * Math.sin(Math.PI / 12), 12);
    expect(noise.teamError).toBeCloseTo(1 - c, 12);
    expect(angleDeg([1, 0], [0, 3])).toBeCloseTo(90, 12);
    const text = teamNoteText(team, noise, 4);
    expect(text).toContain("Team Blue (Ana, Ben) felt the slope each on their own minibatch of 4.");
    expect(text).toContain("missed the full-batch step by 52 % of a step and pointed 30° from the true downhill on average");
    expect(text).toContain("the team's mean missed by 13 % and pointed 0° off");
    expect(text).toContain(`cut the error ${((2 * Math.sin(Math.PI / 12)) / (1 - c)).toFixed(1)}×`);
    expect(teamNoteText(team, null, 4)).toContain("never had two proposals");
  });
});

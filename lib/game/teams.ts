// "Be the cluster": data-parallel SGD played by a team. Every member feels the slope on their own
// minibatch at the team's one position and proposes a step (direction × step size); each tick the
// team moves by the average of the proposals, as the workers of a cluster average their gradients
// (Dean et al. 2012, Goyal et al. 2017). A team of m averages m independent minibatch slopes, so the
// noise of its step shrinks like 1/√m: the reveal measures how much it did. Pure: the room's log
// carries every proposal and every landing, so a replay rebuilds the team exactly.
import { createRng, mixSeed, shuffle } from "../landscape/prng";
import { canStep, momentumStep, here, type StepDir, type Walk } from "./walk";

/** Smallest and largest team (1 = no teams). */
export const MIN_TEAM = 2;
export const MAX_TEAM = 8;

/** How long a tick stays open after its first proposal, ms: an idle teammate cannot block the team. */
export const TEAM_TICK_MS = 4000;

/** Team names and colours, in order (beyond eight teams the names get a number). */
export const TEAM_NAMES = ["Red", "Blue", "Green", "Gold", "Violet", "Teal", "Orange", "Pink"] as const;
export const TEAM_COLORS = ["#e5484d", "#3e63dd", "#30a46c", "#d6a10f", "#8e4ec6", "#12a594", "#f76b15", "#d6409f"] as const;

/** One member of a team: a seat, or a ghost teammate (a lone walker's, felt and proposed by the server). */
export interface TeamMember {
  /** The member's key in proposals and landings: the seat id, or "mate-<n>" for a ghost teammate. */
  key: string;
  seatId: string | null;
  name: string;
  /** The member's own minibatch stream: step k's batch is drawn with mixSeed(batchSeed, k). */
  batchSeed: number;
}

/** A member's proposed step: its displacement (player coordinates) and step size. */
export interface Proposal {
  delta: [number, number];
  lr: number;
}

/** One tick of a team: where it stood, every proposal, and the averaged move it made. */
export interface TeamTick {
  k: number;
  from: [number, number];
  proposals: Record<string, Proposal>;
  move: [number, number];
}

/** A team during a round: its members, its ticks, the open tick's proposals, its ghost teammates' felt slopes. */
export interface Team {
  id: string;
  name: string;
  color: string;
  members: TeamMember[];
  ticks: TeamTick[];
  /** Proposals of the open tick (number ticks.length + 1), by member key. */
  pending: Record<string, Proposal>;
  /** What each ghost teammate felt where the team stands (its own minibatch): the slope it proposes from. */
  mateGrads: Record<string, [number, number]>;
}

/** The seed of a member's minibatches: distinct for every member of every team of the round. */
export function memberBatchSeed(roundSeed: number, index: number): number {
  return mixSeed(roundSeed, 0x7ea5, index);
}

/**
 * Splits the round's people into teams of at most `size`, balanced (sizes differ by at most one),
 * shuffled by the round's seed so the same log always forms the same teams. A team of one person
 * is filled with ghost teammates up to `size` (a solo round is one such team), so nobody averages
 * alone.
 */
export function formTeams(seatIds: readonly string[], names: Readonly<Record<string, string>>, size: number, roundSeed: number): Team[] {
  const order = shuffle([...seatIds], createRng(mixSeed(roundSeed, 0x7ea3)));
  const count = Math.max(1, Math.ceil(order.length / size));
  const groups: string[][] = Array.from({ length: count }, () => []);
  order.forEach((id, i) => groups[i % count]!.push(id));
  let index = 0;
  return groups.map((ids, t) => {
    const members: TeamMember[] = ids.map((id) => ({ key: id, seatId: id, name: names[id] ?? "?", batchSeed: memberBatchSeed(roundSeed, index++) }));
    if (members.length === 1) {
      for (let n = 1; members.length < size; n++) members.push({ key: `mate-${n}`, seatId: null, name: `Teammate ${n}`, batchSeed: memberBatchSeed(roundSeed, index++) });
    }
    const lap = Math.floor(t / TEAM_NAMES.length);
    return {
      id: `team-${t + 1}`,
      name: TEAM_NAMES[t % TEAM_NAMES.length]! + (lap > 0 ? ` ${lap + 1}` : ""),
      color: TEAM_COLORS[t % TEAM_COLORS.length]!,
      members, ticks: [], pending: {}, mateGrads: {},
    };
  });
}

/** The team a seat walks in, if the round has teams. */
export function teamOf(teams: readonly Team[] | undefined, seatId: string): Team | undefined {
  return teams?.find((t) => t.members.some((m) => m.seatId === seatId));
}

/** A member's proposed step: where their own step would go (their slope, their aim, their step size, momentum), as a displacement. */
export function proposalOf(walk: Walk, dir: StepDir, lr: number, beta = 0): Proposal {
  const at = here(walk);
  const [x, y] = momentumStep(walk, dir, lr, beta);
  return { delta: [x - at.x, y - at.y], lr };
}

/** Members (seats) who still walk and have not proposed in the open tick: the tick waits for them, or for its timer. */
export function waitingFor(team: Team, walks: Readonly<Record<string, Walk>>): string[] {
  return team.members.filter((m) => m.seatId !== null && walks[m.seatId] && canStep(walks[m.seatId]!) && !team.pending[m.key]).map((m) => m.key);
}

/** Members whose walk moves with the team's next tick (they still walk), seats and ghost teammates. */
export function movingMembers(team: Team, walks: Readonly<Record<string, Walk>>): TeamMember[] {
  return team.members.filter((m) => m.seatId === null || (walks[m.seatId] !== undefined && canStep(walks[m.seatId]!)));
}

/** Where the team stands: the end of its longest member walk (every member's path is the team's, up to where it stopped). */
export function teamWalk(team: Team, walks: Readonly<Record<string, Walk>>): Walk | undefined {
  let best: Walk | undefined;
  for (const m of team.members) {
    const w = m.seatId !== null ? walks[m.seatId] : undefined;
    if (w && (!best || w.path.length > best.path.length)) best = w;
  }
  return best;
}

/** The mean of vectors (none: zero). */
export function meanOf(vs: readonly (readonly [number, number])[]): [number, number] {
  if (!vs.length) return [0, 0];
  let x = 0;
  let y = 0;
  for (const v of vs) { x += v[0]; y += v[1]; }
  return [x / vs.length, y / vs.length];
}

/**
 * The team's move at the open tick: every proposal made (the members who did not propose count as
 * not proposing), plus each ghost teammate's, which follows its own minibatch slope at the people's
 * mean step size (Δ = −lr·g). The move is their mean; its step size is the people's mean. Null when
 * no person has proposed (the tick has nothing to average) or the team no longer walks.
 */
export function teamMove(team: Team, walks: Readonly<Record<string, Walk>>): { k: number; from: [number, number]; target: [number, number]; lr: number; proposals: Record<string, Proposal> } | null {
  const walk = teamWalk(team, walks);
  const people = Object.entries(team.pending);
  if (!walk || !people.length || !canStep(walk)) return null;
  const lr = people.reduce((s, [, p]) => s + p.lr, 0) / people.length;
  const proposals: Record<string, Proposal> = Object.fromEntries(people.map(([k, p]) => [k, { delta: [p.delta[0], p.delta[1]] as [number, number], lr: p.lr }]));
  for (const m of team.members) {
    const g = m.seatId === null ? team.mateGrads[m.key] : undefined;
    if (g) proposals[m.key] = { delta: [-lr * g[0], -lr * g[1]], lr };
  }
  const at = here(walk);
  const move = meanOf(Object.values(proposals).map((p) => p.delta));
  return { k: team.ticks.length + 1, from: [at.x, at.y], target: [at.x + move[0], at.y + move[1]], lr, proposals };
}

/** The angle between two vectors, degrees (null when either is zero). */
export function angleDeg(a: readonly [number, number], b: readonly [number, number]): number | null {
  const na = Math.hypot(a[0], a[1]);
  const nb = Math.hypot(b[0], b[1]);
  if (!(na > 0) || !(nb > 0)) return null;
  const c = Math.max(-1, Math.min(1, (a[0] * b[0] + a[1] * b[1]) / (na * nb)));
  return (Math.acos(c) * 180) / Math.PI;
}

/** How much averaging smoothed a team's noise, measured against the full-batch slope at each tick. */
export interface TeamNoise {
  /** Ticks with at least two proposals and a known true slope. */
  ticks: number;
  /** Mean number of proposals averaged per tick. */
  meanProposals: number;
  /** Mean angle between a single member's proposal and the true downhill, degrees. */
  memberAngle: number;
  /** Mean angle between the team's averaged move and the true downhill, degrees. */
  teamAngle: number;
  /**
   * How far a single proposal lands from the full-batch step at its own step size (−lr·∇L), and
   * the averaged move from the mean of those, each summed over the ticks and divided by the summed
   * length of the full-batch steps: the noise, as a share of a step. Their ratio is what averaging
   * cut; for m independent minibatches it is √m. (Angles saturate near a valley's floor, where the
   * true slope fades and any noise turns the step every way; these do not.)
   */
  memberError: number;
  teamError: number;
}

/**
 * The noise a team's averaging removed. `trueGrad(k)` is the full-batch slope where tick k started
 * (footprint k − 1 of the team's path), null where unknown. Pure; every proposal counts, aimed
 * ones too (their aim's disagreement is noise the mean smooths as well).
 */
export function teamNoise(team: Team, trueGrad: (k: number) => readonly [number, number] | null): TeamNoise | null {
  let ticks = 0, n = 0, member = 0, members = 0, avg = 0, memberErr = 0, teamErr = 0, stepLen = 0;
  for (const t of team.ticks) {
    const g = trueGrad(t.k);
    const props = Object.values(t.proposals);
    if (!g || props.length < 2) continue;
    const down: [number, number] = [-g[0], -g[1]];
    const a = angleDeg(t.move, down);
    const each = props.map((p) => angleDeg(p.delta, down)).filter((x): x is number => x !== null);
    if (a === null || !each.length) continue;
    ticks++;
    n += props.length;
    avg += a;
    member += each.reduce((s, x) => s + x, 0);
    members += each.length;
    // e_i = Δ_i − (−lr_i·∇L): what the minibatch (or the aim) added to the full-batch step.
    const errs = props.map((p) => [p.delta[0] + p.lr * g[0], p.delta[1] + p.lr * g[1]] as [number, number]);
    memberErr += errs.reduce((s, e) => s + Math.hypot(e[0], e[1]), 0) / errs.length;
    const e = meanOf(errs);
    teamErr += Math.hypot(e[0], e[1]);
    const r = meanOf(props.map((p) => [-p.lr * g[0], -p.lr * g[1]] as [number, number]));
    stepLen += Math.hypot(r[0], r[1]);
  }
  if (!ticks) return null;
  const per = stepLen > 0 ? stepLen : 1;
  return { ticks, meanProposals: n / ticks, memberAngle: member / members, teamAngle: avg / ticks, memberError: memberErr / per, teamError: teamErr / per };
}

/** A share as a percentage for a sentence. */
const pct = (v: number) => `${v >= 10 ? v.toExponential(0) : Math.round(100 * v)} %`;

/** The debrief's sentence on a team: how far single proposals strayed from the full-batch step, and the average. */
export function teamNoteText(team: Team, noise: TeamNoise | null, batch: number): string {
  const who = team.members.map((m) => m.name).join(", ");
  if (!noise) return `Team ${team.name} (${who}) never had two proposals to average in one tick: averaging had nothing to smooth.`;
  const m = noise.meanProposals;
  const mm = m.toFixed(m % 1 ? 1 : 0);
  const ratio = noise.teamError > 0 ? noise.memberError / noise.teamError : Infinity;
  const felt = batch > 0 ? `each on their own minibatch of ${batch}` : "each on the full batch (the same slope: only their aims differed)";
  const cut = noise.teamError < noise.memberError
    ? `averaging ${mm} proposals cut the error ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : "to nothing"} (independent noise shrinks √${mm} ≈ ${Math.sqrt(m).toFixed(1)}×): that is data-parallel SGD, a cluster averaging its workers' gradients.`
    : "averaging did not help here: the proposals erred the same way, so their mean erred too.";
  return `Team ${team.name} (${who}) felt the slope ${felt}. A single proposal missed the full-batch step by ${pct(noise.memberError)} of a step and pointed ${noise.memberAngle.toFixed(0)}° from the true downhill on average; the team's mean missed by ${pct(noise.teamError)} and pointed ${noise.teamAngle.toFixed(0)}° off: ${cut}`;
}

// The debrief: sentences drawn from walk analyses (analysis.ts), each one about something that was
// measured on the true landscape, or nothing at all. A walker gets notes about their own walk
// ("You ..."); the room (the projector, a race's reveal) gets notes about everyone, each pointing
// at the path that shows it. Pure.
import { BACKPROP_PASSES, finiteDifferencePasses, passesRead } from "./compute";
import type { DebriefNote } from "../protocol/server";
import type { GhostKind, Outcome, RoundEnd } from "../protocol/common";
import { learnedShare, valleyLevel, type AltitudeScale } from "./altitude";
import type { NamedStall, WalkAnalysis } from "./analysis";
import { opposite } from "./terrain";

/** What the sentences need to know about the round. */
export interface DebriefLand {
  /** The kind of room: a class's host is "the teacher", a race's is its creator. */
  room: "solo" | "race" | "class";
  scale: AltitudeScale;
  budget: number;
  batch: number;
  samples: number;
  suggestedLr: number;
  /** A compute-priced round's budget in passes over the data (absent: a budget of steps). */
  passes?: number;
  /** The network's weights and biases (the map is a 2-D slice through them). */
  params?: number;
}

const thousands = (n: number) => n.toLocaleString("en");

/**
 * A round without backprop: what the walk spent in forward passes, what backprop would have spent
 * for the same walk, and what finite differences would cost in all of this network's weights.
 */
function probeNote(a: WalkAnalysis, land: DebriefLand, you: boolean): string {
  const p = a.probing!;
  const spent = p.probes + p.steps;
  const bp = BACKPROP_PASSES * p.steps;
  const who = you ? "You" : a.nickname;
  const angle = p.meanAngle !== null ? ` ${you ? "Your" : "Their"} estimates pointed on average ${Math.round(p.meanAngle)}° away from the true slope.` : "";
  const weights = land.params
    ? ` And this was a 2-D slice: for the whole gradient of this network's ${thousands(land.params)} weights, finite differences need ${thousands(finiteDifferencePasses(land.params))} forward passes per step, backprop still about ${BACKPROP_PASSES}.`
    : "";
  return `${who} felt around ${plural(p.probes, "time")} and took ${plural(p.steps, "step")}: ${plural(spent, "forward pass", "forward passes")}. With backprop the exact slope at each of those ${plural(p.steps, "spot")} costs about ${BACKPROP_PASSES} passes (a forward and a backward pass), ${plural(bp, "pass", "passes")} for the same walk.${angle}${weights}`;
}

/** A compute-priced round's note: what the walk read, and what the same compute buys on the full batch. */
function computeNote(a: WalkAnalysis, land: DebriefLand, you: boolean): string {
  const read = passesRead(a.steps, land.batch, land.samples);
  const who = you ? "You" : a.nickname;
  const each = land.batch > 0 ? `steps on batches of ${Math.min(land.batch, land.samples)} of the ${land.samples} samples` : `steps on all ${land.samples} samples`;
  const full = land.batch > 0
    ? ` The same ${plural(land.passes!, "pass", "passes")} would buy ${plural(land.passes!, "exact step")} on the whole dataset: the batch traded exactness for ${Math.round(land.samples / Math.min(land.batch, land.samples))}× as many steps.`
    : ` On batches of ${Math.max(1, Math.round(land.samples / 16))} the same compute would buy 16× as many steps, each with a noisier slope.`;
  return `${who} read ${read.toFixed(read < 10 ? 1 : 0)} of ${plural(land.passes!, "pass", "passes")} over the data: ${a.steps} ${each}.${full}`;
}

/** Formats a loss for a sentence. */
export function fmtLoss(v: number): string {
  if (!Number.isFinite(v)) return "∞";
  if (Math.abs(v) >= 1e5) return v.toExponential(1);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const span = (s: NamedStall) => (s.to - s.from <= 1 ? `Step ${s.to}` : `Steps ${s.from}–${s.to}`);

/** Where a final loss sits on the scale, as a clause: "in the valley (…)" or "n % of the way …". */
function whereOnScale(loss: number, land: DebriefLand): string {
  const s = land.scale;
  const top = fmtLoss(valleyLevel(s));
  if (loss <= valleyLevel(s)) return `in the valley (it reaches up to ${top}; chance is ${fmtLoss(s.chance)})`;
  if (loss > s.chance * 1.01) return `worse than chance (${fmtLoss(s.chance)}, what a network that gives every input the same answer scores)`;
  if (learnedShare(s, loss) < 0.01) return `at chance (${fmtLoss(s.chance)}): the network gives every input the same answer`;
  return `${Math.floor(100 * learnedShare(s, loss))} % of the way from chance (${fmtLoss(s.chance)}) down to the lowest point (${fmtLoss(s.min)}), short of the valley (up to ${top})`;
}

/** Who revealed early, as the start of a sentence. */
function hostWho(land: DebriefLand): string {
  return land.room === "race" ? "The race's host ended the race" : "The teacher revealed the map";
}

/** How the walk ended, for its owner. */
function endSentence(a: WalkAnalysis, land: DebriefLand, end: RoundEnd, you: boolean): string {
  const who = you ? "You" : a.nickname;
  const left = land.budget - a.steps;
  let how: string;
  if (a.status === "spent") how = `${who} used all ${land.budget} steps`;
  else if (a.status === "done") how = `${who} stopped after ${a.steps} of ${land.budget} steps`;
  else if (a.status === "left" || a.status === "diverged") how = `${you ? "Your" : `${a.nickname}'s`} walk ended on step ${a.steps}, off the map`;
  else if (end.by === "clock") how = `Time ran out with ${plural(left, "step")} of ${land.budget} left`;
  else if (end.by === "host") how = `${hostWho(land)} with ${plural(left, "step")} of ${land.budget} still to walk`;
  else if (end.by === "winner") how = end.playerId === a.playerId ? `${who} reached the valley first, on step ${a.steps}, and won the race` : `${end.nickname} reached the valley first, on step ${end.steps}, which ended the race after ${plural(a.steps, "step")} of ${you ? "yours" : a.nickname + "'s"}`;
  else how = `${who} took ${plural(a.steps, "step")}`;
  if (a.finalLoss === null) return `${how}.`;
  return `${how}, ending at loss ${fmtLoss(a.finalLoss)}: ${whereOnScale(a.finalLoss, land)}.`;
}

/** The sentence for one stall, or null when there is nothing to teach (resting in the valley). */
function stallSentence(s: NamedStall, a: WalkAnalysis, land: DebriefLand, you: boolean): string | null {
  if (s.loss <= valleyLevel(land.scale)) return null;
  const where = `${span(s)} at ${fmtLoss(s.loss)}${s.atChance ? ", exactly chance: the network gave every input the same answer" : ""}`;
  const g = s.ground;
  const rise = g.steepestRise, fall = g.steepestFall;
  const then = s.escaped ? `${you ? "You" : a.nickname} kept walking and escaped.` : s.to === a.steps ? `The walk ended there.` : "";
  switch (g.shape) {
    case "saddle":
      return `${where}. The ground rose to the ${rise ?? "sides"} and fell to the ${fall ?? "other sides"}: a saddle, not the bottom. ${then}`.trim();
    case "plateau":
      return `${where}. The ground was level all around: a plateau. Where the slope is this gentle every step is tiny; a bigger step size gets across. ${then}`.trim();
    case "minimum":
      return `${where}. The ground rose on every side: a local minimum, but far above the valley (up to ${fmtLoss(valleyLevel(land.scale))}). Following the slope cannot climb out of it; another start or a bolder step can. ${then}`.trim();
    case "floor":
      return `${where}, along a valley floor: walls rose to the ${rise ?? "sides"} and ${rise ? opposite(rise) : "across"}, and the floor fell gently to the ${fall ?? "far end"}. Along a floor the slope is small, so steps shrink; a bigger step goes faster, until it bounces off the walls. ${then}`.trim();
    case "slope":
      return `${where}: the altitude barely changed although the ground fell to the ${fall ?? "side"}. The steps were too short for the slope. ${then}`.trim();
    case "peak":
      return `${where}, on a rounded top: the ground fell on every side. ${then}`.trim();
  }
}

/** The note kind of a stall's ground. */
const STALL_KIND: Record<NamedStall["ground"]["shape"], DebriefNote["kind"]> = {
  saddle: "saddle", plateau: "plateau", minimum: "local_minimum", floor: "floor", slope: "crawl", peak: "plateau",
};

/** Notes about one walker's own walk (solo, or each racer's and student's own result). */
export function walkNotes(a: WalkAnalysis, land: DebriefLand, end: RoundEnd, you = true): DebriefNote[] {
  const who = you ? "You" : a.nickname;
  const your = you ? "your" : `${a.nickname}'s`;
  const notes: DebriefNote[] = [];
  const note = (kind: DebriefNote["kind"], text: string) => notes.push({ kind, text, playerId: a.playerId });
  if (a.steps === 0) {
    note("end", `${who} did not take a step, so there is nothing to score.`);
    return notes;
  }
  note("end", endSentence(a, land, end, you));
  if (a.valleyStep !== null && end.by !== "winner") note("valley", `${who} reached the valley on step ${a.valleyStep}.`);
  for (const s of a.stalls) {
    const text = stallSentence(s, a, land, you);
    if (text) note(STALL_KIND[s.ground.shape], text);
  }
  if (a.overshoot) {
    const o = a.overshoot;
    const more = o.count > 1 ? ` (${plural(o.count - 1, "more step")} like it)` : "";
    const why = o.steeper >= 2
      ? `The minibatch's slope there was ${o.steeper.toFixed(0)}× steeper than the true one, so the step was that much too long.`
      : "That is an overshoot: a step too big for how narrow the valley is there.";
    note("overshoot", `Step ${o.step} crossed the valley floor and landed higher on the far side: the loss went from ${fmtLoss(o.from)} to ${fmtLoss(o.to)}${more}. ${why}`);
  }
  if (a.noise) {
    const n = a.noise;
    const uphill = n.uphill > 0 ? `, and on ${plural(n.uphill, "step")} it led ${you ? "you" : "them"} uphill while seeming to point down` : "";
    note("noise", `${you ? "Your" : `${a.nickname}'s`} slopes were felt on batches of ${n.batch} of the ${land.samples} samples, so they were noisy: on average ${Math.round(n.meanAngle)}° away from the true slope${uphill}. That noise is the "stochastic" in stochastic gradient descent.`);
  }
  if (a.leftMap) {
    const l = a.leftMap;
    const before = l.before !== null ? ` (it was ${fmtLoss(l.before)} a step before)` : "";
    if (a.status === "diverged") {
      note("diverged", `Step ${l.step} flew off the map so far that the loss exploded${l.loss !== null ? ` to ${fmtLoss(l.loss)}` : " beyond what a number can hold"}${before}: the training diverged. A smaller step size would have stayed on the ground.`);
    } else {
      note("left_map", `Step ${l.step} left the map. Out there the loss is ${l.loss !== null ? fmtLoss(l.loss) : "not measurable"}${before}: the step was too big to land on the map.`);
    }
  }
  if (a.schedule) {
    const s = a.schedule;
    note("schedule", s.to < s.from
      ? `${your[0]!.toUpperCase()}${your.slice(1)} step size shrank ${Math.round(s.factor)}× over the walk (from ${s.from.toPrecision(2)} to ${s.to.toPrecision(2)}): that is a learning-rate schedule, long steps while far away and short ones to settle into the bottom.`
      : `${your[0]!.toUpperCase()}${your.slice(1)} step size grew ${Math.round(s.factor)}× over the walk (from ${s.from.toPrecision(2)} to ${s.to.toPrecision(2)}): a warm-up, the reverse of the usual learning-rate schedule.`);
  }
  if (a.momentum) {
    const m = a.momentum;
    note("momentum", `${who} kept momentum on ${plural(m.steps, "step")} (β up to ${m.maxBeta.toFixed(2)}): each step carried ${Math.round(m.maxBeta * 100)} % of the one before, so steps in the same direction add up and zig-zags across a narrow valley cancel out.`);
  }
  if (land.passes) note("compute", computeNote(a, land, you));
  if (a.probing) note("probe", probeNote(a, land, you));
  if (a.crawl && a.outcome !== "valley") {
    note("crawl", `${you ? "Your" : `${your[0]!.toUpperCase()}${your.slice(1)}`} typical step size${a.momentum ? " (momentum counted: lr/(1 − β))" : ""} was ${a.crawl.medianLr.toPrecision(2)}, about ${Math.round(a.crawl.factor)}× smaller than a sensible one (${land.suggestedLr.toPrecision(2)}): safe, but slow.`);
  }
  return notes;
}

/** Display name of a ghost's optimizer. */
const GHOST_TEXT: Record<GhostKind, string> = { gd: "plain gradient descent", momentum: "gradient descent with momentum", adam: "Adam" };

/** A note about a ghost's walk, for comparison. */
export function ghostNote(a: WalkAnalysis, lr: number): DebriefNote {
  const kind = a.ghost ?? "gd";
  const final = a.finalLoss === null ? "ran off the map" : `ended at loss ${fmtLoss(a.finalLoss)} (${a.outcome === "valley" ? "in the valley" : OUTCOME_WORDS[a.outcome]})`;
  const stall = a.stalls.find((s) => s.ground.shape === "saddle" || s.ground.shape === "plateau");
  const more = stall ? ` It stalled on a ${stall.ground.shape} on steps ${stall.from}–${stall.to}${stall.escaped ? " and escaped" : ""}.` : "";
  return { kind: "ghost", playerId: a.playerId, text: `${a.nickname} (${GHOST_TEXT[kind]}, step size ${lr.toPrecision(2)}) ${final} after ${plural(a.steps, "step")} from the same start.${more}` };
}

/** Short words for outcomes, inside sentences. */
export const OUTCOME_WORDS: Record<Outcome, string> = {
  valley: "reached the valley",
  local_minimum: "stuck in a local minimum",
  saddle: "stopped on a saddle",
  plateau: "stopped on a plateau",
  crawled: "crawled",
  descended: "went down, short of the valley",
  climbed: "ended higher than the start",
  left_map: "left the map",
  diverged: "diverged",
  idle: "did not move",
};

/** Notes for the whole room: a summary, then the most telling example of each lesson, and the distinct valleys. */
export function roomNotes(all: WalkAnalysis[], land: DebriefLand, end: RoundEnd, extentSize: number): DebriefNote[] {
  const people = all.filter((a) => a.ghost === null && a.steps > 0);
  const notes: DebriefNote[] = [];
  if (people.length === 0) return notes;
  const counts = new Map<Outcome, number>();
  for (const a of people) counts.set(a.outcome, (counts.get(a.outcome) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${n} ${OUTCOME_WORDS[o]}`);
  const cut = people.filter((a) => a.status === "walking").length;
  const why = end.by === "host" ? ` ${hostWho(land)}${cut ? ` while ${plural(cut, "walker was", "walkers were")} still walking` : ""}.`
    : end.by === "clock" ? ` The clock ran out${cut ? ` with ${plural(cut, "walker", "walkers")} still walking` : ""}.`
    : end.by === "winner" ? ` ${end.nickname} reached the valley first, on step ${end.steps}, and won the race.` : "";
  notes.push({ kind: "summary", playerId: null, text: `${plural(people.length, "walker")}: ${parts.join(", ")}.${why}` });

  const pick = (kind: DebriefNote["kind"], f: (a: WalkAnalysis) => number | null) => {
    let best: { a: WalkAnalysis; v: number } | null = null;
    for (const a of people) {
      const v = f(a);
      if (v !== null && (!best || v > best.v)) best = { a, v };
    }
    if (!best) return;
    const mine = walkNotes(best.a, land, end, false).find((n) => n.kind === kind);
    // Sentences about one walk name the walker unless they already start with the name.
    if (mine) notes.push(mine.text.startsWith(best.a.nickname) ? mine : { ...mine, text: `${best.a.nickname}: ${mine.text[0]!.toLowerCase()}${mine.text.slice(1)}` });
  };
  pick("saddle", (a) => maxOf(a.stalls.filter((s) => s.ground.shape === "saddle").map((s) => s.to - s.from + (s.escaped ? 100 : 0))));
  pick("plateau", (a) => maxOf(a.stalls.filter((s) => s.ground.shape === "plateau").map((s) => s.to - s.from)));
  pick("local_minimum", (a) => maxOf(a.stalls.filter((s) => s.ground.shape === "minimum" && s.loss > valleyLevel(land.scale)).map((s) => s.to - s.from)));
  pick("overshoot", (a) => (a.overshoot ? a.overshoot.to - a.overshoot.from : null));
  pick("diverged", (a) => (a.status === "diverged" ? 1 : null));
  pick("left_map", (a) => (a.status === "left" ? 1 : null));
  pick("crawl", (a) => (a.crawl && a.outcome !== "valley" ? a.crawl.factor : null));
  pick("noise", (a) => (a.noise ? a.noise.uphill * 1000 + a.noise.meanAngle : null));
  pick("compute", (a) => (land.passes ? passesRead(a.steps, land.batch, land.samples) : null));

  const valleys = distinctEnds(people.filter((a) => a.outcome === "valley"), extentSize);
  if (valleys.length >= 2) {
    notes.push({ kind: "valleys", playerId: null, text: `Walkers ended in ${valleys.length} different valleys, at losses ${valleys.map(fmtLoss).join(", ")}: different minima, nearly equally good.` });
  }
  const reached = people.filter((a) => a.valleyStep !== null).sort((a, b) => a.valleyStep! - b.valleyStep!);
  if (reached[0] && end.by !== "winner") {
    notes.push({ kind: "valley", playerId: reached[0].playerId, text: `${plural(reached.length, "walker")} reached the valley; the fastest, ${reached[0].nickname}, on step ${reached[0].valleyStep}.` });
  }
  return notes;
}

function maxOf(v: number[]): number | null {
  return v.length ? Math.max(...v) : null;
}

/** Where walks ended, as the final losses of clusters 15 % of the map's size apart. */
export function distinctEnds(walks: WalkAnalysis[], extentSize: number): number[] {
  const centres: { x: number; y: number; loss: number }[] = [];
  for (const w of walks) {
    if (w.finalLoss === null) continue;
    const near = centres.find((c) => Math.hypot(c.x - w.end[0], c.y - w.end[1]) < 0.15 * extentSize);
    if (near) near.loss = Math.min(near.loss, w.finalLoss);
    else centres.push({ x: w.end[0], y: w.end[1], loss: w.finalLoss });
  }
  return centres.map((c) => c.loss).sort((a, b) => a - b);
}

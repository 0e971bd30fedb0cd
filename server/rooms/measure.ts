// Measuring the landscape in a round's player coordinates: each round shows its own shifted and
// turned window (lib/game/transform.ts), the training core works in slice coordinates. Every probe
// a room makes goes through here, so no position or slope crosses between the two frames unconverted.
import type { TrueValue } from "../../lib/game/analysis";
import { slopeToPlayer, toPlayer, toSlice, type RoundMap } from "../../lib/game/transform";
import { insideExtent, type Landing, type Walk } from "../../lib/game/walk";
import type { TurnSpec } from "../../lib/landscape/reslice";
import type { Accuracy, Felt } from "../../lib/landscape/types";
import type { GhostPoint, Landscapes, WorkLane } from "./deps";
import { batchOpts } from "./seeds";

/** Where a round measures: its landscape and its window (and, on a slice a walker turned onto, the turns that lead there). */
export interface Frame {
  landscapeId: string;
  map: RoundMap;
  turns?: TurnSpec[];
}

/**
 * The frame of slice s of a walk: the round's own for 0; after a turn, the new slice seen straight
 * (no shift, no turn of the square: its fresh direction is already the round's secret), with the
 * walker's origin at slice coordinates (0, 0), the map's centre.
 */
export function sliceFrame(round: Frame, walk: Walk, s: number): Frame {
  return s === 0 ? round : turnedFrame(round, (walk.turns ?? []).slice(0, s).map((t) => t.spec));
}

/** The frame of the slice these turns lead to from the round's own (see sliceFrame). */
export function turnedFrame(round: Frame, turns: TurnSpec[]): Frame {
  return { landscapeId: round.landscapeId, map: { turn: 0, cells: [0, 0], spacing: round.map.spacing, extent: round.map.extent }, turns };
}

/** What is felt at a player-coordinate point (minibatch when batch > 0), slope in player coordinates. */
export async function feelAt(core: Landscapes, f: Frame, p: readonly [number, number], opts: { batch?: number; seed?: number; offMap?: boolean; lane?: WorkLane } = {}): Promise<Felt> {
  const q = toSlice(f.map, p);
  const felt = await core.probe(f.landscapeId, q[0], q[1], f.turns?.length ? { ...opts, turns: f.turns } : opts);
  const out: Felt = { loss: felt.loss, grad: slopeToPlayer(f.map.turn, felt.grad) };
  if (felt.accuracy) out.accuracy = felt.accuracy; // what the network got right, from the same forward pass
  return out;
}

/** The full-batch loss and slope at a player-coordinate point, on or off the map. */
export async function truthAt(core: Landscapes, f: Frame, p: readonly [number, number], lane: WorkLane = "interactive"): Promise<TrueValue> {
  const felt = await feelAt(core, f, p, { offMap: true, lane });
  return bare(felt);
}

/** How a round's steps are measured. */
export interface StepMeasure {
  frame: Frame;
  /** Minibatch size (0: the full dataset) and the round's seed, for step k's minibatch. */
  batch: number;
  seed: number;
  /** Measure the truth beside a minibatch (somebody watches altitudes live). */
  watchesTruth: boolean;
  explodesAbove: number;
}

/** A felt value without what rides along with it (the accuracy): what a walk records. */
function bare(f: Felt): { loss: number; grad: [number, number] } {
  return { loss: f.loss, grad: f.grad };
}

/**
 * What a step (a player's or a ghost's, number k) finds where it lands. Off the map the walk ends,
 * and what is measured there is the true loss; on the map the walker feels step k's minibatch, and
 * the truth beside it only where somebody watches the altitude live (else at the reveal). `seen`
 * hears what the network got right on the samples felt (on the map, for a classification loss):
 * the walk itself records only altitude and slope.
 */
export async function measureLanding(core: Landscapes, m: StepMeasure, target: readonly [number, number], k: number, seen?: (a: Accuracy) => void): Promise<Landing> {
  const inside = insideExtent(m.frame.map.extent, target[0], target[1]);
  if (!inside) {
    const truth = await truthAt(core, m.frame, target);
    return { felt: truth, truth, inside, explodesAbove: m.explodesAbove };
  }
  if (m.batch === 0) {
    const felt = await feelAt(core, m.frame, target);
    if (felt.accuracy) seen?.(felt.accuracy);
    const v = bare(felt);
    return { felt: v, truth: v, inside, explodesAbove: m.explodesAbove };
  }
  const [felt, truth] = await Promise.all([
    feelAt(core, m.frame, target, batchOpts(m.batch, m.seed, k)),
    m.watchesTruth ? truthAt(core, m.frame, target) : null,
  ]);
  if (felt.accuracy) seen?.(felt.accuracy);
  return { felt: bare(felt), truth, inside, explodesAbove: m.explodesAbove };
}

/** A ghost's path planned in slice coordinates, in player coordinates. */
export function ghostToPlayer(f: Frame, points: GhostPoint[]): GhostPoint[] {
  return points.map((p) => {
    const [x, y] = toPlayer(f.map, [p.x, p.y]);
    const [gx, gy] = slopeToPlayer(f.map.turn, [p.gx, p.gy]);
    return { ...p, x, y, gx, gy };
  });
}

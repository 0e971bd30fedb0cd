// Measuring the landscape in a round's player coordinates: each round shows its own shifted and
// turned window (lib/game/transform.ts), the training core works in slice coordinates. Every probe
// a room makes goes through here, so no position or slope crosses between the two frames unconverted.
import type { TrueValue } from "../../lib/game/analysis";
import { slopeToPlayer, toPlayer, toSlice, type RoundMap } from "../../lib/game/transform";
import type { Felt } from "../../lib/landscape/types";
import type { GhostPoint, Landscapes } from "./deps";

/** Where a round measures: its landscape and its window. */
export interface Frame {
  landscapeId: string;
  map: RoundMap;
}

/** What is felt at a player-coordinate point (minibatch when batch > 0), slope in player coordinates. */
export async function feelAt(core: Landscapes, f: Frame, p: readonly [number, number], opts: { batch?: number; seed?: number; offMap?: boolean } = {}): Promise<Felt> {
  const q = toSlice(f.map, p);
  const felt = await core.probe(f.landscapeId, q[0], q[1], opts);
  return { loss: felt.loss, grad: slopeToPlayer(f.map.turn, felt.grad) };
}

/** The full-batch loss and slope at a player-coordinate point, on or off the map. */
export async function truthAt(core: Landscapes, f: Frame, p: readonly [number, number]): Promise<TrueValue> {
  const felt = await feelAt(core, f, p, { offMap: true });
  return { loss: felt.loss, grad: felt.grad };
}

/** A ghost's path planned in slice coordinates, in player coordinates. */
export function ghostToPlayer(f: Frame, points: GhostPoint[]): GhostPoint[] {
  return points.map((p) => {
    const [x, y] = toPlayer(f.map, [p.x, p.y]);
    const [gx, gy] = slopeToPlayer(f.map.turn, [p.gx, p.gy]);
    return { ...p, x, y, gx, gy };
  });
}

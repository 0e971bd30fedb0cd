// Small shared helpers of the pages: decoding the wire grid and naming outcomes.
import { decodeGridValues } from "@/lib/protocol/grid-codec";
import type { WireGrid } from "@/lib/protocol/server";
import type { Outcome } from "@/lib/protocol/common";
import type { DecodedGrid } from "../_components/LandscapeView";

export function decodeGrid(g: WireGrid): DecodedGrid {
  return { size: g.size, values: decodeGridValues(g.values), min: g.min, max: g.max };
}

export const OUTCOME_TEXT: Record<Outcome, string> = {
  valley: "Reached the valley.",
  descended: "Went downhill, but not all the way to the valley.",
  crawled: "Crawled: steps too small to get far.",
  stalled: "Stalled where the ground went flat (a plateau or a saddle).",
  diverged: "Diverged: a step too big flew off the map.",
  idle: "Did not take a step.",
};

// Small shared helpers of the pages: decoding the wire grid and naming outcomes.
import { decodeGridValues } from "@/lib/protocol/grid-codec";
import type { WireGrid } from "@/lib/protocol/server";
import type { Outcome } from "@/lib/protocol/common";
import type { DecodedGrid } from "../_components/LandscapeView";

/** The wire grid with its values decoded to floats. */
export function decodeGrid(g: WireGrid): DecodedGrid {
  return { size: g.size, values: decodeGridValues(g.values), min: g.min, max: g.max };
}

/** One line per outcome, for the result panel (the debrief says what was measured). */
export const OUTCOME_TEXT: Record<Outcome, string> = {
  valley: "Reached the valley.",
  local_minimum: "Stuck in a local minimum, above the valley.",
  saddle: "Stopped on a saddle: flat, but not the bottom.",
  plateau: "Stopped on a plateau.",
  crawled: "Crawled: steps too small to get far.",
  descended: "Went downhill, but not all the way to the valley.",
  climbed: "Ended higher than the start.",
  left_map: "A step too big left the map.",
  diverged: "Diverged: the loss exploded.",
  idle: "Did not take a step.",
};

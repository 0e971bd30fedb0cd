// Placing path labels so that close paths do not write over each other ("Ghost Adam" over
// "Ghost GD"): greedy, in priority order, each label takes the first spot beside its anchor that
// no earlier label covers, stepping further up and down the side of the anchor when both near
// spots are taken. Pure; pixel boxes in, pixel positions out.

/** A label to place: its anchor (the path's end) and its size, px. */
export interface LabelRequest { id: string; ax: number; ay: number; w: number; h: number }

/** Where a label went (top-left corner) and whether it had to move away from its anchor. */
export interface LabelSpot { x: number; y: number; displaced: boolean }

const GAP = 6;
/** How many rows above and below the anchor a label may move before it accepts an overlap. */
const MAX_ROWS = 8;

interface Box { x: number; y: number; w: number; h: number }

const overlapArea = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/** Places labels in the order given (the most important first) inside a width×height canvas. */
export function placeLabels(requests: readonly LabelRequest[], width: number, height: number): Map<string, LabelSpot> {
  const placed: Box[] = [];
  const out = new Map<string, LabelSpot>();
  for (const r of requests) {
    const clamp = (x: number, y: number): Box => ({ x: Math.max(0, Math.min(width - r.w, x)), y: Math.max(0, Math.min(height - r.h, y)), w: r.w, h: r.h });
    const right = r.ax + GAP, left = r.ax - GAP - r.w, above = r.ay - r.h - 2, below = r.ay + 2;
    const candidates: { box: Box; displaced: boolean }[] = [
      { box: clamp(right, above), displaced: false }, { box: clamp(right, below), displaced: false },
      { box: clamp(left, above), displaced: false }, { box: clamp(left, below), displaced: false },
    ];
    for (let k = 1; k <= MAX_ROWS; k++) {
      for (const x of [right, left]) {
        candidates.push({ box: clamp(x, above - k * (r.h + 1)), displaced: true }, { box: clamp(x, below + k * (r.h + 1)), displaced: true });
      }
    }
    let best = candidates[0]!, bestOverlap = Infinity;
    for (const c of candidates) {
      const o = placed.reduce((sum, p) => sum + overlapArea(c.box, p), 0);
      if (o < bestOverlap) { best = c; bestOverlap = o; }
      if (o === 0) break;
    }
    placed.push(best.box);
    out.set(r.id, { x: best.box.x, y: best.box.y, displaced: best.displaced });
  }
  return out;
}

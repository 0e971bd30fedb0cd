"use client";
// What the network does where the walker stands: how much of its dataset it gets right and, on the
// 2-D sets, its decision regions with the data drawn over them (as TensorFlow Playground draws
// them). The HUD shows it beside the altitude; the reveal shows it at three moments of the walk.
import { useEffect, useRef } from "react";
import type { Moment, RegionsPicture, Sight } from "@/lib/protocol/common";
import { decodeBytes } from "@/lib/protocol/grid-codec";
import { fmtLoss } from "@/lib/game/debrief";
import { percent, sampleNoun, sightSentence } from "@/lib/game/sight";

/** Class colours: orange and blue first (two classes), then more for more. */
const CLASS_RGB: [number, number, number][] = [[244, 162, 97], [76, 201, 240], [144, 238, 144], [247, 37, 133], [255, 209, 102], [181, 131, 255]];
/** The background a toss-up fades to. */
const BASE: [number, number, number] = [16, 22, 32];

/** The RGB of class k. */
function classRgb(k: number): [number, number, number] {
  return CLASS_RGB[k % CLASS_RGB.length]!;
}

/** Paints a picture into a canvas of `px` CSS pixels a side: cells shaded by confidence, then the points. */
function paint(canvas: HTMLCanvasElement, pic: RegionsPicture, px: number): void {
  const dpr = Math.min(3, window.devicePixelRatio || 1);
  const side = Math.round(px * dpr);
  if (canvas.width !== side) { canvas.width = side; canvas.height = side; }
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const cells = decodeBytes(pic.cells);
  const n = pic.size;
  const img = new ImageData(n, n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const b = cells[j * n + i] ?? 0;
      const [r, g, bl] = classRgb(b >> 4);
      const t = 0.22 + 0.6 * ((b & 15) / 15); // a toss-up is faint, certainty strong
      const o = 4 * ((n - 1 - j) * n + i); // row 0 is the low y: drawn at the bottom
      img.data[o] = BASE[0] + t * (r - BASE[0]);
      img.data[o + 1] = BASE[1] + t * (g - BASE[1]);
      img.data[o + 2] = BASE[2] + t * (bl - BASE[2]);
      img.data[o + 3] = 255;
    }
  }
  const tile = document.createElement("canvas");
  tile.width = n;
  tile.height = n;
  tile.getContext("2d")?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(tile, 0, 0, side, side);
  const pts = decodeBytes(pic.points);
  const rad = Math.max(1.2, side / 70);
  ctx.lineWidth = Math.max(0.6, rad / 2.5);
  ctx.strokeStyle = "rgba(0, 0, 0, 0.85)";
  for (let s = 0; s + 2 < pts.length; s += 3) {
    const x = ((pts[s]! + 0.5) / 256) * side;
    const y = side - ((pts[s + 1]! + 0.5) / 256) * side;
    const [r, g, bl] = classRgb(pts[s + 2]!);
    ctx.fillStyle = `rgb(${r}, ${g}, ${bl})`;
    ctx.beginPath();
    ctx.arc(x, y, rad, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

/** A decision-regions picture, `px` CSS pixels a side, with its words as the image's label. */
export function RegionsCanvas({ pic, px, label, testId }: { pic: RegionsPicture; px: number; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, pic, px);
  }, [pic, px]);
  return <canvas ref={ref} className="regions" style={{ width: px, height: px }} role="img" aria-label={label} data-testid={testId} />;
}

/** The dataset facts the words need. */
export interface SightLand {
  dataset: { name: string; samples: number };
}

/** The HUD's part beside the altitude: the picture (2-D sets) and the share right, with chance. */
export function SightStat({ sight, land }: { sight: Sight | null; land: SightLand }) {
  if (!sight) return null;
  const words = sightSentence(sight, land.dataset.name, land.dataset.samples);
  return (
    <div className="sight" data-testid="sight" title={words}>
      {sight.regions ? <RegionsCanvas pic={sight.regions} px={80} label={`What the network answers across its inputs here. ${words}`} testId="sight-regions" /> : null}
      <span className="sight-numbers">
        <span className="stat-label">Right</span>
        <span className="sight-share" data-testid="sight-share">{percent(sight.correct / sight.of)}</span>
        <span className="stat-label wide-only">{sight.of < land.dataset.samples ? `of ${sight.of} ${sampleNoun(land.dataset.name)} · ` : ""}chance {percent(sight.chance)}</span>
      </span>
      <span className="sr-only">{words}</span>
    </div>
  );
}

/** A moment's heading. */
function momentTitle(m: Moment): string {
  if (m.kind === "start") return "Start";
  if (m.kind === "end") return `End · step ${m.step}`;
  return `Stall · steps ${m.from ?? m.step}–${m.to ?? m.step}`;
}

/** The reveal's panel: the network at the walk's start, its worst stall and its end. */
export function Moments({ moments, land }: { moments: Moment[]; land: SightLand }) {
  if (!moments.length) return null;
  return (
    <section className="panel moments" data-testid="moments" aria-labelledby="moments-title">
      <h2 className="panel-title" id="moments-title">What the network did along your walk</h2>
      <ol className="moment-list">
        {moments.map((m) => {
          const words = sightSentence(m.sight, land.dataset.name, land.dataset.samples);
          return (
            <li key={m.kind} className="moment" data-kind={m.kind}>
              <div className="moment-title">{momentTitle(m)}</div>
              {m.sight.regions ? <RegionsCanvas pic={m.sight.regions} px={92} label={`${momentTitle(m)}: ${words}`} /> : null}
              <div className="moment-share"><strong>{percent(m.sight.correct / m.sight.of)}</strong> right</div>
              <div className="small muted">{m.loss !== null ? `loss ${fmtLoss(m.loss)}` : "loss off the scale"}</div>
              <span className="sr-only">{words}</span>
            </li>
          );
        })}
      </ol>
      <p className="small muted">Chance: always giving the most common answer gets {percent(moments[0]!.sight.chance)}. Measured on all {land.dataset.samples.toLocaleString("en")} samples.</p>
    </section>
  );
}

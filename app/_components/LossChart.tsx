"use client";
// Loss against step for one or more walkers, drawn by uPlot (a maintained charting library).
import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import { cssColor } from "@/lib/game/colormap";

/** One line of the chart: a walker's loss at each step (null where it was not finite). */
export interface Series { label: string; color: number; values: (number | null)[] }

/** Loss against step, one line per walker (log scale: the detail near the bottom stays visible). */
export function LossChart({ series, height = 150 }: { series: Series[]; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  /** The series the plot shows now (callers rebuild equal arrays on every render). */
  const shown = useRef<Series[] | null>(null);
  const latest = useRef(series);
  const key = series.map((s) => s.label).join("|");

  useEffect(() => {
    let cancelled = false;
    let made: uPlot | null = null;
    const el = host.current!;
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      const width = Math.max(200, el.clientWidth);
      made = new UPlot({
        width, height,
        legend: { show: series.length > 1 },
        cursor: { show: false },
        // Steps from 0; a walk of one or two steps still gets an axis a few steps long.
        scales: { x: { time: false, range: (_u, _min, max) => [0, Math.max(5, max)] }, y: { distr: 3 } },
        axes: [
          { stroke: "#9aa6bf", grid: { stroke: "#1f2a3d" }, label: "step", labelSize: 14, size: 30, incrs: [1, 2, 5, 10, 20, 50, 100, 200] },
          { stroke: "#9aa6bf", grid: { stroke: "#1f2a3d" }, size: 48 },
        ],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: cssColor(s.color), width: 2, points: { show: true, size: 5 } }))],
      }, data(latest.current), el);
      plot.current = made;
      shown.current = latest.current;
    });
    const resize = () => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height });
    window.addEventListener("resize", resize);
    return () => {
      cancelled = true;
      window.removeEventListener("resize", resize);
      made?.destroy();
      plot.current = null;
      shown.current = null;
    };
    // Rebuilt only when the set of series changes (key); values update in the effect below.
  }, [key, height]);

  useEffect(() => {
    latest.current = series;
    if (!plot.current || (shown.current && sameValues(shown.current, series))) return;
    plot.current.setData(data(series));
    shown.current = series;
  });

  return <div ref={host} className="chart" aria-label="Loss at each step" role="img" />;
}

function sameValues(a: Series[], b: Series[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const u = s.values, v = b[i]!.values;
    return u === v || (u.length === v.length && u.every((x, k) => x === v[k]));
  });
}

function data(series: Series[]): uPlot.AlignedData {
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const xs = Array.from({ length: n }, (_, i) => i);
  return [xs, ...series.map((s) => xs.map((i) => {
    const v = s.values[i];
    return v === undefined || v === null || !(v > 0) ? null : v;
  }))] as uPlot.AlignedData;
}

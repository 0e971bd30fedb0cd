// The landscape cache under ${dataDir}/landscapes: one file per built landscape and one per grid
// size, named by id and recipe hash. A file whose header does not match what is expected (other
// hash, other id, wrong sizes, bad checksum) reads as absent and is rebuilt; only a successful
// build replaces or prunes files.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BuiltLandscape, Extent, LandscapeInfo, LossGrid, MlpSpec } from "../../lib/landscape/index";
import { readContainer, writeContainer } from "./container";

/** What a cache read gives: the value, or why there was none ("missing", "checksum mismatch", ...). */
export type CacheRead<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The cache folder inside a data directory. */
export function cacheDirOf(dataDir: string): string {
  return join(dataDir, "landscapes");
}

/** File of a built landscape. */
export function landscapePath(cacheDir: string, id: string, hash: string): string {
  return join(cacheDir, `${id}.${hash}.landscape`);
}

/** What a grid covers: the map ("grid", any size) or the field around it ("field", lib/landscape/grid.ts fieldOf). */
export type GridKind = "grid" | "field";

/** File of a loss grid of one kind and size. */
export function gridPath(cacheDir: string, id: string, hash: string, size: number, kind: GridKind = "grid"): string {
  return join(cacheDir, `${id}.${hash}.${kind}${size}`);
}

/** Stores a built landscape (atomically). */
export function saveLandscape(cacheDir: string, b: BuiltLandscape): void {
  const meta = { kind: "landscape", id: b.info.id, recipeHash: b.recipeHash, info: b.info, spec: b.spec, minimum: b.minimum };
  writeContainer(landscapePath(cacheDir, b.info.id, b.recipeHash), meta, [b.center, b.d1, b.d2]);
}

/** Reads a built landscape if the file is intact and was built from this id, hash and parameter count. */
export function loadLandscape(cacheDir: string, id: string, hash: string, params: number): CacheRead<BuiltLandscape> {
  const r = readContainer(landscapePath(cacheDir, id, hash));
  if (!r.ok) return r;
  const m = r.meta as { kind?: unknown; id?: unknown; recipeHash?: unknown; info?: LandscapeInfo; spec?: MlpSpec; minimum?: BuiltLandscape["minimum"] };
  if (m.kind !== "landscape" || m.id !== id || m.recipeHash !== hash) return { ok: false, reason: "built from another recipe" };
  if (!m.info || m.info.id !== id || !m.spec || !Array.isArray(m.spec.layers)) return { ok: false, reason: "bad header" };
  if (!m.minimum || typeof m.minimum.x !== "number" || typeof m.minimum.y !== "number" || typeof m.minimum.loss !== "number") return { ok: false, reason: "bad minimum" };
  const [center, d1, d2] = r.arrays;
  const fits = (a: unknown): a is Float64Array => a instanceof Float64Array && a.length === params;
  if (r.arrays.length !== 3 || !fits(center) || !fits(d1) || !fits(d2)) return { ok: false, reason: "wrong parameter count" };
  return { ok: true, value: { info: m.info, spec: m.spec, center, d1, d2, minimum: m.minimum, recipeHash: hash } };
}

/** Stores a loss grid (atomically). */
export function saveGrid(cacheDir: string, id: string, hash: string, grid: LossGrid, kind: GridKind = "grid"): void {
  const meta = { kind: "grid", id, recipeHash: hash, size: grid.size, extent: grid.extent, min: grid.min, max: grid.max };
  writeContainer(gridPath(cacheDir, id, hash, grid.size, kind), meta, [grid.values]);
}

/** Reads a loss grid if intact and made for this id, hash, size and extent. */
export function loadGrid(cacheDir: string, id: string, hash: string, size: number, extent: Extent, kind: GridKind = "grid"): CacheRead<LossGrid> {
  const r = readContainer(gridPath(cacheDir, id, hash, size, kind));
  if (!r.ok) return r;
  const m = r.meta as { kind?: unknown; id?: unknown; recipeHash?: unknown; size?: unknown; extent?: Extent; min?: LossGrid["min"]; max?: unknown };
  if (m.kind !== "grid" || m.id !== id || m.recipeHash !== hash || m.size !== size) return { ok: false, reason: "made for another grid" };
  const e = m.extent;
  if (!e || e.x?.[0] !== extent.x[0] || e.x?.[1] !== extent.x[1] || e.y?.[0] !== extent.y[0] || e.y?.[1] !== extent.y[1]) return { ok: false, reason: "other extent" };
  const [values] = r.arrays;
  if (r.arrays.length !== 1 || !(values instanceof Float32Array) || values.length !== size * size) return { ok: false, reason: "wrong grid size" };
  if (!m.min || typeof m.min.loss !== "number" || typeof m.max !== "number") return { ok: false, reason: "bad header" };
  return { ok: true, value: { size, extent: { x: [extent.x[0], extent.x[1]], y: [extent.y[0], extent.y[1]] }, values, min: m.min, max: m.max } };
}

/** Deletes cached files of this id built from another recipe hash; returns their names. */
export function pruneStale(cacheDir: string, id: string, keepHash: string): string[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return [];
  }
  const stale = names.filter((f) => f.startsWith(`${id}.`) && !f.startsWith(`${id}.${keepHash}.`) && !f.endsWith(".tmp"));
  for (const f of stale) rmSync(join(cacheDir, f), { force: true });
  return stale;
}

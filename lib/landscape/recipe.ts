// What a landscape is made of, as plain data: the dataset, the network, how θ0, δ1 and δ2 come
// out of real training, and the game settings. A recipe plus the code version fixes every bit
// of the built landscape, so its hash is the cache key.
import type { RealDatasetName, SyntheticKind } from "./datasets";
import type { TrainOptions } from "./train";
import type { LandscapeInfo, MlpSpec } from "./types";

/** Bump when any change to lib/landscape could change a built landscape's bits (invalidates caches). */
export const CORE_VERSION = "landscape-3";

/** The data a recipe trains on: a real dataset by name, or a synthetic shape with its size and seed. */
export type DatasetRef =
  | { kind: "real"; name: RealDatasetName }
  /** `noise` multiplies the shape's usual jitter (default 1; see makeSynthetic). */
  | { kind: "synthetic"; shape: SyntheticKind; n: number; seed: number; noise?: number };

/** Training options inside a recipe (no init buffer: recipes are plain data). */
export type RecipeTraining = Omit<TrainOptions, "init">;

/** How θ0, δ1 and δ2 are made. Random directions are drawn from hashSeed(recipe.seed, "d1"/"d2"). */
export type BuildPlan =
  /** θ0 = a trained minimum; δ1, δ2 filter-normalised random directions (Li et al. 2018). */
  | { kind: "trained"; train: RecipeTraining }
  /**
   * θ0 = a trained minimum; δ1, δ2 the Hessian's top and bottom eigen-directions (bottom = least
   * curvature outside the loss's exact symmetries), each scaled so that the loss at x = ±1
   * (resp. y = ±1) rises by rise[0] (resp. rise[1]) above the centre, on average over both sides.
   * Scaling by the rise, not by the eigenvalue, keeps the ravine's shape under control where
   * cross-entropy stops being quadratic (a low-curvature direction soon meets confident samples
   * whose loss grows linearly).
   */
  | { kind: "hessian"; train: RecipeTraining; rise: [number, number] }
  /**
   * θ0 = all zeros, the symmetric untrained start (every hidden unit alike, every output the
   * same: the loss is exactly chance, ln C on balanced classes, and the slope vanishes); δ1 = the
   * first layer of a trained solution θ*, δ2 = the other layers, so θ* sits at (1, 1). The origin
   * is a saddle: along either axis alone nothing changes (the other layer is zero), along the
   * diagonal the loss falls. (−1, −1) negates every weight, the output bias included, so it is
   * not a mirror valley: it is a worse place.
   */
  | { kind: "saddle"; train: RecipeTraining }
  /**
   * Two solutions θA, θB trained from different seeds; θ0 = their midpoint, δ1 = (θB − θA)/2 so
   * they sit at x = ∓1; δ2 filter-normalised random.
   */
  | { kind: "two-solutions"; train: RecipeTraining; seeds: [number, number] };

/** The game settings a recipe hands on to its LandscapeInfo unchanged. */
type PlaySettings = Pick<LandscapeInfo, "id" | "name" | "lesson" | "difficulty" | "extent" | "starts" | "lr" | "defaultBudget" | "shift">;

/** A landscape recipe: everything needed to build it (dataset, network, plan, seed) and to play it (the info's settings). */
export interface Recipe extends PlaySettings {
  dataset: DatasetRef;
  spec: MlpSpec;
  build: BuildPlan;
  /** Seeds the random directions. */
  seed: number;
}

/** A canonical JSON text of a value: object keys sorted, so equal recipes print alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A stable hash of the recipe and CORE_VERSION (cyrb53-style, 53 bits, as 14 hex digits). Only
 * the parts that change the built bits or the info are hashed: all of the recipe.
 */
export function recipeHash(recipe: Recipe): string {
  const text = `${CORE_VERSION}\u0000${canonicalJson(recipe)}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, "0");
}

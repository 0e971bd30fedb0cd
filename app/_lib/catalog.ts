"use client";
// The public catalog of landscapes, fetched once from the server's API.
import { useEffect, useState } from "react";
import type { LandscapePublic } from "@/lib/protocol/server";

/** The catalog from /api/landscapes (null until loaded), or a sentence if it could not be loaded. */
export function useCatalog(): { landscapes: LandscapePublic[] | null; error: string | null } {
  const [landscapes, setLandscapes] = useState<LandscapePublic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch("/api/landscapes")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((b: { landscapes: LandscapePublic[] }) => setLandscapes(b.landscapes))
      .catch(() => setError("The list of landscapes could not be loaded. Is the server running?"));
  }, []);
  return { landscapes, error };
}

/** Batch sizes on offer for a dataset: the full batch (0) and a few minibatches smaller than it. */
export function batchChoices(samples: number): number[] {
  return [0, ...[64, 16, 4].filter((b) => b < samples)];
}

/** A batch size in words, saying whether its slope is the true one or a noisy one. */
export function batchLabel(b: number, samples: number): string {
  return b === 0 ? `Full batch (${samples} samples): the true slope` : `Minibatch of ${b}: a noisy slope`;
}

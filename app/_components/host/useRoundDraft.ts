"use client";
// The next round's rules as the teacher chooses them, kept per class in this browser so that a
// refresh does not reset the step budget (or anything else) to the landscape's default.
import { useEffect, useState } from "react";
import type { GhostKind } from "@/lib/protocol/common";
import type { LandscapePublic, RoomView } from "@/lib/protocol/server";
import { remembered } from "../../_lib/remembered";
import { LESSON_PLAN } from "../../_lib/lesson-plan";
import { defaultRules, type RulesValue } from "../RulesForm";

/** The draft of the next round. */
export interface RoundDraft { rules: RulesValue; ghosts: GhostKind[] }

/**
 * The draft, first known once both the catalog and the class are: the one saved for this class,
 * else the last round's rules, else the lesson plan's first landscape.
 */
export function useRoundDraft(landscapes: LandscapePublic[] | null, view: RoomView | null): [RoundDraft | null, (d: RoundDraft) => void] {
  const [draft, setDraft] = useState<RoundDraft | null>(null);
  const code = view?.code ?? null;
  const [forCode, setForCode] = useState<string | null>(null);
  useEffect(() => {
    if (!landscapes || !code || forCode === code) return;
    const saved = remembered.hostDraft(code);
    const last = view?.round?.rules;
    const land = (id: string | undefined) => landscapes.find((l) => l.id === id);
    const first = land(LESSON_PLAN[0]?.landscapeId) ?? landscapes[0]!;
    const next: RoundDraft = saved && land(saved.rules.landscapeId) ? saved
      : last && land(last.landscapeId) ? { rules: defaultRules(land(last.landscapeId)!, { budget: last.budget, batch: last.batch, timeLimitSec: last.timeLimitSec, showOthers: last.showOthers }), ghosts: view?.round?.ghosts ?? [] }
      : { rules: defaultRules(first), ghosts: [] };
    setDraft(next);
    setForCode(code);
  }, [landscapes, code, forCode, view?.round?.rules, view?.round?.ghosts]);
  const update = (d: RoundDraft) => {
    setDraft(d);
    if (code) remembered.saveHostDraft(code, { rules: { ...d.rules, seed: undefined }, ghosts: d.ghosts });
  };
  return [forCode === code ? draft : null, update];
}

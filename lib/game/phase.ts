// The round state machine shared by solo, race and classroom rooms. A table, not a tangle of
// ifs: every (phase, event) pair that is allowed is listed; anything else is a typed error.
import type { Phase } from "../protocol/server";
import { gameError, type GameError } from "../protocol/errors";

/** What can happen to a room's round. */
export type PhaseEvent = "setup" | "start" | "go" | "pause" | "resume" | "reveal" | "end";

const NEXT: Record<Phase, Partial<Record<PhaseEvent, Phase>>> = {
  lobby: { setup: "lobby", start: "countdown", end: "ended" },
  countdown: { go: "running", end: "ended" },
  running: { pause: "paused", reveal: "revealed", end: "ended" },
  paused: { resume: "running", reveal: "revealed", end: "ended" },
  revealed: { setup: "lobby", start: "countdown", end: "ended" },
  ended: {},
};

const WHY: Record<PhaseEvent, string> = {
  setup: "Rounds can be set up only between rounds.",
  start: "A round can start only from the lobby or after a reveal.",
  go: "The countdown is not running.",
  pause: "Only a running round can be paused.",
  resume: "Only a paused round can be resumed.",
  reveal: "Only a running or paused round can be revealed.",
  end: "This session has already ended.",
};

/** The phase after an event, or a wrong_phase error that says why not. */
export function nextPhase(phase: Phase, event: PhaseEvent): Phase | GameError {
  const next = NEXT[phase][event];
  return next ?? gameError("wrong_phase", WHY[event]);
}

/** Whether a value returned by nextPhase is an error. */
export function isGameError(v: unknown): v is GameError {
  return typeof v === "object" && v !== null && "code" in v && "message" in v;
}

/** Join-code alphabet: no 0/O/1/I, so it reads cleanly off a projector. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A 6-character join code from a source of uniform numbers in [0, 1). */
export function makeJoinCode(uniform: () => number): string {
  let code = "";
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[Math.floor(uniform() * CODE_ALPHABET.length)] ?? "A";
  return code;
}

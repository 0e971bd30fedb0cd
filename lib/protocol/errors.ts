// Typed errors the server sends back: a code a program can switch on and a sentence a person reads.
import { z } from "zod";

/** Every error code a client can receive. */
export const ErrorCode = z.enum([
  "bad_message",
  "too_large",
  "protocol_mismatch",
  "unknown_landscape",
  "bad_rules",
  "not_in_room",
  "room_not_found",
  "room_full",
  "code_taken",
  "nickname_taken",
  "nickname_refused",
  "not_host",
  "wrong_phase",
  "out_of_order",
  "bad_step",
  "step_in_flight",
  "round_over",
  "budget_spent",
  "kicked",
  "room_moving",
  "rate_limited",
  "server_error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** An error as a value: returned by rule functions, sent to the client as an `error` message. */
export interface GameError {
  code: ErrorCode;
  message: string;
}

/** Builds a GameError. */
export function gameError(code: ErrorCode, message: string): GameError {
  return { code, message };
}

/** Turns a zod error into one human sentence naming the first problem. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "That message could not be read.";
  const where = issue.path.length ? ` (at ${issue.path.join(".")})` : "";
  return `That message was not understood: ${issue.message}${where}.`.replace(/\.\.$/, ".");
}

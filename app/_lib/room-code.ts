// A new room's code, chosen by the page that creates the room: the page connects with it (a
// cluster's load balancer sends every socket of a room to the node that runs it) before the
// server has seen the room. Codes use the server's alphabet; a code already taken is refused
// (code_taken) and the page picks another.
import { makeJoinCode } from "@/lib/game/phase";

/** A fresh random room code (6 characters of the join-code alphabet). */
export function newRoomCode(): string {
  const bytes = new Uint32Array(6);
  crypto.getRandomValues(bytes);
  let i = 0;
  return makeJoinCode(() => bytes[i++]! / 2 ** 32);
}

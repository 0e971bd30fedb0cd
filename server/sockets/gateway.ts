// The socket.io gateway: checks the protocol version at the handshake, parses every inbound
// message with its zod schema, limits size and rate, and dispatches to a handler. Nothing
// unparsed reaches the rooms; every failure becomes a typed error event with a human sentence.
import type { Server, Socket } from "socket.io";
import { ClientMessage } from "../../lib/protocol/client";
import { describeZodError, gameError, type GameError } from "../../lib/protocol/errors";
import { MAX_INBOUND_BYTES, MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";
import type { ServerMessage } from "../../lib/protocol/server";
import type { RoomRegistry } from "../rooms/registry";
import { detach, HANDLERS, type Ctx } from "./handlers";
import type { Limits } from "./limits";

/** Messages a socket may send per second on average, and in a burst. */
export const RATE = { perSecond: 20, burst: 40 };

/** Sends a typed error to one socket. */
function sendError(socket: Socket, err: GameError, ref: string | null): void {
  const msg: ServerMessage = { type: "error", code: err.code, message: err.message, ref };
  socket.emit(MESSAGE_EVENT, msg);
}

/** Size of a payload as JSON, in bytes (bounded work: stops counting past the limit). */
function payloadTooLarge(raw: unknown): boolean {
  try {
    const json = JSON.stringify(raw);
    return json === undefined ? false : Buffer.byteLength(json) > MAX_INBOUND_BYTES;
  } catch {
    return true;
  }
}

/** Wires the gateway onto a socket.io server. */
export function attachGateway(io: Server, rooms: RoomRegistry, limits: Limits, log: { info(o: object, m?: string): void; warn(o: object, m?: string): void }, now: () => number): void {
  io.use((socket, next) => {
    const version = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol;
    if (version !== PROTOCOL_VERSION) {
      const err = new Error(`This page is out of date (protocol ${String(version)}, server ${PROTOCOL_VERSION}). Reload the page.`) as Error & { data?: unknown };
      err.data = { code: "protocol_mismatch" };
      return next(err);
    }
    next();
  });

  io.on("connection", (socket) => {
    socket.data.roomId = null;
    socket.data.seatId = null;
    socket.data.hostOf = null;
    const ctx: Ctx = { socket, rooms, limits, address: socket.handshake.address };
    let tokens = RATE.burst;
    let last = now();
    let chain: Promise<void> = Promise.resolve();
    socket.emit(MESSAGE_EVENT, { type: "welcome", protocol: PROTOCOL_VERSION, serverNow: now() } satisfies ServerMessage);

    socket.onAny((event: string) => {
      if (event !== MESSAGE_EVENT) sendError(socket, gameError("bad_message", `Unknown event "${event.slice(0, 40)}": send every message on "${MESSAGE_EVENT}".`), null);
    });

    socket.on(MESSAGE_EVENT, (raw: unknown) => {
      const t = now();
      tokens = Math.min(RATE.burst, tokens + ((t - last) / 1000) * RATE.perSecond);
      last = t;
      if (tokens < 1) return sendError(socket, gameError("rate_limited", "Too many messages: slow down a little."), null);
      tokens -= 1;
      if (payloadTooLarge(raw)) return sendError(socket, gameError("too_large", `That message is larger than ${MAX_INBOUND_BYTES} bytes.`), null);
      const parsed = ClientMessage.safeParse(raw);
      const ref = typeof raw === "object" && raw !== null && typeof (raw as { type?: unknown }).type === "string" ? String((raw as { type: string }).type).slice(0, 40) : null;
      if (!parsed.success) return sendError(socket, gameError("bad_message", describeZodError(parsed.error)), ref);
      const msg = parsed.data;
      // One message at a time per socket, in arrival order: a step cannot overtake a join.
      chain = chain.then(async () => {
        try {
          const handler = HANDLERS[msg.type] as (c: Ctx, m: typeof msg) => GameError | null | Promise<GameError | null>;
          const err = await handler(ctx, msg);
          if (err) sendError(socket, err, msg.type);
        } catch (e) {
          log.warn({ socket: socket.id, type: msg.type, err: String(e) }, "handler failed");
          sendError(socket, gameError("server_error", "Something went wrong on the server; nothing changed."), msg.type);
        }
      });
    });

    socket.on("disconnect", () => detach(ctx));
  });
}

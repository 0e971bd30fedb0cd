// The socket.io gateway: checks the protocol version at the handshake, parses every inbound
// message with its zod schema, limits size and rate, and dispatches to a handler. Nothing
// unparsed reaches the rooms; every failure becomes a typed error event with a human sentence.
import type { Server, Socket } from "socket.io";
import { ClientMessage } from "../../lib/protocol/client";
import { describeZodError, gameError, type GameError } from "../../lib/protocol/errors";
import { MAX_INBOUND_BYTES, MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";
import type { ServerMessage } from "../../lib/protocol/server";
import type { RoomRegistry } from "../rooms/registry";
import { RoomElsewhereError } from "../cluster/ownership";
import { StaleOwnerError } from "../rooms/journal";
import { detach, HANDLERS, type Ctx } from "./handlers";
import type { Limits } from "./limits";

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
export function attachGateway(io: Server, rooms: RoomRegistry, limits: Limits, log: { info(o: object, m?: string): void; warn(o: object, m?: string): void }, now: () => number, opts: { trustProxy?: boolean } = {}): void {
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
    const address = clientAddress(socket, opts.trustProxy ?? false);
    const ctx: Ctx = { socket, rooms, limits, address };
    let chain: Promise<void> = Promise.resolve();
    let lastLimitedReply = -Infinity;
    let refused = 0;
    socket.emit(MESSAGE_EVENT, { type: "welcome", protocol: PROTOCOL_VERSION, serverNow: now() } satisfies ServerMessage);

    // Every inbound event, the game's one and any other, is counted against this socket and this
    // address before anything else: unknown events are no way around the limits. Admission is
    // asked at once (in arrival order) and the handlers run one at a time in that order, so a step
    // cannot overtake a join.
    socket.onAny((event: string, raw: unknown) => {
      const admitted = limits.message(socket.id, address);
      chain = chain.then(async () => {
        const wait = await admitted;
        if (wait > 0) {
          refused++;
          // One answer a second is enough for a flood; a socket that keeps on is let go.
          if (refused > MAX_REFUSED) { socket.disconnect(true); return; }
          if (now() - lastLimitedReply >= 1000) {
            lastLimitedReply = now();
            sendError(socket, gameError("rate_limited", `Too many messages: slow down a little (try again in ${Math.ceil(wait / 100) / 10} s).`), null);
          }
          return;
        }
        refused = Math.max(0, refused - 1);
        if (event !== MESSAGE_EVENT) return sendError(socket, gameError("bad_message", `Unknown event "${String(event).slice(0, 40)}": send every message on "${MESSAGE_EVENT}".`), null);
        await handle(ctx, raw);
      });
    });

    socket.on("disconnect", () => detach(ctx));
  });

  /** Size check, zod parsing, and the handler; every failure becomes a typed error. */
  async function handle(ctx: Ctx, raw: unknown): Promise<void> {
    const socket = ctx.socket;
    if (payloadTooLarge(raw)) return sendError(socket, gameError("too_large", `That message is larger than ${MAX_INBOUND_BYTES} bytes.`), null);
    const parsed = ClientMessage.safeParse(raw);
    const ref = typeof raw === "object" && raw !== null && typeof (raw as { type?: unknown }).type === "string" ? String((raw as { type: string }).type).slice(0, 40) : null;
    if (!parsed.success) return sendError(socket, gameError("bad_message", describeZodError(parsed.error)), ref);
    const msg = parsed.data;
    try {
      const handler = HANDLERS[msg.type] as (c: Ctx, m: typeof msg) => GameError | null | Promise<GameError | null>;
      const err = await handler(ctx, msg);
      if (err) sendError(socket, err, msg.type);
    } catch (e) {
      // The room is run by another node, or moving there: the page will be sent there.
      if (e instanceof RoomElsewhereError || e instanceof StaleOwnerError) return sendError(socket, gameError("room_moving", "This room is moving to another server: try again in a moment (the page reconnects by itself)."), msg.type);
      log.warn({ socket: socket.id, type: msg.type, err: String(e) }, "handler failed");
      sendError(socket, gameError("server_error", "Something went wrong on the server; nothing changed."), msg.type);
    }
  }
}

/** Refused messages a socket may send beyond its limits (net of admitted ones) before it is disconnected. */
export const MAX_REFUSED = 200;

/**
 * The client's network address. Behind a load balancer we trust (the cluster's HAProxy sets
 * X-Forwarded-For) it is that header's first entry; otherwise the socket's own peer address, and a
 * client's own X-Forwarded-For counts for nothing.
 */
export function clientAddress(socket: Socket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]!.trim() : "";
  return trustProxy && first ? first : socket.handshake.address;
}

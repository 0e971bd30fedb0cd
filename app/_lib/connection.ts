"use client";
// The browser's end of the protocol: one socket.io connection, every server message parsed by its
// zod schema and folded into one state by a reducer, and reconnection back into the same seat (or
// host chair) with the token the server gave, never the socket id.
import { useCallback, useEffect, useReducer, useRef } from "react";
import { io, type Socket } from "socket.io-client";
import { ServerMessage } from "@/lib/protocol/server";
import type { ClientMessage } from "@/lib/protocol/client";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "@/lib/protocol/version";
import { initialState, reduce, type ClientState } from "./session-state";

export type { ClientState } from "./session-state";
export { remembered } from "./remembered";

/** How this browser gets back into its place after a refresh or a dropped connection. */
export type Rejoin = { kind: "seat"; code: string; token: string } | { kind: "host"; code: string; hostSecret: string };

/** The connection hook: state, a send function, and a way to say how to rejoin after a drop. */
export function useConnection(): {
  state: ClientState;
  send: (msg: ClientMessage) => void;
  /** Takes a saved seat or host chair back now (or at the next welcome), once. */
  rejoin: (r: Rejoin | null) => void;
  /** Remembers how to take the seat or chair back after a dropped connection, sending nothing now. */
  remember: (r: Rejoin | null) => void;
  clearError: () => void;
} {
  const [state, dispatch] = useReducer(reduce, initialState);
  const socketRef = useRef<Socket | null>(null);
  const rejoinRef = useRef<Rejoin | null>(null);
  const queue = useRef<ClientMessage[]>([]);

  useEffect(() => {
    const socket = io({ auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"] });
    socketRef.current = socket;
    socket.on(MESSAGE_EVENT, (raw: unknown) => {
      const parsed = ServerMessage.safeParse(raw);
      if (!parsed.success) {
        dispatch({ kind: "local-error", message: "The server sent something this page does not understand. Reload the page." });
        return;
      }
      const msg = parsed.data;
      if (msg.type === "welcome") {
        dispatch({ kind: "connected", value: true });
        if (rejoinRef.current) socket.emit(MESSAGE_EVENT, rejoinMessage(rejoinRef.current));
        for (const q of queue.current.splice(0)) socket.emit(MESSAGE_EVENT, q);
      }
      if (msg.type === "kicked") rejoinRef.current = null;
      dispatch({ kind: "msg", msg });
    });
    socket.on("disconnect", () => dispatch({ kind: "connected", value: false }));
    socket.on("connect_error", (e) => {
      dispatch({ kind: "connected", value: false });
      if (e.message && !/xhr|websocket|timeout/i.test(e.message)) dispatch({ kind: "local-error", message: e.message });
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  const send = useCallback((msg: ClientMessage) => {
    const socket = socketRef.current;
    if (msg.type === "step") dispatch({ kind: "sent-step" });
    if (socket?.connected) socket.emit(MESSAGE_EVENT, msg);
    else queue.current.push(msg);
  }, []);
  // Exactly one claim or resume per connection: sent now when connected, else by the welcome. (A
  // page that also queued its own claim made the server resend the projector's paths twice.)
  const rejoin = useCallback((r: Rejoin | null) => {
    rejoinRef.current = r;
    const socket = socketRef.current;
    if (r && socket?.connected) socket.emit(MESSAGE_EVENT, rejoinMessage(r));
  }, []);
  // After a join or create the seat or chair is ours already: only remember how to get it back.
  const remember = useCallback((r: Rejoin | null) => { rejoinRef.current = r; }, []);
  const clearError = useCallback(() => dispatch({ kind: "clear-error" }), []);
  return { state, send, rejoin, remember, clearError };
}

/** The message that takes a seat or the host's chair back. */
function rejoinMessage(r: Rejoin): ClientMessage {
  return r.kind === "seat" ? { type: "room.resume", code: r.code, token: r.token } : { type: "host.claim", code: r.code, hostSecret: r.hostSecret };
}


"use client";
// The browser's end of the protocol: one socket.io connection, every server message parsed by its
// zod schema and folded into one state by a reducer, and reconnection back into the same seat (or
// host chair) with the token the server gave, never the socket id.
//
// The socket carries its room's code in its address (?room=CODE): in a cluster the load balancer
// sends every socket of a room to the node that runs it. A page that moves to another room routes
// the socket there first (it reconnects), and messages sent meanwhile wait for the welcome.
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

/** The connection hook: state, a send function, routing, and a way to say how to rejoin after a drop. */
export function useConnection(): {
  state: ClientState;
  send: (msg: ClientMessage) => void;
  /** Routes the socket by a room's code (reconnecting when it changes); call before creating or joining that room. */
  route: (code: string | null) => void;
  /** Takes a saved seat or host chair back now (or at the next welcome), once. */
  rejoin: (r: Rejoin | null) => void;
  /** Remembers how to take the seat or chair back after a dropped connection, sending nothing now. */
  remember: (r: Rejoin | null) => void;
  clearError: () => void;
} {
  const [state, dispatch] = useReducer(reduce, initialState);
  const socketRef = useRef<Socket | null>(null);
  const rejoinRef = useRef<Rejoin | null>(null);
  const routeRef = useRef<string | null>(null);
  const queue = useRef<ClientMessage[]>([]);

  useEffect(() => {
    // Not connected yet: the page's own effects (which run next) may route it to its room first.
    const socket = io({ auth: { protocol: PROTOCOL_VERSION }, transports: ["websocket"], autoConnect: false, query: routeRef.current ? { room: routeRef.current } : {} });
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
      // Taking the seat back was refused while the room moves between servers: ask again shortly.
      if (msg.type === "error" && msg.code === "room_moving" && rejoinRef.current && msg.ref === rejoinMessage(rejoinRef.current).type) {
        setTimeout(() => { if (socket.connected && rejoinRef.current) socket.emit(MESSAGE_EVENT, rejoinMessage(rejoinRef.current)); }, 1000);
        return;
      }
      dispatch({ kind: "msg", msg });
    });
    socket.on("disconnect", (reason) => {
      dispatch({ kind: "connected", value: false });
      // A server that drops this socket on purpose (not a lost connection) is not retried by socket.io.
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", (e) => {
      dispatch({ kind: "connected", value: false });
      if (e.message && !/xhr|websocket|timeout/i.test(e.message)) dispatch({ kind: "local-error", message: e.message });
    });
    const start = setTimeout(() => { if (!socket.active) socket.connect(); }, 0);
    return () => {
      clearTimeout(start);
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  const route = useCallback((code: string | null) => {
    if (routeRef.current === code) return;
    routeRef.current = code;
    const socket = socketRef.current;
    if (!socket) return; // the socket is made with it
    socket.io.opts.query = code ? { room: code } : {};
    if (socket.active) socket.disconnect();
    socket.connect();
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
    if (r && r.code !== routeRef.current) route(r.code); // the welcome on the new route sends it
    else if (r && socket?.connected) socket.emit(MESSAGE_EVENT, rejoinMessage(r));
  }, [route]);
  // After a join or create the seat or chair is ours already: only remember how to get it back
  // (and route a later reconnection to its room).
  const remember = useCallback((r: Rejoin | null) => {
    rejoinRef.current = r;
    const socket = socketRef.current;
    if (r && r.code !== routeRef.current) {
      routeRef.current = r.code;
      if (socket) socket.io.opts.query = { room: r.code };
    }
  }, []);
  const clearError = useCallback(() => dispatch({ kind: "clear-error" }), []);
  return { state, send, route, rejoin, remember, clearError };
}

/** The message that takes a seat or the host's chair back. */
function rejoinMessage(r: Rejoin): ClientMessage {
  return r.kind === "seat" ? { type: "room.resume", code: r.code, token: r.token } : { type: "host.claim", code: r.code, hostSecret: r.hostSecret };
}


"use client";
// The browser's end of the protocol: one socket.io connection, every server message parsed by its
// zod schema and folded into one state by a reducer, and reconnection back into the same seat (or
// host chair) with the token the server gave, never the socket id.
import { useCallback, useEffect, useReducer, useRef } from "react";
import { io, type Socket } from "socket.io-client";
import { ServerMessage, type RoomView, type ServerMsgOf } from "@/lib/protocol/server";
import type { ClientMessage } from "@/lib/protocol/client";
import type { Footprint } from "@/lib/protocol/common";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "@/lib/protocol/version";

/** Everything the pages render, derived from server messages only. */
export interface ClientState {
  connected: boolean;
  view: RoomView | null;
  /** The walker's own footprints this round, start first. */
  path: Footprint[];
  standings: ServerMsgOf<"standings">["rows"] | null;
  /** The projector's live paths this round (host only), by player id. */
  live: Record<string, Footprint[]>;
  /** The map the host sees during a class round. */
  map: ServerMsgOf<"map"> | null;
  reveal: ServerMsgOf<"reveal"> | null;
  result: ServerMsgOf<"result"> | null;
  error: { code: string; message: string; at: number } | null;
  kicked: string | null;
  exported: ServerMsgOf<"exported"> | null;
  /** A step was sent and its answer has not arrived yet. */
  pending: boolean;
}

const initial: ClientState = {
  connected: false, view: null, path: [], standings: null, live: {}, map: null, reveal: null,
  result: null, error: null, kicked: null, exported: null, pending: false,
};

type Action = { kind: "connected"; value: boolean } | { kind: "msg"; msg: ServerMessage } | { kind: "sent-step" } | { kind: "clear-error" } | { kind: "local-error"; message: string };

function reduce(s: ClientState, a: Action): ClientState {
  if (a.kind === "connected") return { ...s, connected: a.value, pending: false };
  if (a.kind === "sent-step") return { ...s, pending: true };
  if (a.kind === "clear-error") return { ...s, error: null };
  if (a.kind === "local-error") return { ...s, error: { code: "client", message: a.message, at: Date.now() } };
  const m = a.msg;
  switch (m.type) {
    // A new connection: the server resends the projector's paths whole, so start them afresh.
    case "welcome": return { ...s, live: {} };
    case "error": return { ...s, pending: false, error: { code: m.code, message: m.message, at: Date.now() } };
    case "room": {
      const v = m.view;
      const newRound = (v.round?.no ?? 0) !== (s.view?.round?.no ?? 0) || v.roomId !== s.view?.roomId;
      const serverPath = v.walk?.path ?? [];
      const path = newRound || serverPath.length >= s.path.length ? serverPath : s.path;
      return newRound
        ? { ...s, view: v, path, live: {}, map: null, reveal: null, result: null, standings: null, exported: null, pending: false }
        : { ...s, view: v, path };
    }
    case "felt": {
      const path = m.seq === s.path.length ? [...s.path, m.at] : s.path;
      const view = s.view && s.view.walk ? { ...s.view, walk: { ...s.view.walk, status: m.status, stepsLeft: m.stepsLeft, path } } : s.view;
      return { ...s, path, view, pending: false, error: null };
    }
    case "standings": return { ...s, standings: m.rows };
    case "live": {
      const live = { ...s.live };
      for (const [id, fps] of Object.entries(m.paths)) live[id] = [...(live[id] ?? []), ...fps];
      return { ...s, live };
    }
    case "map": return { ...s, map: m };
    case "reveal": return { ...s, reveal: m };
    case "result": return { ...s, result: m };
    case "exported": return { ...s, exported: m };
    case "kicked": return { ...s, kicked: m.message, view: null };
    // The server is going down for a restart: say so where errors are said; the socket reconnects by itself.
    case "notice": return { ...s, error: { code: m.kind, message: m.message, at: Date.now() } };
  }
}

/** How this browser gets back into its place after a refresh or a dropped connection. */
export type Rejoin = { kind: "seat"; code: string; token: string } | { kind: "host"; code: string; hostSecret: string };

const store = {
  get(key: string): string | null {
    try { return window.localStorage.getItem(key); } catch { return null; }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch { /* private mode: no memory across refreshes, the game still works */ }
  },
};

/** Remembered tokens: a seat per join code, and the host secret per class code. */
export const remembered = {
  seat: (code: string) => store.get(`downhill:seat:${code}`),
  host: (code: string) => store.get(`downhill:host:${code}`),
  lastHostCode: () => store.get("downhill:host:last"),
  saveSeat: (code: string, token: string | null) => store.set(`downhill:seat:${code}`, token),
  saveHost: (code: string, secret: string | null) => {
    store.set(`downhill:host:${code}`, secret);
    store.set("downhill:host:last", secret ? code : null);
  },
  nickname: () => store.get("downhill:nickname"),
  saveNickname: (n: string) => store.set("downhill:nickname", n),
  /** A random id this browser keeps, so a removed student stays removed after a refresh. */
  device: (): string => {
    let d = store.get("downhill:device");
    if (!d) {
      const bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      d = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      store.set("downhill:device", d);
    }
    return d;
  },
};

/** The connection hook: state, a send function, and a way to say how to rejoin after a drop. */
export function useConnection(): {
  state: ClientState;
  send: (msg: ClientMessage) => void;
  setRejoin: (r: Rejoin | null) => void;
  clearError: () => void;
} {
  const [state, dispatch] = useReducer(reduce, initial);
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
        const r = rejoinRef.current;
        if (r?.kind === "seat") socket.emit(MESSAGE_EVENT, { type: "room.resume", code: r.code, token: r.token });
        else if (r?.kind === "host") socket.emit(MESSAGE_EVENT, { type: "host.claim", code: r.code, hostSecret: r.hostSecret });
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
  const setRejoin = useCallback((r: Rejoin | null) => { rejoinRef.current = r; }, []);
  const clearError = useCallback(() => dispatch({ kind: "clear-error" }), []);
  return { state, send, setRejoin, clearError };
}

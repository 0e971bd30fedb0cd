"use client";
// The teacher's chair: no account, the browser keeps each class's host secret. A refresh takes
// the chair back (?code= or the last class); a class whose session ended is no longer reopened
// by a bare /host, and "Start a new class" opens a fresh one from the podium.
import { useCallback, useEffect, useRef } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { remembered, useConnection } from "../../_lib/connection";
import { newRoomCode } from "../../_lib/room-code";

/** The connection of a host page, with the chair claimed or a class created. */
export function useHostSession() {
  const params = useSearchParams();
  const router = useRouter();
  const conn = useConnection();
  const { state, send, route, rejoin, remember, clearError } = conn;
  const claimed = useRef<string | null>(null);
  const view = state.view;

  /** Opens a new class under a code this page picks (its socket goes where that code is run). */
  const create = useCallback(() => {
    const code = newRoomCode();
    route(code);
    send({ type: "class.create", code });
  }, [route, send]);

  // Take the chair back (refresh) or open a new class: one claim, sent by the connection module.
  useEffect(() => {
    if (claimed.current !== null) return;
    const code = (params.get("code") ?? remembered.lastHostCode() ?? "").toUpperCase();
    const secret = code ? remembered.host(code) : null;
    claimed.current = code;
    if (code && secret) rejoin({ kind: "host", code, hostSecret: secret });
    else create();
  }, [params, create, rejoin]);

  // The class is gone (its record was deleted): forget it and open a new one. A code another
  // class has (a one-in-a-billion draw) is drawn again.
  useEffect(() => {
    if (!view && state.error?.code === "room_not_found") {
      if (claimed.current) remembered.saveHost(claimed.current, null);
      rejoin(null);
      clearError();
      create();
    } else if (!view && state.error?.code === "code_taken") {
      clearError();
      create();
    }
  }, [state.error, view, create, rejoin, clearError]);

  // Remember the chair, and the class's code in the address (a refresh reopens this class).
  useEffect(() => {
    if (!view?.code || view.you.role !== "host" || !view.you.token) return;
    remembered.saveHost(view.code, view.you.token);
    remember({ kind: "host", code: view.code, hostSecret: view.you.token });
    if (view.phase === "ended") remembered.forgetLastHost();
    if (params.get("code") !== view.code) router.replace(`/host?code=${view.code}`);
  }, [view?.code, view?.you.role, view?.you.token, view?.phase, remember, router, params]);

  /** Leaves this class (its podium stays at its own address) and opens a new one. */
  const newClass = useCallback(() => {
    remembered.forgetLastHost();
    remember(null);
    clearError();
    create();
  }, [remember, clearError, create]);

  return { ...conn, newClass };
}

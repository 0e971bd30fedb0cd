// What the pages render, folded from server messages by one reducer (the connection module feeds
// it; nothing else writes it).
import type { RoomView, ServerMessage, ServerMsgOf } from "@/lib/protocol/server";
import type { Footprint } from "@/lib/protocol/common";
import { mergeLive, type LivePaths } from "./live-paths";

/** Everything the pages render, derived from server messages only. */
export interface ClientState {
  connected: boolean;
  view: RoomView | null;
  /** The walker's own footprints this round, start first. */
  path: Footprint[];
  standings: ServerMsgOf<"standings">["rows"] | null;
  /** The projector's live paths this round (host only), by player id. */
  live: LivePaths;
  /** The map the host sees during a class round. */
  map: ServerMsgOf<"map"> | null;
  reveal: ServerMsgOf<"reveal"> | null;
  result: ServerMsgOf<"result"> | null;
  error: { code: string; message: string; at: number } | null;
  kicked: string | null;
  exported: ServerMsgOf<"exported"> | null;
  /** A round without backprop: the walker's feelings around this round (at: the footprint's index). */
  probes: { at: number; dir: [number, number]; loss: number; turns?: number }[];
  /** A step was sent and its answer has not arrived yet. */
  pending: boolean;
  /** How far the next round's landscape build is (0…1), while the server prepares it. */
  preparing: number | null;
  /** The class's homework (host only). */
  homeworks: ServerMsgOf<"homeworks">["items"];
  /** The results of the homework the host last asked for. */
  homeworkResults: ServerMsgOf<"homeworkResults"> | null;
  /** The latest replay's path (after the reveal). */
  replay: ServerMsgOf<"replayed"> | null;
  /** What the network gets right where the walker stands (the latest footprint's). */
  sight: ServerMsgOf<"sight"> | null;
  /** The walker's turns of the map this round: the footprint turned at, and the new slice's origin. */
  turns: { index: number; at: Footprint }[];
  /** A team member's open tick: who has proposed, when it closes (null: not in a team round). */
  team: ServerMsgOf<"team"> | null;
}

/** The state before the socket connects. */
export const initialState: ClientState = {
  connected: false, view: null, path: [], standings: null, live: {}, map: null, reveal: null,
  result: null, error: null, kicked: null, exported: null, probes: [], pending: false, preparing: null,
  homeworks: [], homeworkResults: null, replay: null, sight: null, turns: [], team: null,
};

/** What the reducer folds: socket events, server messages and a few local facts. */
export type Action =
  | { kind: "connected"; value: boolean }
  | { kind: "msg"; msg: ServerMessage }
  | { kind: "sent-step" }
  | { kind: "clear-error" }
  | { kind: "local-error"; message: string };

/** The one reducer of the session's state. */
export function reduce(s: ClientState, a: Action): ClientState {
  if (a.kind === "connected") return { ...s, connected: a.value, pending: false };
  if (a.kind === "sent-step") return { ...s, pending: true };
  if (a.kind === "clear-error") return { ...s, error: null };
  if (a.kind === "local-error") return { ...s, error: { code: "client", message: a.message, at: Date.now() } };
  const m = a.msg;
  switch (m.type) {
    // A new connection: the server resends the projector's paths whole, so start them afresh.
    case "welcome": return { ...s, live: {} };
    case "error": return { ...s, pending: false, preparing: null, error: { code: m.code, message: m.message, at: Date.now() } };
    case "room": {
      const v = m.view;
      const newRound = (v.round?.no ?? 0) !== (s.view?.round?.no ?? 0) || v.roomId !== s.view?.roomId;
      const serverPath = v.walk?.path ?? [];
      const path = newRound || serverPath.length >= s.path.length ? serverPath : s.path;
      const serverProbes = v.walk?.probes ?? [];
      const probes = newRound || serverProbes.length >= s.probes.length ? serverProbes : s.probes;
      const serverTurns = v.walk?.turns ?? [];
      const turns = newRound || serverTurns.length >= s.turns.length ? serverTurns : s.turns;
      return newRound
        ? { ...s, view: v, path, probes, turns, live: {}, map: null, reveal: null, result: null, standings: null, exported: null, pending: false, preparing: null, replay: null, sight: null, team: null }
        : { ...s, view: v, path, probes, turns, preparing: v.phase === "countdown" || v.phase === "running" ? null : s.preparing };
    }
    case "felt": {
      const path = m.seq === s.path.length ? [...s.path, m.at] : s.path;
      const view = s.view && s.view.walk ? { ...s.view, walk: { ...s.view.walk, status: m.status, stepsLeft: m.stepsLeft, path } } : s.view;
      return { ...s, path, view, pending: false, error: null };
    }
    case "probed": {
      const fresh = !s.probes.some((p) => p.at === m.at && p.dir[0] === m.dir[0] && p.dir[1] === m.dir[1] && p.loss === m.loss);
      const probes = fresh ? [...s.probes, { at: m.at, dir: m.dir, loss: m.loss, ...(s.turns.length ? { turns: s.turns.length } : {}) }] : s.probes;
      const view = s.view && s.view.walk ? { ...s.view, walk: { ...s.view.walk, status: m.status, stepsLeft: m.stepsLeft } } : s.view;
      return { ...s, probes, view, pending: false, error: null };
    }
    case "turned": {
      const turns = m.slice - 1 > s.turns.length ? [...s.turns, { index: m.index, at: m.at }] : s.turns;
      const view = s.view && s.view.walk ? { ...s.view, walk: { ...s.view.walk, status: m.status, stepsLeft: m.stepsLeft, turns } } : s.view;
      return { ...s, turns, view, pending: false, error: null };
    }
    case "standings": return { ...s, standings: m.rows };
    case "live": return { ...s, live: mergeLive(s.live, m.paths, s.view?.round?.start ?? null) };
    case "map": return { ...s, map: m };
    case "reveal": return { ...s, reveal: m };
    case "result": return { ...s, result: m };
    case "exported": return { ...s, exported: m };
    case "kicked": return { ...s, kicked: m.message, view: null };
    // The server is restarting, or the room moves to another server: say so where errors are said;
    // the socket reconnects by itself and takes the seat back.
    case "notice": return { ...s, error: { code: m.kind, message: m.message, at: Date.now() } };
    case "preparing": return { ...s, preparing: m.fraction };
    case "homeworks": return { ...s, homeworks: m.items };
    case "homeworkResults": return { ...s, homeworkResults: m };
    case "replayed": return { ...s, replay: m };
    // A later footprint's sight replaces an earlier one's (a resent answer may arrive late).
    case "sight": return !s.sight || s.sight.round !== m.round || m.seq >= s.sight.seq ? { ...s, sight: m } : s;
    case "team": return { ...s, team: m };
  }
}

// The small JSON API beside the pages: health, the catalog, leaderboards, name suggestions, the
// join link's address.
// Everything it returns is public: catalog info has no weights, leaderboards only stored scores.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { LandscapeInfo } from "../../lib/landscape/types";
import { publicLandscape } from "../rooms/views";
import { suggestNames } from "../sockets/nicknames";

/** One leaderboard row as the API returns it. */
export interface BoardRow {
  id: string;
  rank: number;
  nickname: string;
  score: number;
  finalLoss: number | null;
  steps: number;
  budget: number;
  batch: number;
  createdAt: string;
}

/** What the API needs to read. */
export interface ApiDeps {
  catalog(): LandscapeInfo[];
  top(landscapeId: string, limit: number): Promise<BoardRow[]>;
  entry(scoreId: string): Promise<BoardRow | null>;
  count(landscapeId: string): Promise<number>;
  health(): object;
  /** The base of the join link phones can open (server/http/join-url.ts), or null: the page's own origin. */
  joinBase(): string | null;
  /** A homework's public facts (no map, no walks), or null. */
  homework(id: string): Promise<{ id: string; landscapeId: string; budget: number; batch: number; deadline: number; classCode: string } | null>;
}

function send(res: ServerResponse, status: number, body: unknown): true {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(json) });
  res.end(json);
  return true;
}

const ScoreIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Handles an API request; returns false when the path is not the API's (Next takes it). */
export async function handleApi(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (path === "/healthz") return send(res, 200, { ok: true, ...deps.health() });
  if (!path.startsWith("/api/")) return false;
  if (req.method !== "GET") return send(res, 405, { error: "method_not_allowed", message: "This API only answers GET." });
  if (path === "/api/landscapes") return send(res, 200, { landscapes: deps.catalog().map(publicLandscape) });
  if (path === "/api/join-base") return send(res, 200, { base: deps.joinBase() });
  const hw = /^\/api\/homework\/([A-Za-z0-9_-]{8,32})$/.exec(path);
  if (hw) {
    const h = await deps.homework(hw[1]!);
    const info = h ? deps.catalog().find((l) => l.id === h.landscapeId) : undefined;
    if (!h || !info) return send(res, 404, { error: "not_found", message: "There is no homework at this link: check the link your teacher gave." });
    return send(res, 200, { id: h.id, classCode: h.classCode, landscape: publicLandscape(info), budget: h.budget, batch: h.batch, deadline: h.deadline, closed: Date.now() > h.deadline });
  }
  if (path === "/api/names") {
    const n = Math.min(8, Math.max(1, Number(url.searchParams.get("n") ?? 5) || 5));
    return send(res, 200, { names: suggestNames(n) });
  }
  const m = /^\/api\/leaderboard\/([a-z0-9-]{1,40})$/.exec(path);
  if (m) {
    const info = deps.catalog().find((l) => l.id === m[1]);
    if (!info) return send(res, 404, { error: "unknown_landscape", message: `There is no landscape called "${m[1]}".` });
    const me = url.searchParams.get("me");
    const meRow = me && ScoreIdParam.safeParse(me).success ? await deps.entry(me) : null;
    const [top, total] = await Promise.all([deps.top(info.id, 20), deps.count(info.id)]);
    return send(res, 200, { landscape: publicLandscape(info), total, top, me: meRow });
  }
  return send(res, 404, { error: "not_found", message: "No such API path." });
}

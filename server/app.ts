// The server as a value: HTTP (API + Next pages) and socket.io on one port, over services the
// caller provides (training core, database). main.ts starts it for real; integration tests start
// it in-process on 127.0.0.1 with the same real services and no Next.
import { createServer, type Server as HttpServer } from "node:http";
import { randomBytes, randomInt } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { Logger } from "pino";
import { handleApi, type ApiDeps } from "./http/api";
import type { Board } from "./db/results";
import { RoomRegistry } from "./rooms/registry";
import { systemClock, type Chance, type HomeworkStore, type Landscapes, type ResultStore } from "./rooms/deps";
import type { Journal } from "./rooms/journal";
import { attachGateway } from "./sockets/gateway";
import { socketOutbox } from "./sockets/outbox";
import { Limits } from "./sockets/limits";
import { MESSAGE_EVENT } from "../lib/protocol/version";
import type { ServerMessage } from "../lib/protocol/server";
import { securityHeaders } from "./http/headers";
import { originGuard } from "./sockets/origin";
import { joinCluster, type ClusterNode } from "./cluster/cluster";
import { soleOwnership } from "./cluster/ownership";

/** What the server is built from. */
export interface ServerParts {
  host: string;
  port: number;
  log: Logger;
  landscapes: Landscapes;
  results: ResultStore;
  board: Board;
  /** Rooms' durable logs. */
  journal: Journal;
  /** Homework assignments and walks. */
  homework: HomeworkStore;
  /** Next's request handler (pages); absent in integration tests. */
  pages?: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void> | void;
  /** Extra health facts (worker pool, database). */
  health?: () => object;
  /** Secrets, seeds and join codes (default: node:crypto; a test may make them repeatable). */
  chance?: Chance;
  /** Whether a load balancer in front sets X-Forwarded-For (the client's address comes from it). */
  trustProxy?: boolean;
  /** Origins besides the server's own whose pages may open a socket (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Next's dev server is behind `pages`: the CSP allows what it needs (eval), only then. */
  dev?: boolean;
  /** The base of the join link phones can open (PUBLIC_URL, or this machine's LAN address); null: the page's own origin. */
  joinBase?: string | null;
  /** This process as one node of a cluster (REDIS_URL): leases, the Redis streams adapter, shared limits. */
  cluster?: ClusterNode;
}

/** A running server. */
export interface RunningServer {
  http: HttpServer;
  io: Server;
  rooms: RoomRegistry;
  url: string;
  port: number;
  /** Stops accepting, closes sockets and rooms (the caller closes its services). */
  close(): Promise<void>;
}

/** How long the restart notice has to leave before the sockets close, ms. */
export const RESTART_NOTICE_MS = 150;

/** The chance source of rooms: crypto secrets and seeds. */
const cryptoChance: Chance = {
  secret: () => randomBytes(18).toString("base64url"),
  uniform: () => randomInt(0, 2 ** 32) / 2 ** 32,
  seed: () => randomInt(0, 2 ** 31 - 1),
};

/** Starts HTTP + socket.io on host:port (port 0 picks a free one). */
export async function startServer(parts: ServerParts): Promise<RunningServer> {
  const started = Date.now();
  const api: ApiDeps = {
    catalog: () => parts.landscapes.catalog(),
    ...parts.board,
    joinBase: () => parts.joinBase ?? null,
    homework: async (id) => {
      const h = await parts.homework.get(id);
      return h ? { id: h.id, landscapeId: h.rules.landscapeId, budget: h.rules.budget, batch: h.rules.batch, deadline: h.deadline, classCode: h.classCode } : null;
    },
    health: () => ({ uptimeSec: Math.round((Date.now() - started) / 1000), node: rooms.ownership.nodeId, rooms: rooms.size, ...(parts.health?.() ?? {}) }),
  };
  const secure = securityHeaders({ dev: parts.dev === true });
  const http = createServer((req, res) => {
    new Promise<void>((resolve, reject) => secure(req, res, (err) => (err ? reject(err) : resolve())))
      .then(() => handleApi(req, res, api))
      .then((handled) => {
        if (handled) return;
        if (parts.pages) return parts.pages(req, res);
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("Not found");
      })
      .catch((e: unknown) => {
        parts.log.error({ err: String(e), url: req.url }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "server_error", message: "Something went wrong on the server." }));
      });
  });
  // Oversized payloads are refused by the gateway with a typed error; this cap only stops abuse.
  const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 20_000 });
  io.engine.use(secure); // socket.io's own HTTP answers carry the headers too
  io.use(originGuard(parts.allowedOrigins ?? [], parts.log)); // before the gateway: no foreign page gets in
  const ownership = parts.cluster ? joinCluster(io, parts.cluster, parts.log) : soleOwnership();
  const limits = new Limits(undefined, parts.cluster?.redis);
  const rooms = new RoomRegistry({
    landscapes: parts.landscapes,
    results: parts.results,
    admission: limits,
    journal: parts.journal,
    homework: parts.homework,
    clock: systemClock,
    outbox: socketOutbox(io),
    chance: parts.chance ?? cryptoChance,
    log: parts.log,
  }, ownership);
  rooms.startSweeping();
  attachGateway(io, rooms, limits, parts.log, () => Date.now(), { trustProxy: parts.trustProxy ?? false });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(parts.port, parts.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = parts.host === "0.0.0.0" ? "localhost" : parts.host;
  return {
    http, io, rooms, port, url: `http://${shownHost}:${port}`,
    close: async () => {
      // Every page hears why its socket is about to drop (a deploy or a restart), then a moment
      // for that message to leave before the sockets close; pages reconnect by themselves.
      io.local.emit(MESSAGE_EVENT, { type: "notice", kind: "restarting", message: "The server is restarting. This page will reconnect by itself in a moment; nothing you did is lost." } satisfies ServerMessage);
      await new Promise((resolve) => setTimeout(resolve, RESTART_NOTICE_MS));
      await rooms.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections?.();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

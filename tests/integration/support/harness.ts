// Boots the real server in-process (real training core with its worker pool, real embedded
// database, real socket.io) on 127.0.0.1 with a temporary data directory, and gives tests
// socket.io-client bots that await messages by type — no sleeping for time.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { pino } from "pino";
import { openServices, type Services } from "../../../server/services";
import { startServer, type RunningServer } from "../../../server/app";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../../lib/protocol/version";
import { ServerMessage, type ServerMsgOf } from "../../../lib/protocol/server";
import type { ClientMessage } from "../../../lib/protocol/client";
import type { Chance } from "../../../server/rooms/deps";
import { Rng } from "../../../lib/landscape/prng";

/** A repeatable source of secrets and seeds, for tests that need the same rounds every run. */
export function seededChance(seed: number): Chance {
  const rng = new Rng(seed);
  let n = 0;
  return {
    secret: () => `s${(++n).toString(36)}_${Math.floor(rng.next() * 2 ** 48).toString(36)}`.padEnd(24, "x"),
    uniform: () => rng.next(),
    seed: () => Math.floor(rng.next() * 2_147_483_647),
  };
}

/** A running test server with its services. */
export interface TestServer {
  server: RunningServer;
  services: Services;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real server on an ephemeral loopback port. Reuses dataDir when given (restart tests). */
export async function bootServer(dataDir = mkdtempSync(join(tmpdir(), "downhill-it-")), opts: { chance?: Chance; trustProxy?: boolean; allowedOrigins?: string[] } = {}): Promise<TestServer> {
  const log = pino({ level: process.env.TEST_LOG ?? "silent" });
  const services = await openServices({ dataDir, threads: 2, log });
  const server = await startServer({ host: "127.0.0.1", port: 0, log, landscapes: services.landscapes, results: services.results, board: services.board, journal: services.journal, homework: services.homework, health: services.health, chance: opts.chance, trustProxy: opts.trustProxy, allowedOrigins: opts.allowedOrigins });
  return {
    server, services, dataDir,
    stop: async () => {
      await server.close();
      await services.close();
    },
  };
}

/** A socket.io-client bot that records every message and awaits them by type. */
export class Bot {
  readonly socket: Socket;
  readonly inbox: ServerMessage[] = [];
  /** Messages the protocol's schema refused (each fails the next wait). */
  readonly unreadable: string[] = [];
  private readonly taken = new Set<number>();
  private waiters: (() => void)[] = [];

  /**
   * `address` plays a client at that address (the server must trust X-Forwarded-For: bootServer's
   * trustProxy); `room` is the routing key a page sends (a cluster's balancer routes by it).
   */
  constructor(url: string, auth: object = { protocol: PROTOCOL_VERSION }, opts: { address?: string; room?: string } = {}) {
    const extraHeaders = opts.address ? { "x-forwarded-for": opts.address } : undefined;
    const query = opts.room ? { room: opts.room } : undefined;
    this.socket = connect(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders, query });
    this.socket.on(MESSAGE_EVENT, (raw: unknown) => {
      // Every message is read the way the browser reads it (app/_lib/connection.ts): one that the
      // protocol's schema refuses is a server bug, and fails the test that receives it.
      const parsed = ServerMessage.safeParse(raw);
      if (!parsed.success) this.unreadable.push(`${JSON.stringify(raw).slice(0, 300)}: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join(".")}`);
      this.inbox.push(raw as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Sends a message (or any raw payload, for bad-input tests). */
  send(msg: ClientMessage | unknown): void {
    this.socket.emit(MESSAGE_EVENT, msg);
  }

  /**
   * The earliest message of a type not yet taken, which it takes.
   * Messages of other types stay in the inbox for their own `next`; fails after `ms`.
   */
  async next<T extends ServerMessage["type"]>(type: T, ms = 60_000, where?: (m: ServerMsgOf<T>) => boolean): Promise<ServerMsgOf<T>> {
    return this.take((m): m is ServerMsgOf<T> => m.type === type && (!where || where(m as ServerMsgOf<T>)), 0, ms, `"${type}"`);
  }

  /** Sends and awaits the reply of a type, or an error (returned instead), received after sending. */
  async ask<T extends ServerMessage["type"]>(msg: ClientMessage | unknown, type: T, ms = 60_000): Promise<ServerMsgOf<T> | ServerMsgOf<"error">> {
    const from = this.inbox.length;
    this.send(msg);
    return this.take((m): m is ServerMsgOf<T> | ServerMsgOf<"error"> => m.type === type || m.type === "error", from, ms, `"${type}" or an error`);
  }

  private async take<M extends ServerMessage>(match: (m: ServerMessage) => m is M, from: number, ms: number, what: string): Promise<M> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.unreadable.length) throw new Error(`the server sent a message the protocol refuses: ${this.unreadable[0]}`);
      for (let i = from; i < this.inbox.length; i++) {
        const m = this.inbox[i]!;
        if (!this.taken.has(i) && match(m)) {
          this.taken.add(i);
          return m;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; last messages: ${JSON.stringify(this.inbox.slice(-3)).slice(0, 600)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Resolves once connected (and welcomed). */
  async ready(): Promise<void> {
    await this.next("welcome", 15_000);
  }

  /** Disconnects. */
  close(): void {
    this.socket.disconnect();
  }
}

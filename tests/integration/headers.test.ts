// Security headers and the socket's origin check, through the real server (no Next here: pages
// are covered by tests/e2e/headers.spec.ts). Every API answer, a 404 and socket.io's own HTTP
// answer carry the headers; a socket from a foreign page is refused with a sentence a person can
// act on, while the server's own pages, a listed origin and non-browser clients get in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { bootServer, type TestServer } from "./support/harness";
import { MESSAGE_EVENT, PROTOCOL_VERSION } from "../../lib/protocol/version";

const LISTED = "https://downhill.example.org";

let t: TestServer;
beforeAll(async () => { t = await bootServer(undefined, { allowedOrigins: [LISTED] }); }, 300_000);
afterAll(async () => { await t?.stop(); });

/** The CSP's directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values];
  }));
}

/** Asserts the headers every response must carry; returns the script nonce. */
function expectSecurityHeaders(res: Response, what: string): string {
  const h = res.headers;
  const csp = h.get("content-security-policy");
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const d = directives(csp!);
  expect(d.get("default-src"), what).toEqual(["'self'"]);
  expect(d.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(d.get("object-src"), what).toEqual(["'none'"]);
  const script = d.get("script-src")!;
  expect(script, what).not.toContain("'unsafe-eval'");
  expect(script, what).not.toContain("'unsafe-inline'");
  const nonce = script.find((s) => /^'nonce-[A-Za-z0-9+/]{22}==?'$/.test(s));
  expect(nonce, `${what}: a nonce in script-src`).toBeTruthy();
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("referrer-policy"), what).toBe("no-referrer");
  const permissions = h.get("permissions-policy") ?? "";
  for (const feature of ["camera", "microphone", "geolocation"]) expect(permissions, what).toContain(`${feature}=()`);
  expect(h.get("x-powered-by"), what).toBeNull();
  return nonce!;
}

describe("security headers", () => {
  it("are on every API answer, /healthz, a 404, a 405 and socket.io's own HTTP answer", async () => {
    const url = t.server.url;
    const cases: [string, RequestInit, number][] = [
      ["/healthz", {}, 200],
      ["/api/landscapes", {}, 200],
      ["/api/names?n=2", {}, 200],
      ["/api/leaderboard/bowl", {}, 200],
      ["/api/leaderboard/no-such-map", {}, 404],
      ["/api/nothing-here", {}, 404],
      ["/not-a-page", {}, 404],
      ["/api/landscapes", { method: "POST" }, 405],
      [`/socket.io/?EIO=4&transport=polling`, {}, 200],
    ];
    for (const [path, init, status] of cases) {
      const res = await fetch(url + path, init);
      await res.arrayBuffer();
      const what = `${init.method ?? "GET"} ${path}`;
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res, what);
    }
  });

  it("gives every response its own nonce", async () => {
    const a = await fetch(`${t.server.url}/healthz`);
    const b = await fetch(`${t.server.url}/healthz`);
    expect(expectSecurityHeaders(a, "first")).not.toBe(expectSecurityHeaders(b, "second"));
  });

  it("lets the page reach its own socket address, and no other host", async () => {
    const res = await fetch(`${t.server.url}/healthz`);
    const host = new URL(t.server.url).host;
    expect(directives(res.headers.get("content-security-policy")!).get("connect-src")).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
  });
});

type Outcome = { ok: true } | { ok: false; message: string; code: unknown };

/** Opens a socket as a browser on `origin` would (or with no Origin) and says how it went. */
function handshake(origin: string | null, transport: "websocket" | "polling" = "websocket"): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(t.server.url, {
      auth: { protocol: PROTOCOL_VERSION },
      transports: [transport],
      extraHeaders: origin === null ? {} : { Origin: origin },
      reconnection: false,
      forceNew: true,
    });
    socket.on(MESSAGE_EVENT, (m: { type?: string }) => {
      if (m.type !== "welcome") return;
      socket.disconnect();
      resolve({ ok: true });
    });
    socket.on("connect_error", (e: Error & { data?: { code?: unknown } }) => {
      socket.disconnect();
      resolve({ ok: false, message: e.message, code: e.data?.code });
    });
  });
}

describe("the socket's origin check", () => {
  it("refuses a page from another site with a sentence that says what to do", async () => {
    for (const transport of ["websocket", "polling"] as const) {
      const r = await handshake("http://evil.example", transport);
      expect(r.ok, transport).toBe(false);
      if (r.ok) continue;
      expect(r.code).toBe("origin_refused");
      expect(r.message).toContain("http://evil.example");
      expect(r.message).toContain("ALLOWED_ORIGINS");
      // The page shows connect_error messages except transport noise (app/_lib/connection.ts).
      expect(r.message).not.toMatch(/xhr|websocket|timeout/i);
    }
  });

  it("refuses an opaque origin (a sandboxed frame or a file) and a look-alike of its own host", async () => {
    const port = t.server.port;
    for (const origin of ["null", `http://127.0.0.1.evil.example:${port}`, `http://127.0.0.1:${port + 1}`, `${LISTED}/path`, "https://example.org"]) {
      const r = await handshake(origin);
      expect(r.ok, origin).toBe(false);
    }
  });

  it("accepts its own origin, over http or behind TLS", async () => {
    const own = new URL(t.server.url).origin;
    expect(await handshake(own)).toEqual({ ok: true });
    expect(await handshake(own.replace(/^http:/, "https:"))).toEqual({ ok: true });
  });

  it("accepts an origin listed in ALLOWED_ORIGINS", async () => {
    expect(await handshake(LISTED)).toEqual({ ok: true });
    expect(await handshake(LISTED, "polling")).toEqual({ ok: true });
  });

  it("accepts a client that is no browser (no Origin at all)", async () => {
    expect(await handshake(null)).toEqual({ ok: true });
  });
});

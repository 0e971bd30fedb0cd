// Who may open a game socket. A browser always sends an Origin header with a WebSocket handshake
// (and with socket.io's polling requests), so checking it stops another site's page from playing,
// hosting or spoiling rounds in a visitor's name (cross-site WebSocket hijacking). Allowed are:
// - a page this server served: its Origin is the Host the handshake came to, over http or https
//   (https when a TLS proxy in front keeps the Host);
// - an origin the operator listed in ALLOWED_ORIGINS (a proxy that rewrites Host, another front);
// - no Origin at all: not a browser (our test bots, `npm run loadtest`). Such a client can send any
//   header it likes anyway, so refusing it would protect nothing.
// The check runs as a socket.io middleware rather than engine.io's `allowRequest`: a refusal there
// is an HTTP error on the WebSocket upgrade, which a browser's WebSocket API hides (the page only
// learns "websocket error" and retries forever), while a middleware's error reaches the page as
// `connect_error` with our sentence, and socket.io-client does not retry it.
import type { Socket } from "socket.io";

/** The refusal's code, in the error's `data` (the sentence is in its message). */
export const ORIGIN_REFUSED = "origin_refused";

/**
 * An origin as browsers serialise it (`scheme://host[:port]`, lower case, no default port), or
 * null when the text is not an http(s) origin: a path, a query, credentials, `*` or `null`.
 */
export function parseOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  // A host name (punycode, as URL gives it), an IPv4 or a bracketed IPv6 address: no wildcard,
  // which URL would accept but no browser ever sends (an entry like https://*.example.org would
  // silently match nothing).
  if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/.test(url.hostname)) return null;
  // URL drops dot segments (`http://a/.` has pathname "/"): no path text at all may pass but a
  // bare trailing slash.
  if (/^[a-z]+:\/\/[^/]*\/./i.test(text)) return null;
  return url.origin;
}

/** Whether an origin names the host a request came to (the Host header), on either scheme. */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  const own = parseOrigin(origin);
  if (!own) return false;
  // Read the Host with the Origin's scheme, so "example.org" and "example.org:443" are the same
  // host for https://example.org. A Host with credentials or a path is no host of ours.
  const scheme = new URL(own).protocol;
  return parseOrigin(`${scheme}//${host}`) === own;
}

/** Whether a handshake may open a socket: no Origin, its own Host's origin, or a listed one. */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (isOwnOrigin(origin, host)) return true;
  const parsed = parseOrigin(origin);
  return parsed !== null && allowed.includes(parsed);
}

/** The sentence a refused page shows (no word a transport error has: the page filters those out). */
export function refusalMessage(origin: string): string {
  const shown = origin.length > 100 ? `${origin.slice(0, 100)}…` : origin;
  return `This game server does not accept players from ${shown}. Open the game at the server's own address, or ask whoever runs it to add ${shown} to ALLOWED_ORIGINS.`;
}

/** The socket.io middleware that refuses handshakes from origins not allowed (see the file's head). */
export function originGuard(allowed: readonly string[], log?: { warn(o: object, m?: string): void }): (socket: Socket, next: (err?: Error) => void) => void {
  return (socket, next) => {
    const headers = socket.handshake.headers;
    const origin = headers.origin;
    if (isAllowedOrigin(origin, headers.host, allowed)) return next();
    log?.warn({ origin, host: headers.host, address: socket.handshake.address }, "socket refused: origin not allowed");
    const err = new Error(refusalMessage(String(origin))) as Error & { data?: unknown };
    err.data = { code: ORIGIN_REFUSED };
    next(err);
  };
}

// The Content-Security-Policy: every source the game's pages load from, and nothing else. Next
// reads the nonce from this same policy (server/http/headers.ts hands it over) and puts it on every
// script it emits, so no inline script runs without it and no `unsafe-inline` is needed for
// scripts. The directives are helmet's format; the functions are evaluated per request.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A directive's value computed per request (helmet calls it with the request and response). */
export type PerRequest = (req: IncomingMessage, res: ServerResponse) => string;

/** What the policy is computed from. */
export interface PolicyInputs {
  /** Next's dev server (`--dev`): React needs eval for its debugging aids there, and only there. */
  dev: boolean;
  /** `'nonce-…'` for this request. */
  nonce: PerRequest;
  /** The socket's own address, `ws://host wss://host`, or "" when the Host is not usable. */
  socket: PerRequest;
}

/** The policy's directives, in helmet's format. */
export function cspDirectives({ dev, nonce, socket }: PolicyInputs): Record<string, Array<string | PerRequest>> {
  return {
    "default-src": ["'self'"],
    // Next puts the nonce on its own scripts; 'strict-dynamic' lets those load the chunks they
    // import (Turbopack's runtime, pixi.js, uPlot); 'self' is the fallback of browsers that predate
    // 'strict-dynamic' (which then ignore it). The map needs no eval: LandscapeView imports
    // pixi.js/unsafe-eval, Pixi's shader code path without `new Function`.
    "script-src": ["'self'", nonce, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "script-src-attr": ["'none'"],
    // Styles: our CSS files, and React's `style={…}` attributes (about fifty of them, e.g. the
    // players' colours) in the server-rendered HTML, which only 'unsafe-inline' allows in every
    // browser. Style injection needs an HTML injection first, which React's escaping prevents.
    "style-src": ["'self'", "'unsafe-inline'"],
    // The class's QR code is a data: URL (the qrcode package); the map is drawn, not loaded.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    // fetch() to /api and the game socket. Browsers of the CSP3 era match ws:/wss: with 'self';
    // Safari before 16 does not, hence the socket's address spelled out.
    "connect-src": ["'self'", socket],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
    // Nobody may frame the game (clickjacking a projector or a student's step button).
    "frame-ancestors": ["'none'"],
  };
}

/** `ws://host wss://host` for a Host header that is a plain host[:port], or "" (left out). */
export function socketSources(host: string | undefined): string {
  // The Host is the client's own claim: a policy built from it only ever reaches that client, but
  // it must stay one token, so anything beyond a host name, IPv4/IPv6 address and port is dropped.
  if (!host || !/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return "";
  return `ws://${host} wss://${host}`;
}

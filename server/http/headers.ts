// Security headers on every response the server sends: pages, /api, /healthz, Next's static
// files, 404s and socket.io's own HTTP answers. helmet writes them; the policy's sources are ours
// (csp.ts). Each request gets a fresh CSP nonce, and the policy is also set on the *request* for
// Next: Next 16 takes the nonce for the scripts it renders from the request's
// Content-Security-Policy header (parseRequestHeaders → getScriptNonceFromHeaders), the same way
// its documented Proxy recipe hands it over.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";
import { cspDirectives, socketSources } from "./csp";

/**
 * Browser features the game never uses, switched off for the page and anything it could embed.
 * The game plays sound through Web Audio, which no permission gates, so `autoplay` keeps its default.
 * Only features Chromium knows on every platform: an unknown one costs a console warning per page
 * (Linux Chromium does not know `bluetooth` or `web-share`).
 */
export const PERMISSIONS_POLICY = [
  "accelerometer", "camera", "display-capture", "encrypted-media", "fullscreen", "gamepad",
  "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi",
  "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial",
  "usb", "xr-spatial-tracking",
].map((feature) => `${feature}=()`).join(", ");

/** A connect-style middleware (engine.io takes it as is); it calls next synchronously. */
export type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The middleware that sets the security headers; `dev` relaxes the CSP for Next's dev server only. */
export function securityHeaders({ dev }: { dev: boolean }): HeaderMiddleware {
  const nonces = new WeakMap<ServerResponse, string>();
  const writeHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: cspDirectives({
        dev,
        nonce: (_req, res) => `'nonce-${nonces.get(res)}'`,
        socket: (req) => socketSources(req.headers.host),
      }),
    },
    // Same-origin window and resources: the game opens no popups and lends nothing to other sites.
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    // Join codes and score ids ride in URLs (/join?code=…, ?me=…): they leave with no link.
    referrerPolicy: { policy: "no-referrer" },
    // HSTS is the TLS terminator's to send: this server speaks plain HTTP (a classroom's LAN).
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
  });
  return (req, res, next) => {
    // 128 random bits, base64: the form Next's nonce pattern reads.
    nonces.set(res, randomBytes(16).toString("base64"));
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    writeHeaders(req, res, (err?: unknown) => {
      if (err) return next(err);
      // Whatever CSP a client sent is replaced: Next must see our nonce and no other.
      req.headers["content-security-policy"] = String(res.getHeader("Content-Security-Policy"));
      delete req.headers["content-security-policy-report-only"];
      next();
    });
  };
}

// Which handshakes may open a socket, as a table: the server's own origin (by the Host it was
// reached at, on http or https), a listed origin, no Origin at all; and what is refused.
import { describe, expect, it } from "vitest";
import { isAllowedOrigin, parseOrigin, refusalMessage } from "../../../server/sockets/origin";

const LISTED = ["https://downhill.example.org"];

describe("isAllowedOrigin", () => {
  it.each([
    // [Origin, Host, allowed]
    [undefined, "127.0.0.1:3000", true], // no browser: the bots, the load test
    ["http://127.0.0.1:3000", "127.0.0.1:3000", true],
    ["https://127.0.0.1:3000", "127.0.0.1:3000", true], // TLS ends at a proxy that keeps Host
    ["https://game.example.org", "game.example.org:443", true], // the default port, spelled out
    ["http://game.example.org", "GAME.example.org", true],
    ["http://[::1]:3000", "[::1]:3000", true],
    ["https://downhill.example.org", "10.0.0.5:3000", true], // listed
    ["http://evil.example", "127.0.0.1:3000", false],
    ["http://127.0.0.1:3001", "127.0.0.1:3000", false], // another port is another origin
    ["http://127.0.0.1.evil.example:3000", "127.0.0.1:3000", false],
    ["null", "127.0.0.1:3000", false], // a sandboxed frame, a file
    ["", "127.0.0.1:3000", false],
    ["http://127.0.0.1:3000", undefined, false],
    ["http://evil.example", "user@evil.example", false], // a Host with credentials is no host
    ["ws://127.0.0.1:3000", "127.0.0.1:3000", false],
    ["https://downhill.example.org.evil.example", "127.0.0.1:3000", false],
  ])("Origin %j, Host %j → %j", (origin, host, allowed) => {
    expect(isAllowedOrigin(origin, host, LISTED)).toBe(allowed);
  });
});

describe("parseOrigin", () => {
  it.each([
    ["https://Downhill.Example.org:443/", "https://downhill.example.org"],
    ["http://10.0.0.5:3000", "http://10.0.0.5:3000"],
    ["http://a.example.org/path", null],
    ["http://a.example.org/.", null],
    ["https://*.example.org", null],
    ["*", null],
    ["file:///tmp/x", null],
  ])("%j → %j", (text, origin) => {
    expect(parseOrigin(text)).toBe(origin);
  });
});

describe("refusalMessage", () => {
  it("names the origin and the setting, and stays short for a long header", () => {
    expect(refusalMessage("http://evil.example")).toContain("from http://evil.example.");
    expect(refusalMessage("http://evil.example")).toContain("ALLOWED_ORIGINS");
    expect(refusalMessage(`http://${"a".repeat(500)}.example`).length).toBeLessThan(400);
  });
});

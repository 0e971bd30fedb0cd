// The socket's address in connect-src comes from the Host header: only a plain host[:port] is
// spelled out, anything else is left out (the policy must stay one token per source).
import { describe, expect, it } from "vitest";
import { socketSources } from "../../../server/http/csp";

describe("socketSources", () => {
  it.each([
    ["127.0.0.1:3000", "ws://127.0.0.1:3000 wss://127.0.0.1:3000"],
    ["game.example.org", "ws://game.example.org wss://game.example.org"],
    ["[::1]:3000", "ws://[::1]:3000 wss://[::1]:3000"],
    [undefined, ""],
    ["", ""],
    ["a.example.org; script-src *", ""],
    ["a.example.org,b.example.org", ""],
    ["a.example.org 'unsafe-eval'", ""],
    ["*.example.org", ""],
    ["user@a.example.org", ""],
  ])("Host %j → %j", (host, sources) => {
    expect(socketSources(host)).toBe(sources);
  });
});

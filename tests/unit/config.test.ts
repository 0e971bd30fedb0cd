// The environment's parsing, ALLOWED_ORIGINS in particular: good lists come out as the origins a
// browser sends; a bad one stops the server with one line that names the variable and the entry.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../server/config";

/** An environment with just these variables. */
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

function origins(value: string | undefined): string[] | string {
  const r = parseConfig(env(value === undefined ? {} : { ALLOWED_ORIGINS: value }));
  return r.ok ? r.config.ALLOWED_ORIGINS : r.error;
}

describe("ALLOWED_ORIGINS", () => {
  it.each([
    [undefined, []],
    ["", []],
    ["https://downhill.example.org", ["https://downhill.example.org"]],
    // Normalised as browsers send Origin: lower case, no default port, no trailing slash.
    ["HTTPS://Downhill.Example.org:443/", ["https://downhill.example.org"]],
    ["http://10.0.0.5:3000, https://class.example.org ,", ["http://10.0.0.5:3000", "https://class.example.org"]],
    ["http://[::1]:8080", ["http://[::1]:8080"]],
    ["http://localhost:80", ["http://localhost"]],
  ])("reads %j", (value, expected) => {
    expect(origins(value)).toEqual(expected);
  });

  it.each([
    ["*", "\"*\""],
    ["downhill.example.org", "\"downhill.example.org\""],
    ["https://downhill.example.org/play", "\"https://downhill.example.org/play\""],
    ["https://a.example.org,ftp://b.example.org", "\"ftp://b.example.org\""],
    ["https://user:pw@a.example.org", "\"https://user:pw@a.example.org\""],
    ["https://a.example.org?x=1", "\"https://a.example.org?x=1\""],
    ["null", "\"null\""],
    ["https://*.example.org", "\"https://*.example.org\""],
  ])("refuses %j with one line naming the setting and the entry", (value, entry) => {
    const error = origins(value);
    expect(typeof error).toBe("string");
    expect(error).toMatch(/^Bad configuration: ALLOWED_ORIGINS=/);
    expect(error).toContain(`has ${entry}, which is not an origin`);
    expect(String(error).split("\n")).toHaveLength(1);
  });

  it("leaves the other settings as they were", () => {
    const r = parseConfig(env({ ALLOWED_ORIGINS: "https://a.example.org", PORT: "4000" }));
    expect(r.ok && r.config.PORT).toBe(4000);
  });
});

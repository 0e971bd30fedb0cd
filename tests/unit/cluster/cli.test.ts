// The cluster CLI's arguments: every mistake is one line on stderr and exit code 2, before
// anything is installed or started.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
const run = (args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "scripts", "cluster", "cli.ts"), ...args], { cwd: ROOT, encoding: "utf8" });

describe("npm run cluster arguments", () => {
  it.each([
    [[], /No command given/],
    [["start", "--dir", "/tmp/x"], /Unknown command "start"/],
    [["up", "--nodes", "2"], /needs --dir D/],
    [["up", "--dir", "/tmp/x", "--nodes", "0"], /--nodes must be a whole number from 1 to 16/],
    [["up", "--dir", "/tmp/x", "--nodes", "2.5"], /--nodes must be a whole number/],
    [["up", "--dir", "/tmp/x", "--port", "70000"], /--port must be a whole number from 1 to 65535/],
    [["down", "--dir", "/tmp/x", "--nodes", "2"], /Unknown option "--nodes"/],
    [["status", "--dir", "/tmp/x", "extra"], /Unexpected "extra"/],
  ])("%j is one line and exit code 2", (args, message) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

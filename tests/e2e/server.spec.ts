// The server as an operator meets it: a bad setting stops it with one line naming the setting and
// exit code 2; SIGTERM (sent by process id) shuts it down cleanly with exit code 0; data persists.
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/main.ts"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", LOG_LEVEL: "info", PREBUILD: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => out };
}

for (const [name, value] of [["PORT", "eighty"], ["ALLOWED_ORIGINS", "https://downhill.example.org/play"]]) {
  test(`a bad setting (${name}) stops the server with one line that names it, and exit code 2`, async () => {
    const s = run({ [name!]: value!, DATA_DIR: mkdtempSync(join(tmpdir(), "downhill-cfg-")) });
    expect(await s.exited).toBe(2);
    const lines = s.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  });
}

test("SIGTERM shuts the server down cleanly", async () => {
  const port = 3291;
  const s = run({ PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), "downhill-term-")) });
  await expect.poll(async () => {
    try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).status; } catch { return 0; }
  }, { timeout: 120_000 }).toBe(200);
  process.kill(s.child.pid!, "SIGTERM");
  expect(await s.exited).toBe(0);
  expect(s.output()).toContain("stopped");
});

// Browser tests in Debian's Chromium (Playwright's own download is unreachable here). The real
// server is started by `npm start` on a loopback port with a throwaway data directory, and stopped
// by Playwright when the tests end.
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { E2E_PORT, E2E_PUBLIC_URL } from "./tests/e2e/support/public-url";

const port = E2E_PORT;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "downhill-e2e-"));
// The server listens on loopback only, as every test server does; PUBLIC_URL says what phones
// would open (this machine's LAN address), and the class test decodes the QR code to check it.

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/support/global-setup.ts",
  outputDir: "artifacts/test-results",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1", PUBLIC_URL: E2E_PUBLIC_URL },
  },
});

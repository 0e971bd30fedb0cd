// The play page's weight: every JavaScript file the browser fetches from opening /play to a walk on
// the map (the Pixi scene included, which loads on demand), each gzipped here as a server would
// send it (zlib level 6, what Node's and most proxies' compression use), summed. Sizes, not time:
// a build that grows past the budget fails. The table goes to artifacts/page-weight.txt.
import { expect, test } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";

/** The budget of the play page's JavaScript, gzipped bytes (issue 12: under 350 KB). */
const BUDGET_GZIP = 350 * 1024;

test("the play page loads less than 350 KB of gzipped JavaScript, the Pixi map included", async ({ page }) => {
  const files = new Map<string, { raw: number; gzip: number }>();
  const pending: Promise<void>[] = [];
  page.on("response", (res) => {
    const url = new URL(res.url());
    if (!url.pathname.endsWith(".js") || files.has(url.pathname)) return;
    pending.push(res.body().then((body) => { files.set(url.pathname, { raw: body.length, gzip: gzipSync(body, { level: 6 }).length }); }, () => undefined));
  });
  await page.goto("/play");
  await page.getByTestId("landscape-bowl").click();
  await page.getByTestId("start").click();
  await expect(page.locator("[data-testid=landscape] canvas")).toBeVisible();
  await page.keyboard.press("f");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("29 of 30");
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);

  const rows = [...files].sort((a, b) => b[1].gzip - a[1].gzip);
  const total = rows.reduce((s, [, f]) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 });
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
  const table = [
    `${"file".padEnd(48)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)}`,
    ...rows.map(([name, f]) => `${name.padEnd(48)} ${kb(f.raw)} ${kb(f.gzip)}`),
    `${`total (${rows.length} files)`.padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)}`,
  ].join("\n");
  mkdirSync("artifacts", { recursive: true });
  writeFileSync("artifacts/page-weight.txt", `${table}\n`);
  console.log(table);
  expect(total.gzip, `the play page's JavaScript, gzipped (budget ${BUDGET_GZIP / 1024} KB)`).toBeLessThan(BUDGET_GZIP);
});

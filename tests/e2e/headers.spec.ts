// Every page under its Content-Security-Policy, as a browser enforces it: the document carries
// the security headers, every script Next rendered carries this response's nonce, and nothing is
// blocked (no securitypolicyviolation event, no console error) while the pages run and a solo
// round is played to the reveal (the map's canvas draws, the socket connects, steps are felt).
// And a page opened through a proxy that rewrites Host, without ALLOWED_ORIGINS, says why its
// socket was refused.
import { expect, test, type BrowserContext, type Page, type Response } from "@playwright/test";
import { createServer, request, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { PNG } from "pngjs";

/** What the browser reported as blocked or broken, from every page of a context. */
interface Reports { violations: string[]; errors: string[] }

/** Collects CSP violations (the DOM event, from before any page script) and console errors. */
async function watch(context: BrowserContext): Promise<Reports> {
  const reports: Reports = { violations: [], errors: [] };
  await context.exposeBinding("__reportViolation", (_source, v: string) => { reports.violations.push(v); });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportViolation(v: string): void }).__reportViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  context.on("page", (page) => follow(page, reports));
  return reports;
}

function follow(page: Page, reports: Reports): void {
  page.on("console", (m) => {
    // Warnings count when they are about our headers (an unknown Permissions-Policy feature).
    const aboutHeaders = /Permissions-Policy|Content-Security-Policy|Content Security Policy/i.test(m.text());
    if (m.type() !== "error" && !aboutHeaders) return;
    // The game has no favicon: Chromium's own request for one logs a 404, which is no page's doing.
    if (new URL(m.location().url || "about:blank").pathname === "/favicon.ico") return;
    reports.errors.push(`${page.url()}: ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => reports.errors.push(`${page.url()}: ${e.message}`));
}

/** Checks a document response's security headers and its scripts' nonces. */
async function expectSecureDocument(res: Response | null, path: string): Promise<void> {
  expect(res, path).not.toBeNull();
  const h = res!.headers();
  const csp = h["content-security-policy"] ?? "";
  const script = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(script)?.[1];
  expect(nonce, `${path}: a nonce in script-src`).toBeTruthy();
  expect(script, path).not.toContain("'unsafe-eval'");
  expect(script, path).not.toContain("'unsafe-inline'");
  expect(csp, path).toMatch(/(?:^|;)\s*frame-ancestors 'none'/);
  expect(h["x-frame-options"], path).toBe("DENY");
  expect(h["x-content-type-options"], path).toBe("nosniff");
  expect(h["referrer-policy"], path).toBe("no-referrer");
  expect(h["permissions-policy"], path).toContain("camera=()");
  expect(h["permissions-policy"], path).toContain("microphone=()");
  expect(h["permissions-policy"], path).toContain("geolocation=()");
  // Next put this response's nonce on every script it rendered (a prerendered page would not).
  const tags = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, path).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
}

/** Waits until Next's client runtime has run (its scripts were allowed). */
async function expectNextRan(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version))).toBe(true);
}

/** How many different colours the element's pixels have (a drawn canvas has many, a blank one one). */
async function colours(page: Page, selector: string): Promise<number> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  return seen.size;
}

test("every page carries the headers and runs under its CSP, with no violation, through a solo round", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const reports = await watch(context);
  const page = await context.newPage();

  // Each page: its document's headers, then proof that its scripts ran (what it renders only
  // from the client: fetched data, the socket's answers, a data: image).
  const pages: [string, (p: Page) => Promise<void>][] = [
    ["/", (p) => expect(p.getByRole("heading", { name: "You are the training algorithm." })).toBeVisible()],
    ["/race", (p) => expect(p.getByTestId("landscape-bowl")).toBeVisible()],
    ["/join", (p) => expect(p.getByLabel("Code on the screen")).toBeVisible()],
    ["/host", async (p) => { await expect(p.getByTestId("big-code")).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/); await expect(p.getByTestId("qr")).toBeVisible(); }],
    ["/leaderboard/bowl", (p) => expect(p.getByRole("heading", { name: /^Leaderboard: / })).toBeVisible()],
    ["/play", (p) => expect(p.getByTestId("landscape-bowl")).toBeVisible()],
  ];
  for (const [path, ready] of pages) {
    const res = await page.goto(path);
    await expectSecureDocument(res, path);
    await expectNextRan(page);
    await ready(page);
  }

  // A solo round: the socket connects, the map draws on its canvas, a step is felt, the reveal
  // paints the heatmap.
  await page.goto("/play?landscape=ravine&budget=5&batch=0&seed=7");
  await page.getByTestId("start").click();
  await expect(page.getByTestId("altitude")).toBeVisible();
  const canvas = "[data-testid=landscape] canvas";
  await expect(page.locator(canvas)).toBeVisible();
  const start = await page.getByTestId("altitude").textContent();
  await page.getByTestId("step").click();
  await expect(page.getByTestId("steps-left")).toHaveText("4 of 5");
  await expect(page.getByTestId("altitude")).not.toHaveText(start ?? "");
  await expect.poll(() => colours(page, canvas)).toBeGreaterThan(8);
  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect.poll(() => colours(page, canvas)).toBeGreaterThan(64); // the heatmap's ramp

  expect(reports.violations).toEqual([]);
  expect(reports.errors).toEqual([]);
  await context.close();
});

/** A reverse proxy on a port of its own that sends every request on with the target's Host. */
async function hostRewritingProxy(target: URL): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  server.on("upgrade", (req, socket, head) => {
    const up = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i]!;
        lines.push(`${name}: ${name.toLowerCase() === "host" ? target.host : req.rawHeaders[i + 1]}`);
      }
      up.write(`${lines.join("\r\n")}\r\n\r\n`);
      up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on("error", () => socket.destroy());
    socket.on("error", () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test("a page behind a proxy that rewrites Host, with no ALLOWED_ORIGINS, says why it cannot play", async ({ browser, baseURL }) => {
  const proxy = await hostRewritingProxy(new URL(baseURL!));
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${proxy.origin}/host`);
    await expectNextRan(page);
    const banner = page.getByText("This game server does not accept players from");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(proxy.origin);
    await expect(banner).toContainText("ALLOWED_ORIGINS");
    await context.close();
  } finally {
    proxy.server.closeAllConnections();
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
  }
});

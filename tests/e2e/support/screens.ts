// What every screen of the e2e tests is checked for, at the three sizes the game is built for:
// its next action is on screen without scrolling (inside the viewport and not covered by anything),
// an axe-core scan finds nothing serious or critical, and a screenshot is kept for people to look at.
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { appendFileSync, mkdirSync } from "node:fs";

/** The sizes: a laptop, a large phone and a small phone (both touch). */
export const SIZES = {
  desktop: { label: "1280", viewport: { width: 1280, height: 800 } },
  phone: { label: "390", viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  small: { label: "360", viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true },
} satisfies Record<string, BrowserContextOptions & { label: string }>;
export type Size = keyof typeof SIZES;

/** A page at one of the sizes, with its size's label for screenshots. */
export async function pageAt(browser: Browser, size: Size): Promise<Page & { size: Size }> {
  const { label: _label, ...options } = SIZES[size];
  const page = await (await browser.newContext(options)).newPage();
  return Object.assign(page, { size });
}

/** Where `el` is and whether it is the thing at its own centre (not under a sticky bar or clipped by a panel). */
function placement(el: Element): { box: { x: number; y: number; w: number; h: number }; onTop: boolean } {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return { box: { x: r.left, y: r.top, w: r.width, h: r.height }, onTop: !!hit && (hit === el || el.contains(hit)) };
}

/** The locator is wholly inside the viewport and not covered, as the page stands (nothing is scrolled for it). */
export async function expectOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  await expect(locator, `${what} is shown`).toBeVisible();
  const vp = page.viewportSize()!;
  await expect.poll(async () => {
    const { box, onTop } = await locator.evaluate(placement);
    const inside = box.x >= -0.5 && box.y >= -0.5 && box.x + box.w <= vp.width + 0.5 && box.y + box.h <= vp.height + 0.5;
    return inside && onTop ? "on screen" : `${inside ? "covered" : "outside the viewport"} at ${JSON.stringify(box)}`;
  }, { message: `${what} on a ${vp.width}×${vp.height} screen without scrolling` }).toBe("on screen");
}

/** The page does not scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: `${what} scrolls sideways` }).toBeLessThanOrEqual(0);
}

/** The page is at its top (a new screen does not keep the previous one's scroll). */
export async function expectAtTop(page: Page, what: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.scrollY), { message: `${what} starts at the top of the page` }).toBe(0);
}

/**
 * An axe-core scan of the page as it stands: no serious or critical violation. Every scan's
 * counts by impact go to artifacts/axe-report.txt.
 */
export async function expectAccessible(page: Page & { size?: Size }, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const count = (impact: string) => result.violations.filter((v) => v.impact === impact).length;
  mkdirSync("artifacts", { recursive: true });
  const name = page.size ? `${screen}-${SIZES[page.size].label}` : screen;
  appendFileSync("artifacts/axe-report.txt", `${name}\tcritical ${count("critical")}\tserious ${count("serious")}\tmoderate ${count("moderate")}\tminor ${count("minor")}\t${result.violations.map((v) => v.id).join(" ")}\n`);
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")})`);
  expect(bad, `axe on ${name}`).toEqual([]);
}

/** A screenshot of what is on screen, named for the screen and the size. */
export async function shot(page: Page & { size?: Size }, screen: string): Promise<void> {
  const name = page.size ? `${screen}-${SIZES[page.size].label}` : screen;
  await page.screenshot({ path: `artifacts/screenshots/${name}.png` });
}

/** The checks of a screen: its next action on screen, no sideways scrolling, accessible, photographed. */
export async function checkScreen(page: Page & { size?: Size }, screen: string, next: Locator, what: string): Promise<void> {
  await expectOnScreen(page, next, `${screen}: ${what}`);
  await expectNoSidewaysScroll(page, screen);
  await expectAccessible(page, screen);
  await shot(page, screen);
}

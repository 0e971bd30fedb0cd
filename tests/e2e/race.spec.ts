// A race in the browser: one player creates it with a gradient-descent ghost, a friend joins by
// the code, both walk from the same start while standings update, and the reveal shows every path.
import { expect, test, type Page } from "@playwright/test";

/**
 * Steps until this player's walk is over (the valley, the budget or the map's edge): each press
 * waits for the step button to be enabled, and for the step to be felt before the next.
 */
async function walkToTheEnd(p: Page, stepsLeft: number): Promise<void> {
  const step = p.getByTestId("step");
  const left = p.getByTestId("steps-left");
  const over = p.getByTestId("walk-status").or(p.getByTestId("reveal"));
  for (let s = 0; !(await over.isVisible()); s++) {
    expect(s, "the walk ends within its budget").toBeLessThan(stepsLeft);
    await expect(step).toBeEnabled();
    const before = (await left.allTextContents()).join();
    await p.keyboard.press("Space");
    await expect.poll(async () => (await over.isVisible()) || (await left.allTextContents()).join() !== before).toBe(true);
  }
}

test("a race with a ghost: create, join by code, walk, standings, reveal", async ({ browser }) => {
  const a = await (await browser.newContext({ viewport: { width: 1280, height: 760 } })).newPage();
  await a.goto("/race");
  await a.getByTestId("landscape-bowl").click();
  await a.getByTestId("mode-custom").check(); // a short race with a clock: custom rules, not ranked
  await a.getByLabel("Step budget").fill("6");
  await a.getByLabel("Your nickname").fill("Hare");
  await a.getByTestId("create-race").click();
  await expect(a).toHaveURL(/\/join\?code=[A-HJ-NP-Z2-9]{6}$/);
  const code = new URL(a.url()).searchParams.get("code")!;
  await expect(a.getByTestId("lobby")).toBeVisible();

  const b = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await b.goto("/join");
  await b.getByLabel("Code on the screen").fill(code);
  await b.getByLabel("Your nickname").fill("Tortoise");
  await b.getByTestId("join").click();
  await expect(b.getByTestId("lobby")).toContainText("You're in the race!");
  await expect(a.getByTestId("lobby").locator("..")).toContainText("Tortoise");

  await a.getByTestId("start-race").click();
  for (const p of [a, b]) await expect(p.getByTestId("step")).toBeEnabled({ timeout: 60_000 });
  await expect(a.getByTestId("clock")).toHaveText(/^[0-2]:\d\d$/); // the race's 2-minute clock
  const startA = await a.getByTestId("altitude").textContent();
  expect(await b.getByTestId("altitude").textContent()).toBe(startA); // same start for everyone

  await b.keyboard.press("-");
  await b.keyboard.press("Space");
  await expect(b.getByTestId("steps-left")).toHaveText("5 of 6");
  await a.keyboard.press("Space");
  await expect(a.getByTestId("steps-left")).toHaveText("5 of 6");
  await expect(a.getByTestId("standings")).toContainText("Tortoise");
  await expect(a.getByTestId("standings")).toContainText("Ghost");
  await a.screenshot({ path: "artifacts/screenshots/race-play.png" });

  // The hare takes big steps until the race ends (the valley, the budget, or the map's edge).
  for (let i = 0; i < 5; i++) await a.keyboard.press("+");
  await walkToTheEnd(a, 5);
  await walkToTheEnd(b, 5);
  for (const p of [a, b]) await expect(p.getByTestId("reveal")).toBeVisible({ timeout: 60_000 });
  await expect(a.getByTestId("my-debrief")).toContainText("You");
  await expect(a.locator(".debrief").last()).toContainText("Ghost");
  await a.waitForTimeout(300);
  await a.screenshot({ path: "artifacts/screenshots/race-reveal.png" });
});

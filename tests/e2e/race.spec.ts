// A race on three screens: the Hare creates it at 1280×800 with a gradient-descent ghost, the
// Tortoise (390×844) and the Snail (360×640) join by the code, all walk from the same start while
// standings update, and the reveal says who won and where each racer placed. On every screen the
// next action is on screen without scrolling, axe finds nothing serious, and a screenshot is kept.
import { expect, test, type Page } from "@playwright/test";
import { checkScreen, expectAccessible, expectOnScreen, pageAt, shot } from "./support/screens";

/**
 * Steps until this player's walk is over (the valley, the budget or the map's edge): each press
 * waits for the step button to be enabled, and for the step to be felt before the next.
 */
async function walkToTheEnd(p: Page, stepsLeft: number, press: (p: Page) => Promise<void>): Promise<void> {
  const step = p.getByTestId("step");
  const left = p.getByTestId("steps-left");
  const over = p.getByTestId("walk-status").or(p.getByTestId("reveal"));
  for (let s = 0; !(await over.isVisible()); s++) {
    expect(s, "the walk ends within its budget").toBeLessThan(stepsLeft);
    await expect(step.or(p.getByTestId("reveal")).first()).toBeVisible();
    if (await p.getByTestId("reveal").isVisible()) break;
    await expect(step).toBeEnabled();
    const before = (await left.allTextContents()).join();
    await press(p);
    await expect.poll(async () => (await over.isVisible()) || (await left.allTextContents()).join() !== before).toBe(true);
  }
}

test("a race with a ghost on three screens: create, join by code, walk, standings, the winner and each racer's place", async ({ browser }) => {
  const hare = await pageAt(browser, "desktop");
  await hare.goto("/race");
  await expect(hare).toHaveTitle("Start a race · Downhill");
  await hare.getByTestId("landscape-bowl").click();
  await hare.getByTestId("mode-custom").check(); // a short race with a clock: custom rules, not ranked
  await hare.getByLabel("Step budget").fill("6");
  await hare.getByLabel("Your nickname").fill("Hare");
  await checkScreen(hare, "race-setup", hare.getByTestId("create-race"), "Create the race");
  await hare.getByTestId("create-race").click();
  await expect(hare).toHaveURL(/\/join\?code=[A-HJ-NP-Z2-9]{6}$/);
  const code = new URL(hare.url()).searchParams.get("code")!;
  await expect(hare.getByTestId("lobby")).toBeVisible();

  const racers: [Page, string][] = [];
  for (const [size, name] of [["phone", "Tortoise"], ["small", "Snail"]] as const) {
    const p = await pageAt(browser, size);
    await p.goto("/join");
    await p.getByLabel("Code on the screen").fill(code);
    await p.getByLabel("Your nickname").fill(name);
    await checkScreen(p, "join", p.getByTestId("join"), "Join");
    await p.getByTestId("join").tap();
    await expect(p.getByTestId("lobby")).toContainText("You're in the race!");
    await checkScreen(p, "race-lobby", p.getByTestId("lobby"), "the lobby's heading");
    racers.push([p, name]);
  }
  const [tortoise, snail] = [racers[0]![0], racers[1]![0]];
  await expect(hare.getByTestId("lobby").locator("..")).toContainText("Tortoise");
  await expect(hare.getByTestId("lobby").locator("..")).toContainText("Snail");
  await checkScreen(hare, "race-lobby", hare.getByTestId("start-race"), "Start the race");

  await hare.getByTestId("start-race").click();
  for (const p of [hare, tortoise, snail]) await expect(p.getByTestId("step")).toBeEnabled({ timeout: 60_000 });
  await expect(hare.getByTestId("clock")).toHaveText(/^[0-2]:\d\d$/); // the race's 2-minute clock
  const startA = await hare.getByTestId("altitude").textContent();
  expect(await tortoise.getByTestId("altitude").textContent()).toBe(startA); // same start for everyone
  expect(await snail.getByTestId("altitude").textContent()).toBe(startA);

  // Small steps: the slider's own arrow keys (a screen reader user's way to set it).
  await tortoise.getByRole("slider", { name: /Step size/ }).focus();
  for (let i = 0; i < 6; i++) await tortoise.keyboard.press("ArrowLeft");
  await expect(tortoise.getByTestId("lr")).not.toHaveText("0.30");
  await tortoise.getByTestId("step").tap();
  await expect(tortoise.getByTestId("steps-left")).toHaveText("5 of 6");
  await hare.keyboard.press("Space");
  await expect(hare.getByTestId("steps-left")).toHaveText("5 of 6");
  await expect(hare.getByTestId("standings")).toContainText("Tortoise");
  await expect(hare.getByTestId("standings")).toContainText("Ghost");
  // At 1280×800 the owner's "End the race now" and the standings are in view beside the map.
  await expectOnScreen(hare, hare.getByTestId("end-race"), "End the race now");
  await expectOnScreen(hare, hare.getByTestId("standings"), "the standings");
  await checkScreen(hare, "race-walk", hare.getByTestId("step"), "Step");
  for (const p of [tortoise, snail]) await checkScreen(p, "race-walk", p.getByTestId("step"), "Step");

  // The hare takes big steps until its walk ends (the valley, the budget, or the map's edge), the
  // tortoise small ones, the snail the suggested ones; the race ends when it has a winner or
  // when every walk has ended.
  for (let i = 0; i < 5; i++) await hare.keyboard.press("+");
  await walkToTheEnd(hare, 5, (p) => p.keyboard.press("Space"));
  await walkToTheEnd(tortoise, 5, (p) => p.getByTestId("step").tap());
  await walkToTheEnd(snail, 6, (p) => p.getByTestId("step").tap());
  for (const p of [hare, tortoise, snail]) await expect(p.getByTestId("reveal")).toBeVisible({ timeout: 60_000 });

  // The race's own result first: who won, your place; every racer's place below.
  for (const p of [hare, tortoise, snail]) {
    await expect(p.getByTestId("race-winner")).toContainText(/won the race/);
    await expect(p.getByTestId("race-placing")).toHaveText(/^You placed (1st|2nd|3rd) of 3 racers\.$/);
    await expectOnScreen(p, p.getByTestId("race-winner"), "the winner");
    await expect(p.getByTestId("race-placings")).toContainText("Ghost");
  }
  const places = await Promise.all([hare, tortoise, snail].map((p) => p.getByTestId("race-placing").textContent()));
  expect(new Set(places).size, "three racers, three places").toBe(3);
  await expect(hare.getByTestId("my-debrief")).toContainText("You");
  await expect(hare.locator(".debrief").last()).toContainText("Ghost");
  await checkScreen(hare, "race-reveal", hare.getByTestId("start-race"), "Race again");
  for (const p of [tortoise, snail]) await checkScreen(p, "race-reveal", p.getByRole("button", { name: "Leave the race" }), "Leave the race");
  await shot(tortoise, "race-reveal-result");
  await expectAccessible(snail, "race-reveal-again");
  for (const p of [hare, tortoise, snail]) await p.context().close();
});

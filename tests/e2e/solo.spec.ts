// A new user plays a solo round with the keyboard only, sees the altitude change, reaches the
// reveal and finds the score on the leaderboard. Screenshots are kept in artifacts/screenshots.
import { expect, test } from "@playwright/test";

test("a solo round with the keyboard only, from setup to the leaderboard", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "You are the training algorithm." })).toBeVisible();
  await page.getByRole("link", { name: "Play solo" }).first().click();

  await expect(page.getByTestId("landscape-bowl")).toBeVisible();
  await page.getByTestId("landscape-bowl").click();
  await page.getByLabel("Nickname for the leaderboard").fill("Keyboard Kid");
  await page.getByLabel("Step budget").fill("8");
  await expect(page).toHaveURL(/landscape=bowl.*budget=8/);
  await page.getByLabel("Nickname for the leaderboard").press("Enter");

  const altitude = page.getByTestId("altitude");
  await expect(altitude).toBeVisible();
  await expect(page.locator("[data-testid=landscape] canvas")).toBeVisible();
  const start = await altitude.textContent();
  await expect(page.getByTestId("steps-left")).toHaveText("8 of 8");

  // Keyboard only: bigger steps, follow the slope, step; then aim with the arrows and step.
  await page.locator("body").click({ position: { x: 1, y: 1 } }).catch(() => {});
  for (let i = 0; i < 2; i++) await page.keyboard.press("+");
  await page.keyboard.press("f");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("7 of 8");
  await expect(altitude).not.toHaveText(start ?? "");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("6 of 8");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("aim")).toContainText("west");
  await page.keyboard.press("f");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("5 of 8");
  await page.screenshot({ path: "artifacts/screenshots/solo-play.png" });

  for (let left = 4; left >= 0; left--) {
    await page.keyboard.press("Space");
    // Either the step landed or the walk ended and the reveal replaced the walk (no read of a
    // steps counter that may vanish between two calls).
    await expect(page.getByTestId("reveal").or(page.getByTestId("steps-left").filter({ hasText: new RegExp(`^${left} of 8$`) }))).toBeVisible();
    if (await page.getByTestId("reveal").isVisible()) break;
  }

  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("score")).toHaveText(/^\d+$/);
  const score = (await page.getByTestId("score").textContent())!;
  await expect(page.locator(".debrief li").first()).toBeVisible();
  await page.waitForTimeout(300); // let the heatmap paint before the picture
  await page.screenshot({ path: "artifacts/screenshots/solo-reveal.png" });

  await page.getByTestId("leaderboard-link").click();
  await expect(page.getByTestId("my-row")).toContainText("Keyboard Kid");
  await expect(page.getByTestId("my-row")).toContainText(score);
  await expect(page.getByTestId("my-rank")).toBeVisible();
  await page.screenshot({ path: "artifacts/screenshots/leaderboard.png" });
});

test("a phone-sized screen can play", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto("/play?landscape=ravine&budget=5&batch=0&seed=7");
  await expect(page.getByTestId("landscape-ravine")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("start").click();
  await expect(page.getByTestId("altitude")).toBeVisible();
  await page.getByTestId("step").tap();
  await expect(page.getByTestId("steps-left")).toHaveText("4 of 5");
  await page.screenshot({ path: "artifacts/screenshots/solo-phone.png", fullPage: true });
  await phone.close();
});

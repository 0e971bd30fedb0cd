// A new user plays a ranked solo round with the keyboard only, sees the altitude change, reaches
// the reveal and finds the score on the leaderboard; a custom round on a phone. Screenshots are
// kept in artifacts/screenshots.
import { expect, test } from "@playwright/test";

test("a ranked solo round with the keyboard only, from setup to the leaderboard", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "You are the training algorithm." })).toBeVisible();
  await page.getByRole("link", { name: "Play solo" }).first().click();

  await expect(page.getByTestId("landscape-bowl")).toBeVisible();
  await page.getByTestId("landscape-bowl").click();
  await expect(page.getByTestId("mode-ranked")).toBeChecked();
  await expect(page.getByLabel("Step budget")).toHaveCount(0); // ranked rules are the landscape's own
  await page.getByLabel("Nickname for the leaderboard").fill("Keyboard Kid");
  await page.getByLabel("Nickname for the leaderboard").press("Enter");

  const altitude = page.getByTestId("altitude");
  await expect(altitude).toBeVisible();
  await expect(page.locator("[data-testid=landscape] canvas")).toBeVisible();
  const start = await altitude.textContent();
  await expect(page.getByTestId("steps-left")).toHaveText("30 of 30");
  await expect(page.getByTestId("lr")).toHaveText("0.30"); // the landscape's suggested step size
  await expect(page.getByTestId("chance")).toHaveText("1.10"); // ln 3: three kinds of iris
  await expect(page.getByTestId("landscape")).toContainText("a 2-D slice through 15 weights");

  // Keyboard only: follow the slope and step; aim with the arrows and step; follow again.
  await page.locator("body").click({ position: { x: 1, y: 1 } }).catch(() => {});
  await page.keyboard.press("f");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("29 of 30");
  await expect(altitude).not.toHaveText(start ?? "");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("28 of 30");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("aim")).toContainText("west");
  await page.keyboard.press("f");
  for (let left = 27; left >= 20; left--) {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("steps-left")).toHaveText(`${left} of 30`);
  }
  await page.screenshot({ path: "artifacts/screenshots/solo-play.png" });

  // "I'm done", from the keyboard.
  await page.getByRole("button", { name: "I'm done" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("score")).toHaveText(/^\d+$/);
  const score = (await page.getByTestId("score").textContent())!;
  await expect(page.locator(".debrief li").first()).toContainText("You stopped after 10 of 30 steps");
  await expect(page.getByTestId("ranked")).toBeVisible();
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
  await expect(page.getByTestId("mode-custom")).toBeChecked(); // a shared start is a custom round
  await page.getByTestId("start").click();
  await expect(page.getByTestId("altitude")).toBeVisible();
  await page.getByTestId("step").tap();
  await expect(page.getByTestId("steps-left")).toHaveText("4 of 5");
  await page.screenshot({ path: "artifacts/screenshots/solo-phone.png", fullPage: true });
  await phone.close();
});

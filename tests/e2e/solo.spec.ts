// Solo rounds on every screen size. At 1280×800 a new user plays a ranked round with the keyboard
// alone and hears each step through the live region, reaches the reveal and finds the score on the
// leaderboard; on two touch phones a custom round is played with the thumbs. On every screen the
// next action is on screen without scrolling, axe finds nothing serious, and a screenshot is kept.
import { expect, test } from "@playwright/test";
import { checkScreen, expectAccessible, expectAtTop, expectNoSidewaysScroll, expectOnScreen, pageAt, shot } from "./support/screens";

test("a ranked solo round with the keyboard only at 1280×800, from setup to the leaderboard", async ({ browser }) => {
  const page = await pageAt(browser, "desktop");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "You are the training algorithm." })).toBeVisible();
  await checkScreen(page, "home", page.getByRole("link", { name: "Play solo" }).first(), "Play solo");
  await page.getByRole("link", { name: "Play solo" }).first().click();

  await expect(page.getByTestId("landscape-bowl")).toBeVisible();
  await expect(page).toHaveTitle("Play solo · Downhill");
  await page.getByTestId("landscape-bowl").click();
  await expect(page.getByTestId("mode-ranked")).toBeChecked();
  await expect(page.getByLabel("Step budget")).toHaveCount(0); // ranked rules are the landscape's own
  await checkScreen(page, "solo-setup", page.getByTestId("start"), "Start walking");
  await page.getByLabel("Nickname for the leaderboard").fill("Keyboard Kid");
  await page.getByLabel("Nickname for the leaderboard").press("Enter");

  const altitude = page.getByTestId("altitude");
  await expect(altitude).toBeVisible();
  await expect(page.locator("[data-testid=landscape] canvas")).toBeVisible();
  await expect(page).toHaveTitle("Walking The Bowl · Downhill");
  await expect(page.getByTestId("map"), "the map takes the focus when the walk starts").toBeFocused();
  await expectAtTop(page, "the walk");
  const start = await altitude.textContent();
  await expect(page.getByTestId("steps-left")).toHaveText("30 of 30");
  await expect(page.getByTestId("lr")).toHaveText("0.30"); // the landscape's suggested step size
  await expect(page.getByTestId("chance")).toHaveText("1.10"); // ln 3: three kinds of iris
  await expect(page.getByTestId("landscape")).toContainText("a 2-D slice through 15 weights");
  await expect(page.getByTestId("announcer")).toContainText("30 of 30 steps left");
  await checkScreen(page, "solo-walk", page.getByTestId("step"), "Step");

  // Keyboard only: follow the slope and step; the live region says what was felt.
  await page.keyboard.press("f");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("29 of 30");
  await expect(altitude).not.toHaveText(start ?? "");
  await expect(page.getByTestId("announcer")).toContainText(/^Step 1\. Altitude [\d.]+, steepness [\d.]+, 29 of 30 steps left, downhill is [a-z-]+\.$/);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("28 of 30");
  // Arrows aim at a compass heading; F follows the slope again, and Q turns the followed slope
  // (it stays a followed slope, not a fixed heading).
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("aim")).toContainText("west");
  await page.keyboard.press("f");
  await page.keyboard.press("q");
  await expect(page.getByTestId("aim")).toHaveText("follow the slope, turned 15° left");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("steps-left")).toHaveText("27 of 30");
  await page.keyboard.press("e");
  await expect(page.getByTestId("aim")).toHaveText("follow the slope");
  // The step-size slider keeps its arrow keys: they change the step size, not the aim.
  const lr = await page.getByTestId("lr").textContent();
  await page.getByRole("slider", { name: /Step size/ }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("lr")).not.toHaveText(lr ?? "");
  await expect(page.getByTestId("aim")).toHaveText("follow the slope");
  await page.getByTestId("map").focus();
  for (let left = 26; left >= 20; left--) {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("steps-left")).toHaveText(`${left} of 30`);
  }
  await shot(page, "solo-walking");

  // "I'm done", from the keyboard: the result takes the focus and says the score.
  await page.getByRole("button", { name: "I'm done" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("reveal"), "the result takes the focus at the reveal").toBeFocused();
  await expect(page).toHaveTitle("Revealed: The Bowl · Downhill");
  await expect(page.getByTestId("score")).toHaveText(/^\d+$/);
  const score = (await page.getByTestId("score").textContent())!;
  await expect(page.locator(".debrief li").first()).toContainText("You stopped after 10 of 30 steps");
  await expect(page.getByTestId("ranked")).toBeVisible();
  await expect(page.getByTestId("legend")).toContainText("the valley's edge");
  await checkScreen(page, "solo-reveal", page.getByTestId("play-again"), "Play again");

  await page.getByTestId("leaderboard-link").click();
  await expect(page.getByTestId("my-row")).toContainText("Keyboard Kid");
  await expect(page.getByTestId("my-row")).toContainText(score);
  await expect(page.getByTestId("my-rank")).toBeVisible();
  await expect(page).toHaveTitle("Leaderboard: The Bowl · Downhill");
  await checkScreen(page, "leaderboard", page.getByRole("link", { name: "Play The Bowl" }), "Play The Bowl");
  await page.context().close();
});

for (const size of ["phone", "small"] as const) {
  test(`a custom solo round with the thumbs on a ${size === "phone" ? "390×844" : "360×640"} touch screen`, async ({ browser }) => {
    const page = await pageAt(browser, size);
    await page.goto("/");
    await checkScreen(page, "home", page.getByRole("link", { name: "Play solo" }).last(), "Play solo");
    await page.goto("/race");
    await expect(page.getByTestId("landscape-bowl")).toBeVisible();
    await checkScreen(page, "race-setup", page.getByTestId("create-race"), "Create the race");
    await page.goto("/play?landscape=ravine&budget=5&batch=0&seed=7");
    await expect(page.getByTestId("landscape-ravine")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("mode-custom")).toBeChecked(); // a shared start is a custom round
    await expect(page.getByLabel("Step budget")).toHaveValue("5");
    await expectNoSidewaysScroll(page, "the setup page");
    await checkScreen(page, "solo-setup", page.getByTestId("start"), "Start walking");
    await page.getByTestId("start").tap();

    // The map and the controls on one screen, the page at its top, no keyboard hints on a touch screen.
    await expect(page.getByTestId("altitude")).toBeVisible();
    await expectAtTop(page, "the walk");
    await expectOnScreen(page, page.getByTestId("map"), "the whole map");
    await expect(page.locator(".key-hint").first()).toBeHidden();
    await expectNoSidewaysScroll(page, "the walk");
    await checkScreen(page, "solo-walk", page.getByTestId("step"), "Step");
    await page.getByTestId("step").tap();
    await expect(page.getByTestId("steps-left")).toHaveText("4 of 5");
    await expectOnScreen(page, page.getByRole("button", { name: "Follow the slope" }), "Follow the slope");
    await page.getByTestId("step").tap();
    await expect(page.getByTestId("steps-left")).toHaveText("3 of 5");
    await shot(page, "solo-walking");

    await page.getByRole("button", { name: "I'm done" }).tap();
    await expect(page.getByTestId("reveal")).toBeVisible();
    await expectAtTop(page, "the reveal");
    await expect(page.getByTestId("unranked")).toBeVisible();
    await checkScreen(page, "solo-reveal", page.getByTestId("play-again"), "Play again");

    // Back to the setup for another landscape.
    await page.getByTestId("change-landscape").tap();
    await expect(page.getByTestId("start")).toBeEnabled();
    await expectAccessible(page, "solo-setup-again");

    await page.goto("/leaderboard/ravine");
    await expect(page.getByRole("heading", { name: "Leaderboard: The Ravine" })).toBeVisible();
    await checkScreen(page, "leaderboard", page.getByRole("link", { name: "Play The Ravine" }), "Play The Ravine");
    await page.context().close();
  });
}

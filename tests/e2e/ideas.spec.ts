// The ideas the game lets a player do, played in the browser to their reveal: no backprop (feel,
// estimate, step) on a laptop from the "Ideas to play" presets and on a small phone from a shared
// address; momentum on The Ravine on a phone. Each screen's next action on screen, axe, screenshots.
import { expect, test } from "@playwright/test";
import { checkScreen, expectNoSidewaysScroll, expectOnScreen, pageAt, shot } from "./support/screens";

test("no backprop at 1280×800: feel around, follow the estimate, and the debrief counts the passes", async ({ browser }) => {
  const page = await pageAt(browser, "desktop");
  await page.goto("/play");
  await page.getByTestId("idea-probe").click();
  await expect(page.getByTestId("mode-custom")).toBeChecked();
  await expect(page.getByTestId("landscape-bowl")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("no-backprop")).toBeChecked();
  await expect(page.getByLabel("Budget (forward passes)")).toHaveValue("90");
  await expect(page.getByTestId("idea-hint")).toContainText("feel two directions");
  await checkScreen(page, "idea-probe-setup", page.getByTestId("start"), "Start walking");
  await page.getByTestId("start").click();

  await expect(page.getByTestId("steps-left")).toHaveText("90 of 90");
  await expect(page.getByTestId("steepness")).toHaveText("not felt");
  await expect(page.getByTestId("step")).toBeDisabled(); // nothing to follow yet
  await expect(page.getByTestId("announcer")).toContainText("the slope here is unknown");
  await page.keyboard.press("g");
  await expect(page.getByTestId("steps-left")).toHaveText("89 of 90");
  await expect(page.getByTestId("announcer")).toContainText(/^Felt east: altitude [\d.]+, [\d.]+ (higher|lower) than here\. 89 forward passes left\.$/);
  await expect(page.getByTestId("feel")).toContainText("Feel north");
  await page.keyboard.press("g");
  await expect(page.getByTestId("steps-left")).toHaveText("88 of 90");
  await expect(page.getByTestId("steepness")).toHaveText(/^≈ [\d.]+$/);
  await expect(page.getByTestId("probes")).toContainText("east");
  await checkScreen(page, "idea-probe-walk", page.getByTestId("step"), "Step");
  for (let i = 0; i < 5; i++) {
    const left = 88 - 3 * i;
    await page.keyboard.press("Space");
    await expect(page.getByTestId("steps-left")).toHaveText(`${left - 1} of 90`);
    await expect(page.getByTestId("steepness")).toHaveText("not felt"); // a new spot: feel again
    await page.keyboard.press("g");
    await expect(page.getByTestId("steps-left")).toHaveText(`${left - 2} of 90`);
    await page.keyboard.press("g");
    await expect(page.getByTestId("steps-left")).toHaveText(`${left - 3} of 90`);
  }
  await shot(page, "idea-probe-walking");
  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("debrief")).toContainText(/felt around 12 times and took 5 steps: 17 forward passes/);
  await expect(page.getByTestId("debrief")).toContainText("15 weights");
  await checkScreen(page, "idea-probe-reveal", page.getByTestId("play-again"), "Play again");
  await page.context().close();
});

test("no backprop with the thumbs on a 360×640 touch screen, from a shared address", async ({ browser }) => {
  const page = await pageAt(browser, "small");
  await page.goto("/play?landscape=bowl&mode=custom&budget=9&batch=0&seed=31&slope=probe");
  await expect(page.getByTestId("no-backprop")).toBeChecked();
  await page.getByTestId("start").tap();
  await expect(page.getByTestId("steps-left")).toHaveText("9 of 9");
  await expectNoSidewaysScroll(page, "the walk");
  await expectOnScreen(page, page.getByTestId("feel"), "Feel");
  await expectOnScreen(page, page.getByTestId("step"), "Step");
  await page.getByTestId("feel").tap();
  await page.getByTestId("feel").tap();
  await expect(page.getByTestId("steps-left")).toHaveText("7 of 9");
  await expect(page.getByTestId("step")).toBeEnabled();
  await checkScreen(page, "idea-probe-walk", page.getByTestId("step"), "Step");
  await page.getByTestId("step").tap();
  await expect(page.getByTestId("steps-left")).toHaveText("6 of 9");
  await page.getByRole("button", { name: "I'm done" }).tap();
  await expect(page.getByTestId("reveal")).toBeVisible();
  await checkScreen(page, "idea-probe-reveal", page.getByTestId("play-again"), "Play again");
  await page.context().close();
});

test("momentum on The Ravine on a 390×844 phone: the preset, β in the player's hands, the debrief names it", async ({ browser }) => {
  const page = await pageAt(browser, "phone");
  await page.goto("/play");
  await page.getByTestId("idea-momentum").tap();
  await expect(page.getByTestId("landscape-ravine")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("idea-hint")).toContainText("β = 0.9");
  await expect(page.getByTestId("idea-hint")).toContainText("0.02");
  await checkScreen(page, "idea-momentum-setup", page.getByTestId("start"), "Start walking");
  await page.getByTestId("start").tap();
  await expect(page.getByTestId("steps-left")).toHaveText("40 of 40");
  await expect(page.getByTestId("lr")).toHaveText("0.10");
  for (let i = 0; i < 7; i++) await page.keyboard.press("-");
  await expect(page.getByTestId("lr")).toHaveText("0.021");
  await page.getByLabel(/Momentum β/).fill("0.9");
  await expect(page.getByTestId("beta")).toHaveText("0.90");
  // The whole budget: 40 steps at a step size that would crawl without momentum.
  for (let i = 0; i < 40; i++) {
    await page.getByTestId("step").tap();
    if (i < 39) await expect(page.getByTestId("steps-left")).toHaveText(`${39 - i} of 40`);
  }
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("debrief")).not.toContainText("smaller than a sensible one");
  await expect(page.getByTestId("debrief")).toContainText("kept momentum");
  await expect(page.getByTestId("score")).not.toHaveText("0");
  await checkScreen(page, "idea-momentum-reveal", page.getByTestId("play-again"), "Play again");
  // The replay asks nothing until a knob moves; then the server walks it and the map draws it.
  await expect(page.getByTestId("replay-result")).toContainText("Move a knob");
  await page.getByTestId("replay-beta").fill("0.5");
  await expect(page.getByTestId("replay-result")).toContainText(/^Gradient descent with momentum from your start (ended at loss [\d.]+|left the map) after \d+ steps/);
  await page.context().close();
});

test("compute and a schedule at 1280×800: passes read in the HUD and the debrief; a cosine schedule named as one", async ({ browser }) => {
  const page = await pageAt(browser, "desktop");
  await page.goto("/play");
  await page.getByTestId("idea-compute").click();
  await expect(page.getByTestId("compute-pricing")).toBeChecked();
  await expect(page.getByTestId("passes-steps")).toContainText("= 112 steps of 32 samples");
  await page.getByTestId("start").click();
  await expect(page.getByTestId("compute")).toHaveText("0.0 of 2 passes");
  // The Step button (it waits until the walk can step; a key pressed before that is lost, as it should be).
  for (let i = 1; i <= 6; i++) {
    await page.getByTestId("step").click();
    await expect(page.getByTestId("steps-left")).toHaveText(`${112 - i} of 112`);
  }
  await expect(page.getByTestId("compute")).toHaveText("0.1 of 2 passes");
  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("debrief")).toContainText(/You read 0\.1 of 2 passes over the data: 6 steps on batches of 32 of the 1797 samples/);
  await checkScreen(page, "idea-compute-reveal", page.getByTestId("play-again"), "Play again");

  // A schedule on a noisy Bowl: the whole budget on the cosine schedule.
  await page.getByTestId("change-landscape").click();
  await page.getByTestId("idea-schedule").click();
  await expect(page.getByTestId("idea-hint")).toContainText("cosine schedule");
  await page.getByTestId("start").click();
  await expect(page.getByTestId("steps-left")).toHaveText("40 of 40");
  await page.getByLabel("Step-size schedule").selectOption("cosine");
  for (let i = 1; i <= 40; i++) {
    await page.getByTestId("step").click();
    if (i < 40) await expect(page.getByTestId("steps-left")).toHaveText(`${40 - i} of 40`);
  }
  await expect(page.getByTestId("debrief")).toContainText(/step size shrank \d+× over the walk .* that is a learning-rate schedule/);
  await checkScreen(page, "idea-schedule-reveal", page.getByTestId("play-again"), "Play again");
  await page.context().close();
});

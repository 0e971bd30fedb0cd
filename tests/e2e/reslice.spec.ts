// Turning the map on The Badlands, played to the reveal: at 1280×800 with the keyboard (R turns),
// on a 390×844 phone with the thumbs. The HUD and the caption say which slice and through how many
// weights; a turn costs 3 steps and keeps the altitude; the reveal shows each slice visited and the
// debrief says what the turn did. Every screen is checked and photographed.
import { expect, test } from "@playwright/test";
import { checkScreen, expectNoSidewaysScroll, pageAt, shot } from "./support/screens";

test("a ranked Badlands round at 1280×800: turn the map with R, walk the new slice, see both slices revealed", async ({ browser }) => {
  const page = await pageAt(browser, "desktop");
  await page.goto("/play");
  await page.getByTestId("landscape-chaos").click();
  await expect(page.getByTestId("mode-ranked")).toBeChecked();
  await page.getByLabel("Nickname for the leaderboard").fill("Turner");
  await page.getByTestId("start").click();

  const left = page.getByTestId("steps-left");
  await expect(left).toHaveText("40 of 40", { timeout: 300_000 }); // the first use of The Badlands trains it
  await expect(page.getByTestId("slice")).toHaveText("1 of ≤4");
  await expect(page.getByTestId("landscape")).toContainText(/a 2-D slice through [\d,]+ weights \(slice 1 of ≤4\)/);
  await expect(page.getByTestId("turn-map")).toBeVisible();
  await page.getByTestId("map").focus();
  await page.keyboard.press("f");
  for (let n = 39; n >= 37; n--) {
    await page.keyboard.press("Space");
    await expect(left).toHaveText(`${n} of 40`);
  }
  const altitude = await page.getByTestId("altitude").textContent();
  await page.keyboard.press("r");
  await expect(page.getByTestId("slice")).toHaveText("2 of ≤4");
  await expect(left).toHaveText("34 of 40"); // a turn costs 3 steps
  await expect(page.getByTestId("altitude")).toHaveText(altitude ?? ""); // the same weights, the same altitude
  await expect(page.getByTestId("announcer")).toContainText("You turned the map: slice 2");
  await expect(page.getByTestId("landscape")).toContainText("(slice 2 of ≤4)");
  await expect(page.getByTestId("turn-map"), "a turn needs a step on the slice first").toBeDisabled();
  await checkScreen(page, "reslice-walk-turned", page.getByTestId("step"), "Step");
  for (let n = 33; n >= 30; n--) {
    await page.keyboard.press("Space");
    await expect(left).toHaveText(`${n} of 40`);
  }
  await expect(page.getByTestId("turn-map")).toBeEnabled();
  await shot(page, "reslice-walking");

  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("landscape")).toContainText(/revealed · a 2-D slice through [\d,]+ weights · slice 1 of 2/);
  await expect(page.locator(".debrief li[data-kind=turn]")).toContainText(/^You turned the map at step 3 \(altitude [\d.]+\)/);
  await checkScreen(page, "reslice-reveal", page.getByTestId("slice-tab-2"), "Slice 2");
  await page.getByTestId("slice-tab-2").click();
  await expect(page.getByTestId("slice-tab-2")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("landscape")).toContainText(/Slice 2 · a 2-D slice through [\d,]+ weights · turned at step 3, you start at its centre/);
  await checkScreen(page, "reslice-reveal-slice2", page.getByTestId("slice-tab-1"), "Slice 1");
  await page.context().close();
});

test("a shared Badlands round on a 390×844 phone: turn the map with a tap, reveal both slices", async ({ browser }) => {
  const page = await pageAt(browser, "phone");
  await page.goto("/play?landscape=chaos&budget=12&batch=0&seed=11");
  await expect(page.getByTestId("mode-custom")).toBeChecked();
  await expect(page.getByTestId("turn-rule"), "The Badlands turn by default").toBeChecked();
  await page.getByTestId("start").tap();
  const left = page.getByTestId("steps-left");
  await expect(left).toHaveText("12 of 12", { timeout: 300_000 });
  await page.getByTestId("step").tap();
  await expect(left).toHaveText("11 of 12");
  await page.getByTestId("step").tap();
  await expect(left).toHaveText("10 of 12");
  await page.getByTestId("turn-map").tap();
  await expect(page.getByTestId("slice")).toHaveText("2 of ≤4");
  await expect(left).toHaveText("7 of 12");
  await expectNoSidewaysScroll(page, "the walk after a turn");
  await checkScreen(page, "reslice-walk-turned", page.getByTestId("step"), "Step");
  await page.getByTestId("step").tap();
  await expect(left).toHaveText("6 of 12");
  await page.getByTestId("step").tap();
  await expect(left).toHaveText("5 of 12");
  await page.getByRole("button", { name: "I'm done" }).tap();
  await expect(page.getByTestId("reveal")).toBeVisible();
  await checkScreen(page, "reslice-reveal", page.getByTestId("slice-tab-2"), "Slice 2");
  await page.getByTestId("slice-tab-2").tap();
  await expect(page.getByTestId("landscape")).toContainText("turned at step 2");
  await checkScreen(page, "reslice-reveal-slice2", page.getByTestId("slice-tab-1"), "Slice 1");
  await page.context().close();
});

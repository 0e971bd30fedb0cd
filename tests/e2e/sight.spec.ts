// "What the network does here" in the browser: beside the altitude the walker sees how much its
// network gets right (and on a 2-D set its decision regions with the data), redrawn at each step;
// the reveal shows the network at the walk's start, its worst stall and its end. On a laptop and a
// phone, with screenshots kept for people to look at.
import { expect, test, type Locator } from "@playwright/test";
import { checkScreen, expectNoSidewaysScroll, pageAt, shot } from "./support/screens";

/** The share right, as a number, from "61 %". */
async function share(l: Locator): Promise<number> {
  return Number((await l.textContent())!.replace(/[^\d]/g, ""));
}

/** How many distinct colours a canvas holds (a painted picture has several). */
async function colours(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  });
}

for (const size of ["desktop", "phone"] as const) {
  test(`the network's decision regions beside the altitude and at the reveal (${size === "desktop" ? "1280×800" : "390×844"})`, async ({ browser }) => {
    const page = await pageAt(browser, size);
    const tap = (l: Locator) => (size === "phone" ? l.tap() : l.click());
    await page.goto("/play?landscape=cliff&budget=8&batch=0&seed=4242");
    await expect(page.getByTestId("landscape-cliff")).toHaveAttribute("aria-pressed", "true");
    await tap(page.getByTestId("start"));

    const sight = page.getByTestId("sight");
    await expect(sight).toBeVisible();
    const pic = page.getByTestId("sight-regions");
    await expect(pic).toBeVisible();
    await expect(pic).toHaveAttribute("aria-label", /classifies \d+ % of the 200 points correctly \(always giving the most common answer gets 50 %\)/);
    await expect(page.getByTestId("sight-share")).toHaveText(/^\d+ %$/);
    const before = await share(page.getByTestId("sight-share"));
    const label = await pic.getAttribute("aria-label");
    expect(await colours(pic)).toBeGreaterThan(8);

    for (let left = 7; left >= 4; left--) {
      await tap(page.getByTestId("step"));
      await expect(page.getByTestId("steps-left")).toHaveText(`${left} of 8`);
    }
    // Redrawn at each step: four steps down the cliff, the network gets far more right.
    await expect.poll(() => share(page.getByTestId("sight-share"))).toBeGreaterThan(before);
    await expect(pic).not.toHaveAttribute("aria-label", label ?? "");
    await expectNoSidewaysScroll(page, "the walk with its picture");
    await checkScreen(page, "sight-walk", page.getByTestId("step"), "Step");

    await tap(page.getByRole("button", { name: "I'm done" }));
    await expect(page.getByTestId("reveal")).toBeVisible();
    const moments = page.getByTestId("moments");
    await expect(moments).toBeVisible();
    await expect(moments.locator("li.moment")).toHaveCount(2); // straight down: no stall
    await expect(moments.locator("li.moment").first()).toContainText("Start");
    await expect(moments.locator("li.moment").last()).toContainText("End · step 4");
    await expect(moments.locator("canvas[role=img]").first()).toHaveAttribute("aria-label", /^Start: The network here classifies \d+ % of the 200 points/);
    await moments.scrollIntoViewIfNeeded();
    await shot(page, "sight-reveal-moments");
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkScreen(page, "sight-reveal", page.getByTestId("play-again"), "Play again");
    await page.context().close();
  });
}

test("a real dataset: the share of digits right with chance, no picture (1280×800)", async ({ browser }) => {
  const page = await pageAt(browser, "desktop");
  await page.goto("/play?landscape=two-valleys&budget=5&batch=64&seed=3");
  await page.getByTestId("start").click();
  await expect(page.getByTestId("sight")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("sight-regions")).toHaveCount(0);
  await expect(page.getByTestId("sight")).toHaveAttribute("title", /of this step's 64 digits correctly \(always giving the most common answer gets 10 %\)/);
  await page.getByTestId("step").click();
  await expect(page.getByTestId("steps-left")).toHaveText("4 of 5");
  await shot(page, "sight-digits-walk");
  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("moments")).toBeVisible();
  await expect(page.getByTestId("moments")).toContainText("Measured on all 1,797 samples");
  await shot(page, "sight-digits-reveal");
  await page.context().close();
});

// Teams ("be the cluster") played to the reveal. A class: the teacher picks the preset and teams of
// two on the projector (1280×800); three students (two 390×844 phones, a laptop) are formed into
// teams the projector shows; each member proposes, the team moves by the mean; the reveal draws one
// path per team with its members' proposals, and says how much averaging cut the noise. Solo on a
// phone: you and three ghost teammates. Every screen: its next action on screen, axe, a screenshot.
import { expect, test, type Page } from "@playwright/test";
import { checkScreen, pageAt, shot, type Size } from "./support/screens";

/** The projector map's list of paths, by label. */
async function mapLabels(page: Page): Promise<string[]> {
  return (await page.getByTestId("map-paths").locator("li").allTextContents()).map((t) => t.split(":")[0]!.trim()).sort();
}

test("a class in teams: the projector shows the teams, each moves by its members' mean, the reveal shows the noise averaging cut", async ({ browser }) => {
  const teacher = await pageAt(browser, "desktop");
  await teacher.goto("/host");
  const code = (await teacher.getByTestId("big-code").textContent())!.trim();
  const plan: [string, Size][] = [["Ada", "phone"], ["Grace", "phone"], ["Alan", "desktop"]];
  const students: Page[] = [];
  for (const [name, size] of plan) {
    const p = await pageAt(browser, size);
    await p.goto(`/join?code=${code}`);
    await p.getByLabel("Your nickname").fill(name);
    await p.getByTestId("join").click();
    await expect(p.getByTestId("lobby")).toBeVisible();
    students.push(p);
  }
  for (const [name] of plan) await expect(teacher.getByTestId("join-screen")).toContainText(name);

  // The preset: The Ravine, minibatches of 4, teams of 4; the teacher makes them teams of 2.
  await teacher.getByTestId("ideas-folded").locator("summary").click();
  await teacher.getByTestId("idea-teams").click();
  await expect(teacher.getByTestId("host-landscape")).toHaveValue("ravine");
  await expect(teacher.getByLabel("Slope felt on")).toHaveValue("4");
  await expect(teacher.getByTestId("team-size")).toHaveValue("4");
  await expect(teacher.getByTestId("idea-hint")).toContainText("mean of everyone's steps");
  await teacher.getByTestId("team-size").selectOption("2");
  await teacher.getByLabel("Step budget").fill("5");
  await teacher.getByLabel("Step budget").blur();
  await teacher.getByTestId("ideas-folded").locator("summary").click(); // folded again: the round's Start stays on screen
  await checkScreen(teacher, "teams-projector-setup", teacher.getByTestId("host-start"), "Start round 1");
  await teacher.getByTestId("host-start").click();
  for (const p of students) await expect(p.getByTestId("team-tick")).toBeVisible({ timeout: 60_000 });

  // Three people in teams of at most two: two teams (two people; one person and a ghost teammate).
  const teams = teacher.getByTestId("teams");
  await expect(teams).toBeVisible();
  await expect(teams.locator("li")).toHaveCount(2);
  for (const [name] of plan) await expect(teams).toContainText(name);
  await expect(teams).toContainText("Teammate 1");

  // Each student proposes three steps; the team moves once every member has proposed (or a ghost
  // teammate's team at once). A member who proposed waits for the others, and says so.
  const [ada] = students as [Page, Page, Page];
  for (const p of students) await expect(p.getByTestId("step")).toBeEnabled();
  await ada.getByTestId("step").click();
  const adaTeam = (await ada.getByTestId("team-tick").textContent()) ?? "";
  if (!adaTeam.includes("ghost teammate")) {
    // Ada's teammate has not proposed yet: Ada waits (at most a few seconds), her step button off.
    await expect(ada.getByTestId("team-waiting")).toContainText(/Waiting for 1 teammate/);
    await expect(ada.getByTestId("step")).toBeDisabled();
    await checkScreen(ada, "teams-walk-waiting", ada.getByTestId("team-waiting"), "the team's wait");
  }
  for (const p of students.slice(1)) await p.getByTestId("step").click();
  for (const p of students) await expect(p.getByTestId("steps-left")).toHaveText("4 of 5", { timeout: 15_000 });
  // Two more ticks, everyone proposing.
  for (const left of [3, 2]) {
    for (const p of students) {
      await expect(p.getByTestId("step")).toBeEnabled({ timeout: 15_000 });
      await p.getByTestId("step").click();
    }
    for (const p of students) await expect(p.getByTestId("steps-left")).toHaveText(`${left} of 5`, { timeout: 15_000 });
  }
  for (const p of students) await checkScreen(p, "teams-walk", p.getByTestId("step"), "Step");

  // The projector: one live path per team, in the team's colour and name.
  await expect.poll(() => mapLabels(teacher)).toEqual(["Team Blue", "Team Red"]);
  await checkScreen(teacher, "teams-projector-live", teacher.getByTestId("host-reveal"), "Reveal the map");

  await teacher.getByTestId("host-reveal").click();
  await expect(teacher.getByTestId("host-debrief")).toBeVisible();
  await expect(teacher.getByTestId("host-debrief").locator("li[data-kind=team]")).toHaveCount(2);
  await expect(teacher.getByTestId("host-debrief")).toContainText(/minibatch of 4\. A single proposal missed the full-batch step by \d+ %/);
  await expect(teams.getByTestId("team-noise")).toHaveCount(2);
  await expect(teams.getByTestId("team-noise").first()).toContainText(/One proposal missed the full-batch step by \d+ % of a step/);
  await expect.poll(() => mapLabels(teacher)).toEqual(["Team Blue", "Team Red"]);
  await checkScreen(teacher, "teams-projector-reveal", teacher.getByTestId("host-start"), "Start round 2");
  for (const p of students) {
    await expect(p.getByTestId("reveal")).toBeVisible();
    await expect(p.getByTestId("teams")).toContainText("you");
    await expect(p.getByTestId("my-debrief").locator("li[data-kind=team]")).toHaveCount(1);
    await expect.poll(() => mapLabels(p)).toEqual(expect.arrayContaining([expect.stringMatching(/^your team \((Red|Blue)\)$/)]));
  }
  await checkScreen(ada, "teams-class-reveal", ada.getByTestId("score"), "the score");
  await checkScreen(students[2]!, "teams-class-reveal", students[2]!.getByTestId("score"), "the score");
  for (const p of [teacher, ...students]) await p.context().close();
});

test("solo in a team on a phone: you and three ghost teammates, to the reveal", async ({ browser }) => {
  for (const size of ["phone", "desktop"] as const) {
    const page = await pageAt(browser, size);
    await page.goto("/play");
    await page.getByTestId("idea-teams").click();
    await expect(page.getByTestId("mode-custom")).toBeChecked();
    await expect(page.getByTestId("team-size")).toHaveValue("4");
    await expect(page).toHaveURL(/teams=4/);
    await page.getByLabel("Step budget").fill("8");
    await page.getByLabel("Step budget").blur();
    await checkScreen(page, "teams-solo-setup", page.getByTestId("start"), "Start walking");
    await page.getByLabel("Nickname").fill("Solo Cluster");
    await page.getByTestId("start").click();
    await expect(page.getByTestId("team-tick")).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId("team-tick")).toContainText("+ 3 ghost teammates");
    for (let left = 7; left >= 2; left--) {
      await expect(page.getByTestId("step")).toBeEnabled();
      await page.getByTestId("step").click();
      await expect(page.getByTestId("steps-left")).toHaveText(`${left} of 8`);
    }
    await checkScreen(page, "teams-solo-walk", page.getByTestId("step"), "Step");
    await page.getByRole("button", { name: "I'm done" }).click();
    await expect(page.getByTestId("reveal")).toBeVisible();
    await expect(page.getByTestId("teams")).toContainText("Teammate 3");
    await expect(page.getByTestId("team-noise")).toContainText(/the mean of 4 by \d+ %/);
    await expect(page.locator(".debrief li[data-kind=team]")).toContainText("Team Red (Solo Cluster, Teammate 1, Teammate 2, Teammate 3)");
    await expect.poll(() => mapLabels(page)).toContain("your team (Red)");
    await checkScreen(page, "teams-solo-reveal", page.getByTestId("score"), "the score");
    await page.getByTestId("teams").scrollIntoViewIfNeeded();
    await shot(page, "teams-solo-reveal-teams");
    await page.context().close();
  }
});

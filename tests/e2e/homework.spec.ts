// Homework: the teacher sets a class round as homework with a deadline; a student opens its link on
// a phone (later, on their own time), walks it and hands it in; the teacher's page counts it at once
// and shows the map with the walk and the debrief. On every screen the next action is in view, axe
// finds nothing serious, and a screenshot is kept.
import { expect, test } from "@playwright/test";
import { checkScreen, expectAccessible, pageAt, shot } from "./support/screens";
import { E2E_PUBLIC_URL } from "./support/public-url";

test("a homework link: set by the teacher, walked on a phone, its results on the projector", async ({ browser }) => {
  const teacher = await pageAt(browser, "desktop");
  await teacher.goto("/host");
  await expect(teacher.getByTestId("big-code")).toBeVisible();
  await teacher.getByTestId("host-landscape").selectOption("bowl");
  await teacher.getByTestId("homework-assign").locator("summary").click();
  await teacher.getByTestId("homework-set").click();
  const link = (await teacher.getByTestId("homework-link").textContent())!.trim();
  // The link phones can open: the server's public address.
  expect(link).toMatch(new RegExp(`^${E2E_PUBLIC_URL.replace(/[.]/g, "\\.")}/homework/[A-Za-z0-9_-]{8,32}$`));
  await expect(teacher.getByTestId("homework-walks")).toHaveText("0 walks handed in");
  await shot(teacher, "homework-set");

  // A student, on a phone, through the same path on this test server.
  const student = await pageAt(browser, "phone");
  await student.goto(new URL(link).pathname);
  await expect(student).toHaveTitle("Homework · Downhill");
  await expect(student.getByText("The Bowl")).toBeVisible();
  await student.getByLabel(/Your name/).fill("Hana");
  await checkScreen(student, "homework-start", student.getByTestId("start-homework"), "Start the walk");
  await student.getByTestId("start-homework").click();
  await expect(student.getByTestId("altitude")).toBeVisible({ timeout: 60_000 });
  const budget = Number((await student.getByTestId("steps-left").textContent())!.split(" ")[0]);
  for (const left of [budget - 1, budget - 2, budget - 3]) {
    await expect(student.getByTestId("step")).toBeEnabled();
    await student.getByTestId("step").click();
    await expect(student.getByTestId("steps-left")).toHaveText(new RegExp(`^${left} of`));
  }
  // A refresh comes back into the same walk.
  await student.reload();
  await expect(student.getByTestId("steps-left")).toHaveText(new RegExp(`^${budget - 3} of`));
  await checkScreen(student, "homework-walk", student.getByTestId("step"), "Step");
  await student.getByRole("button", { name: "I'm done" }).click();
  await expect(student.getByTestId("handed-in")).toBeVisible();
  await checkScreen(student, "homework-reveal", student.getByTestId("score"), "the score");

  // The teacher's page: the count, then the results with Hana's walk.
  await expect(teacher.getByTestId("homework-walks")).toHaveText("1 walk handed in");
  await teacher.getByTestId("homework-show").click();
  await expect(teacher.getByTestId("homework-results")).toBeVisible();
  await expect(teacher.getByTestId("map-paths")).toContainText("Hana");
  await expect(teacher.getByTestId("host-debrief")).toBeVisible();
  await expectAccessible(teacher, "homework-results");
  await shot(teacher, "homework-results");
  for (const p of [teacher, student]) await p.context().close();
});

// A teacher and three students in one browser: lobby, a round, the reveal, a second round, the
// podium. Screenshots of the projector and of a student's phone are kept in artifacts/screenshots.
import { expect, test, type Page } from "@playwright/test";

test("a live class: teacher's projector and three students through lobby, round, reveal and podium", async ({ browser }) => {
  const teacherCtx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const teacher = await teacherCtx.newPage();
  await teacher.goto("/host");
  const code = (await teacher.getByTestId("big-code").textContent())!.trim();
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await expect(teacher.getByTestId("qr")).toBeVisible();

  const students: Page[] = [];
  for (const name of ["Ada", "Grace", "Alan"]) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const p = await ctx.newPage();
    await p.goto(`/join?code=${code}`);
    await p.getByLabel("Your nickname").fill(name);
    await p.getByTestId("join").click();
    await expect(p.getByTestId("lobby")).toBeVisible();
    students.push(p);
  }
  // A bad nickname is refused with a sentence, and nothing joins.
  const rude = await (await browser.newContext()).newPage();
  await rude.goto(`/join?code=${code}`);
  await rude.getByLabel("Your nickname").fill("shithead");
  await rude.getByTestId("join").click();
  await expect(rude.getByTestId("error")).toBeVisible();

  for (const name of ["Ada", "Grace", "Alan"]) await expect(teacher.getByTestId("join-screen")).toContainText(name);
  await expect(teacher.getByTestId("join-screen")).not.toContainText("shithead");
  await teacher.screenshot({ path: "artifacts/screenshots/class-lobby.png" });

  // Round 1 on the bowl.
  await teacher.getByTestId("host-landscape").selectOption("bowl");
  await teacher.getByLabel("Step budget").fill("6");
  await teacher.getByTestId("host-start").click();
  for (const p of students) await expect(p.getByTestId("altitude")).toBeVisible({ timeout: 60_000 });

  // Each student walks: Ada follows the slope, Grace crawls, Alan overshoots.
  const plans: [Page, number][] = [[students[0]!, 3], [students[1]!, -6], [students[2]!, 12]];
  for (const [p, presses] of plans) {
    await expect(p.getByTestId("step")).toBeEnabled(); // after the countdown
    for (let i = 0; i < Math.abs(presses); i++) await p.keyboard.press(presses > 0 ? "+" : "-");
    for (let s = 5; s >= 3; s--) {
      await p.keyboard.press("Space");
      // Each step lands: one fewer left, or the walk ended (Alan flies off the map).
      await expect.poll(async () => (await p.getByTestId("walk-status").isVisible()) || (await p.getByTestId("steps-left").textContent()) === `${s} of 6`).toBe(true);
      if (await p.getByTestId("walk-status").isVisible()) break;
    }
  }
  await expect(teacher.getByTestId("live-panel")).toBeVisible();
  await teacher.waitForTimeout(800); // live paths are flushed every 250 ms
  await teacher.screenshot({ path: "artifacts/screenshots/class-projector-live.png" });
  await students[0]!.screenshot({ path: "artifacts/screenshots/class-student-phone.png" });

  await teacher.getByTestId("host-reveal").click();
  await expect(teacher.getByTestId("host-debrief")).toBeVisible();
  for (const p of students) await expect(p.getByTestId("reveal")).toBeVisible();
  await teacher.waitForTimeout(300);
  await teacher.screenshot({ path: "artifacts/screenshots/class-projector-reveal.png" });
  await students[1]!.screenshot({ path: "artifacts/screenshots/class-student-reveal.png", fullPage: true });

  // Round 2, then the podium.
  await teacher.getByTestId("host-start").click();
  for (const p of students) {
    await expect(p.getByTestId("steps-left")).toHaveText("6 of 6", { timeout: 60_000 });
    await expect(p.getByTestId("step")).toBeEnabled();
    await p.keyboard.press("Space");
    await expect(p.getByTestId("steps-left")).toHaveText("5 of 6");
  }
  await teacher.getByTestId("host-reveal").click();
  for (const p of students) await expect(p.getByTestId("reveal")).toBeVisible();
  teacher.on("dialog", (d) => void d.accept());
  await teacher.getByTestId("host-end").click();
  await expect(teacher.getByTestId("podium")).toBeVisible();
  for (const name of ["Ada", "Grace", "Alan"]) await expect(teacher.getByTestId("podium")).toContainText(name);
  for (const p of students) await expect(p.getByTestId("podium")).toBeVisible();
  await teacher.screenshot({ path: "artifacts/screenshots/class-podium.png" });
});

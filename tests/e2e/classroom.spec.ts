// A live class: the teacher's projector at 1280×800 and three students (390×844 and 360×640 touch
// phones, a 1280×800 laptop) through the lobby, a round, a refresh of the projector (each path
// drawn once), the anonymous projector, the reveal, a second round, the podium and a new class.
// On every screen the next action is on screen without scrolling, axe finds nothing serious, and
// a screenshot is kept.
import { expect, test, type Page } from "@playwright/test";
import { PNG } from "pngjs";
import jsQR from "jsqr";
import { E2E_PUBLIC_URL } from "./support/public-url";
import { checkScreen, expectAccessible, expectNoSidewaysScroll, expectOnScreen, pageAt, shot, type Size } from "./support/screens";

/** What the projector's map lists, by label: how many footprints each path has (and how often the label occurs). */
async function mapPaths(teacher: Page): Promise<Record<string, number[]>> {
  const items = await teacher.getByTestId("map-paths").locator("li").evaluateAll((lis) => lis.map((li) => [li.textContent!.split(":")[0]!, Number(li.getAttribute("data-footprints"))] as const));
  const by: Record<string, number[]> = {};
  for (const [name, n] of items) (by[name] ??= []).push(n);
  return by;
}

test("a live class on every screen size: lobby, round, projector refresh, reveal, podium and a new class", async ({ browser }) => {
  const teacher = await pageAt(browser, "desktop");
  // Confirmations are accepted; a rename prompt gets the name the test asks for.
  let renameTo = "";
  teacher.on("dialog", (d) => void d.accept(d.type() === "prompt" ? renameTo : undefined));
  const sockets: string[] = [];
  teacher.on("websocket", (ws) => void sockets.push(ws.url()));
  await teacher.goto("/host");
  const code = (await teacher.getByTestId("big-code").textContent())!.trim();
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  // The page chose the class's code and its socket carries it (a cluster's balancer routes by it).
  expect(sockets.some((u) => new URL(u).searchParams.get("room") === code), sockets.join(" ")).toBe(true);
  await expect(teacher.getByTestId("qr")).toBeVisible();
  // The QR code phones scan holds the address they can open (the server's PUBLIC_URL / LAN address), not the projector's own.
  const qrData = (await teacher.getByTestId("qr").getAttribute("src"))!;
  const png = PNG.sync.read(Buffer.from(qrData.split(",")[1]!, "base64"));
  expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`${E2E_PUBLIC_URL}/join?code=${code}`);
  await expect(teacher.getByTestId("join-screen")).toContainText(`${new URL(E2E_PUBLIC_URL).host}/join`);
  await expect(teacher).toHaveTitle(`Class ${code}: join · Downhill`);

  const students: Page[] = [];
  const plan: [string, Size][] = [["Ada", "phone"], ["Grace", "small"], ["Alan", "desktop"]];
  for (const [name, size] of plan) {
    const p = await pageAt(browser, size);
    const routed: string[] = [];
    p.on("websocket", (ws) => void routed.push(new URL(ws.url()).searchParams.get("room") ?? ""));
    await p.goto(`/join?code=${code}`);
    await p.getByLabel("Your nickname").fill(name);
    if (size !== "desktop") await checkScreen(p, "class-join", p.getByTestId("join"), "Join");
    await p.getByTestId("join").click();
    await expect(p.getByTestId("lobby")).toBeVisible();
    expect(routed.at(-1), "the student's socket is routed by the class's code").toBe(code);
    await checkScreen(p, "class-lobby", p.getByTestId("lobby"), "the lobby's heading");
    students.push(p);
  }
  const [ada, grace, alan] = students as [Page, Page, Page];
  // A bad nickname is refused with a sentence, and nothing joins.
  const rude = await (await browser.newContext()).newPage();
  await rude.goto(`/join?code=${code}`);
  await rude.getByLabel("Your nickname").fill("shithead");
  await rude.getByTestId("join").click();
  await expect(rude.getByTestId("error")).toBeVisible();
  await rude.context().close();

  for (const [name] of plan) await expect(teacher.getByTestId("join-screen")).toContainText(name);
  await expect(teacher.getByTestId("join-screen")).not.toContainText("shithead");

  // The teacher's column fits the screen: nothing runs off its right edge.
  const column = teacher.getByRole("region", { name: "Teacher's controls" });
  expect(await column.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expectNoSidewaysScroll(teacher, "the projector");
  await expect(teacher.getByTestId("lesson-plan")).toContainText("The Ravine");
  await checkScreen(teacher, "class-projector-lobby", teacher.getByTestId("host-start"), "Start round 1");

  // The teacher renames a name off the projector, removes a student, and lets them back in.
  const extra = await pageAt(browser, "desktop");
  await extra.goto(`/join?code=${code}`);
  await extra.getByLabel("Your nickname").fill("Bart");
  await extra.getByTestId("join").click();
  await expect(teacher.getByTestId("join-screen")).toContainText("Bart");
  renameTo = "Lisa";
  await teacher.getByRole("button", { name: "Rename Bart" }).click();
  await expect(teacher.getByTestId("join-screen")).toContainText("Lisa");
  await expect(teacher.getByTestId("join-screen")).not.toContainText("Bart");
  await teacher.getByRole("button", { name: "Remove Lisa" }).click();
  await expect(extra.getByTestId("kicked")).toBeVisible();
  await expect(teacher.getByTestId("removed")).toContainText("Lisa");
  await expect(teacher.getByTestId("join-screen")).not.toContainText("Lisa");
  await teacher.getByRole("button", { name: "Let Lisa back in" }).click();
  await expect(teacher.getByTestId("removed")).toHaveCount(0);
  await extra.context().close();

  // Round 1 on the bowl; the budget typed survives a refresh of the projector.
  await teacher.getByTestId("host-landscape").selectOption("bowl");
  await teacher.getByLabel("Step budget").fill("6");
  await teacher.getByLabel("Step budget").blur();
  await teacher.reload();
  await expect(teacher.getByLabel("Step budget")).toHaveValue("6");
  await teacher.getByTestId("host-start").click();
  for (const p of students) await expect(p.getByTestId("altitude")).toBeVisible({ timeout: 60_000 });
  await expect(teacher.getByTestId("host-reveal"), "the focus moves to the round's next action").toBeFocused();

  // Each student walks: Ada follows the slope, Grace crawls, Alan overshoots.
  const presses: [Page, number][] = [[ada, 3], [grace, -6], [alan, 12]];
  for (const [p, n] of presses) {
    await expect(p.getByTestId("step")).toBeEnabled(); // after the countdown
    for (let i = 0; i < Math.abs(n); i++) await p.keyboard.press(n > 0 ? "+" : "-");
    for (let s = 5; s >= 3; s--) {
      await p.getByTestId("step").click();
      // Each step lands: one fewer left, or the walk ended (Alan flies off the map).
      await expect.poll(async () => (await p.getByTestId("walk-status").isVisible()) || (await p.getByTestId("steps-left").textContent()) === `${s} of 6`).toBe(true);
      if (await p.getByTestId("walk-status").isVisible()) break;
    }
  }
  for (const p of students) await checkScreen(p, "class-walk", p.getByTestId("step"), "Step");
  await expect(teacher.getByTestId("live-panel")).toBeVisible();

  // Every path on the projector once, with as many footprints as its walk (the start and each step).
  const expected: Record<string, number> = {};
  for (const [[name], p] of plan.map((x, i) => [x, students[i]!] as const)) {
    const left = Number((await p.getByTestId("steps-left").textContent())!.split(" ")[0]);
    expected[name] = 1 + 6 - left;
  }
  const once = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [v]]));
  await expect.poll(() => mapPaths(teacher), { message: "each live path once" }).toEqual(once);
  await checkScreen(teacher, "class-projector-live", teacher.getByTestId("host-reveal"), "Reveal the map");
  await teacher.reload();
  await expect(teacher.getByTestId("live-panel")).toBeVisible();
  await expect.poll(() => mapPaths(teacher), { message: "after a refresh, still each path once" }).toEqual(once);
  await shot(teacher, "class-projector-refreshed");

  // The anonymous projector: names hidden, colours kept.
  await teacher.getByTestId("anonymise").getByRole("checkbox").check();
  await expect(teacher.getByTestId("live-panel")).not.toContainText("Alan");
  await expect.poll(async () => Object.keys(await mapPaths(teacher)).sort()).toEqual(["Walker 1", "Walker 2", "Walker 3"]);
  await expect(teacher.getByRole("region", { name: "Teacher's controls" })).not.toContainText("Grace");
  await shot(teacher, "class-projector-anonymous");
  await teacher.getByTestId("anonymise").getByRole("checkbox").uncheck();
  await expect.poll(async () => Object.keys(await mapPaths(teacher)).sort()).toEqual(["Ada", "Alan", "Grace"]);

  await teacher.getByTestId("host-reveal").click();
  await expect(teacher.getByTestId("host-debrief")).toBeVisible();
  await expect(teacher.getByTestId("host-start")).toBeFocused();
  // At the reveal the debrief and the next round's Start are both in view.
  await expectOnScreen(teacher, teacher.getByTestId("host-debrief").locator("li").first(), "the debrief");
  await checkScreen(teacher, "class-projector-reveal", teacher.getByTestId("host-start"), "Start round 2");
  for (const p of students) {
    await expect(p.getByTestId("reveal")).toBeVisible();
    await checkScreen(p, "class-reveal", p.getByTestId("score"), "the score");
  }

  // Round 2, then the podium.
  await teacher.getByTestId("host-start").click();
  for (const p of students) {
    await expect(p.getByTestId("steps-left")).toHaveText("6 of 6", { timeout: 60_000 });
    await expect(p.getByTestId("step")).toBeEnabled();
    await p.getByTestId("step").click();
    await expect(p.getByTestId("steps-left")).toHaveText("5 of 6");
  }
  await teacher.getByTestId("host-reveal").click();
  for (const p of students) await expect(p.getByTestId("reveal")).toBeVisible();
  await teacher.getByTestId("host-end").click();
  await expect(teacher.getByTestId("podium")).toBeVisible();
  for (const [name] of plan) await expect(teacher.getByTestId("podium")).toContainText(name);
  await checkScreen(teacher, "class-projector-podium", teacher.getByTestId("new-class"), "Start a new class");
  for (const p of students) {
    await expect(p.getByTestId("podium")).toBeVisible();
    await checkScreen(p, "class-podium", p.getByTestId("podium"), "the podium");
  }

  // A new class from the podium; a bare /host then opens the new class, not the old podium,
  // and the old class's own address still shows its podium.
  await teacher.getByTestId("new-class").click();
  await expect(teacher.getByTestId("big-code")).not.toHaveText(code);
  const fresh = (await teacher.getByTestId("big-code").textContent())!.trim();
  await expect(teacher).toHaveURL(new RegExp(`/host\\?code=${fresh}$`));
  await teacher.goto("/host");
  await expect(teacher.getByTestId("big-code")).toHaveText(fresh);
  await teacher.goto(`/host?code=${code}`);
  await expect(teacher.getByTestId("podium")).toBeVisible();
  await expectOnScreen(teacher, teacher.getByTestId("new-class"), "Start a new class");
  await expectAccessible(teacher, "class-projector-podium-reopened");
  // Your classes: both classes hosted from this browser, each opened again from the list.
  await teacher.goto("/host/classes");
  await expect(teacher.getByTestId("class-list")).toContainText(code);
  await expect(teacher.getByTestId("class-list")).toContainText(fresh);
  await expectAccessible(teacher, "host-classes");
  await shot(teacher, "host-classes");
  await teacher.getByTestId("class-list").locator("li", { hasText: code }).getByRole("link", { name: "Open" }).click();
  await expect(teacher.getByTestId("podium")).toBeVisible();
  // Another device opens the new class with its code and teacher key.
  await teacher.goto(`/host?code=${fresh}`);
  const key = (await teacher.getByTestId("teacher-key").textContent())!.trim();
  const laptop = await pageAt(browser, "desktop");
  await laptop.goto("/host/classes");
  await laptop.getByLabel("Class code").fill(fresh);
  await laptop.getByLabel("Teacher key").fill(key);
  await laptop.getByRole("button", { name: "Open the class" }).click();
  await expect(laptop.getByTestId("big-code")).toHaveText(fresh);
  await laptop.context().close();
  for (const p of [teacher, ...students]) await p.context().close();
});

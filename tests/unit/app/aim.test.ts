// Aiming: following the slope turned by Q/E stays relative to the slope at every step (it is not
// frozen into a compass heading), and a heading turns in place. Checked against hand calculations.
import { describe, expect, it } from "vitest";
import { aimVector, describeAim, FOLLOW, stepDirection, turnAim } from "../../../app/_lib/aim";
import { afterStep, whereYouStand } from "../../../app/_lib/announce";
import { compass } from "../../../app/_lib/compass";

const close = (v: [number, number] | null, w: [number, number]) => {
  expect(v).not.toBeNull();
  expect(v![0]).toBeCloseTo(w[0], 12);
  expect(v![1]).toBeCloseTo(w[1], 12);
};

describe("aim", () => {
  it("plain descent is sent as 'downhill'", () => {
    expect(stepDirection(FOLLOW, [3, 4])).toBe("downhill");
    close(aimVector(FOLLOW, [3, 4]), [-0.6, -0.8]);
  });

  it("Q turns the followed slope 15° to the left, and it keeps following a new slope", () => {
    const turned = turnAim(FOLLOW, 1);
    expect(turned.kind).toBe("follow");
    expect(describeAim(turned)).toBe("follow the slope, turned 15° left");
    // Downhill is east under a slope pointing west: 15° left of east.
    close(aimVector(turned, [-2, 0]), [Math.cos(Math.PI / 12), Math.sin(Math.PI / 12)]);
    // A step later the slope points south, so downhill is north: 15° left of north.
    close(aimVector(turned, [0, -5]), [-Math.sin(Math.PI / 12), Math.cos(Math.PI / 12)]);
    const dir = stepDirection(turned, [0, -5]);
    expect(Array.isArray(dir)).toBe(true);
  });

  it("E undoes Q; twelve turns make a U-turn; turns wrap at 180°", () => {
    expect(describeAim(turnAim(turnAim(FOLLOW, 1), -1))).toBe("follow the slope");
    let a = FOLLOW;
    for (let i = 0; i < 12; i++) a = turnAim(a, -1);
    expect(describeAim(a)).toBe("straight up the slope (turned 180°)");
    expect(describeAim(turnAim(a, -1))).toBe("follow the slope, turned 165° left");
  });

  it("a heading turns in place and is named by the compass", () => {
    const h = turnAim({ kind: "heading", dir: [1, 0] }, 1);
    close(aimVector(h, [9, 9]), [Math.cos(Math.PI / 12), Math.sin(Math.PI / 12)]);
    expect(describeAim({ kind: "heading", dir: [-1, 1] })).toBe("north-west (135°)");
    expect(compass([0, -2])).toBe("south (270°)");
  });

  it("a flat slope is followed as 'downhill' (the server's rule)", () => {
    expect(aimVector(turnAim(FOLLOW, 1), [0, 0])).toBeNull();
    expect(stepDirection(turnAim(FOLLOW, 1), [0, 0])).toBe("downhill");
  });
});

describe("what a screen reader hears", () => {
  it("says altitude, steepness, steps left and the downhill direction", () => {
    expect(afterStep(3, { x: 0, y: 0, loss: 0.8444, grad: [3, 4] }, 27, 30)).toBe("Step 3. Altitude 0.844, steepness 5.00, 27 of 30 steps left, downhill is south-west.");
    expect(whereYouStand({ x: 0, y: 0, loss: 1, grad: [0, 0] }, 5, 5)).toContain("the ground is flat");
    expect(afterStep(2, { x: 9, y: 9, loss: null, grad: [0, 0] }, 3, 5)).toContain("off the map");
  });
});

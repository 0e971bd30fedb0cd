// The projector's anonymous mode: students become "Walker N" in their colour order, in names and
// inside the debrief's sentences; ghosts keep their names.
import { describe, expect, it } from "vitest";
import { namer } from "../../../app/_lib/anonymise";

const roster = [
  { playerId: "a", nickname: "Ada", ghost: null },
  { playerId: "g", nickname: "Ghost GD", ghost: "gd" as const },
  { playerId: "b", nickname: "Ada Lovelace", ghost: null },
  { playerId: "c", nickname: "Al", ghost: null },
];

describe("namer", () => {
  it("shows nicknames when names are shown", () => {
    const n = namer(roster, false);
    expect(n.name("b")).toBe("Ada Lovelace");
    expect(n.text("Ada: step 1 left the map.")).toBe("Ada: step 1 left the map.");
  });

  it("hides students' names, whole words only, longest first; ghosts keep theirs", () => {
    const n = namer(roster, true);
    expect([n.name("a"), n.name("g"), n.name("b"), n.name("c")]).toEqual(["Walker 1", "Ghost GD", "Walker 2", "Walker 3"]);
    expect(n.text("Ada Lovelace reached the valley; Ada did not; Alan is not Al. Ghost GD ended lower."))
      .toBe("Walker 2 reached the valley; Walker 1 did not; Alan is not Walker 3. Ghost GD ended lower.");
  });
});

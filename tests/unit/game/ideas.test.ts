// Ideas to play: each preset is a valid round on a landscape of the catalog, and sets what its idea needs.
import { describe, expect, it } from "vitest";
import { IDEAS, ideaRules } from "../../../lib/game/ideas";
import { CATALOG } from "../../../lib/landscape/catalog";
import { RoundRules } from "../../../lib/protocol/common";

describe("ideas to play", () => {
  it("each is a valid round on a catalog landscape, with one budget at a time", () => {
    expect(new Set(IDEAS.map((i) => i.id)).size).toBe(IDEAS.length);
    for (const idea of IDEAS) {
      const recipe = CATALOG.find((r) => r.id === idea.landscapeId);
      expect(recipe, idea.id).toBeDefined();
      const base = { landscapeId: "bowl", budget: 30, batch: 0, timeLimitSec: 0, showOthers: false, seed: 5, passes: 4, slope: "probe" as const, teamSize: 3 };
      const rules = ideaRules(idea, base);
      expect(RoundRules.safeParse(rules).success, idea.id).toBe(true);
      expect(rules.landscapeId).toBe(idea.landscapeId);
      expect(rules.seed).toBe(5);
      expect(rules.passes !== undefined && rules.slope === "probe", idea.id).toBe(false);
      expect(rules.teamSize !== undefined && rules.slope === "probe", idea.id).toBe(false);
      if (idea.id !== "teams") expect(rules.teamSize, idea.id).toBeUndefined();
      expect(idea.tryThis.length).toBeGreaterThan(40);
    }
  });
  it("sets what its idea needs: a minibatch priced by compute, the slope withheld", () => {
    const byId = Object.fromEntries(IDEAS.map((i) => [i.id, ideaRules(i, { landscapeId: "x", budget: 30, batch: 0, timeLimitSec: 0, showOthers: false })]));
    expect(byId.compute).toMatchObject({ passes: 2, batch: 32, landscapeId: "two-valleys" });
    expect(byId.probe).toMatchObject({ slope: "probe", landscapeId: "bowl" });
    expect(byId.momentum).toMatchObject({ landscapeId: "ravine" });
    expect(byId.momentum!.passes).toBeUndefined();
    expect(byId.turn).toMatchObject({ turns: 3, landscapeId: "chaos" });
    expect(byId.teams).toMatchObject({ landscapeId: "ravine", batch: 4, teamSize: 4 });
    expect(byId.teams!.slope).toBeUndefined();
  });
});

// Players' path colours: one per player, the same on the projector, the phones and the reveal,
// whatever order a list (standings by altitude, reveal paths) puts the players in.
import { describe, expect, it } from "vitest";
import { GHOST_COLOR, PATH_COLORS, pathColor, type ColorSeat } from "../../../lib/game/colormap";

const seat = (playerId: string, ghost: string | null = null): ColorSeat => ({ playerId, ghost });
// The roster as the server sends it: join order, ghosts among the players.
const roster = [seat("ada"), seat("gd", "gd"), seat("grace"), seat("alan"), seat("adam", "adam")];

describe("pathColor", () => {
  it("colours players by their place among the room's non-ghost seats, ghosts grey", () => {
    expect(pathColor("ada", roster)).toBe(PATH_COLORS[0]);
    expect(pathColor("grace", roster)).toBe(PATH_COLORS[1]);
    expect(pathColor("alan", roster)).toBe(PATH_COLORS[2]);
    expect(pathColor("gd", roster)).toBe(GHOST_COLOR);
    expect(pathColor("adam", roster)).toBe(GHOST_COLOR);
    expect(pathColor("ada", roster, true)).toBe(GHOST_COLOR);
  });

  it("does not depend on the order the players are listed or drawn in", () => {
    const standings = ["alan", "ada", "grace"]; // sorted by altitude: changes during a race
    const before = new Map(standings.map((id) => [id, pathColor(id, roster)]));
    const after = new Map([...standings].reverse().map((id) => [id, pathColor(id, roster)]));
    expect(after).toEqual(before);
    // Every recipient gets the same roster, so projector, phones and reveal agree.
    expect(pathColor("grace", structuredClone(roster))).toBe(pathColor("grace", roster));
  });

  it("gives distinct colours to the first PATH_COLORS.length players, then cycles", () => {
    const many = Array.from({ length: PATH_COLORS.length + 2 }, (_, i) => seat(`p${i}`));
    const colors = many.map((s) => pathColor(s.playerId, many));
    expect(new Set(colors.slice(0, PATH_COLORS.length)).size).toBe(PATH_COLORS.length);
    expect(colors[PATH_COLORS.length]).toBe(colors[0]);
  });

  it("gives a player missing from the roster a stable colour from the palette", () => {
    const c = pathColor("someone-who-left", roster);
    expect(PATH_COLORS).toContain(c);
    expect(pathColor("someone-who-left", [])).toBe(c);
  });
});

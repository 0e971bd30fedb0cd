// The CLI's argument parser: negative numbers are positionals, options take values either way,
// and every mistake is a UsageError.
import { describe, expect, it } from "vitest";
import { parseArgs, toNumber, UsageError } from "../../../server/cli/args";

const spec = { batch: "string", json: "boolean" } as const;

describe("parseArgs", () => {
  it("reads negative numbers as positionals and both option forms", () => {
    expect(parseArgs(["bowl", "-0.5", "-.25", "--batch", "8", "--json"], spec)).toEqual({ positionals: ["bowl", "-0.5", "-.25"], options: { batch: "8", json: true } });
    expect(parseArgs(["--batch=-3", "x"], spec)).toEqual({ positionals: ["x"], options: { batch: "-3" } });
    expect(parseArgs(["a", "--", "--json"], spec)).toEqual({ positionals: ["a", "--json"], options: {} });
  });

  it("throws a UsageError for unknown, repeated, valueless or misused options", () => {
    for (const argv of [["--nope"], ["-x"], ["--batch"], ["--batch", "--json"], ["--json=1"], ["--json", "--json"]]) {
      expect(() => parseArgs(argv, spec)).toThrow(UsageError);
    }
  });
});

describe("toNumber", () => {
  it("spells numbers strictly", () => {
    expect(toNumber("1e-3")).toBe(0.001);
    expect(toNumber("-inf")).toBe(-Infinity);
    expect(toNumber("")).toBeNaN();
    expect(toNumber("  ")).toBeNaN();
    expect(toNumber("12abc")).toBeNaN();
    expect(toNumber(undefined)).toBeNaN();
  });
});

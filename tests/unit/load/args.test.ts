import { describe, expect, it } from "vitest";
import { DEFAULT_LANDSCAPE, MAX_BUDGET, MAX_PLAYERS, MAX_RATE, parseLoadArgs, walkBudget } from "../../load/args";
import { RoundRules } from "../../../lib/protocol/common";
import { MAX_SEATS } from "../../../server/rooms/room";
import { LIMITS } from "../../../server/sockets/limits";

const ok = ["--url", "http://127.0.0.1:3000", "--rooms", "20", "--players", "30", "--rate", "2", "--seconds", "30"];
const without = (name: string) => { const k = ok.indexOf(`--${name}`); return [...ok.slice(0, k), ...ok.slice(k + 2)]; };
const with_ = (name: string, value: string) => [...without(name), `--${name}`, value];

describe("loadtest arguments", () => {
  it("accepts the documented form, with defaults", () => {
    const r = parseLoadArgs([...ok, "--json"]);
    expect(r).toEqual({ ok: true, options: { url: "http://127.0.0.1:3000", rooms: 20, players: 30, rate: 2, seconds: 30, landscape: "bowl", workers: 1, flood: 0, json: true } });
    expect(DEFAULT_LANDSCAPE).toBe("bowl");
  });

  it("takes a landscape, a budget, workers and --name=value", () => {
    const r = parseLoadArgs([...ok, "--landscape", "ravine", "--budget=40", "--workers", "2"]);
    expect(r.ok && r.options).toMatchObject({ landscape: "ravine", budget: 40, workers: 2, json: false });
    expect(parseLoadArgs(with_("rate", "0.5"))).toMatchObject({ ok: true, options: { rate: 0.5 } });
  });

  it("takes the server's process id for its CPU by thread, a whole number", () => {
    expect(parseLoadArgs([...ok, "--server-pid", "4242"])).toMatchObject({ ok: true, options: { serverPid: 4242 } });
    expect(parseLoadArgs([...ok, "--server-pid", "x"])).toEqual({ ok: false, error: "--server-pid must be a number" });
  });

  it("takes its limits from the server's: a round's budget, a room's seats, a socket's rate", () => {
    expect(MAX_PLAYERS).toBe(MAX_SEATS);
    expect(MAX_RATE).toBe(LIMITS.messagesPerSocket.points);
    const rules = { landscapeId: DEFAULT_LANDSCAPE, batch: 0, timeLimitSec: 0, showOthers: false };
    expect(RoundRules.safeParse({ ...rules, budget: MAX_BUDGET }).success).toBe(true);
    expect(RoundRules.safeParse({ ...rules, budget: MAX_BUDGET + 1 }).success).toBe(false);
    expect(parseLoadArgs(with_("players", String(MAX_PLAYERS)))).toMatchObject({ ok: true, options: { players: MAX_PLAYERS } });
    expect(parseLoadArgs(with_("rate", String(MAX_RATE)))).toMatchObject({ ok: true, options: { rate: MAX_RATE } });
    expect(parseLoadArgs([...ok, "--budget", String(MAX_BUDGET)])).toMatchObject({ ok: true, options: { budget: MAX_BUDGET } });
  });

  it.each([
    [without("url"), "--url is required"],
    [without("seconds"), "--seconds is required"],
    [with_("rooms", "0"), "--rooms must be at least 1"],
    [with_("rooms", "zero"), "--rooms must be a number"],
    [with_("rooms", "2.5"), "--rooms must be a whole number"],
    [with_("players", "many"), "--players must be a number"],
    [with_("players", "101"), "--players is at most 100"],
    [with_("rate", "-1"), "--rate must be more than 0"],
    [with_("rate", "50"), "--rate is at most 20"],
    [with_("seconds", "0"), "--seconds must be more than 0"],
    [with_("url", "ftp://x"), "--url must be an http"],
    [with_("url", "not a url"), "--url must be an http"],
    [[...ok, "--landscape", "Bowl!"], "--landscape must be a landscape id"],
    [[...ok, "--budget", "2"], "--budget must be at least 3"],
    [[...ok, "--budget", "501"], "--budget is at most 500"],
    [[...ok, "--workers", "0"], "--workers must be at least 1"],
    [[...with_("rooms", "1"), "--workers", "2"], "--workers (2) cannot exceed --rooms (1)"],
    [[...ok, "--rooms", "3"], "given twice"],
    [[...ok, "--budget"], "needs a value"],
    [[...ok, "--json=yes"], "takes no value"],
    [[...ok, "--bogus"], "bogus"],
    [[...ok, "extra"], "unexpected argument"],
  ])("refuses %j with one line", (argv, message) => {
    const r = parseLoadArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error).not.toContain("\n");
    }
  });
});

describe("walk budget", () => {
  it("covers the whole run when the round's limit allows, else takes the limit", () => {
    expect(walkBudget({ rate: 2, seconds: 30 })).toBe(65);
    expect(walkBudget({ rate: 0.1, seconds: 1 })).toBe(6);
    expect(walkBudget({ rate: 20, seconds: 600 })).toBe(MAX_BUDGET);
    expect(walkBudget({ rate: 2, seconds: 30, budget: 10 })).toBe(10);
  });
});

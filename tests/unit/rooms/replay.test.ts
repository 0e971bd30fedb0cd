// Replay is the test: a room driven by random intents (joins, renames, removals, rules, rounds,
// steps, ghosts, pauses, reveals, the end) through the real Room and its runner, with a memory
// journal, an analytic landscape and a clock the test moves. After every intent the live state
// must equal the replay of the journal, from the first event and from any snapshot; and the log
// must survive a trip through JSON (as it does through the database).
import { describe, expect, it } from "vitest";
import { Rng } from "../../../lib/landscape/prng";
import { replay } from "../../../lib/game/room/apply";
import type { RoomEvent } from "../../../lib/game/room/events";
import type { LandscapeInfo, LossGrid } from "../../../lib/landscape/types";
import { assembleGrid, GRID_STANDARD_SIZE } from "../../../lib/landscape/grid";
import type { GhostPoint, RoomDeps } from "../../../server/rooms/deps";
import { MemoryJournal } from "../../../server/rooms/journal";
import { RoomRegistry } from "../../../server/rooms/registry";
import type { Room } from "../../../server/rooms/room";
import { isGameError } from "../../../lib/game/phase";
import { TEAM_TICK_MS } from "../../../lib/game/teams";

/** A tilted bowl with a ripple: loss and slope at (x, y), by hand. */
const loss = (x: number, y: number) => 0.05 + 0.8 * x * x + 0.3 * y * y + 0.2 * x * y + 0.1 * Math.sin(3 * x);
const grad = (x: number, y: number): [number, number] => [1.6 * x + 0.2 * y + 0.3 * Math.cos(3 * x), 0.6 * y + 0.2 * x];
const extent = { x: [-2, 2] as [number, number], y: [-2, 2] as [number, number] };
const info: LandscapeInfo = {
  id: "toy", name: "The Toy", lesson: "a test landscape", difficulty: 1,
  dataset: { name: "toy", title: "Toy", credit: "made up", samples: 100, features: 2 },
  architecture: "2 → 1", params: 3, chance: 1.1, extent, starts: [[-1.7, 1.6], [1.8, 1.5], [1.6, -1.8]],
  lr: { min: 0.01, max: 3, suggested: 0.3 }, defaultBudget: 8, shift: 0.25,
};

function field(): LossGrid {
  const m = Math.round((info.shift * (GRID_STANDARD_SIZE - 1)) / 2), size = GRID_STANDARD_SIZE + 2 * m, h = 4 / (GRID_STANDARD_SIZE - 1);
  const values = new Float32Array(size * size);
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) values[j * size + i] = loss(-2 - m * h + i * h, -2 - m * h + j * h);
  return assembleGrid(values, size, { x: [-2 - m * h, 2 + m * h], y: [-2 - m * h, 2 + m * h] });
}

/** Deps for a room on one thread: the toy landscape measured exactly (a minibatch adds seeded noise), a clock the test moves. */
function deps(seed: number) {
  const rng = new Rng(seed);
  let now = 1_000_000, id = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const journal = new MemoryJournal();
  const felt = (x: number, y: number, o: { batch?: number; seed?: number } = {}) => {
    const noise = o.batch ? new Rng(o.seed ?? 0).gaussian() * 0.1 : 0;
    const g = grad(x, y);
    return { loss: loss(x, y) * (1 + noise), grad: [g[0] * (1 + noise), g[1] * (1 - noise)] as [number, number] };
  };
  const grid = field();
  const d: RoomDeps = {
    landscapes: {
      catalog: () => [info],
      ensure: async () => ({ info, minimum: { ...grid.min } }),
      probe: async (_id, x, y, o) => felt(x, y, o),
      field: async () => grid,
      sightFacts: () => ({ chance: 0.5, picture: null }),
      regions: async () => null,
      // The toy ignores turns: a turned slice's map is the toy's own, at the size asked.
      turnedGrid: async (_id, _turns, size, e) => {
        const values = new Float32Array(size * size);
        for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) values[j * size + i] = loss(e.x[0] + ((e.x[1] - e.x[0]) * i) / (size - 1), e.y[0] + ((e.y[1] - e.y[0]) * j) / (size - 1));
        return assembleGrid(values, size, e);
      },
      ghost: async (_id, start, o) => {
        const pts: GhostPoint[] = [];
        let [x, y] = start;
        for (let k = 0; k <= o.steps; k++) {
          const f = felt(x, y);
          pts.push({ x, y, loss: f.loss, gx: f.grad[0], gy: f.grad[1] });
          x -= o.lr * f.grad[0];
          y -= o.lr * f.grad[1];
        }
        return pts;
      },
    },
    results: { saveScore: async () => ({ id: "s", rank: 1, of: 1, best: true }), saveSessionRound: async () => {} },
    admission: { rankedWrite: async () => true },
    journal,
    homework: { create: () => Promise.reject(new Error("unused")), get: async () => null, ofClass: async () => [], handIn: async () => false, handedIn: async () => null, walks: async () => [] },
    clock: { now: () => now, setTimeout: (fn, ms) => { timers.set(++id, { at: now + ms, fn }); return id; }, clearTimeout: (h) => void timers.delete(h as number) },
    outbox: { toSeat: () => {}, toHost: () => {}, toSeats: () => {}, detachSeat: () => {}, evict: () => {}, toHostAnywhere: () => {}, occupied: () => true },
    chance: { secret: () => `secret-${rng.next().toString(36).slice(2)}`.padEnd(20, "x"), uniform: () => rng.next(), seed: () => Math.floor(rng.next() * 1e9) },
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  /** Moves the clock by ms, running the timers that fall due (in order). */
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await settle();
    }
    now = until;
  };
  return { d, journal, advance, rng };
}

/** Lets promises chained on the room settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/** Every event of the room, through JSON as the database stores them. */
function logOf(journal: MemoryJournal, roomId: string): RoomEvent[] {
  return JSON.parse(JSON.stringify(journal.all(roomId))) as RoomEvent[];
}

describe("a room's state is its log, replayed", () => {
  // Seeds above 6 play team rounds (rules.teamSize): proposals, ticks closed by everyone or by the timer
  // (seed 9 never gets a team to tick before its rounds end, so it is left out).
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14]) {
    const teams = seed > 6;
    it(`random intents, seed ${seed}${teams ? " (teams)" : ""}: live state = replay from the start = replay from any point`, async () => {
      const { d, journal, advance, rng } = deps(seed);
      const rooms = new RoomRegistry(d);
      const made = await rooms.create(seed % 2 ? "class" : "race");
      if (isGameError(made)) throw new Error(made.message);
      const room: Room = made;
      const people: string[] = [];
      const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rng.next() * xs.length)];
      const rules = () => ({ landscapeId: "toy", budget: 3 + Math.floor(rng.next() * 9), batch: rng.next() < 0.3 ? 4 : 0, timeLimitSec: rng.next() < 0.3 ? 30 : 0, showOthers: false, seed: Math.floor(rng.next() * 1000), ranked: false, ...(teams ? { teamSize: 2 + Math.floor(rng.next() * 3) } : rng.next() < 0.5 ? { turns: 2 } : {}) });
      const intents: (() => Promise<unknown>)[] = [
        async () => { const s = await room.join(`P${people.length}`, `device-${seed}-${people.length}`.padEnd(16, "x"), `10.0.0.${people.length}`, room.state.kind === "race" && people.length === 0); if (!isGameError(s)) people.push(s.id); },
        async () => { const id = pick(people); if (id) await room.join(`Again ${id}`.slice(0, 20), room.state.seats[id]?.device ?? null, "10.1.1.1"); },
        async () => { const id = pick(people); if (id) await room.rename(id, `R${Math.floor(rng.next() * 99)}`); },
        async () => { const id = pick(people); if (id && rng.next() < 0.3) await room.kick(id); },
        async () => { const r = pick(room.state.removed); if (r) await room.readmit(r.id); },
        async () => { await room.configure(rules(), rng.next() < 0.5 ? ["gd", "adam"] : []); },
        async () => { await room.runner.start(); },
        async () => { const id = pick(Object.keys(room.state.round?.walks ?? {}).filter((k) => !room.state.seats[k]?.ghost)); const w = id ? room.state.round!.walks[id] : undefined; if (id && w) await room.runner.step(id, { type: "step", seq: w.path.length, dir: rng.next() < 0.7 ? "downhill" : [rng.gaussian(), rng.gaussian()], lr: 0.05 + rng.next() }); },
        async () => { const id = pick(people); if (id) await room.runner.finish(id); },
        async () => { const id = pick(Object.keys(room.state.round?.walks ?? {}).filter((k) => !room.state.seats[k]?.ghost)); if (id) await room.runner.turn(id, rng.next() < 0.5 ? null : [rng.gaussian(), rng.gaussian()]); },
        async () => { await room.runner.pause(); },
        async () => { await room.runner.resume(); },
        async () => { await room.runner.reveal({ by: "host" }); },
        async () => { await advance(Math.floor(rng.next() * 4000)); },
        async () => { if (rng.next() < 0.02) await room.end(); },
      ];
      // Steps, starts and the clock are drawn more often, so rounds get played, not only set up.
      const [joinI, , , , , configureI, startI, stepI, , turnI, , , , advanceI] = intents;
      const weighted = [...intents, joinI!, joinI!, configureI!, startI!, startI!, stepI!, stepI!, stepI!, stepI!, stepI!, turnI!, turnI!, advanceI!, advanceI!];
      for (let k = 0; k < 200; k++) {
        await pick(weighted)!();
        await settle();
        const events = logOf(journal, room.state.id);
        const live = JSON.parse(JSON.stringify(room.state));
        expect(replay(events)).toEqual(live);
        const cut = 1 + Math.floor(rng.next() * (events.length - 1));
        expect(replay(events.slice(cut), replay(events.slice(0, cut)))).toEqual(live);
        // What a restart reads: the last snapshot and the events after it.
        const found = (await journal.find(room.state.code))!;
        expect(JSON.parse(JSON.stringify(replay(found.events, found.snapshot)))).toEqual(live);
      }
      const kinds = new Set(logOf(journal, room.state.id).map((e) => e.type));
      for (const t of teams ? ["created", "joined", "configured", "roundStarted", "proposed", "teamStepped"] : ["created", "joined", "configured", "roundStarted", "stepped"]) expect(kinds, `seed ${seed} never reached ${t}`).toContain(t);
    }, 60_000);
  }
});

describe("a team's open tick survives a restart", () => {
  it("a proposal logged before the server stopped still counts: the restored room, resumed, closes the tick on its timer", async () => {
    const { d, journal, advance } = deps(99);
    const rooms = new RoomRegistry(d);
    const made = await rooms.create("class");
    if (isGameError(made)) throw new Error(made.message);
    const room: Room = made;
    const ids: string[] = [];
    for (const name of ["Ada", "Ben"]) {
      const s = await room.join(name, `device-${name}`.padEnd(16, "x"), `10.9.0.${ids.length}`);
      if (isGameError(s)) throw new Error(s.message);
      ids.push(s.id);
    }
    await room.configure({ landscapeId: "toy", budget: 5, batch: 4, timeLimitSec: 0, showOthers: false, seed: 5, ranked: false, teamSize: 2 }, []);
    expect(await room.runner.start()).toBeNull();
    await advance(5000); // the countdown
    expect(room.state.phase).toBe("running");
    const team = room.state.round!.teams![0]!;
    expect(team.members.map((m) => m.seatId).sort()).toEqual([...ids].sort());
    // Ada proposes; Ben has not when the server stops.
    expect(await room.runner.step(ids[0]!, { type: "step", seq: 1, dir: "downhill", lr: 0.3 })).toBeNull();
    expect(room.state.round!.teams![0]!.pending[ids[0]!]).toBeDefined();
    room.runner.cancelTimers();

    const again = new RoomRegistry(d);
    const back = (await again.byJoinCode(room.state.code))!;
    expect(back).not.toBe(room);
    expect(back.state.phase).toBe("paused");
    const restoredTeam = back.state.round!.teams![0]!;
    expect(restoredTeam.pending).toEqual(team.pending);
    expect(await back.runner.resume()).toBeNull();
    await advance(TEAM_TICK_MS + 10);
    for (const id of ids) expect(back.state.round!.walks[id]!.path).toHaveLength(2);
    const tick = back.state.round!.teams![0]!.ticks[0]!;
    expect(Object.keys(tick.proposals)).toEqual([ids[0]]);
    expect(replay(logOf(journal, back.state.id))).toEqual(JSON.parse(JSON.stringify(back.state)));
  });
});

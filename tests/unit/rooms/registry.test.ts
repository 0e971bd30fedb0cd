// The registry puts away rooms nobody is connected to, after EMPTY_ROOM_MS, and keeps rooms in
// use; a room put away comes back from its journal when its code is asked for.
import type { HomeworkStore } from "../../../server/rooms/deps";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOM_MS, RoomRegistry, SWEEP_MS } from "../../../server/rooms/registry";
import { isGameError } from "../../../lib/game/phase";
import type { RoomDeps } from "../../../server/rooms/deps";
import { MemoryJournal } from "../../../server/rooms/journal";
import type { Room } from "../../../server/rooms/room";

const unused = () => Promise.reject(new Error("unused"));
const noHomework: HomeworkStore = { create: unused, get: unused, ofClass: unused, handIn: unused, handedIn: unused, walks: unused };

function fakeDeps() {
  let now = 1_000_000;
  let seq = 0;
  const present = new Set<string>();
  const logged: string[] = [];
  const deps: RoomDeps = {
    landscapes: { catalog: () => [], ensure: () => Promise.reject(new Error("unused")), probe: () => Promise.reject(new Error("unused")), field: () => Promise.reject(new Error("unused")), ghost: () => Promise.reject(new Error("unused")), sightFacts: () => ({ chance: 0.5, picture: null }), regions: () => Promise.resolve(null), turnedGrid: () => Promise.reject(new Error("unused")) },
    results: { saveScore: () => Promise.reject(new Error("unused")), saveSessionRound: () => Promise.resolve() },
    admission: { rankedWrite: () => Promise.resolve(true) },
    journal: new MemoryJournal(),
    homework: noHomework,
    clock: { now: () => now, setTimeout: () => ++seq, clearTimeout: () => {} },
    outbox: {
      toSeat: () => {}, toHost: () => {}, toSeats: () => {}, detachSeat: () => {}, evict: () => {}, toHostAnywhere: () => {},
      occupied: (roomId, seatIds) => present.has(`host:${roomId}`) || seatIds.some((s) => present.has(`${roomId}:${s}`)),
    },
    chance: { secret: () => `secret${++seq}`.padEnd(16, "x"), uniform: () => (++seq % 97) / 97, seed: () => ++seq },
    log: { info: (_o, m) => void logged.push(m ?? ""), warn: () => {}, error: () => {} },
  };
  return { deps, present, logged, advance: (ms: number) => { now += ms; } };
}

describe("room registry", () => {
  it("puts away a class nobody has been connected to for EMPTY_ROOM_MS, and only then; its code brings it back", async () => {
    const f = fakeDeps();
    const rooms = new RoomRegistry(f.deps);
    const made = await rooms.create("class");
    if (isGameError(made)) throw new Error(made.message);
    const room: Room = made;
    const code = room.state.code;
    const seat = await room.join("Ada", null, "127.0.0.1");
    if (isGameError(seat)) throw new Error(seat.message);
    const seatId = seat.id;
    f.present.add(`${room.state.id}:${seatId}`);

    rooms.sweep();
    f.advance(EMPTY_ROOM_MS * 3);
    await room.rename(seatId, "Ada L"); // activity: an event
    rooms.sweep();
    expect(rooms.get(room.state.id)).toBe(room); // in use: kept however long

    f.present.clear(); // the student's phone drops
    rooms.sweep();
    f.advance(EMPTY_ROOM_MS - SWEEP_MS);
    rooms.sweep();
    expect(await rooms.byJoinCode(code)).toBe(room); // the seat waits for a reconnection

    f.present.add(`host:${room.state.id}`); // the teacher's projector comes back: the clock restarts
    rooms.sweep();
    f.present.clear();
    f.advance(SWEEP_MS);
    rooms.sweep();
    f.advance(EMPTY_ROOM_MS - SWEEP_MS);
    rooms.sweep();
    expect(rooms.size).toBe(1);

    f.advance(SWEEP_MS);
    rooms.sweep();
    expect(rooms.size).toBe(0);
    expect(rooms.get(room.state.id)).toBeUndefined();
    expect(f.logged).toContain("room put away");
    const back = await rooms.byJoinCode(code);
    expect(back).not.toBe(room);
    expect(back?.state.id).toBe(room.state.id);
    expect(back?.state.seats[seatId]?.nickname).toBe("Ada L");
  });

  it("keeps an empty room for at least the two minutes a reconnection is promised", () => {
    expect(EMPTY_ROOM_MS).toBeGreaterThanOrEqual(2 * 60_000 + SWEEP_MS);
  });
});

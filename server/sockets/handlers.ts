// One handler per client message type. Each receives a message already parsed by its zod schema
// and returns null or a GameError; an error changes nothing. Authority checks (is this socket in
// a room, is it the host) happen here, before any rule runs.
import type { Socket } from "socket.io";
import type { ClientMessage, ClientMsgOf } from "../../lib/protocol/client";
import { gameError, type GameError } from "../../lib/protocol/errors";
import { isGameError } from "../../lib/game/phase";
import type { Room } from "../rooms/room";
import type { RoomRegistry } from "../rooms/registry";
import { exportCsv } from "../rooms/csv";
import { MESSAGE_EVENT } from "../../lib/protocol/version";
import type { ServerMessage } from "../../lib/protocol/server";
import { hostChannel, roomChannel, seatChannel } from "./outbox";
import { isCleanNickname } from "./nicknames";
import type { Limits } from "./limits";
import { resolvePlay, resolveRules } from "../rooms/round-setup";
import { assign, homeworkList, homeworkResults, homeworkRules, mayStart } from "../rooms/homework";
import { replayWalk, replayed } from "../rooms/replay";
import { timingSafeEqual } from "node:crypto";

/** What a handler works with. */
export interface Ctx {
  socket: Socket;
  rooms: RoomRegistry;
  limits: Limits;
  /** The client's network address (limits and kicks count people, not sockets). */
  address: string;
}

type Result = GameError | null | Promise<GameError | null>;
type Handlers = { [T in ClientMessage["type"]]: (ctx: Ctx, msg: ClientMsgOf<T>) => Result };

const NOT_IN_ROOM = gameError("not_in_room", "You are not in a room: start a round or join one first.");
const NOT_HOST = gameError("not_host", "Only the host can do that.");

/** The room and seat this socket plays in. */
function seated(ctx: Ctx): { room: Room; seatId: string } | null {
  const room = ctx.socket.data.roomId ? ctx.rooms.get(ctx.socket.data.roomId) : undefined;
  const seatId: string | null = ctx.socket.data.seatId ?? null;
  return room && seatId && room.state.seats[seatId] ? { room, seatId } : null;
}

/** The room this socket hosts: a class it claimed, or a race whose owner seat it holds. */
function hosted(ctx: Ctx): Room | null {
  const hostOf: string | null = ctx.socket.data.hostOf ?? null;
  if (hostOf) return ctx.rooms.get(hostOf) ?? null;
  const s = seated(ctx);
  return s && s.room.state.ownerSeat === s.seatId ? s.room : null;
}

/** Runs a host command on the room this socket hosts; anyone else gets not_host and nothing changes. */
function asHost<R>(ctx: Ctx, run: (room: Room) => R): R | GameError {
  const room = hosted(ctx);
  return room ? run(room) : NOT_HOST;
}

/**
 * Puts this socket in a seat (leaving any other) and tells it the room at once; the others hear
 * of it with the room's next coalesced broadcast, so a class joining at once costs one round of views.
 */
function attach(ctx: Ctx, room: Room, seatId: string): void {
  detach(ctx);
  ctx.socket.data.roomId = room.state.id;
  ctx.socket.data.seatId = seatId;
  void ctx.socket.join([seatChannel(room.state.id, seatId), roomChannel(room.state.id)]);
  room.setConnected(seatId, true);
  room.sendSeatView(seatId);
  room.broadcastSoon();
}

/** Takes this socket out of its seat and host channel; the seat itself waits for a reconnection. */
export function detach(ctx: Ctx): void {
  const s = seated(ctx);
  if (s) {
    void ctx.socket.leave(seatChannel(s.room.state.id, s.seatId));
    void ctx.socket.leave(roomChannel(s.room.state.id));
    const stillThere = ctx.socket.nsp.adapter.rooms.get(seatChannel(s.room.state.id, s.seatId))?.size ?? 0;
    if (stillThere === 0) s.room.setConnected(s.seatId, false);
  }
  if (ctx.socket.data.hostOf) {
    void ctx.socket.leave(hostChannel(ctx.socket.data.hostOf));
    void ctx.socket.leave(roomChannel(ctx.socket.data.hostOf));
  }
  ctx.socket.data.roomId = null;
  ctx.socket.data.seatId = null;
  ctx.socket.data.hostOf = null;
}

function checkName(nickname: string): GameError | null {
  return isCleanNickname(nickname) ? null : gameError("nickname_refused", "That nickname is not allowed here. Pick another (or take a suggested one).");
}

function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Makes this socket the host of a class and sends it the host's view. */
function becomeHost(ctx: Ctx, room: Room): void {
  detach(ctx);
  ctx.socket.data.hostOf = room.state.id;
  void ctx.socket.join([hostChannel(room.state.id), roomChannel(room.state.id)]);
  ctx.socket.emit(MESSAGE_EVENT, room.hostView());
}

/**
 * A player who comes back to a room (a refresh, a dropped connection, a restart) sees what they
 * missed: the reveal if the round was revealed. A solo round, or a race whose host comes back, that
 * a restart paused goes on by itself (a class waits for its teacher).
 */
async function comeBack(room: Room, seatId: string): Promise<void> {
  if (room.state.phase === "revealed") await room.runner.revealFor(seatId);
  else void room.runner.sendSight(seatId); // what the network gets right where they stand
  const ownsIt = room.state.kind === "solo" || (room.state.kind === "race" && room.state.ownerSeat === seatId);
  if (room.state.phase === "paused" && ownsIt) await room.runner.resume();
}

/** Every handler, by message type. */
export const HANDLERS: Handlers = {
  "solo.start": async (ctx, msg) => {
    const bad = checkName(msg.nickname);
    if (bad) return bad;
    const resolved = resolvePlay(ctx.rooms.deps, msg.play);
    if (isGameError(resolved)) return resolved;
    const limited = await ctx.limits.startRound({ device: msg.device ?? null, address: ctx.address });
    if (limited) return limited;
    const previous = seated(ctx);
    const room = await ctx.rooms.create("solo", msg.code);
    if (isGameError(room)) return room;
    const seat = await room.join(msg.nickname, msg.device ?? null, ctx.address);
    if (isGameError(seat)) { ctx.rooms.dispose(room); return seat; }
    if (previous?.room.state.kind === "solo" && previous.room !== room) ctx.rooms.dispose(previous.room);
    // Not in the seat until the round runs, but told how far a first build of the landscape is.
    const err = (await room.configure(resolved, [])) ?? (await room.runner.start((m) => ctx.socket.emit(MESSAGE_EVENT, m)));
    if (err) { ctx.rooms.dispose(room); return err; }
    attach(ctx, room, seat.id);
    return null;
  },
  step: (ctx, msg) => {
    const s = seated(ctx);
    return s ? s.room.runner.step(s.seatId, msg) : NOT_IN_ROOM;
  },
  feel: (ctx, msg) => {
    const s = seated(ctx);
    return s ? s.room.runner.probe(s.seatId, msg.dir) : NOT_IN_ROOM;
  },
  finish: (ctx) => {
    const s = seated(ctx);
    return s ? s.room.runner.finish(s.seatId) : NOT_IN_ROOM;
  },
  turn: (ctx, msg) => {
    const s = seated(ctx);
    return s ? s.room.runner.turn(s.seatId, msg.dir ?? null) : NOT_IN_ROOM;
  },
  "race.create": async (ctx, msg) => {
    const bad = checkName(msg.nickname);
    if (bad) return bad;
    const resolved = resolvePlay(ctx.rooms.deps, msg.play);
    if (isGameError(resolved)) return resolved;
    const limited = (await ctx.limits.createRoom(ctx.address)) ?? (await ctx.limits.startRound({ device: msg.device ?? null, address: ctx.address }));
    if (limited) return limited;
    const room = await ctx.rooms.create("race", msg.code);
    if (isGameError(room)) return room;
    const seat = await room.join(msg.nickname, msg.device ?? null, ctx.address, true);
    const err = isGameError(seat) ? seat : await room.configure(resolved, msg.ghosts);
    if (err || isGameError(seat)) { ctx.rooms.dispose(room); return err; }
    attach(ctx, room, seat.id);
    return null;
  },
  "class.create": async (ctx, msg) => {
    const limited = await ctx.limits.createRoom(ctx.address);
    if (limited) return limited;
    const room = await ctx.rooms.create("class", msg.code);
    if (isGameError(room)) return room;
    becomeHost(ctx, room);
    return null;
  },
  "room.join": async (ctx, msg) => {
    const blocked = await ctx.limits.mayTryCode(ctx.address);
    if (blocked) return blocked;
    const found = await ctx.rooms.byJoinCode(msg.code);
    const room = found && found.state.kind !== "solo" ? found : undefined; // a solo page's code is not a room to join
    if (!room) return (await ctx.limits.wrongCode(ctx.address)) ?? gameError("room_not_found", `There is no room with the code ${msg.code}. Check the code on the screen.`);
    const bad = checkName(msg.nickname);
    if (bad) return bad;
    // One seat per socket: joining the room it already sits in again renames that seat.
    const here = seated(ctx);
    if (here && here.room === room) {
      const renamed = await room.rename(here.seatId, msg.nickname);
      if (renamed) return renamed;
      room.sendSeatView(here.seatId);
      return null;
    }
    const seat = await room.join(msg.nickname, msg.device ?? null, ctx.address);
    if (isGameError(seat)) return seat;
    attach(ctx, room, seat.id);
    await comeBack(room, seat.id);
    return null;
  },
  "room.resume": async (ctx, msg) => {
    const blocked = await ctx.limits.mayTryCode(ctx.address);
    if (blocked) return blocked;
    const room = await ctx.rooms.byJoinCode(msg.code);
    if (!room) return (await ctx.limits.wrongCode(ctx.address)) ?? gameError("room_not_found", `The room ${msg.code} has closed.`);
    const seat = room.resume(msg.token);
    if (isGameError(seat)) return seat.code === "room_not_found" ? (await ctx.limits.wrongCode(ctx.address)) ?? seat : seat;
    attach(ctx, room, seat.id);
    await comeBack(room, seat.id);
    return null;
  },
  "room.leave": (ctx) => {
    const s = seated(ctx);
    detach(ctx);
    if (s?.room.state.kind === "solo") ctx.rooms.dispose(s.room);
    return null;
  },
  "host.claim": async (ctx, msg) => {
    const blocked = await ctx.limits.mayTryCode(ctx.address);
    if (blocked) return blocked;
    const room = await ctx.rooms.byJoinCode(msg.code);
    if (!room || room.state.kind !== "class") return (await ctx.limits.wrongCode(ctx.address)) ?? gameError("room_not_found", `There is no class with the code ${msg.code}.`);
    if (!secretsEqual(room.state.hostSecret, msg.hostSecret)) return (await ctx.limits.wrongCode(ctx.address)) ?? NOT_HOST;
    becomeHost(ctx, room);
    await room.runner.resendMap();
    await room.runner.revealFor(null);
    ctx.socket.emit(MESSAGE_EVENT, await homeworkList(room.deps, room.state.id));
    return null;
  },
  "host.setup": (ctx, msg) => asHost(ctx, async (room) => {
    const resolved = resolveRules(room.deps, msg.rules);
    return isGameError(resolved) ? resolved : room.configure(resolved, msg.ghosts);
  }),
  "host.start": (ctx) => asHost(ctx, async (room) => (await ctx.limits.startRound({ device: null, address: ctx.address })) ?? room.runner.start()),
  "host.pause": (ctx) => asHost(ctx, (room) => room.runner.pause()),
  "host.resume": (ctx) => asHost(ctx, (room) => room.runner.resume()),
  "host.reveal": (ctx) => asHost(ctx, (room) => room.runner.reveal({ by: "host" })),
  "host.end": (ctx) => asHost(ctx, (room) => room.end()),
  "host.kick": (ctx, msg) => asHost(ctx, (room) => room.kick(msg.playerId)),
  "host.readmit": (ctx, msg) => asHost(ctx, (room) => room.readmit(msg.playerId)),
  "host.rename": (ctx, msg) => asHost(ctx, (room) => checkName(msg.nickname) ?? room.rename(msg.playerId, msg.nickname)),
  "host.export": (ctx) => asHost(ctx, async (room) => {
    const homework = room.state.kind === "class" ? await Promise.all((await room.deps.homework.ofClass(room.state.id)).map(async (h) => ({ homework: h, walks: await room.deps.homework.walks(h.id) }))) : [];
    ctx.socket.emit(MESSAGE_EVENT, { type: "exported", filename: `downhill-${room.state.code ?? room.state.id}.csv`, csv: exportCsv(room.state, homework) } satisfies ServerMessage);
    return null;
  }),
  "host.assign": (ctx, msg) => asHost(ctx, async (room) => {
    if (room.state.kind !== "class") return gameError("wrong_phase", "Only a class's round can be set as homework.");
    const limited = await ctx.limits.createRoom(ctx.address);
    if (limited) return limited;
    const resolved = resolveRules(room.deps, msg.rules);
    return isGameError(resolved) ? resolved : assign(room, homeworkRules(resolved), msg.deadline);
  }),
  "host.homework": (ctx, msg) => asHost(ctx, async (room) => {
    const hw = await room.deps.homework.get(msg.id);
    if (!hw || hw.classId !== room.state.id) return gameError("room_not_found", "This class has no such homework.");
    ctx.socket.emit(MESSAGE_EVENT, await homeworkResults(room.deps, hw));
    return null;
  }),
  replay: async (ctx, msg) => {
    const s = seated(ctx);
    const room = s?.room ?? hosted(ctx);
    if (!room) return NOT_IN_ROOM;
    const round = room.state.round;
    if (!round || room.state.phase !== "revealed") return gameError("wrong_phase", "A replay is for after the reveal: walk first.");
    const range = round.landscape.lr;
    if (!(msg.lr >= range.min * (1 - 1e-9) && msg.lr <= range.max * (1 + 1e-9))) return gameError("bad_step", `On ${round.landscape.name} the step size goes from ${range.min} to ${range.max}; ${msg.lr.toPrecision(3)} is outside that range.`);
    const seat = s ? room.state.seats[s.seatId] : null;
    const limited = await ctx.limits.replay({ device: seat?.device ?? null, address: ctx.address });
    if (limited) return limited;
    ctx.socket.emit(MESSAGE_EVENT, replayed(await replayWalk(room.deps, round, msg.lr, msg.beta), msg.lr, msg.beta));
    return null;
  },
  "homework.start": async (ctx, msg) => {
    const bad = checkName(msg.nickname);
    if (bad) return bad;
    const hw = await ctx.rooms.deps.homework.get(msg.id);
    const refused = await mayStart(ctx.rooms.deps, hw, { device: msg.device ?? null, address: ctx.address });
    if (refused) return refused;
    const limited = await ctx.limits.startRound({ device: msg.device ?? null, address: ctx.address });
    if (limited) return limited;
    const room = await ctx.rooms.create("solo", msg.code, hw!.id);
    if (isGameError(room)) return room;
    const seat = await room.join(msg.nickname, msg.device ?? null, ctx.address);
    if (isGameError(seat)) { ctx.rooms.dispose(room); return seat; }
    const err = (await room.configure(hw!.rules, [])) ?? (await room.runner.start((m) => ctx.socket.emit(MESSAGE_EVENT, m)));
    if (err) { ctx.rooms.dispose(room); return err; }
    attach(ctx, room, seat.id);
    return null;
  },
};

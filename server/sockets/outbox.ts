// The Outbox rooms write to, over socket.io: every seat and every room's host is a socket.io
// room, so a player on two tabs, or a refreshed phone, gets its messages wherever it is.
import type { Server } from "socket.io";
import { MESSAGE_EVENT } from "../../lib/protocol/version";
import type { ServerMessage } from "../../lib/protocol/server";
import type { Outbox } from "../rooms/deps";

/** The socket.io room of a seat. */
export const seatChannel = (roomId: string, seatId: string) => `seat:${roomId}:${seatId}`;
/** The socket.io room of a room's host. */
export const hostChannel = (roomId: string) => `host:${roomId}`;

/** An Outbox that emits on socket.io channels. */
export function socketOutbox(io: Server): Outbox {
  return {
    toSeat: (roomId, seatId, msg: ServerMessage) => void io.to(seatChannel(roomId, seatId)).emit(MESSAGE_EVENT, msg),
    toHost: (roomId, msg: ServerMessage) => void io.to(hostChannel(roomId)).emit(MESSAGE_EVENT, msg),
    detachSeat: (roomId, seatId, msg: ServerMessage) => {
      const channel = seatChannel(roomId, seatId);
      io.to(channel).emit(MESSAGE_EVENT, msg);
      for (const socket of io.sockets.adapter.rooms.get(channel) ?? []) {
        const s = io.sockets.sockets.get(socket);
        if (!s) continue;
        s.leave(channel);
        s.data.roomId = null;
        s.data.seatId = null;
      }
    },
    occupied: (roomId, seatIds) => {
      const channels = io.sockets.adapter.rooms;
      return (channels.get(hostChannel(roomId))?.size ?? 0) > 0 || seatIds.some((id) => (channels.get(seatChannel(roomId, id))?.size ?? 0) > 0);
    },
  };
}

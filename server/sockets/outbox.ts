// The Outbox rooms write to, over socket.io: every seat and every room's host is a socket.io
// room, so a player on two tabs, or a refreshed phone, gets its messages wherever it is.
//
// Emits are local to this node (io.local): the balancer routes every page of a room to the node
// that runs it, so a room's messages never need to cross nodes, and sending each step's answer
// through Redis to every node would only add latency. (Nodes talk to each other through the
// adapter for handovers: server/cluster/cluster.ts.)
import type { Server } from "socket.io";
import { MESSAGE_EVENT } from "../../lib/protocol/version";
import type { ServerMessage } from "../../lib/protocol/server";
import type { Outbox } from "../rooms/deps";

/** The socket.io room of a seat. */
export const seatChannel = (roomId: string, seatId: string) => `seat:${roomId}:${seatId}`;
/** The socket.io room of a room's host. */
export const hostChannel = (roomId: string) => `host:${roomId}`;
/** The socket.io room of every socket in a room (its seats and its host). */
export const roomChannel = (roomId: string) => `room:${roomId}`;

/** An Outbox that emits on socket.io channels. */
export function socketOutbox(io: Server): Outbox {
  return {
    toSeat: (roomId, seatId, msg: ServerMessage) => void io.local.to(seatChannel(roomId, seatId)).emit(MESSAGE_EVENT, msg),
    toHost: (roomId, msg: ServerMessage) => void io.local.to(hostChannel(roomId)).emit(MESSAGE_EVENT, msg),
    // One emit to many channels: socket.io encodes the packet once and writes the same frame to
    // every socket in them (each socket once, even if it is in several).
    toSeats: (roomId, seatIds, msg: ServerMessage, withHost) => {
      const channels = seatIds.map((id) => seatChannel(roomId, id));
      if (withHost) channels.push(hostChannel(roomId));
      if (channels.length) io.local.to(channels).emit(MESSAGE_EVENT, msg);
    },
    detachSeat: (roomId, seatId, msg: ServerMessage) => {
      const channel = seatChannel(roomId, seatId);
      io.local.to(channel).emit(MESSAGE_EVENT, msg);
      for (const socket of io.sockets.adapter.rooms.get(channel) ?? []) {
        const s = io.sockets.sockets.get(socket);
        if (!s) continue;
        s.leave(channel);
        s.leave(roomChannel(roomId));
        s.data.roomId = null;
        s.data.seatId = null;
      }
    },
    toHostAnywhere: (roomId, msg: ServerMessage) => void io.to(hostChannel(roomId)).emit(MESSAGE_EVENT, msg),
    evict: (roomId, msg: ServerMessage) => {
      for (const socket of io.sockets.adapter.rooms.get(roomChannel(roomId)) ?? []) {
        const s = io.sockets.sockets.get(socket);
        if (!s) continue;
        s.emit(MESSAGE_EVENT, msg);
        // Closing the transport (not disconnecting the socket) makes the page reconnect by itself;
        // engine.io sends what is queued first.
        s.conn.close();
      }
    },
    occupied: (roomId, seatIds) => {
      const channels = io.sockets.adapter.rooms;
      return (channels.get(hostChannel(roomId))?.size ?? 0) > 0 || seatIds.some((id) => (channels.get(seatChannel(roomId, id))?.size ?? 0) > 0);
    },
  };
}

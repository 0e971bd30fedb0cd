// The protocol version, checked at the socket.io handshake: a client built against another
// version is refused with a clear sentence instead of misreading messages.

/** Bump on any incompatible change to a message schema. */
export const PROTOCOL_VERSION = 3;

/** The single socket.io event name that carries every message, in both directions. */
export const MESSAGE_EVENT = "msg";

/** Largest inbound socket.io payload the server accepts, in bytes. */
export const MAX_INBOUND_BYTES = 4096;

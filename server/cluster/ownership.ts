// Which node runs a room. One node: this one, always. Several nodes: the one holding the room's
// lease in Redis (server/cluster/leases.ts). The lease only decides who *should* run a room; the
// journal's epoch (Journal.claim) is what makes a stale owner harmless: once another node has
// claimed the room, every write of the old owner is refused by the database.

/** Thrown when this node does not run a room (another node holds it, or is handing it over). */
export class RoomElsewhereError extends Error {
  constructor(code: string) {
    super(`Room ${code} is run by another node right now.`);
    this.name = "RoomElsewhereError";
  }
}

/** Room ownership as the registry uses it. */
export interface Ownership {
  /** This node's name (logs, the health endpoint). */
  readonly nodeId: string;
  /**
   * Whether other nodes may run rooms too (a cluster). Then a room restored here is a takeover
   * within seconds of its owner's end, and its running round goes on at once.
   */
  readonly shared: boolean;
  /**
   * Takes a room's code for this node. If another node holds it, asks that node to hand it over and
   * waits (up to a few seconds) for it to let go or for its lease to run out: true once held, false
   * if the other node keeps it.
   */
  acquire(code: string): Promise<boolean>;
  /** Lets a code go (the room was put away here). */
  release(code: string): Promise<void>;
  /**
   * Registers what to do when this node loses a code it held: another node asked for it, or the
   * lease could not be renewed in time. The handler puts the room away and sends its pages off to
   * reconnect; it resolves once the room has stopped writing, and the code is released after.
   */
  onLost(handler: (code: string) => Promise<void>): void;
  /** Stops renewing and releases every code (shutdown). */
  close(): Promise<void>;
}

/** The ownership of a single node: every room is this node's. */
export function soleOwnership(nodeId = "embedded"): Ownership {
  return {
    nodeId,
    shared: false,
    acquire: async () => true,
    release: async () => undefined,
    onLost: () => undefined,
    close: async () => undefined,
  };
}

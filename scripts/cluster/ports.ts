// Free loopback ports, found by asking the kernel for ephemeral ones. They are held open together
// so that one call never returns the same port twice; another program could still take one before
// its server binds it, in which case that server fails to start with a clear line.
import { createServer, type Server } from "node:net";

/** `n` distinct ports that are free on 127.0.0.1 right now. */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let k = 0; k < n; k++) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => resolve());
      });
      const addr = s.address();
      if (addr === null || typeof addr === "string") throw new Error("no TCP address");
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
  }
}

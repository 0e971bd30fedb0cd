// The address phones in the room can open: the server's own LAN address (the projector shows it
// in its join link and QR code), or PUBLIC_URL for a real deployment. A browser's own address for
// the page may be `localhost`, which a phone cannot use.
import type { NetworkInterfaceInfo } from "node:os";

/** Whether an IPv4 address is in a private range (10/8, 172.16/12, 192.168/16). */
function isPrivate(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * This machine's IPv4 addresses other phones could reach, best first: private (a school's or a
 * home's network) before the rest; loopback and link-local (169.254/16) left out.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const all = Object.values(interfaces).flatMap((list) => list ?? []);
  const v4 = all.filter((i) => i.family === "IPv4" && !i.internal && !i.address.startsWith("169.254.")).map((i) => i.address);
  return [...new Set(v4)].sort((x, y) => Number(isPrivate(y)) - Number(isPrivate(x)));
}

/**
 * The base address of the join link (no trailing slash), or null when the page's own origin is the
 * best there is (the server listens on loopback only, or the machine has no LAN address).
 * PUBLIC_URL wins; a server listening on every interface advertises its first LAN address; one
 * listening on one address advertises that one.
 */
export function joinBase(opts: { publicUrl?: string; host: string; port: number; interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> }): string | null {
  if (opts.publicUrl) return opts.publicUrl.replace(/\/+$/, "");
  const wildcard = opts.host === "0.0.0.0" || opts.host === "::" || opts.host === "";
  if (wildcard) {
    const lan = lanAddresses(opts.interfaces)[0];
    return lan ? `http://${lan}:${opts.port}` : null;
  }
  if (opts.host === "localhost" || opts.host.startsWith("127.") || opts.host === "::1") return null;
  return `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${opts.port}`;
}

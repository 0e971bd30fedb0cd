// The join link's address: PUBLIC_URL, else the LAN address of a server listening on every
// interface, else its own address, else nothing (the page's origin).
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { joinBase, lanAddresses } from "../../../server/http/join-url";

const nic = (address: string, internal = false, family: "IPv4" | "IPv6" = "IPv4") => ({ address, internal, family, netmask: "", mac: "", cidr: null }) as unknown as NetworkInterfaceInfo;

describe("the join link's address", () => {
  const interfaces = {
    lo: [nic("127.0.0.1", true), nic("::1", true, "IPv6")],
    docker0: [nic("172.17.0.1")],
    wlan0: [nic("203.0.113.9"), nic("fe80::1", false, "IPv6")],
    eth0: [nic("192.168.1.23")],
    odd: [nic("169.254.10.10")],
  };

  it("lists the machine's reachable IPv4 addresses, private ones first, without loopback or link-local", () => {
    expect(lanAddresses(interfaces)).toEqual(["172.17.0.1", "192.168.1.23", "203.0.113.9"]);
    expect(lanAddresses({ lo: [nic("127.0.0.1", true)] })).toEqual([]);
  });

  it("prefers PUBLIC_URL, then a LAN address when listening everywhere, then the address listened on", () => {
    expect(joinBase({ publicUrl: "https://downhill.example.org/", host: "0.0.0.0", port: 3000, interfaces })).toBe("https://downhill.example.org");
    expect(joinBase({ host: "0.0.0.0", port: 3000, interfaces: { eth0: [nic("10.1.2.3")] } })).toBe("http://10.1.2.3:3000");
    expect(joinBase({ host: "10.9.9.9", port: 8080, interfaces })).toBe("http://10.9.9.9:8080");
    // Listening on loopback only, or no LAN at all: phones cannot reach it; the page's own origin is shown.
    expect(joinBase({ host: "127.0.0.1", port: 3000, interfaces })).toBeNull();
    expect(joinBase({ host: "0.0.0.0", port: 3000, interfaces: { lo: [nic("127.0.0.1", true)] } })).toBeNull();
  });

  it("on this machine, a server on every interface advertises this machine's own LAN address", () => {
    const real = networkInterfaces();
    const mine = Object.values(real).flat().filter((i) => i && i.family === "IPv4" && !i.internal && !i.address.startsWith("169.254.")).map((i) => i!.address);
    const base = joinBase({ host: "0.0.0.0", port: 3000, interfaces: real });
    if (mine.length === 0) expect(base).toBeNull();
    else expect(mine.map((a) => `http://${a}:3000`)).toContain(base);
  });
});

// What phones would open in the browser tests: this machine's LAN address on the test server's
// port, given to the server as PUBLIC_URL (the server itself listens on loopback only).
import { networkInterfaces } from "node:os";
import { lanAddresses } from "../../../server/http/join-url";

/** The test server's port. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
/** The join link's base the projector must show and encode in its QR code. */
export const E2E_PUBLIC_URL = `http://${lanAddresses(networkInterfaces())[0] ?? "127.0.0.1"}:${E2E_PORT}`;

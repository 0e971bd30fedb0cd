// A small binary container for cached landscapes and grids: a magic line, a JSON header (with
// the SHA-256 of the payload) and raw typed arrays. Written atomically (temp file + rename), so a
// reader sees the old file or the new one, never half of one; a file that fails any check reads
// as absent, never as data.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { endianness } from "node:os";
import { dirname } from "node:path";

const MAGIC = Buffer.from("DHCACHE1", "latin1");

/** The typed arrays a container holds. */
export type CachedArray = Float64Array | Float32Array;

/** What a read gives: the header's meta and the arrays, or why the file was not usable. */
export type ContainerRead = { ok: true; meta: Record<string, unknown>; arrays: CachedArray[] } | { ok: false; reason: string };

interface Header {
  meta: Record<string, unknown>;
  endian: string;
  arrays: { type: "f64" | "f32"; length: number }[];
  sha256: string;
}

// JSON has no Infinity or NaN (a grid of a diverging landscape has them): tag them.
const replacer = (_k: string, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? { $num: String(v) } : v);
const NON_FINITE = new Set(["Infinity", "-Infinity", "NaN"]);
const reviver = (_k: string, v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && NON_FINITE.has((v as { $num?: unknown }).$num as string)
    ? Number((v as { $num: string }).$num)
    : v;

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/** Writes meta and arrays to file atomically (a unique temp file in the same folder, then rename). */
export function writeContainer(file: string, meta: Record<string, unknown>, arrays: CachedArray[]): void {
  const parts = arrays.map((a) => {
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return pad8(bytes.length) ? Buffer.concat([bytes, Buffer.alloc(pad8(bytes.length))]) : bytes;
  });
  const payload = Buffer.concat(parts);
  const header: Header = {
    meta,
    endian: endianness(),
    arrays: arrays.map((a) => ({ type: a instanceof Float64Array ? "f64" : "f32", length: a.length })),
    sha256: createHash("sha256").update(payload).digest("hex"),
  };
  const json = Buffer.from(JSON.stringify(header, replacer), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const headPad = Buffer.alloc(pad8(MAGIC.length + 4 + json.length));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([MAGIC, len, json, headPad, payload]));
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Reads a container; any mismatch (magic, header, sizes, checksum, endianness) is a reason, not a throw. */
export function readContainer(file: string): ContainerRead {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : `unreadable: ${String(e)}` };
  }
  try {
    if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: "not a cache file" };
    const jsonLen = buf.readUInt32LE(MAGIC.length);
    const jsonEnd = MAGIC.length + 4 + jsonLen;
    if (jsonEnd > buf.length) return { ok: false, reason: "truncated header" };
    const header = JSON.parse(buf.subarray(MAGIC.length + 4, jsonEnd).toString("utf8"), reviver) as Header;
    if (!header || typeof header !== "object" || !Array.isArray(header.arrays) || typeof header.sha256 !== "string") return { ok: false, reason: "bad header" };
    if (header.endian !== endianness()) return { ok: false, reason: `written on a ${header.endian} machine` };
    const start = jsonEnd + pad8(jsonEnd);
    const payload = buf.subarray(start);
    if (createHash("sha256").update(payload).digest("hex") !== header.sha256) return { ok: false, reason: "checksum mismatch" };
    const arrays: CachedArray[] = [];
    let at = 0;
    for (const { type, length } of header.arrays) {
      const size = type === "f64" ? 8 : 4;
      if (!Number.isInteger(length) || length < 0 || (type !== "f64" && type !== "f32")) return { ok: false, reason: "bad array entry" };
      const bytes = length * size;
      if (at + bytes > payload.length) return { ok: false, reason: "truncated payload" };
      // Copy into a fresh, aligned buffer: the arrays outlive the file buffer and may be transferred.
      const copy = new Uint8Array(bytes);
      copy.set(payload.subarray(at, at + bytes));
      arrays.push(type === "f64" ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer));
      at += bytes + pad8(bytes);
    }
    if (at !== payload.length) return { ok: false, reason: "trailing bytes" };
    return { ok: true, meta: header.meta ?? {}, arrays };
  } catch (e) {
    return { ok: false, reason: `unparsable: ${String(e)}` };
  }
}

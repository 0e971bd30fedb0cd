// The reveal grid travels as base64 of little-endian Float32 values: a quarter of JSON's size and
// exact to float precision. btoa/atob exist in browsers and in Node ≥16, so this stays pure.

/** Encodes Float32 values as base64 (little-endian). */
export function encodeGridValues(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? Number.NaN, true);
  let binary = "";
  const chunk = 0x8000; // String.fromCharCode takes its arguments on the stack: keep calls bounded.
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Decodes base64 little-endian Float32 values. */
export function decodeGridValues(b64: string): Float32Array {
  const binary = atob(b64);
  const n = Math.floor(binary.length / 4);
  const view = new DataView(new ArrayBuffer(n * 4));
  for (let i = 0; i < n * 4; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Encodes bytes as base64 (a decision-regions picture's cells, its data points). */
export function encodeBytes(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Decodes base64 bytes. */
export function decodeBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

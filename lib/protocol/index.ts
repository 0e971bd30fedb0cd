// The protocol: the only contract between browser and server.
export * from "./version";
export * from "./common";
export * from "./errors";
export * from "./client";
export * from "./server";
export * from "./grid-codec";

// The training core's public face: datasets, the network, slices, the catalog and the builders.
// Entry file only: every idea lives in its own module.
export * from "./types";
export * from "./prng";
export * from "./activations";
export * from "./losses";
export * from "./mlp";
export * from "./optimizers";
export * from "./datasets";
export * from "./train";
export * from "./vec";
export * from "./directions";
export * from "./hessian";
export * from "./slice";
export * from "./grid";
export * from "./regions";
export * from "./ghost";
export * from "./recipe";
export * from "./catalog";
export * from "./build";
export * from "./reslice";

// Generates what the checkout does not hold (postinstall): the training core's WebAssembly kernels
// (build-kernels.mjs) and the Prisma client. `prisma generate` never runs the schema engine, but
// the CLI insists that one exists; pointing it at any file stops it from trying to download one
// (there is no network here but the npm registry).
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kernels = spawnSync(process.execPath, [resolve(root, "scripts/build-kernels.mjs")], { cwd: root, stdio: "inherit" });
if (kernels.status !== 0) process.exit(kernels.status ?? 1);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const r = spawnSync(process.execPath, [resolve(root, "node_modules/prisma/build/index.js"), "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);

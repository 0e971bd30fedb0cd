// Lint: TypeScript rules plus the import boundaries of the house (DESIGN.md): lib is pure and
// imports nothing of app or server; app never imports server.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeBuiltins = ["node:*", "fs", "path", "child_process", "worker_threads", "os", "http", "net", "crypto"];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "server/db/generated/**", "artifacts/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/landscape/wasm/as/**", "lib/landscape/wasm/*.generated.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  { files: ["scripts/**/*.mjs", "*.js", "*.mjs"], languageOptions: { globals: globals.node } },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["**/server/**", "**/app/**", "@/server/*", "@/app/*"], message: "lib/ is the inner ring: it imports nothing of server/ or app/." },
          { group: [...nodeBuiltins, "socket.io*", "@prisma/*", "pixi.js", "react*", "next*", "pino"], message: "lib/ is pure: no I/O, no frameworks." },
        ],
      }],
      "no-restricted-syntax": ["error",
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "lib/ takes chance by injection (a seeded PRNG)." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "lib/ takes time by injection." },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/server/**", "@/server/*"], message: "app/ talks to the server only through lib/protocol." }],
      }],
    },
  },
);

import type { NextConfig } from "next";

/** Next.js runs inside our own server (server/main.ts); it serves pages only. */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pixi.js ships modern ESM; let Next bundle it for the client only.
  transpilePackages: [],
  typescript: { ignoreBuildErrors: false },
  // The map imports pixi.js's modules one by one (app/_components/map/pixi.ts): its entry would
  // bring the rest of the package by side effect, and its `exports` map names no inner module.
  turbopack: { resolveAlias: { "pixi-lib/*": "./node_modules/pixi.js/lib/*" } },
};

export default nextConfig;

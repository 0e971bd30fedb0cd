import type { NextConfig } from "next";

/** Next.js runs inside our own server (server/main.ts); it serves pages only. */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pixi.js ships modern ESM; let Next bundle it for the client only.
  transpilePackages: [],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
